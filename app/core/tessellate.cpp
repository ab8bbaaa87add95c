#include "core/tessellate.hpp"

// Ear clipping with hole bridging.
//  1. Each ring becomes a circular doubly linked list of nodes without repeated or collinear points; the exterior
//     runs counter-clockwise and holes clockwise, whatever the input winding.
//  2. Holes, left to right by their leftmost vertex, are spliced into the exterior along a bridge from that vertex
//     to the nearest vertex visible to its left (Eberly's ray-cast construction), leaving one weakly simple ring.
//     The ray cast and the visibility search go through a bucket grid of the edges and vertices (BridgeGrid), so
//     bridging thousands of holes does not scan the whole ring once per hole.
//  3. Ears are clipped from that ring, driven by a queue of vertices whose status may have changed: in a simple
//     polygon a clip changes only its two neighbours, so the whole job is linear in ear tests.
//  4. Only vertices that are not strictly convex (plus nodes sharing a position with another) can block an ear, so
//     only those are indexed: sorted along a Morton (z-order) curve, the array is an implicit quadtree, and an ear
//     test descends only the cells its triangle touches instead of scanning the ring.
//  5. Orientation signs are exact (floating-point filter, exact fallback), so collinear and touching configurations
//     are decided consistently.
//  6. Self-intersecting rings: when nothing can be clipped cleanly, a clockwise remainder is reversed, then the
//     least damaging ear is forced; past a budget of forced clips the rest is clipped without tests. Every step
//     removes a node, so the loop always ends, and the work stays near linear.

#include <algorithm>
#include <bit>
#include <cmath>
#include <iterator>
#include <limits>

namespace corridor::core {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Orientation products of coordinates beyond this overflow towards inf/NaN, after which no predicate means
// anything; such input is treated like non-finite input.
constexpr double kMaxCoordinate = 1e150;
// Once nothing could be clipped cleanly the ring is known to be tangled: from then on, when the ear queue runs dry,
// only this many vertices after the last clip are retried before a forced clip, and a full retry of the ring waits
// until an eighth of it has gone. That keeps badly self-intersecting input near linear instead of quadratic.
constexpr std::uint32_t kTangledWindow = 32;
// Forced clips allowed (beyond this base, plus one per this many nodes) before the ring is deemed hopelessly
// tangled and its remainder is clipped without ear tests: quick, and as good as anything for such input.
constexpr std::uint32_t kForcedBase = 64;
constexpr std::uint32_t kNodesPerForced = 16;
// Stale index entries (clipped nodes, vertices that became convex) are tolerated up to twice the live ones plus
// this slack before the index is rebuilt, so rebuilds stay rare and the index keeps shrinking with the ring.
constexpr std::size_t kRebuildSlack = 1024;
// Quadtree cells with this few entries are scanned rather than split: cheaper than three more binary searches.
constexpr std::size_t kLeafEntries = 8;
// Blockers appearing after a rebuild (only on self-intersecting rings) are scanned one by one until this many have
// gathered, then sorted into a run of the index (see flushPending).
constexpr std::size_t kPendingRun = 32;
// Index coordinates are quantised to 32 bits per axis, interleaved into a 64-bit Morton code.
constexpr double kQuantMax = 4294967295.0;

struct Node {
    double x = 0.0;
    double y = 0.0;
    std::uint32_t prev = kNone;
    std::uint32_t next = kNone;
    std::uint32_t vertex = 0;     // index written to the output
    std::uint32_t ticket = kNone; // slot of its current entry in the ear queue, kNone when not queued
    bool reflex = false;          // turn is not strictly convex: may lie inside an ear
    bool pinned = false;          // shares its position with another node (bridge end, touching rings): a blocker
    bool indexed = false;         // in the blocker index (the entry may be stale)
    bool removed = false;
    bool merged = false;          // in the ring being built: the exterior, or a hole already bridged into it
};

double cross(double ax, double ay, double bx, double by)
{
    return ax * by - ay * bx;
}

// Exact sign of ax*by - ax*cy - ay*bx + ay*cx + bx*cy - by*cx, the expanded orientation determinant: each product
// is split exactly into a rounded value and its error (fma), and the twelve parts are summed into a
// non-overlapping expansion (Shewchuk's grow-expansion), whose largest non-zero part carries the sign.
double orientExact(double ax, double ay, double bx, double by, double cx, double cy)
{
    const double factors[6][2] = {{ax, by}, {-ax, cy}, {-ay, bx}, {ay, cx}, {bx, cy}, {-by, cx}};
    double expansion[12] = {};
    int length = 0;
    for (const auto& f : factors) {
        const double product = f[0] * f[1];
        const double error = std::fma(f[0], f[1], -product);
        for (const double term : {error, product}) {
            double carry = term;
            for (int i = 0; i < length; ++i) {
                const double sum = carry + expansion[i];
                const double virtualB = sum - carry;
                const double virtualA = sum - virtualB;
                expansion[i] = (carry - virtualA) + (expansion[i] - virtualB);
                carry = sum;
            }
            expansion[length++] = carry;
        }
    }
    for (int i = length - 1; i >= 0; --i) {
        if (expansion[i] != 0.0) {
            return expansion[i];
        }
    }
    return 0.0;
}

// Twice the signed area of triangle abc, positive when a, b, c turn left (counter-clockwise, y up), with an exact
// sign. Ear clipping lives on collinear and touching configurations (bridges, shared corners, axis-aligned
// data); with rounded signs those are decided inconsistently, ears are refused for no reason and the fallback
// clips wrong ones. The rounded determinant is kept when its error bound (Shewchuk's, (3 + 16e)e of the
// magnitudes) shows its sign is right, which is almost always; only near-collinear triples take the exact path.
double orient2d(double ax, double ay, double bx, double by, double cx, double cy)
{
    constexpr double kHalfEpsilon = std::numeric_limits<double>::epsilon() * 0.5;
    constexpr double kErrorBound = (3.0 + 16.0 * kHalfEpsilon) * kHalfEpsilon;
    const double left = (bx - ax) * (cy - ay);
    const double right = (by - ay) * (cx - ax);
    const double det = left - right;
    // A difference of doubles is zero only when exact, so a zero product is a true zero and det is then exact
    // up to the sign-preserving rounding of the other product.
    if (std::abs(det) > kErrorBound * (std::abs(left) + std::abs(right)) || left == 0.0 || right == 0.0) {
        return det;
    }
    return orientExact(ax, ay, bx, by, cx, cy);
}

double orient(const Node& a, const Node& b, const Node& c)
{
    return orient2d(a.x, a.y, b.x, b.y, c.x, c.y);
}

bool samePosition(const Node& a, const Node& b)
{
    return a.x == b.x && a.y == b.y;
}

// Shoelace about the first point rather than the origin: projected coordinates are large and far from 0, and
// subtracting first keeps the products small and the cancellation mild.
double ringArea(const Vec2d* points, std::size_t count)
{
    if (points == nullptr || count < 3) {
        return 0.0;
    }
    const Vec2d origin = points[0];
    double twice = 0.0;
    for (std::size_t i = 1; i + 1 < count; ++i) {
        const Vec2d p = points[i] - origin;
        const Vec2d q = points[i + 1] - origin;
        twice += cross(p.x, p.y, q.x, q.y);
    }
    return twice * 0.5;
}

// Whether point p lies in triangle abc or on its boundary, whatever the triangle's winding.
bool inTriangleOrOnEdge(double ax, double ay, double bx, double by, double cx, double cy, double px, double py)
{
    const double d1 = orient2d(ax, ay, bx, by, px, py);
    const double d2 = orient2d(bx, by, cx, cy, px, py);
    const double d3 = orient2d(cx, cy, ax, ay, px, py);
    const bool anyNegative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    const bool anyPositive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    return !(anyNegative && anyPositive);
}

// Spreads the 32 bits of v to the even bit positions of a 64-bit word.
std::uint64_t spreadBits(std::uint32_t v)
{
    std::uint64_t x = v;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFULL;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFULL;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    x = (x | (x << 2)) & 0x3333333333333333ULL;
    x = (x | (x << 1)) & 0x5555555555555555ULL;
    return x;
}

// Gathers the even bits of x back into 32 bits (the inverse of spreadBits).
std::uint64_t compactBits(std::uint64_t x)
{
    x &= 0x5555555555555555ULL;
    x = (x | (x >> 1)) & 0x3333333333333333ULL;
    x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FULL;
    x = (x | (x >> 4)) & 0x00FF00FF00FF00FFULL;
    x = (x | (x >> 8)) & 0x0000FFFF0000FFFFULL;
    x = (x | (x >> 16)) & 0x00000000FFFFFFFFULL;
    return x;
}

std::uint64_t mortonCode(std::uint32_t qx, std::uint32_t qy)
{
    return spreadBits(qx) | (spreadBits(qy) << 1);
}

class EarClipper {
public:
    explicit EarClipper(std::vector<std::uint32_t>& out)
        : out_(out)
    {
    }

    void run(std::span<const RingView> rings, std::uint32_t indexBase, std::size_t nodeCapacity);

private:
    std::uint32_t addRing(const RingView& ring, std::uint32_t firstVertex, bool clockwise);
    std::uint32_t filterRing(std::uint32_t start);
    void unlink(std::uint32_t id);
    std::uint32_t leftmost(std::uint32_t start) const;
    std::uint32_t findBridge(std::uint32_t hole) const;
    void splice(std::uint32_t ringNode, std::uint32_t holeNode);
    void buildBridgeGrid();
    void gridAddEdge(std::uint32_t id);
    void gridAddPoint(std::uint32_t id);
    std::uint32_t gridCol(double x) const;
    std::uint32_t gridRow(double y) const;
    template <class Visit> void gridVisitRow(const std::vector<std::uint32_t>& heads, std::uint32_t row,
                                             std::uint32_t col0, std::uint32_t col1, Visit&& visit) const;
    void markMerged(std::uint32_t start);
    bool wedgeContains(const Node& p, double tx, double ty) const;
    bool wedgeContainsOrBounds(const Node& p, double tx, double ty) const;

    void clipEars(std::uint32_t start);
    std::uint32_t clip(std::uint32_t a, std::uint32_t b, std::uint32_t c);
    std::uint32_t dropStraight(std::uint32_t id);
    std::uint32_t settle(std::uint32_t left, std::uint32_t right);
    std::uint32_t forceClip(std::uint32_t preferred, std::uint32_t cur);
    double remainingArea(std::uint32_t start) const;
    void enqueue(std::uint32_t id);
    void enqueueRun(std::uint32_t start, std::uint32_t count);
    std::uint32_t dequeue();
    void removeNode(std::uint32_t id);
    double reclassify(std::uint32_t id);
    void reverseRing(std::uint32_t start);
    void emit(std::uint32_t a, std::uint32_t b, std::uint32_t c);

    // Coordinates are copied in so that scanning a run of entries stays within one contiguous array.
    struct IndexEntry {
        std::uint64_t code = 0;
        double x = 0.0;
        double y = 0.0;
        std::uint32_t node = kNone;
    };
    // The ear under test with its bounding box.
    struct Ear {
        std::uint32_t ia = kNone;
        std::uint32_t ib = kNone;
        std::uint32_t ic = kNone;
        const Node* a = nullptr;
        const Node* b = nullptr;
        const Node* c = nullptr;
        double minX = 0.0;
        double minY = 0.0;
        double maxX = 0.0;
        double maxY = 0.0;
        // Per side (ab, bc, ca): its direction and a bound on the rounding error of the orientation of any point
        // of the box against it, so that most candidates are decided without the exact predicate's own checks.
        double edgeX[3] = {};
        double edgeY[3] = {};
        double errorBound[3] = {};
    };

    void rebuildIndex(std::uint32_t start, bool pinCoincident = false);
    void addBlocker(std::uint32_t id);
    void flushPending();
    void maybeRebuildIndex(std::uint32_t start);
    std::uint32_t quantize(double offset) const;
    std::uint64_t codeOf(double x, double y) const;
    std::size_t firstAtOrAfter(std::size_t lo, std::size_t hi, std::uint64_t code) const;
    Ear makeEar(std::uint32_t ia, std::uint32_t ib, std::uint32_t ic) const;
    bool earBlocked(std::uint32_t ia, std::uint32_t ib, std::uint32_t ic) const;
    bool searchRun(const Ear& ear, std::size_t lo, std::size_t hi) const;
    bool searchCell(const Ear& ear, std::uint64_t base, unsigned shift, std::uint64_t qx, std::uint64_t qy,
                    std::size_t lo, std::size_t hi) const;
    static bool boxTouchesEar(const Ear& ear, double x0, double y0, double x1, double y1);
    bool blocksEar(std::uint32_t id, double px, double py, const Ear& ear) const;
    bool touchesEar(const Node& p, const Ear& ear, double o1, double o2, double o3) const;

    static bool isBlocker(const Node& n) { return n.reflex || n.pinned; }

    std::vector<std::uint32_t>& out_;
    std::vector<Node> nodes_;

    // Bucket grid for bridging holes: per cell, linked lists (heads, then `next` in the entries) of the nodes whose
    // outgoing edge passes through the cell (padded, so an edge on a cell's border is in both) and of the nodes
    // lying in it. Built once over the exterior and all holes; a splice adds the few edges and nodes it creates. An
    // entry whose node's edge changed since is still a real edge of the ring, so visiting it is merely redundant.
    struct GridEntry {
        std::uint32_t node = kNone;
        std::uint32_t next = kNone;
    };
    struct BridgeGrid {
        double minX = 0.0;
        double minY = 0.0;
        double cell = 1.0;
        double invCell = 1.0;
        double pad = 0.0;
        std::uint32_t cols = 1;
        std::uint32_t rows = 1;
        std::vector<std::uint32_t> edgeHeads;
        std::vector<std::uint32_t> pointHeads;
        std::vector<GridEntry> entries;
    };
    BridgeGrid grid_;

    // Blockers sorted by Morton code over the ring's bounding box at the last rebuild. Entries are never removed
    // one by one: a clipped or now-convex node is skipped when met and dropped at the next rebuild. Nodes that turn
    // reflex later (only on self-intersecting rings) wait, unsorted, in pending_, and are then appended as further
    // sorted runs; runStarts_ holds where each run begins (the first is the rebuilt index itself).
    std::vector<IndexEntry> index_;
    std::vector<std::size_t> runStarts_;
    std::vector<IndexEntry> mergeScratch_;
    std::vector<std::uint32_t> pending_;
    double indexMinX_ = 0.0;
    double indexMinY_ = 0.0;
    double indexMaxX_ = 0.0;
    double indexMaxY_ = 0.0;
    double scale_ = 0.0;    // quanta per world unit
    double invScale_ = 0.0; // world units per quantum
    double pad_ = 0.0;
    std::uint32_t liveBlockers_ = 0;
    std::uint32_t remaining_ = 0; // nodes left in the ring being clipped
    std::uint32_t remainingAtLastReverse_ = kNone;

    // FIFO of vertices whose ear status may have changed, consumed from queueHead_. Queuing a vertex again moves it
    // to the back (its older entry goes stale, see Node::ticket).
    std::vector<std::uint32_t> queue_;
    std::size_t queueHead_ = 0;
};

void EarClipper::run(std::span<const RingView> rings, std::uint32_t indexBase, std::size_t nodeCapacity)
{
    nodes_.reserve(nodeCapacity);
    std::uint32_t outer = addRing(rings[0], indexBase, false);
    if (outer != kNone) {
        outer = filterRing(outer);
    }
    if (outer == kNone) {
        return;
    }
    markMerged(outer);

    std::vector<std::uint32_t> holes;
    holes.reserve(rings.size() - 1);
    std::uint32_t firstVertex = indexBase + static_cast<std::uint32_t>(rings[0].count);
    for (std::size_t r = 1; r < rings.size(); ++r) {
        std::uint32_t hole = addRing(rings[r], firstVertex, true);
        firstVertex += static_cast<std::uint32_t>(rings[r].count);
        if (hole != kNone) {
            hole = filterRing(hole);
        }
        if (hole != kNone) {
            holes.push_back(leftmost(hole));
        }
    }
    // Left to right: a hole's leftward ray can then only meet the exterior and holes already merged into it, never
    // a hole still waiting (those lie entirely to its right).
    std::sort(holes.begin(), holes.end(), [this](std::uint32_t a, std::uint32_t b) {
        return nodes_[a].x < nodes_[b].x || (nodes_[a].x == nodes_[b].x && nodes_[a].y < nodes_[b].y);
    });
    if (!holes.empty()) {
        buildBridgeGrid();
    }
    for (const std::uint32_t hole : holes) {
        const std::uint32_t bridge = findBridge(hole);
        if (bridge != kNone) {
            splice(bridge, hole);
        }
    }
    grid_ = BridgeGrid {};

    // Bridges can put equal points next to each other (a hole touching the exterior) or line points up.
    outer = filterRing(outer);
    if (outer != kNone) {
        clipEars(outer);
    }
}

// Builds one ring's list with the requested winding and returns a node of it, or kNone when the ring encloses no
// area. Consecutive repeats keep their first occurrence; the closing duplicate is never turned into a node.
std::uint32_t EarClipper::addRing(const RingView& ring, std::uint32_t firstVertex, bool clockwise)
{
    std::size_t count = ring.count;
    if (count >= 2 && ring.points[count - 1] == ring.points[0]) {
        --count;
    }
    const double area = ringArea(ring.points, count);
    if (area == 0.0) {
        return kNone; // fewer than three points, all on one line, or lobes that cancel exactly
    }

    const std::size_t first = nodes_.size();
    for (std::size_t i = 0; i < count; ++i) {
        const Vec2d p = ring.points[i];
        if (nodes_.size() > first && nodes_.back().x == p.x && nodes_.back().y == p.y) {
            continue;
        }
        Node node;
        node.x = p.x;
        node.y = p.y;
        node.vertex = firstVertex + static_cast<std::uint32_t>(i);
        nodes_.push_back(node);
    }
    if (nodes_.size() - first >= 2 && samePosition(nodes_.back(), nodes_[first])) {
        nodes_.pop_back();
    }
    const std::size_t last = nodes_.size();
    if (last - first < 3) {
        nodes_.resize(first);
        return kNone;
    }

    const bool reverse = (area > 0.0) == clockwise;
    for (std::size_t k = first; k < last; ++k) {
        const auto before = static_cast<std::uint32_t>(k == first ? last - 1 : k - 1);
        const auto after = static_cast<std::uint32_t>(k + 1 == last ? first : k + 1);
        nodes_[k].prev = reverse ? after : before;
        nodes_[k].next = reverse ? before : after;
    }
    return static_cast<std::uint32_t>(first);
}

// Drops nodes equal to their successor and nodes whose turn is exactly straight or folds back: neither bounds
// any area, and leaving them in would make zero-area ears and ambiguous wedges. Returns a surviving node, or kNone
// when fewer than three remain.
std::uint32_t EarClipper::filterRing(std::uint32_t start)
{
    std::uint32_t p = start;
    std::uint32_t stop = start;
    while (true) {
        const Node& node = nodes_[p];
        if (node.next == node.prev) {
            return kNone;
        }
        const Node& before = nodes_[node.prev];
        const Node& after = nodes_[node.next];
        if (samePosition(node, after) || orient(before, node, after) == 0.0) {
            // The predecessor's turn changed, so it is examined again; a lap after the last removal ends the pass.
            const std::uint32_t dropped = p;
            p = stop = node.prev;
            unlink(dropped);
            continue;
        }
        p = node.next;
        if (p == stop) {
            return stop;
        }
    }
}

void EarClipper::unlink(std::uint32_t id)
{
    Node& node = nodes_[id];
    nodes_[node.prev].next = node.next;
    nodes_[node.next].prev = node.prev;
    node.removed = true;
}

void EarClipper::markMerged(std::uint32_t start)
{
    std::uint32_t p = start;
    do {
        nodes_[p].merged = true;
        p = nodes_[p].next;
    } while (p != start);
}

std::uint32_t EarClipper::leftmost(std::uint32_t start) const
{
    std::uint32_t best = start;
    std::uint32_t p = nodes_[start].next;
    while (p != start) {
        const Node& n = nodes_[p];
        if (n.x < nodes_[best].x || (n.x == nodes_[best].x && n.y < nodes_[best].y)) {
            best = p;
        }
        p = n.next;
    }
    return best;
}

// Whether the direction from node p towards point (tx, ty) points strictly into the polygon's interior there.
// The ring runs counter-clockwise, so the interior at p is the wedge swept counter-clockwise from the outgoing
// edge to the incoming one.
bool EarClipper::wedgeContains(const Node& p, double tx, double ty) const
{
    const Node& after = nodes_[p.next];
    const Node& before = nodes_[p.prev];
    const double turn = orient2d(p.x, p.y, after.x, after.y, before.x, before.y);
    if (turn > 0.0) {
        return orient2d(p.x, p.y, after.x, after.y, tx, ty) > 0.0 &&
               orient2d(p.x, p.y, tx, ty, before.x, before.y) > 0.0;
    }
    if (turn < 0.0) {
        // Reflex: inside unless within the (convex) exterior wedge from the incoming edge to the outgoing one.
        return !(orient2d(p.x, p.y, before.x, before.y, tx, ty) >= 0.0 &&
                 orient2d(p.x, p.y, tx, ty, after.x, after.y) >= 0.0);
    }
    if ((after.x - p.x) * (before.x - p.x) + (after.y - p.y) * (before.y - p.y) < 0.0) {
        // Straight: the interior is the half-plane left of the travel direction.
        return orient2d(p.x, p.y, after.x, after.y, tx, ty) > 0.0;
    }
    return false; // a fold-back spike or a zero-length edge opens nowhere: never bridge through it
}

// As wedgeContains, but a direction along one of p's edges counts as inside.
bool EarClipper::wedgeContainsOrBounds(const Node& p, double tx, double ty) const
{
    const Node& after = nodes_[p.next];
    const Node& before = nodes_[p.prev];
    const double turn = orient2d(p.x, p.y, after.x, after.y, before.x, before.y);
    if (turn > 0.0) {
        return orient2d(p.x, p.y, after.x, after.y, tx, ty) >= 0.0 &&
               orient2d(p.x, p.y, tx, ty, before.x, before.y) >= 0.0;
    }
    if (turn < 0.0) {
        return !(orient2d(p.x, p.y, before.x, before.y, tx, ty) > 0.0 &&
                 orient2d(p.x, p.y, tx, ty, after.x, after.y) > 0.0);
    }
    return wedgeContains(p, tx, ty);
}

// Finds the node the hole's leftmost node should be bridged to, or kNone when the hole is not inside the ring.
// A ray cast leftwards from the hole meets the ring first at I on an edge whose far endpoint P (smaller x) is the
// first guess; if other vertices lie inside triangle (hole, I, P) the visible one is the one seen at the smallest
// angle from the ray, nearest first. Of nodes sharing a position (earlier bridges) only one sheet opens towards
// the hole, which the wedge test picks. Both searches visit only the grid cells the ray and the triangle pass
// through; ties go to the lowest node id, so the answer does not depend on the order the cells are visited in.
std::uint32_t EarClipper::findBridge(std::uint32_t hole) const
{
    const Node& h = nodes_[hole];
    double hitX = -kInf;
    double enterX = -kInf;
    std::uint32_t hit = kNone;
    std::uint32_t hitEdge = kNone;
    // Nodes of holes still waiting, and nodes filtered out, are skipped.
    const auto testEdge = [&](std::uint32_t p) {
        const Node& a = nodes_[p];
        if (!a.merged || a.removed) {
            return;
        }
        const Node& b = nodes_[a.next];
        // Going down, the interior is on the +x side: the ray, running to -x, leaves the interior there; edges
        // merely touching the ray with an end count too. Going up, the ray enters the interior, and if such an edge
        // comes first the hole is outside the ring. Only proper crossings count for that: a ray grazing a vertex
        // or running along a horizontal edge (holes touching each other) must not make a hole vanish.
        const bool down = a.y >= h.y && b.y <= h.y && a.y != b.y;
        const bool up = a.y < h.y && b.y > h.y;
        if (!down && !up) {
            return;
        }
        // Interpolated from the lower end whatever the edge's direction, so that the two coinciding edges of an
        // earlier bridge give bit-identical crossings.
        const Node& low = a.y < b.y ? a : b;
        const Node& high = a.y < b.y ? b : a;
        double x = 0.0;
        if (a.y == h.y) {
            x = a.x;
        } else if (b.y == h.y) {
            x = b.x;
        } else {
            x = low.x + (h.y - low.y) * (high.x - low.x) / (high.y - low.y);
        }
        if (up && x <= h.x) {
            enterX = std::max(enterX, x);
        } else if (down && x <= h.x && (x > hitX || (x == hitX && p < hitEdge))) {
            hitX = x;
            hitEdge = p;
            if (a.y == h.y) {
                hit = p;
            } else if (b.y == h.y) {
                hit = a.next;
            } else if (a.x != b.x) {
                hit = a.x < b.x ? p : a.next;
            } else {
                hit = std::abs(a.y - h.y) < std::abs(b.y - h.y) ? p : a.next; // vertical: the nearer end
            }
        }
    };
    // Cell by cell leftwards along the ray's row, until the cells left can only hold crossings farther away than
    // one already found.
    const std::uint32_t row = gridRow(h.y);
    for (std::uint32_t col = gridCol(h.x) + 1; col-- > 0;) {
        const double right = grid_.minX + static_cast<double>(col + 1) * grid_.cell + grid_.pad;
        if (right < std::max(hitX, enterX)) {
            break;
        }
        gridVisitRow(grid_.edgeHeads, row, col, col, testEdge);
    }
    if (hit == kNone || enterX > hitX) {
        return kNone;
    }

    // When a ring node coincides with the hole's node (a touching hole) the bridge has no direction; the sheet to
    // use is the one containing the hole, whose inside starts along the bisector of the hole's two edges.
    const Node& holeNext = nodes_[h.next];
    const Node& holePrev = nodes_[h.prev];
    const double nextLen = std::hypot(holeNext.x - h.x, holeNext.y - h.y);
    const double prevLen = std::hypot(holePrev.x - h.x, holePrev.y - h.y);
    // A point a little way along that bisector (the hole's own edges are at least that long).
    const double reach = 0.25 * std::min(nextLen, prevLen);
    const double intoHoleX = h.x + reach * ((holeNext.x - h.x) / nextLen + (holePrev.x - h.x) / prevLen);
    const double intoHoleY = h.y + reach * ((holeNext.y - h.y) / nextLen + (holePrev.y - h.y) / prevLen);

    const Node& guess = nodes_[hit];
    std::uint32_t best = kNone;
    double bestTan = kInf;
    double bestDist = kInf;
    const auto testVertex = [&](std::uint32_t p) {
        const Node& r = nodes_[p];
        if (!r.merged || r.removed) {
            return;
        }
        // The box test first: it is cheap, and with the triangle flat (the hit edge on the ray's line) the
        // orientation test alone would take in the whole line.
        if (r.x >= guess.x && r.x <= h.x && r.y >= std::min(h.y, guess.y) && r.y <= std::max(h.y, guess.y) &&
            inTriangleOrOnEdge(h.x, h.y, hitX, h.y, guess.x, guess.y, r.x, r.y)) {
            const double dist = h.x - r.x;
            const double rise = std::abs(h.y - r.y);
            const bool coincident = dist == 0.0 && rise == 0.0;
            // A vertex on the ray itself may have an edge running along it (holes touching along a line); the
            // bridge may then follow that edge, so the wedge's boundary counts for it.
            bool opens = false;
            if (coincident) {
                opens = wedgeContains(r, intoHoleX, intoHoleY);
            } else if (rise == 0.0) {
                opens = wedgeContainsOrBounds(r, h.x, h.y);
            } else {
                opens = wedgeContains(r, h.x, h.y);
            }
            if (opens) {
                const double tan = dist > 0.0 ? rise / dist : (rise == 0.0 ? 0.0 : kInf);
                if (tan < bestTan || (tan == bestTan && (dist < bestDist || (dist == bestDist && p < best)))) {
                    best = p;
                    bestTan = tan;
                    bestDist = dist;
                }
            }
        }
    };
    // The triangle row by row: within a row's band its x-extent runs from side I-P to side hole-P, taken at the
    // band's ends (both sides are straight), and never beyond [P.x, hole.x].
    const double yLow = std::min(h.y, guess.y);
    const double yHigh = std::max(h.y, guess.y);
    const auto along = [&](double fromX, double y) {
        return guess.y == h.y ? fromX : fromX + (y - h.y) * (guess.x - fromX) / (guess.y - h.y);
    };
    for (std::uint32_t r = gridRow(yLow - grid_.pad), last = gridRow(yHigh + grid_.pad); r <= last; ++r) {
        const double bandLow = grid_.minY + static_cast<double>(r) * grid_.cell - grid_.pad;
        const double y0 = std::max(yLow, bandLow);
        const double y1 = std::min(yHigh, bandLow + grid_.cell + 2.0 * grid_.pad);
        double x0 = std::min({along(hitX, y0), along(hitX, y1), guess.x});
        double x1 = std::max(along(h.x, y0), along(h.x, y1));
        if (guess.y == h.y) {
            x0 = std::min(hitX, guess.x);
            x1 = h.x;
        }
        x0 = std::max(x0, guess.x);
        x1 = std::min(x1, h.x);
        gridVisitRow(grid_.pointHeads, r, gridCol(x0 - grid_.pad), gridCol(x1 + grid_.pad), testVertex);
    }
    return best != kNone ? best : hit;
}

// Sizes the bridging grid to about one cell per node, coarser where long edges would pass through too many cells
// (a ring crossing itself from side to side), and enters every live node and its outgoing edge.
void EarClipper::buildBridgeGrid()
{
    double minX = kInf;
    double minY = kInf;
    double maxX = -kInf;
    double maxY = -kInf;
    double length = 0.0; // of all edges, in x plus y
    std::size_t live = 0;
    for (const Node& n : nodes_) {
        if (n.removed) {
            continue;
        }
        ++live;
        minX = std::min(minX, n.x);
        minY = std::min(minY, n.y);
        maxX = std::max(maxX, n.x);
        maxY = std::max(maxY, n.y);
        const Node& next = nodes_[n.next];
        length += std::abs(next.x - n.x) + std::abs(next.y - n.y);
    }
    const double width = maxX - minX;
    const double height = maxY - minY;
    const double count = static_cast<double>(std::max<std::size_t>(live, 1));
    double cell = width > 0.0 && height > 0.0 ? std::sqrt(width) * std::sqrt(height) / std::sqrt(count)
                                              : std::max(width, height) / count;
    // Edges enter about length / cell cells beyond their first: keep that within a few per node.
    cell = std::max(cell, length / (4.0 * count));
    if (!(cell > 0.0) || !std::isfinite(cell)) {
        cell = 1.0;
    }
    const auto cellsAlong = [&](double extent) {
        return std::clamp(std::floor(extent / cell) + 1.0, 1.0, 4.0 * count + 1.0);
    };
    grid_.cols = static_cast<std::uint32_t>(cellsAlong(width));
    grid_.rows = static_cast<std::uint32_t>(cellsAlong(height));
    if (static_cast<double>(grid_.cols) * grid_.rows > 4.0 * count + 16.0) {
        // One axis long and the other short: cells of the first kind would be too many.
        cell *= std::sqrt(static_cast<double>(grid_.cols) * grid_.rows / (4.0 * count + 16.0));
        grid_.cols = static_cast<std::uint32_t>(cellsAlong(width));
        grid_.rows = static_cast<std::uint32_t>(cellsAlong(height));
    }
    grid_.minX = minX;
    grid_.minY = minY;
    grid_.cell = cell;
    grid_.invCell = 1.0 / cell;
    // Covers the rounding of the crossings and of the cell arithmetic, so an edge exactly on a cell's border is in
    // both cells.
    grid_.pad = 1e-9 * cell + 1e-12 * (std::abs(minX) + std::abs(maxX) + std::abs(minY) + std::abs(maxY));
    const std::size_t cells = static_cast<std::size_t>(grid_.cols) * grid_.rows;
    grid_.edgeHeads.assign(cells, kNone);
    grid_.pointHeads.assign(cells, kNone);
    grid_.entries.clear();
    grid_.entries.reserve(4 * live);
    for (std::uint32_t id = 0; id < nodes_.size(); ++id) {
        if (!nodes_[id].removed) {
            gridAddPoint(id);
            gridAddEdge(id);
        }
    }
}

std::uint32_t EarClipper::gridCol(double x) const
{
    const double t = std::floor((x - grid_.minX) * grid_.invCell);
    return t > 0.0 ? static_cast<std::uint32_t>(std::min(t, static_cast<double>(grid_.cols - 1))) : 0;
}

std::uint32_t EarClipper::gridRow(double y) const
{
    const double t = std::floor((y - grid_.minY) * grid_.invCell);
    return t > 0.0 ? static_cast<std::uint32_t>(std::min(t, static_cast<double>(grid_.rows - 1))) : 0;
}

void EarClipper::gridAddPoint(std::uint32_t id)
{
    const std::size_t cell = static_cast<std::size_t>(gridRow(nodes_[id].y)) * grid_.cols + gridCol(nodes_[id].x);
    grid_.entries.push_back({id, grid_.pointHeads[cell]});
    grid_.pointHeads[cell] = static_cast<std::uint32_t>(grid_.entries.size() - 1);
}

// Enters node id's outgoing edge in every cell it passes through: row by row, the x-extent of the edge within the
// (padded) band.
void EarClipper::gridAddEdge(std::uint32_t id)
{
    const Node& a = nodes_[id];
    const Node& b = nodes_[a.next];
    const Node& low = a.y < b.y ? a : b;
    const Node& high = a.y < b.y ? b : a;
    const auto xAt = [&](double y) {
        return high.y == low.y ? low.x : low.x + (y - low.y) * (high.x - low.x) / (high.y - low.y);
    };
    for (std::uint32_t r = gridRow(low.y - grid_.pad), last = gridRow(high.y + grid_.pad); r <= last; ++r) {
        const double bandLow = grid_.minY + static_cast<double>(r) * grid_.cell - grid_.pad;
        const double y0 = std::max(low.y, bandLow);
        const double y1 = std::min(high.y, bandLow + grid_.cell + 2.0 * grid_.pad);
        double x0 = std::min(xAt(y0), xAt(y1));
        double x1 = std::max(xAt(y0), xAt(y1));
        if (high.y == low.y) {
            x0 = std::min(a.x, b.x);
            x1 = std::max(a.x, b.x);
        }
        for (std::uint32_t c = gridCol(x0 - grid_.pad), end = gridCol(x1 + grid_.pad); c <= end; ++c) {
            const std::size_t cell = static_cast<std::size_t>(r) * grid_.cols + c;
            grid_.entries.push_back({id, grid_.edgeHeads[cell]});
            grid_.edgeHeads[cell] = static_cast<std::uint32_t>(grid_.entries.size() - 1);
        }
    }
}

template <class Visit>
void EarClipper::gridVisitRow(const std::vector<std::uint32_t>& heads, std::uint32_t row, std::uint32_t col0,
                              std::uint32_t col1, Visit&& visit) const
{
    for (std::uint32_t c = col0; c <= col1; ++c) {
        for (std::uint32_t e = heads[static_cast<std::size_t>(row) * grid_.cols + c]; e != kNone;
             e = grid_.entries[e].next) {
            visit(grid_.entries[e].node);
        }
    }
}

// Cuts the ring open at ringNode and walks the hole from holeNode back to a copy of ringNode:
// ... -> R -> H -> (hole) -> H' -> R' -> (rest of ring). The two bridge edges coincide, giving a weakly simple
// ring. All four ends share a position with another node, so they are pinned as possible ear blockers.
void EarClipper::splice(std::uint32_t ringNode, std::uint32_t holeNode)
{
    markMerged(holeNode);
    const auto holeCopy = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(nodes_[holeNode]);
    const auto ringCopy = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(nodes_[ringNode]);

    const std::uint32_t ringNext = nodes_[ringNode].next;
    const std::uint32_t holePrev = nodes_[holeNode].prev;

    nodes_[ringNode].next = holeNode;
    nodes_[holeNode].prev = ringNode;

    nodes_[holePrev].next = holeCopy;
    nodes_[holeCopy].prev = holePrev;
    nodes_[holeCopy].next = ringCopy;
    nodes_[ringCopy].prev = holeCopy;
    nodes_[ringCopy].next = ringNext;
    nodes_[ringNext].prev = ringCopy;

    for (const std::uint32_t id : {ringNode, holeNode, holeCopy, ringCopy}) {
        nodes_[id].pinned = true;
    }
    // The new edges: the bridge there (R -> H) and back (H' -> R'), and R' -> the rest, where R's old edge ran.
    for (const std::uint32_t id : {ringNode, holeCopy, ringCopy}) {
        gridAddEdge(id);
    }
    gridAddPoint(holeCopy);
    gridAddPoint(ringCopy);
}

// Clips ears off the ring until three nodes are left. Which vertices to test comes from a queue: in a simple
// polygon clipping an ear changes the ear status of its two neighbours only (a vertex inside another's triangle
// implies a reflex one inside, so making some vertex convex never frees a distant ear), so after one pass over the
// ring each clip costs two tests. When the queue runs dry early, the ring is not simple (or touches itself in a way
// that breaks that argument): the whole ring is retried, a clockwise remainder reversed, and failing that an ear is
// forced. Every forced step removes a node, so the loop ends; past a budget of forced steps the rest is clipped
// without tests, the last resort that bounds the work on hopeless input.
void EarClipper::clipEars(std::uint32_t start)
{
    remaining_ = 0;
    std::uint32_t p = start;
    do {
        Node& n = nodes_[p];
        n.reflex = orient(nodes_[n.prev], n, nodes_[n.next]) <= 0.0;
        ++remaining_;
        p = n.next;
    } while (p != start);
    rebuildIndex(start, true);
    queue_.reserve(static_cast<std::size_t>(remaining_) + kTangledWindow + 1);
    enqueueRun(start, remaining_);

    std::uint32_t cursor = start;                    // near the latest change: where a local retry starts
    std::uint32_t remainingAtFullRetry = remaining_; // the first pass counts as a full retry
    bool tangled = false;
    bool windowTried = false;
    bool hopeless = false;
    std::uint32_t forcedLeft = kForcedBase + remaining_ / kNodesPerForced;
    // Of the convex vertices whose ear was blocked since the last clip, the one with the smallest ear: if nothing
    // can be clipped cleanly, forcing that one does the least damage (often a sliver left by rounding).
    std::uint32_t smallest = kNone;
    double smallestTurn = kInf;
    while (remaining_ > 3) {
        const std::uint32_t v = dequeue();
        if (v != kNone) {
            const std::uint32_t a = nodes_[v].prev;
            const std::uint32_t c = nodes_[v].next;
            const double turn = orient(nodes_[a], nodes_[v], nodes_[c]);
            if (turn == 0.0) {
                cursor = dropStraight(v);
            } else if (turn > 0.0) {
                if (hopeless || !earBlocked(a, v, c)) {
                    cursor = clip(a, v, c);
                    smallest = kNone;
                    smallestTurn = kInf;
                } else if (turn < smallestTurn) {
                    smallest = v;
                    smallestTurn = turn;
                }
            }
            continue;
        }
        const std::uint32_t progress = remainingAtFullRetry - remaining_;
        if (progress > 0 && (!tangled || hopeless || progress >= remaining_ / 8)) {
            remainingAtFullRetry = remaining_;
            if (remainingArea(cursor) < 0.0) {
                // What is left winds clockwise: the back-to-front lobe of a self-intersecting ring. Reversed, it
                // clips like any other polygon.
                reverseRing(cursor);
            }
            enqueueRun(cursor, remaining_);
            continue;
        }
        if (hopeless) {
            // Not one convex vertex since the last full pass: everything turns right, so reverse (once per stage).
            if (remaining_ == remainingAtLastReverse_) {
                return;
            }
            remainingAtLastReverse_ = remaining_;
            reverseRing(cursor);
            enqueueRun(cursor, remaining_);
            continue;
        }
        tangled = true;
        if (!windowTried) {
            windowTried = true;
            enqueueRun(cursor, std::min(remaining_, kTangledWindow));
            continue;
        }
        windowTried = false;
        cursor = forceClip(smallest, cursor);
        smallest = kNone;
        smallestTurn = kInf;
        if (cursor == kNone) {
            return;
        }
        if (--forcedLeft == 0) {
            hopeless = true;
            enqueueRun(cursor, remaining_);
        }
    }
    if (remaining_ == 3) {
        const std::uint32_t a = nodes_[cursor].prev;
        const std::uint32_t c = nodes_[cursor].next;
        const double turn = orient(nodes_[a], nodes_[cursor], nodes_[c]);
        if (turn > 0.0) {
            emit(a, cursor, c);
        } else if (turn < 0.0) {
            emit(c, cursor, a); // the last lobe of a self-intersecting ring: still cover it, counter-clockwise
        }
    }
}

// Emits ear (a, b, c) and removes b. Returns a live node next to the cut.
std::uint32_t EarClipper::clip(std::uint32_t a, std::uint32_t b, std::uint32_t c)
{
    emit(a, b, c);
    removeNode(b);
    const std::uint32_t near = settle(a, c);
    maybeRebuildIndex(near);
    return near;
}

// A straight or folded-back vertex bounds no area: it goes without a triangle. Returns a live node next to the cut.
std::uint32_t EarClipper::dropStraight(std::uint32_t id)
{
    const std::uint32_t a = nodes_[id].prev;
    const std::uint32_t c = nodes_[id].next;
    removeNode(id);
    return settle(a, c);
}

// After a removal made `left` and `right` neighbours: updates both and queues them (left first, so that right waits
// behind it and both behind the rest of the ring, which spreads ears around instead of fanning out of one vertex).
// A vertex left straight or folded back is dropped at once, and so on along the cut: a fold of zero area (such as
// the last of a lobe, or of a hole walled in by others) must collapse before any ear is tested against its edges.
std::uint32_t EarClipper::settle(std::uint32_t left, std::uint32_t right)
{
    while (true) {
        const double leftTurn = reclassify(left);
        const double rightTurn = reclassify(right);
        if (remaining_ > 3 && leftTurn == 0.0) {
            const std::uint32_t before = nodes_[left].prev;
            removeNode(left);
            left = before;
        } else if (remaining_ > 3 && rightTurn == 0.0) {
            const std::uint32_t after = nodes_[right].next;
            removeNode(right);
            right = after;
        } else {
            enqueue(left);
            enqueue(right);
            return right;
        }
    }
}

// Nothing can be clipped cleanly: clip a convex vertex regardless of what it overlaps, `preferred` if it still is
// one, else the first from `cur`. If there is none, every turn is a right turn, i.e. the rest winds clockwise;
// reversing it makes every vertex convex. Returns where to continue, or kNone when reversing achieved nothing.
std::uint32_t EarClipper::forceClip(std::uint32_t preferred, std::uint32_t cur)
{
    if (preferred != kNone && !nodes_[preferred].removed) {
        const std::uint32_t a = nodes_[preferred].prev;
        const std::uint32_t c = nodes_[preferred].next;
        if (orient(nodes_[a], nodes_[preferred], nodes_[c]) > 0.0) {
            return clip(a, preferred, c);
        }
    }
    for (std::uint32_t i = 0; i < remaining_; ++i) {
        const std::uint32_t a = nodes_[cur].prev;
        const std::uint32_t c = nodes_[cur].next;
        if (orient(nodes_[a], nodes_[cur], nodes_[c]) > 0.0) {
            return clip(a, cur, c);
        }
        cur = c;
    }
    if (remaining_ == remainingAtLastReverse_) {
        return kNone;
    }
    remainingAtLastReverse_ = remaining_;
    reverseRing(cur);
    enqueueRun(cur, remaining_);
    return cur;
}

// Signed area of the ring still being clipped, about one of its nodes (as ringArea does for points).
double EarClipper::remainingArea(std::uint32_t start) const
{
    const Node& origin = nodes_[start];
    double twice = 0.0;
    for (std::uint32_t p = origin.next; nodes_[p].next != start; p = nodes_[p].next) {
        const Node& q = nodes_[p];
        const Node& r = nodes_[q.next];
        twice += cross(q.x - origin.x, q.y - origin.y, r.x - origin.x, r.y - origin.y);
    }
    return twice * 0.5;
}

void EarClipper::enqueue(std::uint32_t id)
{
    if (queueHead_ > 1024 && queueHead_ * 2 > queue_.size()) {
        // Drop the consumed front and stale entries, so the queue stays within about twice the ring.
        std::size_t kept = 0;
        for (std::size_t i = queueHead_; i < queue_.size(); ++i) {
            Node& n = nodes_[queue_[i]];
            if (n.ticket == i && !n.removed) {
                n.ticket = static_cast<std::uint32_t>(kept);
                queue_[kept++] = queue_[i];
            }
        }
        queue_.resize(kept);
        queueHead_ = 0;
    }
    nodes_[id].ticket = static_cast<std::uint32_t>(queue_.size());
    queue_.push_back(id);
}

void EarClipper::enqueueRun(std::uint32_t start, std::uint32_t count)
{
    std::uint32_t p = start;
    for (std::uint32_t i = 0; i < count; ++i) {
        enqueue(p);
        p = nodes_[p].next;
    }
}

std::uint32_t EarClipper::dequeue()
{
    while (queueHead_ < queue_.size()) {
        const std::size_t slot = queueHead_++;
        Node& n = nodes_[queue_[slot]];
        if (n.ticket == slot && !n.removed) {
            n.ticket = kNone;
            return queue_[slot];
        }
    }
    queue_.clear();
    queueHead_ = 0;
    return kNone;
}

void EarClipper::removeNode(std::uint32_t id)
{
    if (isBlocker(nodes_[id])) {
        --liveBlockers_;
    }
    unlink(id);
    --remaining_;
}

// Updates a node's reflex flag and blocker bookkeeping after its neighbours changed; returns its turn.
double EarClipper::reclassify(std::uint32_t id)
{
    Node& n = nodes_[id];
    const bool was = isBlocker(n);
    const double turn = orient(nodes_[n.prev], n, nodes_[n.next]);
    n.reflex = turn <= 0.0;
    const bool is = isBlocker(n);
    if (was != is) {
        if (is) {
            ++liveBlockers_;
        } else {
            --liveBlockers_;
        }
    }
    if (is && !n.indexed) {
        addBlocker(id); // only on self-intersecting rings does a convex vertex turn reflex
    }
    return turn;
}

void EarClipper::reverseRing(std::uint32_t start)
{
    std::uint32_t p = start;
    do {
        Node& n = nodes_[p];
        std::swap(n.prev, n.next);
        p = n.prev; // the old next
    } while (p != start);
    do {
        Node& n = nodes_[p];
        n.reflex = orient(nodes_[n.prev], n, nodes_[n.next]) <= 0.0;
        p = n.next;
    } while (p != start);
    rebuildIndex(start);
}

void EarClipper::emit(std::uint32_t a, std::uint32_t b, std::uint32_t c)
{
    out_.push_back(nodes_[a].vertex);
    out_.push_back(nodes_[b].vertex);
    out_.push_back(nodes_[c].vertex);
}

// Collects the live blockers, sorts them along a Morton curve over their bounding box and forgets pending ones.
// With pinCoincident (the first build) every node is sorted, so that nodes sharing a position end up side by side
// and can be pinned: where a ring touches itself (holes meeting at a corner) even a convex vertex may have an
// edge entering an ear at the shared point, so such vertices must be tested like reflex ones.
void EarClipper::rebuildIndex(std::uint32_t start, bool pinCoincident)
{
    index_.clear();
    pending_.clear();
    runStarts_.assign(1, 0);
    // The box covers every node, not just the blockers, so that blockers appearing later still quantise properly.
    double minX = kInf;
    double minY = kInf;
    double maxX = -kInf;
    double maxY = -kInf;
    std::uint32_t p = start;
    do {
        Node& n = nodes_[p];
        minX = std::min(minX, n.x);
        minY = std::min(minY, n.y);
        maxX = std::max(maxX, n.x);
        maxY = std::max(maxY, n.y);
        n.indexed = isBlocker(n);
        if (n.indexed || pinCoincident) {
            index_.push_back({0, n.x, n.y, p});
        }
        p = n.next;
    } while (p != start);

    // One scale for both axes keeps the quadtree cells square, which keeps their triangle tests meaningful.
    const double extent = std::max(maxX - minX, maxY - minY);
    indexMinX_ = minX;
    indexMinY_ = minY;
    scale_ = extent > 0.0 ? kQuantMax / extent : 0.0;
    invScale_ = extent > 0.0 ? extent / kQuantMax : 0.0;
    // Quantising rounds, and so does mapping a cell back to world coordinates; two quanta plus a relative margin
    // exceed both, so a point exactly on an ear's edge is never pruned with its cell.
    pad_ = 2.0 * invScale_ + 1e-12 * (std::abs(minX) + std::abs(maxX) + std::abs(minY) + std::abs(maxY));
    indexMaxX_ = maxX + pad_;
    indexMaxY_ = maxY + pad_;
    for (IndexEntry& e : index_) {
        e.code = codeOf(e.x, e.y);
    }
    std::sort(index_.begin(), index_.end(),
              [](const IndexEntry& l, const IndexEntry& r) { return l.code < r.code; });

    if (pinCoincident) {
        // Equal positions have equal codes. Equal codes are within a quantum of each other, which is close enough
        // to coincident that testing them too costs nothing worth saving.
        for (std::size_t i = 0; i + 1 < index_.size(); ++i) {
            if (index_[i].code == index_[i + 1].code) {
                nodes_[index_[i].node].pinned = true;
                nodes_[index_[i + 1].node].pinned = true;
            }
        }
        std::erase_if(index_, [this](const IndexEntry& e) { return !isBlocker(nodes_[e.node]); });
        for (const IndexEntry& e : index_) {
            nodes_[e.node].indexed = true;
        }
    }
    liveBlockers_ = static_cast<std::uint32_t>(index_.size());
}

void EarClipper::addBlocker(std::uint32_t id)
{
    nodes_[id].indexed = true;
    pending_.push_back(id);
    if (pending_.size() >= kPendingRun) {
        flushPending();
    }
}

// Sorts the pending blockers into a new run and merges runs like a binary counter: a run is merged into the one
// before it as soon as it is at least as large, so runs halve in size along the array and there are only
// logarithmically many to search, while each entry is merged a logarithmic number of times.
void EarClipper::flushPending()
{
    const std::size_t first = index_.size();
    for (const std::uint32_t id : pending_) {
        const Node& n = nodes_[id];
        index_.push_back({codeOf(n.x, n.y), n.x, n.y, id});
    }
    pending_.clear();
    const auto byCode = [](const IndexEntry& l, const IndexEntry& r) { return l.code < r.code; };
    std::sort(index_.begin() + static_cast<std::ptrdiff_t>(first), index_.end(), byCode);
    runStarts_.push_back(first);
    while (runStarts_.size() >= 3) { // the rebuilt index (run 0) is only ever folded in by a rebuild
        const std::size_t last = runStarts_.back();
        const std::size_t before = runStarts_[runStarts_.size() - 2];
        if (index_.size() - last < last - before) {
            break;
        }
        mergeScratch_.clear();
        const auto beforeIt = index_.begin() + static_cast<std::ptrdiff_t>(before);
        const auto lastIt = index_.begin() + static_cast<std::ptrdiff_t>(last);
        std::merge(beforeIt, lastIt, lastIt, index_.end(), std::back_inserter(mergeScratch_), byCode);
        std::copy(mergeScratch_.begin(), mergeScratch_.end(), beforeIt);
        runStarts_.pop_back();
    }
}

void EarClipper::maybeRebuildIndex(std::uint32_t start)
{
    const std::size_t entries = index_.size() + pending_.size();
    if (entries > 2 * static_cast<std::size_t>(liveBlockers_) + kRebuildSlack) {
        rebuildIndex(start);
    }
}

std::uint32_t EarClipper::quantize(double offset) const
{
    const double t = offset * scale_;
    if (!(t > 0.0)) {
        return 0;
    }
    return t >= kQuantMax ? std::numeric_limits<std::uint32_t>::max() : static_cast<std::uint32_t>(t);
}

std::uint64_t EarClipper::codeOf(double x, double y) const
{
    return mortonCode(quantize(x - indexMinX_), quantize(y - indexMinY_));
}

std::size_t EarClipper::firstAtOrAfter(std::size_t lo, std::size_t hi, std::uint64_t code) const
{
    const auto it = std::lower_bound(index_.begin() + static_cast<std::ptrdiff_t>(lo),
                                     index_.begin() + static_cast<std::ptrdiff_t>(hi), code,
                                     [](const IndexEntry& e, std::uint64_t c) { return e.code < c; });
    return static_cast<std::size_t>(it - index_.begin());
}

// Whether a blocker prevents clipping ear (a, b, c), which turns left.
bool EarClipper::earBlocked(std::uint32_t ia, std::uint32_t ib, std::uint32_t ic) const
{
    if (liveBlockers_ == 0) {
        return false;
    }
    const Ear ear = makeEar(ia, ib, ic);
    for (const std::uint32_t id : pending_) {
        if (blocksEar(id, nodes_[id].x, nodes_[id].y, ear)) {
            return true;
        }
    }
    if (index_.empty() || ear.maxX < indexMinX_ - pad_ || ear.minX > indexMaxX_ || ear.maxY < indexMinY_ - pad_ ||
        ear.minY > indexMaxY_) {
        return false;
    }
    for (std::size_t r = 0; r < runStarts_.size(); ++r) {
        const std::size_t end = r + 1 < runStarts_.size() ? runStarts_[r + 1] : index_.size();
        if (runStarts_[r] < end && searchRun(ear, runStarts_[r], end)) {
            return true;
        }
    }
    return false;
}

// Searches one sorted run, starting from the smallest quadtree cell holding the ear's whole box: the common prefix
// of its corners' codes.
bool EarClipper::searchRun(const Ear& ear, std::size_t lo, std::size_t hi) const
{
    const std::uint64_t lowCode = codeOf(ear.minX, ear.minY);
    const std::uint64_t highCode = codeOf(ear.maxX, ear.maxY);
    const std::uint64_t differing = lowCode ^ highCode;
    const unsigned shift = differing == 0 ? 0U : (static_cast<unsigned>(std::bit_width(differing)) + 1U) & ~1U;
    const std::uint64_t base = shift >= 64 ? 0 : lowCode & ~((std::uint64_t{1} << shift) - 1);
    const std::size_t first = firstAtOrAfter(lo, hi, base);
    std::size_t last = hi;
    if (shift < 64) {
        const std::uint64_t end = base + (std::uint64_t{1} << shift);
        if (end != 0) { // 0 means the cell reaches the very end of the code space
            last = firstAtOrAfter(first, hi, end);
        }
    }
    return first < last && searchCell(ear, base, shift, compactBits(base), compactBits(base >> 1), first, last);
}

// Implicit quadtree: the entries of a cell are a contiguous run of the sorted array, and its four children split
// that run at three code boundaries. Cells missing the ear are pruned with a separating-axis test, so a long thin
// ear only descends along its own outline, and small runs are simply scanned.
bool EarClipper::searchCell(const Ear& ear, std::uint64_t base, unsigned shift, std::uint64_t qx, std::uint64_t qy,
                            std::size_t lo, std::size_t hi) const
{
    if (hi - lo <= kLeafEntries || shift == 0) {
        for (std::size_t i = lo; i < hi; ++i) {
            const IndexEntry& e = index_[i];
            if (blocksEar(e.node, e.x, e.y, ear)) {
                return true;
            }
        }
        return false;
    }
    // (qx, qy) is the cell's lower-left corner in quanta and `cells` its side.
    const std::uint64_t cells = std::uint64_t{1} << (shift / 2);
    const double x0 = indexMinX_ + static_cast<double>(qx) * invScale_ - pad_;
    const double y0 = indexMinY_ + static_cast<double>(qy) * invScale_ - pad_;
    const double side = static_cast<double>(cells) * invScale_ + 2.0 * pad_;
    if (!boxTouchesEar(ear, x0, y0, x0 + side, y0 + side)) {
        return false;
    }
    const unsigned childShift = shift - 2;
    const std::uint64_t quarter = std::uint64_t{1} << childShift;
    const std::uint64_t half = cells / 2;
    std::size_t from = lo;
    for (std::uint64_t k = 0; k < 4; ++k) {
        const std::size_t to = k == 3 ? hi : firstAtOrAfter(from, hi, base + (k + 1) * quarter);
        // Morton order within a cell: lower-left, lower-right, upper-left, upper-right.
        if (from < to && searchCell(ear, base + k * quarter, childShift, qx + (k & 1) * half, qy + (k >> 1) * half,
                                    from, to)) {
            return true;
        }
        from = to;
    }
    return false;
}

// Separating-axis test of a box against the ear: the box's own axes, then each ear edge with all four corners
// strictly on its outer side.
bool EarClipper::boxTouchesEar(const Ear& ear, double x0, double y0, double x1, double y1)
{
    if (x1 < ear.minX || x0 > ear.maxX || y1 < ear.minY || y0 > ear.maxY) {
        return false;
    }
    const Node* corners[] = {ear.a, ear.b, ear.c};
    for (int i = 0; i < 3; ++i) {
        const Node& p = *corners[i];
        const Node& q = *corners[(i + 1) % 3];
        const double ex = q.x - p.x;
        const double ey = q.y - p.y;
        if (cross(ex, ey, x0 - p.x, y0 - p.y) < 0.0 && cross(ex, ey, x1 - p.x, y0 - p.y) < 0.0 &&
            cross(ex, ey, x0 - p.x, y1 - p.y) < 0.0 && cross(ex, ey, x1 - p.x, y1 - p.y) < 0.0) {
            return false;
        }
    }
    return true;
}

EarClipper::Ear EarClipper::makeEar(std::uint32_t ia, std::uint32_t ib, std::uint32_t ic) const
{
    Ear ear;
    ear.ia = ia;
    ear.ib = ib;
    ear.ic = ic;
    ear.a = &nodes_[ia];
    ear.b = &nodes_[ib];
    ear.c = &nodes_[ic];
    ear.minX = std::min({ear.a->x, ear.b->x, ear.c->x});
    ear.maxX = std::max({ear.a->x, ear.b->x, ear.c->x});
    ear.minY = std::min({ear.a->y, ear.b->y, ear.c->y});
    ear.maxY = std::max({ear.a->y, ear.b->y, ear.c->y});
    // For p in the box |p - corner| is at most the box's size per axis; 4 epsilon covers the (3 + 16e)e of
    // orient2d plus the rounding of these products.
    const double width = ear.maxX - ear.minX;
    const double height = ear.maxY - ear.minY;
    const Node* corners[] = {ear.a, ear.b, ear.c, ear.a};
    for (int i = 0; i < 3; ++i) {
        ear.edgeX[i] = corners[i + 1]->x - corners[i]->x;
        ear.edgeY[i] = corners[i + 1]->y - corners[i]->y;
        ear.errorBound[i] = 4.0 * std::numeric_limits<double>::epsilon() *
                            (std::abs(ear.edgeX[i]) * height + std::abs(ear.edgeY[i]) * width);
    }
    return ear;
}

// Whether node `id`, at (px, py), keeps the ear from being clipped. The position comes from the caller (an index
// entry holds a copy) so that the node itself is only read for the few points that are in or on the ear.
bool EarClipper::blocksEar(std::uint32_t id, double px, double py, const Ear& ear) const
{
    // The ear's own corners come first: they would sit exactly on its sides and send every test down the slow
    // exact path for nothing.
    if (id == ear.ia || id == ear.ib || id == ear.ic || px < ear.minX || px > ear.maxX || py < ear.minY ||
        py > ear.maxY) {
        return false;
    }
    const Node* corners[] = {ear.a, ear.b, ear.c, ear.a};
    double side[3] = {};
    for (int i = 0; i < 3; ++i) {
        const Node& from = *corners[i];
        const Node& to = *corners[i + 1];
        const double det = ear.edgeX[i] * (py - from.y) - ear.edgeY[i] * (px - from.x);
        side[i] = std::abs(det) > ear.errorBound[i] ? det : orient2d(from.x, from.y, to.x, to.y, px, py);
        if (side[i] < 0.0) {
            return false;
        }
    }
    const double o1 = side[0];
    const double o2 = side[1];
    const double o3 = side[2];
    const Node& p = nodes_[id];
    if (p.removed || !isBlocker(p)) {
        return false; // stale index entry
    }
    if (o1 > 0.0 && o2 > 0.0 && o3 > 0.0) {
        return true;
    }
    return touchesEar(p, ear, o1, o2, o3);
}

// p lies on the ear's boundary: on a corner (a bridge copy, holes touching at a vertex) or on a side. It blocks
// if one of its edges leaves it into the ear, or both run along the ear's sides (see below). Otherwise the ring
// passes p without entering the ear, and which side of that passage the ear lies on cannot be read from p alone:
// beside a bridge the ear is outside p's wedge, where two holes touch it is inside both wedges, and both are fine.
// Were the ear really outside the polygon there, the ring would have to enclose that part of it, putting a vertex
// strictly inside, which blocks anyway.
bool EarClipper::touchesEar(const Node& p, const Ear& ear, double o1, double o2, double o3) const
{
    const Node& a = *ear.a;
    const Node& b = *ear.b;
    const Node& c = *ear.c;
    // The cone of ear directions at p runs counter-clockwise from the direction towards `from` to the one towards
    // `to`: at a corner those are the corner's neighbours; on a side, its two ends (a half-plane).
    const Node* from = nullptr;
    const Node* to = nullptr;
    if (o1 == 0.0 && o3 == 0.0) {
        from = &b;
        to = &c;
    } else if (o1 == 0.0 && o2 == 0.0) {
        from = &c;
        to = &a;
    } else if (o2 == 0.0 && o3 == 0.0) {
        from = &a;
        to = &b;
    } else if (o1 == 0.0) {
        from = &b;
        to = &a;
    } else if (o2 == 0.0) {
        from = &c;
        to = &b;
    } else {
        from = &a;
        to = &c;
    }
    // 1: strictly inside the cone, 0: along one of its two boundary rays, -1: elsewhere.
    const auto place = [&](const Node& t) {
        const double fromSide = orient2d(p.x, p.y, from->x, from->y, t.x, t.y);
        const double toSide = orient2d(p.x, p.y, t.x, t.y, to->x, to->y);
        if (fromSide > 0.0 && toSide > 0.0) {
            return 1;
        }
        const bool alongFrom =
            fromSide == 0.0 && (from->x - p.x) * (t.x - p.x) + (from->y - p.y) * (t.y - p.y) > 0.0;
        const bool alongTo = toSide == 0.0 && (to->x - p.x) * (t.x - p.x) + (to->y - p.y) * (t.y - p.y) > 0.0;
        return alongFrom || alongTo ? 0 : -1;
    };
    const int after = place(nodes_[p.next]);
    const int before = place(nodes_[p.prev]);
    // Both edges along the ear's own sides: the ring runs back over them, so the "ear" is a zero-area fold (left
    // behind by earlier clips around holes that touch) rather than area; it collapses as straight vertices instead.
    return after == 1 || before == 1 || (after == 0 && before == 0);
}

} // namespace

std::size_t triangulatePolygon(std::span<const RingView> rings, std::vector<std::uint32_t>& indices,
                               std::uint32_t indexBase)
{
    if (rings.empty()) {
        return 0;
    }
    std::uint64_t totalPoints = 0;
    for (const RingView& ring : rings) {
        if (ring.count > 0 && ring.points == nullptr) {
            return 0;
        }
        for (std::size_t i = 0; i < ring.count; ++i) {
            const Vec2d p = ring.points[i];
            // std::abs(NaN) <= k is false, so this also rejects NaN and inf.
            if (!(std::abs(p.x) <= kMaxCoordinate && std::abs(p.y) <= kMaxCoordinate)) {
                return 0;
            }
        }
        totalPoints += ring.count;
    }
    if (totalPoints == 0) {
        return 0;
    }
    // Every output index must fit in uint32, and so must every node id (bridges add two nodes per hole).
    const std::uint64_t nodeCapacity = totalPoints + 2 * (rings.size() - 1);
    // The ear queue's tickets (slots in a queue up to twice the ring) are 32-bit too.
    if (indexBase + totalPoints - 1 > std::numeric_limits<std::uint32_t>::max() || nodeCapacity >= kNone / 2) {
        return 0;
    }

    const std::size_t before = indices.size();
    EarClipper clipper(indices);
    clipper.run(rings, indexBase, static_cast<std::size_t>(nodeCapacity));
    return (indices.size() - before) / 3;
}

double signedArea(RingView ring)
{
    return ringArea(ring.points, ring.count);
}

} // namespace corridor::core

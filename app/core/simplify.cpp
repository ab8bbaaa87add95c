#include "core/simplify.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace corridor::core {

namespace {

// A span longer than this whose farthest point lies in its outer quarters is cut at its middle as well: plain
// Douglas–Peucker peels one point at a time off the end of such a span (a star, a comb, a zigzag around a curve), and
// each peel rescans the span, O(n^2) in all; with the extra cut every long span at least halves, so the long spans
// cost O(n log n) and the short ones at most n times this many distances. The middle point is one the result did not
// strictly need, so a line keeps at most about 2n/kBalancedSpan more points than plain Douglas–Peucker would, and
// every dropped point is still within the tolerance of the result.
constexpr std::size_t kBalancedSpan = 128;

// Squared distance from p to the segment a–b: the comparison with the squared tolerance needs no square root.
double segmentDistance2(Vec2d p, Vec2d a, Vec2d b)
{
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    const double ex = p.x - (a.x + t * dx);
    const double ey = p.y - (a.y + t * dy);
    return ex * ex + ey * ey;
}

} // namespace

double segmentDistance(Vec2d p, Vec2d a, Vec2d b) { return std::sqrt(segmentDistance2(p, a, b)); }

namespace {

// Marks the points to keep between first and last (inclusive ends already kept), iteratively: a 10^6-point
// line must not recurse 10^6 deep.
void markKept(std::span<const Vec2d> pts, std::size_t first, std::size_t last, double tolerance,
              std::vector<char>& keep, std::vector<std::pair<std::size_t, std::size_t>>& stack)
{
    const double tolerance2 = tolerance * tolerance;
    stack.clear();
    stack.emplace_back(first, last);
    while (!stack.empty()) {
        const auto [i, j] = stack.back();
        stack.pop_back();
        if (j <= i + 1) {
            continue;
        }
        // Distances to the chord a-b, squared and times its squared length |d|² (the same for the whole span, so
        // the farthest point is the same): no division per point. Within the chord's ends the scaled distance is
        // the cross product squared; beyond them, the distance to the end times |d|². A chord of no length (a
        // closed span) scales by 1: every point is before its start, at its distance from it.
        const Vec2d a = pts[i], b = pts[j];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double scale = len2 > 0.0 ? len2 : 1.0;
        double worst = -1.0;
        std::size_t at = i;
        for (std::size_t k = i + 1; k < j; ++k) {
            const double px = pts[k].x - a.x, py = pts[k].y - a.y;
            const double along = px * dx + py * dy;
            double d;
            if (along <= 0.0) {
                d = (px * px + py * py) * scale;
            } else if (along >= len2) {
                const double qx = pts[k].x - b.x, qy = pts[k].y - b.y;
                d = (qx * qx + qy * qy) * scale;
            } else {
                const double cross = px * dy - py * dx;
                d = cross * cross;
            }
            if (d > worst) {
                worst = d;
                at = k;
            }
        }
        if (!(worst > tolerance2 * scale)) {
            continue;
        }
        keep[at] = 1;
        const std::size_t span = j - i;
        if (span > kBalancedSpan && (at - i < span / 4 || j - at < span / 4)) {
            const std::size_t mid = i + span / 2;
            keep[mid] = 1;
            const std::size_t lo = std::min(at, mid);
            const std::size_t hi = std::max(at, mid);
            stack.emplace_back(i, lo);
            stack.emplace_back(lo, hi);
            stack.emplace_back(hi, j);
            continue;
        }
        stack.emplace_back(i, at);
        stack.emplace_back(at, j);
    }
}

// Index of the point of `pts` (not empty) farthest from pts[0]; the first such in ring order, and 0 when all lie on
// pts[0].
std::size_t farthestFromFirst(std::span<const Vec2d> pts)
{
    std::size_t far = 0;
    double farDist = 0.0;
    for (std::size_t k = 1; k < pts.size(); ++k) {
        const double d = std::hypot(pts[k].x - pts[0].x, pts[k].y - pts[0].y);
        if (d > farDist) {
            farDist = d;
            far = k;
        }
    }
    return far;
}

// Appends the speck that stands in for the ring `pts` (open) when it collapses: point 0, the point `far` farthest
// from it, and the point farthest from their chord, in ring order; as many of them as are distinct (a ring on
// one point appends one, a ring on two points two). Returns how many it appended.
// Why these three: they are the points Douglas–Peucker itself starts from (simplifyRing anchors the ring at point 0
// and `far`, and the farthest point from that chord is the first it keeps at any smaller tolerance), so the speck
// is where the ring's coarsest outline would be and does not jump as a zoom crosses the tolerance at which the ring
// collapses; it spans the ring's extent (its chord is at least half the ring's diameter); three points can never
// make a ring that crosses itself (the fill's check would fall back to full detail); and it costs two passes over
// the points. A speck simplified again gives the same three points, so coarser levels, simplified from the finer
// ones, keep it as it is. Real points of the ring: the dot is drawn where the island is, not at a computed centre.
std::size_t appendSpeck(std::span<const Vec2d> pts, std::size_t far, std::vector<Vec2d>& out)
{
    out.push_back(pts[0]);
    if (pts[far] == pts[0]) {
        return 1;
    }
    // The farthest from the chord of the points on neither of its ends: a ring of three distinct points on one
    // line still gives three (the outline draws it as a short line, as the peers do; the fill adds nothing).
    std::size_t third = 0;
    double thirdDist = -1.0;
    for (std::size_t k = 1; k < pts.size(); ++k) {
        if (pts[k] == pts[0] || pts[k] == pts[far]) {
            continue;
        }
        const double d = segmentDistance2(pts[k], pts[0], pts[far]);
        if (d > thirdDist) {
            thirdDist = d;
            third = k;
        }
    }
    if (third == 0) {
        out.push_back(pts[far]);
        return 2;
    }
    out.push_back(pts[std::min(far, third)]);
    out.push_back(pts[std::max(far, third)]);
    return 3;
}

} // namespace

void simplifyLine(std::span<const Vec2d> line, double tolerance, std::vector<Vec2d>& out)
{
    if (line.size() <= 2 || !(tolerance > 0.0)) {
        out.insert(out.end(), line.begin(), line.end());
        return;
    }
    std::vector<char> keep(line.size(), 0);
    keep.front() = 1;
    keep.back() = 1;
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    markKept(line, 0, line.size() - 1, tolerance, keep, stack);
    // A closed line is an island's shoreline drawn as a line (GSHHG's coasts): kept to its two equal ends it would
    // be one point, which the line pass draws as nothing, where the peers draw its outline as a dot.
    if (line.front() == line.back() && std::count(keep.begin(), keep.end(), char{1}) == 2) {
        const std::span<const Vec2d> ring = line.first(line.size() - 1);
        appendSpeck(ring, farthestFromFirst(ring), out);
        out.push_back(line.back());
        return;
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (keep[i] != 0) {
            out.push_back(line[i]);
        }
    }
}

RingResult simplifyRing(std::span<const Vec2d> ring, double tolerance, std::vector<Vec2d>& out)
{
    std::size_t n = ring.size();
    if (n > 1 && ring.front() == ring.back()) {
        --n;
    }
    if (n < 3) {
        return RingResult::Dropped;
    }
    const std::span<const Vec2d> pts = ring.first(n);
    if (!(tolerance > 0.0)) {
        out.insert(out.end(), pts.begin(), pts.end());
        return RingResult::Simplified;
    }
    // Anchor the ring at point 0 and at the point farthest from it, then simplify both halves.
    const std::size_t far = farthestFromFirst(pts);
    // A ring that collapses, an islet below the level's resolution, stays a speck (appendSpeck) unless it has fewer
    // than three distinct points (no area to fill, nothing a peer would draw as a dot either).
    const std::size_t before = out.size();
    const auto speck = [&] {
        if (appendSpeck(pts, far, out) < 3) {
            out.resize(before);
            return RingResult::Dropped;
        }
        return RingResult::Speck;
    };
    Bounds b;
    for (const Vec2d& p : pts) {
        b.add(p);
    }
    if (b.width() < tolerance && b.height() < tolerance) {
        return speck();
    }
    // Point n is point 0 again: the ring as given when it is closed (OGR's always are), else a closed copy.
    std::vector<Vec2d> copy;
    if (ring.size() == n) {
        copy.assign(pts.begin(), pts.end());
        copy.push_back(pts[0]);
    }
    const std::span<const Vec2d> closed = copy.empty() ? ring.first(n + 1) : std::span<const Vec2d>(copy);
    std::vector<char> keep(closed.size(), 0);
    keep[0] = keep[far] = keep[n] = 1;
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    markKept(closed, 0, far, tolerance, keep, stack);
    markKept(closed, far, n, tolerance, keep, stack);
    for (std::size_t i = 0; i < n; ++i) {
        if (keep[i] != 0) {
            out.push_back(closed[i]);
        }
    }
    if (out.size() - before < 3) {
        out.resize(before);
        return speck();
    }
    return RingResult::Simplified;
}

} // namespace corridor::core

#include "core/mesh.hpp"

#include "core/density.hpp"
#include "core/parallel.hpp"
#include "core/phase_times.hpp"
#include "core/simplify.hpp"
#include "core/tessellate.hpp"

#include <algorithm>
#include <initializer_list>
#include <bit>
#include <cstdint>
#include <iterator>
#include <limits>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <thread>

namespace corridor::core {

namespace {

// The geometry of one batch at one level: lines and polygons (an OuterRing part followed by its InnerRings).
struct Shapes {
    std::vector<Vec2d> coords;
    std::vector<Part> parts;
    std::vector<std::uint32_t> origin; // per part: the part of the full-detail shapes it was simplified from
    // Per part: 1 for a hole below the tolerance kept as a speck (simplifyParts), which is outlined but not filled.
    std::vector<char> speck;
    std::vector<std::int64_t> feature; // full-detail shapes only: per part, the id of its feature
    Bounds bounds;

    void add(PartRole role, std::span<const Vec2d> pts, std::uint32_t from, bool speckHole = false)
    {
        const Part part{static_cast<std::uint32_t>(coords.size()), static_cast<std::uint32_t>(pts.size()), role};
        coords.insert(coords.end(), pts.begin(), pts.end());
        addPart(part, from, speckHole);
    }
    // A part whose points `coords` already holds.
    void addPart(const Part& part, std::uint32_t from, bool speckHole = false)
    {
        origin.push_back(from);
        speck.push_back(speckHole ? 1 : 0);
        parts.push_back(part);
        for (const Vec2d& p : points(part)) {
            bounds.add(p);
        }
    }
    std::span<const Vec2d> points(const Part& p) const { return {coords.data() + p.first, p.count}; }
};

bool finite(std::span<const Vec2d> pts)
{
    return std::all_of(pts.begin(), pts.end(), [](const Vec2d& p) { return std::isfinite(p.x) && std::isfinite(p.y); });
}

// How many pieces to cut `work` items into for `threads` threads (0: the machine's cores), each piece at least
// `minimum` items: 1 when one thread should do it all.
std::size_t piecesFor(std::size_t threads, std::size_t work, std::size_t minimum)
{
    const std::size_t cores = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    return cores < 2 ? 1 : std::clamp<std::size_t>(work / minimum, 1, cores * 2);
}

// Where to cut items [0, count) into about `pieces` runs of equal vertex counts: the first item of each run, then
// `count`. `firstVertex(i)` is item i's first vertex of `vertices` in all; a run may only start at an item
// `canStart(i)` allows (not between a ring and its holes).
template <class FirstVertex, class CanStart>
std::vector<std::size_t> cutRuns(std::size_t count, std::size_t pieces, std::size_t vertices, FirstVertex firstVertex,
                                 CanStart canStart)
{
    std::vector<std::size_t> cuts{0};
    for (std::size_t i = 1; i < count && cuts.size() < pieces; ++i) {
        if (canStart(i) && firstVertex(i) >= vertices / pieces * cuts.size()) {
            cuts.push_back(i);
        }
    }
    cuts.push_back(count);
    return cuts;
}

// Parts [first, last) of `in` simplified (see simplifyShapes), each part's result given to `emit(part, role, points,
// origin, speckHole)` once the part is read: emit may write over it (simplifyShapesOver).
template <class Emit>
void simplifyParts(const Shapes& in, std::size_t first, std::size_t last, double tolerance, Emit&& emit)
{
    std::vector<Vec2d> scratch;
    RingResult outer = RingResult::Dropped;
    for (std::size_t i = first; i < last; ++i) {
        const Part& p = in.parts[i];
        scratch.clear();
        switch (p.role) {
        case PartRole::Line:
            simplifyLine(in.points(p), tolerance, scratch);
            emit(i, PartRole::Line, scratch, in.origin[i], false);
            break;
        case PartRole::OuterRing:
            // An islet below the tolerance stays a speck (simplifyRing): a dot where Mapnik and QGIS draw one.
            outer = simplifyRing(in.points(p), tolerance, scratch);
            if (outer != RingResult::Dropped) {
                emit(i, PartRole::OuterRing, scratch, in.origin[i], false);
            }
            break;
        case PartRole::InnerRing: {
            // A hole below the tolerance in a polygon drawn whole stays a speck too, for its outline only: the
            // peers stroke inner rings like outer ones, so a lake under a pixel shows as a dot of outline colour,
            // while the fill it takes out is a fraction of a pixel, nothing to see. Left out of the fill (emitFills)
            // and of its fringe, a speck cannot make the fill's rings cross: a hole near the shore whose speck
            // poked out of the simplified outer ring would send the whole polygon back to full detail. An outer
            // ring that is a speck drops its holes: a dot has no room for one.
            if (outer != RingResult::Simplified) {
                break;
            }
            const RingResult hole = simplifyRing(in.points(p), tolerance, scratch);
            if (hole != RingResult::Dropped) {
                emit(i, PartRole::InnerRing, scratch, in.origin[i], hole == RingResult::Speck);
            }
            break;
        }
        case PartRole::Point: break;
        }
    }
}

// Parts [first, last) of `in` simplified into `out`.
void simplifyParts(const Shapes& in, std::size_t first, std::size_t last, double tolerance, Shapes& out)
{
    simplifyParts(in, first, last, tolerance,
                  [&](std::size_t, PartRole role, std::span<const Vec2d> pts, std::uint32_t from, bool speck) {
        out.add(role, pts, from, speck);
    });
}

// Below this many vertices one thread simplifies them all.
constexpr std::size_t kParallelSimplifyVertices = std::size_t{1} << 18;

// Where to cut `in`'s parts for simplifying on `threads` threads (see cutRuns): {0, parts} for one.
std::vector<std::size_t> simplifyRuns(const Shapes& in, std::size_t threads)
{
    const std::size_t runs = piecesFor(threads, in.coords.size(), kParallelSimplifyVertices);
    if (runs < 2) {
        return {0, in.parts.size()};
    }
    return cutRuns(
        in.parts.size(), runs, in.coords.size(), [&](std::size_t i) { return in.parts[i].first; },
        [&](std::size_t i) { return in.parts[i].role != PartRole::InnerRing; });
}

// A coarser copy of `in`: lines by Douglas–Peucker, rings likewise; islets below the tolerance kept as specks
// without their holes, holes below it as specks that are outlined but not filled. Big inputs are cut into runs of
// about equal vertex counts (never between a ring and its holes), simplified on all cores and joined in order: the
// same result as one pass.
Shapes simplifyShapes(const Shapes& in, double tolerance, std::size_t threads)
{
    const PhaseScope timing(Phase::Simplify);
    const std::vector<std::size_t> cuts = simplifyRuns(in, threads);
    Shapes out;
    if (cuts.size() < 3) {
        simplifyParts(in, 0, in.parts.size(), tolerance, out);
        return out;
    }
    std::vector<Shapes> pieces(cuts.size() - 1);
    // The first piece becomes the result: room for all the input's points and parts (the most a simplification
    // keeps; room not filled is address space only), so the others are appended without growing it, and each is
    // freed once appended. The first piece's points are never copied.
    pieces[0].coords.reserve(in.coords.size());
    pieces[0].parts.reserve(in.parts.size());
    pieces[0].origin.reserve(in.parts.size());
    pieces[0].speck.reserve(in.parts.size());
    forEachParallel(pieces.size(), [&](std::size_t k) { simplifyParts(in, cuts[k], cuts[k + 1], tolerance, pieces[k]); },
                    threads);
    out = std::move(pieces[0]);
    for (std::size_t k = 1; k < pieces.size(); ++k) {
        Shapes& piece = pieces[k];
        const auto shift = static_cast<std::uint32_t>(out.coords.size());
        for (Part p : piece.parts) {
            p.first += shift;
            out.parts.push_back(p);
        }
        out.origin.insert(out.origin.end(), piece.origin.begin(), piece.origin.end());
        out.speck.insert(out.speck.end(), piece.speck.begin(), piece.speck.end());
        out.coords.insert(out.coords.end(), piece.coords.begin(), piece.coords.end());
        out.bounds.add(piece.bounds);
        piece = Shapes{};
    }
    return out;
}

// simplifyShapes for shapes whose points are needed no more: the result is written over them, so the points are
// never all there twice (10^7 walks: 160 MB less at the build's peak). Same result. Douglas–Peucker keeps a subset
// of a part's points and a speck at most as many as it had (simplify.hpp), so each part's result fits where the part
// was: each run writes its parts' results one after another from its own first point on, then the runs are moved
// down to follow each other. `in` keeps its parts, origins and bounds; its points are taken.
Shapes simplifyShapesOver(Shapes& in, double tolerance, std::size_t threads)
{
    for (std::size_t i = 1; i < in.parts.size(); ++i) {
        if (in.parts[i].first < in.parts[i - 1].first + std::size_t{in.parts[i - 1].count}) {
            Shapes out = simplifyShapes(in, tolerance, threads); // parts out of order: written elsewhere
            std::vector<Vec2d>().swap(in.coords);
            return out;
        }
    }
    const PhaseScope timing(Phase::Simplify);
    const std::vector<std::size_t> cuts = simplifyRuns(in, threads);
    std::vector<Shapes> pieces(cuts.size() - 1); // parts, origins, specks and bounds; points written into in.coords
    forEachParallel(pieces.size(), [&](std::size_t k) {
        if (cuts[k] == cuts[k + 1]) {
            return;
        }
        Shapes& piece = pieces[k];
        std::size_t next = in.parts[cuts[k]].first; // where the next result goes
        simplifyParts(in, cuts[k], cuts[k + 1], tolerance,
                      [&](std::size_t i, PartRole role, std::span<const Vec2d> pts, std::uint32_t from, bool speck) {
            // Up to the end of part i, read already; the parts after it start there or later.
            if (next + pts.size() > in.parts[i].first + std::size_t{in.parts[i].count}) {
                throw std::logic_error("simplifyShapesOver: a part's result outgrew the part");
            }
            std::copy(pts.begin(), pts.end(), in.coords.begin() + static_cast<std::ptrdiff_t>(next));
            piece.parts.push_back({static_cast<std::uint32_t>(next), static_cast<std::uint32_t>(pts.size()), role});
            piece.origin.push_back(from);
            piece.speck.push_back(speck ? 1 : 0);
            for (const Vec2d& p : pts) {
                piece.bounds.add(p);
            }
            next += pts.size();
        });
    }, threads);
    Shapes out;
    out.coords = std::move(in.coords);
    std::size_t end = 0;
    for (Shapes& piece : pieces) {
        if (piece.parts.empty()) {
            continue;
        }
        const std::size_t from = piece.parts.front().first;
        const std::size_t count = piece.parts.back().first + std::size_t{piece.parts.back().count} - from;
        std::copy(out.coords.begin() + static_cast<std::ptrdiff_t>(from),
                  out.coords.begin() + static_cast<std::ptrdiff_t>(from + count),
                  out.coords.begin() + static_cast<std::ptrdiff_t>(end)); // down: never onto what is still to move
        for (Part p : piece.parts) {
            p.first = static_cast<std::uint32_t>(p.first - from + end);
            out.parts.push_back(p);
        }
        out.origin.insert(out.origin.end(), piece.origin.begin(), piece.origin.end());
        out.speck.insert(out.speck.end(), piece.speck.begin(), piece.speck.end());
        out.bounds.add(piece.bounds);
        end += count;
        piece = Shapes{};
    }
    out.coords.resize(end);
    if (end < out.coords.capacity() / 2) {
        out.coords.shrink_to_fit(); // a copy of what is left, and the rest of the input's pages back
    }
    return out;
}

// A level is drawn at up to 8 times its tolerance per pixel (the next level, four times coarser, fits from there
// on). There its lines must not cover their feature's area more than this many times over: a ring crossing itself
// from side to side 2·10^5 times, or a star of 10^5 spikes, paints every pixel of its bounds hundreds of times, and
// no simplification thins it (each vertex is far from its neighbours' chord).
// Unless they make little ink in all (a square of 5000 holes 16 pixels wide is a blob too, but a cheap one): under
// this many pixels, about two full-HD screens, lines are drawn as they are.
constexpr double kMaxOutlineCover = 4.0;
constexpr double kFreeInkPixels = double(1 << 22);

// How many times more ink the lines of parts [first, last) of `shapes` make, drawn `widthPx` wide at
// `unitsPerPixel`, than they may: kMaxOutlineCover times their bounds (each side counted at least one line width, so
// a straight line covers about once) or kFreeInkPixels, whichever is more.
double excessInk(const Shapes& shapes, std::size_t first, std::size_t last, double unitsPerPixel, double widthPx)
{
    double length = 0.0;
    Bounds b;
    for (std::size_t i = first; i < last; ++i) {
        const std::span<const Vec2d> pts = shapes.points(shapes.parts[i]);
        if (pts.empty()) {
            continue;
        }
        b.add(pts[0]);
        for (std::size_t k = 1; k < pts.size(); ++k) {
            b.add(pts[k]);
            length += distance(pts[k - 1], pts[k]);
        }
        if (shapes.parts[i].role != PartRole::Line && pts.size() > 2) {
            length += distance(pts.back(), pts.front()); // the closing side
        }
    }
    const double w = std::max(widthPx, 1.0);
    const double ink = length / unitsPerPixel * w;
    const double area = std::max(b.width() / unitsPerPixel, w) * std::max(b.height() / unitsPerPixel, w);
    return ink / std::max(kMaxOutlineCover * area, kFreeInkPixels);
}

// Keeps one vertex in every run of `step` (a line keeps its ends; a ring too small for that stays whole). Which one is picked by a
// fixed hash of the run's number: taking every step-th vertex would alias with periodic shapes (a star's spikes
// alternate radii; every 2nd vertex of it is a circle).
void decimate(std::span<const Vec2d> pts, bool ring, std::size_t step, std::vector<Vec2d>& out)
{
    out.clear();
    for (std::size_t run = 0; run * step < pts.size(); ++run) {
        const std::uint64_t h = (run + 1) * 0x9E3779B97F4A7C15ull;
        const std::size_t k = run * step + static_cast<std::size_t>((h >> 32) % step);
        out.push_back(pts[std::min(k, pts.size() - 1)]);
    }
    if (!ring && !(out.front() == pts.front())) {
        out.insert(out.begin(), pts.front());
    }
    if (!ring && !(out.back() == pts.back())) {
        out.push_back(pts.back());
    }
    if (ring && out.size() < 3) { // a small ring beside the dense ones: too little ink to matter, kept whole
        out.assign(pts.begin(), pts.end());
    }
}

// Thins the features of `shapes` whose lines would make more ink than excessInk allows where this level is drawn (`tolerance` world units; lines `widthPx` wide): each keeps every k-th vertex, k as small as
// brings it under. Reports each thinned feature once (`reported` holds the ids already told). Returns how many
// features were thinned. `threads`: as MeshOptions::threads.
std::size_t thinDenseFeatures(Shapes& shapes, const Shapes& full, double tolerance, double widthPx,
                              std::vector<std::int64_t>& reported, std::vector<FeatureIssue>* issues,
                              std::size_t threads)
{
    const PhaseScope timing(Phase::Simplify);
    const double unitsPerPixel = 8.0 * tolerance;
    if (!(unitsPerPixel > 0) || shapes.parts.empty()) {
        return 0;
    }
    const auto featureOf = [&](std::size_t part) {
        const std::uint32_t from = shapes.origin[part];
        return from < full.feature.size() ? full.feature[from] : std::int64_t{-1};
    };
    // Each feature's run of parts and its ink, on all cores (a pass over every segment); most levels thin nothing,
    // and then nothing is copied.
    std::vector<std::size_t> firsts;
    for (std::size_t first = 0; first < shapes.parts.size();) {
        firsts.push_back(first);
        std::size_t last = first + 1;
        while (last < shapes.parts.size() && featureOf(last) == featureOf(first)) {
            ++last;
        }
        first = last;
    }
    firsts.push_back(shapes.parts.size());
    std::vector<double> excesses(firsts.size() - 1);
    const std::size_t runs = piecesFor(threads, shapes.coords.size(), kParallelSimplifyVertices);
    forEachParallel(runs, [&](std::size_t k) {
        for (std::size_t r = excesses.size() * k / runs; r < excesses.size() * (k + 1) / runs; ++r) {
            excesses[r] = excessInk(shapes, firsts[r], firsts[r + 1], unitsPerPixel, widthPx);
        }
    }, threads);
    if (std::none_of(excesses.begin(), excesses.end(), [](double e) { return e > 1.0; })) {
        return 0;
    }
    Shapes out;
    std::vector<Vec2d> scratch;
    std::size_t thinned = 0;
    for (std::size_t r = 0; r < excesses.size(); ++r) {
        const std::size_t first = firsts[r], last = firsts[r + 1];
        const double excess = excesses[r];
        const std::size_t step = excess > 1.0 ? static_cast<std::size_t>(std::ceil(excess)) : 1;
        for (std::size_t i = first; i < last; ++i) {
            const Part& p = shapes.parts[i];
            if (step == 1) {
                out.add(p.role, shapes.points(p), shapes.origin[i], shapes.speck[i] != 0);
            } else {
                decimate(shapes.points(p), p.role != PartRole::Line, step, scratch);
                out.add(p.role, scratch, shapes.origin[i], shapes.speck[i] != 0);
            }
        }
        if (step > 1) {
            ++thinned;
            const std::int64_t id = featureOf(first);
            if (issues != nullptr && std::find(reported.begin(), reported.end(), id) == reported.end()) {
                reported.push_back(id);
                FeatureIssue issue;
                issue.featureId = id;
                issue.message = "lines too dense to draw whole when zoomed out (" +
                                std::to_string(static_cast<long long>(std::ceil(excess))) +
                                " times the ink allowed); drawn simplified there, whole when zoomed in";
                issue.action = IssueAction::Repaired;
                issues->push_back(std::move(issue));
            }
        }
    }
    shapes = std::move(out);
    return thinned;
}

// Spatial grid over a batch's bounds: items are bucketed by a representative point so that each chunk covers a
// compact area and culling follows what is on screen.
class Grid {
public:
    Grid(const Bounds& bounds, std::size_t items, std::size_t perCell)
        : m_bounds(bounds)
    {
        const double cells = std::ceil(std::sqrt(static_cast<double>(items) / static_cast<double>(std::max<std::size_t>(perCell, 1))));
        m_n = static_cast<std::size_t>(std::clamp(cells, 1.0, 64.0));
    }
    std::size_t cellCount() const { return m_n * m_n; }
    std::size_t cellOf(Vec2d p) const
    {
        auto axis = [this](double v, double lo, double extent) {
            if (!(extent > 0.0)) {
                return std::size_t{0};
            }
            const double t = (v - lo) / extent * static_cast<double>(m_n);
            return static_cast<std::size_t>(std::clamp(t, 0.0, static_cast<double>(m_n - 1)));
        };
        return axis(p.y, m_bounds.minY, m_bounds.height()) * m_n + axis(p.x, m_bounds.minX, m_bounds.width());
    }

private:
    Bounds m_bounds;
    std::size_t m_n = 1;
};

// What a batch's grids are laid over. A batch built from only the features within an image's reach
// (MeshOptions::reach) lays them as the whole batch would: over all its features' bounds, for as many items as all
// its features would bring (estimated from its vertices kept and in all), so a chunk in view holds the segments it
// holds in the whole layer's pyramid and is drawn as a field or as segments alike. One image's batch also says
// what of the world its symbols can show in it (MeshOptions::shown, grown by their reach past their geometry).
struct GridFrame {
    Bounds bounds;            // empty: the level's own shapes' bounds
    double itemScale = 1.0;   // all the batch's vertices per vertex kept
    Bounds linesShown;        // not empty: line segments wholly outside are left out (after the fields are made)
    Bounds fillsShown;        // not empty: fill triangles wholly outside are left out

    Grid grid(const Shapes& shapes, std::size_t items, std::size_t perCell) const
    {
        return {bounds.empty() ? shapes.bounds : bounds,
                static_cast<std::size_t>(std::llround(static_cast<double>(items) * itemScale)), perCell};
    }
};

// The lines of a batch (and rings as closed lines) gathered for emitLines: consecutive repeats dropped, rings
// closed, the distance along the line at every vertex.
struct Polylines {
    struct Line {
        std::uint32_t first, count; // vertices [first, first + count); count >= 2
        bool closed;                // the last vertex repeats the first
    };
    std::vector<Vec2d> pts;
    std::vector<float> along; // as the chunks keep it (LineVertex::distance), summed in double
    std::vector<Line> lines;

    // The vertices `in` keeps as a line (a ring when `ring`): its points without consecutive repeats, and its first
    // again when it closes; 0 when fewer than 2 are left (nothing to draw).
    static std::uint32_t keptCount(std::span<const Vec2d> in, bool ring)
    {
        std::uint32_t count = 0;
        for (std::size_t i = 0; i < in.size(); ++i) {
            count += i == 0 || !(in[i] == in[i - 1]) ? 1 : 0;
        }
        // A ring, or a line that returns to its start, joins at its first vertex instead of ending there.
        const bool closed = count >= 3 && (ring || in.back() == in.front());
        count += closed && !(in.back() == in.front()) ? 1 : 0;
        return count < 2 ? 0 : count;
    }
    // Writes line `in` at vertex `first` of pts and along (keptCount(in, ring) of them, sized already) and as
    // lines[index]. `in` may be pts itself at `first` or later (written over as it is read: its ends are kept first).
    void put(std::span<const Vec2d> in, bool ring, std::uint32_t first, std::size_t index)
    {
        if (in.empty()) {
            return;
        }
        const Vec2d front = in.front(), back = in.back();
        std::uint32_t n = 0;
        double sum = 0.0;
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (i > 0 && in[i] == in[i - 1]) {
                continue;
            }
            sum += n == 0 ? 0.0 : distance(pts[first + n - 1], in[i]);
            along[first + n] = static_cast<float>(sum);
            pts[first + n] = in[i];
            ++n;
        }
        const bool closed = n >= 3 && (ring || back == front);
        if (closed && !(back == front)) {
            sum += distance(pts[first + n - 1], front);
            along[first + n] = static_cast<float>(sum);
            pts[first + n] = front;
            ++n;
        }
        lines[index] = {first, n, closed};
    }
    // The line holding vertex `v`.
    const Line& lineOf(std::uint32_t v) const
    {
        return *(std::upper_bound(lines.begin(), lines.end(), v, [](std::uint32_t x, const Line& l) { return x < l.first; }) - 1);
    }
};

struct WorldVertex {
    Vec2d p;
    double distance;
    float kind;
};

void flushLineChunk(std::vector<WorldVertex>& world, std::vector<LineChunk>& out)
{
    if (world.empty()) {
        return;
    }
    LineChunk& c = out.emplace_back();
    for (const WorldVertex& v : world) {
        if (v.kind == LineVertex::kDraw) {
            c.bounds.add(v.p);
        }
    }
    c.origin = c.bounds.center();
    c.vertices.reserve(world.size());
    for (const WorldVertex& v : world) {
        c.vertices.push_back({static_cast<float>(v.p.x - c.origin.x), static_cast<float>(v.p.y - c.origin.y),
                              static_cast<float>(v.distance), v.kind});
    }
    world.clear();
}

constexpr double kPixelFieldDensityShare = 0.5; // of MeshOptions::fieldDensity, for fields on an image's pixels

// How a level's dense line chunks become distance fields: texels four tolerances wide (0.5 to 2 px where the level
// is drawn), or the image's own pixels when its pixel grid is known (MeshOptions::imagePixelOrigin), for lines up
// to `lineWidth` px. Applied to each chunk as it is cut (emitLines), so a dense chunk's vertices are let go at once
// instead of all of them being held until every chunk is cut (10^7 walks at 8K: the build's peak).
class ChunkFielder {
public:
    ChunkFielder(double tolerance, const MeshOptions& options, const Symbolizer& sym, float lineWidth)
    {
        const bool onPixels = options.imageUnitsPerPixel > 0.0 && std::isfinite(options.imagePixelOrigin.x) &&
                              std::isfinite(options.imagePixelOrigin.y);
        const double widthPx = lineWidth * options.imagePixelScale;
        if (onPixels && pixelFieldReach(widthPx) > kFieldReach) {
            m_none = true; // wider than a field of the image's pixels reaches: the lines stay segments
            return;
        }
        m_texel = onPixels ? options.imageUnitsPerPixel / kPixelSamples : 4.0 * tolerance;
        m_reach = onPixels ? pixelFieldReach(widthPx) : fieldReachFor(m_texel, options.imageUnitsPerPixel, widthPx);
        m_lattice = onPixels ? std::optional(options.imagePixelOrigin) : std::nullopt;
        // The miters' tips, where the widths are known in world units (one image's pixels): the widest line's,
        // which the stroke over a casing shares.
        if (onPixels && sym.join == LineJoin::Miter) {
            m_miter = {0.5 * widthPx * options.imageUnitsPerPixel, sym.miterLimit};
        }
        // A field on the image's pixels draws what the segments draw (closer to the truth, even: fields.test.cpp),
        // so only the cost decides: at half the density, llvmpipe's set-up of the segments still costs more than
        // their distances (10^7 walks at 7680x4320: draw 2 310 -> 165 ms for fields 980 -> 1 070 ms; lower gains
        // nothing).
        m_density = onPixels ? kPixelFieldDensityShare * options.fieldDensity : options.fieldDensity;
    }

    // No chunk of the level becomes a field.
    bool none() const { return m_none; }
    // The chunk's field, when it is dense enough to be drawn as one.
    std::optional<DistanceField> operator()(const LineChunk& chunk) const
    {
        return makeDistanceField(chunk, m_texel, m_density, std::size_t{1} << 22, m_reach, m_lattice, m_miter);
    }

private:
    bool m_none = false;
    double m_texel = 0.0, m_reach = 0.0, m_density = 0.0;
    std::optional<Vec2d> m_lattice;
    FieldMiter m_miter;
};

Bounds grown(const Bounds& b, double margin)
{
    return {b.minX - margin, b.minY - margin, b.maxX + margin, b.maxY + margin};
}

// Whether the box of `points` (a segment's two, a triangle's three) lies wholly past one of `shown`'s edges.
bool outside(std::initializer_list<Vec2d> points, const Bounds& shown)
{
    const auto all = [&](auto past) { return std::all_of(points.begin(), points.end(), past); };
    return all([&](Vec2d p) { return p.x < shown.minX; }) || all([&](Vec2d p) { return p.x > shown.maxX; }) ||
           all([&](Vec2d p) { return p.y < shown.minY; }) || all([&](Vec2d p) { return p.y > shown.maxY; });
}

// Leaves out of the triangles indices[from…] those wholly outside `shown` (GridFrame::fillsShown).
void dropUnseen(std::vector<std::uint32_t>& indices, std::size_t from, const std::vector<Vec2d>& points,
                const Bounds& shown)
{
    std::size_t kept = from;
    for (std::size_t t = from; t + 2 < indices.size(); t += 3) {
        if (!outside({points[indices[t]], points[indices[t + 1]], points[indices[t + 2]]}, shown)) {
            std::copy_n(indices.begin() + static_cast<std::ptrdiff_t>(t), 3,
                        indices.begin() + static_cast<std::ptrdiff_t>(kept));
            kept += 3;
        }
    }
    indices.resize(kept);
}

// Leaves out of a line chunk the segments wholly outside `shown` (GridFrame::linesShown). What is left of a run is
// cut into runs of its kept segments, each with the vertex before and after it as a neighbour (the one a segment
// left out started from or led to), so every join and cap drawn is the one the whole run drew. Returns false when
// no segment is left.
bool dropUnseen(LineChunk& chunk, const Bounds& shown)
{
    const std::vector<LineVertex>& in = chunk.vertices;
    const auto at = [&](std::size_t i) { return Vec2d{chunk.origin.x + in[i].x, chunk.origin.y + in[i].y}; };
    std::vector<LineVertex> out;
    out.reserve(in.size());
    Bounds bounds;
    for (std::size_t start = 0; start < in.size();) {
        std::size_t end = start; // the run: [start, end), up to the next break
        while (end < in.size() && in[end].kind != LineVertex::kBreak) {
            ++end;
        }
        const std::size_t first = in[start].kind == LineVertex::kNeighbour ? start + 1 : start; // its drawn vertices
        const std::size_t last = end > first && in[end - 1].kind == LineVertex::kNeighbour ? end - 2 : end - 1;
        for (std::size_t p = first; p < last;) {
            if (outside({at(p), at(p + 1)}, shown)) {
                ++p;
                continue;
            }
            std::size_t q = p + 1; // segments p..q-1 are kept
            while (q < last && !outside({at(q), at(q + 1)}, shown)) {
                ++q;
            }
            if (!out.empty()) {
                out.push_back({in[p].x, in[p].y, 0.0f, LineVertex::kBreak});
            }
            if (p > first || first > start) {
                out.push_back({in[p - 1].x, in[p - 1].y, 0.0f, LineVertex::kNeighbour});
            }
            for (std::size_t v = p; v <= q; ++v) {
                out.push_back(in[v]);
                bounds.add(at(v));
            }
            if (q < last || last + 1 < end) {
                out.push_back({in[q + 1].x, in[q + 1].y, 0.0f, LineVertex::kNeighbour});
            }
            p = q;
        }
        start = end + 1;
    }
    if (out.size() == in.size()) {
        return true; // nothing left out
    }
    chunk.vertices = std::move(out);
    chunk.bounds = bounds; // the origin stays: the floats are relative to it
    return !chunk.vertices.empty();
}

// Cuts the lines into spatial chunks of vertex streams. A line crossing chunks is cut into runs, and each run
// carries its outside neighbours so the joins at the cuts look as if the line were whole.
// Big inputs are done on all cores (the lines' distances, the segments' cells, each cell's chunks), joined in a
// fixed order: the same chunks as one thread makes. `spent`: the shapes' coordinates, when nothing needs them after
// this: freed once the lines are copied out of them, before the chunks are cut (the build's peak). `fielder`: dense
// chunks become distance fields in `fields` as soon as each cell is cut, in the order the chunks would have had.
void emitLines(const Shapes& shapes, bool outlines, const MeshOptions& options, const GridFrame& frame,
               std::vector<LineChunk>& out, std::vector<Vec2d>* spent = nullptr, const ChunkFielder* fielder = nullptr,
               std::vector<DistanceField>* fields = nullptr)
{
    constexpr std::size_t kMinPiece = std::size_t{1} << 17; // vertices: below this, a thread costs more than it saves
    std::vector<std::size_t> drawn; // the parts drawn as lines
    for (std::size_t i = 0; i < shapes.parts.size(); ++i) {
        const PartRole role = shapes.parts[i].role;
        if (role == PartRole::Line || (outlines && role != PartRole::Point)) {
            drawn.push_back(i);
        }
    }
    // The lines, in pieces of about equal vertex counts.
    const std::vector<std::size_t> cuts = cutRuns(
        drawn.size(), piecesFor(options.threads, shapes.coords.size(), kMinPiece), shapes.coords.size(),
        [&](std::size_t k) { return shapes.parts[drawn[k]].first; }, [](std::size_t) { return true; });
    // Counted first, then written in place: each piece knows where its lines go, and the lines are never copied
    // again to join the pieces (10^7 vertices are 240 MB here).
    std::vector<std::uint32_t> kept(drawn.size());
    forEachParallel(cuts.size() - 1, [&](std::size_t k) {
        for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) {
            const Part& p = shapes.parts[drawn[i]];
            kept[i] = Polylines::keptCount(shapes.points(p), p.role != PartRole::Line);
        }
    }, options.threads);
    std::vector<std::uint32_t> firstVertex(drawn.size()), lineIndex(drawn.size());
    std::size_t vertexCount = 0, lineCount = 0;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        firstVertex[i] = static_cast<std::uint32_t>(vertexCount);
        lineIndex[i] = static_cast<std::uint32_t>(lineCount);
        vertexCount += kept[i];
        lineCount += kept[i] > 0 ? 1 : 0;
    }
    // Lines (not rings) in order whose points are spent after this: the streams are written over them, one line
    // after another (a line keeps at most its points, so none is written over before it is read), and the points
    // are never there twice (160 MB of 10^7 walks). Else into a fresh copy, on every core.
    bool inPlace = spent != nullptr && spent == &shapes.coords;
    for (std::size_t i = 0; i < drawn.size() && inPlace; ++i) {
        const Part& p = shapes.parts[drawn[i]];
        const Part* before = i > 0 ? &shapes.parts[drawn[i - 1]] : nullptr;
        inPlace = p.role == PartRole::Line && (before == nullptr || p.first >= before->first + std::size_t{before->count});
    }
    Polylines lines;
    lines.along.resize(vertexCount);
    lines.lines.resize(lineCount);
    if (inPlace) {
        lines.pts = std::move(*spent);
        for (std::size_t i = 0; i < drawn.size(); ++i) {
            if (kept[i] > 0) {
                const Part& p = shapes.parts[drawn[i]];
                lines.put({lines.pts.data() + p.first, p.count}, false, firstVertex[i], lineIndex[i]);
            }
        }
        lines.pts.resize(vertexCount);
    } else {
        lines.pts.resize(vertexCount);
        forEachParallel(cuts.size() - 1, [&](std::size_t k) {
            for (std::size_t i = cuts[k]; i < cuts[k + 1]; ++i) {
                if (kept[i] > 0) {
                    const Part& p = shapes.parts[drawn[i]];
                    lines.put(shapes.points(p), p.role != PartRole::Line, firstVertex[i], lineIndex[i]);
                }
            }
        }, options.threads);
        if (spent != nullptr) {
            std::vector<Vec2d>().swap(*spent);
        }
    }
    if (lines.lines.empty()) {
        return;
    }
    // Segments, each named by its first vertex, bucketed by their midpoints: each piece of lines into cells of its
    // own, joined cell by cell in piece order (so each cell's segments stay in vertex order).
    std::size_t segments = 0;
    for (const Polylines::Line& l : lines.lines) {
        segments += l.count - 1;
    }
    const Grid grid = frame.grid(shapes, segments, options.targetSegmentsPerChunk);
    const std::size_t bucketPieces = piecesFor(options.threads, lines.pts.size(), kMinPiece);
    std::vector<std::vector<std::vector<std::uint32_t>>> pieceCells(bucketPieces);
    forEachParallel(bucketPieces, [&](std::size_t k) {
        std::vector<std::vector<std::uint32_t>>& cells = pieceCells[k];
        cells.resize(grid.cellCount());
        const std::size_t from = lines.lines.size() * k / bucketPieces, to = lines.lines.size() * (k + 1) / bucketPieces;
        for (std::size_t i = from; i < to; ++i) {
            const Polylines::Line& l = lines.lines[i];
            for (std::uint32_t v = l.first; v + 1 < l.first + l.count; ++v) {
                const Vec2d a = lines.pts[v], b = lines.pts[v + 1];
                cells[grid.cellOf({(a.x + b.x) * 0.5, (a.y + b.y) * 0.5})].push_back(v);
            }
        }
    }, options.threads);
    std::vector<std::vector<std::uint32_t>> cells = std::move(pieceCells[0]);
    for (std::size_t k = 1; k < bucketPieces; ++k) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            cells[c].insert(cells[c].end(), pieceCells[k][c].begin(), pieceCells[k][c].end());
            std::vector<std::uint32_t>().swap(pieceCells[k][c]);
        }
    }
    pieceCells.clear();
    // A run needs its vertices plus a break and two neighbours; keep it within a chunk.
    const std::size_t maxVertices = std::max<std::size_t>(options.maxSegmentsPerChunk, 8);
    std::vector<std::vector<LineChunk>> cellChunks(cells.size());
    std::vector<std::vector<DistanceField>> cellFields(fielder != nullptr ? cells.size() : 0);
    const auto emitCell = [&](std::size_t c) {
        std::vector<std::uint32_t>& cell = cells[c];
        std::vector<LineChunk>& chunks = cellChunks[c];
        std::vector<WorldVertex> world;
        for (std::size_t k = 0; k < cell.size();) {
            const std::uint32_t v0 = cell[k];
            const Polylines::Line& line = lines.lineOf(v0);
            const std::uint32_t last = line.first + line.count - 1;
            std::size_t m = k + 1;
            while (m < cell.size() && cell[m] == cell[m - 1] + 1 && cell[m] < last && m - k + 5 < maxVertices) {
                ++m;
            }
            const auto v1 = static_cast<std::uint32_t>(v0 + (m - k)); // the run's last vertex
            if (world.size() + (m - k) + 4 > maxVertices) {
                flushLineChunk(world, chunks);
            }
            if (!world.empty()) {
                world.push_back({lines.pts[v0], 0.0, LineVertex::kBreak});
            }
            if (v0 > line.first || line.closed) {
                world.push_back({lines.pts[v0 > line.first ? v0 - 1 : last - 1], 0.0, LineVertex::kNeighbour});
            }
            for (std::uint32_t v = v0; v <= v1; ++v) {
                world.push_back({lines.pts[v], lines.along[v], LineVertex::kDraw});
            }
            if (v1 < last || line.closed) {
                world.push_back({lines.pts[v1 < last ? v1 + 1 : line.first + 1], 0.0, LineVertex::kNeighbour});
            }
            k = m;
        }
        flushLineChunk(world, chunks);
        std::vector<std::uint32_t>().swap(cell); // as the chunks grow
        if (fielder != nullptr || !frame.linesShown.empty()) {
            // Fields first, from the whole chunks: a chunk is a field or segments as in the viewer's pyramid.
            std::vector<LineChunk> kept;
            for (LineChunk& chunk : chunks) {
                if (std::optional<DistanceField> f = fielder != nullptr ? (*fielder)(chunk) : std::nullopt) {
                    cellFields[c].push_back(std::move(*f));
                } else if (frame.linesShown.empty() || dropUnseen(chunk, frame.linesShown)) {
                    kept.push_back(std::move(chunk));
                }
            }
            chunks = std::move(kept);
        }
    };
    // Fields, and leaving out what is not shown, cost far more than cutting: worth threads at any size.
    if (bucketPieces > 1 || fielder != nullptr || !frame.linesShown.empty()) {
        forEachParallel(cells.size(), emitCell, options.threads);
    } else {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            emitCell(c);
        }
    }
    for (std::vector<LineChunk>& chunks : cellChunks) {
        std::move(chunks.begin(), chunks.end(), std::back_inserter(out));
    }
    for (std::vector<DistanceField>& made : cellFields) {
        std::move(made.begin(), made.end(), std::back_inserter(*fields));
    }
}

// The rings the polygon whose outer ring is part `first` of `shapes` fills: its holes' specks are outlines only.
void polygonRings(const Shapes& shapes, std::size_t first, std::vector<RingView>& rings)
{
    rings.clear();
    for (std::size_t k = first; k < shapes.parts.size(); ++k) {
        const Part& part = shapes.parts[k];
        if (k > first && part.role != PartRole::InnerRing) {
            break;
        }
        if (shapes.speck[k] != 0) {
            continue;
        }
        rings.push_back({shapes.coords.data() + part.first, part.count});
    }
}

double trianglesArea(const std::vector<std::uint32_t>& indices, std::size_t from, const std::vector<RingView>& rings,
                     std::uint32_t base)
{
    // The rings' points side by side, as the indices count them: looking each index up ring by ring cost
    // triangles x rings, hours for a polygon with 10^4 holes.
    std::vector<Vec2d> points;
    for (const RingView& r : rings) {
        points.insert(points.end(), r.points, r.points + r.count);
    }
    auto vertex = [&](std::uint32_t index) {
        const std::uint32_t i = index - base;
        return i < points.size() ? points[i] : Vec2d{};
    };
    double area = 0.0;
    for (std::size_t t = from; t + 2 < indices.size(); t += 3) {
        const Vec2d a = vertex(indices[t]), b = vertex(indices[t + 1]), c = vertex(indices[t + 2]);
        area += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
    }
    return area;
}

// A tangled polygon (a ring crossing itself all over) gives triangles that overlap each other many times: their
// areas add up to far more than the polygon's bounds, and filling them on llvmpipe took minutes. Past this many times
// its bounds' area the rest of its triangles are dropped: the fill is drawn simplified (its outline is whole).
constexpr double kMaxFillCover = 4.0;

// What the fills of one batch's levels share.
struct FillState {
    // Per full-detail outer ring: 1 when its own triangles already miss its area (its rings cross at full detail),
    // learnt at level 0; such a polygon gains nothing by falling back to full detail at a coarse level.
    std::vector<char> fullCrosses;
    std::vector<FeatureIssue>* issues = nullptr;
};

// The area rings are meant to cover (the outer ring less its holes), for the crossing-ring check.
double ringsArea(const std::vector<RingView>& rings)
{
    double expected = 0.0;
    for (std::size_t k = 0; k < rings.size(); ++k) {
        expected += (k == 0 ? 1.0 : -1.0) * std::abs(signedArea(rings[k]));
    }
    return expected;
}

// Triangles of valid rings cover their area to rounding (about 1e-14); a hole poking out of a large polygon may be
// only 1e-4 of its area, so the bound is tight.
bool missesArea(double got, double expected)
{
    return std::abs(got - expected) > 1e-8 * std::max(std::abs(expected), 1e-9);
}

// Drops the triangles from `first` on past kMaxFillCover times the area of `bounds`; returns whether any went.
bool boundFillCover(std::vector<std::uint32_t>& indices, std::size_t first, const std::vector<Vec2d>& world,
                    const Bounds& bounds)
{
    const double budget = kMaxFillCover * bounds.width() * bounds.height();
    double cover = 0.0;
    for (std::size_t t = first; t + 2 < indices.size(); t += 3) {
        const Vec2d a = world[indices[t]], b = world[indices[t + 1]], c = world[indices[t + 2]];
        cover += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
        if (cover > budget) {
            indices.resize(t);
            return true;
        }
    }
    return false;
}

// The rings of the full-detail polygon whose outer ring is part `first` of `full`, simplified at `tolerance` into
// `storage` as simplifyParts would (a hole that becomes a speck or vanishes is no ring of the fill); false when the
// outer ring itself is no more than a speck.
bool finerRings(const Shapes& full, std::size_t first, double tolerance, std::vector<std::vector<Vec2d>>& storage,
                std::vector<RingView>& rings)
{
    storage.clear();
    rings.clear();
    for (std::size_t k = first; k < full.parts.size(); ++k) {
        const Part& part = full.parts[k];
        if (k > first && part.role != PartRole::InnerRing) {
            break;
        }
        std::vector<Vec2d>& ring = storage.emplace_back();
        if (simplifyRing(full.points(part), tolerance, ring) != RingResult::Simplified) {
            if (k == first) {
                return false;
            }
            storage.pop_back();
        }
    }
    for (const std::vector<Vec2d>& r : storage) {
        rings.push_back({r.data(), r.size()});
    }
    return true;
}

// `tolerance`: the level's (finer tolerances are tried for a polygon whose simplified rings cross).
void emitFills(const Shapes& shapes, const Shapes& full, double tolerance, const MeshOptions& options,
               const GridFrame& frame, FillState& state, std::vector<FillChunk>& out)
{
    // Polygons: [first part, end part) ranges.
    std::vector<std::pair<std::size_t, std::size_t>> polygons;
    std::size_t vertices = 0;
    for (std::size_t i = 0; i < shapes.parts.size(); ++i) {
        if (shapes.parts[i].role == PartRole::OuterRing) {
            std::size_t j = i + 1;
            while (j < shapes.parts.size() && shapes.parts[j].role == PartRole::InnerRing) {
                ++j;
            }
            polygons.emplace_back(i, j);
            for (std::size_t k = i; k < j; ++k) {
                vertices += shapes.parts[k].count;
            }
        }
    }
    if (polygons.empty()) {
        return;
    }
    const Grid grid = frame.grid(shapes, vertices, options.targetSegmentsPerChunk);
    std::vector<std::vector<std::size_t>> cells(grid.cellCount());
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        const Part& outer = shapes.parts[polygons[i].first];
        Bounds b;
        for (const Vec2d& p : shapes.points(outer)) {
            b.add(p);
        }
        cells[grid.cellOf(b.center())].push_back(i);
    }
    // Cells are independent (each polygon lies in one, fullCrosses has a slot per polygon): tessellated on all cores
    // into chunks and issues of their own, joined in cell order so the result does not depend on the threads.
    std::vector<std::vector<FillChunk>> cellChunks(cells.size());
    std::vector<std::vector<FeatureIssue>> cellIssues(cells.size());
    forEachParallel(cells.size(), [&](std::size_t cellIndex) {
        const std::vector<std::size_t>& cell = cells[cellIndex];
        std::vector<FillChunk>& out = cellChunks[cellIndex];
        std::vector<RingView> rings;
        std::vector<std::vector<Vec2d>> finer; // the points of rings simplified at a finer tolerance
        FillChunk* chunk = nullptr;
        std::vector<Vec2d> world;
        auto flush = [&] {
            if (chunk == nullptr) {
                return;
            }
            chunk->origin = chunk->bounds.center();
            chunk->vertices.reserve(world.size() * 2);
            for (const Vec2d& v : world) {
                chunk->vertices.push_back(static_cast<float>(v.x - chunk->origin.x));
                chunk->vertices.push_back(static_cast<float>(v.y - chunk->origin.y));
            }
            if (chunk->indices.empty()) {
                out.pop_back();
            }
            chunk = nullptr;
            world.clear();
        };
        for (const std::size_t pi : cell) {
            polygonRings(shapes, polygons[pi].first, rings);
            std::vector<std::uint32_t> probe; // the triangles of `rings`, when already made (indices from 0)
            bool probed = false;
            if (&shapes != &full) {
                // Simplifying rings one by one can make a coarse ring cross itself or a hole, and the
                // triangulation of a crossing ring covers the wrong area. The area check catches it; that polygon's
                // fill is then made from its rings simplified at a quarter of the tolerance, else a sixteenth (its
                // outline stays the level's: they differ by less than the level's tolerance), else at full detail.
                triangulatePolygon(rings, probe, 0);
                probed = true;
                const std::uint32_t origin = shapes.origin[polygons[pi].first];
                if (state.fullCrosses[origin] == 0 && missesArea(trianglesArea(probe, 0, rings, 0), ringsArea(rings))) {
                    bool settled = false;
                    for (double finerTolerance = tolerance / 4.0; !settled && finerTolerance >= tolerance / 16.0;
                         finerTolerance /= 4.0) {
                        probe.clear();
                        if (finerRings(full, origin, finerTolerance, finer, rings)) {
                            triangulatePolygon(rings, probe, 0);
                            settled = !missesArea(trianglesArea(probe, 0, rings, 0), ringsArea(rings));
                        }
                    }
                    if (!settled) {
                        polygonRings(full, origin, rings);
                        probed = false;
                    }
                }
            }
            std::size_t count = 0;
            for (const RingView& r : rings) {
                count += r.count;
            }
            if (chunk != nullptr && world.size() + count > options.maxSegmentsPerChunk) {
                flush();
            }
            if (chunk == nullptr) {
                chunk = &out.emplace_back();
            }
            const std::size_t firstIndex = chunk->indices.size();
            if (probed) { // the triangles passed the check: reuse them rather than clip the ears again
                const auto base = static_cast<std::uint32_t>(world.size());
                for (const std::uint32_t index : probe) {
                    chunk->indices.push_back(base + index);
                }
            } else {
                triangulatePolygon(rings, chunk->indices, static_cast<std::uint32_t>(world.size()));
            }
            Bounds outerBounds;
            for (const RingView& r : rings) {
                for (std::size_t v = 0; v < r.count; ++v) {
                    world.push_back(r.points[v]);
                    chunk->bounds.add(r.points[v]);
                    outerBounds.add(r.points[v]);
                }
            }
            if (&shapes == &full) {
                // Level 0 learns which polygons cross at full detail (their own triangles miss their area).
                double got = 0.0;
                for (std::size_t t = firstIndex; t + 2 < chunk->indices.size(); t += 3) {
                    const Vec2d a = world[chunk->indices[t]], b = world[chunk->indices[t + 1]],
                                c = world[chunk->indices[t + 2]];
                    got += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
                }
                state.fullCrosses[polygons[pi].first] = missesArea(got, ringsArea(rings)) ? 1 : 0;
            }
            if (boundFillCover(chunk->indices, firstIndex, world, outerBounds) && &shapes == &full &&
                state.issues != nullptr) {
                const std::size_t part = polygons[pi].first;
                FeatureIssue issue;
                issue.featureId = part < full.feature.size() ? full.feature[part] : -1;
                issue.message = "polygon too complex to fill (its rings cross themselves all over); drawn simplified, "
                                "part of its fill left out";
                issue.action = IssueAction::Repaired;
                cellIssues[cellIndex].push_back(std::move(issue));
            }
            if (!frame.fillsShown.empty()) {
                dropUnseen(chunk->indices, firstIndex, world, frame.fillsShown);
            }
        }
        flush();
    }, options.threads);
    for (std::size_t c = 0; c < cells.size(); ++c) {
        std::move(cellChunks[c].begin(), cellChunks[c].end(), std::back_inserter(out));
        if (state.issues != nullptr) {
            std::move(cellIssues[c].begin(), cellIssues[c].end(), std::back_inserter(*state.issues));
        }
    }
}

// `fielder`: the level's dense line chunks become distance fields (ChunkFielder).
MeshLevel makeLevel(const Shapes& shapes, const Shapes& full, double tolerance, bool wantFills, bool wantOutlines,
                    const MeshOptions& options, const GridFrame& frame, FillState& fillState,
                    std::vector<Vec2d>* spent = nullptr, const ChunkFielder* fielder = nullptr)
{
    MeshLevel level;
    level.tolerance = tolerance;
    level.vertexCount = shapes.coords.size();
    if (wantFills) {
        emitFills(shapes, full, tolerance, options, frame, fillState, level.fills);
    }
    const bool fringe = wantFills && !wantOutlines;
    emitLines(shapes, wantOutlines, options, frame, level.lines, fringe ? nullptr : spent, fielder, &level.fields);
    if (fringe) {
        // The fill's edges: a hole's speck is none (emitFills leaves it out), and in the fill's colour over the
        // fill it would show nothing anyway, or a darker dot where the fill is translucent.
        Shapes rings;
        for (std::size_t i = 0; i < shapes.parts.size(); ++i) {
            const PartRole role = shapes.parts[i].role;
            if ((role == PartRole::OuterRing || role == PartRole::InnerRing) && shapes.speck[i] == 0) {
                rings.add(shapes.parts[i].role, shapes.points(shapes.parts[i]), shapes.origin[i]);
            }
        }
        emitLines(rings, true, options, frame, level.fringe);
    }
    return level;
}

std::size_t lineVertices(const MeshLevel& level)
{
    std::size_t n = 0;
    for (const LineChunk& c : level.lines) {
        n += c.vertices.size();
    }
    return n;
}

// Area-weighted centroid of a ring (shoelace); the plain mean when the ring has no area.
Vec2d ringCentroid(std::span<const Vec2d> r)
{
    double a = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const Vec2d p = r[i], q = r[(i + 1) % r.size()];
        const double cross = p.x * q.y - q.x * p.y;
        a += cross;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
    }
    if (std::abs(a) < 1e-12) {
        Vec2d mean;
        for (const Vec2d& p : r) {
            mean = mean + p * (1.0 / static_cast<double>(r.size()));
        }
        return mean;
    }
    return {cx / (3.0 * a), cy / (3.0 * a)};
}

void addLabel(const Layer& layer, std::uint32_t index, const Symbolizer& s, std::vector<LabelSource>& out)
{
    const Feature& f = layer.features[index];
    LabelSource l;
    if (const AttrValue* v = layer.value(f, s.labelField)) {
        l.text = formatValue(*v);
    }
    // The Persian name: the field the style names, else `<label>_fa` where the data has it (label -> label_fa).
    const std::string faField = !s.labelFaField.empty() ? s.labelFaField : s.labelField + "_fa";
    if (const AttrValue* fa = layer.value(f, faField)) {
        l.textFa = formatValue(*fa);
    }
    if (l.text.empty() && l.textFa.empty()) {
        return;
    }
    l.feature = index;
    l.priority = s.labelPriority;
    l.size = s.labelSize;
    l.minZoom = s.minZoom;
    l.maxZoom = s.maxZoom;
    l.color = s.labelColor;
    l.halo = s.labelHalo;
    l.leader = s.labelLeader;
    l.lineHalfWidth = std::max(s.strokeWidth, s.casingWidth) * 0.5f;
    // The largest part carries the label: the longest line, the ring with the widest bounds.
    double best = -1.0;
    for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
        const Part& part = layer.parts[p];
        const std::span<const Vec2d> pts(layer.coords.data() + part.first, part.count);
        if (!finite(pts)) {
            continue;
        }
        if (part.role == PartRole::Point) {
            l.kind = LabelSource::Kind::Point;
            l.anchor = pts[0];
            l.markerRadius = s.markerSize * 0.5f;
            best = 0.0;
            if (l.markerRadius > 0) {
                break; // a marker is named beside its first point
            }
            // A name with no marker (a sea's) at several points: the first where it fits, in the file's order
            // (the Caspian's name in its middle, else in its north where the corridor's lines leave room).
            for (std::uint32_t q = p + 1; q < f.firstPart + f.partCount; ++q) {
                const Part& other = layer.parts[q];
                const std::span<const Vec2d> at(layer.coords.data() + other.first, other.count);
                if (other.role == PartRole::Point && finite(at)) {
                    l.path.push_back(at[0]);
                }
            }
            break;
        }
        Bounds b;
        for (const Vec2d& q : pts) {
            b.add(q);
        }
        const double size = std::max(b.width(), b.height());
        if (part.role == PartRole::Line && size > best) {
            best = size;
            l.kind = LabelSource::Kind::Line;
            l.path.assign(pts.begin(), pts.end());
        } else if (part.role == PartRole::OuterRing && size > best) {
            best = size;
            l.kind = LabelSource::Kind::Area;
            l.anchor = ringCentroid(pts);
            l.areaSize = size;
            // The outline, light, for naming the part of the area a view shows when its centroid is off screen.
            // Only an outline Douglas–Peucker keeps: a ring that collapses at a thousandth of its size is a sliver,
            // and its speck would guide the naming no better than the centroid does.
            l.path.clear(); // simplifyRing appends, and a larger ring may come later
            if (simplifyRing(pts, size / 1000.0, l.path) != RingResult::Simplified) {
                l.path.clear();
            }
        }
    }
    if (best >= 0.0) {
        out.push_back(std::move(l));
    }
}

} // namespace

std::size_t LineChunk::segmentCount() const
{
    std::size_t n = 0;
    for (std::size_t i = 0; i + 1 < vertices.size(); ++i) {
        n += static_cast<std::size_t>(vertices[i].kind == LineVertex::kDraw && vertices[i + 1].kind == LineVertex::kDraw);
    }
    return n;
}

std::size_t pickLevel(const MeshBatch& batch, double unitsPerPixel)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < batch.levels.size(); ++i) {
        if (levelFits(batch.levels[i].tolerance, unitsPerPixel)) {
            best = i;
        }
    }
    return best;
}

std::size_t LayerMesh::byteSize() const
{
    std::size_t bytes = 0;
    for (const MeshBatch& b : batches) {
        for (const MeshLevel& l : b.levels) {
            for (const FillChunk& c : l.fills) {
                bytes += c.vertices.size() * sizeof(float) + c.indices.size() * sizeof(std::uint32_t);
            }
            for (const auto* chunks : {&l.lines, &l.fringe}) {
                for (const LineChunk& c : *chunks) {
                    bytes += c.vertices.size() * sizeof(LineVertex);
                }
            }
            for (const DistanceField& f : l.fields) {
                bytes += f.distance.size();
            }
        }
        for (const PointChunk& c : b.points) {
            bytes += c.positions.size() * sizeof(float);
        }
    }
    for (const LabelSource& l : labels) {
        bytes += sizeof(LabelSource) + l.text.size() + l.path.size() * sizeof(Vec2d);
    }
    bytes += markers.size() * sizeof(MarkerSpot);
    return bytes;
}

namespace {

// A layer's areas are neighbours when at least this share of its outlined rings' vertices lie on another ring too
// (exactly: the same coordinates, as areas cut from one topology have along their common border). Countries share
// most of theirs; a coast cut into pieces at the data's edge, or lakes, share next to none, and are not worth the
// renderer's coverage pass (MapRenderer: it costs a composite over what the lines reach).
constexpr std::size_t kSharedVertexPercent = 2;

// Whether the outlined batches' rings are neighbours (kSharedVertexPercent). Each vertex goes once into an
// open-addressing table of its coordinates' hash and its ring; a hash already there from another ring counts the
// vertex as shared; the pass ends once enough are. A hash collision may count one wrongly: that costs the renderer
// a little time at most, never a wrong pixel.
bool ringsShareVertex(const std::vector<Shapes>& shapes, const std::vector<bool>& outlined)
{
    std::size_t vertices = 0; // of the outlined rings: lines share vertices with nothing here
    for (std::size_t b = 0; b < shapes.size(); ++b) {
        if (outlined[b]) {
            for (const Part& part : shapes[b].parts) {
                const bool isRing = part.role == PartRole::OuterRing || part.role == PartRole::InnerRing;
                vertices += isRing ? part.count : 0;
            }
        }
    }
    if (vertices < 2) {
        return false;
    }
    std::size_t size = 1;
    while (size < 2 * vertices) {
        size <<= 1;
    }
    struct Slot {
        std::uint64_t key = 0; // 0: empty
        std::uint32_t ring = 0;
    };
    std::vector<Slot> table(size);
    const auto mix = [](std::uint64_t v) {
        v ^= v >> 33;
        v *= 0xff51afd7ed558ccdULL;
        v ^= v >> 33;
        v *= 0xc4ceb9fe1a85ec53ULL;
        return v ^ (v >> 33);
    };
    const std::size_t enough = std::max<std::size_t>(2, vertices * kSharedVertexPercent / 100);
    std::size_t shared = 0;
    std::uint32_t ring = 0;
    for (std::size_t b = 0; b < shapes.size(); ++b) {
        if (!outlined[b]) {
            continue;
        }
        for (const Part& part : shapes[b].parts) {
            ++ring;
            if (part.role != PartRole::OuterRing && part.role != PartRole::InnerRing) {
                continue;
            }
            for (const Vec2d& p : shapes[b].points(part)) {
                const std::uint64_t key =
                    mix(std::bit_cast<std::uint64_t>(p.x) ^ mix(std::bit_cast<std::uint64_t>(p.y))) | 1;
                for (std::size_t i = key & (size - 1);; i = (i + 1) & (size - 1)) {
                    if (table[i].key == 0) {
                        table[i] = {key, ring};
                        break;
                    }
                    if (table[i].key == key) {
                        if (table[i].ring != ring && ++shared >= enough) {
                            return true;
                        }
                        break;
                    }
                }
            }
        }
    }
    return false;
}

// buildLayerMesh; `disposable`: the same layer, whose coordinates may go once the batches' shapes hold them.
LayerMesh buildMesh(const Layer& layer, Layer* disposable, const LayerStyle& style, const MeshOptions& options)
{
    const PhaseScope timing(Phase::Tessellate); // what the scopes inside (simplify, fields) do not take over
    LayerMesh mesh;
    mesh.inputVertices = layer.coords.size();
    std::vector<Symbolizer> symbolizers;
    std::vector<Shapes> shapes;
    std::vector<std::vector<Vec2d>> points;
    std::vector<std::vector<std::uint32_t>> taken; // per batch: the layer's parts it draws as lines or areas, in order
    // Per batch: the bounds of all its features' parts, those outside options.reach too (the pyramid's tolerances
    // are measured from them). With no reach, the batch's shapes' own bounds.
    std::vector<Bounds> batchBounds;
    std::vector<std::size_t> batchVertices, keptVertices; // per batch, when culling: lines' and rings' vertices
    // (A layer wholly within reach has nothing to leave out: no pass over its points.)
    const bool culling = !options.reach.empty() && !(options.reach.contains({layer.bounds.minX, layer.bounds.minY}) &&
                                                     options.reach.contains({layer.bounds.maxX, layer.bounds.maxY}));
    Bounds allPoints; // when culling: the point parts' bounds, within reach or not

    for (const Feature& f : layer.features) {
        if (f.partCount == 0) {
            continue;
        }
        const Symbolizer s = resolveSymbolizer(style, layer, f, options.context);
        if (!s.visible) {
            continue;
        }
        if (!s.labelField.empty() || !s.labelFaField.empty()) {
            addLabel(layer, static_cast<std::uint32_t>(&f - layer.features.data()), s, mesh.labels);
        }
        const std::size_t b = static_cast<std::size_t>(std::find(symbolizers.begin(), symbolizers.end(), s) - symbolizers.begin());
        if (b == symbolizers.size()) {
            symbolizers.push_back(s);
            shapes.emplace_back();
            points.emplace_back();
            taken.emplace_back();
            batchBounds.emplace_back();
            batchVertices.push_back(0);
            keptVertices.push_back(0);
        }
        if (culling) {
            // Left out when no point of it is within reach; its bounds still count for the batch's (its drawable
            // parts' only, as the batch's shapes would take them: a part with a point PROJ could not project is
            // skipped below).
            Bounds fb;
            std::size_t vertices = 0;
            for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
                const Part& part = layer.parts[p];
                const std::span<const Vec2d> pts(layer.coords.data() + part.first, part.count);
                if (!finite(pts)) {
                    continue;
                }
                Bounds pb;
                for (const Vec2d& v : pts) {
                    pb.add(v);
                }
                (part.role == PartRole::Point ? allPoints : batchBounds[b]).add(pb);
                vertices += part.role == PartRole::Point ? 0 : part.count;
                fb.add(pb);
            }
            batchVertices[b] += vertices;
            if (!fb.intersects(options.reach)) {
                continue;
            }
            keptVertices[b] += vertices;
        }
        bool outerKept = false;
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            const Part& part = layer.parts[p];
            const std::span<const Vec2d> pts(layer.coords.data() + part.first, part.count);
            if (!finite(pts)) {
                ++mesh.skippedParts;
                if (part.role == PartRole::OuterRing) {
                    outerKept = false;
                }
                continue;
            }
            if (part.role == PartRole::Point) {
                points[b].push_back(pts[0]);
                continue;
            }
            if (part.role == PartRole::InnerRing && !outerKept) {
                continue; // an orphan hole draws nothing
            }
            outerKept = part.role == PartRole::OuterRing || outerKept;
            taken[b].push_back(p);
            shapes[b].feature.push_back(f.id);
        }
    }
    // The batches' shapes, from the parts each takes. A layer whose parts all go, in order, to one batch (a big
    // line layer: walks, tracks, coasts) hands its coordinates over when it is disposable, rather than copy them.
    const std::size_t batchesWithParts =
        static_cast<std::size_t>(std::count_if(taken.begin(), taken.end(), [](const auto& t) { return !t.empty(); }));
    for (std::size_t b = 0; b < shapes.size(); ++b) {
        Shapes& out = shapes[b];
        std::size_t vertices = 0;
        bool whole = disposable != nullptr && batchesWithParts == 1;
        for (const std::uint32_t p : taken[b]) {
            whole = whole && layer.parts[p].first == vertices;
            vertices += layer.parts[p].count;
        }
        whole = whole && vertices == layer.coords.size();
        out.parts.reserve(taken[b].size());
        out.origin.reserve(taken[b].size());
        out.speck.reserve(taken[b].size());
        if (whole) {
            out.coords = std::move(disposable->coords); // the parts index it as they indexed the layer's
        } else {
            out.coords.reserve(vertices);
        }
        for (const std::uint32_t p : taken[b]) {
            const Part& part = layer.parts[p];
            const auto from = static_cast<std::uint32_t>(out.parts.size());
            if (whole) {
                out.addPart(part, from);
            } else {
                out.add(part.role, {layer.coords.data() + part.first, part.count}, from);
            }
        }
    }

    if (disposable != nullptr) {
        std::vector<Vec2d>().swap(disposable->coords);
    }

    std::vector<bool> outlined(symbolizers.size());
    for (std::size_t b = 0; b < symbolizers.size(); ++b) {
        const Symbolizer& s = symbolizers[b];
        outlined[b] = (s.strokeWidth > 0.0f && s.stroke.a > 0.0f) || (s.casingWidth > 0.0f && s.casing.a > 0.0f);
    }
    mesh.sharedOutlines = ringsShareVertex(shapes, outlined);

    for (std::size_t b = 0; b < symbolizers.size(); ++b) {
        MeshBatch& batch = mesh.batches.emplace_back();
        batch.symbolizer = symbolizers[b];
        const Symbolizer& sym = batch.symbolizer;
        const bool wantFills = sym.fill.a > 0.0f || sym.hatch;
        const bool wantOutlines = (sym.strokeWidth > 0.0f && sym.stroke.a > 0.0f) || (sym.casingWidth > 0.0f && sym.casing.a > 0.0f);
        const Shapes& full = shapes[b];
        GridFrame frame;
        if (culling && keptVertices[b] > 0) {
            frame.bounds = batchBounds[b];
            frame.itemScale = static_cast<double>(batchVertices[b]) / static_cast<double>(keptVertices[b]);
        }
        if (!options.shown.empty() && options.imageUnitsPerPixel > 0.0) {
            // A segment's quad reaches its half width and the anti-aliased pixel past it, a miter's tip up to the
            // limit in half widths (line.vert); a pixel more for rounding. Fills have no fringe of their own.
            const double px = options.imageUnitsPerPixel;
            const double half = 0.5 * std::max({sym.strokeWidth, sym.casingWidth, 1.0f}) * options.imagePixelScale;
            const double miter = std::max(1.0, static_cast<double>(sym.miterLimit));
            frame.linesShown = grown(options.shown, (half * miter + 2.0) * px);
            frame.fillsShown = grown(options.shown, px);
        }
        // Dense line chunks of coarse levels may be drawn as distance fields (core/density.hpp): not dashed lines
        // (a field has no distance along the line) nor lines too wide for a field's reach.
        const bool fieldable = options.fieldDensity > 0 && sym.dash.empty() && fieldDrawsWidth(sym.strokeWidth, 0.5) &&
                               (sym.casingWidth <= 0.0f || sym.casing.a <= 0.0f || fieldDrawsWidth(sym.casingWidth, 0.5));
        if (!full.coords.empty()) {
            FillState fillState;
            fillState.fullCrosses.assign(full.parts.size(), 0);
            fillState.issues = &mesh.issues;
            // With a start tolerance, the first level is the coarsest one asked for, made like the coarser levels
            // below (thinned, fielded) and kept whatever it saves; else it is the data as read.
            // Coarser levels, each from the previous one; tolerances grow fourfold from a 32768th of the data's
            // extent. Simplifying the previous level with 3/4 of the new tolerance keeps the accumulated error under
            // the new tolerance (3/4 · Σ 4^-k < 1).
            const Bounds& extent = culling ? batchBounds[b] : full.bounds;
            double tolerance = std::max(extent.width(), extent.height()) / 32768.0;
            // A start tolerance skips to the coarsest of those tolerances within it: the level the full pyramid
            // would draw there, so a one-shot image matches the viewer's (same simplification, same field texels).
            // One image (imageUnitsPerPixel, one level) finer than the pyramid's finest simplified level, as 8K of the
            // world in Mercator, whose polar data makes the extent huge: simplified at a quarter of the image's pixel
            // rather than drawn at the full detail a viewer draws there (8K of Natural Earth's countries: tessellation
            // 175 -> 110 ms, render 486 -> 321). Not the half pixel levelFits allows: that moved 0.3 % of the
            // bundled Caspian view's pixels off the viewer's, past the golden tolerance (tests/render/one_shot).
            if (options.imageUnitsPerPixel > 0.0 && options.maxLevels == 1 && options.startTolerance > 0.0 &&
                tolerance > options.startTolerance) {
                tolerance = 0.5 * options.startTolerance;
            }
            const bool fromStart = options.startTolerance > 0.0 && tolerance > 0.0 && tolerance <= options.startTolerance;
            while (fromStart && tolerance * 4.0 <= options.startTolerance) {
                tolerance *= 4.0;
            }
            if (!fromStart) {
                batch.levels.push_back(makeLevel(full, full, 0.0, wantFills, wantOutlines, options, frame, fillState));
            }
            // The level the next one is simplified from: the data itself until a level is kept (not a copy of it).
            Shapes keptShapes;
            const Shapes* previous = &full;
            const float lineWidth = std::max(sym.strokeWidth, sym.casingWidth);
            std::vector<std::int64_t> denseReported;
            // What the previous level draws as segments (none yet when starting coarse: the first level is kept).
            std::size_t previousDrawn = fromStart ? std::numeric_limits<std::size_t>::max() : lineVertices(batch.levels[0]);
            // Attempts are bounded: data that no tolerance thins (many two-point lines) must not loop forever.
            for (std::size_t attempt = 0; tolerance > 0.0 && batch.levels.size() < options.maxLevels &&
                                          attempt < options.maxLevels + 4;
                 ++attempt) {
                // One level, made from the data: lines need its points no more (areas do, to fall back to full
                // detail where their rings cross), so it is simplified over them.
                const bool lastUse = fromStart && options.maxLevels == 1 && !wantFills && previous == &full;
                const std::size_t previousVertices = previous->coords.size();
                Shapes coarser = lastUse ? simplifyShapesOver(shapes[b], tolerance * 0.75, options.threads)
                                         : simplifyShapes(*previous, tolerance * 0.75, options.threads);
                const bool dense = wantOutlines && thinDenseFeatures(coarser, full, tolerance, lineWidth,
                                                                     denseReported, &mesh.issues, options.threads) > 0;
                const bool thinner = static_cast<double>(coarser.coords.size()) <=
                                     options.levelShrink * static_cast<double>(previousVertices);
                // A level is worth keeping when it draws far fewer segments: because Douglas–Peucker thinned it,
                // or because its dense chunks become fields (random walks, tracks: lines that wiggle by more than
                // the tolerance everywhere, which no simplification thins).
                const bool first = batch.levels.empty(); // starting coarse: this level is the finest there is
                bool kept = false;
                if (thinner || fieldable || dense || first) {
                    // The only level: its chunks hold what it draws; its points are needed for no other level, and
                    // the chunks and the fields made next are the build's peaks.
                    const bool only = first && options.maxLevels == 1;
                    const ChunkFielder fielder(tolerance, options, sym, lineWidth);
                    MeshLevel level = makeLevel(coarser, full, tolerance, wantFills, wantOutlines, options, frame,
                                                fillState, only ? &coarser.coords : nullptr,
                                                fieldable && !fielder.none() ? &fielder : nullptr);
                    if (only) {
                        std::vector<Vec2d>().swap(coarser.coords);
                    }
                    const std::size_t drawn = lineVertices(level); // what is still drawn as segments
                    // Fields save nothing after a level that drew every segment as fields already: such a level
                    // would repeat the previous one's shapes (islands that are specks at every coarser tolerance).
                    const bool fielded = !level.fields.empty() && previousDrawn > 0 &&
                                         static_cast<double>(drawn) <= options.levelShrink * static_cast<double>(previousDrawn);
                    if (thinner || fielded || dense || first) {
                        batch.levels.push_back(std::move(level));
                        keptShapes = std::move(coarser);
                        previous = &keptShapes;
                        previousDrawn = drawn;
                        kept = true;
                    }
                }
                if (!kept && (batch.levels.size() > 1 || previous->coords.size() < 64)) {
                    break; // the data is already as coarse as it gets
                }
                if (previous->coords.empty()) {
                    break;
                }
                tolerance *= 4.0;
            }
        }
        if (!points[b].empty()) {
            for (const Vec2d& p : points[b]) {
                mesh.markers.push_back({p, sym.markerSize * 0.5f, sym.minZoom, sym.maxZoom});
            }
            for (std::size_t start = 0; start < points[b].size(); start += options.maxSegmentsPerChunk) {
                PointChunk& c = batch.points.emplace_back();
                const std::size_t end = std::min(points[b].size(), start + options.maxSegmentsPerChunk);
                for (std::size_t i = start; i < end; ++i) {
                    c.bounds.add(points[b][i]);
                }
                c.origin = c.bounds.center();
                for (std::size_t i = start; i < end; ++i) {
                    c.positions.push_back(static_cast<float>(points[b][i].x - c.origin.x));
                    c.positions.push_back(static_cast<float>(points[b][i].y - c.origin.y));
                }
            }
        }
        if (culling) {
            mesh.bounds.add(batchBounds[b]); // all the data's, within reach or not
        } else if (!batch.levels.empty() && batch.levels[0].tolerance > 0.0) {
            mesh.bounds.add(shapes[b].bounds); // the data's, not its simplified first level's: framing is exact
        } else if (!batch.levels.empty()) {
            for (const auto& c : batch.levels[0].fills) mesh.bounds.add(c.bounds);
            for (const auto& c : batch.levels[0].lines) mesh.bounds.add(c.bounds);
            for (const auto& f : batch.levels[0].fields) mesh.bounds.add(f.bounds);
        }
        for (const auto& c : batch.points) mesh.bounds.add(c.bounds);
    }
    mesh.bounds.add(allPoints);
    return mesh;
}

} // namespace

LayerMesh buildLayerMesh(const Layer& layer, const LayerStyle& style, const MeshOptions& options)
{
    return buildMesh(layer, nullptr, style, options);
}

LayerMesh buildLayerMesh(Layer&& layer, const LayerStyle& style, const MeshOptions& options)
{
    return buildMesh(layer, &layer, style, options);
}

} // namespace corridor::core

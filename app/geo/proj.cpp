#include "geo/proj.hpp"

#include "core/parallel.hpp"
#include "core/phase_times.hpp"
#include "core/projections.hpp"
#include "core/text_clip.hpp"
#include "geo/crs_check.hpp"

#include <proj.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>
#include <utility>
#include <vector>

namespace corridor::geo {

namespace {

PjPtr createCrs(const ProjContext& context, const std::string& definition)
{
    PjPtr crs(proj_create(context.get(), normalizeCrsDefinition(definition).c_str()));
    if (!crs) {
        throw ProjError("unknown CRS '" + core::clipEcho(definition) + "': " + context.lastError());
    }
    if (!proj_is_crs(crs.get())) {
        throw ProjError("'" + core::clipEcho(definition) + "' is not a coordinate reference system");
    }
    return crs;
}

// Operations already found, for the process: finding one (CRS definitions and candidate operations looked up in
// proj.db) costs about 3 ms, a clone of it 0.05 ms, and an export makes about ten transformers between the same two
// CRSs (reading, framing, the layers, the furniture). Each is kept in a context of the cache's own, cloned into the
// asking context under the lock (a PJ serves one thread at a time).
class OperationCache {
public:
    // The operation from -> to cloned into `context`: true and `pj` set (null for an identity) when cached.
    bool find(const ProjContext& context, const std::string& from, const std::string& to, bool& identity, PJ*& pj)
    {
        const std::lock_guard lock(m_mutex);
        for (const Entry& e : m_entries) {
            if (e.from == from && e.to == to) {
                identity = e.identity;
                pj = e.identity ? nullptr : proj_clone(context.get(), e.op.get());
                return identity || pj != nullptr;
            }
        }
        return false;
    }

    void add(const std::string& from, const std::string& to, bool identity, PJ* pj)
    {
        const std::lock_guard lock(m_mutex);
        if (m_entries.size() >= kMaxEntries) {
            return; // a session that switches among many CRSs: the first ones stay
        }
        PjPtr own(identity ? nullptr : proj_clone(m_context.get(), pj));
        if (identity || own) {
            m_entries.push_back({from, to, identity, std::move(own)});
        }
    }

private:
    static constexpr std::size_t kMaxEntries = 64;
    struct Entry {
        std::string from, to;
        bool identity;
        PjPtr op;
    };
    std::mutex m_mutex;
    ProjContext m_context;        // declared before the entries: destroyed after the operations made in it
    std::vector<Entry> m_entries;
};

OperationCache& operationCache()
{
    static OperationCache cache;
    return cache;
}

} // namespace

namespace {

// PROJ contexts given back, for the next ProjContext. A fresh context opens proj.db again and looks every CRS up
// in it again (about 2 ms each; an export made a dozen), where a used one has the database open and its lookups
// cached. One thread at a time uses a context, as PROJ requires: it is either in the pool or held by one ProjContext.
class ContextPool {
public:
    pj_ctx* take()
    {
        {
            const std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                pj_ctx* ctx = m_free.back();
                m_free.pop_back();
                return ctx;
            }
        }
        pj_ctx* ctx = proj_context_create();
        if (ctx != nullptr) {
            proj_log_level(ctx, PJ_LOG_NONE); // errors are reported through exceptions, not PROJ's stderr log
            proj_context_set_enable_network(ctx, 0);
        }
        return ctx;
    }

    void give(pj_ctx* ctx)
    {
        {
            const std::lock_guard lock(m_mutex);
            if (m_free.size() < kKept) {
                m_free.push_back(ctx);
                return;
            }
        }
        proj_context_destroy(ctx);
    }

private:
    static constexpr std::size_t kKept = 16; // more than the threads that use contexts at once
    std::mutex m_mutex;
    std::vector<pj_ctx*> m_free;
};

ContextPool& contextPool()
{
    static ContextPool* const pool = new ContextPool(); // never destroyed: contexts may be given back at exit
    return *pool;
}

} // namespace

ProjContext::ProjContext()
    : m_ctx(contextPool().take())
{
    if (m_ctx == nullptr) {
        throw ProjError("cannot create a PROJ context");
    }
}

ProjContext::~ProjContext()
{
    if (m_ctx != nullptr) {
        contextPool().give(m_ctx);
    }
}

ProjContext::ProjContext(ProjContext&& other) noexcept
    : m_ctx(std::exchange(other.m_ctx, nullptr))
{
}

ProjContext& ProjContext::operator=(ProjContext&& other) noexcept
{
    std::swap(m_ctx, other.m_ctx);
    return *this;
}

std::string ProjContext::lastError() const
{
    const int err = proj_context_errno(m_ctx);
    return err == 0 ? std::string("no details") : std::string(proj_context_errno_string(m_ctx, err));
}

Transformer::Transformer(const ProjContext& context, const std::string& from, const std::string& to)
    : m_context(&context)
{
    const core::PhaseScope timing(core::Phase::Reproject); // finding the operation can take longer than running it
    if (operationCache().find(context, from, to, m_identity, m_pj)) {
        return;
    }
    const PjPtr src = createCrs(context, from);
    const PjPtr dst = createCrs(context, to);
    m_identity = proj_is_equivalent_to_with_ctx(context.get(), src.get(), dst.get(),
                                                PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0;
    if (m_identity) {
        operationCache().add(from, to, true, nullptr);
        return; // no PJ needed: skipping the call keeps lon/lat exact
    }
    const PjPtr raw(proj_create_crs_to_crs_from_pj(context.get(), src.get(), dst.get(), nullptr, nullptr));
    if (!raw) {
        throw ProjError("no transformation from '" + core::clipEcho(from) + "' to '" + core::clipEcho(to) +
                        "': " + context.lastError());
    }
    m_pj = proj_normalize_for_visualization(context.get(), raw.get());
    if (m_pj == nullptr) {
        throw ProjError("cannot normalise axis order for '" + core::clipEcho(from) + "' -> '" + core::clipEcho(to) +
                        "': " + context.lastError());
    }
    operationCache().add(from, to, false, m_pj);
}

Transformer::~Transformer()
{
    if (m_pj != nullptr) {
        proj_destroy(m_pj);
    }
}

Transformer::Transformer(Transformer&& other) noexcept
    : m_context(other.m_context)
    , m_pj(std::exchange(other.m_pj, nullptr))
    , m_identity(other.m_identity)
{
}

Transformer& Transformer::operator=(Transformer&& other) noexcept
{
    std::swap(m_context, other.m_context);
    std::swap(m_pj, other.m_pj);
    std::swap(m_identity, other.m_identity);
    return *this;
}

std::size_t Transformer::forward(std::span<core::Vec2d> points) const { return run(points, PJ_FWD); }
std::size_t Transformer::inverse(std::span<core::Vec2d> points) const { return run(points, PJ_INV); }

namespace {

// Points PROJ failed on come back as HUGE_VAL (or NaN when they went in as NaN): all NaN for consumers.
std::size_t transformRange(PJ* pj, std::span<core::Vec2d> points, int direction)
{
    double* xs = &points.front().x;
    double* ys = &points.front().y;
    const std::size_t stride = sizeof(core::Vec2d);
    proj_errno_reset(pj);
    proj_trans_generic(pj, static_cast<PJ_DIRECTION>(direction), xs, stride, points.size(), ys, stride,
                       points.size(), nullptr, 0, 0, nullptr, 0, 0);
    std::size_t failed = 0;
    for (core::Vec2d& p : points) {
        if (p.x == HUGE_VAL || p.y == HUGE_VAL || !std::isfinite(p.x) || !std::isfinite(p.y)) {
            p = {std::nan(""), std::nan("")};
            ++failed;
        }
    }
    return failed;
}

// Below this many points one thread does it all: a clone of the operation costs more than it saves.
constexpr std::size_t kParallelPoints = std::size_t{1} << 17;

// Runs work(pj, range) over `threads` equal ranges of `points`, one thread each. A PJ and its context serve one
// thread at a time: the first range gets `pj`, each further one a clone in a context of its own; a range whose clone
// PROJ cannot make is left to `pj`, after the others. Returns the sum of what the calls return.
template <typename Work>
std::size_t onRanges(PJ* pj, std::span<core::Vec2d> points, std::size_t threads, const Work& work)
{
    if (threads < 2) {
        return work(pj, points);
    }
    std::vector<ProjContext> contexts(threads - 1);
    std::vector<PjPtr> clones;
    for (const ProjContext& c : contexts) {
        clones.emplace_back(proj_clone(c.get(), pj));
    }
    const std::size_t step = (points.size() + threads - 1) / threads;
    const auto range = [&](std::size_t i) {
        const std::size_t first = std::min(points.size(), i * step);
        return points.subspan(first, std::min(step, points.size() - first));
    };
    std::vector<std::size_t> results(threads, 0);
    core::forEachParallel(threads, [&](std::size_t i) {
        if (i == 0) {
            results[0] = work(pj, range(0));
        } else if (clones[i - 1]) {
            results[i] = work(clones[i - 1].get(), range(i));
        }
    }, threads);
    for (std::size_t i = 1; i < threads; ++i) {
        if (!clones[i - 1]) {
            results[i] = work(pj, range(i));
        }
    }
    return std::accumulate(results.begin(), results.end(), std::size_t{0});
}

std::size_t threadsFor(std::size_t points)
{
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    return std::min(cores, points / kParallelPoints);
}

bool finite(core::Vec2d p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// Control points for Transformer::forwardWithin: a quadtree of cells over the points' bounds (source units), each
// with nine points transformed by PROJ (its corners, the middles of its sides and its centre); a leaf either
// interpolates biquadratically between them or is `exact`. Quadratic, the error falls with the cube of a cell's
// side where bilinear's fell with its square: Web Mercator to a 128th of an 8K pixel over Eurasia and Africa takes
// about a sixth of the rows of cells (bilinear needed more than one cell per 64 points there, and gave up).
class ControlGrid {
    struct Cell;

public:
    // `budget`: the most cells worth making; past it the build stops and ok() is false (a tolerance far finer than
    // the data's extent needs: a zoomed-in view of a world-wide layer).
    ControlGrid(PJ* pj, const core::Bounds& box, double tolerance, std::size_t budget)
        : m_budget(budget)
        , m_pj(pj)
        , m_box(box)
        , m_cellW(box.width() / kTop)
        , m_cellH(box.height() / kTop)
        , m_tolerance(0.25 * tolerance)
    {
        m_cells.resize(std::size_t{kTop} * kTop);
        for (int j = 0; j < kTop; ++j) {
            for (int i = 0; i < kTop; ++i) {
                Cell& c = m_cells[static_cast<std::size_t>(j) * kTop + static_cast<std::size_t>(i)];
                c.x0 = box.minX + i * m_cellW;
                c.y0 = box.minY + j * m_cellH;
                c.w = m_cellW;
                c.h = m_cellH;
            }
        }
        for (std::size_t k = 0; k < std::size_t{kTop} * kTop && m_ok; ++k) {
            settle(k);
        }
    }

    bool ok() const { return m_ok; }

    // The leaf a point lies in: a caller walking along lines passes the previous one as `hint`, which is where the
    // next point usually is (no descent from the top). Null when the point is outside the grid.
    struct Leaf {
        const Cell* cell = nullptr;
    };

    // Interpolates `p` in place, or returns false when PROJ must transform it. `hint` carries the last leaf used.
    bool interpolate(core::Vec2d& p, Leaf& hint) const
    {
        const Cell* c = hint.cell;
        if (c == nullptr || !(p.x >= c->x0 && p.x < c->x0 + c->w && p.y >= c->y0 && p.y < c->y0 + c->h)) {
            if (!(p.x >= m_box.minX && p.x <= m_box.maxX && p.y >= m_box.minY && p.y <= m_box.maxY)) {
                return false;
            }
            const int i = std::clamp(static_cast<int>((p.x - m_box.minX) / m_cellW), 0, kTop - 1);
            const int j = std::clamp(static_cast<int>((p.y - m_box.minY) / m_cellH), 0, kTop - 1);
            c = &m_cells[static_cast<std::size_t>(j) * kTop + static_cast<std::size_t>(i)];
            while (c->split != kLeaf) {
                const unsigned east = p.x >= c->x0 + 0.5 * c->w ? 1u : 0u, north = p.y >= c->y0 + 0.5 * c->h ? 1u : 0u;
                const unsigned k = c->split == kSplitX ? east : c->split == kSplitY ? north : 2u * north + east;
                c = &m_cells[static_cast<std::size_t>(c->child) + k];
            }
            hint.cell = c;
        }
        if (c->exact) {
            return false;
        }
        p = quadratic(*c, (p.x - c->x0) * c->perW, (p.y - c->y0) * c->perH);
        return true;
    }

private:
    static constexpr int kTop = 32;      // top cells per side
    static constexpr int kMaxDepth = 8;  // halvings of a top cell's side: 8192 cells per side at most
    // How a cell is split: not (a leaf), at its middle x (into west and east), at its middle y (south and north),
    // or both (south-west, south-east, north-west, north-east). A map that bends along one axis only (Mercator's
    // y with latitude) is split along that one.
    static constexpr std::uint8_t kLeaf = 0, kSplitX = 1, kSplitY = 2, kSplitXY = 3;

    struct Cell {
        double x0 = 0, y0 = 0, w = 0, h = 0; // source rectangle
        double perW = 0, perH = 0;           // 1 / w, 1 / h
        // The quadratic through the nine points PROJ transformed, at (x0 + u·w, y0 + v·h) for u, v = 0, ½, 1, as
        // Σ c[j][i] uⁱ vʲ (evaluated by Horner's rule, a few multiplications a point).
        std::array<std::array<core::Vec2d, 3>, 3> c;
        std::int32_t child = -1;             // the first of its children, in the order above
        std::uint8_t split = kLeaf;
        std::uint8_t depthX = 0, depthY = 0; // halvings of the top cell's width and height
        bool exact = false;                  // a leaf whose points PROJ transforms one by one
    };

    core::Vec2d transform(double x, double y) const
    {
        core::Vec2d p{x, y};
        transformRange(m_pj, std::span(&p, 1), PJ_FWD);
        return p;
    }

    // The coefficients of 1, t, t² of the quadratic through f0, f1, f2 at t = 0, ½, 1.
    static std::array<core::Vec2d, 3> monomial(core::Vec2d f0, core::Vec2d f1, core::Vec2d f2)
    {
        return {f0, f0 * -3.0 + f1 * 4.0 + f2 * -1.0, f0 * 2.0 + f1 * -4.0 + f2 * 2.0};
    }

    // The cell's c from its nine transformed points at[v][u], u, v = 0, ½, 1.
    static void fit(Cell& cell, const std::array<std::array<core::Vec2d, 3>, 3>& at)
    {
        std::array<std::array<core::Vec2d, 3>, 3> rows; // rows[j]: the coefficients along u of row v = j/2
        for (std::size_t j = 0; j < 3; ++j) {
            rows[j] = monomial(at[j][0], at[j][1], at[j][2]);
        }
        for (std::size_t i = 0; i < 3; ++i) {
            const std::array<core::Vec2d, 3> along = monomial(rows[0][i], rows[1][i], rows[2][i]);
            for (std::size_t j = 0; j < 3; ++j) {
                cell.c[j][i] = along[j];
            }
        }
    }

    static core::Vec2d quadratic(const Cell& cell, double u, double v)
    {
        const auto& c = cell.c;
        const auto row = [&](std::size_t j) { return (c[j][2] * u + c[j][1]) * u + c[j][0]; };
        return (row(2) * v + row(1)) * v + row(0);
    }

    // Interpolation's error at (u, v) of the cell; infinite where PROJ fails there.
    double error(const Cell& c, double u, double v) const
    {
        const core::Vec2d exact = transform(c.x0 + u * c.w, c.y0 + v * c.h);
        const core::Vec2d guess = quadratic(c, u, v);
        return finite(exact) ? std::max(std::abs(exact.x - guess.x), std::abs(exact.y - guess.y))
                             : std::numeric_limits<double>::infinity();
    }

    // Transforms the cell's nine points and tests it between them; splits it (depth first) until it interpolates
    // within the tolerance or is as small as cells get.
    void settle(std::size_t k)
    {
        bool nodes = true;
        {
            Cell& c = m_cells[k];
            std::array<std::array<core::Vec2d, 3>, 3> at;
            for (std::size_t j = 0; j < 3; ++j) {
                for (std::size_t i = 0; i < 3; ++i) {
                    at[j][i] = transform(c.x0 + 0.5 * static_cast<double>(i) * c.w,
                                         c.y0 + 0.5 * static_cast<double>(j) * c.h);
                    nodes = nodes && finite(at[j][i]);
                }
            }
            c.perW = 1.0 / c.w;
            c.perH = 1.0 / c.h;
            fit(c, at);
        }
        const Cell c = m_cells[k];
        constexpr double kInf = std::numeric_limits<double>::infinity();
        // Quarter points on the south and north sides show bending along x; on the west and east sides, along y;
        // the quarter cells' centres the rest (a twist, a seam or the domain's edge inside the cell).
        const auto worst = [&](std::initializer_list<std::pair<double, double>> uv) {
            double e = 0.0;
            for (auto it = uv.begin(); nodes && it != uv.end() && e <= m_tolerance; ++it) {
                e = std::max(e, error(c, it->first, it->second));
            }
            return nodes ? e : kInf;
        };
        const double alongX = worst({{0.25, 0.0}, {0.75, 0.0}, {0.25, 1.0}, {0.75, 1.0}});
        const double alongY = worst({{0.0, 0.25}, {0.0, 0.75}, {1.0, 0.25}, {1.0, 0.75}});
        const double inside = alongX <= m_tolerance && alongY <= m_tolerance
                                  ? worst({{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}})
                                  : 0.0;
        if (alongX <= m_tolerance && alongY <= m_tolerance && inside <= m_tolerance) {
            return;
        }
        bool x = alongX > m_tolerance, y = alongY > m_tolerance;
        if (x == y || !std::isfinite(inside) || !nodes) {
            x = y = true; // a twist, or not finite somewhere: both
        }
        x = x && c.depthX < kMaxDepth;
        y = y && c.depthY < kMaxDepth;
        if (!x && !y) {
            m_cells[k].exact = true;
            return;
        }
        if (m_cells.size() + 4 > m_budget) {
            m_ok = false;
            return;
        }
        const auto first = static_cast<std::int32_t>(m_cells.size());
        m_cells[k].child = first;
        m_cells[k].split = x && y ? kSplitXY : x ? kSplitX : kSplitY;
        const double w = x ? 0.5 * c.w : c.w, h = y ? 0.5 * c.h : c.h;
        const int count = x && y ? 4 : 2;
        for (int q = 0; q < count; ++q) {
            const bool east = x && (y ? (q & 1) != 0 : q == 1), north = y && (x ? (q & 2) != 0 : q == 1);
            Cell child;
            child.x0 = c.x0 + (east ? w : 0.0);
            child.y0 = c.y0 + (north ? h : 0.0);
            child.w = w;
            child.h = h;
            child.depthX = static_cast<std::uint8_t>(c.depthX + (x ? 1 : 0));
            child.depthY = static_cast<std::uint8_t>(c.depthY + (y ? 1 : 0));
            m_cells.push_back(child);
        }
        for (int q = 0; q < count && m_ok; ++q) {
            settle(static_cast<std::size_t>(first + q));
        }
    }

    std::size_t m_budget;
    bool m_ok = true;
    PJ* m_pj;
    core::Bounds m_box;
    double m_cellW, m_cellH, m_tolerance;
    std::vector<Cell> m_cells; // the top grid row by row, then the children
};

} // namespace

std::size_t Transformer::run(std::span<core::Vec2d> points, int direction) const
{
    if (m_identity || points.empty()) {
        return 0;
    }
    const core::PhaseScope timing(core::Phase::Reproject);
    return onRanges(m_pj, points, threadsFor(points.size()),
                    [&](PJ* pj, std::span<core::Vec2d> range) { return transformRange(pj, range, direction); });
}

std::size_t Transformer::forwardWithin(std::span<core::Vec2d> points, double tolerance, const core::Bounds& box,
                                      core::Bounds* projected, std::vector<FailedPoint>* failedAt) const
{
    std::mutex joining;
    // What each range could not transform, into failedAt (sorted once all are in).
    const auto keepFailed = [&](std::vector<FailedPoint>& mine) {
        if (failedAt != nullptr && !mine.empty()) {
            const std::lock_guard lock(joining);
            failedAt->insert(failedAt->end(), mine.begin(), mine.end());
        }
    };
    const auto sortFailed = [&] {
        if (failedAt != nullptr) {
            std::sort(failedAt->begin(), failedAt->end(),
                      [](const FailedPoint& a, const FailedPoint& b) { return a.index < b.index; });
        }
    };
    const auto boundsOf = [&](std::span<const core::Vec2d> range) {
        core::Bounds out;
        for (const core::Vec2d& p : range) {
            if (finite(p)) {
                out.add(p);
            }
        }
        return out;
    };
    const auto exactly = [&] {
        std::size_t failed = 0;
        if (failedAt == nullptr || m_identity) {
            failed = forward(points); // an identity changes nothing: each point is still what it was
        } else {
            // A block at a time, kept as it was until PROJ has been through it.
            const core::PhaseScope timing(core::Phase::Reproject);
            failed = onRanges(m_pj, points, threadsFor(points.size()), [&](PJ* pj, std::span<core::Vec2d> range) {
                constexpr std::size_t kBlock = 4096;
                const auto base = static_cast<std::size_t>(range.data() - points.data());
                std::vector<core::Vec2d> before;
                std::vector<FailedPoint> mine;
                std::size_t failures = 0;
                for (std::size_t first = 0; first < range.size(); first += kBlock) {
                    const std::span<core::Vec2d> block = range.subspan(first, std::min(kBlock, range.size() - first));
                    before.assign(block.begin(), block.end());
                    if (transformRange(pj, block, PJ_FWD) > 0) {
                        for (std::size_t k = 0; k < block.size(); ++k) {
                            if (!finite(block[k])) {
                                mine.push_back({base + first + k, before[k]});
                                ++failures;
                            }
                        }
                    }
                }
                keepFailed(mine);
                return failures;
            });
            sortFailed();
        }
        if (projected != nullptr) {
            *projected = boundsOf(points);
        }
        return failed;
    };
    if (m_identity || points.size() < kApproxPoints || !(tolerance > 0) || !(box.width() > 0) || !(box.height() > 0)) {
        return exactly();
    }
    const core::PhaseScope timing(core::Phase::Reproject);
    // A cell costs 15 PROJ calls: at most one per 64 points keeps the grid under a quarter of PROJ's own cost.
    const ControlGrid grid(m_pj, box, tolerance, points.size() / 64);
    if (!grid.ok()) {
        return exactly();
    }
    core::Bounds all;
    const auto work = [&](PJ* pj, std::span<core::Vec2d> range) {
        std::size_t failures = 0;
        const auto base = static_cast<std::size_t>(range.data() - points.data());
        std::vector<FailedPoint> mine;
        std::vector<std::size_t> exactAt;
        ControlGrid::Leaf hint;
        for (std::size_t i = 0; i < range.size(); ++i) {
            core::Vec2d& p = range[i];
            if (!finite(p)) {
                if (failedAt != nullptr) {
                    mine.push_back({base + i, p});
                }
                p = {std::nan(""), std::nan("")};
                ++failures;
            } else if (!grid.interpolate(p, hint)) {
                exactAt.push_back(i);
            }
        }
        std::vector<core::Vec2d> exact(exactAt.size());
        for (std::size_t k = 0; k < exactAt.size(); ++k) {
            exact[k] = range[exactAt[k]];
        }
        if (!exact.empty()) {
            failures += transformRange(pj, exact, PJ_FWD);
        }
        for (std::size_t k = 0; k < exactAt.size(); ++k) {
            if (failedAt != nullptr && !finite(exact[k])) {
                mine.push_back({base + exactAt[k], range[exactAt[k]]}); // still as it was
            }
            range[exactAt[k]] = exact[k];
        }
        keepFailed(mine);
        if (projected != nullptr) {
            const core::Bounds own = boundsOf(range);
            const std::lock_guard lock(joining);
            all.add(own);
        }
        return failures;
    };
    const std::size_t failed = onRanges(m_pj, points, threadsFor(points.size()), work);
    sortFailed();
    if (projected != nullptr) {
        *projected = all;
    }
    return failed;
}

std::string describeCrs(const ProjContext& context, const std::string& definition)
{
    const PjPtr crs = createCrs(context, definition);
    std::string name = proj_get_name(crs.get()) != nullptr ? proj_get_name(crs.get()) : "unnamed CRS";
    const char* authority = proj_get_id_auth_name(crs.get(), 0);
    const char* code = proj_get_id_code(crs.get(), 0);
    if (authority != nullptr && code != nullptr) {
        name += std::string(" (") + authority + ":" + code + ")";
    }
    return name;
}

} // namespace corridor::geo

namespace corridor::geo {

core::Layer projectLayer(const core::Layer& layer, const Transformer& transformer, double tolerance,
                         std::size_t* failed)
{
    const core::PhaseScope timing(core::Phase::Reproject); // the copy and the bounds too: all of it is for the view
    core::Layer out = layer;
    const std::size_t failures = transformer.forwardWithin(out.coords, tolerance, layer.bounds, &out.bounds);
    if (failed != nullptr) {
        *failed = failures;
    }
    return out;
}

void projectLayerInPlace(core::Layer& layer, const Transformer& transformer, double tolerance,
                         std::vector<FailedPoint>& failedAt)
{
    const core::PhaseScope timing(core::Phase::Reproject);
    const core::Bounds box = layer.bounds;
    transformer.forwardWithin(layer.coords, tolerance, box, &layer.bounds, &failedAt);
}

void PjDeleter::operator()(PJconsts* pj) const { proj_destroy(pj); }

PjPtr horizontalCrs(const ProjContext& context, PjPtr crs)
{
    for (int depth = 0; crs && depth < 4; ++depth) {
        const PJ_TYPE type = proj_get_type(crs.get());
        if (type == PJ_TYPE_BOUND_CRS) {
            crs = PjPtr(proj_get_source_crs(context.get(), crs.get()));
        } else if (type == PJ_TYPE_COMPOUND_CRS) {
            crs = PjPtr(proj_crs_get_sub_crs(context.get(), crs.get(), 0));
        } else {
            break;
        }
    }
    return crs;
}

std::string crsDisplayName(const ProjContext& context, const std::string& definition)
{
    if (const core::ProjectionPreset* preset = core::presetFor(definition)) {
        return preset->name;
    }
    std::string name = describeCrs(context, definition);
    if (name.empty() || name == "unknown") { // what PROJ calls a CRS given as a PROJ string
        name = definition;
        for (const char* noise : {" +no_defs", " +type=crs"}) {
            if (const auto at = name.find(noise); at != std::string::npos) {
                name.erase(at, std::string(noise).size());
            }
        }
    }
    return name;
}

} // namespace corridor::geo

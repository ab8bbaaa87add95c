#include "geo/proj.hpp"

#include "core/parallel.hpp"
#include "core/phase_times.hpp"
#include "core/projections.hpp"
#include "core/text_clip.hpp"
#include "geo/crs_check.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <memory>
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

} // namespace

ProjContext::ProjContext()
    : m_ctx(proj_context_create())
{
    if (m_ctx == nullptr) {
        throw ProjError("cannot create a PROJ context");
    }
    proj_log_level(m_ctx, PJ_LOG_NONE); // errors are reported through exceptions, not PROJ's stderr log
    proj_context_set_enable_network(m_ctx, 0);
}

ProjContext::~ProjContext()
{
    if (m_ctx != nullptr) {
        proj_context_destroy(m_ctx);
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
    const PjPtr src = createCrs(context, from);
    const PjPtr dst = createCrs(context, to);
    m_identity = proj_is_equivalent_to_with_ctx(context.get(), src.get(), dst.get(), PJ_COMP_EQUIVALENT) != 0;
    if (m_identity) {
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

} // namespace

std::size_t Transformer::run(std::span<core::Vec2d> points, int direction) const
{
    if (m_identity || points.empty()) {
        return 0;
    }
    const core::PhaseScope timing(core::Phase::Reproject);
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min(cores, points.size() / kParallelPoints);
    if (threads < 2) {
        return transformRange(m_pj, points, direction);
    }
    // A PJ and its context serve one thread at a time: each further range gets a clone in a context of its own.
    // A clone PROJ cannot make leaves its range to this thread's PJ, after the others.
    std::vector<ProjContext> contexts(threads - 1);
    std::vector<PjPtr> clones;
    for (const ProjContext& c : contexts) {
        clones.emplace_back(proj_clone(c.get(), m_pj));
    }
    const std::size_t step = (points.size() + threads - 1) / threads;
    const auto range = [&](std::size_t i) {
        const std::size_t first = std::min(points.size(), i * step);
        return points.subspan(first, std::min(step, points.size() - first));
    };
    std::vector<std::size_t> failed(threads, 0);
    core::forEachParallel(threads, [&](std::size_t i) {
        if (i == 0) {
            failed[0] = transformRange(m_pj, range(0), direction);
        } else if (clones[i - 1]) {
            failed[i] = transformRange(clones[i - 1].get(), range(i), direction);
        }
    }, threads);
    for (std::size_t i = 1; i < threads; ++i) {
        if (!clones[i - 1]) {
            failed[i] = transformRange(m_pj, range(i), direction);
        }
    }
    return std::accumulate(failed.begin(), failed.end(), std::size_t{0});
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

core::Layer projectLayer(const core::Layer& layer, const Transformer& transformer)
{
    const core::PhaseScope timing(core::Phase::Reproject); // the copy and the bounds too: all of it is for the view
    core::Layer out = layer;
    transformer.forward(out.coords);
    out.bounds = {};
    for (const core::Vec2d& p : out.coords) {
        if (!std::isnan(p.x)) {
            out.bounds.add(p);
        }
    }
    return out;
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

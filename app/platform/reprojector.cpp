#include "platform/reprojector.hpp"

#include "core/errors.hpp"
#include "core/geodesy.hpp"
#include "core/graticule.hpp"
#include "core/projections.hpp"
#include "core/text_clip.hpp"
#include "geo/crs_check.hpp"
#include "core/parallel.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "geo/view_limits.hpp"
#include "render/map_labels.hpp"
#include "render/map_renderer.hpp"
#include "render/map_scene.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <cmath>
#include <cstdio>
#include <utility>

namespace corridor::platform {

namespace {

bool finite(core::Vec2d p)
{
    return std::isfinite(p.x) && std::isfinite(p.y);
}

// Ground metres per view unit at `centre` (view CRS), along x and along y: geodesic lengths of two short crosses.
std::optional<std::array<double, 2>> groundPerUnit(const geo::Transformer& toView, core::Vec2d centre, double step)
{
    std::array<core::Vec2d, 4> p{core::Vec2d{centre.x - step, centre.y}, core::Vec2d{centre.x + step, centre.y},
                                 core::Vec2d{centre.x, centre.y - step}, core::Vec2d{centre.x, centre.y + step}};
    if (toView.inverse(p) != 0 || !std::all_of(p.begin(), p.end(), finite)) {
        return std::nullopt;
    }
    const double gx = core::geodesicDistance(p[0], p[1]) / (2.0 * step);
    const double gy = core::geodesicDistance(p[2], p[3]) / (2.0 * step);
    if (!(gx > 0.0) || !(gy > 0.0)) {
        return std::nullopt;
    }
    return std::array<double, 2>{gx, gy};
}

// A CRS as messages name it: a preset by its menu name, else as PROJ describes it, else as given.
std::string crsName(const std::string& crs)
{
    if (const core::ProjectionPreset* preset = core::presetFor(crs)) {
        return preset->name;
    }
    try {
        const std::string name = geo::describeCrs(geo::ProjContext(), crs);
        return name.empty() || name == "unknown" ? crs : name;
    } catch (const std::exception&) {
        return crs;
    }
}

} // namespace

std::future<std::vector<BuiltLayer>> buildLayersAsync(std::vector<LayerJob> jobs, std::string crs, bool withHits,
                                                      std::optional<core::Date> asOf)
{
    return std::async(std::launch::async, [jobs = std::move(jobs), crs = std::move(crs), withHits, asOf] {
        // Layers are independent: build them on every core (each call has its own PROJ context), the biggest
        // first so they finish together, as geo::buildMeshes does at load.
        std::vector<std::size_t> order(jobs.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto size = [&](std::size_t i) { return jobs[i].data ? jobs[i].data->coords.size() : 0; };
            return size(a) > size(b);
        });
        std::vector<BuiltLayer> out(jobs.size());
        core::forEachParallel(order.size(), [&](std::size_t k) {
            const LayerJob& job = jobs[order[k]];
            BuiltLayer& b = out[order[k]];
            if (job.graticule) {
                b.data = graticuleFor(*job.graticule, crs);
                b.style = core::graticuleStyle(*b.data);
            }
            // A graticule gets no identify index: a click near a meridian selects what lies there.
            const bool hits = withHits && !job.graticule;
            const core::LayerStyle& style = b.style ? *b.style : job.style;
            b.mesh = geo::buildMesh(b.data ? *b.data : *job.data, style, crs, &b.issues, hits ? &b.hits : nullptr,
                                    geo::optionsFor(style, asOf));
        }, 8);
        return out;
    });
}

core::Layer graticuleFor(const core::GeoBox& box, const std::string& crs)
{
    const geo::ProjContext proj;
    const geo::Transformer toView(proj, geo::kLonLat, crs);
    return core::makeGraticule(box, [&](std::span<core::Vec2d> points) { toView.forward(points); });
}

std::size_t addGraticule(core::MapDocument& document, bool visible, bool deferred)
{
    core::Layer empty;
    empty.name = core::kGraticuleLayerName;
    core::MapLayer layer = core::makeGraticuleLayer(
        deferred ? std::move(empty) : graticuleFor(core::graticuleExtent(document), document.viewCrs), visible);
    if (!deferred) {
        layer.mesh = geo::buildMesh(layer.data, layer.style, document.viewCrs);
    }
    const std::size_t slot = core::graticuleSlot(document);
    document.layers.insert(document.layers.begin() + static_cast<std::ptrdiff_t>(slot), std::move(layer));
    return slot;
}

std::optional<core::Vec2d> centreLonLat(const core::Camera& camera, const std::string& crs)
{
    try {
        const geo::ProjContext proj;
        core::Vec2d c = camera.center;
        if (geo::Transformer(proj, geo::kLonLat, crs).inverse(std::span<core::Vec2d>(&c, 1)) != 0 || !finite(c)) {
            return std::nullopt;
        }
        return c;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<std::string> viewCrsProblem(const std::string& crs, core::Vec2d centre)
{
    const geo::ProjContext proj;
    if (auto problem = geo::mapCrsProblem(proj, crs)) {
        return problem;
    }
    try {
        const geo::Transformer toView(proj, geo::kLonLat, crs);
        core::Vec2d p = centre;
        core::Vec2d back = centre;
        const bool there = toView.forward(std::span<core::Vec2d>(&p, 1)) == 0 && finite(p);
        if (there) {
            back = p;
            toView.inverse(std::span<core::Vec2d>(&back, 1));
        }
        if (!there || !finite(back) || std::abs(back.x - centre.x) > 1e-6 || std::abs(back.y - centre.y) > 1e-6) {
            char where[64];
            std::snprintf(where, sizeof where, "%.4f°N %.4f°E", centre.y, centre.x);
            return std::string("the view's centre (") + where + ") lies outside what it can project";
        }
    } catch (const std::exception& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

core::Camera reprojectCamera(const core::Camera& camera, const std::string& fromCrs, const std::string& toCrs)
{
    const geo::ProjContext proj;
    const geo::Transformer from(proj, geo::kLonLat, fromCrs);
    const geo::Transformer to(proj, geo::kLonLat, toCrs);
    core::Vec2d centre = camera.center;
    if (from.inverse(std::span<core::Vec2d>(&centre, 1)) != 0 || !finite(centre)) {
        throw geo::ProjError("the view's centre has no longitude and latitude in the current CRS");
    }
    const auto before = groundPerUnit(from, camera.center, 50.0 * camera.unitsPerPixel);
    core::Vec2d there = centre;
    if (to.forward(std::span<core::Vec2d>(&there, 1)) != 0 || !finite(there)) {
        throw geo::ProjError("the view's centre cannot be projected to " + toCrs);
    }
    // Any short step will do for the local scale: a kilometre in the new CRS's units.
    const auto after = groundPerUnit(to, there, 1000.0 / geo::crsMetresPerUnit(toCrs));
    core::Camera out;
    out.resize(camera.widthPx, camera.heightPx);
    out.center = there;
    out.unitsPerPixel = camera.unitsPerPixel;
    if (before && after) {
        // Ground metres per pixel before, over ground metres per unit now: the same ground scale on screen.
        out.unitsPerPixel = std::sqrt((*before)[0] * (*before)[1]) * camera.unitsPerPixel /
                            std::sqrt((*after)[0] * (*after)[1]);
    }
    return out;
}

Reprojector::~Reprojector()
{
    if (m_pending.valid()) {
        m_pending.wait();
    }
}

bool Reprojector::running() const
{
    return m_pending.valid() && m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

bool Reprojector::request(core::AppState& app, const std::string& typed)
{
    const std::string current = crsName(app.document.viewCrs);
    std::string why;
    const std::optional<std::string> given = core::normaliseCrsInput(typed, why);
    if (given) {
        const std::string crs = geo::normalizeCrsDefinition(*given);
        if (crs == (busy() ? m_crs : app.document.viewCrs)) {
            return true;
        }
        const std::optional<core::Vec2d> centre = centreLonLat(app.camera, app.document.viewCrs);
        const std::optional<std::string> problem = viewCrsProblem(crs, centre.value_or(core::Vec2d{0.0, 0.0}));
        if (!problem) {
            if (m_pending.valid()) {
                m_pending.wait(); // the build reads the layers: let it end before its job is dropped
            }
            m_crs = crs;
            start(app);
            return true;
        }
        why = *problem;
    }
    app.report(core::Severity::Error, "projection \"" + core::clipEchoes(typed) + "\": " + why +
                                          "; the map stays in " + current);
    return false;
}

void Reprojector::refine(const core::AppState& app)
{
    if (busy()) {
        return;
    }
    m_crs = app.document.viewCrs;
    start(app);
}

void Reprojector::start(const core::AppState& app)
{
    std::vector<LayerJob> jobs;
    m_layers.clear();
    m_styles.clear();
    const core::GeoBox box = core::graticuleExtent(app.document);
    for (const core::MapLayer& l : app.document.layers) {
        LayerJob job{&l.data, l.style, std::nullopt};
        if (core::isGraticule(l)) {
            job.graticule = box;
        }
        jobs.push_back(std::move(job));
        m_layers.push_back(&l.data);
        m_styles.push_back(l.style);
    }
    m_pending = buildLayersAsync(std::move(jobs), m_crs, true, app.document.asOf);
}

bool Reprojector::poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels, bool canApply)
{
    if (!m_pending.valid() || !canApply || running()) {
        return false;
    }
    std::vector<BuiltLayer> built;
    try {
        built = m_pending.get();
    } catch (const std::exception& e) {
        app.report(core::Severity::Error, "projection " + crsName(m_crs) + ": " + e.what() + "; the map stays in " +
                                              crsName(app.document.viewCrs));
        m_crs.clear();
        return false;
    }
    std::vector<core::MapLayer>& layers = app.document.layers;
    bool same = layers.size() == m_layers.size();
    for (std::size_t i = 0; same && i < layers.size(); ++i) {
        same = &layers[i].data == m_layers[i] && layers[i].style == m_styles[i];
    }
    if (!same) { // a style reload reordered or restyled the layers meanwhile: build what is there now
        start(app);
        return false;
    }
    const bool refining = m_crs == app.document.viewCrs; // refine(): the same CRS, the camera stays
    core::Camera camera = app.camera;
    try {
        if (!refining) {
            camera = reprojectCamera(app.camera, app.document.viewCrs, m_crs);
        }
    } catch (const std::exception& e) {
        app.report(core::Severity::Error, "projection " + crsName(m_crs) + ": " + e.what() + "; the map stays in " +
                                              crsName(app.document.viewCrs));
        m_crs.clear();
        return false;
    }
    for (std::size_t i = 0; i < built.size(); ++i) {
        core::MapLayer& l = layers[i];
        BuiltLayer& b = built[i];
        if (refining) {
            // The first build was for the first view only; what the full one finds beyond it is news.
            for (const core::FeatureIssue& issue : b.mesh.issues) {
                const std::string text =
                    core::formatLocation(l.data.sourcePath, l.data.name, issue.featureId) + ": " + issue.message;
                if (std::none_of(app.log.begin(), app.log.end(), [&](const core::LogEntry& e) { return e.text == text; })) {
                    app.report(core::Severity::Warning, text);
                }
            }
        }
        render::swapInMesh(renderer, labels, i, b.mesh, l);
        if (b.data) {
            l.data = std::move(*b.data);
        }
        if (b.style) {
            l.style = std::move(*b.style);
        }
        l.hits = std::move(b.hits);
        std::vector<core::FeatureIssue>& issues = l.data.issues;
        issues.erase(std::remove_if(issues.begin(), issues.end(),
                                    [](const core::FeatureIssue& x) { return x.viewProjection; }),
                     issues.end());
        issues.insert(issues.end(), std::make_move_iterator(b.issues.begin()), std::make_move_iterator(b.issues.end()));
    }
    app.document.viewCrs = std::exchange(m_crs, {});
    if (refining) {
        return true;
    }
    camera.setLimits(geo::viewLimits(app.document, camera.visibleWorld()));
    app.camera = camera;
    if (app.flyRequest && !app.flyRequest->lonLat) {
        app.flyRequest.reset(); // in the old CRS's units
    }
    return true;
}

} // namespace corridor::platform

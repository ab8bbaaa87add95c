#pragma once
// The viewer's projection switch: checks a CRS the user picked or typed, rebuilds every layer's mesh and identify
// index for it on a worker thread (the old map stays on screen meanwhile), then swaps them in and moves the camera
// to the same place (same centre lon/lat, same ground distance per pixel at the centre). A CRS PROJ rejects is
// reported once (app.report) and changes nothing. The worker is the one the style reload uses too
// (buildLayersAsync). Main thread only, except the worker's own PROJ context.

#include "core/app_state.hpp"
#include "core/hit_test.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::render {
class MapRenderer;
class MapLabels;
} // namespace corridor::render

namespace corridor::platform {

// One layer to build: its lon/lat data (read by the worker: nobody may write or move it until the build is taken)
// and the style to build it with. `graticule`: build a new graticule over this box for the CRS instead of `data`.
struct LayerJob {
    const core::Layer* data = nullptr;
    core::LayerStyle style;
    std::optional<core::GeoBox> graticule;
};

// What the worker gives back per layer.
struct BuiltLayer {
    core::LayerMesh mesh;
    std::shared_ptr<const core::HitIndex> hits;   // null unless asked for
    std::vector<core::FeatureIssue> issues;        // view-projection issues (geo::viewProjectionIssues)
    std::optional<core::Layer> data;               // a graticule made for the CRS
    std::optional<core::LayerStyle> style;         // ... and its style (zoom windows for the spacings it holds)
};

// Builds every job's mesh (and identify index when `withHits`) in `crs` on a worker thread with its own PROJ context.
// `asOf`: the map's date, for the jobs whose style asks "@as-of" (geo::optionsFor).
std::future<std::vector<BuiltLayer>> buildLayersAsync(std::vector<LayerJob> jobs, std::string crs, bool withHits,
                                                      std::optional<core::Date> asOf = std::nullopt);

// The graticule over `box` cut for `crs` (core::makeGraticule with PROJ's projection; see there).
core::Layer graticuleFor(const core::GeoBox& box, const std::string& crs);

// Puts the graticule into `document` (its view CRS, its extent core::graticuleExtent) above the basemap
// (core::graticuleSlot), with its mesh built and no identify index; returns its slot. Call before the document is
// put on the GPU (indexes into the layers shift). Throws geo::ProjError when the view CRS is unusable.
// `deferred`: an empty graticule layer now (it costs a tenth of a second to make, too much for a hidden layer at
// start), made in full by the next build of every layer (Reprojector::refine, or a projection switch).
std::size_t addGraticule(core::MapDocument& document, bool visible, bool deferred = false);

// Why `crs` cannot be the view CRS with the camera where it is, or nullopt: PROJ rejects it (geo::mapCrsProblem's
// words) or cannot show the view's centre `centreLonLat` in it.
std::optional<std::string> viewCrsProblem(const std::string& crs, core::Vec2d centreLonLat);

// The camera showing the same place in `toCrs`: its centre the same lon/lat, and a pixel at the centre the same
// ground distance (mean of the two axes; a conformal CRS keeps both). No limits are set. Throws geo::ProjError when
// PROJ cannot carry the centre across.
core::Camera reprojectCamera(const core::Camera& camera, const std::string& fromCrs, const std::string& toCrs);

// The centre of the camera's view in lon/lat; nullopt when PROJ cannot tell.
std::optional<core::Vec2d> centreLonLat(const core::Camera& camera, const std::string& crs);

class Reprojector {
public:
    Reprojector() = default;
    ~Reprojector(); // waits for a running build
    Reprojector(const Reprojector&) = delete;
    Reprojector& operator=(const Reprojector&) = delete;

    // Checks `typed` (core::normaliseCrsInput, then viewCrsProblem) and starts building the document in it. A CRS
    // that fails is reported with one error naming it and why, and nothing changes; returns false. Asking for the
    // CRS in effect does nothing. A request during a build waits for it to end, then replaces it.
    bool request(core::AppState& app, const std::string& typed);
    // Rebuilds every layer in the CRS in effect, full detail and identify indexes: the viewer starts on meshes built
    // for its first view only (geo::OutputView) and refines them this way in the background. Does nothing while a
    // build runs. poll() swaps them in without touching the camera, and reports the mesh builder's findings.
    void refine(const core::AppState& app);
    // True while the worker reads the layers: a style reload must not move them meanwhile.
    bool running() const;
    bool busy() const { return m_pending.valid(); }
    const std::string& target() const { return m_crs; } // the CRS being built, "" when idle

    // When the build is done and `canApply` (no other worker reads the layers), swaps it in: meshes and labels into
    // `renderer` and `labels`, identify indexes, view-projection issues, a new graticule, document.viewCrs, and the
    // camera (same place and scale, the new CRS's limits). If the layers changed meanwhile (a style reload), builds
    // again. Returns true when the new CRS took effect.
    bool poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels, bool canApply = true);

private:
    void start(const core::AppState& app);

    std::string m_crs;
    std::vector<const core::Layer*> m_layers; // what the build read, in slot order, to notice a reorder
    std::vector<core::LayerStyle> m_styles;
    std::future<std::vector<BuiltLayer>> m_pending;
};

} // namespace corridor::platform

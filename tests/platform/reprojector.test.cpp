#include "platform/reprojector.hpp"

#include "core/geodesy.hpp"
#include "core/graticule.hpp"
#include "core/projections.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "geo/view_limits.hpp"
#include "platform/headless_context.hpp"
#include "platform/navigator.hpp"
#include "render/map_scene.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>

// The projection switch: PROJ takes every preset, the camera stays on the same place at the same ground scale, the
// whole document follows (meshes, identify, graticule, limits), and a CRS PROJ rejects changes nothing but says why.

using namespace corridor;

namespace {

core::Vec2d toLonLat(const std::string& crs, core::Vec2d world)
{
    const geo::ProjContext proj;
    geo::Transformer(proj, geo::kLonLat, crs).inverse(std::span<core::Vec2d>(&world, 1));
    return world;
}

core::Vec2d toWorld(const std::string& crs, core::Vec2d lonLat)
{
    const geo::ProjContext proj;
    geo::Transformer(proj, geo::kLonLat, crs).forward(std::span<core::Vec2d>(&lonLat, 1));
    return lonLat;
}

// Ground metres across `px` pixels through the view centre, horizontally and vertically.
std::pair<double, double> groundAcross(const core::Camera& c, const std::string& crs, double px)
{
    const double h = px * 0.5 * c.unitsPerPixel;
    const auto g = [&](core::Vec2d a, core::Vec2d b) {
        return core::geodesicDistance(toLonLat(crs, a), toLonLat(crs, b));
    };
    return {g({c.center.x - h, c.center.y}, {c.center.x + h, c.center.y}),
            g({c.center.x, c.center.y - h}, {c.center.x, c.center.y + h})};
}

core::Camera cameraAt(const std::string& crs, core::Vec2d lonLat, double unitsPerPixel)
{
    core::Camera c;
    c.resize(1600, 1000);
    c.center = toWorld(crs, lonLat);
    c.unitsPerPixel = unitsPerPixel;
    return c;
}

struct Harness {
    platform::HeadlessContext context;
    core::AppState app;
    render::MapScene scene;
    platform::Reprojector reprojector;

    Harness()
    {
        app.document.viewCrs = geo::kCorridorLcc;
        app.document.layers = geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/nodes.geojson", 0);
        REQUIRE(!app.document.layers.empty());
        geo::buildMeshes(app.document);
        platform::addGraticule(app.document, true);
        scene.load(app.document);
        app.camera = geo::frameView(app.document, core::GeoBox{44.0, 30.0, 56.0, 42.0}, 1600, 1000);
    }

    bool pollUntilApplied(double seconds = 20.0)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            if (reprojector.poll(app, scene.renderer, scene.labels)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    std::size_t errors() const
    {
        std::size_t n = 0;
        for (const core::LogEntry& e : app.log) {
            n += e.severity == core::Severity::Error ? 1 : 0;
        }
        return n;
    }
};

} // namespace

TEST_CASE("reprojector: PROJ takes every preset as a map CRS, and the corridor preset is the bundled conic")
{
    const geo::ProjContext proj;
    for (const core::ProjectionPreset& p : core::projectionPresets()) {
        INFO(p.key);
        CHECK(!geo::mapCrsProblem(proj, p.definition));
        CHECK(!platform::viewCrsProblem(p.definition, {55.0, 40.0}));
        CHECK(geo::crsMetresPerUnit(p.definition) == doctest::Approx(1.0)); // zoom windows read as web-map zooms
    }
    CHECK(core::presetFor(geo::kCorridorLcc) == core::findPreset("corridor"));
}

TEST_CASE("reprojector: a switch keeps the view's centre lon/lat and its ground scale at the centre")
{
    const std::vector<std::string> crss{core::findPreset("corridor")->definition,
                                        core::findPreset("mercator")->definition,
                                        core::findPreset("albers")->definition,
                                        core::findPreset("platecarree")->definition, "EPSG:3035"};
    for (const core::Vec2d at : {core::Vec2d{49.6, 37.3}, core::Vec2d{72.9, 19.0}, core::Vec2d{30.3, 59.9}}) {
        for (const std::string& from : crss) {
            for (const std::string& to : crss) {
                CAPTURE(from);
                CAPTURE(to);
                CAPTURE(at.x);
                const core::Camera before = cameraAt(from, at, 1500.0);
                const core::Camera after = platform::reprojectCamera(before, from, to);
                const core::Vec2d centre = toLonLat(to, after.center);
                CHECK(std::abs(centre.x - at.x) < 1e-7); // about a centimetre
                CHECK(std::abs(centre.y - at.y) < 1e-7);
                CHECK(after.widthPx == before.widthPx);
                const auto [bx, by] = groundAcross(before, from, 100.0);
                const auto [ax, ay] = groundAcross(after, to, 100.0);
                // The mean of the two axes is kept; an equal-area or square-cell CRS stretches one of them.
                CHECK(std::sqrt(ax * ay) == doctest::Approx(std::sqrt(bx * by)).epsilon(0.02));
            }
        }
    }
}

TEST_CASE("reprojector: the map follows a switch to Web Mercator: meshes, identify, graticule, limits, camera")
{
    Harness h;
    const core::Vec2d centreBefore = toLonLat(h.app.document.viewCrs, h.app.camera.center);
    const std::size_t g = *core::findGraticule(h.app.document);
    const std::size_t nodes = g == 0 ? 1 : 0;
    const auto hitsBefore = h.app.document.layers[nodes].hits;
    REQUIRE(h.reprojector.request(h.app, "3857"));
    CHECK(h.reprojector.busy());
    CHECK(h.app.document.viewCrs == geo::kCorridorLcc); // the old map stays until the new one is built
    REQUIRE(h.pollUntilApplied());
    CHECK(h.errors() == 0);
    CHECK(h.app.document.viewCrs == "EPSG:3857");
    CHECK(!h.reprojector.busy());
    CHECK(h.reprojector.target().empty());
    const core::Vec2d centreAfter = toLonLat("EPSG:3857", h.app.camera.center);
    CHECK(centreAfter.x == doctest::Approx(centreBefore.x).epsilon(1e-6));
    CHECK(centreAfter.y == doctest::Approx(centreBefore.y).epsilon(1e-6));
    REQUIRE(h.app.camera.limits);
    CHECK(h.app.camera.limits->area.contains(h.app.camera.center));
    // Identify works in the new CRS: Rasht is found where Mercator puts it.
    CHECK(h.app.document.layers[nodes].hits != hitsBefore);
    const core::Vec2d rasht = h.app.camera.worldToScreen(toWorld("EPSG:3857", {49.589, 37.276}));
    const std::vector<core::Hit> hits = core::hitTest(h.app.document, h.app.camera, rasht);
    REQUIRE(!hits.empty());
    CHECK(hits.front().layer == nodes);
    CHECK(h.app.document.layers[nodes].mesh.bounds.contains(toWorld("EPSG:3857", {49.589, 37.276})));
    // The graticule was made again for Mercator, with no identify index; its meridians are straight and vertical.
    const core::MapLayer& grat = h.app.document.layers[g];
    CHECK(!grat.hits);
    CHECK(grat.visible);
    REQUIRE(!grat.data.features.empty());
    // A rejected CRS now: one precise message; Mercator and the camera stay.
    const core::Camera kept = h.app.camera;
    CHECK(!h.reprojector.request(h.app, "EPSG:999999"));
    CHECK(h.errors() == 1);
    CHECK(h.app.log.back().text.find("EPSG:999999") != std::string::npos);
    CHECK(h.app.log.back().text.find("stays in Web Mercator") != std::string::npos); // what it stays in
    CHECK(h.app.document.viewCrs == "EPSG:3857");
    CHECK(h.app.camera.center.x == kept.center.x);
    CHECK(h.app.camera.unitsPerPixel == kept.unitsPerPixel);
    CHECK(!h.reprojector.busy());
}

TEST_CASE("reprojector: a CRS PROJ rejects keeps the old CRS and camera and says why, once")
{
    Harness h;
    const core::Camera before = h.app.camera;
    struct Case {
        const char* typed;
        const char* says;
    };
    for (const Case c : {Case{"EPSG:999999", "EPSG:999999"}, Case{"+proj=nonsense", "+proj=nonsense"},
                         Case{"EPSG:4978", "geocentric"}, Case{"   ", "no CRS given"},
                         Case{"+proj=ortho +lat_0=-40 +lon_0=-120", "outside what it can project"}}) {
        CAPTURE(c.typed);
        const std::size_t logged = h.app.log.size();
        CHECK(!h.reprojector.request(h.app, c.typed));
        REQUIRE(h.app.log.size() == logged + 1);
        const core::LogEntry& e = h.app.log.back();
        CHECK(e.severity == core::Severity::Error);
        CAPTURE(e.text);
        CHECK(e.text.find(c.says) != std::string::npos);
        CHECK(e.text.find("the map stays in Corridor conic") != std::string::npos);
        CHECK(h.app.document.viewCrs == geo::kCorridorLcc);
        CHECK(h.app.camera.center.x == before.center.x);
        CHECK(h.app.camera.center.y == before.center.y);
        CHECK(h.app.camera.unitsPerPixel == before.unitsPerPixel);
        CHECK(!h.reprojector.busy());
        CHECK(!h.reprojector.poll(h.app, h.scene.renderer, h.scene.labels));
    }
}

TEST_CASE("reprojector: the graticule is cut at the conic's seam and curved in it, straight in Mercator")
{
    // Over the whole longitude range the corridor conic (central meridian 55°E) has its seam at 125°W: no line of the
    // graticule may jump across it.
    const core::GeoBox world{-180.0, -60.0, 180.0, 80.0};
    const core::Layer conic = platform::graticuleFor(world, geo::kCorridorLcc);
    const geo::ProjContext proj;
    const geo::Transformer toLcc(proj, geo::kLonLat, geo::kCorridorLcc);
    bool split = false;
    for (const core::Feature& f : conic.features) {
        split = split || f.partCount > 1;
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            const core::Part& part = conic.parts[p];
            std::vector<core::Vec2d> pts(conic.coords.begin() + part.first,
                                         conic.coords.begin() + part.first + part.count);
            toLcc.forward(pts);
            for (std::size_t i = 1; i < pts.size(); ++i) {
                REQUIRE(std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y) < 400000.0);
            }
        }
    }
    CHECK(split);
    // A parallel is an arc in the conic: its middle lies off the chord between its ends.
    const core::Layer corridor = platform::graticuleFor({28.0, 10.0, 78.0, 62.0}, geo::kCorridorLcc);
    for (const core::Feature& f : corridor.features) {
        if (core::formatValue(*corridor.value(f, "degrees")) == "40°N" && core::formatValue(*corridor.value(f, "step")) == "10") {
            const core::Part& part = corridor.parts[f.firstPart];
            std::vector<core::Vec2d> pts(corridor.coords.begin() + part.first,
                                         corridor.coords.begin() + part.first + part.count);
            toLcc.forward(pts);
            const core::Vec2d mid = pts[pts.size() / 2];
            // Its ends rise toward the cone's apex (the pole): the middle lies over 100 km south of the chord.
            CHECK((pts.front().y + pts.back().y) * 0.5 - mid.y > 100000.0);
        }
    }
    const core::Layer mercator = platform::graticuleFor({28.0, 10.0, 78.0, 62.0}, "EPSG:3857");
    const geo::Transformer toMercator(proj, geo::kLonLat, "EPSG:3857");
    std::size_t meridians = 0;
    for (const core::Feature& f : mercator.features) {
        if (core::formatValue(*mercator.value(f, "axis")) == "meridian") {
            ++meridians;
            REQUIRE(f.partCount == 1);
            const core::Part& part = mercator.parts[f.firstPart];
            std::vector<core::Vec2d> pts(mercator.coords.begin() + part.first,
                                         mercator.coords.begin() + part.first + part.count);
            toMercator.forward(pts);
            CHECK(pts.front().x == doctest::Approx(pts.back().x));
        }
    }
    CHECK(meridians > 0);
}

TEST_CASE("reprojector: layers reordered while it builds (a style reload) are built again, not swapped in wrong")
{
    Harness h;
    REQUIRE(h.reprojector.request(h.app, "EPSG:3857"));
    while (h.reprojector.running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // What StyleReloader::poll does when it applies a sheet: the layers move to a new order.
    std::reverse(h.app.document.layers.begin(), h.app.document.layers.end());
    CHECK(!h.reprojector.poll(h.app, h.scene.renderer, h.scene.labels));
    CHECK(h.reprojector.busy()); // building again, for the layers as they are now
    CHECK(h.app.document.viewCrs == geo::kCorridorLcc);
    REQUIRE(h.pollUntilApplied());
    CHECK(h.app.document.viewCrs == "EPSG:3857");
    // Every layer's mesh and index are its own: Tehran's node is where Mercator puts it.
    for (const core::MapLayer& l : h.app.document.layers) {
        if (core::isGraticule(l)) {
            continue;
        }
        REQUIRE(l.hits);
        CHECK(l.mesh.bounds.contains(toWorld("EPSG:3857", {51.422, 35.694})));
    }
    // While another worker reads the layers (canApply false), a finished build waits for it.
    REQUIRE(h.reprojector.request(h.app, core::findPreset("albers")->definition));
    while (h.reprojector.running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(!h.reprojector.poll(h.app, h.scene.renderer, h.scene.labels, false));
    CHECK(h.app.document.viewCrs == "EPSG:3857");
    REQUIRE(h.pollUntilApplied());
    CHECK(core::presetFor(h.app.document.viewCrs) == core::findPreset("albers"));
}

TEST_CASE("reprojector: the Navigator follows the new CRS: coordinates and the status bar's name")
{
    platform::Navigator n(geo::kCorridorLcc);
    ui::StatusInfo status;
    n.describe(status);
    CHECK(status.crsName == "Corridor conic (Lambert, 25°/55°N)");
    n.setViewCrs("EPSG:3857");
    n.describe(status);
    CHECK(status.crsName == "Web Mercator (EPSG:3857)"); // the preset's name
    const auto w = n.toWorld({51.422, 35.694});
    REQUIRE(w);
    const core::Vec2d expected = toWorld("EPSG:3857", {51.422, 35.694});
    CHECK(w->x == doctest::Approx(expected.x));
    CHECK(w->y == doctest::Approx(expected.y));
    const auto back = n.toLonLat(*w);
    REQUIRE(back);
    CHECK(back->x == doctest::Approx(51.422));
}

TEST_CASE("reprojector: the start's coarse meshes are refined in the background: full detail, identify, graticule")
{
    // As the viewer starts: meshes for the first view only (no full-detail level, no identify index) and the hidden
    // graticule left to be made; refine() builds all of it in the same CRS and leaves the camera where it is.
    platform::HeadlessContext context;
    core::AppState app;
    app.document.viewCrs = geo::kCorridorLcc;
    app.document.layers = geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/nodes.geojson", 0);
    const std::size_t lines = app.document.layers.size();
    for (core::MapLayer& l : geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/routes_3857.geojson", lines)) {
        app.document.layers.push_back(std::move(l));
    }
    REQUIRE(app.document.layers.size() > lines);
    geo::buildMeshes(app.document, geo::OutputView{core::GeoBox{20.0, 10.0, 80.0, 60.0}, 400, 250, std::nullopt});
    const std::size_t g = platform::addGraticule(app.document, false, true);
    CHECK(app.document.layers[g].data.features.empty());
    for (const core::MapLayer& l : app.document.layers) {
        CHECK(!l.hits);
    }
    render::MapScene scene;
    scene.load(app.document);
    app.camera = geo::frameView(app.document, core::GeoBox{44.0, 30.0, 56.0, 42.0}, 1600, 1000);
    const core::Camera before = app.camera;
    const std::size_t routes = g <= lines ? lines + 1 : lines;
    const auto finest = [&](std::size_t layer) {
        double t = 1e300;
        for (const core::MeshBatch& b : app.document.layers[layer].mesh.batches) {
            for (const core::MeshLevel& level : b.levels) {
                t = std::min(t, level.tolerance);
            }
        }
        return t;
    };
    // The mesh's CPU copy is dropped once uploaded in the viewer; here it is still there to look at.
    CHECK(finest(routes) > 0.0);

    platform::Reprojector reprojector;
    reprojector.refine(app);
    CHECK(reprojector.busy());
    bool applied = false;
    for (int i = 0; i < 4000 && !applied; ++i) {
        applied = reprojector.poll(app, scene.renderer, scene.labels);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(applied);
    CHECK(app.document.viewCrs == geo::kCorridorLcc);
    CHECK(app.camera.center.x == before.center.x);
    CHECK(app.camera.center.y == before.center.y);
    CHECK(app.camera.unitsPerPixel == before.unitsPerPixel);
    for (std::size_t i = 0; i < app.document.layers.size(); ++i) {
        CHECK_MESSAGE(static_cast<bool>(app.document.layers[i].hits) == (i != g), app.document.layers[i].title);
    }
    CHECK(!app.document.layers[g].data.features.empty()); // the graticule, made in full
    CHECK(!app.document.layers[g].style.rules.empty());    // with its zoom windows
    // Identify works now: Rasht is found.
    const core::Vec2d rasht = app.camera.worldToScreen(toWorld(geo::kCorridorLcc, {49.589, 37.276}));
    CHECK(!core::hitTest(app.document, app.camera, rasht).empty());
}

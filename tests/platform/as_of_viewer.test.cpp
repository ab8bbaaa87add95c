// The viewer's side of the map as of a date (issue 14): the date change rebuilt on a worker (AsOfRestyler, against a
// headless GL scene of the bundled map), the mesh cache's key, the session, and the timeline panel.

#include "platform/as_of_restyler.hpp"

#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "panel_harness.hpp"
#include "platform/export_job.hpp"
#include "platform/headless_context.hpp"
#include "platform/mesh_cache.hpp"
#include "platform/navigator.hpp"
#include "platform/session_store.hpp"
#include "render/map_scene.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

core::Date date(const std::string& text) { return *core::parseDate(text); }

// The bundled map as the viewer holds it once refined: every layer, full meshes, on the GPU.
struct ViewerMap {
    platform::HeadlessContext context;
    core::AppState app;
    render::MapScene scene;

    ViewerMap()
    {
        const std::string dir = CORRIDOR_GEODATA_DIR;
        app.document.viewCrs = geo::kCorridorLcc;
        for (const std::string& f : geo::dataFilesIn(dir)) {
            for (core::MapLayer& l : geo::loadLayers(f, app.document.layers.size())) {
                app.document.layers.push_back(std::move(l));
            }
        }
        geo::applyStyleSheet(app.document, core::loadStyleSheet(dir + "/style.toml"));
        geo::buildMeshes(app.document);
        scene.load(app.document);
    }

    // Polls until the restyler swapped a build in, or `seconds` passed.
    bool pollUntilApplied(platform::AsOfRestyler& r, double seconds = 30.0)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            if (r.poll(app, scene.renderer, scene.labels)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return false;
    }
};

} // namespace

TEST_CASE("a date change rebuilds the dated layers on a worker, then the document takes the date, the last asked wins")
{
    ViewerMap map;
    core::AppState& app = map.app;
    platform::AsOfRestyler restyler;
    const std::size_t dated =
        static_cast<std::size_t>(std::count_if(app.document.layers.begin(), app.document.layers.end(),
                                               [](const core::MapLayer& l) { return core::usesAsOf(l.style); }));
    CHECK(dated == 6); // pipelines, routes, railways, fields, stations, nodes; never the basemap

    restyler.request(app, date("2015"));
    CHECK(restyler.busy());
    CHECK(!app.document.asOf); // the old map stays until the new meshes are in
    REQUIRE(map.pollUntilApplied(restyler));
    CHECK(app.document.asOf == date("2015"));
    CHECK(restyler.lastLayers() == dated);
    CHECK(!restyler.busy());
    MESSAGE("date change on the bundled map: the " << dated << " dated layers rebuilt in " << restyler.lastMs()
                                                   << " ms (request to swap)");

    // The same date again does nothing; dates asked during a build: the build in flight is shown, then the last one.
    restyler.request(app, date("2015"));
    CHECK(!restyler.busy());
    restyler.request(app, date("2010"));
    restyler.request(app, date("2012"));
    restyler.request(app, date("2019-03-06"));
    CHECK(*restyler.target() == date("2019-03-06"));
    for (int i = 0; i < 3 && restyler.busy(); ++i) {
        map.pollUntilApplied(restyler);
    }
    CHECK(!restyler.busy());
    CHECK(app.document.asOf == date("2019-03-06"));

    // A style change while a build runs (a reload came first): the build is made again with the new style.
    restyler.request(app, date("2020"));
    const auto railways = std::find_if(app.document.layers.begin(), app.document.layers.end(),
                                       [](const core::MapLayer& l) { return l.data.name == "railways"; });
    REQUIRE(railways != app.document.layers.end());
    railways->style.base.strokeWidth = 3.0f;
    while (restyler.running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(!restyler.poll(app, map.scene.renderer, map.scene.labels)); // stale: not swapped, built again
    CHECK(restyler.busy());
    CHECK(app.document.asOf != std::optional<core::Date>(date("2020")));
    REQUIRE(map.pollUntilApplied(restyler));
    CHECK(app.document.asOf == date("2020"));

    // Not while another worker is to swap first (canApply false), and today turns the date off.
    restyler.request(app, std::nullopt);
    while (restyler.running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(!restyler.poll(app, map.scene.renderer, map.scene.labels, false));
    CHECK(app.document.asOf == date("2020"));
    REQUIRE(map.pollUntilApplied(restyler));
    CHECK(!app.document.asOf);
}

TEST_CASE("the mesh cache keys a dated layer's mesh by the date, and only a layer whose style asks has one")
{
    platform::MeshKeyInputs in;
    in.fileHash = "f";
    in.layerName = "railways";
    in.style = "s";
    in.viewCrs = geo::kCorridorLcc;
    in.buildId = "b";
    const std::string none = platform::meshCacheKey(in);
    in.options.context.asOf = date("2015");
    const std::string y2015 = platform::meshCacheKey(in);
    in.options.context.asOf = date("2015-01-01"); // the same day, another date to a reader
    const std::string day = platform::meshCacheKey(in);
    in.options.context.asOf = date("2016");
    const std::string y2016 = platform::meshCacheKey(in);
    CHECK(none != y2015);
    CHECK(y2015 != day);
    CHECK(y2015 != y2016);
    in.options.context.asOf = date("2015");
    CHECK(platform::meshCacheKey(in) == y2015);

    const core::StyleSheet sheet =
        core::parseStyleSheet("[[layer.a.rule]]\nwhen = { \"@as-of\" = \"not-yet\" }\nvisible = false\n", "t.toml");
    const core::LayerStyle dated = core::styleFor(sheet, "a", {});
    const core::LayerStyle plain = core::styleFor(sheet, "b", {});
    CHECK(geo::optionsFor(dated, date("2015")).context.asOf == date("2015"));
    CHECK(!geo::optionsFor(plain, date("2015")).context.asOf);
    CHECK(!geo::optionsFor(dated, std::nullopt).context.asOf);
}

TEST_CASE("the session's date starts the map unless --as-of gives one, and the keeper saves the map's date")
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "as-of-session";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "session.toml";
    core::Session s;
    s.asOf = "2015";
    platform::writeFileAtomically(file, core::sessionToToml(s));
    {
        platform::DocumentSources sources;
        sources.noDefaults = true;
        std::vector<core::LogEntry> log;
        platform::startSession(file, sources, log);
        CHECK(sources.asOf == date("2015"));
        CHECK(log.empty());
    }
    {
        platform::DocumentSources sources;
        sources.noDefaults = true;
        sources.asOf = date("2020-06");
        std::vector<core::LogEntry> log;
        platform::startSession(file, sources, log);
        CHECK(sources.asOf == date("2020-06"));
    }
    test::PanelHarness h;
    h.app.document.viewCrs = geo::kCorridorLcc;
    h.app.camera.resize(1024, 768);
    const platform::Navigator nav(geo::kCorridorLcc);
    platform::SessionStart start;
    start.file = file;
    platform::SessionKeeper keeper(start);
    h.app.document.asOf = date("2019-03-06");
    h.ui.timeline.show = true;
    CHECK(keeper.snapshot(h.app, h.ui, nav).asOf == "2019-03-06");
    CHECK(keeper.snapshot(h.app, h.ui, nav).panels.at("timeline"));
    h.app.document.asOf.reset();
    CHECK(keeper.snapshot(h.app, h.ui, nav).asOf.empty());
}

TEST_CASE("the timeline panel: T shows it, the slider asks for a date, Play walks through the years to the last date")
{
    test::PanelHarness h;
    h.app.document.viewCrs = geo::kCorridorLcc;
    core::MapLayer layer;
    layer.data.name = "lines";
    layer.data.fields = {{"name", core::FieldType::String}, {"opened", core::FieldType::String}};
    for (const char* opened : {"1995", "2019-03-06", "2024-06-20"}) {
        core::Feature f;
        f.type = core::GeometryType::Line;
        f.values = {std::string("line ") + opened, std::string(opened)};
        layer.data.features.push_back(std::move(f));
    }
    h.app.document.layers.push_back(std::move(layer));
    h.frame();
    CHECK(ImGui::FindWindowByName("##timeline") == nullptr);
    h.tap(sf::Keyboard::T);
    REQUIRE(h.ui.timeline.show);
    h.frame();
    const ImGuiWindow* bar = ImGui::FindWindowByName("##timeline");
    REQUIRE(bar != nullptr);
    CHECK(bar->Active);
    REQUIRE(h.ui.timeline.timeline.first);
    CHECK(h.ui.timeline.timeline.events.size() == 3);
    CHECK(h.ui.chromeBottom > bar->Size.y); // the furniture keeps clear of the status bar and the timeline

    // A click on the middle of the bar's slider asks for a date between 1995 and 2024.
    const float rowY = bar->Pos.y + ImGui::GetStyle().WindowPadding.y + ImGui::GetFrameHeight() * 0.5f;
    h.click(bar->Pos.x + bar->Size.x * 0.55f, rowY);
    REQUIRE(h.ui.timeline.request);
    REQUIRE(*h.ui.timeline.request);
    const core::Date asked = **h.ui.timeline.request;
    CHECK(asked > date("1995"));
    CHECK(asked < date("2024-06-20"));
    h.app.document.asOf = asked; // as the viewer's restyler does once the meshes are in
    h.ui.timeline.request.reset();

    // Play (the first button) goes on from the slider's date and asks for later dates each frame (1 s frames here).
    h.click(bar->Pos.x + ImGui::GetStyle().WindowPadding.x + 8.0f, rowY);
    CHECK(h.ui.timeline.playing);
    REQUIRE(h.ui.timeline.request);
    const core::Date first = **h.ui.timeline.request;
    CHECK(first > asked);
    h.frame();
    REQUIRE(h.ui.timeline.request);
    CHECK(**h.ui.timeline.request > first);
    for (int i = 0; i < 100 && h.ui.timeline.playing; ++i) {
        h.frame();
    }
    CHECK(!h.ui.timeline.playing); // it stops at the last date
    CHECK(**h.ui.timeline.request == date("2024-06-20"));
}

TEST_CASE("the Export dialog's command line carries the map's date, so it makes the same image")
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    core::Camera window;
    window.resize(800, 600);
    platform::ExportJobOptions options;
    options.size = {1600, 1200};
    options.out = "x.png";
    CHECK(platform::ExportJob(doc, window, options).commandLine().find("--as-of") == std::string::npos);
    doc.asOf = date("2015-06");
    CHECK(platform::ExportJob(doc, window, options).commandLine().find(" --as-of 2015-06 ") != std::string::npos);
}

// Add layer and Remove layer in the running viewer (platform::LayerAdder, platform::removeLayer) against a real
// headless GL scene: a file loads on the worker and is appended, styled and flown to; a file that cannot be added
// says why in one message and changes nothing; removing a layer keeps the selection and the indexes consistent.

#include "platform/layer_adder.hpp"

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/map_scene.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

using namespace corridor;

namespace {

const std::string kData = CORRIDOR_TEST_DATA;

struct Harness {
    platform::HeadlessContext context;
    core::AppState app;
    render::MapScene scene;
    ui::UiState ui;

    explicit Harness(const std::vector<std::string>& files)
    {
        app.document.viewCrs = geo::kCorridorLcc;
        for (const std::string& f : files) {
            for (core::MapLayer& l : geo::loadLayers(kData + "/" + f, app.document.layers.size())) {
                app.document.layers.push_back(std::move(l));
            }
        }
        geo::buildMeshes(app.document);
        scene.load(app.document);
        for (core::MapLayer& l : app.document.layers) {
            const core::Bounds b = l.mesh.bounds;
            l.mesh = {};
            l.mesh.bounds = b;
        }
        app.camera = geo::frameView(app.document, std::nullopt, 400, 300);
    }

    // Adds `path` and turns the loop until the adder is done.
    std::optional<std::size_t> add(const std::string& path)
    {
        platform::LayerAdder adder;
        adder.add(path);
        std::optional<std::size_t> added;
        for (int i = 0; i < 2000 && adder.busy(); ++i) {
            if (auto a = adder.poll(app, scene)) {
                added = a;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        CHECK_FALSE(adder.busy());
        return added;
    }
};

std::string scratchFile(const std::string& name, const std::string& text)
{
    std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
    const std::string path = std::string(CORRIDOR_TEST_OUTPUT) + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::size_t errorsNaming(const core::AppState& app, const std::string& path)
{
    return static_cast<std::size_t>(std::count_if(app.log.begin(), app.log.end(), [&](const core::LogEntry& e) {
        return e.severity == core::Severity::Error && e.text.find(path) != std::string::npos;
    }));
}

} // namespace

TEST_CASE("add layer: a file loaded on the worker is appended to the scene, styled and flown to")
{
    Harness h({"polygons_holes.geojson", "routes_3857.geojson"});
    const std::size_t gpuLayers = h.scene.renderer.layerCount();
    const std::optional<std::size_t> first = h.add(kData + "/nodes.geojson");
    REQUIRE(first);
    CHECK(*first == 2);
    REQUIRE(h.app.document.layers.size() == 3);
    const core::MapLayer& added = h.app.document.layers[2];
    CHECK(added.data.name == "nodes");
    CHECK(added.sourcePath == kData + "/nodes.geojson");
    CHECK(added.paletteIndex == 2); // the next colour of the default palette
    CHECK(added.hits);               // identify works on it
    CHECK(added.mesh.batches.empty()); // on the GPU, not kept twice
    CHECK_FALSE(added.mesh.bounds.empty());
    CHECK(h.scene.renderer.layerCount() == gpuLayers + 1);
    CHECK(h.scene.order.size() == 3);
    REQUIRE(h.app.flyRequest);
    CHECK(h.app.flyRequest->bounds.minX == added.mesh.bounds.minX);
    CHECK(h.app.log.back().text.find("added 1 layer from") != std::string::npos);
}

TEST_CASE("add layer: the document's style sheet styles a layer it names")
{
    Harness h({"polygons_holes.geojson"});
    h.app.document.stylePath = scratchFile("add_layer_style.toml", "[layer.nodes]\nsimplestyle = false\n");
    REQUIRE(h.add(kData + "/nodes.geojson"));
    CHECK_FALSE(h.app.document.layers.back().style.honourSimplestyle);
    CHECK(h.app.document.layers.front().style.honourSimplestyle); // not restyled
}

TEST_CASE("add layer: a file that cannot be added says why once and changes nothing")
{
    const std::vector<std::string> bad{
        scratchFile("add_layer_garbage.geojson", "{ \"type\": \"FeatureCollection\", \"features\": [ {"),
        scratchFile("add_layer_notes.txt", "meeting notes, not a map\n"),
        scratchFile("add_layer_bad_crs.geojson",
                    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                    "\"EPSG:999999\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":"
                    "\"Point\",\"coordinates\":[1,2]}}]}"),
        kData + "/missing-file.gpkg",
    };
    for (const std::string& path : bad) {
        CAPTURE(path);
        Harness h({"polygons_holes.geojson", "nodes.geojson"});
        const core::Camera camera = h.app.camera;
        const std::size_t gpuLayers = h.scene.renderer.layerCount();
        CHECK_FALSE(h.add(path));
        CHECK(errorsNaming(h.app, path) == 1);
        CHECK(h.app.document.layers.size() == 2);
        CHECK(h.scene.renderer.layerCount() == gpuLayers);
        CHECK(h.scene.order.size() == 2);
        CHECK_FALSE(h.app.flyRequest);
        CHECK(h.app.camera.center == camera.center);
        CHECK(h.app.camera.unitsPerPixel == camera.unitsPerPixel);
    }
}

TEST_CASE("remove layer: the selection, the table and the search follow the layers left")
{
    Harness h({"polygons_holes.geojson", "routes_3857.geojson", "nodes.geojson"});
    ui::UiState& ui = h.ui;
    ui.inspect.select(core::Hit{2, 1, 0.0});
    ui.inspect.selectionChanged = false;
    ui.inspect.table.open = true;
    ui.inspect.table.layer = 2;
    ui.nav.search.index.build(h.app.document);
    const std::size_t searchSize = ui.nav.search.index.size();
    REQUIRE(searchSize > 0);

    platform::removeLayer(h.app, ui, h.scene, 1); // below the selection: it moves down with its layer
    REQUIRE(h.app.document.layers.size() == 2);
    REQUIRE(ui.inspect.selected);
    CHECK(ui.inspect.selected->layer == 1);
    CHECK(ui.inspect.selected->feature == 1);
    CHECK(h.app.document.layers[ui.inspect.selected->layer].data.name == "nodes");
    CHECK(ui.inspect.selectionChanged);
    CHECK(ui.inspect.table.open);
    CHECK(ui.inspect.table.layer == 1);
    CHECK_FALSE(ui.nav.search.index.builtFor(h.app.document));
    // Reset outright, not only unmatched: SearchIndex::builtFor compares layer and feature counts, which a layer
    // added in the removed one's place with as many features would match.
    CHECK(ui.nav.search.index.size() == 0);
    CHECK(h.scene.renderer.layerCount() == 2);
    CHECK(h.scene.order.size() == 2);

    platform::removeLayer(h.app, ui, h.scene, 1); // the selected layer itself
    CHECK_FALSE(ui.inspect.selected);
    CHECK_FALSE(ui.inspect.table.open);
    CHECK(h.app.document.layers.size() == 1);
    ui.nav.search.index.build(h.app.document);
    for (const core::SearchHit& hit : ui.nav.search.index.find("a")) {
        CHECK(hit.layer < h.app.document.layers.size());
    }
}

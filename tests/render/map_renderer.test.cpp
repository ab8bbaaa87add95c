#include "render/map_renderer.hpp"

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/golden.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <type_traits>

using namespace corridor;

namespace {

std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }

render::Image renderDocument(const core::MapDocument& doc, const core::GeoBox& box, int w, int h)
{
    render::MapScene scene;
    scene.load(doc);
    const render::OffscreenTarget target(w, h);
    target.bind();
    scene.renderer.render(geo::frameView(doc, box, w, h), scene.order, doc.background);
    return {w, h, target.read()};
}

} // namespace

TEST_CASE("GL wrappers are move-only")
{
    static_assert(!std::is_copy_constructible_v<render::Buffer>);
    static_assert(!std::is_copy_assignable_v<render::VertexArray>);
    static_assert(std::is_nothrow_move_constructible_v<render::Texture>);
    static_assert(!std::is_copy_constructible_v<render::Program>);
    CHECK(true);
}

TEST_CASE("headless render of fills with holes, hatching, dashed and cased lines, and markers matches the golden image")
{
    const platform::HeadlessContext context;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;

    auto polygons = geo::loadLayers(fixture("polygons_holes.geojson"), 0);
    REQUIRE(polygons.size() == 1);
    // The second feature (islands) is hatched like disputed territory.
    polygons[0].style.base.fill = {0.93f, 0.87f, 0.75f, 1.0f};
    polygons[0].style.base.stroke = {0.45f, 0.38f, 0.3f, 1.0f};
    polygons[0].style.base.hatch = true;

    auto routes = geo::loadLayers(fixture("routes_3857.geojson"), 1);
    REQUIRE(routes.size() == 1);
    routes[0].style.base.stroke = {0.8f, 0.1f, 0.1f, 1.0f};
    routes[0].style.base.strokeWidth = 5.0f;
    routes[0].style.base.casing = {1.0f, 1.0f, 1.0f, 1.0f};
    routes[0].style.base.casingWidth = 8.0f;
    routes[0].style.base.dash = {14.0f, 6.0f};

    auto nodes = geo::loadLayers(fixture("nodes.geojson"), 2);
    REQUIRE(nodes.size() == 1);
    nodes[0].style.base.markerSize = 14.0f;
    nodes[0].style.base.marker = core::MarkerShape::Circle;

    const geo::ProjContext proj;
    const geo::Transformer toView(proj, geo::kLonLat, doc.viewCrs);
    for (auto* group : {&polygons, &routes, &nodes}) { // bottom to top
        (*group)[0].mesh = core::buildLayerMesh(geo::projectLayer((*group)[0].data, toView), (*group)[0].style);
        doc.layers.push_back(std::move((*group)[0]));
    }

    const render::Image image = renderDocument(doc, {43.0, 29.0, 59.0, 39.5}, 480, 320);
    test::checkGolden(image, "basic_scene");
}

TEST_CASE("an invisible layer draws nothing and culled chunks are counted")
{
    const platform::HeadlessContext context;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    doc.layers = geo::loadLayers(fixture("nodes.geojson"), 0);
    geo::buildMeshes(doc);
    doc.layers[0].visible = false;
    const render::Image hidden = renderDocument(doc, {43.0, 29.0, 59.0, 39.5}, 64, 64);
    bool allBackground = true;
    for (std::size_t i = 0; i < hidden.rgba.size(); i += 4) {
        allBackground &= hidden.rgba[i] == hidden.rgba[0] && hidden.rgba[i + 1] == hidden.rgba[1];
    }
    CHECK(allBackground);

    // A view far from the data culls the layer's only chunk.
    render::MapRenderer renderer;
    const std::size_t slot = renderer.addLayer(doc.layers[0].mesh);
    const render::LayerView view{slot, true, 1.0f};
    const render::OffscreenTarget target(64, 64);
    renderer.render(geo::frameView(doc, core::GeoBox{0.0, 0.0, 5.0, 5.0}, 64, 64), {&view, 1}, doc.background);
    CHECK(renderer.lastFrame().chunksCulled == 1);
    CHECK(renderer.lastFrame().pointsDrawn == 0);
}

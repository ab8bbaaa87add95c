// A layer whose style sets no zoom window is drawn at every zoom, including views coarser than web-map zoom 0
// (a world band in a small image, or the viewer zoomed far out).

#include "core/style.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace corridor;

namespace {

// Pixels that differ from the top-left one (the background there: the fixture's points lie in the middle).
std::size_t inkPixels(const std::vector<std::uint8_t>& rgba)
{
    std::size_t ink = 0;
    for (std::size_t i = 4; i < rgba.size(); i += 4) {
        ink += rgba[i] != rgba[0] || rgba[i + 1] != rgba[1] || rgba[i + 2] != rgba[2];
    }
    return ink;
}

} // namespace

TEST_CASE("a layer with no zoom window is drawn at zoom -3")
{
    const platform::HeadlessContext context;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    doc.layers = geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/nodes.geojson", 0);
    REQUIRE(doc.layers.size() == 1);
    geo::buildMeshes(doc);

    render::MapRenderer renderer;
    const render::LayerView view{renderer.addLayer(doc.layers[0].mesh), true, 1.0f};
    constexpr int kSide = 96;
    const render::OffscreenTarget target(kSide, kSide);
    target.bind();

    core::Camera camera;
    camera.resize(kSide, kSide);
    camera.center = doc.layers[0].mesh.bounds.center();
    camera.unitsPerPixel = 156543.03392804097 * 8.0; // zoom 0 is 156 543 m per pixel; three levels further out
    REQUIRE(core::zoomLevel(camera.unitsPerPixel) == doctest::Approx(-3.0));

    renderer.render(camera, {&view, 1}, doc.background);
    CHECK(renderer.lastFrame().pointsDrawn > 0);
    // Three 7 px markers, a few hundred km apart: at 1250 km per pixel they overlap in one blot of ink.
    CHECK(inkPixels(target.read()) >= 20);
}

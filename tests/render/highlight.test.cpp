// The selection highlight is a renderer pass: it must change the pixels at the selected feature and nowhere far
// from it, and the export path (MapScene::render) must draw it too.

#include "core/highlight.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/draw_scene.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace corridor;

namespace {

using corridor::test::drawScene;

struct Change {
    std::size_t near = 0, far = 0;
};

// Pixels that differ, split into those within `marginPx` of the feature's screen bounds and those beyond.
Change changes(const render::Image& a, const render::Image& b, const core::Camera& camera, const core::Bounds& world,
               double marginPx)
{
    const core::Vec2d p0 = camera.worldToScreen({world.minX, world.maxY});
    const core::Vec2d p1 = camera.worldToScreen({world.maxX, world.minY});
    Change c;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * a.width + x) * 4;
            bool differs = false;
            for (int k = 0; k < 3; ++k) {
                differs = differs || std::abs(int(a.rgba[i + k]) - int(b.rgba[i + k])) > 8;
            }
            if (!differs) {
                continue;
            }
            const bool near = x >= p0.x - marginPx && x <= p1.x + marginPx && y >= p0.y - marginPx &&
                              y <= p1.y + marginPx;
            ++(near ? c.near : c.far);
        }
    }
    return c;
}

} // namespace

TEST_CASE("the highlight pass changes pixels at the selected feature and nowhere far from it")
{
    const platform::HeadlessContext context;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    for (const char* f : {"polygons_holes.geojson", "routes_3857.geojson", "nodes.geojson"}) {
        for (core::MapLayer& l : geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/" + f, doc.layers.size())) {
            doc.layers.push_back(std::move(l));
        }
    }
    geo::buildMeshes(doc);
    render::MapScene scene;
    scene.load(doc);
    const core::Camera camera = geo::frameView(doc, std::nullopt, 400, 300);
    const render::Image plain = drawScene(scene, camera, doc);

    for (std::size_t li = 0; li < doc.layers.size(); ++li) {
        const core::MapLayer& layer = doc.layers[li];
        REQUIRE(layer.hits);
        const std::uint32_t feature = 0;
        CAPTURE(layer.title);
        const core::Symbolizer drawn = core::resolveSymbolizer(layer.style, layer.data, layer.data.features[feature]);
        const core::LayerMesh mesh = core::buildHighlightMesh(*layer.hits, feature, drawn);
        scene.setHighlight(&mesh);
        CHECK(scene.hasHighlight());
        const render::Image lit = drawScene(scene, camera, doc);
        // The halo reaches at most its width (and a marker's ring its radius) past the feature's bounds.
        const Change c = changes(plain, lit, camera, layer.hits->featureBounds(feature), 16.0);
        CHECK(c.near > 20);
        CHECK(c.far == 0);

        scene.setHighlight(nullptr);
        CHECK_FALSE(scene.hasHighlight());
        const render::Image cleared = drawScene(scene, camera, doc);
        CHECK(render::compareImages(cleared, plain, 0).differingPixels == 0);
    }
}

#include "render/ui_text.hpp"

TEST_CASE("right-to-left text for the panels: visual order with joined Arabic presentation forms")
{
    // "ابو" (alef, beh, waw), drawn left to right: waw final (U+FEEE), beh initial (U+FE91; alef does not join to
    // what follows it), alef isolated (U+FE8D).
    const std::string shaped = render::visualOrderForUi("\u0627\u0628\u0648");
    CHECK(shaped == "\uFEEE\uFE91\uFE8D");
    CHECK(render::visualOrderForUi("Abu Musa") == "Abu Musa");
    // Latin around a Persian word keeps its place; the Persian run is reversed
    const std::string mixed = render::visualOrderForUi("x \u0627\u0628 y");
    CHECK(mixed.rfind("x ", 0) == 0);
    CHECK(mixed.size() > 4);
    CHECK(mixed.substr(mixed.size() - 2) == " y");
}

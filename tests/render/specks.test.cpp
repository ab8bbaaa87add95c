// Islands under half a pixel are drawn as specks, as Mapnik and QGIS draw them: a tiny filled polygon with a 1 px
// outline makes a dark dot. The coarse levels used to leave such an islet out, and the image was blank there.

#include "core/camera.hpp"
#include "core/mesh.hpp"
#include "core/polygon_layers.hpp"
#include "platform/headless_context.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace corridor;

TEST_CASE("an islet a third of a pixel wide is drawn as a dark speck, outlined or filled only")
{
    using test::Ring;
    const platform::HeadlessContext context;
    // 1000 units a pixel. The islet is 300 × 220 units, 0.3 px; an island 16 px east of it, off the image, gives the
    // layer an extent of 16000, so its levels' tolerances are 16000 / 32768 · 4^k: half a pixel (500) at k = 5.
    // That is the level the one-shot export builds for this view (startTolerance), and the coarsest one levelFits
    // lets the viewer draw there: it is simplified at 375 units, more than the islet's width.
    constexpr double kUnitsPerPixel = 1000.0;
    const Ring islet{{0, 0}, {120, -20}, {250, 30}, {300, 100}, {220, 180}, {100, 200}, {20, 120}};
    const Ring east{{15000, 0}, {16000, 0}, {16000, 1000}, {15000, 1000}};
    const core::Layer layer = test::polygonLayer({{islet}, {east}});

    for (const bool outlined : {true, false}) {
        CAPTURE(outlined);
        core::LayerStyle style;
        if (outlined) { // the peers' comparison look: grey fill, 1 px black outline
            style.base.fill = core::Color{0.85f, 0.85f, 0.85f, 1.0f};
            style.base.stroke = core::Color{0.0f, 0.0f, 0.0f, 1.0f};
            style.base.strokeWidth = 1.0f;
        } else { // a dark fill alone: its 1 px fringe draws the dot
            style.base.fill = core::Color{0.1f, 0.1f, 0.1f, 1.0f};
            style.base.strokeWidth = 0.0f;
        }
        core::MeshOptions options;
        options.startTolerance = 0.5 * kUnitsPerPixel;
        const core::LayerMesh mesh = core::buildLayerMesh(layer, style, options);
        REQUIRE(mesh.batches.size() == 1);
        REQUIRE(!mesh.batches[0].levels.empty());
        CHECK(mesh.batches[0].levels[0].tolerance == 500.0);
        CHECK(core::pickLevel(mesh.batches[0], kUnitsPerPixel) == 0); // the level drawn

        render::MapRenderer renderer;
        const render::LayerView view{renderer.addLayer(mesh), true, 1.0f};
        constexpr int kSide = 9;
        const render::OffscreenTarget target(kSide, kSide);
        target.bind();
        core::Camera camera;
        camera.resize(kSide, kSide);
        camera.center = {150.0, 100.0}; // the islet in the middle pixel
        camera.unitsPerPixel = kUnitsPerPixel;
        renderer.render(camera, {&view, 1}, core::Color{1.0f, 1.0f, 1.0f, 1.0f});
        const std::vector<std::uint8_t> rgba = target.read();
        REQUIRE(rgba.size() == std::size_t{kSide} * kSide * 4);

        int darkest = 255;
        std::size_t inked = 0;
        for (std::size_t i = 0; i < rgba.size(); i += 4) {
            const int grey = (rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3;
            darkest = std::min(darkest, grey);
            inked += grey < 250;
        }
        CHECK(darkest < 200); // a dot: white (255) where the islet was left out
        CHECK(inked <= 16);   // and only a dot: its anti-aliased edge within a 4×4 square at most, no blot
    }
}

// A border two areas share is drawn as dark as one outline (issue 12): both areas stroke it, and the outlines of
// a batch go through a coverage image with max blending (render::MapRenderer), not composited once per stroke.

#include "core/map_document.hpp"
#include "core/polygon_layers.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/map_renderer.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace corridor;

namespace {

// Two parallelograms side by side in lon/lat, leaning so their edges cross every sub-pixel phase.
core::MapLayer twoAreas(core::Color stroke, float width)
{
    std::vector<test::Polygon> areas;
    for (const double x : {0.0, 1.0}) {
        areas.push_back({{{x, 0.0}, {x + 1.0, 0.0}, {x + 1.3, 1.0}, {x + 0.3, 1.0}, {x, 0.0}}});
    }
    core::MapLayer l;
    l.data = test::polygonLayer(areas);
    l.data.name = "areas";
    l.style.base.fill = {1.0f, 1.0f, 1.0f, 1.0f};
    l.style.base.stroke = stroke;
    l.style.base.strokeWidth = width;
    return l;
}

struct Ink {
    double outer = 0.0;  // along the left edge of the first area
    double shared = 0.0; // along the edge both share
};

// Darkness (255 - red) summed over the rows in the middle of the image, in bands around the left edge and the
// shared one: both edges lean the same way, so each row crosses them at the same sub-pixel phase mix.
Ink measure(core::Color stroke, float width)
{
    core::MapDocument doc;
    doc.viewCrs = "EPSG:3857";
    doc.background = {1.0f, 1.0f, 1.0f, 1.0f};
    doc.layers.push_back(twoAreas(stroke, width));
    geo::buildMeshes(doc);
    const int w = 460, h = 200;
    const core::Camera camera = geo::frameView(doc, core::GeoBox{-0.2, -0.1, 2.5, 1.1}, w, h);
    render::MapScene scene;
    scene.load(doc);
    const render::OffscreenTarget target(w, h);
    target.bind();
    scene.renderer.render(camera, scene.order, doc.background);
    const std::vector<std::uint8_t> pixels = target.read();
    Ink ink;
    for (int y = h / 4; y < 3 * h / 4; ++y) {
        std::vector<double> dark(static_cast<std::size_t>(w));
        for (int x = 0; x < w; ++x) {
            dark[static_cast<std::size_t>(x)] = 255.0 - pixels[(static_cast<std::size_t>(y) * w + x) * 4];
        }
        // The two darkest runs of the row are the left edge and the shared one (the right edge is past them).
        double sums[3] = {0, 0, 0};
        int run = -1;
        bool inRun = false;
        for (int x = 0; x < w; ++x) {
            const double d = dark[static_cast<std::size_t>(x)];
            if (d > 2.0 && !inRun) {
                ++run;
            }
            inRun = d > 2.0;
            if (inRun && run >= 0 && run < 3) {
                sums[run] += d;
            }
        }
        REQUIRE(run == 2); // left edge, shared edge, right edge
        ink.outer += sums[0];
        ink.shared += sums[1];
    }
    return ink;
}

} // namespace

TEST_CASE("a border two areas share is as dark as an outer edge")
{
    const platform::HeadlessContext context;
    for (const float width : {1.0f, 1.5f, 2.0f}) {
        CAPTURE(width);
        const Ink black = measure({0.0f, 0.0f, 0.0f, 1.0f}, width);
        CHECK(black.outer > 0.0);
        CHECK(black.shared / black.outer == doctest::Approx(1.0).epsilon(0.05));
        // Half-transparent outlines too: composited once, not twice.
        const Ink grey = measure({0.0f, 0.0f, 0.0f, 0.5f}, width);
        CHECK(grey.shared / grey.outer == doctest::Approx(1.0).epsilon(0.05));
        CHECK(grey.outer == doctest::Approx(black.outer * 0.5).epsilon(0.05));
    }
}

// A frame drawn in slices (the viewer's view cache spreads a new image over several displayed frames) must come out
// as the frame drawn whole, also where a slice ends inside a run of shared outlines going through the coverage
// image (render::MapRenderer) and an overlay (the furniture's inset) is drawn between two slices.

#include "render/bundled_scene.hpp"
#include "render/image.hpp"
#include "render/offscreen_target.hpp"

#include "geo/layer_builder.hpp"

#include <doctest/doctest.h>

using namespace corridor;

TEST_CASE("the bundled overview drawn in slices of one chunk, with an inset between slices, equals it drawn whole")
{
    test::BundledScene map;
    const int w = 640, h = 400;
    const core::Camera camera = geo::frameView(map.doc, core::GeoBox{35, 10, 75, 62}, w, h);
    const render::OffscreenTarget target(w, h);
    target.bind();
    map.scene.renderer.render(camera, map.scene.order, map.doc.background);
    const render::Image whole{w, h, target.read()};

    // The inset: the same layers, a small camera, drawn into a corner of another image between the slices.
    const render::OffscreenTarget other(w, h);
    const core::Camera inset = geo::frameView(map.doc, core::GeoBox{20, 0, 90, 70}, 160, 100);
    target.bind();
    map.scene.renderer.beginFrame(camera, map.scene.order, map.doc.background);
    int slices = 0;
    bool done = false;
    while (!done && slices < 100000) {
        target.bind();
        done = map.scene.renderer.continueFrame(1);
        ++slices;
        if (slices % 7 == 0) {
            other.bind();
            map.scene.renderer.overlay(inset, map.scene.order, render::PixelRect{10, 10, 160, 100});
        }
    }
    CHECK(done);
    CHECK(slices > 50);
    target.bind();
    const render::Image sliced{w, h, target.read()};
    const render::ImageDiff diff = render::compareImages(sliced, whole, 1);
    CHECK(diff.differingPixels == 0);
}

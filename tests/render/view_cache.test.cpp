// The view cache must show exactly what a direct render shows for a view it covers on its texel grid, and must
// render anew when the view leaves it, zooms too far or the layers change.

#include "render/view_cache.hpp"

#include "render/map_scene.hpp"

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "platform/map_export.hpp"
#include "render/image.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <functional>

using namespace corridor;

namespace {

struct Scene {
    core::MapDocument doc;
    render::MapScene scene;

    Scene()
    {
        doc.viewCrs = geo::kCorridorLcc;
        for (const char* f : {"polygons_holes.geojson", "routes_3857.geojson", "nodes.geojson"}) {
            for (core::MapLayer& l : geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/" + f, doc.layers.size())) {
                doc.layers.push_back(std::move(l));
            }
        }
        geo::buildMeshes(doc);
        scene.load(doc);
    }
};

render::Image draw(const render::OffscreenTarget& target, const std::function<void()>& f)
{
    target.bind();
    f();
    return {target.width(), target.height(), target.read()};
}

// Three INSTC nodes (Tehran, Rasht, Astara) labelled by name, meshed in the corridor's view CRS.
core::MapDocument labelledNodes()
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    doc.layers = geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/nodes.geojson", 0);
    doc.layers[0].style.base.labelField = "name";
    geo::buildMeshes(doc);
    return doc;
}

} // namespace

TEST_CASE("the view cache matches a direct render, reuses its image while panning, and renders anew when it must")
{
    const platform::HeadlessContext context;
    Scene s;
    const render::OffscreenTarget target(320, 200);
    core::Camera camera = geo::frameView(s.doc, core::GeoBox{43.0, 29.0, 59.0, 39.5}, 320, 200);
    render::ViewCache cache;

    auto direct = [&] { return draw(target, [&] { s.scene.renderer.render(camera, s.scene.order, s.doc.background); }); };
    auto cached = [&](bool exact) { return draw(target, [&] { cache.render(s.scene.renderer, camera, s.scene.order, s.doc.background, exact); }); };

    const render::Image first = cached(false);
    CHECK(cache.lastFrameRendered());
    CHECK(render::compareImages(first, direct(), 2).differingPixels == 0);
    // The first image is the viewport alone; the next frames render the view with its margin behind it.
    for (int frame = 0; frame < 1000 && (frame == 0 || cache.busy()); ++frame) {
        CHECK(render::compareImages(cached(false), direct(), 2).differingPixels == 0);
        CHECK(cache.lastFrameRendered());
    }
    REQUIRE_FALSE(cache.busy());

    // A whole-pixel pan inside the margin: drawn from the image, and still what a direct render shows.
    camera.panPixels(23, -17);
    const render::Image panned = cached(false);
    CHECK_FALSE(cache.lastFrameRendered());
    CHECK(render::compareImages(panned, direct(), 2).differingPixels == 0);

    // Asking for an exact frame after moving renders anew; asking again at rest does not.
    cached(true);
    CHECK(cache.lastFrameRendered());
    cached(true);
    CHECK_FALSE(cache.lastFrameRendered());

    // Zooming in by 1.3 keeps the image (scaled); by another 1.3 (1.69 in all) it renders anew.
    camera.zoomAbout({160, 100}, 1.3);
    cached(false);
    CHECK_FALSE(cache.lastFrameRendered());
    camera.zoomAbout({160, 100}, 1.3);
    cached(false);
    CHECK(cache.lastFrameRendered());

    // Leaving the image renders anew; so does hiding a layer.
    camera.panPixels(300, 0);
    cached(false);
    CHECK(cache.lastFrameRendered());
    s.scene.order[0].visible = false;
    cached(false);
    CHECK(cache.lastFrameRendered());
}

TEST_CASE("the first image renders whole and without margin, a new one in slices while frames show the previous one, and ends up exact")
{
    const platform::HeadlessContext context;
    Scene s;
    const render::OffscreenTarget target(320, 200);
    core::Camera camera = geo::frameView(s.doc, core::GeoBox{43.0, 29.0, 59.0, 39.5}, 320, 200);
    render::ViewCache cache;
    cache.fixSliceBudget(1); // one chunk a frame
    auto direct = [&] { return draw(target, [&] { s.scene.renderer.render(camera, s.scene.order, s.doc.background); }); };
    auto cached = [&] { return draw(target, [&] { cache.render(s.scene.renderer, camera, s.scene.order, s.doc.background, true); }); };
    // Renders frames until the new image is complete; the number of frames it took.
    auto settle = [&] {
        int frames = 0;
        render::Image last;
        do {
            last = cached();
            CHECK(cache.lastFrameRendered());
            ++frames;
        } while (cache.busy() && frames < 1000);
        CHECK_FALSE(cache.busy());
        return std::pair{frames, last};
    };

    const render::Image first = cached();
    // Nothing was on screen: the first image renders whole in its first frame, whatever the slice budget (slices
    // only pay off when there is a picture to show meanwhile), and it is the viewport alone.
    CHECK(cache.lastFrameRendered());
    CHECK_FALSE(cache.busy());
    CHECK(render::compareImages(first, direct(), 2).differingPixels == 0);
    // Then the same view with its margin, in slices, each frame showing the first image meanwhile.
    const auto [widenFrames, widened] = settle();
    CHECK(widenFrames > 2);
    CHECK(render::compareImages(widened, direct(), 2).differingPixels == 0);
    cached();
    CHECK_FALSE(cache.lastFrameRendered()); // complete and exact: nothing more to render

    // Move by whole pixels: until the new image is complete, frames show the previous image moved, which for a
    // whole-pixel move is the new view wherever the previous image reaches.
    camera.panPixels(40, 0);
    const render::Image moved = cached();
    CHECK(cache.busy());
    const render::Image expected = direct();
    const render::ImageDiff diff = render::compareImages(moved, expected, 2);
    CHECK(diff.differingPixels == 0);
    const auto [frames, settled] = settle();
    CHECK(frames > 2);
    CHECK(render::compareImages(settled, direct(), 2).differingPixels == 0);

    // Another renderer frame in between (an export, say) restarts the slices rather than mixing the two.
    camera.zoomAbout({160, 100}, 2.0);
    cached();
    CHECK(cache.busy());
    direct();
    const auto [after, restarted] = settle();
    CHECK(after > 2);
    CHECK(render::compareImages(restarted, direct(), 2).differingPixels == 0);
}

TEST_CASE("label placement runs once per view and is reused while the view and the layers hold")
{
    const platform::HeadlessContext context;
    const core::MapDocument doc = labelledNodes();
    render::MapScene scene;
    scene.load(doc);
    const render::OffscreenTarget target(320, 200);
    target.bind();
    core::Camera camera = geo::frameView(doc, core::GeoBox{45.0, 33.0, 55.0, 40.0}, 320, 200);
    scene.render(camera, doc.background);
    scene.render(camera, doc.background);
    CHECK(scene.labels.placementRuns() == 1);
    CHECK(scene.labels.placedCount() == 3); // Tehran, Rasht, Astara
    camera.panPixels(5, 0);
    scene.render(camera, doc.background);
    CHECK(scene.labels.placementRuns() == 2);
    scene.order[0].visible = false;
    scene.render(camera, doc.background);
    CHECK(scene.labels.placementRuns() == 3);
    CHECK(scene.labels.placedCount() == 0);
}

TEST_CASE("the viewer's export writes what the window shows, with the labels placed for that view")
{
    const platform::HeadlessContext context;
    const core::MapDocument doc = labelledNodes();
    render::MapScene scene;
    scene.load(doc);
    const core::Camera camera = geo::frameView(doc, core::GeoBox{45.0, 33.0, 55.0, 40.0}, 320, 200);
    // The window's frame.
    const render::OffscreenTarget window(320, 200);
    const render::Image shown = draw(window, [&] { scene.render(camera, doc.background); });
    REQUIRE(scene.labels.placementRuns() == 1);

    const std::string dir = std::string(CORRIDOR_TEST_OUTPUT) + "/viewer-export";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string out = platform::exportFileName(dir);
    CHECK(out.find("corridor-view-") != std::string::npos);
    platform::OutputOptions output;
    output.out = out;
    platform::exportView(scene, doc, camera, core::noFurniture({}), output);
    CHECK(scene.labels.placementRuns() == 1); // the window's placement, reused
    const render::Image exported = render::readPng(out);
    CHECK(render::compareImages(exported, shown, 0).differingPixels == 0);
    CHECK(platform::exportFileName(dir) != out); // a second export in the same second gets its own name
    GLint bound = -1;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound);
    CHECK(bound == 0);
}

TEST_CASE("images for a moving view use coarser levels of detail — the exact image at rest has full detail")
{
    const platform::HeadlessContext context;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    core::MapLayer& layer = doc.layers.emplace_back();
    layer.title = "wiggle";
    std::vector<core::Vec2d> line;
    for (int i = 0; i <= 20000; ++i) { // a fine wiggle: every level of detail has something to drop
        const double t = i / 20000.0;
        line.push_back({45.0 + 10.0 * t + 0.01 * std::sin(i * 0.7), 35.0 + 2.0 * std::sin(t * 9.0) + 0.01 * std::cos(i * 1.3)});
    }
    core::Feature f;
    f.type = core::GeometryType::Line;
    f.firstPart = core::appendPart(layer.data, core::PartRole::Line, line.data(), line.size());
    f.partCount = 1;
    layer.data.features.push_back(f);
    layer.style.base.strokeWidth = 1.5f;
    // Dashed, so every level is drawn as segments (dense solid lines may be drawn from distance fields, which
    // count no segments): the counts compare the levels themselves.
    layer.style.base.dash = {6.0f, 3.0f};
    geo::buildMeshes(doc);
    render::MapScene scene;
    scene.load(doc);
    const render::OffscreenTarget target(320, 200);
    const core::Camera camera = geo::frameView(doc, core::GeoBox{44.0, 32.0, 56.0, 38.0}, 320, 200);
    render::ViewCache cache;
    auto cached = [&](bool exact) { return draw(target, [&] { cache.render(scene.renderer, camera, scene.order, doc.background, exact); }); };

    cached(false);
    REQUIRE_FALSE(cache.busy());
    const std::size_t moving = scene.renderer.lastFrame().segmentsDrawn;
    render::Image exact = cached(true); // same view, at rest: rendered anew with full detail
    CHECK(cache.lastFrameRendered());
    // On a loaded machine the adaptive budget may spread the image over several frames: the renderer's counts
    // cover the whole image once it is complete.
    for (int frame = 0; cache.busy() && frame < 1000; ++frame) {
        exact = cached(true);
    }
    REQUIRE_FALSE(cache.busy());
    const std::size_t still = scene.renderer.lastFrame().segmentsDrawn;
    CHECK(moving * 2 < still);
    const render::Image direct = draw(target, [&] { scene.renderer.render(camera, scene.order, doc.background); });
    // The image is larger than the view, so segment ends round differently in float: a pixel or two of the
    // anti-aliased edge may differ by a few levels.
    CHECK(render::compareImages(exact, direct, 8).differingPixels <= 3);
}

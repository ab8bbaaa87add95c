// Dense line chunks drawn as distance fields must look like the segments they stand for.

#include "core/mesh.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/random_walks.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>


using namespace corridor;

TEST_CASE("a dense scribble drawn from distance fields matches the same scribble drawn segment by segment")
{
    const platform::HeadlessContext context;
    // Random walks of 300 m steps in a 200 km square: what no simplification thins.
    const core::Layer layer = test::randomWalks();
    core::LayerStyle style;
    style.base.stroke = {0.1f, 0.35f, 0.6f, 1.0f};
    style.base.strokeWidth = 1.5f;
    core::MeshOptions vectorOnly;
    vectorOnly.fieldDensity = 0;
    const core::LayerMesh withFields = core::buildLayerMesh(layer, style);
    const core::LayerMesh withoutFields = core::buildLayerMesh(layer, style, vectorOnly);

    render::MapRenderer renderer;
    const std::size_t a = renderer.addLayer(withFields);
    const std::size_t b = renderer.addLayer(withoutFields);
    const render::OffscreenTarget target(400, 400);
    target.bind();
    core::Camera camera;
    camera.resize(400, 400);
    camera.fit(withFields.bounds, 10);
    const core::MeshBatch& batch = withFields.batches.at(0);
    REQUIRE(!batch.levels.at(core::pickLevel(batch, camera.unitsPerPixel)).fields.empty()); // the overview uses fields

    auto draw = [&](std::size_t slot) {
        const render::LayerView view{slot, true, 1.0f};
        renderer.render(camera, std::span(&view, 1), {0.97f, 0.96f, 0.93f, 1.0f});
        return render::Image{400, 400, target.read()};
    };
    const render::Image fields = draw(a);
    const std::size_t segmentsWithFields = renderer.lastFrame().segmentsDrawn;
    const render::Image segments = draw(b);
    const std::size_t segmentsWithout = renderer.lastFrame().segmentsDrawn;
    CHECK(segmentsWithFields * 10 < segmentsWithout);
    // Ink in the same places: pixels differing by more than a quarter of the range are rare (edges of the
    // scribble, where sampling differs), and the amount of ink agrees within a few per cent.
    const render::ImageDiff diff = render::compareImages(fields, segments, 64);
    MESSAGE("pixels differing by more than 64/255: " << diff.differingPixels << " of 160000");
    CHECK(diff.differingPixels < 160000 / 50);
    auto ink = [](const render::Image& im) {
        double sum = 0;
        for (std::size_t i = 0; i < im.rgba.size(); i += 4) {
            sum += 255.0 * 3 - (im.rgba[i] + im.rgba[i + 1] + im.rgba[i + 2]);
        }
        return sum;
    };
    CHECK(ink(fields) == doctest::Approx(ink(segments)).epsilon(0.05));
    render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/fields-vs-segments-fields.png", fields);
    render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/fields-vs-segments-segments.png", segments);
}

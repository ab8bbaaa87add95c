// Dense line chunks drawn as distance fields must look like the segments they stand for.

#include "core/density.hpp"
#include "core/mesh.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/random_walks.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <utility>


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

TEST_CASE("fields built for one image hold distances only as far as its lines need, and draw the same pixels")
{
    const platform::HeadlessContext context;
    const core::Layer layer = test::randomWalks();
    render::MapRenderer renderer;
    const render::OffscreenTarget target(400, 400);
    target.bind();
    core::Camera camera;
    camera.resize(400, 400);
    camera.fit(layer.bounds, 10);
    const double fitted = camera.unitsPerPixel;
    int fielded = 0; // cases drawn with fields
    int shorter = 0; // those whose fields reach less far than a viewer's
    struct Look {
        float width, casing;
    };
    // Scales over a pyramid step (texels 0.5 to 2 px), widths up to the widest a field draws; each image is
    // also drawn a little zoomed in from the scale its mesh was built for (an export's estimate may be large).
    // Exports at two and three times the line widths (--scale) too: the mesh is told, the renderer draws them so.
    for (const auto& [scale, pixelScale] : {std::pair{1.0, 1.0f}, std::pair{0.7, 1.0f}, std::pair{0.5, 1.0f},
                                            std::pair{0.35, 1.0f}, std::pair{1.0, 2.0f}, std::pair{0.5, 2.0f},
                                            std::pair{0.5, 3.0f}}) {
        renderer.setPixelScale(pixelScale);
        for (const Look look : {Look{1.0f, 0.0f}, Look{2.0f, 0.0f}, Look{1.0f, 2.0f}}) {
            core::LayerStyle style;
            style.base.stroke = {0.1f, 0.35f, 0.6f, 1.0f};
            style.base.strokeWidth = look.width;
            style.base.casing = {1.0f, 1.0f, 1.0f, 0.8f};
            style.base.casingWidth = look.casing;
            const double built = fitted * scale;
            core::MeshOptions viewer;
            viewer.startTolerance = 0.5 * built;
            viewer.maxLevels = 1;
            core::MeshOptions image = viewer;
            image.imageUnitsPerPixel = built;
            image.imagePixelScale = pixelScale;
            const core::LayerMesh full = core::buildLayerMesh(layer, style, viewer);
            const core::LayerMesh reached = core::buildLayerMesh(layer, style, image);
            const core::MeshLevel& a = full.batches.at(0).levels.at(0);
            const core::MeshLevel& b = reached.batches.at(0).levels.at(0);
            INFO("scale " << scale << ", pixel scale " << pixelScale << ", width " << look.width << ", casing "
                          << look.casing);
            if (a.fields.empty()) {
                continue; // zoomed in past where the walks are dense
            }
            ++fielded;
            REQUIRE(a.fields.size() == b.fields.size());
            // Texels holding a distance (not the far value).
            const auto near = [](const core::DistanceField& f) {
                return static_cast<std::size_t>(
                    std::count_if(f.distance.begin(), f.distance.end(), [](std::uint8_t d) { return d < 255; }));
            };
            std::size_t nearA = 0, nearB = 0;
            for (std::size_t i = 0; i < a.fields.size(); ++i) {
                REQUIRE(a.fields[i].distance.size() == b.fields[i].distance.size());
                nearA += near(a.fields[i]);
                nearB += near(b.fields[i]);
            }
            const double texelPx = 4.0 * a.tolerance / built;
            INFO("texel " << texelPx << " px, texels within reach " << nearB << " of " << nearA);
            CHECK(nearB <= nearA);
            // A reach half a texel or more short of a viewer's leaves texels out (less than that may only trim
            // what the rows' rounding visits anyway).
            if (core::fieldReachFor(4.0 * a.tolerance, built, pixelScale * std::max(look.width, look.casing)) <=
                core::kFieldReach - 0.5) {
                CHECK(nearB < nearA);
                ++shorter;
            }
            const std::size_t slotA = renderer.addLayer(full);
            const std::size_t slotB = renderer.addLayer(reached);
            for (const double zoom : {1.0, 0.93}) {
                camera.unitsPerPixel = built * zoom;
                auto draw = [&](std::size_t slot) {
                    const render::LayerView view{slot, true, 1.0f};
                    renderer.render(camera, std::span(&view, 1), {0.97f, 0.96f, 0.93f, 1.0f});
                    return render::Image{400, 400, target.read()};
                };
                const render::Image imageA = draw(slotA);
                const render::Image imageB = draw(slotB);
                CHECK(render::compareImages(imageA, imageB, 0).differingPixels == 0);
            }
            renderer.removeLayer(slotB);
            renderer.removeLayer(slotA);
        }
    }
    CHECK(fielded >= 6);
    CHECK(shorter >= 3);
}

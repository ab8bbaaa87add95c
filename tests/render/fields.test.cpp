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
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>


using namespace corridor;

namespace {

// One layer of `renderer` drawn alone by `camera` into the bound 400 x 400 target, and read back.
render::Image drawAlone(render::MapRenderer& renderer, const render::OffscreenTarget& target,
                        const core::Camera& camera, std::size_t slot,
                        core::Color background = {0.97f, 0.96f, 0.93f, 1.0f})
{
    const render::LayerView view{slot, true, 1.0f};
    renderer.render(camera, std::span(&view, 1), background);
    return render::Image{400, 400, target.read()};
}

} // namespace

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

    auto draw = [&](std::size_t slot) { return drawAlone(renderer, target, camera, slot); };
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
                auto draw = [&](std::size_t slot) { return drawAlone(renderer, target, camera, slot); };
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

TEST_CASE("fields on an image's own pixels draw what the segments draw there")
{
    const platform::HeadlessContext context;
    // The walks, and a coast-like line: one closed line wiggling at every scale around a circle.
    core::Layer layer = test::randomWalks();
    {
        std::mt19937 rng(5);
        std::normal_distribution<double> wiggle(0.0, 1.0);
        std::vector<core::Vec2d> ring;
        double r = 0.0;
        for (int i = 0; i < 200000; ++i) {
            r = 0.98 * r + wiggle(rng) * 120.0;
            const double a = 2.0 * 3.14159265358979 * i / 200000.0;
            ring.push_back({1.0e5 + (6.0e4 + r) * std::cos(a), 1.0e5 + (6.0e4 + r) * std::sin(a)});
        }
        ring.push_back(ring.front());
        core::Feature f;
        f.type = core::GeometryType::Line;
        f.firstPart = core::appendPart(layer, core::PartRole::Line, ring.data(), ring.size());
        f.partCount = 1;
        layer.features.push_back(f);
    }
    core::LayerStyle style;
    style.base.stroke = {0.0f, 0.0f, 0.0f, 1.0f};
    style.base.strokeWidth = 1.0f;
    style.base.miterLimit = 4.0f;
    render::MapRenderer renderer;
    const render::OffscreenTarget target(400, 400);
    target.bind();
    // Round joins, what a distance draws; miters, whose tips the field adds where the widths are known.
    for (const auto& [join, zoom] : {std::pair{core::LineJoin::Round, 1.0}, std::pair{core::LineJoin::Round, 0.6},
                                     std::pair{core::LineJoin::Miter, 1.0}, std::pair{core::LineJoin::Miter, 0.6}}) {
        style.base.join = join;
        core::Camera camera;
        camera.resize(400, 400);
        camera.fit(core::Bounds{0, 0, 2.0e5, 2.0e5}, 10);
        camera.unitsPerPixel *= zoom;
        camera.center = {camera.center.x + 0.37 * camera.unitsPerPixel, camera.center.y - 0.21 * camera.unitsPerPixel};
        core::MeshOptions image; // as geo::buildMeshes makes them for an export
        image.startTolerance = 0.5 * camera.unitsPerPixel;
        image.maxLevels = 1;
        image.imageUnitsPerPixel = camera.unitsPerPixel;
        image.imagePixelOrigin = camera.screenToWorld({0.0, camera.heightPx});
        core::MeshOptions segmentsOnly = image;
        segmentsOnly.fieldDensity = 0;
        const core::LayerMesh withFields = core::buildLayerMesh(layer, style, image);
        const core::LayerMesh withoutFields = core::buildLayerMesh(layer, style, segmentsOnly);
        REQUIRE(!withFields.batches.at(0).levels.at(0).fields.empty());
        CHECK(withFields.batches.at(0).levels.at(0).fields.front().pixelExact);
        const std::size_t a = renderer.addLayer(withFields);
        const std::size_t b = renderer.addLayer(withoutFields);
        auto draw = [&](std::size_t slot) {
            return drawAlone(renderer, target, camera, slot, {1.0f, 1.0f, 1.0f, 1.0f});
        };
        const render::Image fields = draw(a);
        const render::Image segments = draw(b);
        // The truth: the same segments drawn four times as large (lines four times as wide), each pixel the mean
        // of its 4 x 4.
        render::Image truth{400, 400, std::vector<std::uint8_t>(400 * 400 * 4, 0)};
        {
            const render::OffscreenTarget large(1600, 1600);
            large.bind();
            core::Camera fine = camera;
            fine.resize(1600, 1600);
            fine.unitsPerPixel = camera.unitsPerPixel / 4;
            renderer.setPixelScale(4.0f);
            const render::LayerView view{b, true, 1.0f};
            renderer.render(fine, std::span(&view, 1), {1.0f, 1.0f, 1.0f, 1.0f});
            const std::vector<std::uint8_t> big = large.read();
            renderer.setPixelScale(1.0f);
            for (std::size_t y = 0; y < 400; ++y) {
                for (std::size_t x = 0; x < 400; ++x) {
                    for (std::size_t c = 0; c < 4; ++c) {
                        unsigned sum = 0;
                        for (std::size_t j = 0; j < 4; ++j) {
                            for (std::size_t i = 0; i < 4; ++i) {
                                sum += big[((y * 4 + j) * 1600 + x * 4 + i) * 4 + c];
                            }
                        }
                        truth.rgba[(y * 400 + x) * 4 + c] = static_cast<std::uint8_t>((sum + 8) / 16);
                    }
                }
            }
            target.bind();
        }
        renderer.removeLayer(b);
        renderer.removeLayer(a);
        auto ink = [](const render::Image& im) {
            double sum = 0;
            for (std::size_t i = 0; i < im.rgba.size(); i += 4) {
                sum += 255.0 * 3 - (im.rgba[i] + im.rgba[i + 1] + im.rgba[i + 2]);
            }
            return sum;
        };
        const auto meanError = [&](const render::Image& im) {
            double sum = 0;
            for (std::size_t i = 0; i < im.rgba.size(); i += 4) {
                sum += std::abs(int(im.rgba[i]) - int(truth.rgba[i]));
            }
            return sum / (400.0 * 400.0);
        };
        MESSAGE("join " << int(join) << ", zoom " << zoom << ": mean error against 4x4 supersampled segments: fields "
                        << meanError(fields) << ", segments " << meanError(segments) << "; ink fields / truth "
                        << ink(fields) / ink(truth));
        // Closer to the truth than the segments themselves, whose blending counts twice a pixel two lines cross;
        // with miters, whose tips a field approximates (as long as the tip's area, full width), no further.
        CHECK(meanError(fields) < (join == core::LineJoin::Round ? 0.8 : 1.0) * meanError(segments));
        const render::ImageDiff diff = render::compareImages(fields, segments, 64);
        MESSAGE("zoom " << zoom << ": pixels differing by more than 64/255: " << diff.differingPixels
                        << ", ink fields / segments " << ink(fields) / ink(segments));
        // Each pixel gets the share of it the lines cover (their union); segments blended one over another count
        // a pixel two lines cross twice, so masses of lines come out a little darker that way (measured 7 % and
        // 4 % more ink here). A field on the wrong pixels, or one that missed segments, differs far more.
        CHECK(diff.differingPixels < 160000 / 80);
        CHECK(ink(fields) / ink(segments) > 0.9);
    }
}

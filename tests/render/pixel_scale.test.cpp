// The pixel scale (MapScene::setPixelScale): an image of 2W × 2H pixels at scale 2 is the W × H image at scale 1,
// only sharper: lines, markers, hatching, text, halos and leaders twice as large, the same features and labels
// (style zoom windows judged at the scale's zoom), levels of detail fine enough for the real pixels.

#include "render/bundled_scene.hpp"
#include "render/random_walks.hpp"
#include "render/golden.hpp"

#include "core/density.hpp"
#include "core/mesh.hpp"
#include "render/image.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace corridor;

namespace {

std::uint8_t channel(const render::Image& image, int x, int y, int c)
{
    return image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4 + c];
}

// Each `factor` × `factor` block of `image` averaged into one pixel (the image's sides must be multiples).
render::Image boxDownsample(const render::Image& image, int factor)
{
    render::Image out{image.width / factor, image.height / factor, {}};
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int dy = 0; dy < factor; ++dy) {
                    for (int dx = 0; dx < factor; ++dx) {
                        sum += channel(image, x * factor + dx, y * factor + dy, c);
                    }
                }
                out.rgba[(static_cast<std::size_t>(y) * out.width + x) * 4 + c] =
                    static_cast<std::uint8_t>((sum + factor * factor / 2) / (factor * factor));
            }
        }
    }
    return out;
}

// Each pixel the mean of the 3 × 3 around it (within the image).
render::Image blur3(const render::Image& image)
{
    render::Image out = image;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            for (int c = 0; c < 4; ++c) {
                int sum = 0, n = 0;
                for (int ny = std::max(y - 1, 0); ny <= std::min(y + 1, image.height - 1); ++ny) {
                    for (int nx = std::max(x - 1, 0); nx <= std::min(x + 1, image.width - 1); ++nx) {
                        sum += channel(image, nx, ny, c);
                        ++n;
                    }
                }
                out.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4 + c] =
                    static_cast<std::uint8_t>((sum + n / 2) / n);
            }
        }
    }
    return out;
}

// Pixels of `image` outside flat areas (a neighbour differs by more than 6/255 in a channel): edges of fills and
// lines, letters, markers, hatching. What two renderings of one map can differ in.
std::size_t detailPixels(const render::Image& image)
{
    std::size_t n = 0;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            bool detail = false;
            for (int ny = std::max(y - 1, 0); ny <= std::min(y + 1, image.height - 1) && !detail; ++ny) {
                for (int nx = std::max(x - 1, 0); nx <= std::min(x + 1, image.width - 1) && !detail; ++nx) {
                    for (int c = 0; c < 4; ++c) {
                        detail = detail || std::abs(channel(image, nx, ny, c) - channel(image, x, y, c)) > 6;
                    }
                }
            }
            n += detail ? 1 : 0;
        }
    }
    return n;
}

std::size_t differing(const render::Image& a, const render::Image& b, int channelTolerance)
{
    return render::compareImages(a, b, channelTolerance).differingPixels;
}

double share(std::size_t pixels, const render::Image& image)
{
    return static_cast<double>(pixels) / (static_cast<double>(image.width) * image.height);
}

// The same view with `factor` times the pixels each way.
core::Camera finer(core::Camera c, double factor)
{
    c.resize(c.widthPx * factor, c.heightPx * factor);
    c.unitsPerPixel /= factor;
    return c;
}

std::vector<std::string> texts(const std::vector<render::MapLabels::Shown>& shown)
{
    std::vector<std::string> out;
    for (const auto& s : shown) {
        out.push_back(s.text + (s.second.empty() ? "" : " / " + s.second));
    }
    return out;
}

// Whether `large` shows the labels of `small` where they are, `factor` times farther from the corner, leaders too.
bool placedAlike(const std::vector<render::MapLabels::Shown>& small, const std::vector<render::MapLabels::Shown>& large,
                 double factor)
{
    const auto same = [factor](double a, double b) { return std::abs(a * factor - b) <= 1e-6 * (1 + std::abs(b)); };
    const auto sameAt = [&](core::Vec2d a, core::Vec2d b) { return same(a.x, b.x) && same(a.y, b.y); };
    if (texts(small) != texts(large)) {
        return false;
    }
    for (std::size_t i = 0; i < small.size(); ++i) {
        const core::PlacedLabel &a = small[i].placed, &b = large[i].placed;
        if (!same(a.box.minX, b.box.minX) || !same(a.box.minY, b.box.minY) || !same(a.box.maxX, b.box.maxX) ||
            !same(a.box.maxY, b.box.maxY) || !sameAt(a.topLeft, b.topLeft) || a.hasLeader != b.hasLeader ||
            (a.hasLeader && (!sameAt(a.leaderFrom, b.leaderFrom) || !sameAt(a.leaderTo, b.leaderTo))) ||
            !sameAt(small[i].anchor, large[i].anchor) || !sameAt(small[i].featureHalf, large[i].featureHalf)) {
            return false;
        }
    }
    return true;
}

test::BundledScene& bundled()
{
    static test::BundledScene map;
    map.context.makeCurrent(); // other cases' contexts come and go
    return map;
}

void write(const render::Image& image, const std::string& name)
{
    render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/" + name + ".png", image);
}

// How alike the downsampled 2× image and the 1× image must be. Where they may differ is at edges: the 1× image takes
// one coverage sample per pixel and the 2× image four (a line's edge comes out up to a third of its contrast apart),
// and glyphs are drawn from one distance field at two sizes with the pen snapped to a whole pixel of each image (up
// to half a 1× pixel apart: whole letters' edges move). A 3 × 3 box blur of both takes away what differs by less
// than a pixel and keeps what changes the ink: a line half as wide, text half the size, a label elsewhere. After
// it, a pixel counts as differing past 32/255 in a channel, and at most 4 % of the 1× image's detail pixels (those
// not inside flat areas, 5–7 % of these views) may. Measured: about 1.6 % and 0.8 % with the scale, 10 % and 41 %
// without it (lines half as wide, text half the size); see the MESSAGEs.
constexpr int kBlurredChannel = 32;
constexpr double kBlurredDetailShare = 0.04;
// And unblurred, every pixel: at most 1 % differ by more than 48/255 (measured 0.2 % and 0.46 %).
constexpr int kChannel = 48;
constexpr double kShare = 0.01;

struct ViewCase {
    const char* name;
    core::GeoBox box;
};
constexpr ViewCase kViews[] = {{"islands", {54.5, 25.5, 56.5, 26.6}}, {"rasht_astara", {48.0, 36.5, 49.8, 38.6}}};

} // namespace

TEST_CASE("the bundled map at 1600×1000 and pixel scale 2, downsampled, is its 800×500 image, same labels alike")
{
    test::BundledScene& map = bundled();
    std::size_t leaders = 0, alongLines = 0; // what the views exercise besides labels beside a point
    for (const ViewCase& v : kViews) {
        const std::string name = v.name;
        CAPTURE(name);
        const core::Camera small = geo::frameView(map.doc, v.box, 800, 500);
        const core::Camera large = finer(small, 2.0);

        map.scene.setPixelScale(1.0f);
        const render::Image one = map.draw(small);
        const auto shownOne = map.scene.labels.shown();
        const render::Image unscaled = map.draw(large); // twice the pixels, sizes as at 1×: what the scale is for
        const auto shownUnscaled = map.scene.labels.shown();
        map.scene.setPixelScale(2.0f);
        const render::Image two = map.draw(large);
        const auto shownTwo = map.scene.labels.shown();
        map.scene.setPixelScale(1.5f); // any scale, not only whole ones
        map.draw(finer(small, 1.5));
        const auto shownOneHalf = map.scene.labels.shown();
        map.scene.setPixelScale(1.0f);

        const render::Image down = boxDownsample(two, 2);
        const render::Image unscaledDown = boxDownsample(unscaled, 2);
        write(one, "pixel_scale_" + name + "_1x");
        write(two, "pixel_scale_" + name + "_2x");
        write(down, "pixel_scale_" + name + "_2x_down");

        const double detail = static_cast<double>(detailPixels(one));
        const double blurred = static_cast<double>(differing(blur3(down), blur3(one), kBlurredChannel)) / detail;
        const double blurredUnscaled =
            static_cast<double>(differing(blur3(unscaledDown), blur3(one), kBlurredChannel)) / detail;
        MESSAGE(name << ": pixels differing by more than " << kChannel << "/255: "
                     << 100 * share(differing(down, one, kChannel), one) << " % (more than 6/255: "
                     << 100 * share(differing(down, one, 6), one) << " %); without the scale "
                     << 100 * share(differing(unscaledDown, one, kChannel), one) << " %. Blurred, of the "
                     << 100 * share(static_cast<std::size_t>(detail), one) << " % detail pixels, by more than "
                     << kBlurredChannel << "/255: " << 100 * blurred << " %, without the scale "
                     << 100 * blurredUnscaled << " %");
        CHECK(share(differing(down, one, kChannel), one) <= kShare);
        CHECK(blurred <= kBlurredDetailShare);
        CHECK(blurredUnscaled > 2 * kBlurredDetailShare); // the comparison sees what the scale changes

        // The same labels, in the same places (twice as far from the corner), with the same leaders.
        CHECK(shownOne.size() >= 4);
        CHECK(texts(shownTwo) == texts(shownOne));
        CHECK(placedAlike(shownOne, shownTwo, 2.0));
        CHECK(placedAlike(shownOne, shownOneHalf, 1.5));
        CHECK_FALSE(placedAlike(shownOne, shownUnscaled, 2.0));
        for (const auto& l : shownTwo) {
            leaders += l.placed.hasLeader ? 1 : 0;
            alongLines += !l.point && l.placed.slot == core::LabelSlot::Centre && l.featureHalf.x == 0 ? 1 : 0;
        }
    }
    MESSAGE(leaders << " labels with leaders, " << alongLines << " along lines or inside areas");
    CHECK(leaders >= 1);
    CHECK(alongLines >= 2);
}

TEST_CASE("at pixel scale 2 the 2× image draws the levels of detail its pixels need, with no simplification artefacts")
{
    test::BundledScene& map = bundled();
    // The same document meshed at full detail only: what every level stands for.
    core::MapDocument detailed = map.doc;
    core::MeshOptions fullOnly;
    fullOnly.maxLevels = 1;
    for (core::MapLayer& l : detailed.layers) {
        l.mesh = geo::buildMesh(l.data, l.style, detailed.viewCrs, nullptr, nullptr, fullOnly);
    }
    render::MapScene exact;
    exact.load(detailed);
    exact.setPixelScale(2.0f);
    for (const ViewCase& v : kViews) {
        const std::string name = v.name;
        CAPTURE(name);
        const core::Camera small = geo::frameView(map.doc, v.box, 800, 500);
        const core::Camera large = finer(small, 2.0);
        map.scene.setPixelScale(1.0f);
        map.draw(small);
        const std::size_t segmentsOne = map.scene.renderer.lastFrame().segmentsDrawn;
        map.scene.setPixelScale(2.0f);
        const render::Image two = map.draw(large);
        const std::size_t segmentsTwo = map.scene.renderer.lastFrame().segmentsDrawn;
        map.scene.setPixelScale(1.0f);
        // The same features as the 1× view (same zoom windows), from finer levels: the real pixels are half as large.
        MESSAGE(name << ": segments drawn " << segmentsOne << " at 1×, " << segmentsTwo << " at 2× scale 2");
        CHECK(segmentsTwo > segmentsOne);
        // Simplified within half a real pixel: the golden images' tolerance against the data as read.
        const render::Image full = test::drawScene(exact, large, detailed);
        const double differs = share(differing(two, full, test::GoldenTolerance{}.channel), two);
        MESSAGE(name << ": pixels differing from full detail by more than 6/255: " << 100 * differs << " %");
        CHECK(differs <= test::GoldenTolerance{}.maxDifferingShare);
    }
}

TEST_CASE("style zoom windows are judged at the pixel scale's zoom, for features, markers and labels")
{
    bundled(); // its GL context: one per process here (a context's end terminates the EGL display for all)
    // A marker with a label, shown only up to the zoom of an 800-pixel-wide view of it.
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    core::MapLayer& layer = doc.layers.emplace_back();
    layer.title = "towns";
    const core::Vec2d at{55.0, 26.0};
    core::Feature f;
    f.type = core::GeometryType::Point;
    f.firstPart = core::appendPart(layer.data, core::PartRole::Point, &at, 1);
    f.partCount = 1;
    f.values.push_back(std::string("Qeshm"));
    layer.data.fields.push_back({"name", core::FieldType::String});
    layer.data.features.push_back(f);
    layer.data.bounds.add(at);
    const core::Camera small = geo::frameView(doc, core::GeoBox{54.0, 25.5, 56.0, 26.5}, 800, 500);
    const core::Camera large = finer(small, 2.0);
    layer.style.base.markerSize = 8.0f;
    layer.style.base.labelField = "name";
    layer.style.base.maxZoom = static_cast<float>(core::zoomLevel(small.unitsPerPixel) + 0.5);
    layer.mesh = geo::buildMesh(layer.data, layer.style, doc.viewCrs);
    render::MapScene scene;
    scene.load(doc);

    test::drawScene(scene, small, doc);
    CHECK(scene.renderer.lastFrame().pointsDrawn == 1);
    CHECK(scene.labels.placedCount() == 1);
    test::drawScene(scene, large, doc); // zoom + 1: past the window
    CHECK(scene.renderer.lastFrame().pointsDrawn == 0);
    CHECK(scene.labels.placedCount() == 0);
    scene.setPixelScale(2.0f); // the same view as `small`, sharper: inside the window again
    test::drawScene(scene, large, doc);
    CHECK(scene.renderer.lastFrame().pointsDrawn == 1);
    CHECK(scene.labels.placedCount() == 1);
}

TEST_CASE("dense lines drawn from distance fields keep their width at pixel scale 2")
{
    bundled(); // its GL context
    // Random walks 2 px wide: the widest a field draws at scale 1, too wide at 2 for the
    // fields of a level whose texels are 0.6 px.
    const core::Layer layer = test::randomWalks();
    core::LayerStyle style;
    style.base.stroke = {0.1f, 0.35f, 0.6f, 1.0f};
    style.base.strokeWidth = 2.0f;
    core::MeshOptions vectorOnly;
    vectorOnly.fieldDensity = 0;
    const core::LayerMesh withFields = core::buildLayerMesh(layer, style);
    const core::LayerMesh withoutFields = core::buildLayerMesh(layer, style, vectorOnly);

    // A view where a fielded level fits with texels 0.6 px wide: a line 4 px wide needs 0.75 (fieldDrawsWidth).
    const core::MeshBatch& batch = withFields.batches.at(0);
    const auto fielded = std::find_if(batch.levels.begin(), batch.levels.end(),
                                      [](const core::MeshLevel& l) { return !l.fields.empty(); });
    REQUIRE(fielded != batch.levels.end());
    core::Camera camera;
    camera.resize(800, 800);
    camera.fit(withFields.bounds, 10);
    camera.unitsPerPixel = fielded->fields.front().texel / 0.6;
    REQUIRE(batch.levels.at(core::pickLevel(batch, camera.unitsPerPixel)).fields.size() == fielded->fields.size());
    REQUIRE(core::fieldDrawsWidth(2.0, 0.6));
    REQUIRE_FALSE(core::fieldDrawsWidth(4.0, 0.6));

    // A one-shot mesh (an export's) of that level: it has no level without fields to fall back to.
    core::MeshOptions oneShot;
    oneShot.startTolerance = fielded->tolerance;
    const core::LayerMesh fieldsOnly = core::buildLayerMesh(layer, style, oneShot);
    REQUIRE(!fieldsOnly.batches.at(0).levels.at(0).fields.empty());

    render::MapRenderer renderer;
    const std::size_t a = renderer.addLayer(withFields);
    const std::size_t b = renderer.addLayer(withoutFields);
    const std::size_t c = renderer.addLayer(fieldsOnly);
    const render::OffscreenTarget target(800, 800);
    target.bind();
    auto draw = [&](std::size_t slot) {
        const render::LayerView view{slot, true, 1.0f};
        renderer.render(camera, std::span(&view, 1), {0.97f, 0.96f, 0.93f, 1.0f});
        return render::Image{800, 800, target.read()};
    };
    auto ink = [](const render::Image& im) {
        double sum = 0;
        for (std::size_t i = 0; i < im.rgba.size(); i += 4) {
            sum += 255.0 * 3 - (im.rgba[i] + im.rgba[i + 1] + im.rgba[i + 2]);
        }
        return sum;
    };
    // At scale 1 the fields draw (few segments).
    draw(b);
    const std::size_t vectorSegments = renderer.lastFrame().segmentsDrawn;
    draw(a);
    CHECK(renderer.lastFrame().segmentsDrawn * 10 < vectorSegments);

    // At scale 2 the level's fields cannot reach the lines' edges: the finer level without fields is drawn.
    renderer.setPixelScale(2.0f);
    const render::Image fields = draw(a);
    const std::size_t fallbackSegments = renderer.lastFrame().segmentsDrawn;
    const render::Image segments = draw(b);
    CHECK(fallbackSegments == renderer.lastFrame().segmentsDrawn);
    write(fields, "pixel_scale_fields_2x");
    const render::ImageDiff diff = render::compareImages(fields, segments, 64);
    MESSAGE("pixels differing by more than 64/255: " << diff.differingPixels << " of 640000");
    CHECK(diff.differingPixels < 640000 / 50);
    CHECK(ink(fields) == doctest::Approx(ink(segments)).epsilon(0.05));

    // With nothing finer, the fields draw the lines as wide as they reach (a little narrower), never their whole
    // rectangles.
    const render::Image narrower = draw(c);
    write(narrower, "pixel_scale_fields_only_2x");
    MESSAGE("ink of the one-shot fields at scale 2: " << ink(narrower) / ink(segments) << " of the segments'");
    CHECK(ink(narrower) < ink(segments));
    CHECK(ink(narrower) > 0.75 * ink(segments));
}

TEST_CASE("a pixel scale outside 0.25..8 is refused and changes nothing, and a change re-places the labels")
{
    test::BundledScene& map = bundled();
    map.scene.setPixelScale(1.0f);
    CHECK_THROWS_WITH_AS(map.scene.setPixelScale(0.2f), "pixel scale 0.2 is outside 0.25 to 8", std::invalid_argument);
    CHECK_THROWS_WITH_AS(map.scene.setPixelScale(9.0f), "pixel scale 9 is outside 0.25 to 8", std::invalid_argument);
    CHECK_THROWS_AS(map.scene.setPixelScale(std::nanf("")), std::invalid_argument);
    CHECK_THROWS_AS(map.scene.labels.setPixelScale(0.0f), std::invalid_argument);
    CHECK(map.scene.renderer.pixelScale() == 1.0f);
    CHECK(map.scene.labels.pixelScale() == 1.0f);

    const core::Camera camera = geo::frameView(map.doc, core::GeoBox{48.0, 36.5, 49.8, 38.6}, 800, 500);
    map.draw(camera);
    const std::size_t runs = map.scene.labels.placementRuns();
    map.scene.setPixelScale(1.0f); // no change: the placement stays
    map.draw(camera);
    CHECK(map.scene.labels.placementRuns() == runs);
    map.scene.setPixelScale(0.5f); // the same camera, everything half as large: placed anew
    map.draw(camera);
    CHECK(map.scene.labels.placementRuns() == runs + 1);
    CHECK(map.scene.renderer.pixelScale() == 0.5f);
    map.scene.setPixelScale(1.0f);
}

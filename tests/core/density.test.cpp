#include "core/density.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>

using namespace corridor::core;

namespace {

LineChunk chunkOf(const std::vector<Vec2d>& pts)
{
    LineChunk c;
    for (const Vec2d& p : pts) {
        c.bounds.add(p);
    }
    c.origin = c.bounds.center();
    for (const Vec2d& p : pts) {
        c.vertices.push_back({static_cast<float>(p.x - c.origin.x), static_cast<float>(p.y - c.origin.y), 0.0f, LineVertex::kDraw});
    }
    return c;
}

// The field's distance at the texel holding world point p, in texels.
double fieldAt(const DistanceField& f, Vec2d p)
{
    const int x = static_cast<int>((p.x - f.bounds.minX) / f.texel);
    const int y = static_cast<int>((p.y - f.bounds.minY) / f.texel);
    return f.distance[static_cast<std::size_t>(y) * static_cast<std::size_t>(f.width) + static_cast<std::size_t>(x)] / kFieldScale;
}

} // namespace

TEST_CASE("a distance field holds each texel's distance to the nearest segment, up to its reach")
{
    // A zigzag along y = 0 with quarter-unit steps: about two segments for each texel it comes near.
    std::vector<Vec2d> pts;
    for (int i = 0; i <= 800; ++i) {
        pts.push_back({i * 0.25, (i % 2) * 0.5});
    }
    const auto field = makeDistanceField(chunkOf(pts), 1.0, 1.0);
    REQUIRE(field);
    CHECK(field->bounds.minX <= -kFieldReach);
    CHECK(field->bounds.maxY >= 0.5 + kFieldReach);
    CHECK(field->width == static_cast<int>(std::lround(field->bounds.width())));
    // texel centres at .5: the one over (100.5, 2.5) is 2 units above the zigzag's top (0.5)
    CHECK(fieldAt(*field, {100.5, 2.5}) == doctest::Approx(2.0).epsilon(0.02));
    CHECK(fieldAt(*field, {100.5, -1.5}) == doctest::Approx(1.5).epsilon(0.02));
    CHECK(fieldAt(*field, {100.5, 0.2}) < 0.25); // the texel centre (100.5, 0.5) is 0.22 from a zig
    CHECK(fieldAt(*field, {100.5, 4.4 + 0.5}) == doctest::Approx(kFieldReach)); // beyond the reach: clamped
}

TEST_CASE("a field on an image's pixels has its corner on the pixel grid and a distance per sample")
{
    std::vector<Vec2d> pts;
    for (int i = 0; i <= 800; ++i) {
        pts.push_back({100.0 + i * 0.25, 50.0 + (i % 2) * 0.5});
    }
    // Pixels 1.5 units wide with a corner at (0.3, -0.7): samples 0.75 wide, two across and down each pixel.
    const double pixel = 1.5, texel = pixel / kPixelSamples;
    const Vec2d corner{0.3, -0.7};
    const double reach = pixelFieldReach(1.0); // a 1 px line: half its width and half a sample, in samples
    CHECK(reach == doctest::Approx(1.5));
    // (Density 0.5: about 800 segments over about 800 texels within a texel of them, dense on any grid.)
    const auto field = makeDistanceField(chunkOf(pts), texel, 0.5, std::size_t{1} << 22, reach, corner);
    REQUIRE(field);
    CHECK(field->pixelExact);
    const double px = (field->bounds.minX - corner.x) / pixel, py = (field->bounds.minY - corner.y) / pixel;
    CHECK(px == doctest::Approx(std::round(px)).epsilon(1e-9));
    CHECK(py == doctest::Approx(std::round(py)).epsilon(1e-9));
    CHECK(field->width % kPixelSamples == 0);
    CHECK(field->height % kPixelSamples == 0);
    // Only the reach (and a pixel) around the lines, not kFieldReach.
    CHECK(field->bounds.minX >= 100.0 - (std::ceil(reach) + 1) * texel - pixel);
    CHECK(field->bounds.minX < 100.0 - reach * texel);
    // Each sample holds its centre's distance: 1 sample (0.75 units) above the zigzag's top at y = 50.5.
    const auto at = [&](Vec2d p) { return fieldAt(*field, p) * texel; };
    const double row = std::floor((51.25 - field->bounds.minY) / texel);
    const double centreY = field->bounds.minY + (row + 0.5) * texel;
    CHECK(at({150.1, centreY}) == doctest::Approx(centreY - 50.5).epsilon(0.02));
    // Without the grid, the same call makes an ordinary field.
    const auto ordinary = makeDistanceField(chunkOf(pts), texel, 0.5, std::size_t{1} << 22, reach);
    REQUIRE(ordinary);
    CHECK_FALSE(ordinary->pixelExact);
}

TEST_CASE("only dense chunks become fields")
{
    // 400 segments of 10 units each along a line: a segment for every 10 texels.
    std::vector<Vec2d> sparse;
    for (int i = 0; i <= 400; ++i) {
        sparse.push_back({i * 10.0, 0.0});
    }
    CHECK_FALSE(makeDistanceField(chunkOf(sparse), 1.0, 1.0));
    // The same path walked back and forth 30 times in 1-unit steps: dense.
    std::vector<Vec2d> dense;
    std::mt19937 rng(3);
    std::normal_distribution<double> step(0.0, 0.4);
    Vec2d p{0, 0};
    for (int i = 0; i < 4000; ++i) {
        dense.push_back(p);
        p = {p.x + step(rng), p.y + step(rng)};
    }
    CHECK(makeDistanceField(chunkOf(dense), 1.0, 1.0));
    // No field over a budget of texels, or with nonsense texels.
    CHECK_FALSE(makeDistanceField(chunkOf(dense), 1.0, 1.0, 16));
    CHECK_FALSE(makeDistanceField(chunkOf(dense), 0.0, 1.0));
    CHECK_FALSE(makeDistanceField(chunkOf(dense), -1.0, 1.0));
}

TEST_CASE("fields draw what their widths allow")
{
    CHECK(fieldDrawsWidth(2.0, 0.5));
    CHECK_FALSE(fieldDrawsWidth(3.0, 0.5));
    CHECK(fieldDrawsWidth(6.0, 1.0));
}

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

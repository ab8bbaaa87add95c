#include "core/mesh.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace corridor::core;

namespace {

Layer walkLayer(std::size_t lines, std::size_t vertices, unsigned seed)
{
    Layer layer;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> start(0.0, 2.0e6);
    std::normal_distribution<double> step(0.0, 500.0);
    for (std::size_t l = 0; l < lines; ++l) {
        std::vector<Vec2d> pts{{start(rng), start(rng)}};
        for (std::size_t i = 1; i < vertices; ++i) {
            pts.push_back({pts.back().x + step(rng), pts.back().y + step(rng)});
        }
        Feature f;
        f.id = static_cast<std::int64_t>(l);
        f.type = GeometryType::Line;
        f.firstPart = appendPart(layer, PartRole::Line, pts.data(), pts.size());
        f.partCount = 1;
        layer.features.push_back(f);
    }
    return layer;
}

std::size_t segmentCount(const MeshLevel& level)
{
    std::size_t n = 0;
    for (const LineChunk& c : level.lines) {
        n += c.segments.size();
    }
    return n;
}

} // namespace

TEST_CASE("line meshes get ever coarser levels whose tolerances grow")
{
    const Layer layer = walkLayer(200, 2000, 5);
    LayerStyle style;
    const LayerMesh mesh = buildLayerMesh(layer, style);
    REQUIRE(mesh.batches.size() == 1);
    const MeshBatch& batch = mesh.batches[0];
    REQUIRE(batch.levels.size() >= 3);
    CHECK(batch.levels[0].tolerance == 0.0);
    CHECK(segmentCount(batch.levels[0]) == 200u * 1999u);
    for (std::size_t i = 1; i < batch.levels.size(); ++i) {
        CHECK(batch.levels[i].tolerance > batch.levels[i - 1].tolerance);
        CHECK(batch.levels[i].vertexCount < batch.levels[i - 1].vertexCount);
    }
    // picking: full detail when zoomed in, the coarsest that stays under half a pixel otherwise
    CHECK(pickLevel(batch, 1e-3) == 0);
    const std::size_t far = pickLevel(batch, 1e9);
    CHECK(far == batch.levels.size() - 1);
    const double upp = batch.levels[1].tolerance * 2.0;
    CHECK(batch.levels[pickLevel(batch, upp)].tolerance <= 0.5 * upp);
}

TEST_CASE("chunks are spatial, bounded in size, and their bounds cover their segments with origins inside")
{
    const Layer layer = walkLayer(100, 3000, 9);
    MeshOptions options;
    options.maxSegmentsPerChunk = 4096;
    options.targetSegmentsPerChunk = 2048;
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{}, options);
    const MeshLevel& level = mesh.batches[0].levels[0];
    CHECK(level.lines.size() > 16);
    std::size_t total = 0;
    for (const LineChunk& c : level.lines) {
        CHECK(c.segments.size() <= 4096);
        total += c.segments.size();
        CHECK(c.bounds.contains(c.origin));
        Bounds loose = c.bounds; // floats relative to the origin round by a few millimetres
        loose.add(Vec2d{c.bounds.minX - 0.01, c.bounds.minY - 0.01});
        loose.add(Vec2d{c.bounds.maxX + 0.01, c.bounds.maxY + 0.01});
        for (const LineSegment& s : c.segments) {
            CHECK(loose.contains({c.origin.x + s.x0, c.origin.y + s.y0}));
            CHECK(loose.contains({c.origin.x + s.x1, c.origin.y + s.y1}));
        }
        // a chunk covers a small part of the layer, not all of it
        CHECK(c.bounds.width() < 0.6 * layer.bounds.width() + 1e5);
    }
    CHECK(total == 100u * 2999u);
}

TEST_CASE("dash distances run on along each line across chunks")
{
    Layer layer;
    std::vector<Vec2d> pts;
    for (int i = 0; i <= 10; ++i) {
        pts.push_back({i * 1000.0, 0.0});
    }
    Feature f;
    f.type = GeometryType::Line;
    f.firstPart = appendPart(layer, PartRole::Line, pts.data(), pts.size());
    f.partCount = 1;
    layer.features.push_back(f);
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{});
    std::vector<float> distances;
    for (const LineChunk& c : mesh.batches[0].levels[0].lines) {
        for (const LineSegment& s : c.segments) {
            distances.push_back(s.distance);
        }
    }
    std::sort(distances.begin(), distances.end());
    REQUIRE(distances.size() == 10);
    for (std::size_t i = 0; i < distances.size(); ++i) {
        CHECK(distances[i] == doctest::Approx(1000.0 * i));
    }
}

TEST_CASE("features with NaN coordinates are skipped and counted; invisible symbolizers draw nothing")
{
    Layer layer = walkLayer(3, 10, 1);
    layer.coords[12].x = std::nan("");
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{});
    CHECK(mesh.skippedParts == 1);
    CHECK(segmentCount(mesh.batches[0].levels[0]) == 2u * 9u);

    LayerStyle hidden;
    hidden.base.visible = false;
    CHECK(buildLayerMesh(layer, hidden).batches.empty());
}

TEST_CASE("many two-point lines that no tolerance thins do not loop forever")
{
    const Layer layer = walkLayer(5000, 2, 3);
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{});
    REQUIRE(mesh.batches.size() == 1);
    CHECK(!mesh.batches[0].levels.empty());
}

// Bad geometry draws what can be drawn, is reported per feature, and never crashes or hangs the renderer.

#include "core/tessellate.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/map_renderer.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace corridor;

TEST_CASE("degenerate features: empty and one-point lines, zero-area and bow-tie rings, NaN and inf")
{
    const std::string file = std::string(CORRIDOR_TEST_DATA) + "/degenerate.geojson";
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    doc.layers = geo::loadLayers(file, 0);
    REQUIRE(doc.layers.size() == 1);
    const core::Layer& layer = doc.layers[0].data;
    CHECK(layer.features.size() == 7);
    auto reported = [&](std::int64_t fid) {
        return std::any_of(layer.issues.begin(), layer.issues.end(), [&](const auto& i) { return i.featureId == fid; });
    };
    CHECK(reported(1)); // empty
    CHECK(reported(2)); // one point
    CHECK(reported(4)); // NaN
    CHECK(reported(5)); // inf
    CHECK_FALSE(reported(7));
    CHECK(layer.features[6].partCount == 1); // the good line is there

    geo::buildMeshes(doc);
    const platform::HeadlessContext context;
    render::MapRenderer renderer;
    const render::LayerView view{renderer.addLayer(doc.layers[0].mesh), true, 1.0f};
    const render::OffscreenTarget target(200, 120);
    target.bind();
    renderer.render(geo::frameView(doc, std::nullopt, 200, 120), {&view, 1}, doc.background);
    CHECK(renderer.lastFrame().segmentsDrawn > 0);
    const auto pixels = target.read();
    CHECK(pixels.size() == 200u * 120u * 4u);
}

TEST_CASE("a single polygon of 10^6 vertices is triangulated once and drawn")
{
    // A noisy circle around 55°E 40°N, 1 km across per 0.01°: one feature, one ring of a million points.
    core::MapLayer l;
    l.data.name = "huge";
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> noise(-0.001, 0.001);
    std::vector<core::Vec2d> ring;
    const std::size_t n = 1000000;
    ring.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2.0 * M_PI * static_cast<double>(i) / n;
        const double r = 2.0 * (1.0 + noise(rng));
        ring.push_back({55.0 + r * std::cos(a), 40.0 + r * std::sin(a)});
    }
    core::Feature f;
    f.type = core::GeometryType::Polygon;
    f.firstPart = core::appendPart(l.data, core::PartRole::OuterRing, ring.data(), ring.size());
    f.partCount = 1;
    l.data.features.push_back(f);
    l.style.base.fill = {0.3f, 0.5f, 0.7f, 1.0f};
    l.style.base.strokeWidth = 0.0f;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    doc.layers.push_back(std::move(l));
    geo::buildMeshes(doc);
    const core::LayerMesh& mesh = doc.layers[0].mesh;
    REQUIRE(mesh.batches.size() == 1);
    REQUIRE(!mesh.batches[0].levels.empty());
    std::size_t triangles = 0;
    for (const auto& c : mesh.batches[0].levels[0].fills) {
        triangles += c.indices.size() / 3;
    }
    CHECK(triangles == n - 2); // a simple ring of n points: n - 2 triangles

    const platform::HeadlessContext context;
    render::MapRenderer renderer;
    const render::LayerView view{renderer.addLayer(mesh), true, 1.0f};
    const render::OffscreenTarget target(160, 160);
    target.bind();
    renderer.render(geo::frameView(doc, std::nullopt, 160, 160), {&view, 1}, doc.background);
    const auto pixels = target.read();
    const std::size_t centre = (80u * 160u + 80u) * 4u;
    CHECK(pixels[centre + 2] > 150); // the middle of the disc is filled
    CHECK(renderer.lastFrame().trianglesDrawn > 0);
}

// The meshes of a document are built on all cores (buildMeshes), and dense line layers build their distance fields on
// all cores too. Run under ThreadSanitizer in scripts/test.sh; here it also checks that the parallel build gives
// exactly what a serial build of each layer gives.

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace corridor;

namespace {

// A layer of `lines` wiggling lines, dense enough that coarse levels are drawn from distance fields.
core::MapLayer wiggles(int seed, int lines)
{
    core::MapLayer layer;
    layer.title = "wiggles " + std::to_string(seed);
    layer.data.name = layer.title;
    for (int l = 0; l < lines; ++l) {
        std::vector<core::Vec2d> line;
        for (int i = 0; i <= 4000; ++i) {
            const double t = i / 4000.0;
            line.push_back({40.0 + 20.0 * t + 0.05 * std::sin(i * 0.9 + seed),
                            30.0 + l * 0.3 + 0.05 * std::cos(i * 1.7 + seed * 3)});
        }
        core::Feature f;
        f.type = core::GeometryType::Line;
        f.firstPart = core::appendPart(layer.data, core::PartRole::Line, line.data(), line.size());
        f.partCount = 1;
        layer.data.features.push_back(f);
    }
    return layer;
}

} // namespace

TEST_CASE("meshes built on all cores match the same layers built one at a time")
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    for (int k = 0; k < 6; ++k) {
        doc.layers.push_back(wiggles(k, 20));
    }
    for (const char* f : {"polygons_holes.geojson", "routes_3857.geojson", "nodes.geojson"}) {
        for (core::MapLayer& l : geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/" + f, doc.layers.size())) {
            doc.layers.push_back(std::move(l));
        }
    }
    geo::buildMeshes(doc);
    bool anyFields = false;
    for (const core::MapLayer& layer : doc.layers) {
        CAPTURE(layer.title);
        const core::LayerMesh serial = geo::buildMesh(layer.data, layer.style, doc.viewCrs);
        REQUIRE(serial.batches.size() == layer.mesh.batches.size());
        CHECK(serial.byteSize() == layer.mesh.byteSize());
        CHECK(serial.labels.size() == layer.mesh.labels.size());
        for (std::size_t b = 0; b < serial.batches.size(); ++b) {
            REQUIRE(serial.batches[b].levels.size() == layer.mesh.batches[b].levels.size());
            for (std::size_t l = 0; l < serial.batches[b].levels.size(); ++l) {
                CHECK(serial.batches[b].levels[l].fields.size() == layer.mesh.batches[b].levels[l].fields.size());
                anyFields = anyFields || !serial.batches[b].levels[l].fields.empty();
            }
        }
    }
    CHECK(anyFields); // the field builder's threads ran
}

// The check helpers themselves, on small made-up layers whose answers are known, so that a pass on the real data
// (bundled.test.cpp) means something.
#include "geo/data_checks.hpp"

#include "core/errors.hpp"
#include "core/geodesy.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using corridor::core::Feature;
using corridor::core::GeometryType;
using corridor::core::Layer;
using corridor::core::PartRole;
using corridor::core::Vec2d;
namespace geo = corridor::geo;

namespace {

// Adds a feature made of the given parts (all of one role) to a layer with no fields.
const Feature& addFeature(Layer& layer, GeometryType type, const std::vector<std::vector<Vec2d>>& parts,
                          PartRole firstRole, PartRole otherRoles)
{
    Feature f;
    f.id = static_cast<std::int64_t>(layer.features.size());
    f.type = type;
    f.firstPart = static_cast<std::uint32_t>(layer.parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
        corridor::core::appendPart(layer, i == 0 ? firstRole : otherRoles, parts[i].data(), parts[i].size());
    }
    f.partCount = static_cast<std::uint32_t>(parts.size());
    layer.features.push_back(f);
    return layer.features.back();
}

// A 1°×1° square on the equator (0..1°E, 0..1°N) with a 0.2° hole in the middle, closed rings.
Layer squareWithHole()
{
    Layer land;
    addFeature(land, GeometryType::Polygon,
               {{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, {{0.4, 0.4}, {0.4, 0.6}, {0.6, 0.6}, {0.6, 0.4}, {0.4, 0.4}}},
               PartRole::OuterRing, PartRole::InnerRing);
    return land;
}

double kmAlongEquator(double fromLon, double toLon)
{
    return corridor::core::geodesicDistance({fromLon, 0.0}, {toLon, 0.0}) / 1000.0;
}

} // namespace

TEST_CASE("a line through a polygon: the stretch inside is measured geodesically, holes excluded")
{
    const Layer land = squareWithHole();
    Layer lines;
    // along 0.5°N from 1°W to 2°E, densified like the bundled lines; the hole covers 0.4..0.6°E
    std::vector<Vec2d> pts;
    for (int i = 0; i <= 30; ++i) {
        pts.push_back({-1.0 + 0.1 * i, 0.5});
    }
    const Feature& f = addFeature(lines, GeometryType::Line, {pts}, PartRole::Line, PartRole::Line);

    const geo::PolygonIndex index(land);
    CHECK(index.polygonCount() == 1);
    const auto pieces = index.crossings(lines, f);
    REQUIRE(pieces.size() == 2); // west of the hole and east of it
    const double degreeKm = corridor::core::geodesicDistance({0.0, 0.5}, {1.0, 0.5}) / 1000.0;
    CHECK(pieces[0].lengthKm == doctest::Approx(0.4 * degreeKm).epsilon(1e-6));
    CHECK(pieces[1].lengthKm == doctest::Approx(0.4 * degreeKm).epsilon(1e-6));
    CHECK(pieces[0].at.x == doctest::Approx(0.2).epsilon(1e-6)); // halfway along the western stretch
    CHECK(pieces[0].at.y == doctest::Approx(0.5));
    CHECK_FALSE(pieces[0].touchesEnd);
    CHECK(geo::crossingLengthKm(lines, f, land) == doctest::Approx(0.8 * degreeKm).epsilon(1e-6));
}

TEST_CASE("stretches that continue across vertices are one crossing, and the end radius leaves out the ends")
{
    const Layer land = squareWithHole();
    Layer lines;
    // starts inside the square at 0.1°E (a "port" inland of the coast), runs west out to sea at 1°W
    std::vector<Vec2d> pts;
    for (int i = 0; i <= 11; ++i) {
        pts.push_back({0.1 - 0.1 * i, 0.2});
    }
    const Feature& f = addFeature(lines, GeometryType::Line, {pts}, PartRole::Line, PartRole::Line);
    const geo::PolygonIndex index(land);

    const auto all = index.crossings(lines, f);
    REQUIRE(all.size() == 1);
    CHECK(all[0].touchesEnd);
    const double inland = corridor::core::geodesicDistance({0.0, 0.2}, {0.1, 0.2}) / 1000.0; // about 11.1 km
    CHECK(all[0].lengthKm == doctest::Approx(inland).epsilon(1e-6));
    CHECK(all[0].countedKm == doctest::Approx(inland).epsilon(1e-6));
    // 5 km around the ends: about 6.1 km still counts (to 50 m sub-steps); 15 km: nothing counts
    CHECK(index.crossings(lines, f, 5.0)[0].countedKm == doctest::Approx(inland - 5.0).epsilon(0.01));
    CHECK(index.crossings(lines, f, 15.0)[0].countedKm == 0.0);
    CHECK(index.crossings(lines, f, 15.0)[0].lengthKm == doctest::Approx(inland).epsilon(1e-6));
}

TEST_CASE("a line that stays outside crosses nothing, and points inside, outside and in holes are told apart")
{
    const Layer land = squareWithHole();
    Layer lines;
    const Feature& f =
        addFeature(lines, GeometryType::Line, {{{-1, -1}, {2, -1}, {2, 2}}}, PartRole::Line, PartRole::Line);
    const geo::PolygonIndex index(land);
    CHECK(index.crossings(lines, f).empty());
    CHECK(index.covers({0.2, 0.2}));
    CHECK(index.covers({0.0, 0.5})); // on the boundary
    CHECK_FALSE(index.covers({0.5, 0.5})); // in the hole
    CHECK_FALSE(index.covers({1.5, 0.5}));
}

TEST_CASE("distance from a point to a feature's polygons is geodesic, and zero inside")
{
    const Layer land = squareWithHole();
    const Feature& f = land.features[0];
    CHECK(geo::distanceToPolygonsKm(land, f, {0.2, 0.2}) == 0.0);
    CHECK(geo::polygonsCover(land, f, {0.2, 0.2}));
    CHECK_FALSE(geo::polygonsCover(land, f, {0.5, 0.5}));
    // 0.1° east of the square on the equator, and from the middle of the hole to its edge
    CHECK(geo::distanceToPolygonsKm(land, f, {1.1, 0.0}) == doctest::Approx(kmAlongEquator(1.0, 1.1)).epsilon(1e-4));
    CHECK(geo::distanceToPolygonsKm(land, f, {0.5, 0.5}) ==
          doctest::Approx(corridor::core::geodesicDistance({0.5, 0.5}, {0.4, 0.5}) / 1000.0).epsilon(1e-3));

    // at 60°N a degree of longitude is half a degree of latitude: the nearest point must still be found
    Layer north;
    addFeature(north, GeometryType::Polygon, {{{10, 60}, {11, 60}, {11, 61}, {10, 61}}}, PartRole::OuterRing,
               PartRole::InnerRing);
    const double east = corridor::core::geodesicDistance({11.0, 60.5}, {11.5, 60.5}) / 1000.0; // about 27 km
    CHECK(geo::distanceToPolygonsKm(north, north.features[0], {11.5, 60.5}) == doctest::Approx(east).epsilon(1e-3));
}

TEST_CASE("feature bounds and lookup by attribute")
{
    Layer layer;
    layer.fields.push_back({"id", corridor::core::FieldType::String});
    addFeature(layer, GeometryType::Line, {{{1, 2}, {3, -4}}}, PartRole::Line, PartRole::Line);
    addFeature(layer, GeometryType::Line, {{{5, 5}, {6, 6}}}, PartRole::Line, PartRole::Line);
    layer.features[0].values = {std::string("a")};
    layer.features[1].values = {std::string("b")};
    const auto b = geo::featureBounds(layer, layer.features[0]);
    CHECK(b.minX == 1.0);
    CHECK(b.maxX == 3.0);
    CHECK(b.minY == -4.0);
    CHECK(b.maxY == 2.0);
    REQUIRE(geo::findFeature(layer, "id", "b") != nullptr);
    CHECK(geo::findFeature(layer, "id", "b") == &layer.features[1]);
    CHECK(geo::findFeature(layer, "id", "c") == nullptr);
    CHECK(geo::findFeature(layer, "nope", "a") == nullptr);
}

TEST_CASE("source ids: the first column of the Markdown table, and values split on semicolons")
{
    const std::string path = std::string(CORRIDOR_TEST_OUTPUT) + "/sources_fixture.md";
    {
        std::ofstream out(path);
        out << "# Sources\n\nSome text | with a bar.\n\n| id | source | licence |\n|---|---|---|\n"
               "| NE | Natural Earth | PD |\n|  `S-irna-de`  | IRNA | c |\n| S2 | WP, a | b | CC |\n";
    }
    const auto ids = geo::sourceIds(path);
    CHECK(ids == std::set<std::string>{"NE", "S-irna-de", "S2"});
    std::remove(path.c_str());
    CHECK_THROWS_AS(geo::sourceIds(path), corridor::core::LoadError);

    CHECK(geo::splitSourceIds("S2; S77 ;derived") == std::vector<std::string>{"S2", "S77", "derived"});
    CHECK(geo::splitSourceIds("GN") == std::vector<std::string>{"GN"});
    CHECK(geo::splitSourceIds("S2;") == std::vector<std::string>{"S2", ""}); // the stray separator shows
}

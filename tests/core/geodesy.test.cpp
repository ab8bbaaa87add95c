#include "core/geodesy.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace corridor::core;

TEST_CASE("geodesic distance matches PROJ's geod (JFK to Singapore Changi, geodesic.h's example)")
{
    // echo "40.64 -73.78 1.36 103.99" | geod +ellps=WGS84 -I +units=m -f %.3f  ->  15347512.941 m
    const double s = geodesicDistance({-73.78, 40.64}, {103.99, 1.36});
    CHECK(std::abs(s - 15347512.941) < 0.01);
}

TEST_CASE("lengths add up along a line and are symmetric")
{
    const std::vector<Vec2d> line{{50.004, 36.269}, {49.589, 37.276}, {48.870, 38.431}};
    const double ab = geodesicDistance(line[0], line[1]);
    const double bc = geodesicDistance(line[1], line[2]);
    CHECK(geodesicLength(line) == doctest::Approx(ab + bc));
    CHECK(geodesicDistance(line[1], line[0]) == doctest::Approx(ab));
    // Qazvin to Rasht as the crow flies is about 117 km (the railway winds through the Alborz: 164 km)
    CHECK(ab / 1000.0 == doctest::Approx(117.0).epsilon(0.02));
}

TEST_CASE("area of a one-degree cell at the equator, either winding, closed or open")
{
    const std::vector<Vec2d> ccw{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    const std::vector<Vec2d> cw{{0, 0}, {0, 1}, {1, 1}, {1, 0}};
    // 12,308.8 km² for the 1°×1° cell at the equator on WGS84
    CHECK(geodesicArea(ccw) / 1e6 == doctest::Approx(12308.8).epsilon(1e-4));
    CHECK(geodesicArea(cw) == doctest::Approx(geodesicArea(ccw)));
    CHECK(geodesicArea(std::vector<Vec2d>{{0, 0}, {1, 1}}) == 0.0);
}

TEST_CASE("feature area subtracts holes")
{
    Layer layer;
    const Vec2d outer[] = {{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}};
    const Vec2d hole[] = {{0.5, 0.5}, {0.5, 1.5}, {1.5, 1.5}, {1.5, 0.5}, {0.5, 0.5}};
    Feature f;
    f.type = GeometryType::Polygon;
    f.firstPart = appendPart(layer, PartRole::OuterRing, outer, 5);
    appendPart(layer, PartRole::InnerRing, hole, 5);
    f.partCount = 2;
    layer.features.push_back(f);
    const double expected = geodesicArea(outer) - geodesicArea(hole);
    CHECK(featureArea(layer, f) == doctest::Approx(expected));
    CHECK(featureLength(layer, f) == doctest::Approx(geodesicLength(outer) + geodesicLength(hole)));
}

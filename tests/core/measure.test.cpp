#include "core/measure.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

using namespace corridor::core;

namespace {

// Vincenty's inverse formula (1975) on WGS84, written here from the paper so the test does not check PROJ against
// itself: it agrees with Karney's algorithm to well under a millimetre away from near-antipodal points.
double vincentyMetres(Vec2d p1, Vec2d p2)
{
    const double a = 6378137.0, f = 1.0 / 298.257223563, b = a * (1.0 - f);
    const double rad = std::numbers::pi / 180.0;
    const double L = (p2.x - p1.x) * rad;
    const double U1 = std::atan((1.0 - f) * std::tan(p1.y * rad));
    const double U2 = std::atan((1.0 - f) * std::tan(p2.y * rad));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1), sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L, sinSigma = 0, cosSigma = 0, sigma = 0, cos2Alpha = 0, cos2SigmaM = 0;
    for (int i = 0; i < 200; ++i) {
        const double sinL = std::sin(lambda), cosL = std::cos(lambda);
        sinSigma = std::sqrt(std::pow(cosU2 * sinL, 2) + std::pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinL / sinSigma;
        cos2Alpha = 1.0 - sinAlpha * sinAlpha;
        cos2SigmaM = cosSigma - 2.0 * sinU1 * sinU2 / cos2Alpha;
        const double C = f / 16.0 * cos2Alpha * (4.0 + f * (4.0 - 3.0 * cos2Alpha));
        const double previous = lambda;
        lambda = L
            + (1.0 - C) * f * sinAlpha
                * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1.0 + 2.0 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - previous) < 1e-13) {
            break;
        }
    }
    const double u2 = cos2Alpha * (a * a - b * b) / (b * b);
    const double A = 1.0 + u2 / 16384.0 * (4096.0 + u2 * (-768.0 + u2 * (320.0 - 175.0 * u2)));
    const double B = u2 / 1024.0 * (256.0 + u2 * (-128.0 + u2 * (74.0 - 47.0 * u2)));
    const double deltaSigma = B * sinSigma
        * (cos2SigmaM
            + B / 4.0
                * (cosSigma * (-1.0 + 2.0 * cos2SigmaM * cos2SigmaM)
                    - B / 6.0 * cos2SigmaM * (-3.0 + 4.0 * sinSigma * sinSigma)
                        * (-3.0 + 4.0 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - deltaSigma);
}

constexpr Vec2d kMumbai {72.95, 18.95};
constexpr Vec2d kBandarAbbas {56.27, 27.18};
// The bundled railway stations (geodata/railway_stations.geojson).
constexpr Vec2d kRasht {49.589, 37.276};
constexpr Vec2d kAstaraIr {48.87, 38.431};

} // namespace

TEST_CASE("Measurement: distances agree with an independent Vincenty solution")
{
    Measurement m;
    m.points = {kMumbai, kBandarAbbas};
    const double reference = vincentyMetres(kMumbai, kBandarAbbas);
    CHECK(reference > 1.7e6); // ~1,930 km: the order of magnitude the briefing quotes
    CHECK(reference < 2.0e6);
    REQUIRE(m.segmentMetres().size() == 1);
    CHECK(std::abs(m.segmentMetres()[0] - reference) < 1e-3);
    CHECK(std::abs(m.totalMetres() - reference) < 1e-3);

    m.points = {kRasht, kAstaraIr, kMumbai};
    const std::vector<double> s = m.segmentMetres();
    REQUIRE(s.size() == 2);
    CHECK(std::abs(s[0] - vincentyMetres(kRasht, kAstaraIr)) < 1e-3);
    CHECK(s[0] > 130e3); // straight line, well under the 162 km planned railway
    CHECK(s[0] < 162e3);
    CHECK(std::abs(s[1] - vincentyMetres(kAstaraIr, kMumbai)) < 1e-3);
    CHECK(m.totalMetres() == doctest::Approx(s[0] + s[1]));

    m.points = {kRasht};
    CHECK(m.segmentMetres().empty());
    CHECK(m.totalMetres() == 0.0);
}

TEST_CASE("Measurement: area mode closes the ring, and an octant has an eighth of the ellipsoid's area")
{
    // Equator and two meridians are geodesics, so this triangle is exactly one octant of the ellipsoid, whose
    // surface is 2πa²(1 + (1−e²)/e · atanh e).
    const double a = 6378137.0, f = 1.0 / 298.257223563;
    const double e = std::sqrt(f * (2.0 - f));
    const double total = 2.0 * std::numbers::pi * a * a * (1.0 + (1.0 - e * e) / e * std::atanh(e));
    Measurement m;
    m.area = true;
    m.points = {{0.0, 0.0}, {90.0, 0.0}, {0.0, 90.0}};
    CHECK(m.areaSquareMetres() == doctest::Approx(total / 8.0).epsilon(1e-9));
    const std::vector<double> s = m.segmentMetres();
    REQUIRE(s.size() == 3); // the closing side too
    CHECK(s[2] == doctest::Approx(vincentyMetres({0.0, 90.0}, {0.0, 0.0})));
    // Clockwise or not, the area is positive.
    m.points = {{0.0, 0.0}, {0.0, 90.0}, {90.0, 0.0}};
    CHECK(m.areaSquareMetres() == doctest::Approx(total / 8.0).epsilon(1e-9));
    m.points.pop_back();
    CHECK(m.areaSquareMetres() == 0.0);
    CHECK(m.segmentMetres().size() == 1); // two points: no ring to close yet
}

TEST_CASE("geodesicPath: exact endpoints, even steps, on the geodesic")
{
    const std::vector<Vec2d> path = geodesicPath(kMumbai, kBandarAbbas, 50e3);
    REQUIRE(path.size() >= 40);
    CHECK(path.front() == kMumbai);
    CHECK(path.back() == kBandarAbbas);
    const double whole = vincentyMetres(kMumbai, kBandarAbbas);
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const double step = vincentyMetres(path[i], path[i + 1]);
        CHECK(step <= 50e3 + 1e-3);
        sum += step;
    }
    // The pieces add up to the whole only when every point lies on the geodesic.
    CHECK(std::abs(sum - whole) < 1e-2);
    // Not the rhumb line or a straight line in degrees: the middle point is off the lon/lat chord.
    const Vec2d mid = path[path.size() / 2];
    const double chordLat
        = kMumbai.y + (kBandarAbbas.y - kMumbai.y) * (mid.x - kMumbai.x) / (kBandarAbbas.x - kMumbai.x);
    CHECK(mid.y > chordLat + 0.1);

    // Short: just the two ends; limited: at most maxPoints.
    CHECK(geodesicPath(kRasht, kAstaraIr, 1e6).size() == 2);
    CHECK(geodesicPath(kMumbai, kBandarAbbas, 1.0, 100).size() == 100);
    // Across the antimeridian, longitudes keep going rather than jump by 360°.
    const std::vector<Vec2d> pacific = geodesicPath({170.0, 10.0}, {-170.0, 10.0}, 100e3);
    for (std::size_t i = 0; i + 1 < pacific.size(); ++i) {
        CHECK(std::abs(pacific[i + 1].x - pacific[i].x) < 2.0);
    }
    CHECK(pacific.back().x == doctest::Approx(190.0));
    // The same point twice: a path of two identical points, not NaNs.
    const std::vector<Vec2d> none = geodesicPath(kRasht, kRasht, 10.0);
    REQUIRE(none.size() == 2);
    CHECK(none[1] == kRasht);
}

TEST_CASE("formatDistance and formatArea: units, grouping, small values")
{
    CHECK(formatDistance(1712345.0, DistanceUnit::Kilometres) == "1,712.3 km");
    CHECK(formatDistance(1852.0 * 1234.56, DistanceUnit::NauticalMiles) == "1,234.6 nmi");
    CHECK(formatDistance(1609.344 * 5.0, DistanceUnit::Miles) == "5.00 mi");
    CHECK(formatDistance(640.0, DistanceUnit::Kilometres) == "640 m");
    CHECK(formatDistance(5432.0, DistanceUnit::Kilometres) == "5.43 km");
    CHECK(formatArea(2.5e6, DistanceUnit::Kilometres) == "2.50 km²");
    CHECK(formatArea(1852.0 * 1852.0 * 12345.0, DistanceUnit::NauticalMiles) == "12,345.0 nmi²");
}

#include "geo/view_geodesy.hpp"

#include "core/geodesy.hpp"
#include "geo/layer_builder.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

using corridor::core::Camera;
using corridor::core::GeoBox;
using corridor::core::Vec2d;
using corridor::geo::DistanceUnit;
using corridor::geo::ViewGeodesy;

namespace {

// A camera framing a lon/lat box in `crs`, as the export frames --bbox.
Camera framed(const std::string& crs, GeoBox box, double width = 1600.0, double height = 1000.0)
{
    Camera camera;
    camera.widthPx = width;
    camera.heightPx = height;
    camera.fit(corridor::geo::projectBox(box, crs), 0.0);
    return camera;
}

// The geodesic between the two ends of a horizontal bar centred on the view centre.
double barGround(const ViewGeodesy& g, const Camera& camera, double lengthPx)
{
    const Vec2d c{camera.widthPx / 2.0, camera.heightPx / 2.0};
    const auto a = g.lonLatAt(camera, {c.x - lengthPx / 2.0, c.y});
    const auto b = g.lonLatAt(camera, {c.x + lengthPx / 2.0, c.y});
    REQUIRE(a);
    REQUIRE(b);
    return corridor::core::geodesicDistance(*a, *b);
}

bool isRound125(double value)
{
    const double lead = value / std::pow(10.0, std::floor(std::log10(value) + 1e-9));
    return std::abs(lead - 1.0) < 1e-9 || std::abs(lead - 2.0) < 1e-9 || std::abs(lead - 5.0) < 1e-9;
}

} // namespace

TEST_CASE("the scale bar's length in pixels matches PROJ's geodesic over the same pixels within 1 %")
{
    const std::string lcc = corridor::geo::kCorridorLcc;
    struct Case {
        const char* name;
        std::string crs;
        GeoBox box;
    };
    const Case cases[] = {
        {"corridor overview, conic", lcc, {35, 10, 75, 62}},
        {"Gulf islands, conic", lcc, {54.5, 25.5, 56.5, 26.6}},
        {"Rasht-Astara, Web Mercator", "EPSG:3857", {48, 36.5, 49.8, 38.6}},
        {"Baltic, Web Mercator (scale 2x the equator's)", "EPSG:3857", {20, 58, 32, 62}},
        {"a harbour, plate carree", "EPSG:4326", {56.25, 27.1, 56.35, 27.2}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const Camera camera = framed(c.crs, c.box);
        const ViewGeodesy g(c.crs);
        for (const DistanceUnit unit : {DistanceUnit::Kilometres, DistanceUnit::NauticalMiles}) {
            const auto bar = g.scaleBar(camera, 200.0, unit);
            REQUIRE(bar);
            CAPTURE(bar->label);
            CHECK(bar->lengthPx <= 200.0);
            CHECK(bar->lengthPx > 200.0 / 2.5 - 1.0); // the longest round value that fits: at least 2/5 of the room
            const double ground = barGround(g, camera, bar->lengthPx);
            CHECK(std::abs(ground - bar->metres) <= 0.01 * bar->metres);
            CHECK(std::abs(ground - bar->metres) <= 0.001 * bar->metres); // solved, not divided out
            const double perUnit = unit == DistanceUnit::NauticalMiles ? 1852.0 : 1000.0;
            CHECK(isRound125(bar->metres / perUnit));
        }
    }
}

TEST_CASE("the scale bar says where it holds when the scale changes across the view")
{
    // Web Mercator from 10 to 62 degrees north: the scale doubles across the view.
    const Camera overview = framed("EPSG:3857", {35, 10, 75, 62});
    const auto wide = ViewGeodesy("EPSG:3857").scaleBar(overview, 200.0, DistanceUnit::Kilometres);
    REQUIRE(wide);
    const auto centre = ViewGeodesy("EPSG:3857").lonLatAt(overview, {800.0, 500.0});
    REQUIRE(centre);
    CHECK(wide->note == "at " + std::to_string(std::lround(centre->y)) + "°N");
    // Two degrees of the conic: the same within 2 %, no note.
    const Camera islands = framed(corridor::geo::kCorridorLcc, {54.5, 25.5, 56.5, 26.6});
    const auto local = ViewGeodesy(corridor::geo::kCorridorLcc).scaleBar(islands, 200.0, DistanceUnit::Kilometres);
    REQUIRE(local);
    CHECK(local->note.empty());
    // South of the equator.
    const Camera south = framed("EPSG:3857", {10, -50, 40, -10});
    const auto southern = ViewGeodesy("EPSG:3857").scaleBar(south, 200.0, DistanceUnit::Kilometres);
    REQUIRE(southern);
    CHECK(southern->note.find("°S") != std::string::npos);
}

TEST_CASE("the scale bar's labels are round and readable")
{
    using corridor::geo::distanceLabel;
    CHECK(distanceLabel(200000.0, DistanceUnit::Kilometres) == "200 km");
    CHECK(distanceLabel(1000000.0, DistanceUnit::Kilometres) == "1,000 km");
    CHECK(distanceLabel(500.0, DistanceUnit::Kilometres) == "500 m");
    CHECK(distanceLabel(1000.0, DistanceUnit::Kilometres) == "1 km");
    CHECK(distanceLabel(50.0 * 1852.0, DistanceUnit::NauticalMiles) == "50 nmi");
    CHECK(distanceLabel(0.5 * 1852.0, DistanceUnit::NauticalMiles) == "0.5 nmi");
    // A street-level view still gets a bar, in metres.
    const Camera street = framed("EPSG:3857", {56.2800, 27.1800, 56.2810, 27.1806});
    const auto bar = ViewGeodesy("EPSG:3857").scaleBar(street, 200.0, DistanceUnit::Kilometres);
    REQUIRE(bar);
    CHECK(bar->label.find(" m") != std::string::npos);
}

TEST_CASE("north follows the projection's meridian convergence")
{
    // Web Mercator and plate carree: north is straight up everywhere.
    for (const char* crs : {"EPSG:3857", "EPSG:4326"}) {
        CAPTURE(crs);
        const auto angle = ViewGeodesy(crs).northAngle(framed(crs, {70, 20, 80, 30}));
        REQUIRE(angle);
        CHECK(std::abs(*angle) < 1e-6);
    }
    // The corridor conic (standard parallels 25 and 55, central meridian 55): 20 degrees east of the central
    // meridian, meridians converge towards the pole, so north leans left (anticlockwise) by n * 20 degrees.
    const double pi = std::numbers::pi;
    const double p1 = 25.0 * pi / 180.0, p2 = 55.0 * pi / 180.0;
    const double n = std::log(std::cos(p1) / std::cos(p2))
        / std::log(std::tan(pi / 4.0 + p2 / 2.0) / std::tan(pi / 4.0 + p1 / 2.0));
    const std::string lcc = corridor::geo::kCorridorLcc;
    const auto east = ViewGeodesy(lcc).northAngle(framed(lcc, {74, 39, 76, 41}));
    const auto west = ViewGeodesy(lcc).northAngle(framed(lcc, {34, 39, 36, 41}));
    const auto middle = ViewGeodesy(lcc).northAngle(framed(lcc, {54, 39, 56, 41}));
    REQUIRE(east);
    REQUIRE(west);
    REQUIRE(middle);
    const double expected = n * 20.0 * pi / 180.0;
    CHECK(*east == doctest::Approx(-expected).epsilon(0.02));
    CHECK(*west == doctest::Approx(expected).epsilon(0.02));
    CHECK(std::abs(*middle) < 1e-4);
}

TEST_CASE("a view the projection cannot show gets no scale bar and no north, rather than a wrong one")
{
    Camera camera;
    camera.widthPx = 800;
    camera.heightPx = 600;
    camera.center = {1e9, 1e9}; // far outside Web Mercator's plane
    camera.unitsPerPixel = 10.0;
    const ViewGeodesy g("EPSG:3857");
    CHECK_FALSE(g.scaleBar(camera, 200.0, DistanceUnit::Kilometres));
    CHECK_FALSE(g.northAngle(camera));
}

TEST_CASE("--view's centre and zoom give exactly that camera, whatever the limits")
{
    corridor::core::MapDocument doc;
    doc.viewCrs = "EPSG:3857";
    doc.initialView = corridor::core::kCorridorView;
    corridor::geo::OutputView view;
    view.width = 800;
    view.height = 600;
    view.centre = corridor::core::ViewCentre{55.3, 26.1, 9.0};
    const Camera camera = corridor::geo::frameOutput(doc, view);
    const corridor::geo::ProjContext ctx;
    const corridor::geo::Transformer t(ctx, corridor::geo::kLonLat, "EPSG:3857");
    Vec2d centre{55.3, 26.1};
    REQUIRE(t.forward({&centre, 1}) == 0);
    CHECK(camera.center.x == doctest::Approx(centre.x));
    CHECK(camera.center.y == doctest::Approx(centre.y));
    CHECK(camera.unitsPerPixel == doctest::Approx(156543.03392804097 / 512.0));
    CHECK(corridor::core::zoomLevel(camera.unitsPerPixel) == doctest::Approx(9.0));
    CHECK(camera.widthPx == 800);
    // A centre the view CRS cannot show is an error, not a camera somewhere else.
    doc.viewCrs = "+proj=ortho +lat_0=0 +lon_0=0 +datum=WGS84 +type=crs"; // shows one hemisphere
    view.centre = corridor::core::ViewCentre{180.0, 0.0, 3.0};
    CHECK_THROWS_AS(corridor::geo::frameOutput(doc, view), corridor::geo::ProjError);
}

#include "geo/view_limits.hpp"

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace corridor;

namespace {

// A document of one layer of points at these lon/lat positions, its mesh built in `crs`.
core::MapDocument pointsDocument(const std::string& crs, std::initializer_list<core::Vec2d> lonLat)
{
    core::MapLayer l;
    l.data.name = "points";
    for (const core::Vec2d& p : lonLat) {
        core::Feature f;
        f.id = static_cast<std::int64_t>(l.data.features.size());
        f.type = core::GeometryType::Point;
        f.firstPart = core::appendPart(l.data, core::PartRole::Point, &p, 1);
        f.partCount = 1;
        l.data.features.push_back(std::move(f));
    }
    l.style = core::defaultLayerStyle(l.data, 0);
    core::MapDocument doc;
    doc.viewCrs = crs;
    doc.layers.push_back(std::move(l));
    geo::buildMeshes(doc);
    return doc;
}

} // namespace

TEST_CASE("the view CRS's area of use comes from PROJ — a PROJ string has none")
{
    const auto mercator = geo::crsAreaOfUse("EPSG:3857");
    REQUIRE(mercator);
    CHECK(mercator->west == doctest::Approx(-180.0));
    CHECK(mercator->east == doctest::Approx(180.0));
    CHECK(mercator->north == doctest::Approx(85.06).epsilon(1e-3));
    const auto utm40 = geo::crsAreaOfUse("EPSG:32640"); // WGS 84 / UTM zone 40N: 54°E to 60°E, equator to 84°N
    REQUIRE(utm40);
    CHECK(utm40->west == doctest::Approx(54.0));
    CHECK(utm40->east == doctest::Approx(60.0));
    CHECK(utm40->south == doctest::Approx(0.0));
    CHECK(utm40->north == doctest::Approx(84.0));
    CHECK_FALSE(geo::crsAreaOfUse(geo::kCorridorLcc));
    CHECK_FALSE(geo::crsAreaOfUse("not a crs"));
}

TEST_CASE("CRS units in metres: 1 for metres, the foot, and a degree at the equator")
{
    CHECK(geo::crsMetresPerUnit(geo::kCorridorLcc) == 1.0);
    CHECK(geo::crsMetresPerUnit("EPSG:3857") == 1.0);
    CHECK(geo::crsMetresPerUnit("EPSG:2227") == doctest::Approx(0.3048006)); // California zone 3, US survey feet
    CHECK(geo::crsMetresPerUnit("EPSG:4326") == doctest::Approx(111319.49).epsilon(1e-6));
}

TEST_CASE("the limit area is the data cut to the CRS's area of use, and takes in the framed view")
{
    // Points from 44°E to 58°E in UTM 40N, whose area of use is 54°E to 60°E: the part west of 54°E is cut off.
    const core::MapDocument doc = pointsDocument("EPSG:32640", {{44.0, 30.0}, {51.0, 35.0}, {58.0, 40.0}});
    const core::Bounds data = geo::dataBounds(doc);
    const core::Bounds aou = geo::projectBox(*geo::crsAreaOfUse(doc.viewCrs), doc.viewCrs);
    const core::CameraLimits limits = geo::viewLimits(doc, {});
    CHECK(limits.area.minX == doctest::Approx(aou.minX));
    CHECK(limits.area.maxX == doctest::Approx(data.maxX));
    CHECK(limits.area.minY == doctest::Approx(data.minY));
    CHECK(limits.area.maxY == doctest::Approx(data.maxY));
    CHECK(limits.area.width() < data.width());
    CHECK(limits.minUnitsPerPixel == doctest::Approx(geo::kZoomInLimitMetres));

    // A framed box beyond the area stays reachable.
    core::Bounds framed;
    framed.add(core::Vec2d{data.minX - 1.0e6, data.minY});
    framed.add(core::Vec2d{data.minX, data.minY + 1.0});
    const core::CameraLimits wider = geo::viewLimits(doc, framed);
    CHECK(wider.area.minX == doctest::Approx(data.minX - 1.0e6));

    // With no area of use (a PROJ string), the data alone; one point still gives a regional area.
    const core::MapDocument one = pointsDocument(geo::kCorridorLcc, {{51.4, 35.7}});
    const core::CameraLimits single = geo::viewLimits(one, {});
    CHECK(single.area.width() == doctest::Approx(geo::kMinLimitSpanMetres));
    CHECK(single.area.contains(geo::dataBounds(one).center()));

    // Degrees: the zoom-in limit is still about half a metre per pixel.
    const core::MapDocument lonLat = pointsDocument("EPSG:4326", {{44.0, 30.0}, {58.0, 40.0}});
    CHECK(geo::viewLimits(lonLat, {}).minUnitsPerPixel * 111319.49 == doctest::Approx(geo::kZoomInLimitMetres));
}

TEST_CASE("frameView's camera carries the limits: zooming out stops with the data in view, panning keeps it near")
{
    const core::MapDocument doc = pointsDocument(geo::kCorridorLcc, {{44.0, 30.0}, {58.0, 40.0}});
    core::Camera camera = geo::frameView(doc, std::nullopt, 1280, 800);
    REQUIRE(camera.limits);
    const core::Bounds data = geo::dataBounds(doc);
    const double framed = camera.unitsPerPixel;
    for (int i = 0; i < 100; ++i) {
        camera.zoomAbout({640.0, 400.0}, 0.5);
    }
    CHECK(camera.unitsPerPixel == doctest::Approx(camera.maxUnitsPerPixel()));
    CHECK(camera.unitsPerPixel > framed);
    CHECK(camera.unitsPerPixel < 10.0 * framed); // not a dot on a 1000 km per pixel background
    camera.panPixels(1.0e7, 1.0e7);
    CHECK(camera.limits->area.contains(camera.center));
    CHECK(camera.visibleWorld().intersects(data));
    for (int i = 0; i < 100; ++i) {
        camera.zoomAbout({640.0, 400.0}, 2.0);
    }
    CHECK(camera.unitsPerPixel == doctest::Approx(geo::kZoomInLimitMetres));

    // An export box far larger than the data (a world band) is framed as asked, not clamped to the data.
    const core::GeoBox band{-180.0, -60.0, 180.0, 75.0};
    const core::Camera world = geo::frameView(doc, band, 300, 225);
    const core::Bounds bandBounds = geo::projectBox(band, doc.viewCrs);
    CHECK(world.unitsPerPixel ==
          doctest::Approx(std::max(bandBounds.width() / 300.0, bandBounds.height() / 225.0)));
    CHECK(world.center.x == doctest::Approx(bandBounds.center().x));
}

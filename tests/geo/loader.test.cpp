#include "geo/loader.hpp"

#include "core/errors.hpp"
#include "geo/inspect.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <variant>

using corridor::core::GeometryType;
using corridor::core::LoadError;
using corridor::geo::loadSource;

namespace {
std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }
} // namespace

TEST_CASE("a GeoJSON point layer loads with its attributes in lon/lat order")
{
    const auto src = loadSource(fixture("nodes.geojson"));
    REQUIRE(src.layers.size() == 1);
    const auto& layer = src.layers[0];
    CHECK(layer.name == "nodes");
    REQUIRE(layer.features.size() == 3);
    CHECK(layer.dominantType() == GeometryType::Point);
    const auto& rasht = layer.features[1];
    CHECK(std::get<std::string>(*layer.value(rasht, "name")) == "Rasht");
    CHECK(std::get<std::int64_t>(*layer.value(rasht, "pop")) == 679995);
    CHECK(std::holds_alternative<std::monostate>(*layer.value(layer.features[2], "pop")));
    const auto p = layer.coords[layer.parts[rasht.firstPart].first];
    CHECK(p.x == doctest::Approx(49.589)); // longitude first
    CHECK(p.y == doctest::Approx(37.276));
    CHECK(layer.issues.empty());
}

TEST_CASE("a layer in EPSG:3857 is reprojected to lon/lat through PROJ, multi-lines folded into one feature")
{
    const auto src = loadSource(fixture("routes_3857.geojson"));
    REQUIRE(src.layers.size() == 1);
    const auto& layer = src.layers[0];
    REQUIRE(layer.features.size() == 2);
    CHECK(layer.features[1].partCount == 2);
    CHECK(layer.features[1].type == GeometryType::Line);
    const auto qazvin = layer.coords[0];
    // the fixture was written with cs2cs to 1 cm: 1e-6° is about 10 cm
    CHECK(std::abs(qazvin.x - 50.004) < 1e-6);
    CHECK(std::abs(qazvin.y - 36.269) < 1e-6);
    CHECK(layer.sourceCrs.find("3857") != std::string::npos);
    CHECK(std::abs(layer.bounds.minX - 48.870) < 1e-6);
    CHECK(std::abs(layer.bounds.maxY - 38.456) < 1e-6);
}

TEST_CASE("a GeoPackage with two layers loads both, polygons with their holes")
{
    const auto src = loadSource(fixture("two_layers.gpkg"));
    CHECK(src.driver == "GPKG");
    REQUIRE(src.layers.size() == 2);
    const auto& areas = src.layers[1];
    CHECK(areas.name == "areas");
    REQUIRE(areas.features.size() == 2);
    const auto& frame = areas.features[0];
    REQUIRE(frame.partCount == 2);
    CHECK(areas.parts[frame.firstPart].role == corridor::core::PartRole::OuterRing);
    CHECK(areas.parts[frame.firstPart + 1].role == corridor::core::PartRole::InnerRing);
    CHECK(areas.features[1].partCount == 2); // a multipolygon of two islands
}

TEST_CASE("broken features are reported one by one and the good ones still load")
{
    const auto src = loadSource(fixture("broken.geojson"));
    REQUIRE(src.layers.size() == 1);
    const auto& layer = src.layers[0];
    CHECK(layer.features.size() == 6);
    bool onePoint = false, noGeometry = false;
    for (const auto& issue : layer.issues) {
        onePoint |= issue.featureId == 3 && issue.message.find("1 point") != std::string::npos;
        noGeometry |= issue.featureId == 4 && issue.message.find("no geometry") != std::string::npos;
    }
    CHECK(onePoint);
    CHECK(noGeometry);
    CHECK(layer.features[0].partCount == 1);
    CHECK(layer.features[5].partCount == 1);
}

TEST_CASE("info reports each broken feature with its reason")
{
    const auto report = corridor::geo::inspectSource(fixture("broken.geojson"));
    REQUIRE(report.layers.size() == 1);
    const auto& problems = report.layers[0].problems;
    auto has = [&](std::int64_t fid, const char* text) {
        for (const auto& p : problems) {
            if (p.featureId == fid && p.message.find(text) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    CHECK(has(2, "Self-intersection"));
    CHECK(has(3, "a line needs at least 2"));
    CHECK(has(4, "no geometry"));
    CHECK(!has(1, ""));
    CHECK(!has(6, ""));
    CHECK(report.layers[0].featureCount == 6);
    const std::string text = corridor::geo::formatReport(report);
    CHECK(text.find("feature 2 'bow tie': invalid polygon: Self-intersection") != std::string::npos);
}

TEST_CASE("unreadable sources give one precise error naming the file")
{
    CHECK_THROWS_WITH_AS(loadSource(fixture("does_not_exist.gpkg")), doctest::Contains("does_not_exist.gpkg: no such file"),
                         LoadError);
    CHECK_THROWS_WITH_AS(loadSource(fixture("not_geodata.geojson")), doctest::Contains("not_geodata.geojson"), LoadError);
    CHECK_THROWS_WITH_AS(loadSource(fixture("no_crs_projected.csv")),
                         doctest::Contains("declares no CRS and its coordinates are not longitude/latitude"), LoadError);
}

TEST_CASE("network sources are refused unless allowed")
{
    CHECK_THROWS_WITH_AS(loadSource("/vsicurl/https://example.invalid/x.geojson"), doctest::Contains("network"), LoadError);
    CHECK(corridor::geo::isNetworkPath("https://example.invalid/a.geojson"));
    CHECK(!corridor::geo::isNetworkPath("/data/https_notes.geojson"));
}

TEST_CASE("cancelling stops the load with a clear error")
{
    std::atomic<bool> cancel{true};
    corridor::geo::LoadOptions options;
    options.cancel = &cancel;
    CHECK_THROWS_WITH_AS(loadSource(fixture("nodes.geojson"), options), doctest::Contains("cancelled"), LoadError);
}

TEST_CASE("dates, times and date-times read as ISO 8601 text, as the file writes them")
{
    // GDAL types a GeoJSON column of dates as OFTDate; its plain string form is 2018/05/14, which the Inspector and
    // the attribute table showed although the file says 2018-05-14.
    const auto src = loadSource(fixture("dates.geojson"));
    REQUIRE(src.layers.size() == 1);
    const auto& layer = src.layers[0];
    REQUIRE(layer.features.size() == 2);
    const auto text = [&](std::size_t f, const char* field) { return std::get<std::string>(*layer.value(layer.features[f], field)); };
    CHECK(text(0, "opened") == "2018-05-14");
    CHECK(text(1, "opened") == "1983-01-01");
    CHECK(text(0, "seen") == "2022-09-26T02:03:00Z");
    CHECK(text(1, "seen") == "2025-09-29T00:00:00+03:30");
    CHECK(text(0, "at") == "14:30:00");
    CHECK(text(1, "at") == "08:05:09");
}

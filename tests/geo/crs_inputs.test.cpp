// CRS inputs a map cannot be drawn in, PROJ strings without +type=crs, and source files GDAL reads differently
// from what they say (an unresolvable CRS, a missing .dbf): issue 9.

#include "core/errors.hpp"
#include "core/text_clip.hpp"
#include "geo/crs_check.hpp"
#include "geo/inspect.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using corridor::core::LoadError;
using corridor::geo::mapCrsProblem;
using corridor::geo::normalizeCrsDefinition;
using corridor::geo::ProjContext;

namespace {

namespace fs = std::filesystem;

std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string tempDir(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "crs_inputs" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

// nodes.geojson converted by ogr2ogr with `options` into `out`.
void convert(const std::string& out, const std::string& options)
{
    const std::string command = "ogr2ogr " + options + " '" + out + "' '" + fixture("nodes.geojson") + "' 2>/dev/null";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

std::string loadFailure(const std::string& path)
{
    try {
        corridor::geo::loadSource(path);
    } catch (const LoadError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("a PROJ string gets +type=crs as cs2cs gives it, other definitions are left alone")
{
    CHECK(normalizeCrsDefinition("+proj=lcc +lat_1=25 +lat_2=55 +lon_0=55 +datum=WGS84") ==
          "+proj=lcc +lat_1=25 +lat_2=55 +lon_0=55 +datum=WGS84 +type=crs");
    CHECK(normalizeCrsDefinition("+proj=merc +type=crs") == "+proj=merc +type=crs");
    CHECK(normalizeCrsDefinition("proj=merc  ") == "proj=merc +type=crs");
    CHECK(normalizeCrsDefinition("EPSG:3857") == "EPSG:3857");
    CHECK(normalizeCrsDefinition("GEOGCRS[\"x\"]") == "GEOGCRS[\"x\"]");

    const ProjContext proj;
    const corridor::geo::Transformer t(proj, corridor::geo::kLonLat, "+proj=merc +datum=WGS84");
    std::vector<corridor::core::Vec2d> p{{10.0, 0.0}};
    CHECK(t.forward(p) == 0);
    CHECK(p[0].x == doctest::Approx(1113194.9079));
}

TEST_CASE("map CRSs: projected and geographic pass, other kinds and other bodies are named")
{
    const ProjContext proj;
    for (const char* ok : {"EPSG:3857", "EPSG:4326", "OGC:CRS84", "EPSG:4979", "EPSG:3857+5773",
                           "+proj=lcc +lat_1=25 +lat_2=55 +lon_0=55 +datum=WGS84",
                           "+proj=merc +ellps=WGS84 +towgs84=0,0,0 +type=crs", corridor::geo::kCorridorLcc}) {
        INFO(ok);
        CHECK(!mapCrsProblem(proj, ok));
    }
    struct Case {
        const char* crs;
        const char* words;
    };
    const Case bad[] = {
        {"EPSG:4978", "is a geocentric CRS"},
        {"+proj=geocent +datum=WGS84", "is a geocentric CRS"},
        {"EPSG:5773", "is a vertical CRS"},
        {"ENGCRS[\"site\",EDATUM[\"s\"],CS[Cartesian,2],AXIS[\"x\",east],AXIS[\"y\",north],LENGTHUNIT[\"metre\",1]]",
         "'site' is an engineering CRS"},
        {"IAU_2015:49900", "is not an Earth CRS: it is a CRS of Mars"},
        {"IAU_2015:30100", "is not an Earth CRS: it is a CRS of Moon"},
        {"+proj=longlat +R=1737400", "is not an Earth CRS"},
        {"EPSG:999999", "unknown CRS 'EPSG:999999'"},
        {"+proj=pipeline +step +proj=axisswap +order=2,1", "is not a coordinate reference system"},
    };
    for (const Case& c : bad) {
        const auto problem = mapCrsProblem(proj, c.crs);
        INFO(c.crs << " -> " << problem.value_or("(accepted)"));
        REQUIRE(problem);
        CHECK(contains(*problem, c.words));
    }
}

TEST_CASE("a 100 KB CRS definition is quoted in 200 bytes")
{
    const ProjContext proj;
    const auto problem = mapCrsProblem(proj, "EPSG:" + std::string(100'000, '9'));
    REQUIRE(problem);
    CHECK(problem->size() < 400);
    CHECK(contains(*problem, "…"));
    CHECK(corridor::core::clipEcho(std::string(300, 'x')).size() == 200 + std::string("…").size());
    // A cut never splits a UTF-8 character (each "é" is two bytes).
    const std::string clipped = corridor::core::clipEcho(std::string(1, 'a') + [] {
        std::string s;
        for (int i = 0; i < 200; ++i) {
            s += "é";
        }
        return s;
    }());
    CHECK(clipped.size() == 1 + 198 + std::string("…").size());
}

TEST_CASE("a layer CRS GDAL cannot resolve fails the load instead of reading as WGS 84")
{
    const std::string geojson = loadFailure(fixture("bad/unknown_crs.geojson"));
    CHECK(contains(geojson, "layer 'unknown_crs': its CRS cannot be resolved"));
    CHECK(contains(geojson, "not drawn"));

    // GeoPackage: the srs_id's definition is unreadable (GDAL warns while reading the layer's CRS).
    const std::string dir = tempDir("unresolved");
    const std::string gpkg = dir + "/bad_srs.gpkg";
    convert(gpkg, "-f GPKG -a_srs EPSG:32639");
    const std::string sql = "sqlite3 '" + gpkg + "' \"update gpkg_spatial_ref_sys set organization_coordsys_id = "
                            "999999, definition = 'undefined' where srs_id = 32639\"";
    if (std::system(sql.c_str()) == 0) {
        CHECK(contains(loadFailure(gpkg), "its CRS cannot be resolved"));
    }
}

TEST_CASE("a layer in a geocentric CRS is refused by the loader, naming the kind")
{
    const std::string dir = tempDir("geocentric");
    const std::string gpkg = dir + "/geocentric.gpkg";
    convert(gpkg, "-f GPKG -a_srs EPSG:4978");
    const std::string failure = loadFailure(gpkg);
    CHECK(contains(failure, "geocentric"));
    CHECK(contains(failure, "not drawn"));
}

TEST_CASE("a shapefile without a readable .dbf loads its geometry with a layer warning")
{
    const std::string dir = tempDir("dbf");
    const std::string shp = dir + "/nodes.shp";
    convert(shp, "-f 'ESRI Shapefile'");
    fs::remove(dir + "/nodes.dbf");
    const auto missing = corridor::geo::loadSource(shp);
    REQUIRE(missing.layers.size() == 1);
    CHECK(missing.layers[0].features.size() == 3);
    REQUIRE(!missing.layers[0].issues.empty());
    CHECK(missing.layers[0].issues[0].featureId == -1);
    CHECK(missing.layers[0].issues[0].message == "attributes missing: nodes.dbf not found; geometry only");

    // A healthy shapefile has no such warning.
    const std::string good = dir + "/good.shp";
    convert(good, "-f 'ESRI Shapefile'");
    const corridor::geo::LoadedSource healthy = corridor::geo::loadSource(good);
    for (const auto& issue : healthy.layers.at(0).issues) {
        CHECK(!contains(issue.message, "attributes missing"));
    }
}

TEST_CASE("inspectSource reports what the loader refuses, so info and export agree")
{
    const auto report = corridor::geo::inspectSource(fixture("bad/unknown_crs.geojson"));
    REQUIRE(report.loadErrors.size() == 1);
    CHECK(contains(report.loadErrors[0], "its CRS cannot be resolved"));
    CHECK(report.problemCount() >= 1);
    CHECK(contains(corridor::geo::formatReport(report), "its CRS cannot be resolved"));

    const auto metres = corridor::geo::inspectSource(fixture("no_crs_projected.csv"));
    CHECK(metres.problemCount() >= 1);

    const auto fine = corridor::geo::inspectSource(fixture("nodes.geojson"));
    CHECK(fine.loadErrors.empty());
    CHECK(fine.problemCount() == 0);
}

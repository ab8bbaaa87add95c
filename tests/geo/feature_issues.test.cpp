// Every feature the loader drops or changes is reported once, with what is wrong and what was done, and
// `corridor info` (inspectSource) reports exactly what the viewer's loader reports.

#include "core/errors.hpp"
#include "geo/inspect.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace corridor;
using core::IssueAction;

namespace {

std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }

// Writes `text` to a file in the test output folder and returns its path.
std::string writeFile(const std::string& name, const std::string& text)
{
    std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
    const std::string path = std::string(CORRIDOR_TEST_OUTPUT) + "/" + name;
    std::ofstream(path) << text;
    return path;
}

std::string featureCollection(const std::string& name, const std::vector<std::string>& geometries)
{
    std::string text = R"({"type":"FeatureCollection","name":")" + name + R"(","features":[)";
    for (std::size_t i = 0; i < geometries.size(); ++i) {
        text += (i ? "," : "") + std::string(R"({"type":"Feature","id":)") + std::to_string(i + 1) +
                R"(,"properties":{},"geometry":)" + geometries[i] + "}";
    }
    return text + "]}";
}

std::vector<const core::FeatureIssue*> issuesOf(const core::Layer& layer, std::int64_t fid)
{
    std::vector<const core::FeatureIssue*> out;
    for (const core::FeatureIssue& i : layer.issues) {
        if (i.featureId == fid) {
            out.push_back(&i);
        }
    }
    return out;
}

} // namespace

TEST_CASE("a bow tie, a null geometry and a point at (500, 95) are each reported once and the valid features load")
{
    const geo::LoadedSource src = geo::loadSource(fixture("problems.geojson"));
    REQUIRE(src.layers.size() == 1);
    const core::Layer& layer = src.layers[0];
    REQUIRE(layer.features.size() == 5);
    for (const core::FeatureIssue& i : layer.issues) {
        INFO(i.featureId << ": " << i.message);
    }
    CHECK(layer.issues.size() == 3);

    const auto bowTie = issuesOf(layer, 1);
    REQUIRE(bowTie.size() == 1);
    CHECK(bowTie[0]->message == "invalid polygon: Self-intersection at (52.5, 30.5); drawn as read");
    CHECK(bowTie[0]->action == IssueAction::DrawnAsRead);
    CHECK(bowTie[0]->featureName == "bow tie");
    CHECK(layer.features[0].partCount == 1); // drawn as read: the ring is still there

    const auto null = issuesOf(layer, 2);
    REQUIRE(null.size() == 1);
    CHECK(null[0]->message == "has no geometry; not drawn");
    CHECK(null[0]->action == IssueAction::NotDrawn);
    CHECK(null[0]->featureName == "nowhere");

    const auto offGlobe = issuesOf(layer, 3);
    REQUIRE(offGlobe.size() == 1);
    CHECK(offGlobe[0]->message ==
          "point (500, 95) is out of range: longitude 500 is outside -180..180, latitude 95 is outside -90..90; "
          "not drawn");
    CHECK(offGlobe[0]->action == IssueAction::NotDrawn);
    CHECK(layer.features[2].partCount == 0);
    CHECK(layer.features[2].type == core::GeometryType::None);

    CHECK(issuesOf(layer, 4).empty());
    CHECK(issuesOf(layer, 5).empty());
    const core::Feature& rasht = layer.features[3];
    REQUIRE(rasht.partCount == 1);
    CHECK(layer.coords[layer.parts[rasht.firstPart].first] == core::Vec2d{49.589, 37.276});
    CHECK(layer.features[4].partCount == 1);
    CHECK(layer.features[4].type == core::GeometryType::Polygon);
    // the dropped point is not in the layer's extent either
    CHECK(layer.bounds.maxX == 53.0);
    CHECK(layer.bounds.maxY == 37.276);

    CHECK(core::formatIssue(layer, *offGlobe[0]) ==
          fixture("problems.geojson") + ": layer 'problems': feature 3 'off the globe': " + offGlobe[0]->message);
}

TEST_CASE("corridor info reports exactly the loader's issues, with names")
{
    const geo::LoadedSource src = geo::loadSource(fixture("problems.geojson"));
    const geo::SourceReport report = geo::inspectSource(fixture("problems.geojson"));
    REQUIRE(report.layers.size() == 1);
    CHECK(report.problemCount() == 3);
    const auto& problems = report.layers[0].problems;
    REQUIRE(problems.size() == src.layers[0].issues.size());
    for (std::size_t i = 0; i < problems.size(); ++i) {
        CHECK(problems[i].featureId == src.layers[0].issues[i].featureId);
        CHECK(problems[i].message == src.layers[0].issues[i].message);
    }
    CHECK(report.layers[0].featureCount == 5);
    CHECK(report.layers[0].geometryTypes.at("None") == 1);
    CHECK(report.layers[0].geometryTypes.at("Point") == 2);
    CHECK(report.layers[0].geometryTypes.at("Polygon") == 2);
    CHECK(report.layers[0].extent.maxX == 500.0); // the extent is the file's, dropped point included
    const std::string text = geo::formatReport(report);
    CHECK(text.find("feature 1 'bow tie': invalid polygon: Self-intersection at (52.5, 30.5); drawn as read\n") !=
          std::string::npos);
    CHECK(text.find("feature 2 'nowhere': has no geometry; not drawn\n") != std::string::npos);
    CHECK(text.find("feature 3 'off the globe': point (500, 95) is out of range") != std::string::npos);
}

TEST_CASE("parts are dropped or repaired one by one, and each is reported once with what was done")
{
    const std::string path = writeFile(
        "feature_parts.geojson",
        featureCollection(
            "parts",
            {
                // 1: a multipoint with one point off the globe: the other two are drawn
                R"({"type":"MultiPoint","coordinates":[[50,30],[50,-91],[51,31]]})",
                // 2: an unclosed ring: closed, drawn
                R"({"type":"Polygon","coordinates":[[[55,30],[56,30],[56,31],[55,31]]]})",
                // 3: a polygon whose hole has two points: the hole is left out, the polygon drawn
                R"({"type":"Polygon","coordinates":[[[50,30],[54,30],[54,34],[50,34],[50,30]],[[51,31],[52,32]]]})",
                // 4: a one-point line, alone: not drawn
                R"({"type":"LineString","coordinates":[[54,30]]})",
                // 5: a line with a vertex at latitude 100 in a multi-line: that line is left out
                R"({"type":"MultiLineString","coordinates":[[[50,30],[51,100]],[[52,30],[53,31]]]})",
                // 6: an empty geometry
                R"({"type":"MultiPoint","coordinates":[]})",
                // 7: a line through a NaN
                R"({"type":"LineString","coordinates":[[50,30],[NaN,31],[52,32]]})",
                // 8: a line of no length
                R"({"type":"LineString","coordinates":[[50,30],[50,30]]})",
                // 9: a valid line
                R"({"type":"LineString","coordinates":[[50,32],[56,33]]})",
            }));
    const geo::LoadedSource src = geo::loadSource(path);
    REQUIRE(src.layers.size() == 1);
    const core::Layer& layer = src.layers[0];
    REQUIRE(layer.features.size() == 9);
    for (const core::FeatureIssue& i : layer.issues) {
        INFO(i.featureId << ": " << i.message);
    }
    CHECK(layer.issues.size() == 8);
    auto only = [&](std::int64_t fid) {
        const auto found = issuesOf(layer, fid);
        REQUIRE(found.size() == 1);
        return *found[0];
    };
    const core::FeatureIssue multipoint = only(1);
    CHECK(multipoint.message == "point 2 (50, -91) is out of range: latitude -91 is outside -90..90; "
                                "that part is not drawn, the rest is");
    CHECK(multipoint.action == IssueAction::PartNotDrawn);
    CHECK(layer.features[0].partCount == 2);

    const core::FeatureIssue unclosed = only(2);
    CHECK(unclosed.message == "exterior ring is not closed (first point differs from last); repaired: closed");
    CHECK(unclosed.action == IssueAction::Repaired);
    REQUIRE(layer.features[1].partCount == 1);
    const core::Part& ring = layer.parts[layer.features[1].firstPart];
    CHECK(ring.count == 5);
    CHECK(layer.coords[ring.first] == layer.coords[ring.first + 4]);

    const core::FeatureIssue hole = only(3);
    CHECK(hole.message == "interior ring 1 has 2 points, a ring needs at least 3; that part is not drawn, the rest is");
    CHECK(layer.features[2].partCount == 1);

    CHECK(only(4).message == "line has 1 point, a line needs at least 2; not drawn");
    CHECK(layer.features[3].partCount == 0);

    CHECK(only(5).message == "line 1 vertex 2 (51, 100) is out of range: latitude 100 is outside -90..90; "
                             "that part is not drawn, the rest is");
    REQUIRE(layer.features[4].partCount == 1);
    CHECK(layer.coords[layer.parts[layer.features[4].firstPart].first] == core::Vec2d{52, 30});

    CHECK(only(6).message == "has an empty geometry; not drawn");
    CHECK(only(7).message == "line vertex 2 is not a finite number; not drawn");
    CHECK(only(8).message == "line has no length (its 2 points are all at (50, 30)); drawn as read");
    CHECK(issuesOf(layer, 9).empty());
    CHECK(layer.features[8].partCount == 1);

    // and info says the same
    const geo::SourceReport report = geo::inspectSource(path);
    CHECK(report.problemCount() == layer.issues.size());
}

TEST_CASE("longitudes past 180 that are the data's own wrap are not problems and a small excess is tolerated")
{
    // A layer in the 0..360 convention.
    const std::string east = writeFile(
        "wrap_0_360.geojson",
        featureCollection("wrap", {R"({"type":"Point","coordinates":[190,60]})",
                                   R"({"type":"LineString","coordinates":[[350,10],[359.5,11]]})"}));
    CHECK(geo::loadSource(east).layers[0].issues.empty());
    // A -180..180 layer with a polygon that crosses the antimeridian by running on past 180, and rounding noise.
    const std::string across = writeFile(
        "wrap_across.geojson",
        featureCollection(
            "across",
            {R"({"type":"Polygon","coordinates":[[[170,60],[190,60],[190,70],[170,70],[170,60]]]})",
             R"({"type":"Point","coordinates":[-180.0000000001,-90.0000000001]})",
             R"({"type":"Point","coordinates":[-20,40]})"}));
    const geo::LoadedSource src = geo::loadSource(across);
    for (const core::FeatureIssue& i : src.layers[0].issues) {
        FAIL_CHECK(i.featureId << ": " << i.message);
    }
    // but a point past 180 on its own, in a layer that is not 0..360, is out of range
    const std::string lone = writeFile(
        "wrap_lone.geojson",
        featureCollection("lone", {R"({"type":"Point","coordinates":[190,60]})",
                                   R"({"type":"Point","coordinates":[-20,40]})"}));
    const auto loneIssues = geo::loadSource(lone).layers[0].issues;
    REQUIRE(loneIssues.size() == 1);
    CHECK(loneIssues[0].message ==
          "point (190, 60) is out of range: longitude 190 is outside -180..180; not drawn");
}

namespace {

// A document in the corridor's Lambert conic (a cone: the south pole has no place on it) with one layer, "poles": the
// South Pole (feature 1) and Tehran (2) as points, and with `meander` > 0 a line of that many points across 40–60°E
// (feature 3) whose vertex 1001 is at the pole.
core::MapDocument polesDocument(std::size_t meander = 0)
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    core::MapLayer l;
    l.data.name = "poles";
    l.data.sourcePath = "poles.geojson";
    l.data.fields.push_back({"name", core::FieldType::String});
    const core::Vec2d pole{55.0, -90.0};
    const core::Vec2d tehran{51.39, 35.69};
    for (const auto& [p, name] : {std::pair{pole, "South Pole"}, std::pair{tehran, "Tehran"}}) {
        core::Feature f;
        f.id = static_cast<std::int64_t>(l.data.features.size()) + 1;
        f.type = core::GeometryType::Point;
        f.firstPart = core::appendPart(l.data, core::PartRole::Point, &p, 1);
        f.partCount = 1;
        f.values.emplace_back(std::string(name));
        l.data.features.push_back(f);
    }
    if (meander > 0) {
        std::vector<core::Vec2d> line;
        for (std::size_t i = 0; i < meander; ++i) {
            const double t = static_cast<double>(i) / static_cast<double>(meander);
            line.push_back({40.0 + 20.0 * t, 35.0 + 10.0 * std::sin(40.0 * t)});
        }
        line[1000] = {60.0, -90.0};
        core::Feature f;
        f.id = 3;
        f.type = core::GeometryType::Line;
        f.firstPart = core::appendPart(l.data, core::PartRole::Line, line.data(), line.size());
        f.partCount = 1;
        f.values.emplace_back(std::string("Meander"));
        l.data.features.push_back(f);
    }
    for (const core::Vec2d& p : l.data.coords) {
        l.data.bounds.add(p);
    }
    doc.layers.push_back(std::move(l));
    return doc;
}

} // namespace

TEST_CASE("points that cannot be projected to the view CRS are reported once per part, not silently dropped")
{
    core::MapDocument doc = polesDocument();
    geo::buildMeshes(doc);
    geo::buildMeshes(doc); // built again (a second view, a test): still reported once
    const core::Layer& layer = doc.layers[0].data;
    REQUIRE(layer.issues.size() == 1);
    CHECK(layer.issues[0].featureId == 1);
    CHECK(layer.issues[0].featureName == "South Pole");
    CHECK(layer.issues[0].message == "point (55, -90) cannot be projected to the view CRS; not drawn");
    CHECK(layer.issues[0].action == IssueAction::NotDrawn);
    CHECK(layer.issues[0].viewProjection);
    CHECK(core::formatIssue(layer, layer.issues[0]) ==
          "poles.geojson: layer 'poles': feature 1 'South Pole': point (55, -90) cannot be projected to the view "
          "CRS; not drawn");
}

TEST_CASE("a one-shot export projects the points where they lie and names each one that cannot be projected")
{
    // The export's build takes each layer's points and projects them in place (geo::projectLayerInPlace): the issues
    // must still give the lon/lat the failed points had, as the full build (which projects a copy) does. Small
    // (projected point by point) and large (the control grid, whose cells around the pole leave their points to
    // PROJ).
    for (const std::size_t filler : {std::size_t{0}, std::size_t{300000}}) {
        CAPTURE(filler);
        core::MapDocument full = polesDocument(filler);
        geo::buildMeshes(full);
        core::MapDocument once = polesDocument(filler);
        geo::buildMeshes(once, geo::OutputView{core::GeoBox{40, 20, 60, 50}, 1920, 1080, std::nullopt, true});
        CHECK(once.layers[0].data.coords.empty()); // taken for the projection
        const std::vector<core::FeatureIssue>& issues = once.layers[0].data.issues;
        REQUIRE(issues.size() == (filler > 0 ? 2 : 1));
        CHECK(issues[0].message == "point (55, -90) cannot be projected to the view CRS; not drawn");
        if (filler > 0) {
            CHECK(issues[1].featureName == "Meander");
            CHECK(issues[1].message.find("line vertex 1001 (60, -90) cannot be projected to the view CRS") == 0);
        }
        REQUIRE(full.layers[0].data.issues.size() == issues.size());
        for (std::size_t i = 0; i < issues.size(); ++i) {
            CHECK(full.layers[0].data.issues[i].message == issues[i].message);
        }
    }
}

namespace {

// A GeoJSON polygon: a circle of `shellPoints` vertices around 55°E 40°N (radius 10°) with `holes` small
// squares inside it on a grid, followed by `extraHoles` rings given as text.
std::string ringText(const std::vector<core::Vec2d>& ring)
{
    std::string out = "[";
    char buf[64];
    for (std::size_t i = 0; i < ring.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s[%.9g,%.9g]", i ? "," : "", ring[i].x, ring[i].y);
        out += buf;
    }
    return out + "]";
}

std::vector<core::Vec2d> square(double x, double y, double side)
{
    return {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}};
}

std::string holedPolygon(int shellPoints, int holes, const std::vector<std::vector<core::Vec2d>>& extraHoles = {})
{
    std::vector<core::Vec2d> shell;
    for (int i = 0; i < shellPoints; ++i) {
        const double a = 2.0 * M_PI * i / shellPoints;
        shell.push_back({55.0 + 10.0 * std::cos(a), 40.0 + 10.0 * std::sin(a)});
    }
    shell.push_back(shell.front());
    std::string text = R"({"type":"Polygon","coordinates":[)" + ringText(shell);
    const int side = static_cast<int>(std::ceil(std::sqrt(holes)));
    for (int i = 0; i < holes; ++i) { // a grid inside the 12° square around the centre
        const double step = 12.0 / side;
        text += "," + ringText(square(49.0 + (i % side) * step, 34.0 + (i / side) * step, step * 0.5));
    }
    for (const auto& ring : extraHoles) {
        text += "," + ringText(ring);
    }
    return text + "]}";
}

double loadMs(const std::string& path)
{
    double best = 1e300;
    for (int i = 0; i < 2; ++i) {
        const auto start = std::chrono::steady_clock::now();
        (void)geo::loadSource(path);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, std::chrono::duration<double, std::milli>(elapsed).count());
    }
    return best;
}

} // namespace

TEST_CASE("a polygon with thousands of holes in a long shell is checked in near-linear time")
{
    // 4000 holes in a shell of 100 000 vertices: GEOS's IsValid alone locates each hole by walking the whole
    // shell (4·10^8 steps, seconds). The same rings as 4001 separate polygons cost about the same to read and
    // check in n log n: the holed polygon must not take much longer.
    const int shellPoints = 100000;
    const int holes = 4000;
    const std::string holed =
        writeFile("many_holes.geojson", featureCollection("holed", {holedPolygon(shellPoints, holes)}));
    std::vector<std::string> separate{holedPolygon(shellPoints, 0)};
    const int side = static_cast<int>(std::ceil(std::sqrt(holes)));
    for (int i = 0; i < holes; ++i) {
        const double step = 12.0 / side;
        separate.push_back(R"({"type":"Polygon","coordinates":[)" +
                           ringText(square(49.0 + (i % side) * step, 34.0 + (i / side) * step, step * 0.5)) + "]}");
    }
    const std::string apart = writeFile("many_polygons.geojson", featureCollection("apart", separate));
    CHECK(geo::loadSource(holed).layers[0].issues.empty());
    const double holedMs = loadMs(holed);
    const double apartMs = loadMs(apart);
    INFO("holed " << holedMs << " ms, apart " << apartMs << " ms");
    CHECK(holedMs < 2.0 * apartMs + 50.0);
}

TEST_CASE("a big holed polygon checked in parts still names each kind of invalid hole")
{
    // 2000 shell vertices × 1000 holes is past the budget: these go through the checks in parts.
    const int n = 2000;
    const int holes = 1000;
    struct Case {
        const char* what;
        std::vector<core::Vec2d> extra;
        std::string expected; // "" for valid
    };
    const Case cases[] = {
        {"valid", {}, ""},
        {"a hole crossing the shell", square(64.0, 39.0, 2.0), "invalid polygon: Self-intersection at (64.9"},
        {"a hole outside the shell", square(70.0, 39.0, 1.0), "invalid polygon: Hole lies outside shell at (70, 39)"},
        {"a hole overlapping another", square(49.1, 34.1, 0.5), "invalid polygon: Self-intersection at ("},
        {"a bow-tie hole", {{60.5, 45.5}, {61, 46}, {61, 45.5}, {60.5, 46}, {60.5, 45.5}},
         "invalid polygon: Self-intersection at (60.75, 45.75)"},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.what));
        std::vector<std::vector<core::Vec2d>> extra;
        if (!c.extra.empty()) {
            extra.push_back(c.extra);
        }
        const std::string path =
            writeFile("big_holed.geojson", featureCollection("big", {holedPolygon(n, holes, extra)}));
        const auto issues = geo::loadSource(path).layers[0].issues;
        if (c.expected.empty()) {
            CHECK(issues.empty());
            continue;
        }
        REQUIRE(issues.size() == 1);
        INFO(issues[0].message);
        CHECK(issues[0].message.rfind(c.expected, 0) == 0);
        CHECK(issues[0].message.find("; drawn as read") != std::string::npos);
    }
}

TEST_CASE("a big holed polygon in a multipolygon: an island in one of its holes is valid, an overlap is not")
{
    const std::string big = holedPolygon(2000, 1000);
    const std::size_t from = big.find(":[") + 2;
    const std::string rings = big.substr(from, big.rfind("]}") - from); // "[shell],[hole],…"
    // the first hole is the square at (49, 34) of side 0.19: an island inside it
    const std::string island = "[" + ringText(square(49.05, 34.05, 0.05)) + "]";
    const std::string overlapping = "[" + ringText(square(64.0, 39.0, 2.0)) + "]";
    const std::string path = writeFile(
        "big_multi.geojson",
        featureCollection("multi", {R"({"type":"MultiPolygon","coordinates":[[)" + rings + "]," + island + "]}",
                                    R"({"type":"MultiPolygon","coordinates":[[)" + rings + "]," + overlapping +
                                        "]}"}));
    const core::Layer layer = geo::loadSource(path).layers[0];
    REQUIRE(layer.features.size() == 2);
    CHECK(issuesOf(layer, 1).empty());
    const auto overlap = issuesOf(layer, 2);
    REQUIRE(overlap.size() == 1);
    CHECK(overlap[0]->message.rfind("invalid multipolygon: Self-intersection at (64.9", 0) == 0);
}

TEST_CASE("a geometry type that cannot be drawn is reported and the rest of the layer loads")
{
    const std::string path =
        writeFile("tin.csv", "WKT,name\n\"TIN (((50 30,51 30,50 31,50 30)))\",tin\n\"POINT (50 30)\",pt\n");
    const core::Layer layer = geo::loadSource(path).layers[0];
    REQUIRE(layer.issues.size() == 2);
    CHECK(layer.issues[0].featureId == -1); // the layer's own note comes first
    CHECK(core::formatIssue(layer, layer.issues[0]) ==
          path + ": layer 'tin': no CRS declared; coordinates read as WGS 84 longitude/latitude");
    CHECK(layer.issues[1].featureId == 1);
    CHECK(layer.issues[1].message == "geometry type TIN is not supported; not drawn");
    CHECK(layer.issues[1].featureName == "tin");
    REQUIRE(layer.features.size() == 2);
    CHECK(layer.features[0].partCount == 0);
    CHECK(layer.features[1].partCount == 1);
}

TEST_CASE("a big polygon layer checked on several threads reports each invalid feature once, in feature order")
{
    // 400 polygons of 600 vertices: the validity check is cut into runs over the cores. Every 37th is a bow tie
    // (its first and third vertices swapped), so invalid features fall in every run.
    std::vector<std::string> geometries;
    std::vector<std::int64_t> bad;
    for (int k = 0; k < 400; ++k) {
        const double cx = -170.0 + (k % 20) * 17.0, cy = -80.0 + (k / 20) * 8.0;
        std::vector<std::pair<double, double>> ring;
        for (int i = 0; i < 600; ++i) {
            const double a = 2 * M_PI * i / 600;
            ring.emplace_back(cx + 3.0 * std::cos(a), cy + 3.0 * std::sin(a));
        }
        if (k % 37 == 5) {
            std::swap(ring[100], ring[400]);
            bad.push_back(k + 1);
        }
        std::string g = R"({"type":"Polygon","coordinates":[[)";
        char buf[64];
        for (const auto& [x, y] : ring) {
            std::snprintf(buf, sizeof buf, "[%.6f,%.6f],", x, y);
            g += buf;
        }
        std::snprintf(buf, sizeof buf, "[%.6f,%.6f]", ring[0].first, ring[0].second);
        geometries.push_back(g + buf + "]]}");
    }
    const geo::LoadedSource src = geo::loadSource(writeFile("many_rings.geojson", featureCollection("many_rings", geometries)));
    REQUIRE(src.layers.size() == 1);
    const core::Layer& layer = src.layers[0];
    REQUIRE(layer.coords.size() > 2 * (std::size_t{1} << 16));
    std::vector<std::int64_t> reported;
    for (const core::FeatureIssue& i : layer.issues) {
        CHECK(i.message.rfind("invalid polygon: ", 0) == 0);
        reported.push_back(i.featureId);
    }
    CHECK(reported == bad);
}

TEST_CASE("validity left out of the load and checked afterwards gives the loader's own validity issues")
{
    {
        const std::string path = fixture("problems.geojson");
        geo::LoadOptions later;
        later.checkValidity = false;
        const geo::LoadedSource checked = geo::loadSource(path);
        const geo::LoadedSource unchecked = geo::loadSource(path, later);
        REQUIRE(checked.layers.size() == unchecked.layers.size());
        for (std::size_t i = 0; i < checked.layers.size(); ++i) {
            std::vector<std::string> want, got;
            for (const core::FeatureIssue& x : checked.layers[i].issues) {
                if (x.message.find("invalid polygon") != std::string::npos) {
                    want.push_back(std::to_string(x.featureId) + " " + x.featureName + " " + x.message);
                }
            }
            for (const core::FeatureIssue& x : unchecked.layers[i].issues) {
                CHECK(x.message.find("invalid") == std::string::npos); // not checked while loading
            }
            for (const core::FeatureIssue& x : geo::polygonValidityIssues(unchecked.layers[i])) {
                CHECK(x.action == IssueAction::DrawnAsRead);
                got.push_back(std::to_string(x.featureId) + " " + x.featureName + " " + x.message);
            }
            CHECK(!want.empty());
            CHECK(got == want);
        }
    }
}

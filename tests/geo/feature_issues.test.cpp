// Every feature the loader drops or changes is reported once, with what is wrong and what was done, and
// `corridor info` (inspectSource) reports exactly what the viewer's loader reports.

#include "core/errors.hpp"
#include "geo/inspect.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <algorithm>
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

TEST_CASE("points that cannot be projected to the view CRS are reported once per part, not silently dropped")
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc; // a cone: the south pole has no place on it
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
    doc.layers.push_back(std::move(l));
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

// Proves the bundled data in geodata/ right: the real files, read the way the viewer reads them (GDAL through
// geo::loadSource), measured geodesically on WGS84 (core/geodesy) and checked against the fact sheet
// (/work/shared/geodata-facts.md; the figures are repeated here with their section) and geodata/SOURCES.md.
// Each file is loaded once per test binary (bundledLayer() caches it).
#include "geo/data_checks.hpp"

#include "core/geodesy.hpp"
#include "core/map_document.hpp"
#include "core/style_file.hpp"
#include "geo/inspect.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"

#include "geodata/bundled_files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

using corridor::core::Feature;
using corridor::core::FieldType;
using corridor::core::Layer;
using corridor::core::Vec2d;
namespace core = corridor::core;
namespace geo = corridor::geo;

using corridor::test::bundledLayer;
using corridor::test::bundledPath;
using corridor::test::bundledSource;
using corridor::test::kGeodata;

namespace {

// The bundled files and their feature counts (geodata/README.md, "Files and layers"): a file that goes missing
// or gains or loses features fails here, not silently.
const std::map<std::string, std::size_t> kFiles = {
    {"basemap_countries", 225}, {"basemap_land", 218},    {"basemap_seas", 6},       {"basemap_water", 11},
    {"basemap_disputed", 5},    {"basemap_sea_labels", 12}, {"energy_fields", 6},    {"energy_pipelines", 8},
    {"instc_nodes", 38},        {"instc_routes", 24},      {"islands", 3},           {"railway_stations", 15},
    {"railways", 6},
};

// A lon/lat box: west, south, east, north in degrees.
struct Box {
    double west, south, east, north;
};
// The region every thematic feature lies in (the layers of the fact sheet): 20°W–80°E, 5°N–70°N.
constexpr Box kThematic{-20.0, 5.0, 80.0, 70.0};
// The basemap clip box of the build (scripts/build_geodata.sh, CLIP): 75°W–180°E, 45°S–85°N. Wide because the
// default view is a Lambert conformal conic whose frame reaches far east and south at its corners (see the view
// test below and geodata/README.md, "Basemap extent").
constexpr Box kBasemap{-75.0, -45.0, 180.0, 85.0};
// Coordinates are written with 4–6 decimals and the box edges are whole degrees; this only absorbs the last bit
// of a double.
constexpr double kBoxEps = 1e-9;

bool isBasemap(const std::string& stem) { return stem.rfind("basemap_", 0) == 0; }

// The layers that carry a map label (`label`, drawn by geodata/style.toml, and `label_fa`, null where unknown).
const std::set<std::string> kLabelled = {"basemap_countries", "basemap_water",    "basemap_disputed", "basemap_sea_labels",
                                         "instc_nodes",       "railway_stations", "railways",         "energy_fields",
                                         "energy_pipelines",  "islands",          "instc_routes"};
// Labelled layers whose catch-all features are left unnamed on purpose ("other lakes" must not be named on the map).
const std::set<std::string> kUnnamedAllowed = {"basemap_water"};
// Labels are drawn on the map: short. Longest at present: "IP pipeline (Pakistan, unbuilt)" (31).
constexpr std::size_t kMaxLabelChars = 32;

// Characters (UTF-8 code points) in a string.
std::size_t codePoints(const std::string& s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const std::set<std::string> kStatusClasses = {"operational", "built",   "under construction", "planned",
                                              "proposed",    "unbuilt", "damaged",            "missing link"};

// The land polygons indexed once (building the STRtree over the 1.5 MB land layer is the slow part).
const geo::PolygonIndex& landIndex()
{
    static const geo::PolygonIndex index(bundledLayer("basemap_land"));
    return index;
}

std::string text(const Layer& layer, const Feature& f, const std::string& field)
{
    const core::AttrValue* v = layer.value(f, field);
    return v != nullptr ? core::formatValue(*v) : std::string();
}

// "r03b" for features with a string id, "FID 7" for the basemaps.
std::string label(const Layer& layer, const Feature& f)
{
    const std::string id = layer.fieldIndex("id") >= 0 ? text(layer, f, "id") : std::string();
    return layer.name + " " + (id.empty() ? "FID " + std::to_string(f.id) : id);
}

const Feature& featureById(const std::string& stem, const std::string& id)
{
    const Layer& layer = bundledLayer(stem);
    const Feature* f = geo::findFeature(layer, "id", id);
    REQUIRE_MESSAGE(f != nullptr, stem << " has no feature with id " << id);
    return *f;
}

double lengthKm(const std::string& stem, const std::string& id)
{
    return core::featureLength(bundledLayer(stem), featureById(stem, id)) / 1000.0;
}

Vec2d pointOf(const std::string& stem, const std::string& id)
{
    const Layer& layer = bundledLayer(stem);
    const Feature& f = featureById(stem, id);
    REQUIRE(f.partCount == 1);
    return layer.coords[layer.parts[f.firstPart].first];
}

// computed must lie in [claimed·(1 − below), claimed·(1 + above)].
void checkAgainstClaim(const std::string& what, double computedKm, double claimedKm, double below, double above)
{
    const double lo = claimedKm * (1.0 - below);
    const double hi = claimedKm * (1.0 + above);
    std::ostringstream msg;
    msg.precision(1);
    msg << std::fixed << what << ": computed " << computedKm << " km, claimed " << claimedKm << " km ("
        << (computedKm / claimedKm - 1.0) * 100.0 << " %), allowed " << lo << "–" << hi << " km";
    MESSAGE(msg.str());
    CHECK_MESSAGE(computedKm >= lo, msg.str());
    CHECK_MESSAGE(computedKm <= hi, msg.str());
}

bool isBoolean(const Layer& layer, const Feature& f, const std::string& field)
{
    const int i = layer.fieldIndex(field);
    return i >= 0 && layer.fields[static_cast<std::size_t>(i)].type == FieldType::Boolean &&
           std::holds_alternative<bool>(f.values[static_cast<std::size_t>(i)]);
}

} // namespace

TEST_CASE("every bundled file opens through GDAL, declares EPSG:4326/CRS84 and is valid feature by feature")
{
    // the folder holds exactly the expected files: a new one must be added to kFiles (and so to these checks)
    std::set<std::string> onDisk;
    for (const auto& entry : std::filesystem::directory_iterator(kGeodata)) {
        if (entry.path().extension() == ".geojson" || entry.path().extension() == ".fgb") {
            CHECK_MESSAGE(onDisk.insert(entry.path().stem().string()).second, entry.path() << ": its layer is twice");
        }
    }
    std::set<std::string> expected;
    for (const auto& [stem, count] : kFiles) {
        expected.insert(stem);
    }
    CHECK(onDisk == expected);

    for (const auto& [stem, count] : kFiles) {
        CAPTURE(stem);
        const geo::LoadedSource& src = bundledSource(stem);
        // The large generated basemap layers as FlatGeobuf (fast to read), the rest as GeoJSON (readable text).
        const bool flatGeobuf = stem == "basemap_countries" || stem == "basemap_land" || stem == "basemap_seas" ||
                                stem == "basemap_water";
        CHECK(src.driver == (flatGeobuf ? "FlatGeobuf" : "GeoJSON"));
        const Layer& layer = bundledLayer(stem);
        CHECK(layer.name == stem);
        CHECK(!layer.features.empty());
        CHECK(layer.features.size() == count);
        const bool wgs84 = layer.sourceCrs.find("EPSG:4326") != std::string::npos ||
                           layer.sourceCrs.find("CRS84") != std::string::npos;
        CHECK_MESSAGE(wgs84, stem << " declares " << layer.sourceCrs);
        for (const core::FeatureIssue& issue : layer.issues) {
            FAIL_CHECK(stem << " feature " << issue.featureId << ": " << issue.message);
        }
        // GEOS validity, closed rings, finite coordinates, enough points: what `corridor info` reports
        const geo::SourceReport report = geo::inspectSource(bundledPath(stem));
        CHECK_MESSAGE(report.problemCount() == 0, geo::formatReport(report, 20));
    }
}

TEST_CASE("thematic features lie in 20°W–80°E, 5°N–70°N — basemap features in the clip box 75°W–180°E, 45°S–85°N")
{
    for (const auto& [stem, count] : kFiles) {
        const Layer& layer = bundledLayer(stem);
        const Box& box = isBasemap(stem) ? kBasemap : kThematic;
        core::Bounds all;
        for (const Feature& f : layer.features) {
            const core::Bounds b = geo::featureBounds(layer, f);
            const bool inside = !b.empty() && b.minX >= box.west - kBoxEps && b.maxX <= box.east + kBoxEps &&
                                b.minY >= box.south - kBoxEps && b.maxY <= box.north + kBoxEps;
            CHECK_MESSAGE(inside, label(layer, f) << " spans " << b.minX << ".." << b.maxX << " E, " << b.minY
                                                  << ".." << b.maxY << " N");
            all.add(b);
        }
        if (stem == "basemap_countries" || stem == "basemap_land" || stem == "basemap_seas") {
            // and the wall-to-wall basemap fills the box: the seas reach every edge, the land the west, south and
            // east edges (nothing reaches 85°N; Greenland ends at 83.7°N); lakes, disputed areas and sea names
            // are where they are
            CAPTURE(stem);
            CHECK(all.minX <= box.west + 0.01);
            CHECK(all.maxX >= box.east - 0.01);
            CHECK(all.minY <= box.south + 0.01);
            if (stem == "basemap_seas") {
                CHECK(all.maxY >= box.north - 0.01);
            }
        }
    }
}

TEST_CASE("the basemap covers the bundled map's default view, a quarter screen around it, and the view panned east")
{
    // The frame the viewer and `corridor export` open with (geo::frameView: the view box projected into the
    // Lambert conformal conic, fitted to the window) for common window shapes, grown by a quarter of the window on
    // every side: its whole outline, taken back to lon/lat, must lie inside the basemap clip box. Then no clip
    // edge (a straight "coast" where the data ends) is in sight there. The conic's top corners reach 129°E for a
    // 16:9 window on the default view, and the bottom edge the equator.
    struct Window {
        double width, height;
    };
    const Window windows[] = {{1024, 768}, {1600, 1000}, {1920, 1080}, {2560, 1080}, {1200, 1200}};
    const core::GeoBox views[] = {core::kCorridorView, {45.0, 5.0, 95.0, 60.0}};
    const geo::ProjContext proj;
    const geo::Transformer toLonLat(proj, geo::kCorridorLcc, geo::kLonLat);
    for (const core::GeoBox& view : views) {
        for (const Window& w : windows) {
            core::MapDocument document;
            document.viewCrs = geo::kCorridorLcc;
            document.initialView = view;
            const core::Camera camera = geo::frameView(document, std::nullopt, w.width, w.height);
            // the outline of the grown frame, 64 points a side, screen pixels -> world -> lon/lat
            const double x0 = -0.25 * w.width, x1 = 1.25 * w.width, y0 = -0.25 * w.height, y1 = 1.25 * w.height;
            std::vector<Vec2d> outline;
            for (int i = 0; i <= 64; ++i) {
                const double t = i / 64.0;
                for (const Vec2d screen : {Vec2d{x0 + (x1 - x0) * t, y0}, Vec2d{x0 + (x1 - x0) * t, y1},
                                           Vec2d{x0, y0 + (y1 - y0) * t}, Vec2d{x1, y0 + (y1 - y0) * t}}) {
                    outline.push_back(camera.screenToWorld(screen));
                }
            }
            REQUIRE(toLonLat.forward(outline) == 0); // the number of points PROJ could not transform
            core::Bounds reach;
            for (const Vec2d& p : outline) {
                reach.add(p);
            }
            CAPTURE(view.west);
            CAPTURE(w.width);
            CAPTURE(w.height);
            MESSAGE("view " << view.west << "," << view.south << "," << view.east << "," << view.north << " in "
                            << w.width << "x" << w.height << " plus a quarter screen reaches " << reach.minX << ".."
                            << reach.maxX << " E, " << reach.minY << ".." << reach.maxY << " N");
            CHECK(reach.minX >= kBasemap.west);
            CHECK(reach.maxX <= kBasemap.east);
            CHECK(reach.minY >= kBasemap.south);
            CHECK(reach.maxY <= kBasemap.north);
        }
    }
}

TEST_CASE("map labels: every feature of the labelled layers has a short `label`, and the style draws it")
{
    for (const auto& [stem, count] : kFiles) {
        const Layer& layer = bundledLayer(stem);
        const bool hasLabel = layer.fieldIndex("label") >= 0;
        CHECK_MESSAGE(hasLabel == (kLabelled.count(stem) == 1), stem << (hasLabel ? " has" : " has no") << " label");
        if (!hasLabel) {
            continue;
        }
        CHECK_MESSAGE(layer.fieldIndex("label_fa") >= 0, stem << " has no label_fa field");
        CHECK_MESSAGE(layer.fieldIndex("name") >= 0, stem << " has no name field");
        for (const Feature& f : layer.features) {
            const std::string shown = text(layer, f, "label");
            CHECK_MESSAGE((!shown.empty() || kUnnamedAllowed.count(stem) == 1), label(layer, f) << " has no label");
            CHECK_MESSAGE((shown.empty() || (shown.front() != ' ' && shown.back() != ' ')),
                          label(layer, f) << ": label '" << shown << "' is not trimmed");
            CHECK_MESSAGE(codePoints(shown) <= kMaxLabelChars,
                          label(layer, f) << ": label '" << shown << "' is longer than " << kMaxLabelChars);
            CHECK_MESSAGE(!text(layer, f, "name").empty(), label(layer, f) << " has no name");
        }
    }
    // the short labels of the corridor's nodes (the full names stay in `name`)
    const Layer& nodes = bundledLayer("instc_nodes");
    CHECK(text(nodes, featureById("instc_nodes", "n01"), "label") == "JNPT (Nhava Sheva)");
    CHECK(text(nodes, featureById("instc_nodes", "n03"), "label") == "Shahid Rajaee Port");
    CHECK(text(nodes, featureById("instc_nodes", "n17"), "label") == "Solyanka");
    CHECK(text(nodes, featureById("instc_nodes", "n03"), "name") == "Shahid Rajaee Port, Bandar Abbas");
    CHECK(text(bundledLayer("railways"), featureById("railways", "rw03"), "label") == "Rasht–Astara (planned)");
    CHECK(text(bundledLayer("energy_pipelines"), featureById("energy_pipelines", "p06"), "label") == "Nord Stream 1");

    // geodata/style.toml names only layers and fields the bundled data has, and labels every labelled layer by
    // `label`
    const core::StyleSheet sheet = core::loadStyleSheet(kGeodata + "/style.toml");
    std::vector<const Layer*> layers;
    for (const auto& [stem, count] : kFiles) {
        layers.push_back(&bundledLayer(stem));
    }
    for (const std::string& warning : core::styleWarnings(sheet, layers)) {
        FAIL_CHECK("style.toml: " << warning);
    }
    for (const std::string& stem : kLabelled) {
        CHECK_MESSAGE(core::styleFor(sheet, stem, core::LayerStyle{}).base.labelField == "label",
                      "style.toml does not label " << stem << " by `label`");
    }
}

TEST_CASE("every feature is sourced (ids in SOURCES.md), has a confidence and approx, and status_class is normalised")
{
    const std::set<std::string> known = geo::sourceIds(kGeodata + "/SOURCES.md");
    CHECK(known.count("NE") == 1); // the parser found the table (a bad parse would make every id "unknown")
    CHECK(known.count("S81") == 1);

    for (const auto& [stem, count] : kFiles) {
        const Layer& layer = bundledLayer(stem);
        CHECK_MESSAGE(layer.fieldIndex("source") >= 0, stem << " has no source field");
        CHECK_MESSAGE(layer.fieldIndex("confidence") >= 0, stem << " has no confidence field");
        CHECK_MESSAGE(layer.fieldIndex("approx") >= 0, stem << " has no approx field");
        for (const Feature& f : layer.features) {
            const std::string who = label(layer, f);
            const std::string source = text(layer, f, "source");
            CHECK_MESSAGE(!source.empty(), who << " has no source");
            if (!source.empty()) {
                for (const std::string& id : geo::splitSourceIds(source)) {
                    CHECK_MESSAGE(known.count(id) == 1, who << ": source id '" << id << "' is not in SOURCES.md");
                }
            }
            const std::string conf = text(layer, f, "confidence");
            CHECK_MESSAGE((conf == "H" || conf == "M" || conf == "L"), who << ": confidence '" << conf << "'");
            CHECK_MESSAGE(isBoolean(layer, f, "approx"), who << ": approx is not a true/false value");
            for (const char* flag : {"missing_link", "confirmed", "offshore"}) {
                if (layer.fieldIndex(flag) >= 0) {
                    CHECK_MESSAGE(isBoolean(layer, f, flag), who << ": " << flag << " is not a true/false value");
                }
            }
            if (layer.fieldIndex("status_class") >= 0) {
                const std::string cls = text(layer, f, "status_class");
                CHECK_MESSAGE(kStatusClasses.count(cls) == 1, who << ": status_class '" << cls << "'");
            }
        }
    }
    // the line layers must carry it, and the missing link of the corridor is exactly the feature flagged so
    for (const char* stem : {"instc_routes", "railways", "energy_pipelines"}) {
        CHECK_MESSAGE(bundledLayer(stem).fieldIndex("status_class") >= 0, stem << " has no status_class");
    }
    const Layer& routes = bundledLayer("instc_routes");
    for (const Feature& f : routes.features) {
        const bool flagged = text(routes, f, "missing_link") == "true";
        CHECK_MESSAGE(flagged == (text(routes, f, "status_class") == "missing link"),
                      label(routes, f) << ": missing_link and status_class disagree");
    }
    CHECK(text(routes, featureById("instc_routes", "r03b"), "status_class") == "missing link");
    CHECK(text(bundledLayer("railways"), featureById("railways", "rw03"), "status_class") == "planned");
    CHECK(text(bundledLayer("energy_pipelines"), featureById("energy_pipelines", "p06"), "status_class") ==
          "damaged");
}

TEST_CASE("line lengths agree with the published figures")
{
    // The lines are schematic: geodesics between town points (plus routing aids), densified to ≤10 km. Real
    // track winds through valleys and tunnels, so a drawn rail line is SHORTER than its published length, never
    // much longer. Hence asymmetric tolerances: up to 20 % short where the line crosses mountains (Alborz,
    // Caucasus foothills), tighter where the terrain is flat, and at most 5 % long (town points a few km off the
    // station, or a claim rounded down).

    SUBCASE("Qazvin–Rasht, rw01: 164 km (§4; S30, S31)")
    {
        // through the Alborz and the Sefidrud gorge (53 tunnels): the straight legs between the §4 stations
        // cut the curves, so −20 %
        checkAgainstClaim("rw01 Qazvin–Rasht", lengthKm("railways", "rw01"), 164.0, 0.20, 0.05);
    }
    SUBCASE("Rasht–Astara, rw03 and r03b: 162 km, and within the 152–170 km of all claims (§3)")
    {
        // the Gilan coastal plain is flat and the line goes through the 9 §3 towns, so it should be close:
        // −10 %; the claims themselves spread 152–170 km (MRUD 152 new track … TASS 170)
        const double rw03 = lengthKm("railways", "rw03");
        checkAgainstClaim("rw03 Rasht–Astara", rw03, 162.0, 0.10, 0.05);
        CHECK_MESSAGE(rw03 >= 152.0, "rw03 " << rw03 << " km is below every published length");
        CHECK_MESSAGE(rw03 <= 170.0, "rw03 " << rw03 << " km is above every published length");
        // the corridor's missing link is the same alignment
        CHECK(lengthKm("instc_routes", "r03b") == doctest::Approx(rw03).epsilon(1e-9));
    }
    SUBCASE("Mumbai (JNPT) → St Petersburg via the western branch: about 7,200 km (§2; S2, S9, S12)")
    {
        // the route features that make it up, in order; each starts where the previous one ends, except that the
        // sea leg ends at Shahid Rajaee (n03) and the rail trunk starts in Bandar Abbas (n04), 23–24 km apart
        const std::vector<std::string> legs = {"r01", "r02", "r03a", "r03b", "r03c", "r04", "r05"};
        const Layer& routes = bundledLayer("instc_routes");
        double total = 0.0;
        for (std::size_t i = 0; i < legs.size(); ++i) {
            total += lengthKm("instc_routes", legs[i]);
            if (i == 0) {
                continue;
            }
            const Feature& prev = featureById("instc_routes", legs[i - 1]);
            const Feature& next = featureById("instc_routes", legs[i]);
            const core::Part& prevPart = routes.parts[prev.firstPart + prev.partCount - 1];
            const Vec2d end = routes.coords[prevPart.first + prevPart.count - 1];
            const Vec2d start = routes.coords[routes.parts[next.firstPart].first];
            const double gapKm = core::geodesicDistance(end, start) / 1000.0;
            CHECK_MESSAGE(gapKm < (legs[i] == "r02" ? 25.0 : 0.001),
                          legs[i - 1] << " ends " << gapKm << " km from where " << legs[i] << " starts");
        }
        // the Shahid Rajaee → Bandar Abbas transfer is part of the trip but not drawn as a route
        const double transfer = core::geodesicDistance(pointOf("instc_nodes", "n03"), pointOf("instc_nodes", "n04"));
        total += transfer / 1000.0;
        // a mix of sea lane (close to real) and rail across the Zagros, Alborz and Caucasus foothills: −20 %
        checkAgainstClaim("JNPT → St Petersburg (r01+r02+r03a+r03b+r03c+r04+r05 + transfer)", total, 7200.0, 0.20,
                          0.05);
    }
    SUBCASE("Suez comparison route, r09: some 16,000 km (§2; S8)")
    {
        // a sea lane through straits and derived offshore points: no mountains to wind through, but real tracks
        // follow traffic separation schemes and port approaches, and the claim is a round "some": −15 %
        checkAgainstClaim("r09 JNPT → Suez → St Petersburg", lengthKm("instc_routes", "r09"), 16000.0, 0.15, 0.05);
    }
    SUBCASE("Nord Stream 1, p06: 1,222 km (WP) or 1,224 km per string (operator) (§6b; S71)")
    {
        // offshore, from the Portovaya Bay landfall (not Vyborg: issue 10) through 12 derived sea points along
        // the published route; straight legs between them cut the route's curves: −5 %
        checkAgainstClaim("p06 Nord Stream 1", lengthKm("energy_pipelines", "p06"), 1222.0, 0.05, 0.05);
    }
    SUBCASE("Nord Stream 2, p07: 1,230 km (S86)")
    {
        checkAgainstClaim("p07 Nord Stream 2", lengthKm("energy_pipelines", "p07"), 1230.0, 0.10, 0.05);
    }
}

TEST_CASE("the disputed islands: areas and published centroids (§5)")
{
    struct Island {
        std::string id;
        std::string name;
        double areaKm2;  // published (WP)
        Vec2d centroid;  // published (WP infobox, to 1 arc-minute: about ±1 km)
    };
    const Island islands[] = {
        {"i01", "Abu Musa", 12.8, {55.0333, 25.8667}},
        {"i02", "Greater Tunb", 10.3, {55.3044, 26.2625}}, // issue 10: the WP point lay in the sea 4.3 km W
        {"i03", "Lesser Tunb", 2.0, {55.1333, 26.2333}},
    };
    // Areas: the outlines are GSHHG full-resolution shorelines, the published figures are rounded and of unknown
    // datum (tide line, reclaimed land): 25 % either way. Centroids: the published point must be on the island
    // or within 2 km of it (1-arc-minute values, about ±1.8 km). Greater Tunb's WP point lay in the sea 4.3 km W
    // of the island; the data now carries the island's own centre (issue 10) and this test holds it there.
    constexpr double kAreaTolerance = 0.25;
    constexpr double kCentroidKm = 2.0;
    const Layer& layer = bundledLayer("islands");
    CHECK(text(layer, featureById("islands", "i02"), "centroid_published").rfind("55.3044, 26.2625", 0) == 0);
    for (const Island& island : islands) {
        CAPTURE(island.name);
        const Feature& f = featureById("islands", island.id);
        CHECK(text(layer, f, "name") == island.name);
        const double areaKm2 = core::featureArea(layer, f) / 1e6;
        MESSAGE(island.name << ": area " << areaKm2 << " km² (published " << island.areaKm2 << ")");
        CHECK_MESSAGE(std::abs(areaKm2 / island.areaKm2 - 1.0) <= kAreaTolerance,
                      island.name << ": area " << areaKm2 << " km² vs published " << island.areaKm2 << " km²");
        const double offKm = geo::distanceToPolygonsKm(layer, f, island.centroid);
        MESSAGE(island.name << ": published centroid is " << offKm << " km from the outline");
        CHECK_MESSAGE(offKm <= kCentroidKm, island.name << ": published centroid " << offKm << " km off the island");
        // and it is nearer to its own island than to the other two (the ids are not swapped)
        for (const Island& other : islands) {
            if (&other != &island) {
                const double otherKm = geo::distanceToPolygonsKm(layer, featureById("islands", other.id),
                                                                 island.centroid);
                CHECK_MESSAGE(offKm < otherKm, island.name << "'s published point is nearer to " << other.name);
            }
        }
    }
}

TEST_CASE("sea lanes and offshore pipelines stay off land (Natural Earth 10m), with the documented exceptions")
{
    // Tolerance: at most 1 km of land per feature in all, away from its ends. NE 10m coastlines are generalised
    // and quantised to about 360 m × 190 m (geodata/README.md), so a lane through a narrow strait or past a delta
    // islet may clip a few hundred metres; a full kilometre means the lane cuts a headland or an island.
    constexpr double kToleranceKm = 1.0;
    // Ports and cities are town points that can lie inland of the generalised coast (Amirabad about 8 km, St
    // Petersburg 6 km, Vyborg and Lubmin, the pipeline's landfalls, are onshore by design): land within this
    // geodesic radius of a line's first or last vertex is the last stretch to the port, not a crossing.
    constexpr double kEndRadiusKm = 10.0;
    // Documented exceptions (geodata/README.md): the Suez Canal is land in NE (r09 goes through it); the
    // Volga–Caspian channel r06z is a river and is not a sea lane (mode "inland waterway"), so it is not checked.
    struct Exception {
        const char* name;
        double west, south, east, north;
        double minKm, maxKm; // the exception must still be what it says: a canal of about its length
    };
    const Exception suez{"Suez Canal", 32.15, 29.85, 32.62, 31.30, 120.0, 200.0};

    struct Lane {
        const Layer* layer;
        const Feature* feature;
    };
    std::vector<Lane> lanes;
    const Layer& routes = bundledLayer("instc_routes");
    for (const Feature& f : routes.features) {
        const std::string mode = text(routes, f, "mode");
        if (mode == "sea") {
            lanes.push_back({&routes, &f});
        } else {
            // any other mode that is not rail must be the one documented waterway
            CHECK_MESSAGE((mode == "rail" || (mode == "inland waterway" && text(routes, f, "id") == "r06z")),
                          label(routes, f) << " has mode '" << mode << "', which no check covers");
        }
    }
    const Layer& pipes = bundledLayer("energy_pipelines");
    for (const Feature& f : pipes.features) {
        if (text(pipes, f, "offshore") == "true") {
            lanes.push_back({&pipes, &f});
        }
    }
    CHECK(lanes.size() == 16); // r01, r06a–h, r08c, r09, r10a–c, p06 and p07: nothing silently left out

    double suezKm = 0.0;
    for (const Lane& lane : lanes) {
        const std::string who = label(*lane.layer, *lane.feature);
        double counted = 0.0;
        double atEnds = 0.0; // reported, not limited: the stretches to inland port points
        std::ostringstream where;
        where.precision(3);
        where << std::fixed;
        for (const geo::Crossing& c : landIndex().crossings(*lane.layer, *lane.feature, kEndRadiusKm)) {
            if (c.at.x >= suez.west && c.at.x <= suez.east && c.at.y >= suez.south && c.at.y <= suez.north) {
                suezKm += c.lengthKm;
                continue;
            }
            atEnds += c.lengthKm - c.countedKm;
            if (c.countedKm > 0.0) {
                counted += c.countedKm;
                where << " " << c.countedKm << " km @ " << c.at.x << "," << c.at.y << ";";
            }
        }
        MESSAGE(who << ": land away from the ends " << counted << " km" << where.str() << " (within " << kEndRadiusKm
                    << " km of the ends: " << atEnds << " km)");
        CHECK_MESSAGE(counted <= kToleranceKm, who << " crosses land for " << counted << " km:" << where.str());
    }
    MESSAGE("Suez Canal exception: " << suezKm << " km");
    CHECK_MESSAGE(suezKm >= suez.minKm, "the Suez exception covers " << suezKm << " km");
    CHECK_MESSAGE(suezKm <= suez.maxKm, "the Suez exception covers " << suezKm << " km");
}

TEST_CASE("the disputed islands carry both the administering and the claimant side (§5)")
{
    const Layer& layer = bundledLayer("islands");
    const std::map<std::string, std::string> emirate = {
        {"Abu Musa", "Sharjah"}, {"Greater Tunb", "Ras al-Khaimah"}, {"Lesser Tunb", "Ras al-Khaimah"}};
    std::set<std::string> seen;
    for (const Feature& f : layer.features) {
        const std::string name = text(layer, f, "name");
        CAPTURE(name);
        seen.insert(name);
        CHECK(text(layer, f, "administered_by") == "IRN");
        CHECK(text(layer, f, "claimed_by") == "ARE");
        CHECK(emirate.count(name) == 1);
        if (emirate.count(name) == 1) {
            CHECK(text(layer, f, "claimed_by_emirate") == emirate.at(name));
        }
        // the names of both sides: Persian (administering) and Arabic (claimant), in script and in Latin
        for (const char* field : {"name_fa", "name_ar", "name_fa_latn", "name_ar_latn"}) {
            CHECK_MESSAGE(!text(layer, f, field).empty(), name << " has no " << field);
        }
        CHECK(text(layer, f, "administered_note").find("1971") != std::string::npos);
    }
    CHECK(seen == std::set<std::string>{"Abu Musa", "Greater Tunb", "Lesser Tunb"});
}

// ------------------------------------------------------------------------------------------------ issue 10
// The second geodata pass: each defect the audit of issue 10 found has a check here, read from the bundled files
// as the viewer reads them. The coastal checks run against the basemap's own land: Natural Earth 1:10m, which is
// quantised to about 360 m and off the GSHHG full shoreline by up to about 1 km (Bandar Abbas), or GSHHG full in
// the focus region once the basemap is built from it. The build (scripts/geodata/build.py) checks the same things
// against GSHHG full with 0.5 km (land routes) and 1 km (ports) and fails on any miss (geodata/CHECKS.md).

namespace {

// The region where the basemap may be drawn from GSHHG full (the other helper's focus box: 44–62°E, 22–48°N).
constexpr Box kFocus{44.0, 22.0, 62.0, 48.0};

bool inBox(const Box& b, Vec2d p) { return p.x >= b.west && p.x <= b.east && p.y >= b.south && p.y <= b.north; }

// True when the basemap's land comes from GSHHG (the source attribute of a land feature names it).
bool basemapIsGshhg()
{
    const Layer& land = bundledLayer("basemap_land");
    return std::any_of(land.features.begin(), land.features.end(), [&](const Feature& f) {
        return text(land, f, "source").find("GSHHG") != std::string::npos;
    });
}

// The point `km` away from p towards `bearingDeg` (equirectangular: exact enough for a few km).
Vec2d offsetKm(Vec2d p, double km, double bearingDeg)
{
    constexpr double kDegPerKm = 1.0 / 111.32;
    constexpr double kPi = 3.14159265358979323846;
    const double b = bearingDeg * kPi / 180.0;
    return {p.x + km * std::sin(b) * kDegPerKm / std::cos(p.y * kPi / 180.0), p.y + km * std::cos(b) * kDegPerKm};
}

// Land (or water, when wantLand is false) somewhere on the circle of radius km around p: 72 samples, 5° apart.
bool landOnCircle(Vec2d p, double km, bool wantLand = true)
{
    for (int i = 0; i < 72; ++i) {
        if (landIndex().covers(offsetKm(p, km, i * 5.0)) == wantLand) {
            return true;
        }
    }
    return false;
}

// Land within km of p (p itself, or a circle at km/2 or km).
bool landWithin(Vec2d p, double km)
{
    return landIndex().covers(p) || landOnCircle(p, km * 0.5) || landOnCircle(p, km);
}

// The vertices of a line feature plus points interpolated between them, at most stepKm apart.
std::vector<Vec2d> samples(const Layer& layer, const Feature& f, double stepKm)
{
    std::vector<Vec2d> out;
    for (std::uint32_t k = 0; k < f.partCount; ++k) {
        const core::Part& part = layer.parts[f.firstPart + k];
        for (std::uint32_t i = 0; i + 1 < part.count; ++i) {
            const Vec2d a = layer.coords[part.first + i];
            const Vec2d b = layer.coords[part.first + i + 1];
            const int n = std::max(1, static_cast<int>(std::ceil(core::geodesicDistance(a, b) / 1000.0 / stepKm)));
            for (int j = 0; j < n; ++j) {
                const double t = static_cast<double>(j) / n;
                out.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
            }
        }
        if (part.count > 0) {
            out.push_back(layer.coords[part.first + part.count - 1]);
        }
    }
    return out;
}

Vec2d layerPoint(const Layer& layer, const Feature& f) { return layer.coords[layer.parts[f.firstPart].first]; }

Vec2d lastVertex(const Layer& layer, const Feature& f)
{
    const core::Part& part = layer.parts[f.firstPart + f.partCount - 1];
    return layer.coords[part.first + part.count - 1];
}

const Feature& countryByIso(const std::string& iso3)
{
    const Layer& countries = bundledLayer("basemap_countries");
    const Feature* f = geo::findFeature(countries, "iso3", iso3);
    REQUIRE_MESSAGE(f != nullptr, "basemap_countries has no " << iso3);
    return *f;
}

// ISO 8601 calendar date, full or partial: YYYY, YYYY-MM or YYYY-MM-DD.
bool isIsoDate(const std::string& s)
{
    auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from),
                           s.begin() + static_cast<std::ptrdiff_t>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (s.size() != 4 && s.size() != 7 && s.size() != 10) {
        return false;
    }
    if (!digits(0, 4)) {
        return false;
    }
    if (s.size() >= 7 && (s[4] != '-' || !digits(5, 2) || std::stoi(s.substr(5, 2)) < 1 || std::stoi(s.substr(5, 2)) > 12)) {
        return false;
    }
    return s.size() < 10 || (s[7] == '-' && digits(8, 2) && std::stoi(s.substr(8, 2)) >= 1 && std::stoi(s.substr(8, 2)) <= 31);
}

const std::vector<std::string> kThematicLayers = {"instc_nodes",   "instc_routes",     "railway_stations", "railways",
                                                  "energy_fields", "energy_pipelines", "islands"};
const std::vector<std::string> kDateFields = {"agreed", "opened", "planned", "closed", "damaged", "event"};

} // namespace

TEST_CASE("Port node Alat is on the coast, and every seaport lies within 1.5 km of the coast")
{
    // Seaports lie at the shore: land and water both within 1.5 km (NE 1:10m is off the real shore by up to about
    // 1 km; the build holds them to 1 km of GSHHG full).
    const Layer& nodes = bundledLayer("instc_nodes");
    const Feature& alat = featureById("instc_nodes", "n11");
    CHECK(text(nodes, alat, "name").find("Alat") != std::string::npos);
    CHECK(text(nodes, alat, "opened").find("2018") == 0);
    // Alat is about 65 km SW of Baku city (S79)
    const double fromBaku = core::geodesicDistance(pointOf("instc_nodes", "n11"), pointOf("instc_nodes", "n10")) / 1000.0;
    CHECK_MESSAGE((fromBaku > 50.0 && fromBaku < 75.0), "Alat port is " << fromBaku << " km from Baku");
    // Where Natural Earth's coast is far off the real one, the port is checked by the build against GSHHG only
    // (until the basemap is drawn from GSHHG): NE 1:10m closes the Anzali lagoon's shore about 6 km S of the sea.
    const std::map<std::string, std::string> neGaps = {{"n32", "NE 1:10m coast about 6 km off at Anzali"}};
    const bool gshhg = basemapIsGshhg();
    int ports = 0;
    for (const Feature& f : nodes.features) {
        if (text(nodes, f, "kind") != "seaport") {
            continue;
        }
        if (!gshhg && neGaps.count(text(nodes, f, "id")) == 1) {
            MESSAGE(label(nodes, f) << ": not checked against the NE basemap (" << neGaps.at(text(nodes, f, "id"))
                                    << "); the build checks it against GSHHG full");
            ++ports;
            continue;
        }
        ++ports;
        const Vec2d p = layerPoint(nodes, f);
        const bool land = landWithin(p, 1.5);
        const bool water = !landIndex().covers(p) || landOnCircle(p, 0.75, false) || landOnCircle(p, 1.5, false);
        CHECK_MESSAGE((land && water), label(nodes, f) << " (" << text(nodes, f, "name") << ") at " << p.x << ","
                                                        << p.y << " is not at the coast: land within 1.5 km "
                                                        << land << ", water within 1.5 km " << water);
    }
    CHECK(ports == 11);
    // the Turkmenbashi and Caspian (Anzali Free Zone) ports are on the map (issue 10, missing features)
    CHECK(text(nodes, featureById("instc_nodes", "n31"), "name").find("Turkmenbashi") != std::string::npos);
    CHECK(text(nodes, featureById("instc_nodes", "n32"), "name").find("Caspian Port") != std::string::npos);
}

TEST_CASE("North Pars lies at sea 10–20 km from the coast")
{
    const Vec2d p = pointOf("energy_fields", "f03");
    CHECK_MESSAGE(!landIndex().covers(p), "North Pars " << p.x << "," << p.y << " is on land");
    // no land within 9 km (10 km less the basemap's 1 km), land within 21 km
    for (double km = 1.0; km <= 9.0; km += 1.0) {
        CHECK_MESSAGE(!landOnCircle(p, km), "North Pars has land within " << km << " km");
    }
    CHECK_MESSAGE(landOnCircle(p, 21.0), "North Pars has no coast within 21 km");
    // about 120 km SE of Bushehr (50.837, 28.969; S65)
    const double fromBushehr = core::geodesicDistance(p, {50.837, 28.969}) / 1000.0;
    CHECK_MESSAGE((fromBushehr > 100.0 && fromBushehr < 140.0), "North Pars is " << fromBushehr << " km from Bushehr");
}

TEST_CASE("r08 crosses no Uzbek territory, and r08b follows the rail path through Mashhad")
{
    const Layer& routes = bundledLayer("instc_routes");
    const Layer& countries = bundledLayer("basemap_countries");
    const Feature& uzb = countryByIso("UZB");
    for (const char* id : {"r08a", "r08b"}) {
        const Feature& f = featureById("instc_routes", id);
        int inside = 0;
        for (const Vec2d& p : samples(routes, f, 1.0)) {
            inside += geo::polygonsCover(countries, uzb, p) ? 1 : 0;
        }
        CHECK_MESSAGE(inside == 0, id << " has " << inside << " points (1 km apart) in Uzbekistan");
        // the dates are one train's: an event, not a line opening
        CHECK(text(routes, f, "opened").empty());
        CHECK(text(routes, f, "event").rfind("2022-07", 0) == 0);
    }
    // r08a starts at Chekhov (n33), not in Moscow; r08b passes Mashhad (n34)
    const Vec2d chekhov = pointOf("instc_nodes", "n33");
    const Feature& r08a = featureById("instc_routes", "r08a");
    CHECK(core::geodesicDistance(layerPoint(routes, r08a), chekhov) < 10.0); // metres
    const Vec2d mashhad = pointOf("instc_nodes", "n34");
    double nearest = 1e9;
    for (const Vec2d& p : samples(routes, featureById("instc_routes", "r08b"), 1.0)) {
        nearest = std::min(nearest, core::geodesicDistance(p, mashhad) / 1000.0);
    }
    CHECK_MESSAGE(nearest < 1.0, "r08b passes " << nearest << " km from Mashhad");
}

TEST_CASE("every route and pipeline has a label and a legend name")
{
    for (const char* stem : {"instc_routes", "railways", "energy_pipelines"}) {
        const Layer& layer = bundledLayer(stem);
        REQUIRE_MESSAGE(layer.fieldIndex("legend") >= 0, stem << " has no legend field");
        for (const Feature& f : layer.features) {
            CHECK_MESSAGE(!text(layer, f, "label").empty(), label(layer, f) << " has no label");
            CHECK_MESSAGE(!text(layer, f, "legend").empty(), label(layer, f) << " has no legend name");
        }
    }
    // the style labels the routes too (style.toml [layer.instc_routes] label = "label")
    const core::StyleSheet sheet = core::loadStyleSheet(kGeodata + "/style.toml");
    CHECK(core::styleFor(sheet, "instc_routes", core::LayerStyle{}).base.labelField == "label");
}

TEST_CASE("every thematic feature has ISO dates and status_as_of")
{
    for (const std::string& stem : kThematicLayers) {
        const Layer& layer = bundledLayer(stem);
        for (const std::string& field : kDateFields) {
            CHECK_MESSAGE(layer.fieldIndex(field) >= 0, stem << " has no " << field << " field");
        }
        REQUIRE_MESSAGE(layer.fieldIndex("status_as_of") >= 0, stem << " has no status_as_of field");
        for (const Feature& f : layer.features) {
            for (const std::string& field : kDateFields) {
                // the loader reads dates as the file writes them (GDAL's OFTDate would print YYYY/MM/DD)
                const std::string v = text(layer, f, field);
                CHECK_MESSAGE((v.empty() || isIsoDate(v)), label(layer, f) << ": " << field << " '" << v
                                                                           << "' is not an ISO date");
            }
            const std::string asOf = text(layer, f, "status_as_of");
            CHECK_MESSAGE(isIsoDate(asOf), label(layer, f) << ": status_as_of '" << asOf << "'");
        }
    }
    CHECK(!isIsoDate("2018-13"));
    CHECK(!isIsoDate("14 May 2018"));
    CHECK(isIsoDate("1992"));
}

TEST_CASE("lengths within tolerance: 5 % for Qazvin–Rasht and Rasht–Astara, 10 % or an explained discrepancy elsewhere")
{
    for (const char* stem : {"instc_routes", "railways", "energy_pipelines"}) {
        const Layer& layer = bundledLayer(stem);
        REQUIRE_MESSAGE(layer.fieldIndex("length_discrepancy") >= 0, stem << " has no length_discrepancy field");
        for (const Feature& f : layer.features) {
            const core::AttrValue* claimed = layer.value(f, "length_claimed_km");
            if (claimed == nullptr || std::holds_alternative<std::monostate>(*claimed)) {
                continue;
            }
            const double claim = std::stod(core::formatValue(*claimed));
            const double drawn = core::featureLength(layer, f) / 1000.0;
            const double off = drawn / claim - 1.0;
            const std::string why = text(layer, f, "length_discrepancy");
            MESSAGE(label(layer, f) << ": drawn " << drawn << " km, published " << claim << " km ("
                                    << off * 100.0 << " %)" << (why.empty() ? "" : "; explained"));
            CHECK_MESSAGE((std::abs(off) <= 0.10 || !why.empty()),
                          label(layer, f) << " is " << off * 100.0 << " % off its published length, unexplained");
        }
    }
    checkAgainstClaim("rw01 Qazvin–Rasht (issue 10: within 5 %)", lengthKm("railways", "rw01"), 164.0, 0.05, 0.05);
    checkAgainstClaim("rw03 Rasht–Astara (issue 10: within 5 %)", lengthKm("railways", "rw03"), 162.0, 0.05, 0.05);
    CHECK(text(bundledLayer("railways"), featureById("railways", "rw01"), "length_discrepancy").empty());
    CHECK(text(bundledLayer("railways"), featureById("railways", "rw03"), "length_discrepancy").empty());
    // IP pipeline in Pakistan: 781–785 km, not the 914 km drawn through Karachi before
    checkAgainstClaim("p05 IP Pakistan", lengthKm("energy_pipelines", "p05"), 781.0, 0.10, 0.05);
}

TEST_CASE("every point of a land route is on land or within 500 m of the coast")
{
    // 0.5 km where the basemap is GSHHG full (the focus region, once built so); 1.5 km against Natural Earth
    // 1:10m, whose shore is up to about 1 km off the real one. Bridges and dams over water GSHHG draws (the Volga
    // at Astrakhan and Volgograd, the Manjil dam lake, the Indus) are the build's documented exceptions.
    struct Crossing {
        const char* name;
        Box box;
    };
    const Crossing bridges[] = {{"Volga bridge at Astrakhan", {47.90, 46.35, 48.10, 46.52}},
                                {"Volga crossing at Volgograd", {44.45, 48.62, 44.80, 48.85}},
                                {"Manjil dam-lake bridge", {49.38, 36.66, 49.50, 36.76}},
                                {"Indus crossing E of Sehwan", {67.85, 26.20, 68.00, 26.36}}};
    const bool gshhg = basemapIsGshhg();
    struct Line {
        const Layer* layer;
        const Feature* feature;
    };
    std::vector<Line> lines;
    const Layer& routes = bundledLayer("instc_routes");
    for (const Feature& f : routes.features) {
        if (text(routes, f, "mode") == "rail") {
            lines.push_back({&routes, &f});
        }
    }
    const Layer& rail = bundledLayer("railways");
    for (const Feature& f : rail.features) {
        lines.push_back({&rail, &f});
    }
    const Layer& pipes = bundledLayer("energy_pipelines");
    for (const Feature& f : pipes.features) {
        if (text(pipes, f, "offshore") == "false") {
            lines.push_back({&pipes, &f});
        }
    }
    CHECK(lines.size() >= 20);
    for (const Line& line : lines) {
        int off = 0;
        std::ostringstream where;
        for (const Vec2d& p : samples(*line.layer, *line.feature, 1.0)) {
            if (std::any_of(std::begin(bridges), std::end(bridges), [&](const Crossing& c) { return inBox(c.box, p); })) {
                continue;
            }
            const double tol = (gshhg && inBox(kFocus, p)) ? 0.5 : 1.5;
            if (!landWithin(p, tol)) {
                if (off++ < 3) {
                    where << " " << p.x << "," << p.y << ";";
                }
            }
        }
        CHECK_MESSAGE(off == 0, label(*line.layer, *line.feature) << ": " << off << " points (1 km apart) off land:"
                                                                  << where.str());
    }
}

TEST_CASE("issue 10 facts: IGAT-1 from Bid Boland, IP ends at the border, Nord Stream from Portovaya, p01 via Yalama")
{
    const Layer& pipes = bundledLayer("energy_pipelines");
    const Layer& countries = bundledLayer("basemap_countries");
    // IGAT-1 starts at Bid Boland (between Aghajari and Behbahan), not at Abadan, and reaches Astara
    const Feature& p02 = featureById("energy_pipelines", "p02");
    const Vec2d start = pipes.coords[pipes.parts[p02.firstPart].first];
    CHECK_MESSAGE(core::geodesicDistance(start, {50.1, 30.57}) / 1000.0 < 30.0, "IGAT-1 starts at " << start.x << "," << start.y);
    CHECK(core::geodesicDistance(start, {48.304, 30.339}) / 1000.0 > 100.0); // not Abadan
    CHECK(featureById("energy_pipelines", "p02t").partCount == 1);           // the Tehran spur
    // the IP pipeline's Iranian part ends on the border, not at Jiwani inside Pakistan
    const Vec2d zero = lastVertex(pipes, featureById("energy_pipelines", "p04"));
    CHECK_MESSAGE(geo::distanceToPolygonsKm(countries, countryByIso("IRN"), zero) < 1.0, "p04 ends outside Iran");
    CHECK_MESSAGE(geo::distanceToPolygonsKm(countries, countryByIso("PAK"), zero) < 1.0, "p04 ends away from Pakistan");
    CHECK(text(pipes, featureById("energy_pipelines", "p04"), "status_class") == "built");
    CHECK(text(pipes, featureById("energy_pipelines", "p03"), "status_class") == "operational"); // IGAT-7, 2010
    // Nord Stream 1 starts at Portovaya Bay (about 28.08, 60.53), not at Vyborg
    const Feature& p06 = featureById("energy_pipelines", "p06");
    CHECK(core::geodesicDistance(pipes.coords[pipes.parts[p06.firstPart].first], {28.08, 60.53}) / 1000.0 < 3.0);
    // Russia → Iran gas along the coast through the Samur/Yalama crossing, not a chord over the Caucasus
    double nearYalama = 1e9;
    for (const Vec2d& p : samples(pipes, featureById("energy_pipelines", "p01"), 1.0)) {
        nearYalama = std::min(nearYalama, core::geodesicDistance(p, pointOf("instc_nodes", "n12")) / 1000.0);
    }
    CHECK_MESSAGE(nearYalama < 2.0, "p01 passes " << nearYalama << " km from Yalama");
    CHECK(text(pipes, featureById("energy_pipelines", "p01"), "section_claims").find("680") != std::string::npos);
    // Rasht–Caspian railway ends at the Caspian Port (Anzali Free Zone)
    const Layer& rail = bundledLayer("railways");
    CHECK(core::geodesicDistance(lastVertex(rail, featureById("railways", "rw02")), pointOf("instc_nodes", "n32")) < 1.0);
    // Nord Stream 2 and the two rupture sites (26 Sep 2022)
    const Layer& fields = bundledLayer("energy_fields");
    for (const char* id : {"f05", "f06"}) {
        CHECK(text(fields, featureById("energy_fields", id), "damaged").find("2022") == 0);
        CHECK(!landIndex().covers(pointOf("energy_fields", id)));
    }
}

TEST_CASE("islands: Abu Musa partitioned in 1971, wholly Iranian since 1992, and the 2025 treaty is no island event")
{
    const Layer& layer = bundledLayer("islands");
    const Feature& abuMusa = featureById("islands", "i01");
    CHECK(text(layer, abuMusa, "administered_note").find("1992") != std::string::npos);
    CHECK(text(layer, abuMusa, "events").find("1992") != std::string::npos);
    CHECK(text(layer, abuMusa, "event") == "1992");
    for (const Feature& f : layer.features) {
        // the 17 Jan 2025 Iran–Russia treaty does not mention the islands
        CHECK_MESSAGE(text(layer, f, "events").find("2025") == std::string::npos,
                      text(layer, f, "name") << ": the 2025 treaty is listed as an island event");
    }
}

TEST_CASE("Chabahar: the US sanctions exception revoked from 29 Sep 2025, India's waiver to 26 Apr 2026")
{
    const Layer& nodes = bundledLayer("instc_nodes");
    const Feature& chabahar = featureById("instc_nodes", "n24");
    CHECK(text(nodes, chabahar, "event") == "2025-09-29");
    CHECK(text(nodes, chabahar, "notes").find("26 Apr 2026") != std::string::npos);
    // the Chabahar–Zahedan railway (under construction) starts at Chabahar
    const Layer& rail = bundledLayer("railways");
    const Feature& rw06 = featureById("railways", "rw06");
    CHECK(text(rail, rw06, "status_class") == "under construction");
    CHECK(core::geodesicDistance(rail.coords[rail.parts[rw06.firstPart].first], pointOf("instc_nodes", "n24")) < 1.0);
}

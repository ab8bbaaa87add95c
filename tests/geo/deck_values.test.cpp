// Deck placeholders over loaded layers (geo/deck_values): geodesic lengths and areas checked against values known
// independently of PROJ (the equator's and a meridian's degree, the ellipsoid's graticule cell), the feature lookup
// by id then name, and every way a placeholder can fail. Then the bundled routes against their own
// length_computed_km.

#include "geo/deck_values.hpp"

#include "core/deck.hpp"
#include "geo/loader.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <string>

using namespace corridor;
using core::AttrValue;
using core::GeometryType;
using core::Layer;
using core::PartRole;
using core::Vec2d;

namespace {

constexpr double kA = 6378137.0;               // WGS84 semi-major axis, metres
constexpr double kF = 1.0 / 298.257223563;     // flattening
const double kDegreeOfEquator = kA * std::numbers::pi / 180.0; // 111,319.49 m

// Area on the WGS84 ellipsoid between two parallels and two meridians (a graticule cell), m²: the authalic
// formula, independent of PROJ's geodesic polygons.
double cellArea(double lon0, double lat0, double lon1, double lat1)
{
    const double e2 = kF * (2.0 - kF);
    const double e = std::sqrt(e2);
    const double b2 = kA * kA * (1.0 - e2);
    const auto q = [&](double latDeg) {
        const double s = std::sin(latDeg * std::numbers::pi / 180.0);
        return s / (1.0 - e2 * s * s) + std::log((1.0 + e * s) / (1.0 - e * s)) / (2.0 * e);
    };
    return (lon1 - lon0) * std::numbers::pi / 180.0 * b2 / 2.0 * (q(lat1) - q(lat0));
}

struct Builder {
    Layer layer;

    explicit Builder(std::string name, std::vector<std::string> fields = {"id", "name"})
    {
        layer.name = std::move(name);
        for (std::string& f : fields) {
            layer.fields.push_back({std::move(f), core::FieldType::String});
        }
    }

    // A feature of `type` with one part per ring or line in `parts` (for polygons: the first is the exterior).
    Builder& add(GeometryType type, std::vector<AttrValue> values, const std::vector<std::vector<Vec2d>>& parts)
    {
        core::Feature f;
        f.id = static_cast<std::int64_t>(layer.features.size());
        f.type = type;
        f.values = std::move(values);
        f.firstPart = static_cast<std::uint32_t>(layer.parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const PartRole role = type == GeometryType::Line      ? PartRole::Line
                                  : type == GeometryType::Point   ? PartRole::Point
                                  : i == 0                        ? PartRole::OuterRing
                                                                  : PartRole::InnerRing;
            core::appendPart(layer, role, parts[i].data(), parts[i].size());
        }
        f.partCount = static_cast<std::uint32_t>(parts.size());
        layer.features.push_back(std::move(f));
        return *this;
    }
};

std::vector<Vec2d> square(double lon0, double lat0, double lon1, double lat1)
{
    return {{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}};
}

// Routes: along the equator, up a meridian, a two-part line, a polygon and a point.
Layer routes()
{
    Builder b("routes");
    b.add(GeometryType::Line, {std::string("eq1"), std::string("Equator one")}, {{{0, 0}, {1, 0}}});
    b.add(GeometryType::Line, {std::string("eq2"), std::string("Equator two")}, {{{10, 0}, {10.5, 0}, {12, 0}}});
    b.add(GeometryType::Line, {std::string("m1"), std::string("Meridian")}, {{{30, 0}, {30, 1}}});
    b.add(GeometryType::Line, {std::string("two"), std::string("Two parts")}, {{{0, 0}, {1, 0}}, {{5, 0}, {7, 0}}});
    b.add(GeometryType::Polygon, {std::string("sq"), std::string("Square")}, {square(0, 0, 1, 1)});
    b.add(GeometryType::Point, {std::string("pt"), std::string("Port")}, {{{3, 3}}});
    b.add(GeometryType::None, {std::string("nogeom"), std::string("Nothing")}, {});
    return std::move(b.layer);
}

core::Placeholder placeholder(const std::string& text)
{
    const std::vector<core::Placeholder> found = core::placeholders(text);
    REQUIRE(found.size() == 1);
    REQUIRE(found[0].error.empty());
    return found[0];
}

core::PlaceholderValue resolve(const std::vector<const Layer*>& layers, const std::string& text)
{
    return geo::resolvePlaceholder(layers, placeholder(text));
}

} // namespace

TEST_CASE("lengths: the geodesic length of line features, all parts, summed over ids")
{
    const Layer layer = routes();
    const std::vector<const Layer*> layers{&layer};
    core::PlaceholderValue v = resolve(layers, "{{length:routes/eq1}}");
    REQUIRE(v.ok());
    CHECK(v.number == doctest::Approx(kDegreeOfEquator).epsilon(1e-9));
    // A degree of the meridian from the equator: 110,574.4 m (the ellipsoid is flatter there).
    v = resolve(layers, "{{length:routes/m1}}");
    REQUIRE(v.ok());
    CHECK(v.number == doctest::Approx(110574.39).epsilon(1e-6));
    // Several vertices and several parts add up.
    v = resolve(layers, "{{length:routes/eq2}}");
    CHECK(v.number == doctest::Approx(2.0 * kDegreeOfEquator).epsilon(1e-9));
    v = resolve(layers, "{{length:routes/two}}");
    CHECK(v.number == doctest::Approx(3.0 * kDegreeOfEquator).epsilon(1e-9));
    v = resolve(layers, "{{length:routes/eq1+eq2+two}}");
    CHECK(v.number == doctest::Approx(6.0 * kDegreeOfEquator).epsilon(1e-9));
    // By name as well as by id.
    v = resolve(layers, "{{length:routes/Equator one+eq2}}");
    CHECK(v.number == doctest::Approx(3.0 * kDegreeOfEquator).epsilon(1e-9));

    // Through expandPlaceholders, formatted in each unit.
    const core::PlaceholderResolver resolver = geo::layerResolver(layers);
    CHECK(core::expandPlaceholders("{{length:routes/eq1}}", resolver).text == "111 km");
    CHECK(core::expandPlaceholders("{{length:routes/eq1+eq2+two|nmi}}", resolver).text == "361 nmi");
    CHECK(core::expandPlaceholders("{{length:routes/eq2|mi}}", resolver).text == "138 mi");
}

TEST_CASE("areas: geodesic, exterior less holes, against the ellipsoid's graticule cell")
{
    Builder b("areas");
    b.add(GeometryType::Polygon, {std::string("cell"), std::string("Cell")}, {square(0, 0, 1, 1)});
    b.add(GeometryType::Polygon, {std::string("holed"), std::string("Holed")},
          {square(10, 40, 12, 42), square(10.5, 40.5, 11.5, 41.5)});
    b.add(GeometryType::Polygon, {std::string("multi"), std::string("Multi")},
          {square(20, 0, 21, 1), square(20.25, 0.25, 20.75, 0.75), square(30, 0, 31, 1)});
    // Two polygons of one feature: both exteriors count (the loader gives each its OuterRing).
    b.layer.parts.back().role = PartRole::OuterRing;
    const std::vector<const Layer*> layers{&b.layer};

    // The top edge of a geodesic square bulges poleward of the parallel: about 3e-5 of a 1° cell at the equator.
    core::PlaceholderValue v = resolve(layers, "{{area:areas/cell}}");
    REQUIRE(v.ok());
    CHECK(v.number == doctest::Approx(cellArea(0, 0, 1, 1)).epsilon(1e-4));
    CHECK(v.number == doctest::Approx(12308.78e6).epsilon(1e-4));
    v = resolve(layers, "{{area:areas/holed}}");
    REQUIRE(v.ok());
    CHECK(v.number == doctest::Approx(cellArea(10, 40, 12, 42) - cellArea(10.5, 40.5, 11.5, 41.5)).epsilon(1e-3));
    v = resolve(layers, "{{area:areas/multi}}");
    REQUIRE(v.ok());
    CHECK(v.number ==
          doctest::Approx(2.0 * cellArea(0, 0, 1, 1) - cellArea(0.25, 0.25, 0.75, 0.75)).epsilon(1e-4));
    v = resolve(layers, "{{area:areas/cell+holed}}");
    CHECK(v.number == doctest::Approx(resolve(layers, "{{area:areas/cell}}").number +
                                      resolve(layers, "{{area:areas/holed}}").number));
    CHECK(core::expandPlaceholders("{{area:areas/cell}}", geo::layerResolver(layers)).text == "12,309 km²");
}

TEST_CASE("counts and values")
{
    Builder b("nodes", {"id", "name", "capacity", "opened", "note"});
    b.add(GeometryType::Point, {std::string("n1"), std::string("Rasht"), std::int64_t(12000), 2019.0, AttrValue{}},
          {{{49.59, 37.28}}});
    b.add(GeometryType::Point, {std::string("n2"), std::string("Astara"), 2.5, true, std::string("border")},
          {{{48.87, 38.43}}});
    b.add(GeometryType::None, {std::string("n3"), std::string("Unplaced"), AttrValue{}, AttrValue{}, AttrValue{}}, {});
    const std::vector<const Layer*> layers{&b.layer};

    core::PlaceholderValue v = resolve(layers, "{{count:nodes}}");
    REQUIRE(v.ok());
    CHECK(v.number == 3); // every row read, drawn or not
    CHECK(resolve(layers, "{{value:nodes/n1/capacity}}").text == "12000");
    CHECK(resolve(layers, "{{value:nodes/Rasht/opened}}").text == "2019");
    CHECK(resolve(layers, "{{value:nodes/n2/capacity}}").text == "2.5");
    CHECK(resolve(layers, "{{value:nodes/n2/opened}}").text == "true");
    CHECK(resolve(layers, "{{value:nodes/Astara/note}}").text == "border");

    CHECK(resolve(layers, "{{value:nodes/n1/note}}").error == "field 'note' of feature 'n1' in layer 'nodes' is empty");
    CHECK(resolve(layers, "{{value:nodes/n1/Capacity}}").error ==
          "layer 'nodes' has no field 'Capacity'; did you mean 'capacity'?");
    CHECK(resolve(layers, "{{value:nodes/n1/length}}").error ==
          "layer 'nodes' has no field 'length'; its fields are id, name, capacity, opened, note");
    CHECK(resolve(layers, "{{value:nodes/n9/name}}").error == "layer 'nodes' has no feature with id or name 'n9'");
    const core::ExpandedText text =
        core::expandPlaceholders("{{count:nodes}} nodes, {{value:nodes/n1/note}}", geo::layerResolver(layers));
    CHECK(text.text == "3 nodes, {{value:nodes/n1/note}}");
    CHECK(text.errors ==
          std::vector<std::string>{"{{value:nodes/n1/note}}: field 'note' of feature 'n1' in layer 'nodes' is empty"});
}

TEST_CASE("features are found by id, then by name, and several matches are an error, never a guess")
{
    Builder b("lines", {"ID", "name"}); // an upper-case id field is the id field
    b.add(GeometryType::Line, {std::string("a"), std::string("b")}, {{{0, 0}, {1, 0}}});
    b.add(GeometryType::Line, {std::string("b"), std::string("Twin")}, {{{0, 0}, {2, 0}}});
    b.add(GeometryType::Line, {std::string("c"), std::string("Twin")}, {{{0, 0}, {3, 0}}});
    b.add(GeometryType::Line, {std::string("d"), std::string("Dup")}, {{{0, 0}, {4, 0}}});
    b.add(GeometryType::Line, {std::string("d"), std::string("Dup 2")}, {{{0, 0}, {5, 0}}});
    const Layer& layer = b.layer;

    // "b" is the second feature's id and the first's name: the id wins.
    CHECK(geo::findFeature(layer, "b").index == std::optional<std::size_t>(1));
    CHECK(geo::findFeature(layer, "b", geo::FeatureKey::Name).index == std::optional<std::size_t>(0));
    CHECK(geo::findFeature(layer, "b", geo::FeatureKey::Id).index == std::optional<std::size_t>(1));
    CHECK(geo::findFeature(layer, "Dup 2").index == std::optional<std::size_t>(4));
    CHECK_FALSE(geo::findFeature(layer, "Dup 2", geo::FeatureKey::Id).index);
    CHECK(geo::findFeature(layer, "Dup 2", geo::FeatureKey::Id).error == "layer 'lines' has no feature with id 'Dup 2'");
    CHECK(geo::findFeature(layer, "Twin").error ==
          "2 features of layer 'lines' have the name 'Twin' (b, c); name one by a unique id");
    CHECK(geo::findFeature(layer, "d").error ==
          "2 features of layer 'lines' have the id 'd' (d, d); name one by a unique id");
    CHECK(geo::findFeature(layer, "x").error == "layer 'lines' has no feature with id or name 'x'");
    CHECK(geo::findFeature(layer, "a ").error == "layer 'lines' has no feature with id or name 'a '"); // exact text

    // Numeric ids match their text; a layer without an id field is searched by name only, and says so.
    Layer numbered;
    numbered.name = "numbered";
    numbered.fields = {{"id", core::FieldType::Integer}};
    numbered.features.resize(2);
    numbered.features[0].values = {std::int64_t(7)};
    numbered.features[1].values = {std::int64_t(42)};
    CHECK(geo::findFeature(numbered, "42").index == std::optional<std::size_t>(1));
    Layer unnamed;
    unnamed.name = "plain";
    unnamed.fields = {{"name", core::FieldType::String}};
    unnamed.features.resize(1);
    unnamed.features[0].values = {std::string("Baku")};
    CHECK(geo::findFeature(unnamed, "Baku").index == std::optional<std::size_t>(0));
    CHECK(geo::findFeature(unnamed, "3").error == "layer 'plain' has no feature with id or name '3' (it has no id field)");

    // Layers by name.
    const Layer other = routes();
    Layer twin = routes();
    CHECK(geo::findLayer({&layer, &other}, "routes").layer == &other);
    CHECK(geo::findLayer({&layer, &other}, "route").error ==
          "no loaded layer is called 'route'; the layers are lines, routes");
    CHECK(geo::findLayer({}, "route").error == "no loaded layer is called 'route'; no layers are loaded");
    twin.sourcePath = "/data/b.geojson";
    const geo::LayerLookup ambiguous = geo::findLayer({&twin, &other}, "routes");
    CHECK(ambiguous.layer == nullptr);
    CHECK(ambiguous.error == "2 loaded layers are called 'routes' (from /data/b.geojson and others): which one is meant?");
}

TEST_CASE("a placeholder that cannot be computed says why")
{
    Layer layer = routes();
    // The loader dropped a part of eq2: its length would be short.
    core::FeatureIssue issue;
    issue.featureId = 1;
    issue.action = core::IssueAction::PartNotDrawn;
    issue.message = "line 2 has 1 point; that part is not drawn, the rest is";
    layer.issues.push_back(issue);
    issue.featureId = 2;
    issue.action = core::IssueAction::DrawnAsRead; // drawn whole: measured as drawn
    layer.issues.push_back(issue);
    const std::vector<const Layer*> layers{&layer};

    const std::vector<std::pair<std::string, std::string>> cases{
        {"{{length:rail/eq1}}", "no loaded layer is called 'rail'; the layers are routes"},
        {"{{length:routes/eq9}}", "layer 'routes' has no feature with id or name 'eq9'"},
        {"{{length:routes/eq1+eq9}}", "layer 'routes' has no feature with id or name 'eq9'"},
        {"{{length:routes/sq}}",
         "feature 'sq' of layer 'routes' is a polygon: only lines have a length (use {{area:…}})"},
        {"{{length:routes/pt}}", "feature 'pt' of layer 'routes' is a point: only lines have a length"},
        {"{{length:routes/nogeom}}", "feature 'nogeom' of layer 'routes' is without geometry: only lines have a length"},
        {"{{area:routes/eq1}}", "feature 'eq1' of layer 'routes' is a line: only polygons have an area (use {{length:…}})"},
        {"{{length:routes/eq2}}", "feature 'eq2' of layer 'routes' was not loaded whole (line 2 has 1 point; that part "
                                  "is not drawn, the rest is), so its length would be wrong"},
        {"{{count:nowhere}}", "no loaded layer is called 'nowhere'; the layers are routes"},
    };
    for (const auto& [text, error] : cases) {
        CAPTURE(text);
        const core::PlaceholderValue v = resolve(layers, text);
        CHECK_FALSE(v.ok());
        CHECK(v.error == error);
    }
    CHECK(resolve(layers, "{{length:routes/m1}}").ok());
    // A malformed placeholder handed to the resolver directly is refused, not guessed at.
    const core::Placeholder bad = core::placeholders("{{length:routes}}").at(0);
    CHECK(geo::resolvePlaceholder(layers, bad).error == bad.error);
}

TEST_CASE("the bundled routes: lengths agree with the data's own length_computed_km")
{
    geo::initGdal();
    const geo::LoadedSource source = geo::loadSource(std::string(CORRIDOR_GEODATA_DIR) + "/instc_routes.geojson");
    REQUIRE(source.layers.size() == 1);
    const Layer& routes = source.layers[0];
    const std::vector<const Layer*> layers{&routes};
    int checked = 0;
    for (const core::Feature& f : routes.features) {
        const core::AttrValue* id = routes.value(f, "id");
        const core::AttrValue* km = routes.value(f, "length_computed_km");
        if (id == nullptr || km == nullptr || !std::holds_alternative<double>(*km) || f.type != GeometryType::Line) {
            continue;
        }
        const std::string text = "{{length:" + routes.name + "/" + core::formatValue(*id) + "}}";
        CAPTURE(text);
        const core::PlaceholderValue v = resolve(layers, text);
        REQUIRE(v.ok());
        CHECK(std::abs(v.number / 1000.0 - std::get<double>(*km)) <= 0.051); // the data rounds to 0.1 km
        ++checked;
    }
    CHECK(checked >= 20);
    CHECK(core::expandPlaceholders("{{count:" + routes.name + "}}", geo::layerResolver(layers)).text ==
          std::to_string(routes.features.size()));
}

TEST_CASE("the example deck in docs/briefing-format.md reads cleanly, and its values and highlights resolve")
{
    // The documentation's example is the first ```toml block; it must stay a deck that works on the bundled data.
    const std::string docPath = std::string(CORRIDOR_GEODATA_DIR) + "/../docs/briefing-format.md";
    std::ifstream in(docPath);
    REQUIRE(in);
    const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t start = doc.find("```toml\n");
    REQUIRE(start != std::string::npos);
    const std::size_t end = doc.find("```\n", start + 8);
    REQUIRE(end != std::string::npos);
    const core::Deck deck = core::parseDeck(doc.substr(start + 8, end - start - 8),
                                            std::string(CORRIDOR_GEODATA_DIR) + "/../assets/briefings/example.toml");
    CHECK(deck.warnings.empty());
    REQUIRE(deck.slides.size() == 3);
    CHECK(std::filesystem::is_regular_file(deck.resolve(deck.style))); // as if it were in assets/briefings/
    CHECK(deck.slides[2].asOf == std::optional<std::string>("2010-01-01"));

    geo::initGdal();
    const geo::LoadedSource source = geo::loadSource(std::string(CORRIDOR_GEODATA_DIR) + "/instc_routes.geojson");
    std::vector<const Layer*> layers;
    for (const Layer& l : source.layers) {
        layers.push_back(&l);
    }
    const core::PlaceholderResolver resolver = geo::layerResolver(layers);
    for (const core::Slide& s : deck.slides) {
        for (const std::string& text : {s.title, s.caption, s.notes}) {
            CAPTURE(text);
            CHECK(core::expandPlaceholders(text, resolver).errors.empty());
        }
        for (const core::DeckHighlight& h : s.highlights) {
            const geo::LayerLookup layer = geo::findLayer(layers, h.layer);
            REQUIRE(layer.layer != nullptr);
            const geo::FeatureLookup f = h.id.empty() ? geo::findFeature(*layer.layer, h.name, geo::FeatureKey::Name)
                                                      : geo::findFeature(*layer.layer, h.id, geo::FeatureKey::Id);
            CHECK_MESSAGE(f.index.has_value(), f.error);
        }
    }
    // The numbers the docs quote.
    CHECK(core::expandPlaceholders("{{length:instc_routes/r01|nmi}}", resolver).text == "1,093 nmi");
    CHECK(core::expandPlaceholders(deck.slides[1].caption, resolver).text.rfind("155 km of track", 0) == 0);
}

TEST_CASE("checkDeckData names, per slide, what the loaded data does not have")
{
    const Layer layer = routes();
    const std::vector<const Layer*> layers{&layer};
    const std::string text = "[deck]\n"                                              // 1
                             "title = \"{{count:routes}} routes, {{count:rail}}\"\n" // 2
                             "[[slide]]\n"                                           // 3
                             "title = \"{{length:routes/eq1}}\"\n"                   // 4
                             "caption = \"{{length:routes/pt}}\"\n"                  // 5
                             "notes = \"{{value:routes/eq1/name}}\"\n"               // 6
                             "layers = [\"routes\", \"basemap\"]\n"                  // 7
                             "[slide.view]\nbbox = [0, 0, 1, 1]\n"                   // 8, 9
                             "[[slide.highlight]]\nlayer = \"routes\"\nid = \"eq1\"\n"          // 10-12
                             "[[slide.highlight]]\nlayer = \"routes\"\nname = \"eq1\"\n"        // 13-15
                             "[[slide.highlight]]\nlayer = \"rail\"\nname = \"Rasht\"\n"        // 16-18
                             "[[slide.annotation]]\nkind = \"arrow\"\nat = [0, 0]\ntext = \"{{area:routes/sq9}}\"\n" // 19
                             "[[slide]]\n"                                           // 23
                             "title = \"fine: {{area:routes/sq}}\"\n"
                             "[slide.view]\nbbox = [0, 0, 1, 1]\n";
    const core::Deck deck = core::parseDeck(text, "check.toml");
    REQUIRE(deck.warnings.empty());
    const geo::DeckDataProblems problems = geo::checkDeckData(deck, layers);
    CHECK_FALSE(problems.empty());
    CHECK(problems.deck == std::vector<std::string>{"check.toml: key 'deck.title': {{count:rail}}: no loaded layer is "
                                                    "called 'rail'; the layers are routes"});
    REQUIRE(problems.slides.size() == 2);
    CHECK(problems.slides[0] ==
          std::vector<std::string>{
              "check.toml:3: key 'slide[1].caption': {{length:routes/pt}}: feature 'pt' of layer 'routes' is a point: "
              "only lines have a length",
              "check.toml:3: key 'slide[1].layers[2]': no loaded layer is called 'basemap'; the layers are routes",
              "check.toml:13: key 'slide[1].highlight[2]': layer 'routes' has no feature with name 'eq1'",
              "check.toml:16: key 'slide[1].highlight[3]': no loaded layer is called 'rail'; the layers are routes",
              "check.toml:19: key 'slide[1].annotation[1].text': {{area:routes/sq9}}: layer 'routes' has no feature "
              "with id or name 'sq9'",
          });
    CHECK(problems.slides[1].empty());
    // With the data the deck names, nothing is left to report.
    Layer rail = routes();
    rail.name = "rail";
    Layer basemap;
    basemap.name = "basemap";
    core::Deck fixed = deck;
    fixed.slides[0].caption.clear();
    fixed.slides[0].highlights[1].name = "Equator one";
    fixed.slides[0].highlights[2] = {"rail", "", "Port"};
    fixed.slides[0].annotations[0].text = "{{area:routes/sq}}";
    CHECK(geo::checkDeckData(fixed, {&layer, &rail, &basemap}).empty());
}

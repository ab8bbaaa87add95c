#include "core/style_file.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

using corridor::core::applyPatch;
using corridor::core::AttrValue;
using corridor::core::Color;
using corridor::core::Condition;
using corridor::core::defaultLayerStyle;
using corridor::core::drawOrder;
using corridor::core::Feature;
using corridor::core::Field;
using corridor::core::FieldType;
using corridor::core::FileWatcher;
using corridor::core::GeometryType;
using corridor::core::Layer;
using corridor::core::LineCap;
using corridor::core::LineJoin;
using corridor::core::LayerStyle;
using corridor::core::loadStyleSheet;
using corridor::core::MarkerShape;
using corridor::core::parseColor;
using corridor::core::parseStyleSheet;
using corridor::core::resolveSymbolizer;
using corridor::core::StyleError;
using corridor::core::styleFor;
using corridor::core::StyleRule;
using corridor::core::StyleSheet;
using corridor::core::styleWarnings;
using corridor::core::Symbolizer;

namespace {

namespace fs = std::filesystem;

// The example of docs/styles.md, line numbers matter to the tests below.
constexpr const char* kExample = R"(# Corridor: the INSTC routes over a plain basemap
[map]
background = "#cfe0ea"
view = [28.0, 10.0, 78.0, 62.0]
crs = "+proj=lcc +lat_1=25 +lat_2=55 +lon_0=55 +datum=WGS84"
order = ["basemap_land", "basemap_countries", "instc_routes"]

[layer.basemap_land]
fill = "#efe9dc"
fill-opacity = 1.0
stroke-width = 0
simplestyle = false

[layer.instc_routes]
stroke = "#1d3557"
stroke-width = 2.5
label = "name"
label-priority = 50
min-zoom = 0
max-zoom = 22

[[layer.instc_routes.rule]]
when = { mode = "sea" }
stroke = "#2a6f97"
dash = [6, 4]

[[layer.instc_routes.rule]]
when = { status = ["planned", "missing link"] }
dash = [10, 6]
min-zoom = 4
)";

Color colour(const char* text)
{
    const auto c = parseColor(text);
    REQUIRE(c);
    return *c;
}

std::optional<StyleError> errorOf(const std::string& text)
{
    try {
        parseStyleSheet(text, "test.toml");
    } catch (const StyleError& e) {
        return e;
    }
    return std::nullopt;
}

// Replaces the first occurrence of `from` in the example.
std::string exampleWith(const std::string& from, const std::string& to)
{
    std::string text = kExample;
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// A layer of line features with the given string attributes (an empty value stands for null).
Layer routesLayer(const std::vector<std::pair<std::string, std::string>>& modeAndStatus)
{
    Layer layer;
    layer.name = "instc_routes";
    layer.fields = {Field{"mode", FieldType::String}, Field{"status", FieldType::String},
                    Field{"name", FieldType::String}};
    for (const auto& [mode, status] : modeAndStatus) {
        Feature f;
        f.type = GeometryType::Line;
        f.values.push_back(mode.empty() ? AttrValue{} : AttrValue{mode});
        f.values.push_back(status.empty() ? AttrValue{} : AttrValue{status});
        f.values.push_back(AttrValue{std::string("route")});
        layer.features.push_back(std::move(f));
    }
    return layer;
}

fs::path scratchDir()
{
    std::random_device rd;
    const fs::path dir = fs::temp_directory_path() / ("corridor_style_test_" + std::to_string(rd()));
    fs::create_directories(dir);
    return dir;
}

void writeFile(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

} // namespace

TEST_CASE("the full example parses into the expected sheet")
{
    const StyleSheet sheet = parseStyleSheet(kExample, "example.toml");
    REQUIRE(sheet.background);
    CHECK(*sheet.background == Color{0xcf / 255.0f, 0xe0 / 255.0f, 0xea / 255.0f, 1.0f});
    REQUIRE(sheet.view);
    CHECK(sheet.view->west == 28.0);
    CHECK(sheet.view->south == 10.0);
    CHECK(sheet.view->east == 78.0);
    CHECK(sheet.view->north == 62.0);
    CHECK(sheet.crs == "+proj=lcc +lat_1=25 +lat_2=55 +lon_0=55 +datum=WGS84");
    CHECK(sheet.order == std::vector<std::string>{"basemap_land", "basemap_countries", "instc_routes"});
    REQUIRE(sheet.layers.size() == 2);

    const auto& land = sheet.layers.at("basemap_land");
    CHECK(land.base.sets == std::vector<std::string>{"fill", "fill-opacity", "stroke-width"});
    CHECK(land.honourSimplestyle == false);
    CHECK(land.rules.empty());

    const auto& routes = sheet.layers.at("instc_routes");
    CHECK(routes.honourSimplestyle == std::nullopt);
    CHECK(routes.base.sets ==
          std::vector<std::string>{"stroke", "stroke-width", "label", "label-priority", "min-zoom", "max-zoom"});
    CHECK(routes.base.when.empty());
    CHECK(routes.base.minZoom == 0.0f);
    CHECK(routes.base.maxZoom == 22.0f);
    REQUIRE(routes.rules.size() == 2);

    const StyleRule& sea = routes.rules[0];
    CHECK(sea.when == std::vector<Condition>{Condition{"mode", {"sea"}}});
    CHECK(sea.sets == std::vector<std::string>{"stroke", "dash"});
    CHECK(sea.patch.stroke == colour("#2a6f97"));
    CHECK(sea.patch.dash == std::vector<float>{6.0f, 4.0f});
    CHECK(sea.minZoom == corridor::core::kNoMinZoom); // no window set: open at both ends
    CHECK(sea.maxZoom == corridor::core::kNoMaxZoom);

    const StyleRule& planned = routes.rules[1];
    CHECK(planned.when == std::vector<Condition>{Condition{"status", {"planned", "missing link"}}});
    CHECK(planned.sets == std::vector<std::string>{"dash", "min-zoom"});
    CHECK(planned.patch.dash == std::vector<float>{10.0f, 6.0f});
    CHECK(planned.minZoom == 4.0f);
    CHECK(planned.maxZoom == corridor::core::kNoMaxZoom);

    // Over the built-in defaults, exactly the keys written differ.
    const LayerStyle style = styleFor(sheet, "instc_routes", LayerStyle{});
    Symbolizer expected;
    expected.stroke = colour("#1d3557");
    expected.strokeWidth = 2.5f;
    expected.labelField = "name";
    expected.labelPriority = 50.0f;
    expected.minZoom = 0.0f; // written out, unlike the default (no lower end)
    expected.maxZoom = 22.0f;
    CHECK(style.base == expected);
    CHECK(style.rules == routes.rules);
    CHECK(style.honourSimplestyle);

    const LayerStyle landStyle = styleFor(sheet, "basemap_land", LayerStyle{});
    CHECK(landStyle.base.fill == colour("#efe9dc"));
    CHECK(landStyle.base.strokeWidth == 0.0f);
    CHECK_FALSE(landStyle.honourSimplestyle);
}

TEST_CASE("rules cascade through resolveSymbolizer: later rules win, zoom windows narrow")
{
    const StyleSheet sheet = parseStyleSheet(std::string(kExample) + R"(
[[layer.instc_routes.rule]]
when = { mode = "sea", status = "planned" }
stroke-width = 4
max-zoom = 10
)",
                                             "example.toml");
    const Layer layer = routesLayer({{"road", "built"},
                                     {"sea", "built"},
                                     {"road", "planned"},
                                     {"sea", "planned"},
                                     {"rail", "missing link"},
                                     {"", ""}});
    const LayerStyle style = styleFor(sheet, "instc_routes", LayerStyle{});
    auto resolved = [&](std::size_t i) { return resolveSymbolizer(style, layer, layer.features[i]); };

    const Symbolizer road = resolved(0);
    CHECK(road == style.base);

    const Symbolizer sea = resolved(1);
    CHECK(sea.stroke == colour("#2a6f97"));
    CHECK(sea.dash == std::vector<float>{6.0f, 4.0f});
    CHECK(sea.strokeWidth == 2.5f);
    CHECK(sea.minZoom == 0.0f);
    CHECK(sea.maxZoom == 22.0f);

    const Symbolizer planned = resolved(2);
    CHECK(planned.stroke == colour("#1d3557"));
    CHECK(planned.dash == std::vector<float>{10.0f, 6.0f});
    CHECK(planned.minZoom == 4.0f);
    CHECK(planned.maxZoom == 22.0f);

    // Matches all three rules: the sea colour stays (only the planned rule's keys change), its dash wins, and
    // the third rule narrows the window from above as the second did from below.
    const Symbolizer seaPlanned = resolved(3);
    CHECK(seaPlanned.stroke == colour("#2a6f97"));
    CHECK(seaPlanned.dash == std::vector<float>{10.0f, 6.0f});
    CHECK(seaPlanned.strokeWidth == 4.0f);
    CHECK(seaPlanned.minZoom == 4.0f);
    CHECK(seaPlanned.maxZoom == 10.0f);

    CHECK(resolved(4).dash == std::vector<float>{10.0f, 6.0f});   // any-of: the second value
    CHECK(resolved(5) == style.base);                              // nulls match no rule here
}

TEST_CASE("when values are compared as the text formatValue prints")
{
    const StyleSheet sheet = parseStyleSheet(R"(
[[layer.t.rule]]
when = { year = 2019 }
stroke-width = 1
[[layer.t.rule]]
when = { ratio = 2.5 }
stroke-width = 2
[[layer.t.rule]]
when = { toll = true }
stroke-width = 3
[[layer.t.rule]]
when = { note = "" }
stroke-width = 4
[[layer.t.rule]]
when = { year = [1990, "n/a", 2001.0] }
stroke-width = 5
[[layer.t.rule]]
when = {}
label = "note"
)",
                                             "t.toml");
    const auto& rules = sheet.layers.at("t").rules;
    REQUIRE(rules.size() == 6);
    CHECK(rules[0].when[0].anyOf == std::vector<std::string>{"2019"});
    CHECK(rules[1].when[0].anyOf == std::vector<std::string>{"2.5"});
    CHECK(rules[2].when[0].anyOf == std::vector<std::string>{"true", "1"});
    CHECK(rules[3].when[0].anyOf == std::vector<std::string>{""});
    CHECK(rules[4].when[0].anyOf == std::vector<std::string>{"1990", "n/a", "2001"});
    CHECK(rules[5].when.empty());

    Layer layer;
    layer.name = "t";
    layer.fields = {Field{"year", FieldType::Real}, Field{"ratio", FieldType::Real},
                    Field{"toll", FieldType::Integer}, Field{"note", FieldType::String}};
    auto feature = [&](AttrValue year, AttrValue ratio, AttrValue toll, AttrValue note) {
        Feature f;
        f.values = {std::move(year), std::move(ratio), std::move(toll), std::move(note)};
        layer.features.push_back(std::move(f));
    };
    feature(2019.0, 0.0, std::int64_t{0}, std::string("x"));          // a Real 2019 prints as "2019"
    feature(std::int64_t{7}, 2.5, std::int64_t{0}, std::string("x"));
    feature(std::int64_t{7}, 0.0, std::int64_t{1}, std::string("x")); // a GDAL boolean is the integer 1
    feature(std::int64_t{7}, 0.0, std::string("true"), std::string("x"));
    feature(std::int64_t{7}, 0.0, std::int64_t{0}, AttrValue{});       // null matches ""
    feature(std::int64_t{2001}, 0.0, std::int64_t{0}, std::string("x"));
    feature(std::int64_t{7}, 0.0, std::int64_t{0}, std::string("x"));

    const LayerStyle style = styleFor(sheet, "t", LayerStyle{});
    const std::vector<float> widths{1.0f, 2.0f, 3.0f, 3.0f, 4.0f, 5.0f, 1.0f};
    for (std::size_t i = 0; i < widths.size(); ++i) {
        CAPTURE(i);
        const Symbolizer s = resolveSymbolizer(style, layer, layer.features[i]);
        CHECK(s.strokeWidth == widths[i]);
        CHECK(s.labelField == "note");
    }
}

TEST_CASE("every property key reaches applyPatch with the value written")
{
    const std::vector<std::pair<std::string, std::string>> keys{
        {"stroke", "\"#ff0000\""},     {"stroke-opacity", "0.5"},     {"stroke-width", "7"},
        {"dash", "[1, 2]"},            {"casing", "\"#ff0000\""},     {"casing-width", "3"},
        {"join", "\"miter\""},         {"cap", "\"butt\""},           {"miter-limit", "4"},
        {"fill", "\"#ff0000\""},       {"fill-opacity", "0.5"},       {"hatch", "true"},
        {"hatch-color", "\"#00ff00\""}, {"marker", "\"diamond\""},    {"marker-size", "20"},
        {"marker-color", "\"#ff0000\""}, {"marker-outline", "\"#ff0000\""}, {"visible", "false"},
        {"label", "\"name\""},         {"label-priority", "-5"},      {"label-size", "20"},
        {"label-color", "\"#ff0000\""}, {"label-halo", "\"#ff0000\""},
    };
    for (const auto& [key, value] : keys) {
        CAPTURE(key);
        const StyleSheet sheet =
            parseStyleSheet("[[layer.x.rule]]\nwhen = {}\n" + key + " = " + value + "\n", "k.toml");
        const StyleRule& rule = sheet.layers.at("x").rules.at(0);
        CHECK(rule.sets == std::vector<std::string>{key});
        Symbolizer target;
        applyPatch(rule, target);
        CHECK(target != Symbolizer{});
    }
    const StyleSheet sheet = parseStyleSheet("[layer.x]\nmarker = \"triangle\"\nhatch = true\n", "k.toml");
    CHECK(sheet.layers.at("x").base.patch.marker == MarkerShape::Triangle);
    CHECK(sheet.layers.at("x").base.patch.hatch);
    const StyleSheet lines = parseStyleSheet("[layer.x]\njoin = \"bevel\"\ncap = \"square\"\nmiter-limit = 3\n", "k.toml");
    CHECK(lines.layers.at("x").base.patch.join == LineJoin::Bevel);
    CHECK(lines.layers.at("x").base.patch.cap == LineCap::Square);
    CHECK(lines.layers.at("x").base.patch.miterLimit == 3.0f);
}

TEST_CASE("an 8-digit stroke or fill colour carries its alpha as the opacity key, an explicit one wins")
{
    const StyleSheet sheet = parseStyleSheet(R"(
[layer.x]
fill = "#ff000080"
[[layer.x.rule]]
when = {}
stroke = "#11223340"
[[layer.x.rule]]
when = {}
stroke-opacity = 0.25
stroke = "#112233ff"
)",
                                             "a.toml");
    const auto& x = sheet.layers.at("x");
    CHECK(x.base.sets == std::vector<std::string>{"fill", "fill-opacity"});
    CHECK(x.base.patch.fill.a == doctest::Approx(128.0 / 255.0));
    CHECK(x.rules[0].sets == std::vector<std::string>{"stroke", "stroke-opacity"});
    CHECK(x.rules[1].sets == std::vector<std::string>{"stroke-opacity", "stroke"});

    Symbolizer s;
    applyPatch(x.rules[0], s);
    CHECK(s.stroke.a == doctest::Approx(64.0 / 255.0));
    applyPatch(x.rules[1], s);
    CHECK(s.stroke.a == 0.25f);

    // A 6-digit colour changes only the colour: the fallback's opacity stays.
    const StyleSheet plain = parseStyleSheet("[layer.x]\nfill = \"#00ff00\"\n", "a.toml");
    LayerStyle fallback;
    fallback.base.fill = Color{0.0f, 0.0f, 1.0f, 0.25f};
    CHECK(styleFor(plain, "x", fallback).base.fill == Color{0.0f, 1.0f, 0.0f, 0.25f});
}

TEST_CASE("styleFor lays the sheet over the fallback and leaves other layers alone")
{
    Layer lines = routesLayer({{"road", "built"}});
    const LayerStyle fallback = defaultLayerStyle(lines, 1);
    const StyleSheet sheet = parseStyleSheet(R"(
[layer.instc_routes]
label = "name"
max-zoom = 12
simplestyle = false
[[layer.instc_routes.rule]]
when = { mode = "road" }
visible = false
)",
                                             "s.toml");
    const LayerStyle style = styleFor(sheet, "instc_routes", fallback);
    CHECK(style.base.stroke == fallback.base.stroke);   // the palette colour survives
    CHECK(style.base.strokeWidth == fallback.base.strokeWidth);
    CHECK(style.base.labelField == "name");
    CHECK(style.base.minZoom == fallback.base.minZoom);
    CHECK(style.base.maxZoom == 12.0f);
    CHECK_FALSE(style.honourSimplestyle);
    REQUIRE(style.rules.size() == 1);
    CHECK_FALSE(resolveSymbolizer(style, lines, lines.features[0]).visible);

    CHECK(styleFor(sheet, "basemap_land", fallback) == fallback);
    CHECK(styleFor(StyleSheet{}, "instc_routes", fallback) == fallback);
}

TEST_CASE("empty and comment-only files are empty sheets")
{
    for (const char* text : {"", "\n\n", "   \t\n", "# nothing here\n", "\xEF\xBB\xBF"}) {
        const StyleSheet sheet = parseStyleSheet(text, "empty.toml");
        CHECK_FALSE(sheet.background);
        CHECK_FALSE(sheet.view);
        CHECK_FALSE(sheet.crs);
        CHECK(sheet.order.empty());
        CHECK(sheet.layers.empty());
    }
    const StyleSheet emptyTables = parseStyleSheet("[map]\n[layer]\n[layer.x]\n", "e.toml");
    CHECK(emptyTables.layers.at("x") == corridor::core::LayerSheet{});
}

TEST_CASE("errors name file:line:column, the key path and what is wrong")
{
    struct Case {
        std::string name;
        std::string text;
        std::uint32_t line;
        std::uint32_t column;
        std::string keyPath;
        std::string reason; // a part of it
    };
    const std::vector<Case> cases{
        {"unknown key with suggestion", exampleWith("dash = [10, 6]", "strok = \"#fff\""), 29, 1,
         "layer.instc_routes.rule[2].strok", "unknown key 'strok' in a rule; did you mean 'stroke'?"},
        {"unknown key, other spelling", exampleWith("label-priority", "Label_Priorty"), 18, 1,
         "layer.instc_routes.Label_Priorty", "did you mean 'label-priority'?"},
        {"unknown key, no suggestion", exampleWith("crs =", "projection ="), 5, 1, "map.projection",
         "the keys allowed here are 'background' 'view' 'crs' 'order'"},
        {"unknown top-level table", "[layers.x]\nstroke = \"#000\"\n", 1, 2, "layers", "did you mean 'layer'?"},
        {"misplaced when", "[layer.x]\nwhen = { a = 1 }\n", 2, 1, "layer.x.when",
         "'when' is not allowed in a layer table; it belongs only in a [[layer.NAME.rule]]"},
        {"misplaced simplestyle", "[[layer.x.rule]]\nwhen = {}\nsimplestyle = false\n", 3, 1,
         "layer.x.rule[1].simplestyle", "belongs only directly in a [layer.NAME] table"},
        {"misplaced property", "[map]\nstroke = \"#000\"\n", 2, 1, "map.stroke", "not allowed in [map]"},
        {"wrong type", exampleWith("stroke-width = 2.5", "stroke-width = \"2.5\""), 16, 16,
         "layer.instc_routes.stroke-width", "expected a number, got a string"},
        {"wrong type for a colour", exampleWith("stroke = \"#2a6f97\"", "stroke = 0x2a6f97"), 24, 10,
         "layer.instc_routes.rule[1].stroke", "expected a colour string like \"#1d3557\", got an integer"},
        {"bad colour", exampleWith("#1d3557", "#1d355"), 15, 10, "layer.instc_routes.stroke",
         "'#1d355' is not a colour"},
        {"bad colour digits", exampleWith("#cfe0ea", "#cfe0eg"), 3, 14, "map.background", "is not a colour"},
        {"width out of range", exampleWith("stroke-width = 2.5", "stroke-width = 250"), 16, 16,
         "layer.instc_routes.stroke-width", "must be 0..100, got 250"},
        {"negative width", exampleWith("stroke-width = 0", "stroke-width = -1"), 11, 16,
         "layer.basemap_land.stroke-width", "must be 0..100, got -1"},
        {"opacity out of range", exampleWith("fill-opacity = 1.0", "fill-opacity = 1.5"), 10, 16,
         "layer.basemap_land.fill-opacity", "must be 0..1, got 1.5"},
        {"nan width", exampleWith("stroke-width = 2.5", "stroke-width = nan"), 16, 16,
         "layer.instc_routes.stroke-width", "expected a finite number, got nan"},
        {"inf priority", exampleWith("label-priority = 50", "label-priority = -inf"), 18, 18,
         "layer.instc_routes.label-priority", "expected a finite number, got -inf"},
        {"huge priority", exampleWith("label-priority = 50", "label-priority = 9223372036854775807"), 18, 18,
         "layer.instc_routes.label-priority", "must be -1e+06..1e+06"},
        {"bad marker", "[layer.pts]\nmarker = \"cirlce\"\n", 2, 10, "layer.pts.marker",
         "unknown marker 'cirlce'; did you mean 'circle'?"},
        {"bad marker, far off", "[layer.pts]\nmarker = \"star\"\n", 2, 10, "layer.pts.marker",
         "use \"circle\", \"square\", \"triangle\", \"diamond\", \"port\" or \"city\""},
        {"bad join", "[layer.l]\njoin = \"mitre\"\n", 2, 8, "layer.l.join", "unknown join 'mitre'; did you mean 'miter'?"},
        {"bad cap", "[layer.l]\ncap = \"flat\"\n", 2, 7, "layer.l.cap", "use \"round\", \"butt\" or \"square\""},
        {"miter limit under 1", "[layer.l]\nmiter-limit = 0.5\n", 2, 15, "layer.l.miter-limit", "must be 1..100"},
        {"dash odd count", exampleWith("dash = [6, 4]", "dash = [6]"), 25, 8, "layer.instc_routes.rule[1].dash",
         "2, 4, 6 or 8 lengths"},
        {"dash too long", exampleWith("dash = [6, 4]", "dash = [1,1,1,1,1,1,1,1,1,1]"), 25, 8,
         "layer.instc_routes.rule[1].dash", "got 10"},
        {"dash all zero", exampleWith("dash = [6, 4]", "dash = [0, 0.0]"), 25, 8,
         "layer.instc_routes.rule[1].dash", "draws nothing"},
        {"dash negative", exampleWith("dash = [6, 4]", "dash = [6, -4]"), 25, 12,
         "layer.instc_routes.rule[1].dash[2]", "must be 0..1000, got -4"},
        {"dash not an array", exampleWith("dash = [6, 4]", "dash = \"6 4\""), 25, 8,
         "layer.instc_routes.rule[1].dash", "expected an array of on/off lengths"},
        {"min-zoom above max-zoom", exampleWith("min-zoom = 0", "min-zoom = 23"), 20, 12,
         "layer.instc_routes.max-zoom", "min-zoom 23 is greater than max-zoom 22"},
        {"zoom out of range", exampleWith("max-zoom = 22", "max-zoom = 31"), 20, 12, "layer.instc_routes.max-zoom",
         "must be 0..30, got 31"},
        {"rule window outside the layer's", exampleWith("min-zoom = 4", "min-zoom = 25"), 30, 12,
         "layer.instc_routes.rule[2].min-zoom", "lies outside its layer's 0..22"},
        {"view west after east", exampleWith("[28.0, 10.0, 78.0, 62.0]", "[78.0, 10.0, 28.0, 62.0]"), 4, 8,
         "map.view", "west before east"},
        {"view out of range", exampleWith("[28.0, 10.0, 78.0, 62.0]", "[28.0, 10.0, 78.0, 95.0]"), 4, 8,
         "map.view", "latitudes must lie in -90..90"},
        {"view too short", exampleWith("[28.0, 10.0, 78.0, 62.0]", "[28.0, 10.0, 78.0]"), 4, 8, "map.view",
         "expected [west, south, east, north] in degrees, got 3 values"},
        {"view not numbers", exampleWith("[28.0, 10.0, 78.0, 62.0]", "[28.0, 10.0, \"78\", 62.0]"), 4, 21,
         "map.view[3]", "expected a number, got a string"},
        {"view as a string", exampleWith("[28.0, 10.0, 78.0, 62.0]", "\"28,10,78,62\""), 4, 8, "map.view",
         "got a string"},
        {"order duplicate", exampleWith("\"instc_routes\"]", "\"basemap_land\"]"), 6, 47, "map.order[3]",
         "layer 'basemap_land' is listed twice"},
        {"order not strings", exampleWith("\"basemap_countries\"", "2"), 6, 26, "map.order[2]",
         "expected a layer name, got an integer"},
        {"empty crs", exampleWith("crs = \"+proj", "crs = \"\"\nx = \"+proj"), 5, 7, "map.crs", "crs is empty"},
        {"simplestyle not a bool", exampleWith("simplestyle = false", "simplestyle = \"no\""), 12, 15,
         "layer.basemap_land.simplestyle", "expected true or false, got a string"},
        {"label not a string", exampleWith("label = \"name\"", "label = true"), 17, 9, "layer.instc_routes.label",
         "expected a field name"},
        {"rule without when", exampleWith("when = { mode = \"sea\" }\n", ""), 22, 1, "layer.instc_routes.rule[1]",
         "rule has no 'when'"},
        {"when with empty array", exampleWith("[\"planned\", \"missing link\"]", "[]"), 28, 19,
         "layer.instc_routes.rule[2].when.status", "an empty list matches nothing"},
        {"when with a table value", exampleWith("{ mode = \"sea\" }", "{ mode = { is = \"sea\" } }"), 23, 17,
         "layer.instc_routes.rule[1].when.mode", "expected a string, number, boolean or an array of them"},
        {"when with nested arrays", exampleWith("{ mode = \"sea\" }", "{ mode = [[\"sea\"]] }"), 23, 18,
         "layer.instc_routes.rule[1].when.mode[1]", "got an array"},
        {"when with nan", exampleWith("{ mode = \"sea\" }", "{ depth = nan }"), 23, 18,
         "layer.instc_routes.rule[1].when.depth", "expected a finite number"},
        {"when with a date", exampleWith("{ mode = \"sea\" }", "{ opened = 2019-05-01 }"), 23, 19,
         "layer.instc_routes.rule[1].when.opened", "got a date"},
        {"when not a table", exampleWith("{ mode = \"sea\" }", "\"mode = sea\""), 23, 8,
         "layer.instc_routes.rule[1].when", "expected a table of conditions"},
        {"rule as a single table", "[layer.x.rule]\nwhen = {}\n", 1, 1, "layer.x.rule",
         "write each as [[layer.x.rule]], got a table"},
        {"rules holding numbers", "[layer.x]\nrule = [1, 2]\n", 2, 8, "layer.x.rule",
         "holds something other than tables"},
        {"layer not a table", "layer = 5\n", 1, 9, "layer", "expected a table of layers"},
        {"one layer not a table", "[layer]\nroads = \"red\"\n", 2, 9, "layer.roads", "expected a layer table"},
        {"quoted layer name in the path", "[layer.\"a.b c\"]\nstrok = 1\n", 2, 1, "layer.\"a.b c\".strok",
         "did you mean 'stroke'?"},
        {"TOML syntax error", exampleWith("stroke = \"#1d3557\"", "stroke = \"#1d3557"), 15, 18, "",
         "TOML syntax error"},
        {"TOML duplicate key", exampleWith("label = \"name\"", "label = \"name\"\nstroke = \"#000\""), 18, 1, "",
         "TOML syntax error"},
        {"huge integer", exampleWith("stroke-width = 2.5", "stroke-width = 99999999999999999999"), 16, 16, "",
         "TOML syntax error"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto error = errorOf(c.text);
        REQUIRE(error);
        CAPTURE(error->what());
        CHECK(error->file() == "test.toml");
        CHECK(error->line() == c.line);
        if (c.keyPath.empty()) {
            CHECK(error->column() > 0); // toml++ decides where exactly a syntax error is
        } else {
            CHECK(error->column() == c.column);
        }
        CHECK(error->keyPath() == c.keyPath);
        CHECK(error->reason().find(c.reason) != std::string::npos);
        std::string prefix = "test.toml:" + std::to_string(error->line()) + ":" + std::to_string(error->column()) +
                             ": ";
        if (!c.keyPath.empty()) {
            prefix += c.keyPath + ": ";
        }
        CHECK(std::string(error->what()).rfind(prefix, 0) == 0);
    }
}

TEST_CASE("non-ASCII text in strings, keys and comments reads back intact")
{
    const StyleSheet sheet = parseStyleSheet(R"(# Карта: порты Каспия
[map]
order = ['Порты', "Bandar-e Abbās"]
crs = """
+proj=lcc +lat_1=25 +lat_2=55 # «LCC»"""

[layer."Bandar-e Abbās"]
label = "название"  # подпись

[[layer."Bandar-e Abbās".rule]]
when = { "город" = ["Санкт-Петербург", 'Астрахань', '''Баку'''] }
stroke = "#000"
)",
                                             "utf8.toml");
    CHECK(sheet.order == std::vector<std::string>{"Порты", "Bandar-e Abbās"});
    CHECK(sheet.crs == "+proj=lcc +lat_1=25 +lat_2=55 # «LCC»");
    const auto& layer = sheet.layers.at("Bandar-e Abbās");
    CHECK(layer.base.patch.labelField == "название");
    REQUIRE(layer.rules.size() == 1);
    CHECK(layer.rules[0].when ==
          std::vector<Condition>{Condition{"город", {"Санкт-Петербург", "Астрахань", "Баку"}}});

    const auto error = errorOf("[layer.\"Bandar-e Abbās\"]\nstrok = 1\n");
    REQUIRE(error);
    CHECK(error->keyPath() == "layer.\"Bandar-e Abbās\".strok");
}

TEST_CASE("characters toml++ 3.3 cannot classify safely are errors, not undefined behaviour")
{
    // Each of these reaches __builtin_unreachable() inside toml++ 3.3 when handed over unscreened.
    struct Case {
        std::string text;
        std::uint32_t line;
        std::uint32_t column;
        std::string reason;
    };
    const std::vector<Case> cases{
        {"[layer.x]\nstroke-width = 1é\n", 2, 17, "character U+00E9 outside a quoted string"},
        {"[layer.x]\nlabel = название\n", 2, 9, "character U+043D outside a quoted string"},
        {"[layer.é]\n", 1, 8, "outside a quoted string"},
        {"[[layer.t\xd2\x8aule]]\n", 1, 10, "character U+048A"},
        {"a = [1,\xcc\xaa]\n", 1, 8, "character U+032A"},
        {"a = \"\"\"x\\é\"\"\"\n", 1, 10, "invalid escape"},
        {"a = \"\"\"x\"\"\"\"\"é\n", 1, 14, "outside a quoted string"},
        {"a = 1 \xe3\x80\x80\n", 1, 7, "character U+3000"},
        {"a = \"\xff\"\n", 1, 6, "invalid UTF-8"},
        {"a = \"\xc0\xaf\"\n", 1, 6, "invalid UTF-8"},
        {"a = \"\xed\xa0\x80\"\n", 1, 6, "invalid UTF-8"},
        {"a = \"\xf4\x90\x80\x80\"\n", 1, 6, "invalid UTF-8"},
        {"a = \"é\xe2\x82\"\n", 1, 7, "invalid UTF-8"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto error = errorOf(c.text);
        REQUIRE(error);
        CAPTURE(error->what());
        CHECK(error->line() == c.line);
        CHECK(error->column() == c.column);
        CHECK(error->reason().find(c.reason) != std::string::npos);
    }
    // Valid TOML that takes the same paths reads as it should: a BOM, a line-ending backslash before non-ASCII
    // text, quotes closing a multi-line string, literal strings holding backslashes and double quotes.
    const StyleSheet sheet = parseStyleSheet("\xEF\xBB\xBF[map]\ncrs = \"\"\"a \\\n \t\n  Абв \"é\"\"\"\"\n"
                                             "order = ['C:\\dir\\é', 'say \"hi\"', '''x\\ \"é\"''''', 'é']\n",
                                             "ok.toml");
    CHECK(sheet.crs == "a Абв \"é\"");
    CHECK(sheet.order == std::vector<std::string>{"C:\\dir\\é", "say \"hi\"", "x\\ \"é\"''", "é"});
}

TEST_CASE("rewriting literal strings for toml++ never makes invalid TOML valid")
{
    // Literal strings reach toml++ as basic strings; two strings side by side must not merge into a """ string.
    // Each value is invalid TOML: a string straight after a string, six closing quotes, an unterminated string.
    for (const char* value : {"\"\"'x'", "''\"x\"\"\"", "'''x'''\"", "'x''", "\"\"\"x\"\"\"\"\"\"", "'''x''''''",
                              "'x", "'''x\\'"}) {
        CAPTURE(value);
        const auto error = errorOf(std::string("[map]\ncrs = ") + value + "\n");
        REQUIRE(error);
        CHECK(error->line() == 2);
        CHECK(error->keyPath().empty()); // refused as TOML, never read as a crs
    }
    const StyleSheet sheet = parseStyleSheet(
        "[[layer.x.rule]]\nwhen = { f = ['', '''''', 'a\\b', '''\n\"\"\"'''', \"\"] }\n", "l.toml");
    CHECK(sheet.layers.at("x").rules.at(0).when.at(0).anyOf ==
          std::vector<std::string>{"", "", "a\\b", "\"\"\"'", ""});
}

TEST_CASE("columns after non-ASCII text and rewritten strings are the file's")
{
    struct Case {
        std::string text;
        std::uint32_t line;
        std::uint32_t column;
        std::string keyPath;
    };
    const std::vector<Case> cases{
        {"[layer.x]\nlabel = \"Абв\" x\n", 2, 15, ""},
        {"[layer.x]\nlabel = 'Абв' x\n", 2, 15, ""},
        {"[[layer.x.rule]]\nwhen = { a = 'é\\', b = nan }\n", 2, 24, "layer.x.rule[1].when.b"},
        {"[[layer.x.rule]]\nwhen = { a = \"\U0001F600\", b = [] }\n", 2, 23, "layer.x.rule[1].when.b"},
        {"[map]\norder = ['\"', \"é\", '\\', 3]\n", 2, 25, "map.order[4]"},
        {"# é é é\n[map]\ncrs = 1 # é\n", 3, 7, "map.crs"},
        {"'a\"é' = 1\n", 1, 1, "\"a\\\"é\""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto error = errorOf(c.text);
        REQUIRE(error);
        CAPTURE(error->what());
        CHECK(error->line() == c.line);
        CHECK(error->column() == c.column);
        CHECK(error->keyPath() == c.keyPath);
    }
}

TEST_CASE("garbage never crashes: only StyleError")
{
    std::mt19937 rng(1234);
    std::vector<std::string> inputs;
    for (int i = 0; i < 50; ++i) {
        std::string bytes(static_cast<std::size_t>(rng() % 300), '\0');
        for (char& b : bytes) {
            b = static_cast<char>(rng() % 256);
        }
        inputs.push_back(bytes);
    }
    inputs.push_back(std::string(1000, '\0'));
    inputs.push_back(std::string("a = \"\0\"", 7));
    inputs.push_back("a = " + std::string(5000, '[') + std::string(5000, ']'));
    std::string deepTables = "a = ";
    for (int i = 0; i < 5000; ++i) {
        deepTables += "{ b = ";
    }
    inputs.push_back(deepTables + "1" + std::string(5000, '}'));
    inputs.push_back("[" + std::string(5000, 'a') + "." + std::string(5000, 'b') + "]\n");
    inputs.push_back("[layer.x]\n" + std::string(100000, 'k') + " = 1\n");
    inputs.push_back("[layer.x]\nstroke-width = 1e400\n");
    inputs.push_back("[layer.x]\nstroke-width = -0.0\nmarker-size = 1e-320\n");
    inputs.push_back("[layer.x]\nstroke-width = -9223372036854775808\n");
    inputs.push_back("[map]\nview = [nan, inf, -inf, 1e308]\n");
    inputs.push_back("[map]\nview = [-180, -90, 180, 90]\n");
    inputs.push_back("[[layer]]\n");
    inputs.push_back("[[layer.x]]\n");
    inputs.push_back("[layer.x.rule.when]\n");
    inputs.push_back("[[layer.x.rule]]\n[layer.x.rule.when]\na = [1, 2.0, true, \"x\"]\n");
    inputs.push_back("layer.x.rule = []\n");
    inputs.push_back("map = []\n");
    inputs.push_back("\xff\xfe[\x00m\x00a\x00p\x00]\x00");
    // toml++ 3.3 asserts on these in debug builds (a header starting with a non-key character)
    for (const char* header : {"[=", "[ =", "[[=", "[.", "[[[1]]]", "[map]\n[=\"#fff\"\n"}) {
        inputs.push_back(header);
    }
    int errors = 0;
    for (const std::string& text : inputs) {
        try {
            parseStyleSheet(text, "garbage.toml");
        } catch (const StyleError& e) {
            ++errors;
            CHECK(std::string(e.what()).rfind("garbage.toml", 0) == 0);
        }
    }
    CHECK(errors > 50);
    // the valid ones among them
    CHECK(parseStyleSheet("[map]\nview = [-180, -90, 180, 90]\n", "v.toml").view->north == 90.0);
    CHECK(parseStyleSheet("layer.x.rule = []\n", "v.toml").layers.at("x").rules.empty());
}

TEST_CASE("mutated and truncated versions of the example only ever throw StyleError")
{
    const std::string example = kExample;
    const std::string alphabet = "[]{}\"'=.,#\n 0123456789-+eE_abcdefghijklmnopqrstuvwxyz\\\x01\xc3\xff";
    std::mt19937 rng(20240611);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < 600; ++i) {
        std::string text = example;
        switch (i % 6) {
        case 0: text.resize(pick(text.size())); break;
        case 1:
            for (int k = 0; k < 3; ++k) {
                text[pick(text.size())] = alphabet[pick(alphabet.size())];
            }
            break;
        case 2: text.erase(pick(text.size()), 1 + pick(20)); break;
        case 3: text.insert(pick(text.size()), 1, alphabet[pick(alphabet.size())]); break;
        case 4: {
            // swap two lines: moves keys between tables
            std::vector<std::string> lines;
            std::size_t start = 0;
            for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
                lines.push_back(text.substr(start, nl - start));
            }
            std::swap(lines[pick(lines.size())], lines[pick(lines.size())]);
            text.clear();
            for (const std::string& l : lines) {
                text += l + "\n";
            }
            break;
        }
        default: {
            const std::size_t at = pick(text.size());
            text = text.substr(0, at) + text.substr(pick(text.size()));
            break;
        }
        }
        try {
            parseStyleSheet(text, "fuzz.toml");
            ++parsed;
        } catch (const StyleError& e) {
            ++rejected;
            CHECK(std::string(e.what()).rfind("fuzz.toml", 0) == 0);
        }
    }
    CHECK(parsed + rejected == 600);
    CHECK(rejected > 100);
    CHECK(parsed > 50);
}

TEST_CASE("drawOrder lists the sheet's layers first, in its order, then the rest as they were")
{
    StyleSheet sheet;
    sheet.order = {"basemap_land", "basemap_countries", "instc_routes", "not_loaded"};
    const std::vector<std::string> names{"instc_routes", "cities", "basemap_countries", "basemap_land", "ports",
                                         "instc_routes"};
    CHECK(drawOrder(sheet, names) == std::vector<std::size_t>{3, 2, 0, 5, 1, 4});
    CHECK(drawOrder(StyleSheet{}, names) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
    CHECK(drawOrder(sheet, {}).empty());
    // the parsed example's order
    const StyleSheet parsed = parseStyleSheet(kExample, "example.toml");
    CHECK(drawOrder(parsed, {"instc_routes", "basemap_land"}) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("styleWarnings names layers and fields the data does not have")
{
    const StyleSheet sheet = parseStyleSheet(std::string(kExample) + R"(
[[layer.instc_routes.rule]]
when = { stauts = "built" }
label = "nmae"
[layer.instc_route]
stroke = "#000"
)",
                                             "w.toml");
    const Layer routes = routesLayer({{"road", "built"}});
    Layer land;
    land.name = "basemap_land";
    const std::vector<std::string> warnings = styleWarnings(sheet, {&routes, &land});
    const std::vector<std::string> expected{
        "map.order: no loaded layer is called 'basemap_countries'",
        "layer.instc_route: no loaded layer is called 'instc_route'; did you mean 'instc_routes'?",
        "layer.instc_routes.rule[3].when.stauts: layer 'instc_routes' has no field 'stauts'; did you mean 'status'?",
        "layer.instc_routes.rule[3].label: layer 'instc_routes' has no field 'nmae'; did you mean 'name'?",
    };
    CHECK(warnings == expected);
    CHECK(styleWarnings(parseStyleSheet(kExample, "w.toml"), {&routes, &land}).size() == 1);
}

TEST_CASE("loadStyleSheet reads a file and reports file errors as StyleError")
{
    const fs::path dir = scratchDir();
    const fs::path good = dir / "good.toml";
    writeFile(good, kExample);
    CHECK(loadStyleSheet(good.string()).layers.size() == 2);

    const fs::path bad = dir / "bad.toml";
    writeFile(bad, "[layer.x]\nstrokewidth = 2\n");
    try {
        loadStyleSheet(bad.string());
        FAIL("no error");
    } catch (const StyleError& e) {
        CHECK(e.file() == bad.string());
        CHECK(std::string(e.what()) == bad.string() + ":2:1: layer.x.strokewidth: unknown key 'strokewidth' in a "
                                                      "layer table; did you mean 'stroke-width'?");
    }
    for (const fs::path& p : {dir / "missing.toml", dir}) {
        try {
            loadStyleSheet(p.string());
            FAIL("no error");
        } catch (const StyleError& e) {
            CHECK(e.file() == p.string());
            CHECK(e.line() == 0);
            CHECK(std::string(e.what()).rfind(p.string() + ": cannot read the style file", 0) == 0);
        }
    }
    fs::remove_all(dir);
}

TEST_CASE("FileWatcher reports each rewrite once, and a missing file as no change")
{
    const fs::path dir = scratchDir();
    const fs::path file = dir / "style.toml";
    writeFile(file, "[map]\nbackground = \"#000000\"\n");
    const auto t0 = fs::last_write_time(file);
    FileWatcher watcher(file.string());
    CHECK(watcher.path() == file.string());
    CHECK_FALSE(watcher.changed());

    // Same size, explicit later time: the write time alone must be enough.
    writeFile(file, "[map]\nbackground = \"#ffffff\"\n");
    fs::last_write_time(file, t0 + std::chrono::seconds(10));
    CHECK(watcher.changed());
    CHECK_FALSE(watcher.changed());

    // Same time, different size (a second save within the file system's time resolution).
    writeFile(file, "[map]\nbackground = \"#fff\"\n");
    fs::last_write_time(file, t0 + std::chrono::seconds(10));
    CHECK(watcher.changed());
    CHECK_FALSE(watcher.changed());

    // Saved by renaming over: gone for a moment, then back with a new time.
    fs::remove(file);
    CHECK_FALSE(watcher.changed());
    writeFile(file, "[map]\nbackground = \"#fff\"\n");
    fs::last_write_time(file, t0 + std::chrono::seconds(20));
    CHECK(watcher.changed());
    CHECK_FALSE(watcher.changed());

    // A watcher on a file that does not exist yet reports its creation.
    FileWatcher later((dir / "new.toml").string());
    CHECK_FALSE(later.changed());
    writeFile(dir / "new.toml", "");
    CHECK(later.changed());
    CHECK_FALSE(later.changed());
    fs::remove_all(dir);
}

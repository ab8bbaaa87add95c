// The map as of a date (core/as_of, issue 14): dates as the data spells them, a feature's state on a date, the
// timeline's events, the style pseudo-field "@as-of" (matching, parsing, the legend, the mesh) and the session.

#include "core/as_of.hpp"

#include "core/hit_test.hpp"
#include "core/legend.hpp"
#include "core/map_document.hpp"
#include "core/mesh.hpp"
#include "core/session.hpp"
#include "core/style.hpp"
#include "core/style_file.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace corridor::core;

namespace {

Date date(const std::string& text)
{
    std::string problem;
    const std::optional<Date> d = parseDate(text, &problem);
    REQUIRE_MESSAGE(d, problem);
    return *d;
}

std::string problemOf(const std::string& text)
{
    std::string problem;
    CHECK(!parseDate(text, &problem));
    return problem;
}

// A line layer with the six date fields, a status and a name, one feature per row.
const std::vector<std::string> kFields{"name", "status_class", "agreed", "planned", "opened",
                                       "closed", "damaged", "event", "status_as_of"};

Layer datedLayer(const std::vector<std::vector<std::string>>& rows)
{
    Layer l;
    l.name = "lines";
    l.sourcePath = "lines.geojson";
    for (const std::string& f : kFields) {
        l.fields.push_back({f, FieldType::String});
    }
    for (const std::vector<std::string>& row : rows) {
        Feature f;
        f.id = static_cast<std::int64_t>(l.features.size());
        f.type = GeometryType::Line;
        f.firstPart = static_cast<std::uint32_t>(l.parts.size());
        const double y = 1000.0 * static_cast<double>(l.features.size());
        const std::vector<Vec2d> pts{{0.0, y}, {5000.0, y}};
        appendPart(l, PartRole::Line, pts.data(), pts.size());
        f.partCount = 1;
        for (std::size_t i = 0; i < kFields.size(); ++i) {
            f.values.push_back(i < row.size() && !row[i].empty() ? AttrValue{row[i]} : AttrValue{});
        }
        l.features.push_back(std::move(f));
    }
    return l;
}

// name, status, agreed, planned, opened, closed, damaged, event, status_as_of
const std::vector<std::vector<std::string>> kRows{
    {"Qazvin–Rasht", "operational", "", "", "2019-03-06", "", "", "", "2026-01"},
    {"Rasht–Astara", "planned", "2023-05-17", "", "", "", "", "", "2026-01"},
    {"Nord Stream 1", "damaged", "", "", "2011-11-08", "2022-08", "2022-09-26", "", "2026-01"},
    {"Eastern branch", "operational", "2007", "", "2014-12-03", "", "", "", "2026-01"},
    {"Astara–Baku", "operational", "", "", "", "", "", "", "2026-01"},
    {"First train", "operational", "", "", "", "", "", "2022-07-06", "2022-08-05"},
    {"Reopened", "operational", "", "", "1990", "2000", "", "", ""},
};
constexpr std::uint32_t kQazvin = 0, kAstara = 1, kNordStream = 2, kEastern = 3, kUndated = 4, kTrain = 5,
                        kReopened = 6;

FeatureState stateOf(const Layer& l, std::uint32_t feature, const std::string& asOf)
{
    return stateAsOf(l, l.features[feature], date(asOf));
}

} // namespace

TEST_CASE("dates are read as the data spells them, and a partial date means its first day")
{
    const Date day = date("2018-05-14");
    CHECK(day.year() == 2018);
    CHECK(day.month() == 5);
    CHECK(day.day() == 14);
    CHECK(day.precision() == Date::Precision::Day);
    CHECK(day.iso() == "2018-05-14");
    CHECK(day.readable() == "14 May 2018");
    CHECK(date("2018-05").iso() == "2018-05");
    CHECK(date("2018-05").readable() == "May 2018");
    CHECK(date("1992").iso() == "1992");
    CHECK(date("1970-01-01").days() == 0);
    CHECK(date("2000-03-01").days() - date("2000-02-28").days() == 2); // 2000 is a leap year
    CHECK(date("1900-03-01").days() - date("1900-02-28").days() == 1); // 1900 is not
    CHECK(date("2024-02-29").day() == 29);

    // A partial date is its first day: "2018" and "2018-01" are reached on 1 January 2018, not before.
    CHECK(date("2018").days() == date("2018-01-01").days());
    CHECK(date("2018-05").days() == date("2018-05-01").days());
    CHECK(date("2018").days() <= date("2018-06-01").days());
    CHECK(date("2018").days() > date("2017-12-31").days());
    // A total order: by first day, then the coarser first; equal only when spelled alike.
    CHECK(date("2018") < date("2018-01"));
    CHECK(date("2018-01") < date("2018-01-01"));
    CHECK(date("2018-01-01") < date("2018-01-02"));
    CHECK(date("2017-12-31") < date("2018"));
    CHECK(date("2018-05") == date("2018-05"));
    CHECK(date("2018-05") != date("2018-05-01"));

    // Round trips through days.
    for (const std::string text : {"0001-01-01", "1969-12-31", "1970-01-01", "2019-03-06", "9999-12-31"}) {
        CAPTURE(text);
        const Date d = date(text);
        CHECK(Date::fromDays(d.days()) == d);
        CHECK(Date::fromDays(d.days()).iso() == text);
    }
    CHECK(dateOfTime(1767225600) == date("2026-01-01")); // SOURCE_DATE_EPOCH of the tests
    CHECK(dateOfTime(-1) == date("1969-12-31"));
}

TEST_CASE("a string that is not a date gets one precise reason")
{
    CHECK(problemOf("2018-13") == "'2018-13' is not a date: month 13 is outside 01 to 12");
    CHECK(problemOf("2023-02-29") == "'2023-02-29' is not a date: 2023 has no 29 February");
    CHECK(problemOf("2019-04-31") == "'2019-04-31' is not a date: 2019 has no 31 April");
    CHECK(problemOf("2019-00") == "'2019-00' is not a date: month 0 is outside 01 to 12");
    CHECK(problemOf("0000") == "'0000' is not a date: the year must be 0001 to 9999");
    for (const std::string text : {"", "15/03/2019", "2019/03/06", "19", "20190306", "2019-3-6", "2019-03-06T10:00",
                                   " 2019", "2019 ", "spring 2019", "２０１９"}) {
        CAPTURE(text);
        CHECK(problemOf(text).ends_with("is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"));
    }
}

TEST_CASE("stateAsOf: not yet, planned, operating, closed, damaged and undated, each on its dates")
{
    const Layer l = datedLayer(kRows);
    // Not built yet: nothing reached; from its opening day it operates.
    CHECK(stateOf(l, kQazvin, "2015") == FeatureState::NotYet);
    CHECK(stateOf(l, kQazvin, "2019-03-05") == FeatureState::NotYet);
    CHECK(stateOf(l, kQazvin, "2019-03-06") == FeatureState::Operating);
    CHECK(stateOf(l, kQazvin, "2020") == FeatureState::Operating);
    // Agreed, never opened: planned from the agreement on.
    CHECK(stateOf(l, kAstara, "2023-05-16") == FeatureState::NotYet);
    CHECK(stateOf(l, kAstara, "2023-05-17") == FeatureState::Planned);
    CHECK(stateOf(l, kAstara, "2026") == FeatureState::Planned);
    // Agreed (a year alone: from 1 January 2007), then opened.
    CHECK(stateOf(l, kEastern, "2006-12-31") == FeatureState::NotYet);
    CHECK(stateOf(l, kEastern, "2007") == FeatureState::Planned);
    CHECK(stateOf(l, kEastern, "2014-12-02") == FeatureState::Planned);
    CHECK(stateOf(l, kEastern, "2015") == FeatureState::Operating);
    // Opened, closed (a month alone: from 1 August 2022), then damaged.
    CHECK(stateOf(l, kNordStream, "2011-11-07") == FeatureState::NotYet);
    CHECK(stateOf(l, kNordStream, "2022-07-31") == FeatureState::Operating);
    CHECK(stateOf(l, kNordStream, "2022-08-01") == FeatureState::Closed);
    CHECK(stateOf(l, kNordStream, "2022-09-25") == FeatureState::Closed);
    CHECK(stateOf(l, kNordStream, "2022-09-26") == FeatureState::Damaged);
    CHECK(stateOf(l, kNordStream, "2030") == FeatureState::Damaged);
    // No date at all (status_as_of dates the status, not the feature): as today, whatever the date.
    CHECK(stateOf(l, kUndated, "1900") == FeatureState::Undated);
    CHECK(stateOf(l, kUndated, "2025") == FeatureState::Undated);
    // Only an event: not there before it, there from it on.
    CHECK(stateOf(l, kTrain, "2022-07-05") == FeatureState::NotYet);
    CHECK(stateOf(l, kTrain, "2022-07-06") == FeatureState::Operating);
    // Closed in 2000 after opening in 1990.
    CHECK(stateOf(l, kReopened, "1999") == FeatureState::Operating);
    CHECK(stateOf(l, kReopened, "2001") == FeatureState::Closed);
    // A line reopened after a closure operates again; the later of a damage and a closure says which it is; on the
    // day it both closes and opens it is closed.
    FeatureDates reopened;
    reopened.at[static_cast<std::size_t>(DateField::Opened)] = date("2005");
    reopened.at[static_cast<std::size_t>(DateField::Closed)] = date("2000");
    CHECK(stateAsOf(reopened, date("1999")) == FeatureState::NotYet);
    CHECK(stateAsOf(reopened, date("2001")) == FeatureState::Closed);
    CHECK(stateAsOf(reopened, date("2006")) == FeatureState::Operating);
    reopened.at[static_cast<std::size_t>(DateField::Damaged)] = date("1995");
    CHECK(stateAsOf(reopened, date("1996")) == FeatureState::Damaged);
    CHECK(stateAsOf(reopened, date("2001")) == FeatureState::Closed);
    CHECK(stateAsOf(reopened, date("2006")) == FeatureState::Operating);
    FeatureDates sameDay;
    sameDay.at[static_cast<std::size_t>(DateField::Opened)] = date("2010-05-01");
    sameDay.at[static_cast<std::size_t>(DateField::Damaged)] = date("2010-05");
    CHECK(stateAsOf(sameDay, date("2010-06")) == FeatureState::Damaged);

    // The names a style rule matches, and back.
    for (const FeatureState s : kFeatureStates) {
        CHECK(parseFeatureState(featureStateName(s)) == s);
    }
    CHECK(std::string(featureStateName(FeatureState::NotYet)) == "not-yet");
    CHECK(!parseFeatureState("notyet"));
}

TEST_CASE("date fields of other types: GDAL dates, date-times, years as numbers, and values that are no dates named")
{
    Layer l;
    l.name = "places";
    l.sourcePath = "places.gpkg";
    l.fields = {{"name", FieldType::String}, {"opened", FieldType::String}, {"closed", FieldType::Integer},
                {"event", FieldType::String}};
    const auto add = [&](std::vector<AttrValue> values) {
        Feature f;
        f.id = static_cast<std::int64_t>(l.features.size()) + 1;
        f.type = GeometryType::Point;
        f.values = std::move(values);
        l.features.push_back(std::move(f));
    };
    add({std::string("Alat"), std::string("2018-05-14T00:00:00Z"), std::int64_t{2020}, AttrValue{}});
    add({std::string("Nowhere"), std::string("spring 2019"), AttrValue{}, true});
    const FeatureDates alat = LayerDateFields(l).datesOf(l.features[0]);
    CHECK(alat[DateField::Opened] == date("2018-05-14"));
    CHECK(alat[DateField::Closed] == date("2020"));
    CHECK(stateAsOf(l, l.features[0], date("2019")) == FeatureState::Operating);
    CHECK(stateAsOf(l, l.features[0], date("2021")) == FeatureState::Closed);
    // Values that are not dates are ignored by the state, and named once each.
    CHECK(stateAsOf(l, l.features[1], date("2021")) == FeatureState::Undated);
    const std::vector<std::string> problems = layerDateProblems(l);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "places.gpkg: layer 'places': feature 2 (Nowhere): opened = 'spring 2019' is not a date: "
                        "write YYYY, YYYY-MM or YYYY-MM-DD; the map's date ignores it");
    CHECK(problems[1] == "places.gpkg: layer 'places': feature 2 (Nowhere): event = 'true' is not a date: write "
                        "YYYY, YYYY-MM or YYYY-MM-DD; the map's date ignores it");
}

TEST_CASE("the timeline: every dated event by date, named, and the range from the first date to the last")
{
    MapDocument doc;
    MapLayer undated;
    undated.data.name = "basemap";
    doc.layers.push_back(std::move(undated));
    MapLayer lines;
    lines.data = datedLayer(kRows);
    doc.layers.push_back(std::move(lines));
    const Timeline t = buildTimeline(doc);
    REQUIRE(t.first);
    REQUIRE(t.last);
    CHECK(t.first->iso() == "1990");    // the reopened line's opening
    CHECK(t.last->iso() == "2026-01");  // status_as_of widens the end
    CHECK(t.events.size() == 10);
    CHECK(std::is_sorted(t.events.begin(), t.events.end(),
                         [](const DatedEvent& a, const DatedEvent& b) { return a.date.days() < b.date.days(); }));
    const auto has = [&](const std::string& text) {
        return std::any_of(t.events.begin(), t.events.end(),
                           [&](const DatedEvent& e) { return describeEvent(e) == text; });
    };
    CHECK(has("2019-03-06  Qazvin–Rasht: opened"));
    CHECK(has("2023-05-17  Rasht–Astara: agreed"));
    CHECK(has("2022-08  Nord Stream 1: closed"));
    CHECK(has("2022-09-26  Nord Stream 1: damaged"));
    CHECK(has("2022-07-06  First train: event"));
    const auto first = std::find_if(t.events.begin(), t.events.end(),
                                    [](const DatedEvent& e) { return e.name == "Qazvin–Rasht"; });
    REQUIRE(first != t.events.end());
    CHECK(first->layer == 1);
    CHECK(first->feature == kQazvin);
    CHECK(first->what == DateField::Opened);
    CHECK(!buildTimeline(MapDocument{}).first);
}

TEST_CASE("@as-of in style rules: empty with no date (the rules do nothing), the feature's state with one")
{
    const StyleSheet sheet = parseStyleSheet(R"toml(
[layer.lines]
stroke = "#000000"

[[layer.lines.rule]]
when = { status_class = "planned" }
dash = [6, 4]

[[layer.lines.rule]]
when = { "@as-of" = "not-yet" }
visible = false

[[layer.lines.rule]]
when = { "@as-of" = "planned", status_class = "operational" }
stroke = "#c0392b"
dash = [8, 5]
legend = "Railway (agreed, not open then)"

[[layer.lines.rule]]
when = { "@as-of" = ["closed", "damaged"] }
stroke = "#d35400"
legend = "Out of service"

[[layer.lines.rule]]
when = { "@as-of" = "" }
label = "name"
)toml",
                                             "asof.toml");
    const Layer l = datedLayer(kRows);
    const LayerStyle style = styleFor(sheet, "lines", LayerStyle{});
    CHECK(usesAsOf(style));
    CHECK(!usesAsOf(styleFor(parseStyleSheet("[layer.lines]\nstroke = \"#000000\"\n", "plain.toml"), "lines", {})));
    const auto look = [&](std::uint32_t feature, std::optional<Date> asOf) {
        return resolveSymbolizer(style, l, l.features[feature], StyleContext{asOf});
    };
    // No date chosen: "@as-of" is "" for every feature: only the rule on "" applies.
    CHECK(conditionValue(l, l.features[kQazvin], "@as-of", {}) == "");
    CHECK(look(kQazvin, std::nullopt).visible);
    CHECK(look(kQazvin, std::nullopt).labelField == "name");
    CHECK(look(kEastern, std::nullopt).dash.empty());
    CHECK(look(kNordStream, std::nullopt).stroke == Color{0, 0, 0, 1});
    // As of 2015: Qazvin–Rasht is not built yet (hidden), the eastern branch just opened, the undated line as today.
    const Date y2015 = date("2015");
    CHECK(conditionValue(l, l.features[kQazvin], "@as-of", {y2015}) == "not-yet");
    CHECK(conditionValue(l, l.features[kUndated], "@as-of", {y2015}) == "undated");
    CHECK(!look(kQazvin, y2015).visible);
    CHECK(look(kQazvin, y2015).labelField.empty());
    CHECK(look(kEastern, y2015).dash.empty());
    CHECK(look(kUndated, y2015).visible);
    // As of 2010 the eastern branch is agreed, not open: drawn as planned; the planned line is not there yet.
    CHECK(look(kEastern, date("2010")).dash == std::vector<float>{8, 5});
    CHECK(!look(kAstara, date("2010")).visible);
    CHECK(look(kAstara, date("2024")).dash == std::vector<float>{6, 4}); // its own planned look, not the rule's
    // Nord Stream: operating in 2020, out of service from August 2022.
    CHECK(look(kNordStream, date("2020")).stroke == Color{0, 0, 0, 1});
    CHECK(look(kNordStream, date("2022-08-15")).stroke != Color{0, 0, 0, 1});
    CHECK(look(kNordStream, date("2023")).stroke == look(kNordStream, date("2022-08-15")).stroke);

    // The mesh follows the date it is given (MeshOptions::context): features hidden then draw no label and no line.
    MeshOptions options;
    const auto labelled = [&](std::optional<Date> asOf) {
        options.context.asOf = asOf;
        const LayerMesh mesh = buildLayerMesh(l, style, options);
        std::vector<std::uint32_t> out;
        for (const LabelSource& s : mesh.labels) {
            out.push_back(s.feature);
        }
        std::size_t lines = 0;
        for (const MeshBatch& b : mesh.batches) {
            for (const LineChunk& c : b.levels.front().lines) {
                lines += c.segmentCount();
            }
        }
        return std::pair{out, lines};
    };
    const auto [labelsToday, segmentsToday] = labelled(std::nullopt);
    CHECK(labelsToday.size() == kRows.size());
    options.context.asOf = date("2015");
    const LayerMesh mesh2015 = buildLayerMesh(l, style, options);
    CHECK(mesh2015.labels.empty()); // the label rule is on "" (no date) only
    std::size_t segments2015 = 0;
    for (const MeshBatch& b : mesh2015.batches) {
        for (const LineChunk& c : b.levels.front().lines) {
            segments2015 += c.segmentCount();
        }
    }
    // Qazvin–Rasht, Rasht–Astara and the first train (not yet in 2015) are left out: 4 of 7 lines drawn.
    CHECK(segments2015 * 7 == segmentsToday * 4);
}

TEST_CASE("@as-of in a sheet: a misspelt pseudo-field or state is an error naming it, and @ fields need no attribute")
{
    const auto errorOf = [](const std::string& text) -> std::string {
        try {
            parseStyleSheet(text, "asof.toml");
        } catch (const StyleError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(errorOf("[[layer.x.rule]]\nwhen = { \"@asof\" = \"planned\" }\nvisible = false\n")
              .find("unknown pseudo-field '@asof'; did you mean '@as-of'?") != std::string::npos);
    CHECK(errorOf("[[layer.x.rule]]\nwhen = { \"@date\" = \"planned\" }\nvisible = false\n")
              .find("unknown pseudo-field '@date'") != std::string::npos);
    const std::string state = errorOf("[[layer.x.rule]]\nwhen = { \"@as-of\" = [\"planned\", \"notyet\"] }\n"
                                      "visible = false\n");
    CHECK(state.find("asof.toml:2") != std::string::npos);
    CHECK(state.find("unknown state 'notyet'; did you mean 'not-yet'?") != std::string::npos);
    CHECK(errorOf("[[layer.x.rule]]\nwhen = { \"@as-of\" = 2015 }\nvisible = false\n")
              .find("expected a state name, got an integer") != std::string::npos);
    CHECK(errorOf("[[layer.x.rule]]\nwhen = { \"@as-of\" = [\"\", \"undated\", \"damaged\"] }\nvisible = false\n")
              .empty());
    // The sheet's warnings name fields a layer lacks, but a pseudo-field is no field.
    const StyleSheet sheet = parseStyleSheet("[[layer.lines.rule]]\nwhen = { \"@as-of\" = \"not-yet\" }\n"
                                             "visible = false\n[[layer.lines.rule]]\nwhen = { statuz = \"x\" }\n"
                                             "visible = false\n",
                                             "asof.toml");
    const Layer l = datedLayer(kRows);
    const std::vector<std::string> warnings = styleWarnings(sheet, {&l});
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("'statuz'") != std::string::npos);
}

TEST_CASE("the legend and identify follow the document's date")
{
    const StyleSheet sheet = parseStyleSheet(R"toml(
[layer.lines]
legend = "Line"
stroke-width = 4

[[layer.lines.rule]]
when = { "@as-of" = "not-yet" }
visible = false

[[layer.lines.rule]]
when = { "@as-of" = "closed" }
legend = "Line (out of service)"
stroke = "#7f8c8d"
)toml",
                                             "asof.toml");
    MapDocument doc;
    MapLayer layer;
    layer.data = datedLayer(kRows);
    layer.style = styleFor(sheet, "lines", LayerStyle{});
    layer.hits = std::make_shared<const HitIndex>(layer.data);
    doc.layers.push_back(std::move(layer));
    Camera camera;
    camera.resize(200, 200);
    camera.fit(doc.layers[0].data.bounds, 10.0);
    const auto names = [&] {
        std::vector<std::string> out;
        for (const LegendEntry& e : buildLegend(doc, camera).entries) {
            out.push_back(e.name);
        }
        return out;
    };
    CHECK(names() == std::vector<std::string>{"Line"});
    doc.asOf = date("2022-08-15");
    CHECK(names() == std::vector<std::string>{"Line", "Line (out of service)"});
    CHECK(legendName(doc.layers[0].style, doc.layers[0].data, doc.layers[0].data.features[kNordStream],
                     {doc.asOf}) == "Line (out of service)");

    // Identify: a feature not drawn on the map's date cannot be clicked.
    const Vec2d qazvin = camera.worldToScreen({2500.0, 0.0});
    doc.asOf.reset();
    const auto hitsAt = [&] { return hitTest(doc, camera, qazvin, 4.0); };
    REQUIRE(!hitsAt().empty());
    CHECK(hitsAt().front().feature == kQazvin);
    doc.asOf = date("2015");
    for (const Hit& h : hitsAt()) {
        CHECK(h.feature != kQazvin);
    }
}

TEST_CASE("the session keeps the map's date, and a date it cannot read names its line")
{
    Session s;
    s.asOf = "2015-03";
    s.crs = "EPSG:3857";
    const Session back = parseSession(sessionToToml(s), "session.toml");
    CHECK(back.asOf == "2015-03");
    CHECK(back == s);
    CHECK(parseSession(sessionToToml(Session{}), "session.toml").asOf.empty());
    try {
        parseSession("version = 1\ncrs = \"\"\nas_of = \"2015-13\"\n", "session.toml");
        FAIL("a bad date was read");
    } catch (const SessionError& e) {
        CHECK(e.line == 3);
        CHECK(std::string(e.what()) ==
              "session.toml: line 3: as_of: '2015-13' is not a date: month 13 is outside 01 to 12");
    }
}

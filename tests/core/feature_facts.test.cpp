#include "core/feature_facts.hpp"

#include <doctest/doctest.h>

using namespace corridor::core;

namespace {

Layer lineLayer(const std::vector<Field>& fields, std::vector<AttrValue> values)
{
    Layer l;
    l.fields = fields;
    const std::vector<Vec2d> line{{0, 0}, {1, 0}}; // one degree along the equator: 111.319 km
    Feature f;
    f.type = GeometryType::Line;
    f.partCount = 1;
    appendPart(l, PartRole::Line, line.data(), line.size());
    f.values = std::move(values);
    l.features.push_back(std::move(f));
    return l;
}

} // namespace

TEST_CASE("inspector facts: field names read as words")
{
    CHECK(readableFieldName("area_km2_published") == "Area km2 published");
    CHECK(readableFieldName("NAME_FA") == "Name fa");
    CHECK(readableFieldName("status") == "Status");
    CHECK(readableFieldName("_x") == "X");
    CHECK(readableFieldName("gaugeMm") == "GaugeMm");
}

TEST_CASE("inspector facts: leading numbers of published figures")
{
    CHECK(leadingNumber(AttrValue{std::int64_t{162}}) == 162.0);
    CHECK(leadingNumber(AttrValue{12.8}) == 12.8);
    CHECK(leadingNumber(AttrValue{std::string("9,700 (Iran 3,700, Qatar 6,000)")}) == 9700.0);
    CHECK(leadingNumber(AttrValue{std::string(" 12.5 km")}) == 12.5);
    CHECK(leadingNumber(AttrValue{std::string("~1,234,567.5 (est.)")}) == 1234567.5);
    CHECK(leadingNumber(AttrValue{std::string("164 (Moscow Times 2023)")}) == 164.0);
    CHECK(leadingNumber(AttrValue{std::string("12,5")}) == 12.0); // a decimal comma is not a thousands group
    CHECK_FALSE(leadingNumber(AttrValue{std::string("about 5")}).has_value());
    CHECK_FALSE(leadingNumber(AttrValue{}).has_value());
}

TEST_CASE("inspector facts: geodesic length beside the published figure, with the difference")
{
    const Layer l = lineLayer({{"length_computed_km", FieldType::Real},
                               {"length_claimed_alt", FieldType::String},
                               {"length_km", FieldType::Real},
                               {"length_claimed_km", FieldType::Integer}},
                              {AttrValue{111.3}, AttrValue{std::string("120 (other)")}, AttrValue{105.0},
                               AttrValue{std::int64_t{100}}});
    const MeasureFacts m = measureFeature(l, l.features[0]);
    CHECK(m.kind == MeasureFacts::Kind::Length);
    CHECK(m.computed == doctest::Approx(111.319).epsilon(1e-4));
    CHECK(m.publishedField == "length_claimed_km"); // "claimed" wins over a plain length_km
    REQUIRE(m.published.has_value());
    CHECK(*m.published == 100.0);
    REQUIRE(m.differencePercent.has_value());
    CHECK(*m.differencePercent == doctest::Approx(11.319).epsilon(1e-3));

    const Layer bare = lineLayer({{"name", FieldType::String}}, {AttrValue{std::string("x")}});
    const MeasureFacts b = measureFeature(bare, bare.features[0]);
    CHECK(b.computed > 111.0);
    CHECK_FALSE(b.published.has_value());
    CHECK_FALSE(b.differencePercent.has_value());
}

TEST_CASE("inspector facts: area of a polygon with a hole against area_km2_published")
{
    Layer l;
    l.fields = {{"area_km2_computed", FieldType::Real}, {"area_km2_published", FieldType::Real}};
    const std::vector<Vec2d> outer{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    const std::vector<Vec2d> hole{{0.25, 0.25}, {0.75, 0.25}, {0.75, 0.75}, {0.25, 0.75}};
    Feature f;
    f.type = GeometryType::Polygon;
    f.partCount = 2;
    appendPart(l, PartRole::OuterRing, outer.data(), outer.size());
    appendPart(l, PartRole::InnerRing, hole.data(), hole.size());
    f.values = {AttrValue{1.0}, AttrValue{9000.0}};
    l.features.push_back(f);
    const MeasureFacts m = measureFeature(l, l.features[0]);
    CHECK(m.kind == MeasureFacts::Kind::Area);
    // A 1° cell at the equator is 12308.778 km²; the hole takes about a quarter of it
    CHECK(m.computed == doctest::Approx(12308.778 * 0.75).epsilon(0.002));
    CHECK(m.publishedField == "area_km2_published");
    CHECK(*m.differencePercent == doctest::Approx((m.computed - 9000.0) / 90.0));
}

TEST_CASE("inspector facts: SOURCES.md table rows become sources with publisher, title, date and address")
{
    const char* md = "# Sources\n\nSome text | with a bar.\n\n| id | source (publication / URL) | licence |\n"
                     "|---|---|---|\n"
                     "| S21 | TASS, 17 May 2023, https://tass.com/economy/1618779 | facts cited |\n"
                     "| S44 | Wikipedia via WikiMili, \"Abu Musa\", https://wikimili.com/en/Abu_Musa | CC BY-SA |\n"
                     "| S52 | TASS, 18 Jul 2023, https://tass.com/world/1648695 ; Caspian News, https://x.example/a;b | c |\n"
                     "| S19 | Islam Times, 17 May 2023, https://a.example/1 ; russiasnews (Kremlin quote, 162 km), "
                     "https://b.example/2 | c |\n"
                     "\nafter the table\n";
    const SourceCatalog c = parseSourceCatalog(md);
    REQUIRE(c.entries.size() == 4);
    CHECK(c.entries.at("S19").refs.at(1).publisher == "russiasnews (Kremlin quote, 162 km)");
    const SourceEntry& s21 = c.entries.at("S21");
    REQUIRE(s21.refs.size() == 1);
    CHECK(s21.refs[0].publisher == "TASS");
    CHECK(s21.refs[0].date == "17 May 2023");
    CHECK(s21.refs[0].address == "https://tass.com/economy/1618779");
    CHECK(s21.terms == "facts cited");
    const SourceEntry& s44 = c.entries.at("S44");
    CHECK(s44.refs[0].title == "Abu Musa");
    CHECK(s44.refs[0].publisher == "Wikipedia via WikiMili");
    const SourceEntry& s52 = c.entries.at("S52");
    REQUIRE(s52.refs.size() == 2);
    CHECK(s52.refs[1].publisher == "Caspian News");
    CHECK(s52.refs[1].address == "https://x.example/a;b");

    CHECK(splitSourceIds("S18;S19; GN;;") == std::vector<std::string>{"S18", "S19", "GN"});

    const SourceCatalog dates = parseSourceCatalog(
        "| id | source | terms |\n|---|---|---|\n"
        "| A | IRNA (German), Turkmenistan joins INSTC, https://de.irna.ir/amp/85173543 | t |\n"
        "| B | Azernews 2018, https://www.azernews.az/nation/142539.html | t |\n"
        "| C | Railway Gazette, Sep 2023, (https://x.example/y) | t |\n"
        "| D | Opening, 2019-03-06, https://x.example/z. | t |\n");
    CHECK(dates.entries.at("A").refs[0].date.empty()); // "85173543" in the address is no year
    CHECK(dates.entries.at("A").refs[0].publisher == "IRNA (German)");
    CHECK(dates.entries.at("B").refs[0].date == "2018");
    CHECK(dates.entries.at("C").refs[0].date == "Sep 2023");
    CHECK(dates.entries.at("C").refs[0].address == "https://x.example/y");
    CHECK(dates.entries.at("D").refs[0].date == "2019-03-06");
    CHECK(dates.entries.at("D").refs[0].address == "https://x.example/z");
}

TEST_CASE("inspector facts: the bundled SOURCES.md resolves every id the railways cite")
{
    const auto c = loadSourceCatalogFor(std::string(CORRIDOR_GEODATA_DIR) + "/railways.geojson");
    REQUIRE(c.has_value());
    for (const char* id : {"S18", "S19", "S28", "GN", "NE", "derived"}) {
        CAPTURE(id);
        CHECK(c->entries.count(id) == 1);
    }
    CHECK_FALSE(loadSourceCatalogFor("/nonexistent/folder/x.geojson").has_value());
}

TEST_CASE("inspector facts: right-to-left scripts are recognised")
{
    CHECK(hasRtlScript("ابوموسی"));
    CHECK(hasRtlScript("Abu Musa (أبو موسى)"));
    CHECK_FALSE(hasRtlScript("Abu Musa – Тунб"));
}

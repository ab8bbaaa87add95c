#include "core/search.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace corridor::core;

namespace {

using Row = std::vector<std::string>; // one value per field; "" is null

MapLayer layerOf(const std::string& name, GeometryType type, const std::vector<std::string>& fields,
    const std::vector<Row>& rows, float priority = 0.0f)
{
    MapLayer m;
    m.title = name;
    m.data.name = name;
    m.style.base.labelField = "label";
    m.style.base.labelPriority = priority;
    for (const std::string& f : fields) {
        m.data.fields.push_back({f, FieldType::String});
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Feature f;
        f.id = static_cast<std::int64_t>(i);
        f.type = type;
        const Vec2d a {48.0 + static_cast<double>(i), 38.0};
        const Vec2d line[] = {a, {a.x + 0.5, a.y + 0.5}, {a.x + 1.0, a.y + 1.0}};
        f.firstPart = type == GeometryType::Point ? appendPart(m.data, PartRole::Point, &a, 1)
                                                  : appendPart(m.data, PartRole::Line, line, 3);
        f.partCount = 1;
        for (const std::string& v : rows[i]) {
            f.values.emplace_back(v.empty() ? AttrValue {} : AttrValue {v});
        }
        m.data.features.push_back(std::move(f));
    }
    return m;
}

// Shaped like the bundled data: nodes with Persian and Azerbaijani names, stations, a railway line.
MapDocument corridorDocument()
{
    MapDocument doc;
    doc.layers.push_back(layerOf("railways", GeometryType::Line, {"name", "label", "label_fa"},
        {{"Rasht–Astara railway (planned)", "Rasht–Astara railway", "راه‌آهن رشت-آستارا"},
            {"Qazvin–Rasht railway", "Qazvin–Rasht", ""}},
        1.0f));
    doc.layers.push_back(layerOf("railway_stations", GeometryType::Point,
        {"name", "label", "label_fa", "name_fa", "names_basis"},
        {{"Rasht", "Rasht", "رشت", "رشت", "endonym"},
            {"Astara (IR)", "Astara", "آستارا", "آستارا", "Astara is the name"}, {"Kish", "Kish", "کیش", "کیش", ""}},
        2.0f));
    doc.layers.push_back(layerOf("instc_nodes", GeometryType::Point,
        {"name", "label", "label_fa", "name_fa", "name_ru", "name_az", "names_basis"},
        {{"Astara (Iran)", "Astara (Iran)", "آستارا", "آستارا", "", "", "x"},
            {"Astara (Azerbaijan)", "Astara (Azerbaijan)", "", "", "Астара", "Astara", "x"},
            {"Şəki", "Şəki", "", "", "Шеки", "Şəki", ""}},
        3.0f));
    return doc;
}

std::vector<std::string> labels(const std::vector<SearchHit>& hits)
{
    std::vector<std::string> out;
    for (const SearchHit& h : hits) {
        out.push_back(h.label);
    }
    return out;
}

} // namespace

TEST_CASE("isNameField: name fields are found by their names, not from a list")
{
    for (const char* f :
        {"name", "NAME", "Name", "label", "name_fa", "name_ar", "label_fa", "name_ru", "name_az", "name_fa_latn",
            "name_ar_latn", "name:en", "alt_name", "official_name", "int_name", "label_ckb", "name_zh_hans"}) {
        INFO(f);
        CHECK(isNameField(f));
    }
    for (const char* f : {"names_basis", "country_name", "label_size", "name_source", "nickname", "kind", "",
             "name_approx_basis", "labels", "label_size", "name_note"}) {
        INFO(f);
        CHECK_FALSE(isNameField(f));
    }
}

TEST_CASE("normalizeForSearch: case, diacritics, hyphens and Persian letter variants fold together")
{
    CHECK(normalizeForSearch("Rasht–Astara") == "rasht astara");
    CHECK(normalizeForSearch("  Rasht - Astara  ") == "rasht astara");
    CHECK(normalizeForSearch("Bandar-e Abbās") == "bandar e abbas");
    CHECK(normalizeForSearch("Şəki") == "saki");
    CHECK(normalizeForSearch("Qal'eh") == "qaleh");
    CHECK(normalizeForSearch("Qalʿeh") == "qaleh");
    CHECK(normalizeForSearch("Ёлки") == normalizeForSearch("елки"));
    CHECK(normalizeForSearch("АСТАРА") == "астара");
    // Arabic kaf and yeh typed for Persian keheh and yeh (كيش vs کیش).
    CHECK(normalizeForSearch("\u0643\u064A\u0634") == normalizeForSearch("\u06A9\u06CC\u0634"));
    // ZWNJ: راه‌آهن with and without the joiner, and harakat and tatweel.
    CHECK(normalizeForSearch("راه\u200Cآهن") == normalizeForSearch("راهآهن"));
    CHECK(normalizeForSearch("رَشت") == normalizeForSearch("رشت"));
    CHECK(normalizeForSearch("رشـــت") == normalizeForSearch("رشت"));
    // Alef with madda is typed as a plain alef as often as not.
    CHECK(normalizeForSearch("آستارا") == normalizeForSearch("استارا"));
    CHECK(normalizeForSearch("۱۲۳") == "123");
}

TEST_CASE("editDistance: typos within the tolerance, prefixes of longer names")
{
    const auto d
        = [](const char* a, const char* b, bool whole) { return editDistance(toUtf32(a), toUtf32(b), whole, 3); };
    CHECK(d("astara", "astara", true) == 0);
    CHECK(d("asatra", "astara", true) == 1); // transposition
    CHECK(d("astra", "astara", true) == 1); // dropped letter
    CHECK(d("astxra", "astara", true) == 1); // wrong letter
    CHECK(d("astara", "astara iran", false) == 0);
    CHECK(d("astra", "astara iran", false) == 1);
    CHECK(d("bandar", "astara", true) == 4); // past the limit: limit + 1
    CHECK(SearchIndex::tolerance(3) == 0);
    CHECK(SearchIndex::tolerance(6) == 1);
    CHECK(SearchIndex::tolerance(9) == 2);
}

TEST_CASE("SearchIndex: typing astara finds both Astaras, exact and prefix before word matches")
{
    const MapDocument doc = corridorDocument();
    SearchIndex index;
    index.build(doc);
    CHECK(index.builtFor(doc));

    const std::vector<SearchHit> hits = index.find("astara");
    const std::vector<std::string> names = labels(hits);
    REQUIRE(hits.size() >= 4);
    // Exact: the station whose label is "Astara" and the Azerbaijani node whose name_az is "Astara", the node layer
    // (priority 3) before the station layer (2).
    CHECK(hits[0].label == "Astara (Azerbaijan)");
    CHECK(hits[0].kind == MatchKind::Exact);
    CHECK(hits[0].field == "name_az");
    CHECK(hits[1].label == "Astara (IR)");
    CHECK(hits[1].kind == MatchKind::Exact);
    CHECK(hits[2].label == "Astara (Iran)");
    CHECK(hits[2].kind == MatchKind::Prefix);
    CHECK(hits[3].label == "Rasht–Astara railway (planned)");
    CHECK(hits[3].kind == MatchKind::WordPrefix);
    // One hit per feature, although the Iranian node matches on name, label, name_fa and label_fa.
    CHECK(std::count(names.begin(), names.end(), "Astara (Iran)") == 1);
    // names_basis ("Astara is the name") is not a name field.
    CHECK(hits.size() == 4);
    // Where to go: the point itself; the line's middle vertex.
    CHECK(hits[0].lonLatAnchor == doc.layers[2].data.coords[1]);
    CHECK(hits[3].lonLatBounds.width() == doctest::Approx(1.0));

    // Upper case, and a capital in the middle of a word, change nothing.
    CHECK(labels(index.find("ASTARA")) == names);
    CHECK(labels(index.find("AsTaRa")) == names);
}

TEST_CASE("SearchIndex: Persian input, with Arabic letter variants")
{
    const MapDocument doc = corridorDocument();
    SearchIndex index;
    index.build(doc);
    const std::vector<SearchHit> hits = index.find("آستارا");
    REQUIRE(hits.size() >= 2);
    CHECK(hits[0].label == "Astara (Iran)");
    CHECK(hits[0].matched == "آستارا");
    CHECK(hits[0].kind == MatchKind::Exact);
    CHECK(hits[1].label == "Astara (IR)");
    // The Persian railway label contains آستارا after a hyphen: a word prefix.
    CHECK(hits[2].label == "Rasht–Astara railway (planned)");
    CHECK(hits[2].kind == MatchKind::WordPrefix);
    // Typed without the madda.
    CHECK(labels(index.find("استارا")) == labels(hits));
    // Kish typed with the Arabic kaf and yeh (an Arabic keyboard layout) finds the Persian کیش.
    const std::vector<SearchHit> kish = index.find("\u0643\u064A\u0634");
    REQUIRE(kish.size() == 1);
    CHECK(kish[0].label == "Kish");
    CHECK(kish[0].kind == MatchKind::Exact);
    // Cyrillic.
    const std::vector<SearchHit> ru = index.find("астара");
    REQUIRE(ru.size() == 1);
    CHECK(ru[0].label == "Astara (Azerbaijan)");
}

TEST_CASE("SearchIndex: hyphens, diacritics and typos are forgiven, ranked after cleaner matches")
{
    const MapDocument doc = corridorDocument();
    SearchIndex index;
    index.build(doc);
    for (const char* q : {"rasht-astara", "rasht astara", "RashtAstara", "rasht–astara rail"}) {
        INFO(q);
        const std::vector<SearchHit> hits = index.find(q);
        REQUIRE_FALSE(hits.empty());
        CHECK(hits[0].label == "Rasht–Astara railway (planned)");
        CHECK(hits[0].kind == MatchKind::Prefix);
    }
    const std::vector<SearchHit> saki = index.find("seki");
    REQUIRE(saki.size() == 1); // Şəki folds to "saki": one letter off
    CHECK(saki[0].kind == MatchKind::Fuzzy);
    CHECK(index.find("Saki")[0].kind == MatchKind::Exact);

    const std::vector<SearchHit> typo = index.find("asatra");
    REQUIRE(typo.size() >= 3);
    CHECK(typo[0].kind == MatchKind::Fuzzy);
    CHECK(typo[0].distance == 1);

    // Exact beats prefix: "rasht" is the station first, then the railways named after it.
    const std::vector<SearchHit> rasht = index.find("rasht");
    REQUIRE(rasht.size() == 3);
    CHECK(rasht[0].label == "Rasht");
    CHECK(rasht[1].label == "Rasht–Astara railway (planned)");
    CHECK(rasht[2].label == "Qazvin–Rasht railway");
    CHECK(rasht[2].kind == MatchKind::WordPrefix);

    // Short queries are not fuzzy: "xst" matches nothing.
    CHECK(index.find("xst").empty());
}

TEST_CASE("SearchIndex: among prefix matches, the name the query covers most comes first, whatever the layer")
{
    MapDocument doc = corridorDocument();
    // A line in a layer that outranks the nodes, whose name also starts with "Astara".
    doc.layers.push_back(layerOf(
        "links", GeometryType::Line, {"name", "label"}, {{"Astara (AZ) – Astara (IR) 1520 mm link", ""}}, 100.0f));
    SearchIndex index;
    index.build(doc);
    const std::vector<SearchHit> hits = index.find("astara");
    const std::vector<std::string> names = labels(hits);
    REQUIRE(hits.size() == 5);
    CHECK(names[2] == "Astara (Iran)"); // one word more than the query
    CHECK(hits[2].extraWords == 1);
    CHECK(names[3] == "Astara (AZ) – Astara (IR) 1520 mm link"); // six more: after the town, despite priority 100
    CHECK(hits[3].extraWords == 6);
    CHECK(hits[3].kind == MatchKind::Prefix);
}

TEST_CASE("SearchIndex: nothing found, nothing to search, a changed document")
{
    MapDocument doc = corridorDocument();
    SearchIndex index;
    index.build(doc);
    CHECK(index.find("zzzzqqqq").empty());
    CHECK(index.find("").empty());
    CHECK(index.find(" - ").empty());
    CHECK(index.find("astara", 2).size() == 2);
    doc.layers.pop_back();
    CHECK_FALSE(index.builtFor(doc));
}

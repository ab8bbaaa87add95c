// The sources line (SOURCES.md short names of what is drawn) and the point-of-view note (core/map_sources).

#include "core/map_sources.hpp"

#include "core/hit_test.hpp"
#include "core/style_file.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

using namespace corridor::core;
namespace fs = std::filesystem;

namespace {

std::optional<SourceTableError> errorOf(const std::string& markdown)
{
    try {
        parseSourceTable(markdown, "SOURCES.md");
    } catch (const SourceTableError& e) {
        return e;
    }
    return std::nullopt;
}

constexpr const char* kTable = "# Sources\n\nSome text | with a bar.\n\n"
                               "| id | source (publication / URL) | licence | short name |\n"
                               "|---|---|---|---|\n"
                               "| NE | Natural Earth 1:10m, https://naturalearthdata.com | PD | Natural Earth |\n"
                               "| GN | GeoNames gazetteer | CC BY 4.0 | GeoNames |\n"
                               "| S4 | IRNA, 12 Sep 2000, https://en.irna.ir/news/9056645/ | facts | IRNA 2000 |\n"
                               "| `S21` | TASS, 17 May 2023, https://tass.com/economy/1618779 | facts | TASS 2023 |\n"
                               "| S52 | TASS, 18 Jul 2023, https://tass.com/world/1648695 | facts | TASS 2023 |\n"
                               "| S9 | a \\| b | c | Sputnik 2023 |\n"
                               "\nafter the table\n| XX | not | part | of it |\n";

Layer makeLayer(const std::string& name, const std::vector<std::string>& fields)
{
    Layer l;
    l.name = name;
    for (const std::string& f : fields) {
        l.fields.push_back({f, FieldType::String});
    }
    return l;
}

// A square (polygon) or a point at x, y (view-CRS metres); null for empty values.
void addFeature(Layer& l, bool area, double x, double y, const std::vector<std::string>& values)
{
    Feature f;
    f.id = static_cast<std::int64_t>(l.features.size());
    f.type = area ? GeometryType::Polygon : GeometryType::Point;
    f.firstPart = static_cast<std::uint32_t>(l.parts.size());
    std::vector<Vec2d> pts{{x, y}};
    if (area) {
        pts = {{x, y}, {x + 100, y}, {x + 100, y + 100}, {x, y + 100}, {x, y}};
    }
    appendPart(l, area ? PartRole::OuterRing : PartRole::Point, pts.data(), pts.size());
    f.partCount = 1;
    for (const std::string& v : values) {
        f.values.push_back(v.empty() ? AttrValue{} : AttrValue{v});
    }
    l.features.push_back(std::move(f));
}

MapLayer mapLayer(Layer l, const std::string& file, const std::string& sheet = "")
{
    MapLayer m;
    m.title = l.name;
    m.sourcePath = file;
    l.sourcePath = file;
    m.hits = std::make_shared<const HitIndex>(l);
    m.style = styleFor(parseStyleSheet(sheet, "t"), l.name, defaultLayerStyle(l, 0));
    m.data = std::move(l);
    return m;
}

// 1 m a pixel (zoom about 17), 1000 × 1000 pixels around `center`.
Camera cameraAt(Vec2d center)
{
    Camera c;
    c.center = center;
    c.unitsPerPixel = 1.0;
    c.widthPx = 1000.0;
    c.heightPx = 1000.0;
    return c;
}

// A folder of its own under the system's temp folder, emptied.
fs::path scratch(const std::string& name)
{
    const fs::path dir = fs::temp_directory_path() / ("corridor-map-sources-" + std::to_string(::getpid())) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string joined(const std::vector<std::string>& v)
{
    std::string out;
    for (const std::string& s : v) {
        out += (out.empty() ? "" : " | ") + s;
    }
    return out;
}

} // namespace

TEST_CASE("source table: short names by the header's columns, the table ending at its first non-row line")
{
    const SourceTable t = parseSourceTable(kTable, "geodata/SOURCES.md");
    CHECK(t.path == "geodata/SOURCES.md");
    CHECK(t.shortNames.size() == 6);
    CHECK(t.shortNames.at("NE") == "Natural Earth");
    CHECK(t.shortNames.at("S21") == "TASS 2023"); // backticks dropped
    CHECK(t.shortNames.at("S9") == "Sputnik 2023"); // "\|" is a bar inside a cell
    CHECK(t.shortNames.count("XX") == 0);
    // Columns are found by name, in any order; other tables before it are skipped.
    const SourceTable u = parseSourceTable("| a | b |\n|---|---|\n| 1 | 2 |\n\n| Short Name | ID |\n| :-- | --: |\n"
                                           "| Natural Earth | NE |\n",
                                           "x");
    CHECK(u.shortNames.at("NE") == "Natural Earth");
}

TEST_CASE("source table: a malformed table is one error naming the line and what is wrong")
{
    auto check = [](const std::string& md, std::uint32_t line, const std::string& reason) {
        const auto e = errorOf(md);
        REQUIRE_MESSAGE(e.has_value(), md);
        CHECK(e->file() == "SOURCES.md");
        CHECK(e->line() == line);
        CHECK(e->reason() == reason);
        CHECK(std::string(e->what()) == "SOURCES.md" + (line > 0 ? ":" + std::to_string(line) : "") + ": " + reason);
    };
    const std::string head = "| id | source | short name |\n|---|---|---|\n";
    check("# Sources\n\n| id | source | licence |\n|---|---|---|\n| NE | Natural Earth | pd |\n", 3,
          "the sources table has no 'short name' column; add one (| id | … | short name |) with the name a map's "
          "sources line shows for each source");
    check(head + "| NE | Natural Earth | Natural Earth |\n| S4 | IRNA, 2000 | IRNA | 2000 |\n", 4,
          "row 'S4' has 4 cells, the header 3 (a '|' inside a cell is written '\\|')");
    check(head + "| S4 | IRNA |\n", 3, "row 'S4' has 2 cells, the header 3 (a '|' inside a cell is written '\\|')");
    check(head + "| NE | Natural Earth |  |\n", 3, "source 'NE' has no short name");
    check(head + "|  | Natural Earth | NE |\n", 3, "a row has an empty id");
    check(head + "| NE | a | Natural Earth |\n| GN | b | GeoNames |\n| NE | c | NE |\n", 5,
          "source 'NE' is listed twice (first on line 3)");
    check("| id | source | short name |\n| NE | a | b |\n", 2,
          "expected the separator row (|---|---|…) under the sources table's header on line 1");
    check("| id | source | short name |\n|---|---|\n", 2, "the separator row has 2 cells, the header 3");
    check("| id | source | short name |", 1, "the sources table's header is not followed by a separator row");
    check("# Sources\n\nnothing here\n", 0,
          "no sources table: a Markdown table whose header row has an 'id' and a 'short name' column");

    const fs::path dir = scratch("load");
    CHECK_THROWS_WITH_AS(loadSourceTable((dir / "SOURCES.md").string()),
                         ((dir / "SOURCES.md").string() + ": cannot read it: it does not exist").c_str(),
                         SourceTableError);
    CHECK_THROWS_WITH_AS(loadSourceTable(dir.string()), (dir.string() + ": cannot read it: not a regular file").c_str(),
                         SourceTableError);
    std::ofstream(dir / "SOURCES.md") << kTable;
    CHECK(loadSourceTable((dir / "SOURCES.md").string()).shortNames.size() == 6);
    CHECK(sourceTablePathFor((dir / "layer.geojson").string()) == (dir / "SOURCES.md").string());
    CHECK(sourceTablePathFor((dir / "sub" / "layer.geojson").string()) == std::nullopt);
    CHECK(sourceTablePathFor("") == std::nullopt);
}

TEST_CASE("visibleSources: the short names of what is drawn, top layer first, basemap sources last")
{
    const fs::path dir = scratch("visible");
    std::ofstream(dir / "SOURCES.md") << kTable;
    const fs::path other = scratch("visible-other"); // a folder without a table
    Layer basemap = makeLayer("basemap_countries", {"source"});
    addFeature(basemap, true, 0, 0, {"NE"});
    addFeature(basemap, true, 5000, 0, {"NE;S9"}); // out of view
    Layer islands = makeLayer("islands", {"source"});
    addFeature(islands, true, 10, 10, {"S21;S52; GN;NE"});
    addFeature(islands, true, 20, 20, {"S21;S52; GN;NE"});
    Layer nodes = makeLayer("nodes", {"source"});
    addFeature(nodes, false, 30, 30, {"S4;S999"});
    addFeature(nodes, false, 40, 40, {""});
    Layer mine = makeLayer("my_points", {"source"});
    addFeature(mine, false, 50, 50, {"field survey"});
    MapDocument doc;
    doc.layers.push_back(mapLayer(basemap, (dir / "basemap_countries.fgb").string()));
    doc.layers.push_back(mapLayer(islands, (dir / "islands.geojson").string()));
    doc.layers.push_back(mapLayer(nodes, (dir / "nodes.geojson").string()));
    doc.layers.push_back(mapLayer(mine, (other / "mine.geojson").string()));

    const DocumentSources sources = loadDocumentSources(doc);
    CHECK(sources.problems.empty());
    REQUIRE(sources.byFolder.size() == 1);
    CHECK(sources.tableFor(doc.layers[3]) == nullptr);
    CHECK(sources.tableFor(doc.layers[0]) == sources.tableFor(doc.layers[1]));

    const Camera camera = cameraAt({100.0, 100.0});
    VisibleSources v = visibleSources(doc, camera, sources);
    // nodes (top table layer): IRNA; islands: TASS 2023 once for S21 and S52, GeoNames; NE is the basemap's: last.
    CHECK(joined(v.names) == "IRNA 2000 | TASS 2023 | GeoNames | Natural Earth");
    CHECK(joined(v.unknownIds) == "field survey | S999");

    doc.layers[2].visible = false;
    v = visibleSources(doc, camera, sources);
    CHECK(joined(v.names) == "TASS 2023 | GeoNames | Natural Earth");
    CHECK(joined(v.unknownIds) == "field survey");
    v = visibleSources(doc, cameraAt({5050.0, 50.0}), sources); // only the second basemap feature
    CHECK(joined(v.names) == "Natural Earth | Sputnik 2023");

    // A table that cannot be used is a problem named once, and its layers' ids are unknown.
    std::ofstream(dir / "SOURCES.md", std::ios::trunc) << "| id | source | short name |\n|---|---|---|\n| NE | x |\n";
    const DocumentSources broken = loadDocumentSources(doc);
    REQUIRE(broken.problems.size() == 1);
    CHECK(broken.problems[0] == (dir / "SOURCES.md").string() +
                                    ":3: row 'NE' has 2 cells, the header 3 (a '|' inside a cell is written '\\|')");
    CHECK(visibleSources(doc, camera, broken).names.empty());
}

TEST_CASE("pointOfViewNote: disputed territory in view, grouped by who holds and who claims it, from the data")
{
    // Names are keyed on attributes, not on layer names: these layers are called anything.
    Layer countries = makeLayer("admin0", {"iso3", "name", "label"});
    addFeature(countries, true, -10000, -10000, {"IRN", "Iran (Islamic Republic of)", "Iran"});
    addFeature(countries, true, -10000, -10000, {"ARE", "United Arab Emirates", "United Arab Emirates"});
    addFeature(countries, true, -10000, -10000, {"UKR", "Ukraine", "Ukraine"});
    addFeature(countries, true, -10000, -10000, {"RUS", "Russian Federation", "Russia"});
    Layer islets = makeLayer("gulf_things", {"name", "label", "administered_by", "claimed_by"});
    addFeature(islets, true, 0, 0, {"Abu Musa Island", "Abu Musa", "IRN", "ARE"});
    addFeature(islets, true, 200, 0, {"Greater Tunb", "", "IRN", "ARE"});
    addFeature(islets, true, 400, 0, {"Lesser Tunb", "Lesser Tunb", "IRN", "ARE"});
    addFeature(islets, true, 600, 0, {"Kish", "Kish", "IRN", ""}); // not disputed
    addFeature(islets, true, 20000, 0, {"Far away", "Far away", "IRN", "ARE"});
    Layer areas = makeLayer("areas", {"name", "label", "administered_by", "claimants", "de_jure"});
    addFeature(areas, true, 0, 300, {"Crimea (long name)", "Crimea", "RUS", "Ukraine; Russia", "UKR"});
    addFeature(areas, true, 200, 300, {"Somewhere", "Somewhere", "XYZ", "", "QQQ"});
    MapDocument doc;
    const char* sheet = "[layer.gulf_things]\nlabel = \"label\"\n[layer.areas]\nlabel = \"label\"\n";
    doc.layers.push_back(mapLayer(countries, ""));
    doc.layers.push_back(mapLayer(areas, "", sheet));
    doc.layers.push_back(mapLayer(islets, "", sheet));

    const Camera camera = cameraAt({400.0, 200.0});
    const std::vector<DisputeGroup> groups = disputesInView(doc, camera);
    REQUIRE(groups.size() == 3);
    CHECK(joined(groups[0].places) == "Abu Musa | Greater Tunb | Lesser Tunb"); // label, else the name
    CHECK(groups[0].administeredBy == "Iran");
    CHECK(joined(groups[0].claimedBy) == "the United Arab Emirates");
    CHECK(joined(groups[1].claimedBy) == "Ukraine"); // the administrator left out; de jure Ukraine already named
    CHECK(groups[2].administeredBy == "XYZ");      // a code no layer names stays as it is
    CHECK(pointOfViewNote(doc, camera) ==
          "Disputed: Abu Musa, Greater Tunb and Lesser Tunb — administered by Iran, claimed by the United Arab "
          "Emirates; Crimea — administered by Russia, claimed by Ukraine; Somewhere — administered by XYZ, claimed "
          "by QQQ.");

    // Only what is drawn counts: Kish alone (no claim) is no dispute; islands switched off are none either.
    Camera kish = cameraAt({650.0, 50.0});
    kish.widthPx = kish.heightPx = 60.0;
    CHECK(pointOfViewNote(doc, kish).empty());
    doc.layers[2].visible = false;
    CHECK(pointOfViewNote(doc, camera) == "Disputed: Crimea — administered by Russia, claimed by Ukraine; Somewhere "
                                          "— administered by XYZ, claimed by QQQ.");
    doc.layers[1].style.base.visible = false;
    CHECK(pointOfViewNote(doc, camera).empty());
    CHECK(pointOfViewText({}).empty());
}

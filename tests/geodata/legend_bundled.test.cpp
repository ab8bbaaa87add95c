// The map furniture's content on the bundled map as the viewer loads it (every file of geodata/, styled by its
// sheet, meshed with identify indexes): the legend, the sources line and the point-of-view note at the corridor
// overview, the Gulf islands and Rasht–Astara. CORRIDOR_PRINT_FURNITURE=1 prints them.

#include "bundled_files.hpp"

#include "core/feature_facts.hpp"
#include "core/legend.hpp"
#include "core/map_sources.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

using namespace corridor;

namespace {

const core::MapDocument& bundledDocument()
{
    static const core::MapDocument doc = [] {
        core::MapDocument d;
        for (const std::string& path : geo::dataFilesIn(CORRIDOR_GEODATA_DIR)) {
            for (core::MapLayer& layer : geo::loadLayers(path, d.layers.size())) {
                d.layers.push_back(std::move(layer));
            }
        }
        geo::applyStyleSheet(d, test::bundledSheet());
        d.viewCrs = geo::kCorridorLcc;
        geo::buildMeshes(d); // the full pyramid and the identify indexes, as the viewer has them once refined
        return d;
    }();
    return doc;
}

struct Furniture {
    core::Legend legend;
    core::VisibleSources sources;
    std::string note;
};

// The furniture of an export of `box` at 1920 × 1080 (corridor export's default size).
Furniture furnitureAt(const char* what, const core::GeoBox& box)
{
    const core::MapDocument& doc = bundledDocument();
    const core::Camera camera = geo::frameView(doc, box, 1920, 1080);
    const core::DocumentSources tables = core::loadDocumentSources(doc);
    REQUIRE(tables.problems.empty());
    const auto t0 = std::chrono::steady_clock::now();
    Furniture f{core::buildLegend(doc, camera), core::visibleSources(doc, camera, tables),
                core::pointOfViewNote(doc, camera)};
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (std::getenv("CORRIDOR_PRINT_FURNITURE") != nullptr) {
        std::printf("== %s (%g,%g,%g,%g), zoom %.2f, legend + sources + note in %.1f ms\nLegend:\n", what, box.west,
                    box.south, box.east, box.north, core::zoomLevel(camera.unitsPerPixel), ms);
        for (const core::LegendEntry& e : f.legend.entries) {
            std::printf("  %-5s %-45s %s\n", core::legendKindName(e.kind), e.name.c_str(),
                        doc.layers[e.layer].data.name.c_str());
        }
        std::string names;
        for (const std::string& n : f.sources.names) {
            names += (names.empty() ? "" : ", ") + n;
        }
        std::printf("Sources: %s\nUnknown ids: %zu\nPoint of view: %s\n\n", names.c_str(), f.sources.unknownIds.size(),
                    f.note.empty() ? "(none)" : f.note.c_str());
    }
    return f;
}

std::vector<std::string> namesOf(const core::Legend& legend)
{
    std::vector<std::string> out;
    for (const core::LegendEntry& e : legend.entries) {
        out.push_back(e.name);
    }
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::size_t rank(const std::vector<std::string>& list, const std::string& item)
{
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), item) - list.begin());
}

std::string joined(const std::vector<std::string>& list)
{
    std::string out;
    for (const std::string& s : list) {
        out += (out.empty() ? "" : " | ") + s;
    }
    return out;
}

constexpr core::GeoBox kOverview{35.0, 10.0, 75.0, 62.0};
constexpr core::GeoBox kIslands{54.5, 25.5, 56.5, 26.6};
constexpr core::GeoBox kRashtAstara{48.0, 36.5, 49.8, 38.6};

} // namespace

TEST_CASE("bundled furniture: the corridor overview lists the corridor's classes, top layer first")
{
    const Furniture f = furnitureAt("corridor overview", kOverview);
    const std::vector<std::string> names = namesOf(f.legend);
    INFO(joined(names));
    for (const char* name :
         {"City", "Port or terminal", "Border crossing", "Gas field or hub", "Railway (operational)",
          "Railway (planned)",
          "INSTC rail (operational)", "INSTC sea leg or ferry lane", "INSTC inland waterway",
          "First container train (2022)", "First container train (2022), sea leg", "Suez route (comparison)",
          "INSTC missing link (planned)", "Gas pipeline (operating)", "Gas pipeline (proposed)",
          "Gas pipeline (unbuilt)", "Disputed island", "Disputed territory", "Lake", "INSTC founding member",
          "INSTC member", "INSTC observer or accession pending", "INSTC member (participation doubtful)"}) {
        CHECK_MESSAGE(has(names, name), name);
    }
    // Not drawn at this zoom: the stations (from zoom 6.5). The 16:9 view reaches the Baltic: Nord Stream is in.
    CHECK_FALSE(has(names, "Railway station"));
    CHECK_FALSE(has(names, "Routing town (station not confirmed)"));
    CHECK(has(names, "Gas pipeline (damaged 2022)"));
    // The basemap's ground is not listed, nor the sea names (labels only); no name is shared, so none is numbered.
    for (const std::string& n : names) {
        CHECK_MESSAGE(n.find(" (2)") == std::string::npos, n);
        CHECK(n != "basemap_land");
        CHECK(n != "basemap_sea_labels");
    }
    CHECK(rank(names, "City") < rank(names, "INSTC rail (operational)")); // nodes are drawn above routes
    CHECK(rank(names, "INSTC rail (operational)") < rank(names, "INSTC sea leg or ferry lane")); // sheet order
    CHECK(rank(names, "Disputed island") < rank(names, "Lake"));
    CHECK(f.legend.unlistedLooks == 0);

    // The looks are the sheet's: the rail's white casing, the sea leg's dash, the islands' hatching.
    const auto entry = [&](const std::string& name) {
        const auto it = std::find_if(f.legend.entries.begin(), f.legend.entries.end(),
                                     [&](const core::LegendEntry& e) { return e.name == name; });
        REQUIRE(it != f.legend.entries.end());
        return *it;
    };
    CHECK(entry("INSTC rail (operational)").symbolizer.casingWidth == 5.0f);
    CHECK(entry("INSTC sea leg or ferry lane").symbolizer.dash == std::vector<float>{7.0f, 4.0f});
    CHECK(entry("INSTC missing link (planned)").symbolizer.stroke == *core::parseColor("#c0392b"));
    CHECK(entry("Disputed island").symbolizer.hatch);
    CHECK(entry("Disputed island").kind == core::LegendKind::Fill);
    CHECK(entry("Port or terminal").symbolizer.marker == core::MarkerShape::Port);

    CHECK(f.sources.unknownIds.empty());
    CHECK(has(f.sources.names, "TASS 2023"));
    CHECK(has(f.sources.names, "GeoNames"));
    CHECK(rank(f.sources.names, "Natural Earth") > rank(f.sources.names, "TASS 2023")); // basemap sources last
    CHECK(rank(f.sources.names, "GSHHG") > rank(f.sources.names, "TASS 2023"));
    CHECK(f.note.find("Abu Musa, Greater Tunb and Lesser Tunb — administered by Iran, claimed by the United Arab "
                      "Emirates") != std::string::npos);
    CHECK(f.note.find("Crimea") != std::string::npos);
}

TEST_CASE("bundled furniture: the Gulf islands view lists the disputed islands, not the Rasht–Astara link")
{
    const Furniture f = furnitureAt("Gulf islands", kIslands);
    const std::vector<std::string> names = namesOf(f.legend);
    INFO(joined(names));
    CHECK(has(names, "Disputed island"));
    CHECK(has(names, "INSTC sea leg or ferry lane")); // Mumbai–Bandar Abbas passes Hormuz
    CHECK(has(names, "First container train (2022), sea leg")); // Bandar Abbas–Nhava Sheva, through Hormuz
    // Lines whose bounds cover the view but that pass beside it are not listed: the Suez route (Mumbai to the Red
    // Sea), nor the lakes of the focus region (one multipolygon whose bounds cover the Gulf).
    CHECK_FALSE(has(names, "Suez route (comparison)"));
    CHECK_FALSE(has(names, "Lake"));
    CHECK_FALSE(has(names, "Gas field or hub")); // Kish and South Pars lie west of the view
    CHECK_FALSE(has(names, "INSTC missing link (planned)"));
    CHECK_FALSE(has(names, "Railway (planned)"));
    CHECK_FALSE(has(names, "Disputed territory")); // no disputed area of the basemap is near
    CHECK_FALSE(has(names, "INSTC member (participation doubtful)")); // Ukraine is far away
    CHECK(has(names, "INSTC founding member"));                        // Iran

    CHECK(f.note == "Disputed: Abu Musa, Greater Tunb and Lesser Tunb — administered by Iran, claimed by the United "
                    "Arab Emirates.");
    CHECK(f.sources.unknownIds.empty());
    for (const char* source : {"Mattair 2005", "TASS 2023", "GSHHG", "Natural Earth"}) {
        CHECK_MESSAGE(has(f.sources.names, source), source << " in " << joined(f.sources.names));
    }
    CHECK_FALSE(has(f.sources.names, "Vestnik Kavkaza 2025")); // Rasht–Astara's sources are not cited here
}

TEST_CASE("bundled furniture: Rasht–Astara lists the missing link, the stations and no dispute")
{
    const Furniture f = furnitureAt("Rasht–Astara", kRashtAstara);
    const std::vector<std::string> names = namesOf(f.legend);
    INFO(joined(names));
    for (const char* name : {"INSTC missing link (planned)", "Railway (planned)", "Railway (operational)",
                             "Railway station", "Routing town (station not confirmed)", "Border crossing",
                             "Gas pipeline (operating)", "INSTC sea leg or ferry lane", "INSTC founding member",
                             "INSTC member"}) {
        CHECK_MESSAGE(has(names, name), name);
    }
    CHECK(has(names, "Lake")); // the Anzali lagoon
    CHECK_FALSE(has(names, "Disputed island"));
    CHECK_FALSE(has(names, "Suez route (comparison)"));      // its bounds cover the view, the line does not
    CHECK_FALSE(has(names, "First container train (2022)")); // likewise (Chekhov–Sarakhs–Bandar Abbas)
    CHECK(f.note.empty());
    CHECK(f.sources.unknownIds.empty());
    for (const char* source : {"Iran MRUD", "TASS 2023", "Vestnik Kavkaza 2025", "Natural Earth"}) {
        CHECK_MESSAGE(has(f.sources.names, source), source << " in " << joined(f.sources.names));
    }
    CHECK_FALSE(has(f.sources.names, "Mattair 2005")); // the islands' sources are not cited here
}

TEST_CASE("bundled SOURCES.md: every id any bundled feature cites has a short name, and the Inspector reads it still")
{
    const core::SourceTable table = core::loadSourceTable(test::kGeodata + "/SOURCES.md");
    CHECK(table.shortNames.at("NE") == "Natural Earth");
    CHECK(table.shortNames.at("S4") == "IRNA 2000");
    CHECK(table.shortNames.at("S21") == "TASS 2023");
    std::set<std::string> cited;
    for (const std::string& path : geo::dataFilesIn(test::kGeodata)) {
        for (const core::MapLayer& layer : geo::loadLayers(path, 0)) {
            const int field = layer.data.fieldIndex("source");
            REQUIRE_MESSAGE(field >= 0, path);
            for (const core::Feature& f : layer.data.features) {
                for (const std::string& id : core::splitSourceIds(core::formatValue(f.values[std::size_t(field)]))) {
                    cited.insert(id);
                }
            }
        }
    }
    CHECK(cited.size() > 50);
    for (const std::string& id : cited) {
        CHECK_MESSAGE(table.shortNames.count(id) == 1, "source id '" << id << "' has no short name");
    }
    // The Inspector's reader (core::parseSourceCatalog) takes the source and terms columns by position: the short
    // name, the last column, must not run into the terms.
    const auto catalog = core::loadSourceCatalogFor(test::kGeodata + "/islands.geojson");
    REQUIRE(catalog.has_value());
    CHECK(catalog->entries.at("S21").terms == "facts cited (© the publisher; no text reproduced)");
    CHECK(catalog->entries.at("S21").refs.at(0).publisher == "TASS");
}

// The search index over the bundled data as the viewer loads it (every file of geodata/, styled by its sheet):
// both Astaras by their English, Persian and Azerbaijani names, from the fields the files actually have.

#include "core/search.hpp"
#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace corridor;

namespace {

core::MapDocument bundledDocument()
{
    core::MapDocument doc;
    for (const std::string& path : geo::dataFilesIn(CORRIDOR_GEODATA_DIR)) {
        for (core::MapLayer& layer : geo::loadLayers(path, doc.layers.size())) {
            doc.layers.push_back(std::move(layer));
        }
    }
    geo::applyStyleSheet(doc, core::loadStyleSheet(std::string(CORRIDOR_GEODATA_DIR) + "/style.toml"));
    return doc;
}

// "label › layer" for each hit, so a failure shows what was found.
std::vector<std::string> found(const core::MapDocument& doc, const std::vector<core::SearchHit>& hits)
{
    std::vector<std::string> out;
    for (const core::SearchHit& h : hits) {
        out.push_back(h.label + " › " + doc.layers[h.layer].data.name);
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

} // namespace

TEST_CASE("bundled data: typing astara finds both Astaras, nodes and station, before the lines named after them")
{
    const core::MapDocument doc = bundledDocument();
    core::SearchIndex index;
    index.build(doc);
    const std::vector<std::string> hits = found(doc, index.find("astara", 30));
    std::string list;
    for (const std::string& h : hits) {
        list += h + "\n";
    }
    INFO(list);
    for (const char* place :
        {"Astara (Azerbaijan) › instc_nodes", "Astara (Iran) › instc_nodes", "Astara (IR) › railway_stations"}) {
        INFO(place);
        REQUIRE(has(hits, place));
        CHECK(rank(hits, place) < 3); // the places themselves come first
    }
    CHECK(has(hits, "Rasht–Astara railway (planned) › railways"));
    CHECK(rank(hits, "Rasht–Astara railway (planned) › railways") >= 3);
}

TEST_CASE("bundled data: Persian input finds the Iranian Astara and Rasht, typed either way")
{
    const core::MapDocument doc = bundledDocument();
    core::SearchIndex index;
    index.build(doc);
    for (const char* query : {"آستارا", "استارا"}) {
        INFO(query);
        const std::vector<std::string> hits = found(doc, index.find(query));
        REQUIRE(hits.size() >= 2);
        CHECK(rank(hits, "Astara (Iran) › instc_nodes") < 2);
        CHECK(rank(hits, "Astara (IR) › railway_stations") < 2);
    }
    const std::vector<std::string> rasht = found(doc, index.find("رشت"));
    REQUIRE_FALSE(rasht.empty());
    CHECK(rasht[0] == "Rasht › instc_nodes");
    // names_basis is prose about the names, not a name: "endonym" matches nothing.
    CHECK(index.find("endonym").empty());
}

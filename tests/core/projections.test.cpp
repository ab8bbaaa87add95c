#include "core/projections.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

// The projection switch's presets and what a typed CRS becomes (PROJ's verdict on them: tests/platform/reprojector).

using namespace corridor;

TEST_CASE("projections: four presets with distinct keys, names and definitions, found by key and by definition")
{
    std::set<std::string> keys, definitions;
    for (const core::ProjectionPreset& p : core::projectionPresets()) {
        keys.insert(p.key);
        definitions.insert(p.definition);
        CHECK(core::findPreset(p.key) == &p);
        CHECK(core::presetFor(p.definition) == &p);
    }
    CHECK(keys == std::set<std::string>{"corridor", "mercator", "albers", "platecarree"});
    CHECK(definitions.size() == 4);
    CHECK(core::findPreset("nope") == nullptr);
    // Spacing and the flags that do not change the CRS do not matter.
    const core::ProjectionPreset* albers = core::presetFor(
        "+proj=aea  +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +x_0=0 +y_0=0 +datum=WGS84 +units=m");
    REQUIRE(albers != nullptr);
    CHECK(std::string(albers->key) == "albers");
    CHECK(core::presetFor("EPSG:3035") == nullptr);
    CHECK(std::string(core::findPreset("albers")->definition).find("+proj=aea") == 0); // equal-area
}

TEST_CASE("projections: typed input is trimmed, and a bare number is an EPSG code")
{
    std::string why;
    CHECK(core::normaliseCrsInput("3857", why) == "EPSG:3857");
    CHECK(core::normaliseCrsInput("  epsg:3035 \n", why) == "EPSG:3035");
    CHECK(core::normaliseCrsInput("EPSG:4326", why) == "EPSG:4326");
    CHECK(core::normaliseCrsInput(" +proj=merc ", why) == "+proj=merc");
    CHECK(why.empty());
    CHECK(!core::normaliseCrsInput("   ", why));
    CHECK(why.find("no CRS given") != std::string::npos);
}

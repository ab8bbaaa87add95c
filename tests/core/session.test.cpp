// The session file's TOML form: every field survives a write and a read, and a file that cannot be used says
// which line and what is wrong.

#include "core/session.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace corridor;

namespace {

core::Session fullSession()
{
    core::Session s;
    s.style = "/home/a/briefing style.toml";
    s.lang = "en+fa";
    s.crs = "+proj=lcc +lat_1=30 +lat_2=50 +lon_0=50 +datum=WGS84 +units=m +no_defs +type=crs";
    s.view = core::GeoView{{48.8941234567891, 38.4215987654321}, 123.456789012345};
    s.bookmarks = {
        {"Astara", {{48.87, 38.43}, 60.0}},
        {"آستارا \"quoted\" \\ back", {{-179.5, -89.25}, 0.5}},
        {"View 3", {{180.0, 90.0}, 9.75e6}},
    };
    s.layers = {
        {"/data/geodata/countries.geojson", "countries", false, true, 1.0f},
        {"/home/a/my pipelines.gpkg", "lines", true, false, 0.25f},
        {"/home/a/my pipelines.gpkg", "stations", true, true, 0.0f},
    };
    s.panels = {{"layers", true}, {"messages", false}, {"help", true}, {"bookmarks", true}};
    core::FurnitureOptions furniture = core::noFurniture({});
    furniture.legend = furniture.north = true;
    furniture.title = "Rasht–Astara";
    furniture.subtitle = "راه‌آهن رشت–آستارا";
    furniture.nauticalMiles = true;
    s.furniture = furniture;
    s.imguiIni = "[Window][Layers]\nPos=10,40\nSize=300,500\nCollapsed=0\n\n[Window][Bookmarks]\nPos=900,40\n";
    return s;
}

// The SessionError parseSession throws for `text`, or FAILs.
core::SessionError errorFor(const std::string& text)
{
    try {
        core::parseSession(text, "session.toml");
    } catch (const core::SessionError& e) {
        return e;
    }
    FAIL("parsed without error: " << text);
    return core::SessionError("", 0, "");
}

} // namespace

TEST_CASE("session: every field survives a write and a read")
{
    const core::Session s = fullSession();
    const std::string text = core::sessionToToml(s);
    INFO(text);
    const core::Session back = core::parseSession(text, "session.toml");
    CHECK(back.style == s.style);
    CHECK(back.lang == s.lang);
    CHECK(back.crs == s.crs);
    REQUIRE(back.view);
    CHECK(back.view->centerLonLat.x == s.view->centerLonLat.x); // exact: the text keeps every digit
    CHECK(back.view->centerLonLat.y == s.view->centerLonLat.y);
    CHECK(back.view->metresPerPixel == s.view->metresPerPixel);
    CHECK(back.bookmarks == s.bookmarks);
    CHECK(back.layers == s.layers);
    CHECK(back.panels == s.panels);
    CHECK(back.imguiIni == s.imguiIni);
    CHECK(back.furniture == s.furniture);
    CHECK(back == s);
    // And again: writing what was read gives the same text.
    CHECK(core::sessionToToml(back) == text);
}

TEST_CASE("session: an empty session round-trips, with no view, layers or bookmarks")
{
    const core::Session empty;
    CHECK(core::parseSession(core::sessionToToml(empty), "s.toml") == empty);
}

TEST_CASE("session: a syntax error names the file and its line")
{
    std::string text = core::sessionToToml(fullSession());
    text += "\n[[bookmark]\nname = \"cut short";
    const core::SessionError e = errorFor(text);
    CHECK(e.file == "session.toml");
    CHECK(e.line > 20);
    CHECK_FALSE(e.otherVersion);
    CHECK(std::string(e.what()).find("session.toml: line " + std::to_string(e.line) + ": TOML syntax error") == 0);
}

TEST_CASE("session: a file of another version is refused as such, with the version's line")
{
    const core::SessionError e = errorFor("# a later Corridor\n\nversion = 2\nstyle = \"\"\n");
    CHECK(e.otherVersion);
    CHECK(e.line == 3);
    CHECK(e.problem == "version 2, but this Corridor reads version 1");
    CHECK(errorFor("style = \"\"\n").problem == "no version key: not a Corridor session file");
    CHECK(errorFor("version = \"1\"\n").problem == "version: an integer is needed, not a string");
}

TEST_CASE("session: a wrong type or an out-of-range value names the line, the item and the key")
{
    const std::string head = "version = 1\n";
    core::SessionError e = errorFor(head + "[view]\nlon = 50\nlat = 95.5\nmetres_per_pixel = 10\n");
    CHECK(e.line == 4);
    CHECK(e.problem == "view.lat: 95.5 is out of range (-90 to 90)");

    e = errorFor(head + "[[bookmark]]\nname = \"a\"\nlon = 1\nlat = 2\nmetres_per_pixel = 3\n"
                        "[[bookmark]]\nname = \"b\"\nlon = 1\nlat = 2\nmetres_per_pixel = -3\n");
    CHECK(e.line == 11);
    CHECK(e.problem == "bookmark 2: metres_per_pixel: -3 is out of range (0.001 to 1e+08)");

    e = errorFor(head + "[[bookmark]]\nname = \"a\"\nlon = 1\nmetres_per_pixel = 3\n");
    CHECK(e.line == 2);
    CHECK(e.problem == "bookmark 1: lat is missing");

    e = errorFor(head + "[[layer]]\npath = \"/x.geojson\"\nvisible = \"yes\"\n");
    CHECK(e.line == 4);
    CHECK(e.problem == "layer 1: visible: true or false is needed, not a string");

    e = errorFor(head + "[[layer]]\npath = \"/x.geojson\"\nopacity = 1.5\n");
    CHECK(e.problem == "layer 1: opacity: 1.5 is out of range (0 to 1)");

    e = errorFor(head + "bookmark = 3\n");
    CHECK(e.problem == "bookmark: a list of [[bookmark]] tables is needed, not an integer");

    e = errorFor(head + "[furniture]\nitems = \"legend,compass\"\n");
    CHECK(e.line == 3);
    CHECK(e.problem == "furniture.items: unknown furniture item 'compass'; known: legend, scale, north, sources, pov, "
                       "inset, none");

    e = errorFor(head + "[furniture]\ntitle = \"x\"\n");
    CHECK(e.problem == "furniture.items is missing");

    e = errorFor(head + "[panels]\nlayers = 1\n");
    CHECK(e.line == 3);
    CHECK(e.problem == "panels.layers: true or false is needed, not an integer");
}

TEST_CASE("session: hostile text is refused before toml++ recurses into it")
{
    const core::SessionError e = errorFor("version = 1\n" + std::string(100000, '[') + "\n");
    CHECK(e.line == 2);
    CHECK(errorFor(std::string(5u << 20, '#')).line == 0);
    // Dots inside strings and comments are text, not nesting.
    const std::string dots(200, '.');
    CHECK_NOTHROW(core::parseSession("version = 1 # " + dots + "\nstyle = \"" + dots + "\"\n", "s.toml"));
}

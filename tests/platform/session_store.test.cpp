// The session file on disk and the viewer's side of it: where it lives, the atomic write, a bad file set aside with
// one precise message, the command line winning over the session, views that survive a change of projection, and
// the keys 1–9 (which a text field with the keyboard keeps for itself).

#include "core/session.hpp"
#include "geo/proj.hpp"
#include "panel_harness.hpp"
#include "platform/navigator.hpp"
#include "platform/session_store.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <numbers>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the test output, named for the test.
fs::path scratch(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "session" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path& p, const std::string& text)
{
    std::ofstream(p, std::ios::binary) << text;
}

std::vector<fs::path> filesIn(const fs::path& dir)
{
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Sets an environment variable for the scope of a test.
struct Env {
    std::string name;
    std::optional<std::string> old;
    Env(std::string n, const char* value) : name(std::move(n))
    {
        if (const char* v = std::getenv(name.c_str())) {
            old = v;
        }
        if (value != nullptr) {
            setenv(name.c_str(), value, 1);
        } else {
            unsetenv(name.c_str());
        }
    }
    ~Env()
    {
        if (old) {
            setenv(name.c_str(), old->c_str(), 1);
        } else {
            unsetenv(name.c_str());
        }
    }
    Env(const Env&) = delete;
    Env& operator=(const Env&) = delete;
};

sf::Event keyPress(sf::Keyboard::Key code)
{
    sf::Event e{};
    e.type = sf::Event::KeyPressed;
    e.key = {code, false, false, false, false};
    return e;
}

} // namespace

TEST_CASE("session file: XDG_CONFIG_HOME, else ~/.config, and who keeps one")
{
    {
        const Env xdg("XDG_CONFIG_HOME", "/tmp/xdg-test");
        const Env home("HOME", "/home/someone");
        CHECK(platform::defaultSessionPath() == fs::path("/tmp/xdg-test/corridor/session.toml"));
    }
    {
        const Env xdg("XDG_CONFIG_HOME", "relative/is/ignored"); // the XDG spec: only absolute paths count
        const Env home("HOME", "/home/someone");
        CHECK(platform::defaultSessionPath() == fs::path("/home/someone/.config/corridor/session.toml"));
    }
    const Env xdg("XDG_CONFIG_HOME", "/tmp/xdg-test");
    CHECK(platform::sessionFileFor(false, false, "") == fs::path("/tmp/xdg-test/corridor/session.toml"));
    CHECK(platform::sessionFileFor(true, false, "").empty());          // --fresh: neither read nor written
    CHECK(platform::sessionFileFor(true, true, "/x/s.toml").empty());  // --fresh wins over --session
    CHECK(platform::sessionFileFor(false, true, "").empty());          // --screenshot: reproducible pictures
    CHECK(platform::sessionFileFor(false, true, "/x/s.toml") == fs::path("/x/s.toml"));
}

TEST_CASE("session file: an atomic write replaces the file whole, and a failed one leaves the old file intact")
{
    const fs::path dir = scratch("atomic");
    const fs::path file = dir / "sub" / "session.toml";
    platform::writeFileAtomically(file, "version = 1\nstyle = 'old'\n");
    CHECK(readAll(file) == "version = 1\nstyle = 'old'\n");
    CHECK(filesIn(file.parent_path()).size() == 1); // no temp file left behind

    // The disk fills up half way: the file size limit makes write() fail with EFBIG after the first bytes.
    const std::string big(64 * 1024, 'x');
    rlimit old{};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 4096;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string error;
    try {
        platform::writeFileAtomically(file, big);
    } catch (const std::runtime_error& e) {
        error = e.what();
    }
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    CHECK(error.find("cannot write " + file.string() + ": File too large") == 0);
    CHECK(readAll(file) == "version = 1\nstyle = 'old'\n");
    CHECK(filesIn(file.parent_path()).size() == 1);

    // A folder that cannot be made (a file is in the way) is said as such.
    writeAll(dir / "blocker", "");
    CHECK_THROWS_WITH_AS(platform::writeFileAtomically(dir / "blocker" / "session.toml", "x"),
                         doctest::Contains("cannot create the folder"), std::runtime_error);
}

TEST_CASE("session file: a corrupt one is set aside with a message naming the file, the line, the problem and where it went")
{
    const fs::path dir = scratch("corrupt");
    const fs::path file = dir / "session.toml";
    const std::string text = "version = 1\n[view]\nlon = 50\nlat = 'north'\nmetres_per_pixel = 10\n";
    writeAll(file, text);
    std::vector<core::LogEntry> log;
    const platform::ReadSession read = platform::readSessionFile(file, log);
    CHECK_FALSE(read.session);
    CHECK_FALSE(read.keepAside);
    CHECK_FALSE(fs::exists(file));
    const std::vector<fs::path> files = filesIn(dir);
    REQUIRE(files.size() == 1);
    const std::string moved = files[0].string();
    CHECK(moved.find(file.string() + ".corrupt-") == 0);
    CHECK(readAll(files[0]) == text); // moved, never changed or deleted
    REQUIRE(log.size() == 1);
    CHECK(log[0].severity == core::Severity::Warning);
    CHECK(log[0].text == "session file " + file.string() + ": line 4: view.lat: a number is needed, not a string; moved to " +
                             moved + "; starting with a fresh session");

    // A second bad file the same second is set aside beside the first, not over it.
    writeAll(file, "version = 1\n[[bookmark]\n");
    log.clear();
    platform::readSessionFile(file, log);
    CHECK(filesIn(dir).size() == 2);
    REQUIRE(log.size() == 1);
    CHECK(log[0].text.find(": line 2: TOML syntax error") != std::string::npos);
}

TEST_CASE("session file: one from another version is set aside as such, and a good one is read")
{
    const fs::path dir = scratch("version");
    const fs::path file = dir / "session.toml";
    writeAll(file, "version = 7\n");
    std::vector<core::LogEntry> log;
    CHECK_FALSE(platform::readSessionFile(file, log).session);
    REQUIRE(log.size() == 1);
    CHECK(log[0].text.find("line 1: version 7, but this Corridor reads version 1; moved to " + file.string() +
                           ".other-version-") != std::string::npos);

    core::Session s;
    s.bookmarks = {{"Astara", {{48.87, 38.43}, 60.0}}};
    platform::writeFileAtomically(file, core::sessionToToml(s));
    log.clear();
    const platform::ReadSession read = platform::readSessionFile(file, log);
    REQUIRE(read.session);
    CHECK(*read.session == s);
    CHECK(log.empty());
    CHECK_FALSE(platform::readSessionFile(dir / "none.toml", log).session); // no file: nothing to say
    CHECK(log.empty());
}

TEST_CASE("session file: a FIFO or a huge file is set aside without being read")
{
    const fs::path dir = scratch("special");
    const fs::path file = dir / "session.toml";
    REQUIRE(mkfifo(file.c_str(), 0600) == 0); // reading it would block the start for ever
    std::vector<core::LogEntry> log;
    CHECK_FALSE(platform::readSessionFile(file, log).session);
    REQUIRE(log.size() == 1);
    CHECK(log[0].text.find(file.string() + ": is not a regular file; moved to " + file.string() + ".corrupt-") == std::string("session file ").size());
    CHECK_FALSE(fs::exists(file));

    fs::resize_file([&] { writeAll(file, "version = 1\n"); return file; }(), 64u << 20); // sparse: no disk used
    log.clear();
    CHECK_FALSE(platform::readSessionFile(file, log).session);
    REQUIRE(log.size() == 1);
    CHECK(log[0].text.find(": 67108864 bytes: too large for a session file; moved to ") != std::string::npos);
}

TEST_CASE("session start: the command line wins, added layers come back, a gone one is said once and left out")
{
    const fs::path dir = scratch("start");
    const fs::path kept = dir / "kept.geojson";
    writeAll(kept, R"({"type":"FeatureCollection","features":[]})");
    const fs::path style = dir / "style.toml";
    writeAll(style, "[map]\n");
    core::Session s;
    s.crs = "EPSG:3857";
    s.lang = "fa";
    s.style = style.string();
    s.layers = {{(dir / "gone.gpkg").string(), "lines", true, true, 1.0f},
                {kept.string(), "kept", true, false, 0.5f},
                {(dir / "gone.gpkg").string(), "points", true, true, 1.0f}};
    const fs::path file = dir / "session.toml";
    platform::writeFileAtomically(file, core::sessionToToml(s));

    SUBCASE("the session fills in what the command line left")
    {
        platform::DocumentSources sources;
        sources.data = {"extra.geojson"};
        sources.noDefaults = true;
        std::vector<core::LogEntry> log;
        const platform::SessionStart start = platform::startSession(file, sources, log);
        REQUIRE(start.restored);
        CHECK(start.file == file);
        CHECK(sources.data == std::vector<std::string>{kept.string(), "extra.geojson"});
        CHECK(sources.crs == "EPSG:3857");
        CHECK(sources.lang == core::LabelLanguage::Fa);
        CHECK(sources.style == style.string());
        CHECK(start.crsChosen);
        REQUIRE(log.size() == 1); // the gone file, once for its two layers
        CHECK(log[0].text == "session " + file.string() + ": " + (dir / "gone.gpkg").string() +
                                 " (a layer added earlier) no longer exists; it is left out, the rest is restored");
    }
    SUBCASE("explicit options win, and a --data the session has is loaded once")
    {
        platform::DocumentSources sources;
        sources.data = {kept.string()};
        sources.crs = "EPSG:4326";
        sources.lang = core::LabelLanguage::En;
        sources.style = "mine.toml";
        sources.noDefaults = true;
        std::vector<core::LogEntry> log;
        platform::startSession(file, sources, log);
        CHECK(sources.data == std::vector<std::string>{kept.string()});
        CHECK(sources.crs == "EPSG:4326");
        CHECK(sources.lang == core::LabelLanguage::En);
        CHECK(sources.style == "mine.toml");
    }
    SUBCASE("--fresh reads nothing")
    {
        platform::DocumentSources sources;
        std::vector<core::LogEntry> log;
        const platform::SessionStart start = platform::startSession({}, sources, log);
        CHECK_FALSE(start.restored);
        CHECK(start.file.empty());
        CHECK(sources.crs.empty());
        CHECK(log.empty());
    }
}

TEST_CASE("session view: kept as lon/lat and ground metres, it shows the same place at the same scale in another CRS")
{
    const platform::Navigator lcc(geo::kCorridorLcc);
    core::Camera camera;
    camera.resize(1024, 768);
    const auto astara = lcc.toWorld({48.87, 38.43});
    REQUIRE(astara);
    camera.center = *astara;
    camera.unitsPerPixel = 250.0;
    const auto view = platform::geoViewOf(camera, lcc);
    REQUIRE(view);
    CHECK(view->centerLonLat.x == doctest::Approx(48.87).epsilon(1e-9));
    CHECK(view->centerLonLat.y == doctest::Approx(38.43).epsilon(1e-9));
    CHECK(view->metresPerPixel == doctest::Approx(250.0).epsilon(0.05)); // the LCC is near true scale here

    // Web Mercator stretches by 1/cos(lat) at 38°: the same ground scale takes about 1.28 times the units.
    const platform::Navigator mercator("EPSG:3857");
    core::Camera other;
    other.resize(1024, 768);
    other.unitsPerPixel = 5000.0;
    const auto shown = platform::cameraViewFor(*view, other, mercator);
    REQUIRE(shown);
    CHECK(shown->unitsPerPixel == doctest::Approx(view->metresPerPixel / std::cos(38.43 * std::numbers::pi / 180.0)).epsilon(0.005));
    core::applyView(other, *shown);
    const auto back = platform::geoViewOf(other, mercator);
    REQUIRE(back);
    CHECK(back->centerLonLat.x == doctest::Approx(48.87).epsilon(1e-9));
    CHECK(back->centerLonLat.y == doctest::Approx(38.43).epsilon(1e-9));
    CHECK(back->metresPerPixel == doctest::Approx(view->metresPerPixel).epsilon(1e-6));
}

TEST_CASE("bookmark keys: 1-9 recall on the map, but a text field with the keyboard gets the digits")
{
    test::PanelHarness h;
    h.frame();
    h.frame();
    CHECK(platform::bookmarkKeyFor(keyPress(sf::Keyboard::Num1)) == std::size_t{0});
    CHECK(platform::bookmarkKeyFor(keyPress(sf::Keyboard::Num9)) == std::size_t{8});
    CHECK(platform::bookmarkKeyFor(keyPress(sf::Keyboard::Numpad3)) == std::size_t{2});
    CHECK_FALSE(platform::bookmarkKeyFor(keyPress(sf::Keyboard::Num0)));
    sf::Event ctrl1 = keyPress(sf::Keyboard::Num1);
    ctrl1.key.control = true;
    CHECK_FALSE(platform::bookmarkKeyFor(ctrl1));

    // Ctrl+B: the viewer captures the view and the Bookmarks panel's name box takes the keyboard.
    h.tap(sf::Keyboard::B, true);
    CHECK(h.ui.bookmarks.captureRequested);
    h.ui.bookmarks.captureRequested = false;
    h.ui.bookmarks.draft = core::GeoView{{48.87, 38.43}, 60.0};
    h.ui.bookmarks.nameFocusPending = true;
    h.ui.bookmarks.show = true;
    for (int i = 0; i < 4; ++i) { // the window sizes itself, then the box takes the focus a frame later
        h.frame();
    }
    REQUIRE(ImGui::GetIO().WantCaptureKeyboard);
    CHECK_FALSE(h.ui.bookmarks.nameFocusPending);
    const sf::Event five = keyPress(sf::Keyboard::Num5);
    h.send(five);
    CHECK_FALSE(platform::bookmarkKeyFor(five)); // the digit is the field's
    h.type("Port 5");
    h.key(sf::Keyboard::Enter, true);
    h.frame();
    h.key(sf::Keyboard::Enter, false);
    h.frame();
    REQUIRE(h.app.bookmarks.size() == 1);
    CHECK(h.app.bookmarks[0].name == "Port 5");
    CHECK(h.app.bookmarks[0].view == core::GeoView{{48.87, 38.43}, 60.0});
    CHECK(h.ui.bookmarks.changed); // saved at once, not at the next check
    CHECK_FALSE(h.ui.bookmarks.draft);

    // The field is gone: the map has the keyboard again, and 1 recalls the first bookmark.
    h.frame();
    CHECK_FALSE(ImGui::GetIO().WantCaptureKeyboard);
    CHECK(platform::bookmarkKeyFor(keyPress(sf::Keyboard::Num1)) == std::size_t{0});
}

TEST_CASE("session keeper: what it saves is what the next start restores, and --fresh saves nothing")
{
    const fs::path dir = scratch("keeper");
    const fs::path file = dir / "session.toml";
    const platform::Navigator nav(geo::kCorridorLcc);
    platform::Navigator navMutable(geo::kCorridorLcc);
    {
        test::PanelHarness h; // one ImGui context at a time: this one is gone before the next start's
        h.app.document.viewCrs = geo::kCorridorLcc;
        h.app.camera.resize(1024, 768);
        platform::SessionStart start;
        start.file = file;
        platform::SessionKeeper keeper(start);
        keeper.restoreView(h.app, nav);
        h.app.camera.center = *nav.toWorld({52.5, 29.6});
        h.app.camera.unitsPerPixel = 800.0;
        h.app.bookmarks = {{"Bandar Abbas", {{56.27, 27.18}, 120.0}}};
        h.ui.showHelp = true;
        h.ui.bookmarks.show = true;
        h.frame();
        // Ctrl+B's capture: the view as lon/lat and ground metres, named "View N" where nothing named is at the centre.
        h.ui.bookmarks.captureRequested = true;
        CHECK(keeper.poll(h.app, h.ui, navMutable, 10.0));
        REQUIRE(h.ui.bookmarks.draft);
        CHECK(h.ui.bookmarks.draft->centerLonLat.x == doctest::Approx(52.5).epsilon(1e-9));
        CHECK(std::string(h.ui.bookmarks.draftName.data()) == "View 2");
        CHECK(h.ui.bookmarks.show);
        h.ui.bookmarks.draft.reset();
        REQUIRE(fs::exists(file));
        const std::string first = readAll(file);
        // Nothing changed: nothing is written (the file's text stays, and no write is attempted).
        fs::remove(file);
        keeper.poll(h.app, h.ui, navMutable, 20.0);
        CHECK_FALSE(fs::exists(file));
        keeper.save(h.app, h.ui, nav);
        CHECK_FALSE(fs::exists(file));
        h.app.camera.unitsPerPixel = 400.0;
        keeper.save(h.app, h.ui, nav);
        REQUIRE(fs::exists(file));
        CHECK(readAll(file) != first);
    }
    std::vector<core::LogEntry> log;
    platform::ReadSession read = platform::readSessionFile(file, log);
    REQUIRE(read.session);
    CHECK(read.session->panels.at("help"));
    CHECK(read.session->panels.at("bookmarks"));

    test::PanelHarness next;
    next.app.document.viewCrs = geo::kCorridorLcc;
    next.app.camera.resize(1024, 768);
    next.app.camera.unitsPerPixel = 3000.0;
    platform::SessionStart start;
    start.file = file;
    start.restored = read.session;
    platform::SessionKeeper keeper(start);
    keeper.restoreLayout(next.ui);
    keeper.restoreView(next.app, nav);
    CHECK(next.ui.showHelp);
    CHECK(next.ui.bookmarks.show);
    REQUIRE(next.app.bookmarks.size() == 1);
    CHECK(next.app.bookmarks[0].name == "Bandar Abbas");
    const auto lonLat = nav.toLonLat(next.app.camera.center);
    REQUIRE(lonLat);
    CHECK(lonLat->x == doctest::Approx(52.5).epsilon(1e-9));
    CHECK(lonLat->y == doctest::Approx(29.6).epsilon(1e-9));
    CHECK(next.app.camera.unitsPerPixel == doctest::Approx(400.0).epsilon(1e-6));

    // With no file (--fresh), nothing is ever written.
    fs::remove(file);
    platform::SessionKeeper fresh(platform::SessionStart{});
    fresh.restoreView(next.app, nav);
    next.app.bookmarks.push_back({"x", {{1.0, 2.0}, 3.0}});
    next.ui.bookmarks.changed = true;
    fresh.poll(next.app, next.ui, navMutable, 100.0);
    fresh.save(next.app, next.ui, nav);
    CHECK(filesIn(dir).empty());
}

// The real viewer in a real window under Xvfb, driven by xdotool: dragging pans, the wheel zooms about the cursor.

#include "render/image.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace {

struct Centroid {
    double x = 0.0, y = 0.0;
};

// Centroid of the pixels that are clearly this marker's colour (pure red or pure blue in the fixture).
std::optional<Centroid> findMarker(const corridor::render::Image& img, bool red)
{
    double sx = 0.0, sy = 0.0;
    std::size_t n = 0;
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(y) * img.width + x) * 4];
            const bool hit = red ? (p[0] > 200 && p[1] < 60 && p[2] < 60) : (p[2] > 200 && p[0] < 60 && p[1] < 60);
            if (hit) {
                sx += x;
                sy += y;
                ++n;
            }
        }
    }
    if (n < 10) {
        return std::nullopt;
    }
    return Centroid{sx / n, sy / n};
}

} // namespace

TEST_CASE("viewer under Xvfb: drag pans by the drag, the wheel zooms about the cursor")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/e2e";
    std::filesystem::create_directories(out);
    const std::string fixture = std::string(CORRIDOR_TEST_DATA) + "/e2e_points.geojson";
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/viewer_e2e.sh";

    // First run: find where the red marker lands after the drag, so the zoom can be aimed at it.
    // The two markers fill the view the same way every time (fit to data), so one run is enough: the
    // script zooms at a fixed point that the start screenshot tells us about on a first, throwaway pass.
    auto run = [&](int zoomX, int zoomY) {
        const std::string cmd = "ZOOM_X=" + std::to_string(zoomX) + " ZOOM_Y=" + std::to_string(zoomY) +
                                " xvfb-run -a -s '-screen 0 1024x768x24' " + script + " " + CORRIDOR_BINARY + " " +
                                fixture + " " + out + " 2>&1";
        const int status = std::system(cmd.c_str());
        REQUIRE_MESSAGE(status == 0, "the scripted viewer session failed: " << cmd);
    };
    run(400, 300);
    const auto start = corridor::render::readPng(out + "/e2e-start.png");
    const auto dragged = corridor::render::readPng(out + "/e2e-dragged.png");
    CHECK(start.width == 800);
    CHECK(start.height == 600);
    const auto red0 = findMarker(start, true);
    const auto blue0 = findMarker(start, false);
    const auto red1 = findMarker(dragged, true);
    REQUIRE(red0);
    REQUIRE(blue0);
    REQUIRE(red1);
    CHECK(red1->x - red0->x == doctest::Approx(60.0).epsilon(0.03));
    CHECK(red1->y - red0->y == doctest::Approx(40.0).epsilon(0.03));

    // Second run: wheel with the pointer on the red marker (where it is after the drag): it must stay put while
    // the blue one moves away from it.
    run(static_cast<int>(std::lround(red1->x)), static_cast<int>(std::lround(red1->y)));
    const auto dragged2 = corridor::render::readPng(out + "/e2e-dragged.png");
    const auto zoomed = corridor::render::readPng(out + "/e2e-zoomed.png");
    const auto redBefore = findMarker(dragged2, true);
    const auto blueBefore = findMarker(dragged2, false);
    const auto redAfter = findMarker(zoomed, true);
    const auto blueAfter = findMarker(zoomed, false);
    REQUIRE(redBefore);
    REQUIRE(blueBefore);
    REQUIRE(redAfter);
    CHECK(std::abs(redAfter->x - redBefore->x) < 1.5);
    CHECK(std::abs(redAfter->y - redBefore->y) < 1.5);
    const double before = blueBefore->x - redBefore->x;
    if (blueAfter) {
        // two wheel steps of 1.25 each: the markers' distance grows by 1.5625
        CHECK((blueAfter->x - redAfter->x) / before == doctest::Approx(1.5625).epsilon(0.02));
    }

    // Ctrl+P wrote the zoomed view, map only: the window's size, the red marker where the
    // window shows it, and no panel (the panel's dark title bar is in the window's screenshot, not in the export).
    std::vector<std::string> exports;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        // The PNG, not its sidecars (corridor-view-….pgw, .prj, .png.aux.xml).
        if (entry.path().filename().string().rfind("corridor-view-", 0) == 0 && entry.path().extension() == ".png") {
            exports.push_back(entry.path().string());
        }
    }
    REQUIRE(exports.size() == 1);
    const auto exported = corridor::render::readPng(exports[0]);
    CHECK(exported.width == 800);
    CHECK(exported.height == 600);
    const auto redExported = findMarker(exported, true);
    REQUIRE(redExported);
    CHECK(std::abs(redExported->x - redAfter->x) < 1.5);
    CHECK(std::abs(redExported->y - redAfter->y) < 1.5);
    auto pixel = [](const corridor::render::Image& im, int x, int y) {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(im.width) + static_cast<std::size_t>(x)) * 4;
        return im.rgba[i] + im.rgba[i + 1] + im.rgba[i + 2];
    };
    CHECK(pixel(zoomed, 200, 40) < 300);   // the Layers panel's title bar, in the window
    CHECK(pixel(exported, 200, 40) > 400); // the map's pale background, in the export

    // The Home key brought back the view the viewer opened with.
    const auto home = corridor::render::readPng(out + "/e2e-home.png");
    const auto redHome = findMarker(home, true);
    const auto blueHome = findMarker(home, false);
    REQUIRE(redHome);
    REQUIRE(blueHome);
    CHECK(std::abs(redHome->x - red0->x) < 1.0);
    CHECK(std::abs(redHome->y - red0->y) < 1.0);
    CHECK(std::abs(blueHome->x - blue0->x) < 1.0);
}

TEST_CASE("viewer under Xvfb: a saved style sheet is applied live, and a broken one is reported and changes nothing")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/e2e";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/style_reload_e2e.sh";
    const std::string fixture = std::string(CORRIDOR_TEST_DATA) + "/e2e_points.geojson";
    const std::string cmd = "xvfb-run -a -s '-screen 0 800x600x24' " + script + " " + CORRIDOR_BINARY + " " + fixture +
                            " " + out + " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);
    auto corner = [&](const char* name) {
        const auto img = corridor::render::readPng(out + "/reload-" + name + ".png");
        // the left edge halfway down: away from the panels (which keep 10 px from it), the status bar and the markers
        const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(img.height / 2) * img.width + 4) * 4];
        return std::array<int, 3>{p[0], p[1], p[2]};
    };
    CHECK(corner("before") == std::array<int, 3>{0x20, 0x40, 0x60});
    CHECK(corner("after") == std::array<int, 3>{0xa0, 0x30, 0x10});
    CHECK(corner("broken") == std::array<int, 3>{0xa0, 0x30, 0x10}); // the previous style stays
    std::ifstream err(out + "/reload-stderr.txt");
    const std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    CHECK(text.find("reload-style.toml:4:1: layer.e2e_points.strok: unknown key 'strok'") != std::string::npos);
}

TEST_CASE("viewer as the only client of a bare Xvfb (no -noreset, no window manager): 30 starts, no abort")
{
    // The server resets whenever its last client leaves; the viewer used to close its display probe just before
    // SFML connected, and SFML aborted when it connected during the reset (about one start in ten).
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/e2e";
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/bare_xvfb_e2e.sh";
    const std::string fixture = std::string(CORRIDOR_TEST_DATA) + "/e2e_points.geojson";
    const std::string cmd = script + " " + CORRIDOR_BINARY + " " + fixture + " " + out + " 30 2>&1";
    CHECK_MESSAGE(std::system(cmd.c_str()) == 0, "a start failed: " << cmd);
}

TEST_CASE("viewer under Xvfb: a window larger than the screen is reported, with the size the screenshot has")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/e2e";
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/window_size_e2e.sh";
    const std::string fixture = std::string(CORRIDOR_TEST_DATA) + "/e2e_points.geojson";
    const std::string cmd = "xvfb-run -a -s '-screen 0 640x480x24' " + script + " " + CORRIDOR_BINARY + " " + fixture +
                            " " + out + " 1000x900 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);
    const auto shot = corridor::render::readPng(out + "/size-shot.png");
    CHECK(shot.width == 640);
    CHECK(shot.height == 480);
    std::ifstream err(out + "/size-stderr.txt");
    const std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    INFO(text);
    CHECK(text.find("gave 640×480 instead of 1000×900; --screenshot is that size") != std::string::npos);
}

TEST_CASE("viewer under Xvfb: a broken --style at start shows the bundled style, and is applied once fixed")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/e2e";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/broken_style_e2e.sh";
    const std::string fixture = std::string(CORRIDOR_TEST_DATA) + "/e2e_points.geojson";
    const std::string cmd = "xvfb-run -a -s '-screen 0 800x600x24' " + script + " " + CORRIDOR_BINARY + " " + fixture +
                            " " + out + " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);
    const auto readText = [&](const char* name) {
        std::ifstream in(out + "/" + name);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };

    // The map right of the Layers panel and above the Messages panel is the bundled style's, pixel for pixel.
    const auto fallback = corridor::render::readPng(out + "/broken-fallback.png");
    const auto bundled = corridor::render::readPng(out + "/broken-bundled.png");
    REQUIRE(fallback.width == bundled.width);
    REQUIRE(fallback.height == bundled.height);
    std::size_t differing = 0;
    for (int y = 40; y < 200; ++y) { // the Messages panel starts at 204 (above the status bar)
        for (int x = 400; x < fallback.width; ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(fallback.width) + x) * 4;
            differing += fallback.rgba[i] != bundled.rgba[i] || fallback.rgba[i + 1] != bundled.rgba[i + 1] ||
                         fallback.rgba[i + 2] != bundled.rgba[i + 2];
        }
    }
    CHECK(differing == 0);
    const std::string said = readText("broken-fallback.txt");
    INFO(said);
    CHECK(said.find("broken-style.toml:4:1: layer.instc_routes.strok: unknown key 'strok'") != std::string::npos);
    CHECK(said.find("the bundled style is used until this sheet is fixed") != std::string::npos);
    CHECK(said.find("default look") == std::string::npos);

    // Watched although broken: saved fixed, it is applied.
    auto corner = [&](const char* name) {
        const auto img = corridor::render::readPng(out + "/broken-" + name + ".png");
        const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(img.height / 2) * img.width + 4) * 4];
        return std::array<int, 3>{p[0], p[1], p[2]};
    };
    CHECK(corner("before") != std::array<int, 3>{0xa0, 0x30, 0x10});
    CHECK(corner("fixed") == std::array<int, 3>{0xa0, 0x30, 0x10});
    CHECK(readText("broken-watch.txt").find("(the default look is used until this sheet is fixed)") !=
          std::string::npos);
}

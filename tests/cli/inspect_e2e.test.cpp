// Identify in the real viewer under Xvfb: a click on a marker selects it (the highlight appears around it, and in
// the Export PNG), a click on a panel does not touch the selection, Escape clears it.

#include "render/image.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace {

using corridor::render::Image;

const std::uint8_t* pixel(const Image& img, int x, int y)
{
    return &img.rgba[(static_cast<std::size_t>(y) * img.width + x) * 4];
}

// Centre of the fixture's red marker (pure red pixels).
std::optional<std::pair<int, int>> redMarker(const Image& img)
{
    double sx = 0, sy = 0;
    std::size_t n = 0;
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            const std::uint8_t* p = pixel(img, x, y);
            if (p[0] > 200 && p[1] < 60 && p[2] < 60) {
                sx += x;
                sy += y;
                ++n;
            }
        }
    }
    if (n < 10) {
        return std::nullopt;
    }
    return std::make_pair(static_cast<int>(std::lround(sx / n)), static_cast<int>(std::lround(sy / n)));
}

// Highlight-coloured (amber) pixels within `radius` of (cx, cy), and beyond it.
std::pair<std::size_t, std::size_t> amber(const Image& img, int cx, int cy, int radius)
{
    std::size_t near = 0, far = 0;
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            const std::uint8_t* p = pixel(img, x, y);
            const bool isAmber = p[0] > 200 && p[1] > 150 && p[2] < 160 && p[0] - p[2] > 80;
            if (!isAmber) {
                continue;
            }
            const bool inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
            ++(inside ? near : far);
        }
    }
    return {near, far};
}

} // namespace

TEST_CASE("viewer under Xvfb: a click selects and highlights a marker, a panel click does not, Escape clears")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/inspect_e2e";
    std::filesystem::create_directories(out);
    const std::string fixture = std::string(CORRIDOR_TEST_DATA) + "/e2e_points.geojson";
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/inspect_e2e.sh";
    const auto run = [&](const std::string& extra) {
        const std::string cmd = "xvfb-run -a -s '-screen 0 1024x768x24' " + script + " " + CORRIDOR_BINARY + " " +
                                fixture + " " + out + " " + extra + " 2>&1";
        REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);
    };
    run("");
    const Image start = corridor::render::readPng(out + "/inspect-start.png");
    const auto red = redMarker(start);
    REQUIRE(red);
    const auto [cx, cy] = *red;
    CHECK(amber(start, cx, cy, 20).first == 0);

    run(std::to_string(cx) + " " + std::to_string(cy));
    const Image selected = corridor::render::readPng(out + "/inspect-selected.png");
    const auto [near, far] = amber(selected, cx, cy, 20);
    CHECK(near > 30);
    // Elsewhere only the Inspector's own amber section titles, which are text: few pixels, far from the map's centre
    CHECK(far < 400);
    const Image panelClick = corridor::render::readPng(out + "/inspect-panel-click.png");
    CHECK(amber(panelClick, cx, cy, 20).first > 30);
    const Image cleared = corridor::render::readPng(out + "/inspect-cleared.png");
    CHECK(amber(cleared, cx, cy, 20).first == 0);

    std::optional<std::string> exported;
    for (const auto& e : std::filesystem::directory_iterator(out)) {
        // The PNG, not its sidecars (corridor-view-….pgw, .prj, .png.aux.xml).
        if (e.path().filename().string().rfind("corridor-view-", 0) == 0 && e.path().extension() == ".png") {
            exported = e.path().string();
        }
    }
    REQUIRE(exported);
    const Image exportImage = corridor::render::readPng(*exported);
    const auto [exportNear, exportFar] = amber(exportImage, cx, cy, 20);
    CHECK(exportNear > 30);
    CHECK(exportFar == 0); // the export has no panels: the only amber is the highlight
}

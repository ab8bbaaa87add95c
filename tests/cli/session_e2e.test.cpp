// Bookmarks and the session in the real viewer with the bundled data, under Xvfb, driven by xdotool
// (session_e2e.sh): a bookmark made with Ctrl+B and the view come back at the next start, the key 1 flies to the
// bookmark, and a corrupt session file is set aside with a message while the viewer starts fresh.

#include "core/session.hpp"
#include "geo/loader.hpp"
#include "render/image.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

using corridor::render::Image;

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

corridor::core::Session readSession(const std::string& path)
{
    return corridor::core::parseSession(readAll(path), path);
}

// Astara (Azerbaijan), where the search for "Astara" centres the map: geodata/instc_nodes.geojson's n09.
corridor::core::Vec2d astara()
{
    const corridor::geo::LoadedSource src =
        corridor::geo::loadSource(std::string(CORRIDOR_GEODATA_DIR) + "/instc_nodes.geojson");
    const corridor::core::Layer& l = src.layers.at(0);
    for (const corridor::core::Feature& f : l.features) {
        const corridor::core::AttrValue* v = l.value(f, "id");
        if (v != nullptr && corridor::core::formatValue(*v) == "n09") {
            return l.coords[l.parts[f.firstPart].first];
        }
    }
    FAIL("no node n09");
    return {};
}

// The share of pixels in the box [x0, x1) × [y0, y1) where the two images differ by more than 8 in any channel.
double differingShare(const Image& a, const Image& b, int x0, int y0, int x1, int y1)
{
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    long differing = 0;
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * a.width + x) * 4;
            for (int c = 0; c < 3; ++c) {
                if (std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])) > 8) {
                    ++differing;
                    break;
                }
            }
        }
    }
    return static_cast<double>(differing) / (static_cast<double>(x1 - x0) * (y1 - y0));
}

} // namespace

TEST_CASE("viewer under Xvfb: a bookmark and the view come back at the next start, 1 recalls it, a corrupt file is set aside")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/session_e2e";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/session_e2e.sh";
    const std::string cmd =
        "xvfb-run -a -s '-screen 0 1600x1000x24' " + script + " " + CORRIDOR_BINARY + " " + out + " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);

    // Run 1: the bookmark at the searched place, and the view two steps out from it.
    const corridor::core::Vec2d place = astara();
    const corridor::core::Session first = readSession(out + "/sess-after-run1.toml");
    REQUIRE(first.bookmarks.size() == 1);
    const corridor::core::Bookmark& mark = first.bookmarks[0];
    CHECK(mark.name == "Caspian port");
    CHECK(mark.view.centerLonLat.x == doctest::Approx(place.x).epsilon(1e-6));
    CHECK(mark.view.centerLonLat.y == doctest::Approx(place.y).epsilon(1e-6));
    REQUIRE(first.view);
    CHECK(first.view->centerLonLat.x == doctest::Approx(place.x).epsilon(1e-6));
    CHECK(first.view->metresPerPixel == doctest::Approx(4.0 * mark.view.metresPerPixel).epsilon(0.01));
    CHECK(first.panels.at("bookmarks"));

    // Run 2 starts where run 1 ended: the same map under the panels (left of the Bookmarks panel, below the Layers
    // panel, above the status bar).
    const Image run1 = corridor::render::readPng(out + "/sess-run1.png");
    const Image run2 = corridor::render::readPng(out + "/sess-run2.png");
    CHECK(differingShare(run1, run2, 380, 440, 1000, 600) < 0.01);
    // …and after Home then 1, it rests on the bookmark.
    const corridor::core::Session second = readSession(out + "/sess-after-run2.toml");
    CHECK(second.bookmarks == first.bookmarks);
    REQUIRE(second.view);
    CHECK(second.view->centerLonLat.x == doctest::Approx(place.x).epsilon(1e-6));
    CHECK(second.view->centerLonLat.y == doctest::Approx(place.y).epsilon(1e-6));
    CHECK(second.view->metresPerPixel == doctest::Approx(mark.view.metresPerPixel).epsilon(0.01));
    const Image recall = corridor::render::readPng(out + "/sess-recall.png");
    CHECK(differingShare(run2, recall, 380, 440, 1000, 600) > 0.05); // closer in: another picture

    // Run 3: the corrupt file is moved aside (not deleted), said on stderr, and a fresh session saved in its place.
    const std::string config = out + "/config";
    const std::string stderrText = readAll(out + "/sess-stderr.txt");
    INFO("stderr: " << stderrText);
    CHECK(stderrText.find("corridor: warning: session file " + config + "/session.toml: line 2: TOML syntax error") !=
          std::string::npos);
    CHECK(stderrText.find("moved to " + config + "/session.toml.corrupt-") != std::string::npos);
    std::string asideFile;
    for (const auto& e : std::filesystem::directory_iterator(config)) {
        if (e.path().filename().string().rfind("session.toml.corrupt-", 0) == 0) {
            asideFile = e.path().string();
        }
    }
    REQUIRE_FALSE(asideFile.empty());
    CHECK(readAll(asideFile) == "version = 1\n[view\nlon = 3\n");
    const corridor::core::Session fresh = readSession(config + "/session.toml");
    CHECK(fresh.bookmarks.empty());
}

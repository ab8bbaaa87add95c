// Add layer in the real viewer under Xvfb, driven by xdotool (add_layer_e2e.sh): Ctrl+O, a typed path and Enter
// add a file made at run time, which is drawn and flown to; a broken file gives one message and leaves the map
// as it was. And files given on the command line are added like --data.

#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runCorridor;

namespace {

// Pixels of the test square's magenta.
std::size_t magenta(const corridor::render::Image& image)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
        if (image.rgba[i] > 200 && image.rgba[i + 1] < 60 && image.rgba[i + 2] > 200) {
            ++n;
        }
    }
    return n;
}

std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("viewer under Xvfb: Ctrl+O and a typed path add a layer, a broken file says why and changes nothing")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/add_layer";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/add_layer_e2e.sh";
    const std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " + script + " " + CORRIDOR_BINARY + " " + out +
                            " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);

    const corridor::render::Image before = corridor::render::readPng(out + "/add-before.png");
    const corridor::render::Image after = corridor::render::readPng(out + "/add-after.png");
    const corridor::render::Image broken = corridor::render::readPng(out + "/add-broken.png");
    CHECK(magenta(before) == 0);
    // Flown to: the 3°×3° square fills a good part of the 800×500 window.
    CHECK(magenta(after) > 800u * 500u / 10u);
    // The broken file changed nothing: the square is still there where it was (the Messages panel may cover some).
    CHECK(magenta(broken) > magenta(after) / 2);

    std::ifstream file(out + "/add-stderr.txt");
    const std::string printed((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    INFO("stderr: " << printed);
    CHECK(occurrences(printed, "broken-layer.geojson") == 1);
    CHECK_FALSE(contains(printed, "added square.geojson:")); // it loaded without a problem
}

TEST_CASE("files on the command line are added as --data")
{
    const std::string data = CORRIDOR_TEST_DATA;
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/positional.png";
    std::filesystem::remove(out);
    const Run ok = runCorridor("--no-defaults " + data + "/nodes.geojson " + data + "/routes_3857.geojson --screenshot " + out,
                               "env -u DISPLAY -u WAYLAND_DISPLAY");
    INFO(ok.output);
    CHECK(ok.exitCode == 0);
    CHECK(std::filesystem::exists(out));

    const Run missing = runCorridor("--no-defaults " + data + "/nodes.geojson " + data + "/no-such-file.gpkg --screenshot " + out,
                                    "env -u DISPLAY -u WAYLAND_DISPLAY");
    INFO(missing.output);
    CHECK(missing.exitCode == 1);
    CHECK(occurrences(missing.output, "no-such-file.gpkg") == 1);
    // The same as --data says it.
    const Run asData = runCorridor("--no-defaults --data " + data + "/nodes.geojson --data " + data + "/no-such-file.gpkg --screenshot " + out,
                                   "env -u DISPLAY -u WAYLAND_DISPLAY");
    CHECK(asData.output == missing.output);
}

// End-to-end tests of the real `corridor` binary: exit codes, messages, and what lands at --out.

#include "render/image.hpp"

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace {

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runCorridor;
using corridor::test::runShell;

std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }

using corridor::test::outputPath;

} // namespace

TEST_CASE("--help and --version exit 0")
{
    const Run help = runCorridor("--help");
    CHECK(help.exitCode == 0);
    CHECK(help.output.find("export") != std::string::npos);
    CHECK(help.output.find("info") != std::string::npos);
    const Run version = runCorridor("--version");
    CHECK(version.exitCode == 0);
    CHECK(version.output.find("corridor ") == 0);
}

TEST_CASE("export renders the bundled map headless to a PNG of the asked size, with no display at all")
{
    const std::string out = outputPath("smoke.png");
    const Run run = runCorridor("export --out " + out + " --size 640x360", "env -u DISPLAY -u WAYLAND_DISPLAY");
    INFO(run.output);
    CHECK(run.exitCode == 0);
    REQUIRE(std::filesystem::exists(out));
    const auto image = corridor::render::readPng(out);
    CHECK(image.width == 640);
    CHECK(image.height == 360);
    // The map is not one flat colour: layers were drawn over the background.
    std::size_t differing = 0;
    for (std::size_t i = 4; i < image.rgba.size(); i += 4) {
        differing += image.rgba[i] != image.rgba[0] || image.rgba[i + 1] != image.rgba[1];
    }
    CHECK(differing > image.rgba.size() / 4 / 50);
}

TEST_CASE("export of an extra source with --no-defaults and --bbox")
{
    const std::string out = outputPath("extra.png");
    const Run run = runCorridor("export --no-defaults --data " + fixture("nodes.geojson") + " --bbox 45,33,55,40 --size 200x100 --out " + out);
    INFO(run.output);
    CHECK(run.exitCode == 0);
    CHECK(std::filesystem::exists(out));
}

TEST_CASE("bad export arguments give one clear message, exit 2, and leave no file")
{
    const std::string out = outputPath("never.png");
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {"--size 0x100", "out of range"},
        {"--size -5x100", "out of range"},
        {"--size 100000x100000", "out of range"},
        {"--size big", "WIDTHxHEIGHT"},
        {"--bbox 60,30,50,40", "lon0 must be less than lon1"},
        {"--bbox 10,95,20,96", "latitudes must lie in -90..90"},
        {"--bbox 1,2,3", "four numbers"},
        {"--frobnicate", "frobnicate"},
        {"--crs EPSG:999999", "EPSG:999999"},
    };
    for (const Case& c : cases) {
        const Run run = runCorridor("export --out " + out + " " + c.args);
        INFO(c.args << " -> " << run.output);
        CHECK(run.exitCode == 2);
        CHECK(run.output.find(c.message) != std::string::npos);
        CHECK(!std::filesystem::exists(out));
    }
}

TEST_CASE("an unwritable --out or a broken --data source exits 1 and writes nothing")
{
    const Run noDir = runCorridor("export --out /nonexistent-dir/map.png");
    CHECK(noDir.exitCode == 1);
    CHECK(noDir.output.find("/nonexistent-dir") != std::string::npos);

    const std::string out = outputPath("broken.png");
    const Run bad = runCorridor("export --no-defaults --data " + fixture("not_geodata.geojson") + " --out " + out);
    CHECK(bad.exitCode == 1);
    CHECK(bad.output.find("not_geodata.geojson") != std::string::npos);
    CHECK(!std::filesystem::exists(out));

    const std::string dirOut = std::string(CORRIDOR_TEST_OUTPUT);
    const Run isDir = runCorridor("export --out " + dirOut);
    CHECK(isDir.exitCode == 2);
    CHECK(isDir.output.find("is a directory") != std::string::npos);
}

TEST_CASE("info lists layers and reports broken features one by one")
{
    const Run good = runCorridor("info " + fixture("two_layers.gpkg"));
    CHECK(good.exitCode == 0);
    CHECK(good.output.find("layer 'nodes'") != std::string::npos);
    CHECK(good.output.find("layer 'areas'") != std::string::npos);
    CHECK(good.output.find("EPSG:4326") != std::string::npos);

    const Run broken = runCorridor("info " + fixture("broken.geojson"));
    CHECK(broken.exitCode == 1);
    CHECK(broken.output.find("feature 2 'bow tie': invalid polygon: Self-intersection") != std::string::npos);
    CHECK(broken.output.find("feature 4 'no geometry': has no geometry") != std::string::npos);
    CHECK(broken.output.find("feature 5 'unclosed ring': exterior ring is not closed") != std::string::npos);

    const Run missing = runCorridor("info /no/such/file.gpkg");
    CHECK(missing.exitCode == 1);
    CHECK(missing.output.find("/no/such/file.gpkg: no such file") != std::string::npos);
}

TEST_CASE("the viewer without a display says so and exports a PNG instead")
{
    const std::string out = outputPath("nodisplay.png");
    const Run run = runCorridor("--no-defaults --data " + fixture("nodes.geojson") + " --screenshot " + out,
                             "env -u DISPLAY -u WAYLAND_DISPLAY");
    INFO(run.output);
    CHECK(run.exitCode == 0);
    CHECK(run.output.find("no display") != std::string::npos);
    CHECK(std::filesystem::exists(out));
}

TEST_CASE("a bad --window-size names --window-size, exits 2 and opens no window")
{
    for (const char* size : {"big", "0x100", "100000x100"}) {
        const Run run = runCorridor(std::string("--no-defaults --window-size ") + size, "env -u DISPLAY -u WAYLAND_DISPLAY");
        INFO(size << " -> " << run.output);
        CHECK(run.exitCode == 2);
        CHECK(run.output.find("--window-size: ") != std::string::npos);
        CHECK(run.output.find("--size") == std::string::npos);
    }
}

TEST_CASE("export with a broken --style: the error with its place, exit 1, nothing written, no talk of a fallback")
{
    const std::string style = outputPath("broken-style.toml");
    {
        std::FILE* f = std::fopen(style.c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs("[map]\nbackground = \"#204060\"\n[layer.nodes]\nstrok = \"#000000\"\n", f);
        std::fclose(f);
    }
    const std::string out = outputPath("broken-style.png");
    for (const std::string& defaults : {std::string(), "--no-defaults --data " + fixture("nodes.geojson")}) {
        const Run run = runCorridor("export " + defaults + " --style " + style + " --size 200x100 --out " + out);
        INFO(defaults << " -> " << run.output);
        CHECK(run.exitCode == 1);
        CHECK(!std::filesystem::exists(out));
        CHECK(run.output.find("broken-style.toml:4:1: layer.nodes.strok: unknown key 'strok'") != std::string::npos);
        CHECK(run.output.find("the style sheet could not be read; nothing was written") != std::string::npos);
        CHECK(run.output.find("default look") == std::string::npos);
        CHECK(run.output.find("bundled style") == std::string::npos);
    }
}

TEST_CASE("scripts/test.sh turns the tests on in every configure and fails when ctest finds none")
{
    // scripts/run.sh used to leave build/release configured with BUILD_TESTING=OFF, and test.sh then ran no tests
    // there and passed.
    const std::string root = std::string(CORRIDOR_TEST_DATA) + "/../..";
    const std::string cmd = root + "/tests/cli/scripts_check.sh " + root + " " + CORRIDOR_TEST_OUTPUT + "/scripts 2>&1";
    CHECK_MESSAGE(std::system(cmd.c_str()) == 0, cmd);
}

// `corridor export` of a view coarser than web-map zoom 0: a world band in a small image. Layers without a zoom
// window must still be drawn there (they used to vanish below zoom 0, leaving a blank image).

#include "render/image.hpp"

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace {

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runShell;

Run runExport(const std::string& args) { return corridor::test::runCorridor("export " + args, "env -u DISPLAY -u WAYLAND_DISPLAY"); }

using corridor::test::outputPath;

// Pixels whose colour differs from the background's (taken from the sheet's or the default background).
std::size_t inkPixels(const corridor::render::Image& image, std::array<std::uint8_t, 3> background)
{
    std::size_t ink = 0;
    for (std::size_t i = 0; i < image.rgba.size(); i += 4) {
        const int dr = image.rgba[i] - background[0];
        const int dg = image.rgba[i + 1] - background[1];
        const int db = image.rgba[i + 2] - background[2];
        ink += dr * dr + dg * dg + db * db > 3 * 4 * 4;
    }
    return ink;
}

} // namespace

TEST_CASE("a 300x225 export of a world band (coarser than zoom 0) draws the bundled map's layers")
{
    const std::string out = outputPath("world_band.png");
    const Run run = runExport("--bbox -180,-60,180,75 --size 300x225 --out " + out);
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const auto image = corridor::render::readPng(out);
    REQUIRE(image.width == 300);
    REQUIRE(image.height == 225);
    // geodata/style.toml: background = "#c6dbe7". Land, borders and routes cover far more than 1 % of it.
    CHECK(inkPixels(image, {0xc6, 0xdb, 0xe7}) > image.rgba.size() / 4 / 100);
}

TEST_CASE("a world-band export of one small source draws its points")
{
    const std::string out = outputPath("world_band_nodes.png");
    const Run run = runExport("--no-defaults --data " + std::string(CORRIDOR_TEST_DATA) +
                                  "/nodes.geojson --bbox -180,-60,180,75 --size 300x225 --out " + out);
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const auto image = corridor::render::readPng(out);
    // core::MapDocument's default background, #ccE0ED (0.80, 0.88, 0.93); three 7 px markers, overlapping.
    CHECK(inkPixels(image, {204, 224, 237}) >= 20);
}

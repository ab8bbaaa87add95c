// `corridor export`'s view, layer, furniture and overwrite options (issue 13): --view, --layers, --title,
// --furniture / --no-furniture, --scale / --dpi, --force.

#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;
using corridor::test::contains;
using corridor::test::outputPath;
using corridor::test::Run;
using corridor::test::runCorridor;

const std::string kData = std::string(CORRIDOR_TEST_DATA);
const std::string kSmall = "--no-defaults --data " + kData + "/nodes.geojson --data " + kData + "/polygons_holes.geojson";

std::string bytesOf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Pixels that differ between two images of the same size inside a rectangle.
std::size_t differing(const corridor::render::Image& a, const corridor::render::Image& b, int x0, int y0, int x1, int y1)
{
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    std::size_t n = 0;
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * a.width + x) * 4;
            n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
        }
    }
    return n;
}

} // namespace

TEST_CASE("an existing --out is refused without --force, and left as it was")
{
    const std::string out = outputPath("export_force.png");
    {
        std::ofstream(out) << "the user's own file";
    }
    const Run refused = runCorridor("export " + kSmall + " --size 160x120 --out " + out);
    INFO(refused.output);
    CHECK(refused.exitCode == 1);
    CHECK(contains(refused.output, out + " exists; pass --force"));
    CHECK(bytesOf(out) == "the user's own file");
    const Run forced = runCorridor("export " + kSmall + " --size 160x120 --force --out " + out);
    INFO(forced.output);
    CHECK(forced.exitCode == 0);
    CHECK(corridor::render::readPng(out).width == 160);
}

TEST_CASE("export's new options reject bad values with one precise message and exit 2")
{
    const std::string out = outputPath("export_bad_options.png");
    const struct {
        const char* args;
        const char* message;
    } cases[] = {
        {"--view 55,26", "--view: view needs three numbers lon,lat,zoom"},
        {"--view 55,26,31", "view zoom must lie in 0..30"},
        {"--view 200,26,5", "view longitude must lie in -180..180"},
        {"--view 55,26,5 --bbox 54,25,56,27", "--view and --bbox both give the view"},
        {"--furniture legend,compass", "unknown furniture item 'compass'"},
        {"--furniture legend --no-furniture", "contradict"},
        {"--scale 2 --dpi 300", "--scale and --dpi both"},
        {"--scale 0", "--scale"},
        {"--layers nodes,nowhere", "no layer named 'nowhere'; the layers are: nodes, polygons_holes"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.args);
        const Run run = runCorridor("export " + kSmall + " --size 160x120 --out " + out + " " + c.args);
        INFO(run.output);
        CHECK(run.exitCode == 2);
        CHECK(contains(run.output, c.message));
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("--layers draws the listed layers alone, as if only they were loaded")
{
    const std::string some = outputPath("export_layers_some.png");
    const std::string alone = outputPath("export_layers_alone.png");
    const Run a = runCorridor("export " + kSmall + " --layers polygons_holes --no-furniture --size 320x240 --out " + some);
    INFO(a.output);
    REQUIRE(a.exitCode == 0);
    // The same view (the two layers' extent) with the nodes loaded but hidden: give the view explicitly.
    const Run b = runCorridor("export " + kSmall + " --no-furniture --size 320x240 --out " + alone);
    INFO(b.output);
    REQUIRE(b.exitCode == 0);
    const auto withNodes = corridor::render::readPng(alone);
    const auto without = corridor::render::readPng(some);
    // The nodes' markers are gone and nothing else changed: some pixels differ, but far fewer than the image.
    const std::size_t changed = differing(withNodes, without, 0, 0, 320, 240);
    CHECK(changed > 0);
    CHECK(changed < 320 * 240 / 10);
}

TEST_CASE("the furniture is on by default, and --no-furniture draws the map alone")
{
    const std::string plain = outputPath("export_plain.png");
    const std::string dressed = outputPath("export_dressed.png");
    const std::string box = " --bbox 54.5,25.5,56.5,26.6 --size 960x600";
    const Run a = runCorridor("export" + box + " --no-furniture --out " + plain);
    INFO(a.output);
    REQUIRE(a.exitCode == 0);
    const Run b = runCorridor("export" + box + " --title \"Gulf islands\" --out " + dressed, "SOURCE_DATE_EPOCH=0");
    INFO(b.output);
    REQUIRE(b.exitCode == 0);
    const auto p = corridor::render::readPng(plain);
    const auto d = corridor::render::readPng(dressed);
    CHECK(differing(p, d, 0, 0, 200, 50) > 200);      // the title block, top left
    CHECK(differing(p, d, 0, 580, 960, 600) > 500);   // the sources strip along the bottom
    CHECK(differing(p, d, 0, 500, 200, 580) > 200);   // the scale bar, bottom left
    CHECK(differing(p, d, 300, 150, 600, 450) == 0);  // the middle of the map untouched
}

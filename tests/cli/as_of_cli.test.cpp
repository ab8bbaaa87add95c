// --as-of on the viewer, export and bench (issue 14): a bad date is a usage error with one precise message before
// anything loads or is written; a good one draws the map of that date and the image says so.

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

using corridor::test::contains;
using corridor::test::outputPath;
using corridor::test::Run;
using corridor::test::runCorridor;

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("--as-of with a value that is not a date exits 2 naming what is wrong, and writes nothing")
{
    const std::string out = outputPath("as_of_never.png");
    struct Bad {
        const char* value;
        const char* message;
    };
    for (const Bad& bad : {Bad{"2015-13", "--as-of: '2015-13' is not a date: month 13 is outside 01 to 12"},
                           Bad{"2023-02-29", "--as-of: '2023-02-29' is not a date: 2023 has no 29 February"},
                           Bad{"15/03/2019", "--as-of: '15/03/2019' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"},
                           Bad{"today", "--as-of: 'today' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"}}) {
        CAPTURE(bad.value);
        const Run run = runCorridor(std::string("export --as-of ") + bad.value + " --size 64x64 --out " + out);
        CHECK(run.exitCode == 2);
        CHECK(contains(run.output, bad.message));
        CHECK(!std::filesystem::exists(out));
    }
    // The viewer and bench too, before any display is looked for or anything is measured.
    const Run view = runCorridor("--as-of 2019-3-6", "env -u DISPLAY -u WAYLAND_DISPLAY");
    CHECK(view.exitCode == 2);
    CHECK(contains(view.output, "--as-of: '2019-3-6' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"));
    CHECK(!contains(view.output, "no display"));
    const Run bench = runCorridor("bench --as-of 0000 --frames 3");
    CHECK(bench.exitCode == 2);
    CHECK(contains(bench.output, "--as-of: '0000' is not a date: the year must be 0001 to 9999"));
}

TEST_CASE("export --as-of draws the map of that date and says so in the image's metadata, and --help lists it")
{
    const std::string out = outputPath("as_of_2015.png");
    const Run run =
        runCorridor("export --as-of 2015 --bbox 48,36.5,49.8,38.6 --size 400x300 --no-furniture --out " + out);
    REQUIRE(run.exitCode == 0);
    const std::string png = readAll(out);
    CHECK(contains(png, "Map as of 2015: each feature drawn as its dates say it was then"));
    const std::string today = outputPath("as_of_today.png");
    REQUIRE(runCorridor("export --bbox 48,36.5,49.8,38.6 --size 400x300 --no-furniture --out " + today).exitCode == 0);
    CHECK(!contains(readAll(today), "Map as of"));
    CHECK(contains(runCorridor("export --help").output, "--as-of"));
    CHECK(contains(runCorridor("--help").output, "--as-of"));
}

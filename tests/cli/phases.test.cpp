// `corridor export` and `corridor bench` say where their time went (issue 12): a phase line on stderr after the
// "wrote" line, and phase_*_ms keys in bench's key=value line (tests/bench/run_benchmarks.sh reads them).

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <string>

namespace {

using corridor::test::outputPath;
using corridor::test::Run;

const char* const kPhases[] = {"open",       "read",   "reproject", "simplify",  "fields",
                               "tessellate", "upload", "render",    "read-back", "encode"};

// A small fixture with every kind of work: lines in EPSG:3857 (reprojected to lon/lat, then to the view) and
// polygons with holes (ear-clipped).
std::string smallData()
{
    const std::string data = CORRIDOR_TEST_DATA;
    return "--no-defaults --data " + data + "/routes_3857.geojson --data " + data + "/polygons_holes.geojson";
}

} // namespace

TEST_CASE("corridor export prints each phase once with its wall time and a total no phase exceeds")
{
    const std::string out = outputPath("phases.png");
    const Run run = corridor::test::runCorridor("export " + smallData() + " --size 400x300 --out " + out,
                                                "env -u DISPLAY -u WAYLAND_DISPLAY");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const std::size_t wrote = run.output.find("wrote " + out);
    const std::size_t line = run.output.find("corridor: phases (");
    REQUIRE(wrote != std::string::npos);
    REQUIRE(line != std::string::npos);
    CHECK(wrote < line); // after the "wrote …" line
    const std::string phases = run.output.substr(line, run.output.find('\n', line) - line);
    INFO(phases);

    std::smatch total;
    REQUIRE(std::regex_search(phases, total, std::regex("; total ([0-9]+(\\.[0-9]+)?)$")));
    const double totalMs = std::stod(total[1]);
    for (const char* name : kPhases) {
        // "name 12" or "name 180 (310)": a number, never negative, and the name exactly once.
        const std::regex one(std::string("[:,] ") + name + " ([0-9]+(\\.[0-9]+)?)( \\(([0-9]+(\\.[0-9]+)?)\\))?[,;]");
        std::smatch m;
        CAPTURE(name);
        REQUIRE(std::regex_search(phases, m, one));
        const std::string rest = m.suffix().str();
        CHECK_FALSE(std::regex_search(rest, one));
        const double wall = std::stod(m[1]);
        CHECK(wall >= 0.0);
        CHECK(wall <= totalMs);
        if (m[4].matched) {
            CHECK(std::stod(m[4]) >= 0.0);
        }
    }
    // The fixture's work did happen, so its main phases are measured, not left out.
    CHECK(std::regex_search(phases, std::regex("read [0-9.]*[1-9]")));
    CHECK(std::regex_search(phases, std::regex("encode [0-9.]*[1-9]")));
}

TEST_CASE("corridor bench prints a phase_*_ms key per phase for its load")
{
    const Run run = corridor::test::runCorridor("bench " + smallData() + " --size 200x150 --frames 3",
                                                "env -u DISPLAY -u WAYLAND_DISPLAY");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    for (const char* key : {"open", "read", "reproject", "simplify", "fields", "tessellate", "upload", "render",
                            "readback", "encode", "total"}) {
        CAPTURE(key);
        CHECK(std::regex_search(run.output, std::regex(std::string(" phase_") + key + "_ms=[0-9]+\\.[0-9]( |\n)")));
    }
    CHECK(std::regex_search(run.output, std::regex(" phase_read_threads_ms=[0-9]+\\.[0-9] ")));
}

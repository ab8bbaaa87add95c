// `corridor info` and `corridor export` report every feature they drop or draw wrongly: a bow tie, a null
// geometry and a point at (500, 95) in tests/data/problems.geojson.

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
using corridor::test::runCorridor;
using corridor::test::runShell;

std::size_t occurrences(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

const std::string kProblems = std::string(CORRIDOR_TEST_DATA) + "/problems.geojson";

} // namespace

TEST_CASE("info lists the bow tie, the null geometry and the point off the globe, each once, and exits 1")
{
    const Run run = runCorridor("info " + kProblems);
    INFO(run.output);
    CHECK(run.exitCode == 1);
    CHECK(run.output.find("problems:  3\n") != std::string::npos);
    CHECK(occurrences(run.output, "feature 1 'bow tie': invalid polygon: Self-intersection at (52.5, 30.5); "
                                  "drawn as read\n") == 1);
    CHECK(occurrences(run.output, "feature 2 'nowhere': has no geometry; not drawn\n") == 1);
    CHECK(occurrences(run.output, "feature 3 'off the globe': point (500, 95) is out of range: longitude 500 is "
                                  "outside -180..180, latitude 95 is outside -90..90; not drawn\n") == 1);
    CHECK(occurrences(run.output, "feature 4") == 0);
    CHECK(occurrences(run.output, "feature 5") == 0);
    CHECK(run.output.find("3 problem(s) found") != std::string::npos);
}

TEST_CASE("export warns about all three, once each, and still draws the rest")
{
    std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/problems.png";
    std::filesystem::remove(out);
    const Run run = runCorridor("export --no-defaults --data " + kProblems + " --size 200x100 --out " + out);
    INFO(run.output);
    CHECK(run.exitCode == 0);
    CHECK(std::filesystem::exists(out));
    CHECK(occurrences(run.output, "warning: ") == 3);
    CHECK(occurrences(run.output, "invalid polygon: Self-intersection at (52.5, 30.5); drawn as read\n") == 1);
    CHECK(occurrences(run.output, "has no geometry; not drawn\n") == 1);
    CHECK(occurrences(run.output, "point (500, 95) is out of range: longitude 500 is outside -180..180, latitude 95 "
                                  "is outside -90..90; not drawn\n") == 1);
    CHECK(occurrences(run.output, "problems.geojson: layer 'problems': feature ") == 3);
}

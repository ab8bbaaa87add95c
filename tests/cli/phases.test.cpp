// `corridor export` and `corridor bench` say where their time went (issue 12): a phase line on stderr after the
// "wrote" line, and phase_*_ms keys in bench's key=value line (tests/bench/run_benchmarks.sh reads them).

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <vector>
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

// One entry of the phase line: "name 12" or "name 180 (310)".
struct Entry {
    std::string name;
    double wall = -1.0;
    std::optional<double> threads;
};

// A number as the whole of `text` ("12", "0.5"), else nullopt.
std::optional<double> number(const std::string& text)
{
    if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) {
        return std::nullopt;
    }
    std::istringstream in(text);
    double v = 0.0;
    in >> v;
    return in && in.eof() ? std::optional<double>(v) : std::nullopt;
}

// The entries after "): " up to "; total N", and N; an entry that does not read as one is returned with wall -1.
std::vector<Entry> parsePhases(const std::string& line, std::optional<double>& total)
{
    std::vector<Entry> out;
    const std::size_t from = line.find("): ");
    const std::size_t to = line.rfind("; total ");
    if (from == std::string::npos || to == std::string::npos || to < from) {
        return out;
    }
    total = number(line.substr(to + 8));
    std::string body = line.substr(from + 3, to - from - 3);
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find(", ", start);
        const std::string item = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        Entry e;
        const std::size_t space = item.find(' ');
        e.name = item.substr(0, space);
        if (space != std::string::npos) {
            std::string value = item.substr(space + 1);
            const std::size_t paren = value.find(" (");
            if (paren != std::string::npos && value.back() == ')') {
                e.threads = number(value.substr(paren + 2, value.size() - paren - 3));
                value = value.substr(0, paren);
            }
            e.wall = number(value).value_or(-1.0);
        }
        out.push_back(e);
        if (end == std::string::npos) {
            break;
        }
        start = end + 2;
    }
    return out;
}

// bench's "key=1.5 " (or at the end of a line): its value, else nullopt.
std::optional<double> keyValue(const std::string& output, const std::string& key)
{
    const std::string needle = " " + key + "=";
    const std::size_t at = output.find(needle);
    if (at == std::string::npos) {
        return std::nullopt;
    }
    const std::size_t from = at + needle.size();
    const std::size_t end = output.find_first_of(" \n", from);
    return number(output.substr(from, end == std::string::npos ? std::string::npos : end - from));
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

    std::optional<double> total;
    const std::vector<Entry> entries = parsePhases(phases, total);
    REQUIRE(total.has_value());
    for (const char* name : kPhases) {
        // "name 12" or "name 180 (310)": a number, never negative, and the name exactly once.
        CAPTURE(name);
        std::size_t seen = 0;
        for (const Entry& e : entries) {
            if (e.name != name) {
                continue;
            }
            ++seen;
            CHECK(e.wall >= 0.0);
            CHECK(e.wall <= *total);
            if (e.threads) {
                CHECK(*e.threads >= 0.0);
            }
        }
        CHECK(seen == 1);
    }
    CHECK(entries.size() == std::size(kPhases)); // nothing else, nothing unreadable
    // The fixture's work did happen, so its main phases are measured, not left out.
    for (const Entry& e : entries) {
        if (e.name == "read" || e.name == "encode") {
            CHECK_MESSAGE(e.wall > 0.0, e.name);
        }
    }
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
        const std::optional<double> v = keyValue(run.output, std::string("phase_") + key + "_ms");
        REQUIRE(v.has_value());
        CHECK(*v >= 0.0);
    }
    CHECK(keyValue(run.output, "phase_read_threads_ms").has_value());
}

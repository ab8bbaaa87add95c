// Inputs that are not regular files: a FIFO given as --data, --style or to `info` used to block for ever (GDAL
// and the style reader waited for a writer), and a symbolic link to /dev/zero as --style read until memory ran
// out. Each must be refused at once with a message naming what the path is. Every run is bounded by `timeout`,
// so a regression fails (exit 124) instead of hanging the suite.

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runShell;

namespace fs = std::filesystem;

Run runCorridor(const std::string& args) { return corridor::test::runCorridor(args, "timeout 20"); }

// A fresh folder under the test output with a FIFO and a symbolic link to /dev/zero in it.
struct SpecialFiles {
    // Per process: CTest runs the cases that use this fixture in parallel.
    fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / ("special_files_" + std::to_string(::getpid()));
    std::string fifo = (dir / "pipe.geojson").string();
    std::string fifoStyle = (dir / "pipe.toml").string();
    std::string zero = (dir / "zero.geojson").string();
    std::string zeroStyle = (dir / "zero.toml").string();
    std::string out = (dir / "out.png").string();

    SpecialFiles()
    {
        fs::remove_all(dir);
        fs::create_directories(dir);
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        REQUIRE(::mkfifo(fifoStyle.c_str(), 0600) == 0);
        fs::create_symlink("/dev/zero", zero);
        fs::create_symlink("/dev/zero", zeroStyle);
    }
    ~SpecialFiles() { fs::remove_all(dir); }
};

void checkRefused(const Run& run, const std::string& path, const std::string& what)
{
    INFO(run.output);
    CHECK(run.exitCode == 1); // not 124: timeout did not have to stop it
    CHECK(contains(run.output, path));
    CHECK(contains(run.output, what + ", not a regular file"));
}

} // namespace

TEST_CASE("a FIFO as --data, as --style or to info is refused at once, not waited on")
{
    const SpecialFiles f;
    checkRefused(runCorridor("export --no-defaults --data " + f.fifo + " --out " + f.out), f.fifo, "it is a FIFO");
    checkRefused(runCorridor("info " + f.fifo), f.fifo, "it is a FIFO");
    checkRefused(runCorridor("export --no-defaults --style " + f.fifoStyle + " --out " + f.out), f.fifoStyle,
                 "it is a FIFO");
    CHECK(!fs::exists(f.out));
}

TEST_CASE("a symbolic link to a device as --data, as --style or to info is refused, not read")
{
    const SpecialFiles f;
    const std::string device = "it leads to /dev/zero, a character device";
    checkRefused(runCorridor("export --no-defaults --data " + f.zero + " --out " + f.out), f.zero, device);
    checkRefused(runCorridor("info " + f.zero), f.zero, device);
    checkRefused(runCorridor("export --no-defaults --style " + f.zeroStyle + " --out " + f.out), f.zeroStyle, device);
    // Named directly, too.
    checkRefused(runCorridor("info /dev/zero"), "/dev/zero", "it is a character device");
    CHECK(!fs::exists(f.out));
}

TEST_CASE("sources that are not one plain file still open: a folder of shapefiles and a /vsizip path")
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "special_files_folder";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string nodes = (fs::path(CORRIDOR_TEST_DATA) / "nodes.geojson").string();
    const std::string zip = (dir / "nodes.zip").string();
    REQUIRE(std::system(("ogr2ogr -f 'ESRI Shapefile' " + (dir / "shapes").string() + " " + nodes).c_str()) == 0);
    REQUIRE(std::system(("ogr2ogr -f GeoJSON /vsizip/" + zip + "/nodes.geojson " + nodes).c_str()) == 0);

    const Run folder = runCorridor("info " + (dir / "shapes").string());
    INFO(folder.output);
    CHECK(folder.exitCode == 0);
    CHECK(contains(folder.output, "layer 'nodes'"));
    const Run zipped = runCorridor("info /vsizip/" + zip + "/nodes.geojson");
    INFO(zipped.output);
    CHECK(zipped.exitCode == 0);
    CHECK(contains(zipped.output, "layer 'nodes'"));
    fs::remove_all(dir);
}

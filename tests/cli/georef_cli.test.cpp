// `corridor export` writes a georeferenced PNG (world file, .prj, .aux.xml beside it) or, with --format gtiff, a
// GeoTIFF; its Software text is the version `--version` prints; a sidecar that cannot be written after the PNG is
// named with the reason, and leaves nothing half-written.

#include "run_command.hpp"
#include "test_folders.hpp"

#include <doctest/doctest.h>

#include <gdal_priv.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using corridor::test::contains;
using corridor::test::folderContents;
using corridor::test::Run;
using corridor::test::runCorridor;
using corridor::test::runShell;

fs::path freshDir(const std::string& name)
{
    return corridor::test::freshFolder("georef_cli", name);
}

} // namespace

TEST_CASE("export --format png|gtiff: sidecars beside the PNG, a self-contained GeoTIFF, the version as Software")
{
    GDALAllRegister();
    const fs::path dir = freshDir("formats");
    const Run png = runCorridor("export --size 160x100 --out " + (dir / "map.png").string());
    INFO(png.output);
    REQUIRE(png.exitCode == 0);
    const Run tif = runCorridor("export --format gtiff --size 160x100 --out " + (dir / "map.tif").string());
    INFO(tif.output);
    REQUIRE(tif.exitCode == 0);
    CHECK(contains(tif.output, "GeoTIFF "));
    CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw", "map.png", "map.png.aux.xml", "map.prj", "map.tif"});

    const Run version = runCorridor("--version");
    REQUIRE(version.exitCode == 0);
    REQUIRE(version.output.rfind("corridor ", 0) == 0);
    const std::string number = version.output.substr(9, version.output.find_first_of("\r\n") - 9);
    for (const char* name : {"map.png", "map.tif"}) {
        CAPTURE(name);
        const GDALDatasetUniquePtr ds(GDALDataset::Open((dir / name).c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        REQUIRE(ds);
        double t[6] = {};
        CHECK(ds->GetGeoTransform(t) == CE_None);
        CHECK(ds->GetSpatialRef() != nullptr);
        const char* software = ds->GetMetadataItem("Software");
        REQUIRE(software != nullptr);
        CHECK(std::string(software) == "Corridor " + number);
    }

    const Run bad = runCorridor("export --format jpeg --out " + (dir / "map.jpg").string());
    CHECK(bad.exitCode == 2);
    CHECK(contains(bad.output, "--format"));
    CHECK(!fs::exists(dir / "map.jpg"));
}

TEST_CASE("a sidecar that does not fit after the PNG is named with the reason, the PNG stays and nothing is half-written")
{
    const fs::path dir = freshDir("full");
    // An 8 KiB tmpfs (two pages) mounted only in a private mount namespace (needs root): the PNG of 32×32 pixels
    // takes a page, the world file the other, the .prj finds none.
    const std::string probe = "unshare -m sh -c 'mount -t tmpfs -o size=8k corridor-test " + dir.string() + "'";
    if (runShell(probe).exitCode != 0) {
        MESSAGE("skipped: cannot mount a tmpfs in a private namespace here (not root?)");
        return;
    }
    const std::string out = (dir / "map.png").string();
    const Run full = runShell("unshare -m sh -c 'mount -t tmpfs -o size=8k corridor-test " + dir.string() + " && " +
                              std::string(CORRIDOR_BINARY) + " export --no-furniture --size 32x32 --out " + out +
                              "; echo exit=$?; echo files: $(ls -A " + dir.string() + ")'");
    INFO(full.output);
    CHECK(contains(full.output, "exit=1"));
    CHECK(contains(full.output, (dir / "map.prj").string() + ": writing the .prj failed: No space left on device (" +
                                    out + " itself was written, without its georeferencing)"));
    CHECK(contains(full.output, "files: map.pgw map.png\n")); // no temporary file, no partial .prj
}

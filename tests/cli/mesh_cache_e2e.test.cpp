// The viewer's on-disk mesh cache (platform/mesh_store) in the real program under Xvfb: the first start writes the
// first view's meshes into $XDG_CACHE_HOME/corridor/meshes, the next start reads them and ends with the same picture
// (the screenshot is taken once the background refinement is done; that a cached mesh is the built one bit for bit is
// tests/platform/mesh_cache.test.cpp's, that first-view meshes draw like the full pyramid tests/render/one_shot's);
// changed data is built again; a damaged entry is reported, built again and replaced; --no-mesh-cache touches
// nothing. The viewer checks polygon validity after its first frame (platform/validity_checker): the invalid
// polygon is still reported, every time.

#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> cachedMeshes(const fs::path& cache)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache / "corridor" / "meshes", ec)) {
        if (e.path().extension() == ".mesh") {
            out.push_back(e.path());
        }
    }
    return out;
}

test::Run view(const fs::path& cache, const fs::path& data, const fs::path& png, const std::string& extra = "")
{
    return test::runCorridor("--no-defaults --data " + data.string() + " --window-size 640x400 --frames 2 --screenshot " +
                                 png.string() + " " + extra,
                             "XDG_CACHE_HOME=" + cache.string() + " xvfb-run -a -s '-screen 0 640x400x24'");
}

bool samePixels(const fs::path& a, const fs::path& b)
{
    return render::readPng(a.string()).rgba == render::readPng(b.string()).rgba;
}

} // namespace

TEST_CASE("viewer under Xvfb: the second start draws the first view from the mesh cache, with the same pixels")
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "mesh_cache_e2e";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path cache = dir / "cache", data = dir / "problems.geojson";
    fs::copy_file(fs::path(CORRIDOR_TEST_DATA) / "problems.geojson", data);
    const std::string invalid = "feature 1 'bow tie': invalid polygon: Self-intersection at (52.5, 30.5); drawn as read";

    const test::Run first = view(cache, data, dir / "first.png");
    REQUIRE_MESSAGE(first.exitCode == 0, first.output);
    CHECK_MESSAGE(test::contains(first.output, invalid), first.output);
    const std::vector<fs::path> stored = cachedMeshes(cache);
    REQUIRE(!stored.empty());

    // Read back on the next start: loading an entry marks it used (its time is set to now).
    const auto old = fs::file_time_type::clock::now() - std::chrono::hours(24 * 30);
    for (const fs::path& p : stored) {
        fs::last_write_time(p, old);
    }
    const test::Run second = view(cache, data, dir / "second.png");
    REQUIRE_MESSAGE(second.exitCode == 0, second.output);
    CHECK_MESSAGE(test::contains(second.output, invalid), second.output);
    CHECK_MESSAGE(!test::contains(second.output, "mesh cache"), second.output);
    CHECK(cachedMeshes(cache).size() == stored.size());
    for (const fs::path& p : stored) {
        CHECK_MESSAGE(fs::last_write_time(p) > old + std::chrono::hours(24), p << " was not read");
    }
    CHECK(samePixels(dir / "first.png", dir / "second.png"));

    // A damaged entry: said once, naming the file; the map is built again, drawn the same, and the entry replaced.
    for (const fs::path& p : stored) {
        fs::resize_file(p, fs::file_size(p) / 2);
    }
    const test::Run damaged = view(cache, data, dir / "damaged.png");
    REQUIRE_MESSAGE(damaged.exitCode == 0, damaged.output);
    CHECK_MESSAGE(test::contains(damaged.output, "mesh cache: "), damaged.output);
    CHECK_MESSAGE(test::contains(damaged.output, stored.front().filename().string()), damaged.output);
    for (const fs::path& p : stored) {
        CHECK(fs::file_size(p) > 0);
    }
    // (The damaged run's picture shows that message in the Messages panel: the next one is compared instead.)
    const test::Run repaired = view(cache, data, dir / "repaired.png");
    CHECK_MESSAGE(!test::contains(repaired.output, "mesh cache"), repaired.output);
    CHECK(samePixels(dir / "first.png", dir / "repaired.png"));

    // Other data: another entry, another picture.
    {
        std::ofstream(data, std::ios::app) << "\n"; // the same features, other bytes: a new key all the same
    }
    const test::Run changed = view(cache, data, dir / "changed.png");
    REQUIRE_MESSAGE(changed.exitCode == 0, changed.output);
    CHECK(cachedMeshes(cache).size() > stored.size());

    // --no-mesh-cache neither reads nor writes.
    const fs::path none = dir / "none";
    const test::Run off = view(none, data, dir / "off.png", "--no-mesh-cache");
    REQUIRE_MESSAGE(off.exitCode == 0, off.output);
    CHECK(cachedMeshes(none).empty());
    CHECK(samePixels(dir / "first.png", dir / "off.png"));
}

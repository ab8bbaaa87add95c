#include "platform/style_reloader.hpp"

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/map_scene.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

// The viewer's live style reloading against a real (headless) GL scene: what it says and what it applies when the
// watched sheet is saved, removed, restored, or was broken at start.

using namespace corridor;

namespace {

struct ReloadHarness {
    platform::HeadlessContext context;
    core::AppState app;
    render::MapScene scene;
    std::string path;

    explicit ReloadHarness(const std::string& name)
    {
        std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
        path = std::string(CORRIDOR_TEST_OUTPUT) + "/" + name;
        std::filesystem::remove(path);
        app.document.viewCrs = geo::kCorridorLcc;
        app.document.layers = geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/nodes.geojson", 0);
        REQUIRE(!app.document.layers.empty());
        geo::buildMeshes(app.document);
        scene.load(app.document);
    }

    void write(const std::string& text) const
    {
        const std::string temp = path + ".new";
        std::ofstream(temp) << text;
        std::filesystem::rename(temp, path); // atomically, as editors save
    }

    // Polls until the reloader put new meshes on the GPU (true) or `seconds` passed (false).
    bool pollUntilApplied(platform::StyleReloader& reloader, double seconds = 10.0)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            if (reloader.poll(app, scene.renderer, scene.labels)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    std::size_t count(const std::string& text) const
    {
        return static_cast<std::size_t>(std::count_if(app.log.begin(), app.log.end(), [&](const core::LogEntry& e) {
            return e.text.find(text) != std::string::npos;
        }));
    }
};

constexpr std::chrono::milliseconds kNoDelay{0};

} // namespace

TEST_CASE("StyleReloader: a removed sheet is said once and the look kept, and restored it is loaded again")
{
    ReloadHarness h("reloader-removed.toml");
    // Each save differs in size: the watcher compares time and size, and two saves within one file-system clock
    // tick have the same time.
    h.write("[map]\nbackground = \"#204060\"\n");
    platform::StyleReloader reloader(h.path, kNoDelay);
    h.write("[map]\nbackground = \"#a03010\" # saved\n");
    REQUIRE(h.pollUntilApplied(reloader));
    CHECK(h.app.document.background.r == doctest::Approx(0xa0 / 255.0));

    std::filesystem::remove(h.path);
    for (int i = 0; i < 5; ++i) {
        CHECK_FALSE(reloader.poll(h.app, h.scene.renderer, h.scene.labels));
    }
    CHECK(h.count("style sheet " + h.path + " was removed; keeping the current look") == 1);
    CHECK(h.app.log.back().severity == core::Severity::Warning);
    CHECK(h.app.document.background.r == doctest::Approx(0xa0 / 255.0)); // the look stays

    // Back with the very content it had: loaded although nothing about it looks changed.
    h.write("[map]\nbackground = \"#a03010\" # saved\n");
    REQUIRE(h.pollUntilApplied(reloader));
    CHECK(h.count("reloader-removed.toml: style reloaded") == 2);
    // And a later save is followed as before.
    h.write("[map]\nbackground = \"#00ff00\"\n");
    REQUIRE(h.pollUntilApplied(reloader));
    CHECK(h.app.document.background.g == doctest::Approx(1.0));
    CHECK(h.count("was removed") == 1);
}

TEST_CASE("StyleReloader: a sheet broken at start is watched and, once fixed, applied and made the document's")
{
    ReloadHarness h("reloader-broken.toml");
    h.write("[map]\nbackground = \"#204060\"\n[layer.nodes]\nstrok = \"#000000\"\n");
    h.app.document.stylePath = "bundled.toml"; // what main.cpp falls back to
    platform::StyleReloader reloader(h.path, kNoDelay);
    CHECK_FALSE(reloader.poll(h.app, h.scene.renderer, h.scene.labels)); // unchanged: nothing to say yet
    CHECK(h.app.log.empty());

    h.write("[map]\nbackground = \"#a03010\"\n[layer.nodes]\nstrok = \"#000000\"\n# still broken\n");
    CHECK_FALSE(h.pollUntilApplied(reloader, 0.3));
    CHECK(h.count("unknown key 'strok'") == 1);
    CHECK(h.app.document.stylePath == "bundled.toml");

    h.write("[map]\nbackground = \"#a03010\"\n[layer.nodes]\nstroke = \"#000000\"\n");
    REQUIRE(h.pollUntilApplied(reloader));
    CHECK(h.app.document.stylePath == h.path);
    CHECK(h.app.document.background.r == doctest::Approx(0xa0 / 255.0));
    CHECK(h.app.document.layers[0].style.base.stroke.r == doctest::Approx(0.0));
}

TEST_CASE("StyleReloader: a sheet missing at start is loaded when it appears, with no removal message")
{
    ReloadHarness h("reloader-late.toml");
    platform::StyleReloader reloader(h.path, kNoDelay);
    CHECK_FALSE(reloader.poll(h.app, h.scene.renderer, h.scene.labels));
    CHECK(h.app.log.empty()); // main.cpp has said it already, as a load error
    h.write("[map]\nbackground = \"#a03010\"\n");
    REQUIRE(h.pollUntilApplied(reloader));
    CHECK(h.app.document.background.r == doctest::Approx(0xa0 / 255.0));
}

// The viewer's Export dialog runs a platform::ExportJob: the window's view at another size, drawn a few tiles per
// frame. Its image must be the one the command line it shows makes headless (issue 13: "a 3840×2160 export from a
// 1280×800 window matches the headless export of the same view and size").

#include "platform/export_job.hpp"

#include "render/bundled_scene.hpp"
#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace corridor;

TEST_CASE("an Export dialog export of the window's view equals `corridor export` with the command line it shows")
{
    test::BundledScene map; // the whole pyramid, as the viewer has it
    core::Camera window;
    window.widthPx = 1280;
    window.heightPx = 800;
    window.fit(geo::projectBox({54.5, 25.5, 56.5, 26.6}, map.doc.viewCrs), 0.0);

    platform::ExportJobOptions options;
    options.size = {3840, 2160};
    options.furniture.title = "The Gulf islands";
    options.out = test::outputPath("export_job.png");
    platform::ExportJob job(map.doc, window, options);
    // The window's whole extent is in the export, centred as in the window.
    const core::Bounds shown = job.camera().visibleWorld();
    const core::Bounds asked = window.visibleWorld();
    CHECK(shown.minX <= asked.minX + 1e-6);
    CHECK(shown.maxX >= asked.maxX - 1e-6);
    CHECK(shown.minY <= asked.minY + 1e-6);
    CHECK(shown.maxY >= asked.maxY - 1e-6);
    int steps = 0;
    double last = -1.0;
    while (job.step(map.scene, map.doc, 5.0)) {
        CHECK(job.progress() >= last); // the progress bar never goes back
        last = job.progress();
        ++steps;
        std::this_thread::sleep_for(std::chrono::milliseconds(2)); // a window frame's other work; the writer runs
        REQUIRE(steps < 60000);
    }
    INFO(job.result());
    REQUIRE_FALSE(job.failed());
    CHECK(steps > 4); // drawn over several window frames, not at once
    const render::Image fromDialog = render::readPng(options.out);
    CHECK(fromDialog.width == 3840);
    CHECK(fromDialog.height == 2160);

    // The command line the dialog shows, run headless.
    const std::string headless = test::outputPath("export_job_headless.png");
    std::string line = job.commandLine();
    REQUIRE(line.starts_with("corridor export "));
    line = line.substr(std::string("corridor ").size());
    line = line.substr(0, line.find(" --out ")) + " --out " + headless;
    const test::Run run = test::runCorridor(line); // same SOURCE_DATE_EPOCH: same date on the map
    INFO(line);
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const render::Image fromCli = render::readPng(headless);
    const render::ImageDiff diff = render::compareImages(fromDialog, fromCli, 24);
    const double share = static_cast<double>(diff.differingPixels) / (3840.0 * 2160.0);
    CAPTURE(diff.differingPixels);
    CHECK(share < 0.002); // anti-aliasing noise: --view carries the centre to 5 decimals (~1 m)
    if (share >= 0.002) {
        render::writePng(test::outputPath("export_job_diff.png"), diff.visual);
    }
}

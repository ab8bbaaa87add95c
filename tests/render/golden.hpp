#pragma once
// Golden-image comparison for render tests. A test renders headless, then calls checkGolden(): the image must
// match tests/golden/NAME.png within a per-channel tolerance on all but a small share of pixels. On failure the
// rendered image and a diff (differing pixels red over the greyed reference) are written to the test output
// folder. CORRIDOR_UPDATE_GOLDEN=1 rewrites the reference instead: look at it before committing it.

#include "render/image.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace corridor::test {

struct GoldenTolerance {
    int channel = 6;               // per-channel difference that still counts as equal (of 255)
    double maxDifferingShare = 0.002; // share of pixels allowed beyond it (anti-aliasing noise)
};

inline void checkGolden(const render::Image& image, const std::string& name, GoldenTolerance tol = {})
{
    const std::string golden = std::string(CORRIDOR_GOLDEN_DIR) + "/" + name + ".png";
    const std::string outDir = CORRIDOR_TEST_OUTPUT;
    std::filesystem::create_directories(outDir);
    render::writePng(outDir + "/" + name + ".png", image);
    const char* update = std::getenv("CORRIDOR_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        render::writePng(golden, image, 9);
        MESSAGE("updated golden image " << golden);
        return;
    }
    REQUIRE_MESSAGE(std::filesystem::exists(golden), "no golden image " << golden
                                                                        << " (render with CORRIDOR_UPDATE_GOLDEN=1, look at it, commit it)");
    const render::Image expected = render::readPng(golden);
    const render::ImageDiff diff = render::compareImages(image, expected, tol.channel);
    const double share = static_cast<double>(diff.differingPixels) / (static_cast<double>(image.width) * image.height);
    if (share > tol.maxDifferingShare && !diff.visual.empty()) {
        render::writePng(outDir + "/" + name + ".diff.png", diff.visual);
    }
    CHECK_MESSAGE(share <= tol.maxDifferingShare, name << ": " << diff.differingPixels << " pixels differ by more than "
                                                       << tol.channel << " (max delta " << diff.maxChannelDelta
                                                       << "); see " << outDir << "/" << name << ".diff.png");
}

} // namespace corridor::test

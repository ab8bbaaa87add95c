// Present mode in the real viewer under Xvfb with no window manager (present_e2e.sh): F5 goes full screen with the
// slide's marks, the keys move between slides, Escape gives the window and the map back as they were.

#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using corridor::render::Image;

// Pixels of the test deck's pure green (slide 2's circle).
std::size_t green(const Image& image)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
        if (image.rgba[i] < 40 && image.rgba[i + 1] > 220 && image.rgba[i + 2] < 40) {
            ++n;
        }
    }
    return n;
}

// Share of pixels that differ by more than 24 in some channel (same size only).
double differing(const Image& a, const Image& b)
{
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
        for (int c = 0; c < 3; ++c) {
            if (std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])) > 24) {
                ++n;
                break;
            }
        }
    }
    return static_cast<double>(n) / (static_cast<double>(a.width) * a.height);
}

} // namespace

TEST_CASE("viewer under Xvfb: F5 presents a deck full screen, the keys move between slides, Escape restores")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/present";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/present_e2e.sh";
    const std::string deck = std::string(CORRIDOR_TEST_DATA) + "/decks/present.toml";
    const std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " + script + " " + CORRIDOR_BINARY + " " + deck +
                            " " + out + " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);

    const Image before = corridor::render::readPng(out + "/present-before.png");
    const Image one = corridor::render::readPng(out + "/present-1.png");
    const Image two = corridor::render::readPng(out + "/present-2.png");
    const Image three = corridor::render::readPng(out + "/present-3.png");
    const Image back = corridor::render::readPng(out + "/present-back.png");
    const Image after = corridor::render::readPng(out + "/present-after.png");
    // Full screen while presenting (the screen is 1280×800), the window's own size before and after.
    CHECK(before.width == 800);
    CHECK(one.width == 1280);
    CHECK(one.height == 800);
    CHECK(three.width == 1280);
    CHECK(after.width == 800);
    CHECK(after.height == 500);
    // Slide 2's circle, on slide 2 only; Left comes back to it.
    CHECK(green(one) == 0);
    CHECK(green(two) > 500);
    CHECK(green(three) == 0);
    CHECK(green(back) > 500);
    CHECK(green(after) == 0);
    // Three different views.
    CHECK(differing(one, two) > 0.3);
    CHECK(differing(two, three) > 0.3);
    // Escape gives the map back where it was, as it was (the panels are drawn again over it).
    CHECK(differing(before, after) < 0.05);

    std::ifstream file(out + "/present-stderr.txt");
    const std::string printed((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    INFO("stderr: " << printed);
    CHECK_FALSE(corridor::test::contains(printed, "error"));
}

TEST_CASE("corridor present --presenter: the presenter's window shows the notes and moves the slides")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/present";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/presenter_window_e2e.sh";
    const std::string deck = std::string(CORRIDOR_TEST_DATA) + "/decks/present.toml";
    const std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " + script + " " + CORRIDOR_BINARY + " " + deck +
                            " " + out + " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);
    const Image one = corridor::render::readPng(out + "/presenter-1.png");
    const Image two = corridor::render::readPng(out + "/presenter-2.png");
    const Image notesOne = corridor::render::readPng(out + "/presenter-1.presenter.png");
    const Image notesTwo = corridor::render::readPng(out + "/presenter-2.presenter.png");
    CHECK(one.width == 1280); // the audience's window: full screen from the start
    CHECK(notesOne.width == 900);
    CHECK(notesOne.height == 560);
    // Right pressed in the presenter's window moved the slides: slide 2's circle in the audience's window, and the
    // presenter's window changed with it.
    CHECK(green(one) == 0);
    CHECK(green(two) > 500);
    CHECK(differing(notesOne, notesTwo) > 0.002);
}

// The Slides panel in the real viewer under Xvfb, driven by xdotool (slides_e2e.sh): a deck started from a path that
// does not exist yet, two slides added from two views by the key A with their titles typed, Ctrl+S. The file is a
// deck that reads back (and that export-deck renders) holding both views; F5 presents the deck as edited.

#include "core/deck.hpp"
#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runCorridor;

TEST_CASE("viewer under Xvfb: a deck made in the Slides panel from two views, saved with Ctrl+S, presented with F5")
{
    namespace fs = std::filesystem;
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/slides";
    fs::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/slides_e2e.sh";
    const std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " + script + " " + CORRIDOR_BINARY + " " + out +
                            " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);

    std::ifstream err(out + "/slides-stderr.txt");
    const std::string printed((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    INFO("stderr: " << printed);
    CHECK_FALSE(contains(printed, "error"));
    CHECK_FALSE(contains(printed, "not saved")); // Ctrl+S saved every edit: nothing for the autosave at exit

    const fs::path file = out + "/slides deck.toml";
    REQUIRE(fs::exists(file));
    CHECK_FALSE(fs::exists(out + "/slides deck.autosave.toml"));
    const corridor::core::Deck deck = corridor::core::loadDeck(file); // throws on any error
    CHECK(deck.warnings.empty());
    REQUIRE(deck.slides.size() == 2);
    CHECK(deck.slides[0].title == "Whole corridor");
    CHECK(deck.slides[1].title == "Closer in");
    REQUIRE(deck.slides[0].view.centre);
    REQUIRE(deck.slides[1].view.centre);
    const auto& a = *deck.slides[0].view.centre;
    const auto& b = *deck.slides[1].view.centre;
    // Two zoom steps of 2× between them, and panned west (Left moves the view a quarter of its width; in the
    // corridor's conic, west along the screen is also south).
    CHECK(b.zoom - a.zoom == doctest::Approx(2.0).epsilon(0.01));
    CHECK(b.lon < a.lon - 3.0);
    // The layers shown, by name: the bundled routes among them, the graticule (off, and export-deck has none) not.
    REQUIRE(deck.slides[0].layers);
    CHECK(std::find(deck.slides[0].layers->begin(), deck.slides[0].layers->end(), "instc_routes") !=
          deck.slides[0].layers->end());
    CHECK(std::find(deck.slides[0].layers->begin(), deck.slides[0].layers->end(), "graticule") ==
          deck.slides[0].layers->end());

    // export-deck takes it as it is.
    const std::string slides = out + "/exported";
    fs::remove_all(slides);
    const Run exported = runCorridor("export-deck '" + file.string() + "' " + slides + " --size 480x300");
    INFO(exported.output);
    CHECK(exported.exitCode == 0);
    CHECK(fs::exists(slides + "/slide-01.png"));
    CHECK(fs::exists(slides + "/slide-02.png"));
    CHECK_FALSE(fs::exists(slides + "/slide-03.png"));

    // F5 presented the deck as edited (the file did not exist when the viewer started): full screen.
    const corridor::render::Image present = corridor::render::readPng(out + "/slides-present.png");
    CHECK(present.width == 1280);
    CHECK(present.height == 800);
    const corridor::render::Image saved = corridor::render::readPng(out + "/slides-saved.png");
    CHECK(saved.width == 900);
}

TEST_CASE("viewer --deck, a file that does not exist: a new deck in the viewer only, present and no display refuse it")
{
    const std::string missing = std::string(CORRIDOR_TEST_OUTPUT) + "/no-such-deck.toml";
    std::filesystem::remove(missing);
    const Run view = runCorridor("--deck " + missing, "env -u DISPLAY -u WAYLAND_DISPLAY");
    CHECK(view.exitCode == 1);
    CHECK(contains(view.output, "--deck " + missing + ": no such file"));
    const Run present = runCorridor("present " + missing, "env -u DISPLAY -u WAYLAND_DISPLAY");
    CHECK(present.exitCode == 1);
    CHECK(contains(present.output, "it does not exist"));
    CHECK_FALSE(std::filesystem::exists(missing));
    CHECK_FALSE(std::filesystem::exists("corridor-deck")); // nothing exported in its place
}

// The Export dialog's keyboard path (ImGui's keyboard navigation is off in the viewer): the title field has the
// keyboard when the dialog opens, Tab goes on to the subtitle and the file, PageUp/PageDown pick the size preset,
// Enter exports (asking first when the file exists: Y replaces, N or Escape keeps it), Escape cancels a running
// export and closes the dialog. tests/cli/export_dialog_e2e.sh drives the same keys in the real viewer.

#include "panel_harness.hpp"
#include "run_command.hpp" // outputPath

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace corridor;

TEST_CASE("Export dialog by keyboard: title, preset, file and Enter, Y or N to replace, Escape cancels and then closes")
{
    test::PanelHarness h;
    ui::ExportDialogState& d = h.ui.exportDialog;
    h.frame();
    h.tap(sf::Keyboard::E, true);
    h.key(sf::Keyboard::LControl, false); // Ctrl let go: text is typed without it
    REQUIRE(d.open);
    h.frame();
    CHECK(ImGui::GetIO().WantTextInput); // the title field has the keyboard
    h.type("Gulf");
    CHECK(d.furniture.title == "Gulf");

    h.tap(sf::Keyboard::PageDown);
    CHECK(d.preset == 1);
    CHECK(d.width == 1920);
    CHECK(d.height == 1080);
    h.tap(sf::Keyboard::PageDown);
    h.tap(sf::Keyboard::PageDown);
    CHECK(d.width == 7680);
    h.tap(sf::Keyboard::PageUp);
    CHECK(d.preset == 2);
    CHECK(d.width == 3840);
    CHECK(d.furniture.title == "Gulf"); // PageUp/PageDown typed nothing into it

    h.tap(sf::Keyboard::Tab);
    h.type("a subtitle");
    CHECK(d.furniture.subtitle == "a subtitle");
    h.tap(sf::Keyboard::Tab);
    const std::string path = test::outputPath("export_dialog_keys.png");
    std::filesystem::remove(path);
    h.tap(sf::Keyboard::A, true); // the field's text, whatever it was, replaced
    h.key(sf::Keyboard::LControl, false);
    h.type(path);
    CHECK(d.path == path);
    CHECK_FALSE(d.startRequested);
    h.tap(sf::Keyboard::Return);
    CHECK(d.startRequested); // no such file: at once
    CHECK_FALSE(d.confirmOverwrite);

    d.startRequested = false; // taken by the viewer
    std::ofstream(path) << "an earlier export";
    h.tap(sf::Keyboard::Return);
    CHECK(d.confirmOverwrite); // it exists: asked first
    CHECK_FALSE(d.startRequested);
    h.type("n");
    CHECK_FALSE(d.confirmOverwrite);
    CHECK_FALSE(d.startRequested);
    h.tap(sf::Keyboard::Return);
    REQUIRE(d.confirmOverwrite);
    h.tap(sf::Keyboard::Escape); // Escape keeps it too
    CHECK_FALSE(d.confirmOverwrite);
    CHECK_FALSE(d.startRequested);
    CHECK(d.open);
    h.tap(sf::Keyboard::Return);
    h.type("y");
    CHECK_FALSE(d.confirmOverwrite);
    CHECK(d.startRequested);
    CHECK(d.path == path);

    d.startRequested = false;
    d.running = true; // as the viewer reports a running export
    h.tap(sf::Keyboard::PageDown); // no preset change while it runs
    CHECK(d.preset == 2);
    h.tap(sf::Keyboard::Escape);
    CHECK(d.cancelRequested);
    CHECK(d.open);
    d.running = false;
    d.cancelRequested = false;
    h.tap(sf::Keyboard::Escape);
    CHECK_FALSE(d.open);
    std::filesystem::remove(path);
}

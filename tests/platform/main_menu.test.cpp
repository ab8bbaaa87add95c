#include "ui/panels.hpp"

#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/viewer.hpp"

#include "panel_harness.hpp"

#include <doctest/doctest.h>

#include <imgui_internal.h>

#include <cmath>
#include <string>

// The viewer's menu bar, its keyboard shortcuts and the view commands, driven through the real ImGui bridge with no
// window (see panel_harness.hpp).

using namespace corridor;
using test::PanelHarness;

namespace {

const ImGuiWindow* windowNamed(const char* name)
{
    const ImGuiWindow* w = ImGui::FindWindowByName(name);
    return w != nullptr && w->Active ? w : nullptr;
}

// Opens a menu of the main menu bar by clicking its title; `index` counts from the left (File, View, Help).
// Returns the menu's popup window.
const ImGuiWindow* openMenu(PanelHarness& h, int index)
{
    // ImGui 1.86 lays menu titles out from x = 8 with 4 px before each label and 16 px between labels.
    const char* titles[] = {"File", "View", "Help"};
    float x = 12.0f;
    for (int i = 0; i < index; ++i) {
        x += ImGui::CalcTextSize(titles[i]).x + 16.0f;
    }
    x += ImGui::CalcTextSize(titles[index]).x * 0.5f;
    h.click(x, ImGui::GetFrameHeight() * 0.5f);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    REQUIRE(g.OpenPopupStack.Size == 1);
    const ImGuiWindow* popup = g.OpenPopupStack[0].Window;
    REQUIRE(popup != nullptr);
    return popup;
}

// Clicks the `row`-th item (from 0, separators count as none) of an open menu.
void clickMenuItem(PanelHarness& h, const ImGuiWindow* popup, int row, int separatorsAbove = 0)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float rowHeight = ImGui::GetFontSize() + style.ItemSpacing.y;
    const float separator = 1.0f + style.ItemSpacing.y;
    const float y = popup->Pos.y + style.WindowPadding.y + row * rowHeight + separatorsAbove * separator +
                    ImGui::GetFontSize() * 0.5f;
    h.click(popup->Pos.x + style.WindowPadding.x + 10.0f, y);
}

// The centre of a window's × button (ImGui 1.86: a font-sized button at the title bar's right, frame padding in).
ImVec2 closeButton(const ImGuiWindow* w)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImVec2(w->Pos.x + w->Size.x - style.FramePadding.x - ImGui::GetFontSize() * 0.5f,
                  w->Pos.y + style.FramePadding.y + ImGui::GetFontSize() * 0.5f);
}

} // namespace

TEST_CASE("main menu: the Layers panel closed with its × comes back from View ▸ Layers, and so does Messages")
{
    PanelHarness h;
    h.frame();
    h.frame();
    const ImGuiWindow* layers = windowNamed("Layers");
    REQUIRE(layers != nullptr);
    const ImVec2 x = closeButton(layers);
    h.click(x.x, x.y);
    CHECK_FALSE(h.ui.showLayers);
    h.frame();
    CHECK(windowNamed("Layers") == nullptr);

    clickMenuItem(h, openMenu(h, 1), 0); // View ▸ Layers
    CHECK(h.ui.showLayers);
    h.frame();
    CHECK(windowNamed("Layers") != nullptr);
    // Its Export PNG button is back too: the first row of buttons holds Home, Zoom to data, Export PNG.
    CHECK_FALSE(h.app.exportRequested);

    // Messages: shown with a placeholder when asked for with nothing logged yet, and closed again.
    CHECK(windowNamed("Messages") == nullptr);
    clickMenuItem(h, openMenu(h, 1), 1); // View ▸ Messages
    h.frame();
    CHECK(h.ui.showLog);
    CHECK(windowNamed("Messages") != nullptr);
    clickMenuItem(h, openMenu(h, 1), 1);
    h.frame();
    CHECK_FALSE(h.ui.showLog);
    CHECK(windowNamed("Messages") == nullptr);
}

TEST_CASE("main menu: File ▸ Add layer, Export…, Export PNG now, New deck, Open deck and Quit, View ▸ Home and Zoom to data, Help ▸ Keys")
{
    PanelHarness h;
    h.frame();
    clickMenuItem(h, openMenu(h, 0), 0);
    CHECK(h.ui.files.open);
    h.ui.files.open = false;
    clickMenuItem(h, openMenu(h, 0), 1);
    CHECK(h.ui.exportDialog.open);
    CHECK_FALSE(h.app.exportRequested);
    h.ui.exportDialog.open = false;
    clickMenuItem(h, openMenu(h, 0), 2);
    CHECK(h.app.exportRequested);
    clickMenuItem(h, openMenu(h, 0), 3, 1); // File ▸ New deck (Save deck shows only with a deck open)
    CHECK(h.ui.slides.newDeckRequested);
    CHECK(h.ui.slides.show);
    h.ui.files.open = false;
    clickMenuItem(h, openMenu(h, 0), 4, 1); // File ▸ Open deck…: the file browser, for decks
    CHECK(h.ui.files.open);
    CHECK(h.ui.files.purpose == ui::BrowsePurpose::OpenDeck);
    h.ui.files.open = false;
    clickMenuItem(h, openMenu(h, 0), 5, 2);
    CHECK(h.app.quitRequested);
    clickMenuItem(h, openMenu(h, 1), 2, 1);
    CHECK(h.app.homeRequested);
    CHECK_FALSE(h.app.fitRequested);
    clickMenuItem(h, openMenu(h, 1), 3, 1);
    CHECK(h.app.fitRequested);
    clickMenuItem(h, openMenu(h, 2), 0);
    CHECK(h.ui.showHelp);
    h.frame();
    const ImGuiWindow* keys = windowNamed("Keys");
    REQUIRE(keys != nullptr);
    const ImVec2 x = closeButton(keys);
    h.click(x.x, x.y);
    CHECK_FALSE(h.ui.showHelp);
}

TEST_CASE("keys: F1, L, M, Home, Z, Ctrl+E (Export…), Ctrl+P (Export PNG now) and Ctrl+Q do what the help lists, other keys nothing")
{
    PanelHarness h;
    h.frame();
    h.tap(sf::Keyboard::L);
    CHECK_FALSE(h.ui.showLayers);
    h.tap(sf::Keyboard::L);
    CHECK(h.ui.showLayers);
    h.tap(sf::Keyboard::F1);
    CHECK(h.ui.showHelp);
    CHECK(windowNamed("Keys") != nullptr);
    h.tap(sf::Keyboard::F1);
    CHECK_FALSE(h.ui.showHelp);
    h.tap(sf::Keyboard::M);
    CHECK(h.ui.showLog);
    h.tap(sf::Keyboard::Home);
    CHECK(h.app.homeRequested);
    h.tap(sf::Keyboard::Z);
    CHECK(h.app.fitRequested);
    h.tap(sf::Keyboard::E); // without Ctrl: not an export
    h.tap(sf::Keyboard::Q);
    h.tap(sf::Keyboard::L, true); // Ctrl+L: nothing
    CHECK(h.ui.showLayers);
    CHECK_FALSE(h.app.exportRequested);
    CHECK_FALSE(h.app.quitRequested);
    h.tap(sf::Keyboard::P, true); // at once, the window's size
    CHECK(h.app.exportRequested);
    h.tap(sf::Keyboard::Q, true);
    CHECK(h.app.quitRequested);
    // Last: the Export dialog gives its title field the keyboard, which then keeps every key from the map.
    h.tap(sf::Keyboard::E, true); // the Export dialog, holding the map's furniture as it is
    CHECK(h.ui.exportDialog.open);
    CHECK(h.ui.exportDialog.furniture == h.app.furniture);
}

TEST_CASE("keys: the help window's list is exactly what the viewer's key routing does")
{
    // Parses each listed shortcut ("Ctrl+E", "F1", "Home", "L") into the SFML key press it names.
    const auto pressFor = [](std::string keys) {
        sf::Event e{};
        e.type = sf::Event::KeyPressed;
        if (keys.rfind("Ctrl+", 0) == 0) {
            e.key.control = true;
            keys = keys.substr(5);
        }
        if (keys == "Home") {
            e.key.code = sf::Keyboard::Home;
        } else if (keys.size() == 2 && keys[0] == 'F') {
            e.key.code = static_cast<sf::Keyboard::Key>(sf::Keyboard::F1 + (keys[1] - '1'));
        } else {
            REQUIRE(keys.size() == 1);
            REQUIRE(keys[0] >= 'A');
            REQUIRE(keys[0] <= 'Z');
            e.key.code = static_cast<sf::Keyboard::Key>(sf::Keyboard::A + (keys[0] - 'A'));
        }
        return e;
    };
    REQUIRE(ui::shortcuts().size() >= 7);
    for (const ui::Shortcut& s : ui::shortcuts()) {
        CAPTURE(s.keys);
        const auto command = platform::shortcutFor(pressFor(s.keys));
        REQUIRE(command);
        CHECK(*command == s.command);
    }
}

TEST_CASE("Home frames the style's [map] view, Zoom to data frames every layer")
{
    core::AppState app;
    app.document.viewCrs = geo::kCorridorLcc;
    // A layer far from the style's view, so the two commands frame different places.
    core::MapLayer layer;
    layer.data.name = "far";
    layer.mesh.bounds = geo::projectBox({100.0, -30.0, 110.0, -20.0}, app.document.viewCrs);
    app.document.layers.push_back(std::move(layer));
    // The style sheet's view reaches the document the way the viewer's does.
    geo::applyStyleSheet(app.document, core::parseStyleSheet("[map]\nview = [40.0, 20.0, 60.0, 45.0]\n", "t.toml"));
    REQUIRE(app.document.initialView);
    const core::Bounds view = geo::projectBox(*app.document.initialView, app.document.viewCrs);

    const auto framed = [](const core::Camera& c, const core::Bounds& b, double marginPx) {
        const core::Bounds seen = c.visibleWorld();
        const double margin = marginPx * c.unitsPerPixel;
        CHECK(c.center.x == doctest::Approx(b.center().x).scale(b.width()));
        CHECK(c.center.y == doctest::Approx(b.center().y).scale(b.height()));
        // The box fits, and touches the margin on its tighter axis.
        CHECK(seen.width() >= b.width() + 2.0 * margin - 1e-6 * b.width());
        CHECK(seen.height() >= b.height() + 2.0 * margin - 1e-6 * b.height());
        const bool tightX = std::abs(seen.width() - b.width() - 2.0 * margin) < 1e-6 * b.width();
        const bool tightY = std::abs(seen.height() - b.height() - 2.0 * margin) < 1e-6 * b.height();
        CHECK((tightX || tightY));
    };

    app.camera.resize(800, 600);
    app.fitRequested = true;
    platform::applyViewRequests(app, 800, 600);
    CHECK_FALSE(app.fitRequested);
    framed(app.camera, app.document.layers[0].mesh.bounds, 20.0);

    PanelHarness h; // the Home key asks for it
    h.app = std::move(app);
    h.frame();
    h.tap(sf::Keyboard::Home);
    REQUIRE(h.app.homeRequested);
    platform::applyViewRequests(h.app, 800, 600);
    CHECK_FALSE(h.app.homeRequested);
    framed(h.app.camera, view, 0.0);
}

TEST_CASE("Messages: long entries wrap at the panel's width instead of running past it")
{
    PanelHarness h;
    std::string longText = "/a/very/long/path/to/a/style/sheet.toml:12:3: layer.basemap_countries.stroke-width:";
    for (int i = 0; i < 12; ++i) {
        longText += " words that go on";
    }
    h.app.report(core::Severity::Error, longText);
    h.app.report(core::Severity::Info, "short");
    h.frame();
    h.frame();
    const ImGuiWindow* messages = windowNamed("Messages");
    REQUIRE(messages != nullptr);
    // Nothing wider than the panel (no horizontal overflow), and the long entry took several lines.
    CHECK(messages->ContentSize.x <= messages->ContentRegionRect.GetWidth() + 1.0f);
    CHECK(messages->ContentSize.y > 3.0f * ImGui::GetFontSize());
}

TEST_CASE("Messages: thousands of entries draw only the rows in view")
{
    PanelHarness h;
    for (int i = 0; i < 5000; ++i) {
        h.app.report(core::Severity::Warning, "feature " + std::to_string(i) + ": has no geometry");
    }
    h.frame();
    h.frame();
    const ImGuiWindow* messages = windowNamed("Messages");
    REQUIRE(messages != nullptr);
    // The scroll range covers every row, but only a window's worth of text was drawn.
    CHECK(messages->ContentSize.y > 5000.0f * ImGui::GetFontSize());
    CHECK(ImGui::GetDrawData()->TotalVtxCount < 40000);
}

TEST_CASE("windowSizeNote: silent when the window has the asked size, else says both sizes")
{
    CHECK_FALSE(platform::windowSizeNote({800, 600}, {800, 600}, true));
    const auto note = platform::windowSizeNote({4000, 3000}, {1280, 720}, true);
    REQUIRE(note);
    CHECK(note->find("gave 1280×720 instead of 4000×3000") != std::string::npos);
    CHECK(note->find("--screenshot") != std::string::npos);
    const auto noShot = platform::windowSizeNote({4000, 3000}, {1280, 720}, false);
    REQUIRE(noShot);
    CHECK(noShot->find("--screenshot") == std::string::npos);
}

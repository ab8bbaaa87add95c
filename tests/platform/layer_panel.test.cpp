#include "ui/layer_status.hpp"
#include "ui/panels.hpp"

#include "core/mesh.hpp"
#include "core/style.hpp"
#include "core/style_file.hpp"
#include "platform/imgui_bridge.hpp"

#include "panel_harness.hpp"

#include <imgui_internal.h>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

// The layer panel's truth: a layer's box is ticked only when the map draws it. Everything runs on the CPU (ImGui
// frames without a renderer backend), so no display is needed.

using namespace corridor;
using ui::layerStatus;
using ui::StyleVisibility;

namespace {

// Two point features, so the mesh builder has something to keep or drop.
core::Layer pointLayer(const std::string& name)
{
    core::Layer layer;
    layer.name = name;
    layer.fields.push_back({"kind", core::FieldType::String});
    const char* kinds[] = {"port", "junction"};
    for (int i = 0; i < 2; ++i) {
        const core::Vec2d p{50.0 + i, 37.0 + i};
        core::Feature f;
        f.id = i;
        f.type = core::GeometryType::Point;
        f.firstPart = core::appendPart(layer, core::PartRole::Point, &p, 1);
        f.partCount = 1;
        f.values.emplace_back(std::string(kinds[i]));
        layer.features.push_back(std::move(f));
    }
    return layer;
}

core::MapLayer styledLayer(const core::StyleSheet& sheet, const std::string& name, std::size_t index = 0)
{
    core::MapLayer m;
    m.title = name;
    m.data = pointLayer(name);
    m.style = core::styleFor(sheet, name, core::defaultLayerStyle(m.data, index));
    return m;
}

core::MapLayer styledLayer(const std::string& toml, const std::string& name)
{
    return styledLayer(core::parseStyleSheet(toml, "test.toml"), name);
}

// Whether the mesh builder keeps anything of the layer: what the renderer can draw at all.
bool meshHasGeometry(const core::MapLayer& layer)
{
    return !core::buildLayerMesh(layer.data, layer.style).batches.empty();
}

constexpr float kZoom = 6.0f;

} // namespace

TEST_CASE("layerStatus: the bundled style hides basemap_seas, whose switch is on although it is not drawn")
{
    const core::StyleSheet sheet = core::loadStyleSheet(std::string(CORRIDOR_GEODATA_DIR) + "/style.toml");

    core::MapLayer seas = styledLayer(sheet, "basemap_seas");
    REQUIRE(seas.visible); // the user's switch: the style never turns it off, which is how the panel came to lie
    const ui::LayerStatus status = layerStatus(seas, kZoom);
    CHECK(status.style == StyleVisibility::AllHidden);
    CHECK_FALSE(status.drawn);
    CHECK_FALSE(meshHasGeometry(seas)); // and the renderer indeed has nothing of it

    const core::MapLayer land = styledLayer(sheet, "basemap_land", 1);
    const ui::LayerStatus landStatus = layerStatus(land, kZoom);
    CHECK(landStatus.style == StyleVisibility::Shown);
    CHECK(landStatus.drawn);
    CHECK(meshHasGeometry(land));
}

TEST_CASE("layerStatus: AllHidden exactly when the mesh builder keeps nothing of the layer")
{
    struct Case {
        const char* toml;
        StyleVisibility style;
    };
    const Case cases[] = {
        {"", StyleVisibility::Shown},
        {"[layer.x]\nvisible = true\n", StyleVisibility::Shown},
        {"[layer.x]\nvisible = false\n", StyleVisibility::AllHidden},
        // A rule that hides what its condition matches: some features go.
        {"[layer.x]\n[[layer.x.rule]]\nwhen = { kind = \"port\" }\nvisible = false\n", StyleVisibility::SomeHidden},
        // A hidden layer with a rule that shows some features again: those are drawn.
        {"[layer.x]\nvisible = false\n[[layer.x.rule]]\nwhen = { kind = \"port\" }\nvisible = true\n",
         StyleVisibility::SomeHidden},
        // A rule that sets visible = false on a hidden layer shows nothing more.
        {"[layer.x]\nvisible = false\n[[layer.x.rule]]\nwhen = {}\nvisible = false\n", StyleVisibility::AllHidden},
        // Rules that change other keys do not touch visibility.
        {"[layer.x]\nvisible = false\n[[layer.x.rule]]\nwhen = {}\nmarker-size = 12\n", StyleVisibility::AllHidden},
    };
    for (const Case& c : cases) {
        CAPTURE(c.toml);
        const core::MapLayer layer = styledLayer(c.toml, "x");
        const ui::LayerStatus status = layerStatus(layer, kZoom);
        CHECK(status.style == c.style);
        CHECK(status.drawn == (c.style != StyleVisibility::AllHidden));
        CHECK(meshHasGeometry(layer) == (c.style != StyleVisibility::AllHidden));
    }
}

TEST_CASE("layerStatus: switch, opacity and the layer's zoom window")
{
    core::MapLayer layer = styledLayer("[layer.x]\nmin-zoom = 4\nmax-zoom = 8\n", "x");
    CHECK(layerStatus(layer, 6.0f).drawn);
    CHECK(layerStatus(layer, 4.0f).drawn);
    CHECK(layerStatus(layer, 8.0f).drawn);
    CHECK_FALSE(layerStatus(layer, 3.9f).inZoomWindow);
    CHECK_FALSE(layerStatus(layer, 3.9f).drawn);
    CHECK_FALSE(layerStatus(layer, 8.1f).drawn);
    CHECK(layerStatus(layer, 8.1f).style == StyleVisibility::Shown);

    layer.visible = false;
    CHECK_FALSE(layerStatus(layer, 6.0f).drawn);
    CHECK(layerStatus(layer, 6.0f).inZoomWindow);
    layer.visible = true;
    layer.opacity = 0.0f;
    CHECK_FALSE(layerStatus(layer, 6.0f).drawn);
}

TEST_CASE("the Layers panel words a zoom window by the ends the style sets, and says nothing without one")
{
    CHECK(ui::zoomWindowText(styledLayer("[layer.x]\nmin-zoom = 5\n", "x").style) == "from zoom 5");
    CHECK(ui::zoomWindowText(styledLayer("[layer.x]\nmax-zoom = 8\n", "x").style) == "up to zoom 8");
    CHECK(ui::zoomWindowText(styledLayer("[layer.x]\nmin-zoom = 5\nmax-zoom = 8.5\n", "x").style) ==
          "zooms 5–8.5");
    // No window: drawn at every zoom, below 0 as well, and no "up to zoom 30".
    const core::MapLayer open = styledLayer("[layer.x]\nstroke-width = 2\n", "x");
    CHECK(ui::zoomWindowText(open.style).empty());
    CHECK(layerStatus(open, -2.7f).inZoomWindow);
    CHECK(layerStatus(open, 31.0f).inZoomWindow);
    // An explicit 0 is a real end: views coarser than zoom 0 exist.
    const core::MapLayer fromZero = styledLayer("[layer.x]\nmin-zoom = 0\n", "x");
    CHECK(ui::zoomWindowText(fromZero.style) == "from zoom 0");
    CHECK_FALSE(layerStatus(fromZero, -2.7f).inZoomWindow);
}

using test::PanelHarness;

namespace {

// The Layers window's rectangle as ImGui laid it out in the last frame.
ImRect layersWindowRect()
{
    const ImGuiWindow* window = ImGui::FindWindowByName("Layers");
    REQUIRE(window != nullptr);
    return window->Rect();
}

// Ctrl+clicks down the opacity column until a slider turns into a text field; returns whether one did.
bool ctrlClickOpacitySlider(PanelHarness& h)
{
    const ImRect r = layersWindowRect();
    const float em = ImGui::GetFontSize();
    const float x = r.Max.x - ImGui::GetStyle().WindowPadding.x - 2.5f * em; // the middle of the 5 em column
    for (float y = r.Min.y + em; y < r.Max.y; y += 3.0f) {
        h.click(x, y, true);
        if (ImGui::GetIO().WantTextInput) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("layer panel: a layer the style hides cannot be ticked, a drawn layer toggles")
{
    PanelHarness h;
    const core::StyleSheet sheet = core::loadStyleSheet(std::string(CORRIDOR_GEODATA_DIR) + "/style.toml");
    h.app.document.stylePath = std::string(CORRIDOR_GEODATA_DIR) + "/style.toml";
    h.app.document.layers.push_back(styledLayer(sheet, "basemap_seas"));
    h.app.document.layers.push_back(styledLayer(sheet, "basemap_land", 1));
    h.app.camera.unitsPerPixel = 156543.03392804097 / std::pow(2.0, kZoom);
    h.frame();
    h.frame(); // the auto-sized window settles

    // Click down the title column of the panel (placed at 10, 10 below the menu bar), below its title bar, row
    // after row.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    const float x = 10.0f + style.WindowPadding.x + 2.0f * em;
    const float top = ImGui::GetFrameHeight() + 10.0f + em + 2.0f * style.FramePadding.y + 1.0f;
    int landToggles = 0;
    bool landWas = h.app.document.layers[1].visible;
    for (float y = top; y < top + 12.0f * em; y += 2.0f) {
        h.click(x, y);
        CHECK(h.app.document.layers[0].visible); // seas: the switch is never written through a disabled box
        if (h.app.document.layers[1].visible != landWas) {
            landWas = !landWas;
            ++landToggles;
        }
    }
    CHECK(h.app.homeRequested); // the scan crossed "Home"…
    CHECK(landToggles > 0);     // …and the land row's box, which works
    CHECK(h.ui.showLayers);     // and never closed or collapsed the panel
}

TEST_CASE("layer panel: draws every kind of row with the UI font and balanced ImGui stacks")
{
    PanelHarness h;
    h.app.document.layers.push_back(styledLayer("[layer.a]\nvisible = false\n", "a"));
    h.app.document.layers.push_back(styledLayer("[layer.b]\nmin-zoom = 12\n", "b"));
    h.app.document.layers.push_back(
        styledLayer("[layer.c]\n[[layer.c.rule]]\nwhen = { kind = \"port\" }\nvisible = false\n", "c"));
    h.app.document.layers.push_back(styledLayer("", "Астрахань › railways"));
    h.app.camera.unitsPerPixel = 156543.03392804097 / std::pow(2.0, kZoom);
    h.frame();
    // Hover every row so the tooltips are drawn too; ImGui asserts (and the test aborts) on an unbalanced stack.
    const float em = ImGui::GetFontSize();
    REQUIRE(em == doctest::Approx(platform::kUiFontSizePx));
    for (float y = 10.0f; y < 10.0f + 12.0f * em; y += em * 0.5f) {
        h.hover(10.0f + 4.0f * em, y);
        h.frame();
    }
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    for (const core::MapLayer& layer : h.app.document.layers) {
        CHECK(layer.visible);
    }
}

TEST_CASE("layer panel: an opacity typed after Ctrl+click is held to 0..1, and keys typed there are no shortcuts")
{
    PanelHarness h;
    h.app.document.layers.push_back(styledLayer("", "x"));
    h.frame();
    h.frame();
    struct Case {
        const char* typed;
        float kept;
    };
    for (const Case c : {Case{"250", 1.0f}, Case{"-3", 0.0f}, Case{"0.25", 0.25f}}) {
        INFO("typed: " << c.typed);
        REQUIRE(ctrlClickOpacitySlider(h));
        // The field selects its text on activation, so typing replaces it.
        h.type(c.typed);
        // While a field has the keyboard, L is a letter, not "toggle the Layers panel".
        h.tap(sf::Keyboard::L);
        CHECK(h.ui.showLayers);
        h.tap(sf::Keyboard::Return);
        h.frame(); // io.WantTextInput follows a frame after the field lets go
        CHECK_FALSE(ImGui::GetIO().WantTextInput);
        CHECK(h.app.document.layers[0].opacity == doctest::Approx(c.kept));
    }
}

// The Add layer browser and the layer panel's Remove layer, driven through the real ImGui bridge with no window
// (panel_harness.hpp): what they ask the platform for (ui.files.addRequests, removeRequest).

#include "panel_harness.hpp"

#include <imgui_internal.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace corridor;
using test::PanelHarness;

namespace {

namespace fs = std::filesystem;

struct Folder {
    fs::path dir = fs::temp_directory_path() / ("corridor-browser-" + std::to_string(::getpid()));
    Folder()
    {
        fs::remove_all(dir);
        fs::create_directories(dir / "sub");
        std::ofstream(dir / "ports.gpkg") << "x";
        std::ofstream(dir / "notes.txt") << "x";
    }
    ~Folder() { fs::remove_all(dir); }
};

// A key with Ctrl held, then Ctrl itself let go (ImGui takes no text while Ctrl is down).
void ctrlTap(PanelHarness& h, sf::Keyboard::Key code)
{
    h.tap(code, true);
    h.key(sf::Keyboard::LControl, false);
    h.frame();
}

void typePath(PanelHarness& h, const std::string& path)
{
    ctrlTap(h, sf::Keyboard::O); // the browser opens with the keyboard in its path bar
    ctrlTap(h, sf::Keyboard::A); // select what is there, so the typing replaces it
    h.type(path);
    h.tap(sf::Keyboard::Enter);
}

void rightClick(PanelHarness& h, float x, float y)
{
    h.hover(x, y);
    for (const auto type : {sf::Event::MouseButtonPressed, sf::Event::MouseButtonReleased}) {
        sf::Event e{};
        e.type = type;
        e.mouseButton = {sf::Mouse::Right, static_cast<int>(x), static_cast<int>(y)};
        h.send(e);
        h.frame();
    }
}

} // namespace

TEST_CASE("add layer browser: Ctrl+O and a typed file ask for it, a typed folder is listed, a wrong path says so")
{
    Folder f;
    PanelHarness h;
    h.ui.files.extensions = core::parseExtensions({"gpkg shp"});
    h.frame();
    CHECK_FALSE(h.ui.files.open);

    typePath(h, (f.dir / "sub").string());
    CHECK(h.ui.files.open);
    CHECK(h.ui.files.folder == (f.dir / "sub").string());
    CHECK(h.ui.files.addRequests.empty());

    typePath(h, f.dir.string());
    h.frame();
    REQUIRE(h.ui.files.entries.size() == 2); // sub/ and ports.gpkg, not notes.txt
    CHECK(h.ui.files.entries[0].name == "sub");
    CHECK(h.ui.files.entries[1].name == "ports.gpkg");

    typePath(h, (f.dir / "missing.gpkg").string());
    CHECK(h.ui.files.open);
    CHECK(h.ui.files.listError.find("missing.gpkg") != std::string::npos);
    CHECK(h.ui.files.addRequests.empty());

    typePath(h, "ports.gpkg"); // relative to the folder shown
    REQUIRE(h.ui.files.addRequests.size() == 1);
    CHECK(h.ui.files.addRequests[0] == (f.dir / "ports.gpkg").string());
    CHECK_FALSE(h.ui.files.open);
    REQUIRE_FALSE(h.ui.files.recent.empty());
    CHECK(h.ui.files.recent[0] == f.dir.string());
}

TEST_CASE("layer panel: Remove layer is offered for a layer the user added, not for the bundled ones")
{
    PanelHarness h;
    h.ui.files.dataDir = "/opt/corridor/geodata";
    for (const char* path : {"/opt/corridor/geodata/basemap_land.gpkg", "/home/me/ports.gpkg"}) {
        core::MapLayer layer;
        layer.title = layer.data.name = fs::path(path).stem().string();
        layer.sourcePath = path;
        layer.mesh.bounds.add(core::Vec2d{0.0, 0.0});
        layer.mesh.bounds.add(core::Vec2d{1.0, 1.0});
        h.app.document.layers.push_back(std::move(layer));
    }
    CHECK_FALSE(ui::removableLayer(h.app.document.layers[0], h.ui.files));
    CHECK(ui::removableLayer(h.app.document.layers[1], h.ui.files));
    h.frame();
    h.frame();

    // The rows, top first: ports (layer 1), then basemap_land (layer 0). Right-click each title in turn.
    const ImGuiWindow* panel = ImGui::FindWindowByName("Layers");
    REQUIRE(panel != nullptr);
    const float em = ImGui::GetFontSize();
    const float x = panel->Pos.x + ImGui::GetStyle().WindowPadding.x + 3.0f * em;
    std::vector<int> items; // menu items per opened popup
    for (float y = panel->Pos.y + 2.0f * em; y < panel->Pos.y + panel->Size.y && items.size() < 2; y += 3.0f) {
        rightClick(h, x, y);
        ImGuiContext& g = *ImGui::GetCurrentContext();
        if (g.OpenPopupStack.Size == 0) {
            continue;
        }
        h.frame(); // a popup sizes itself in the frame after it opens
        const ImGuiWindow* popup = g.OpenPopupStack[0].Window;
        REQUIRE(popup != nullptr);
        const float rows = (popup->Size.y - 2.0f * ImGui::GetStyle().WindowPadding.y + ImGui::GetStyle().ItemSpacing.y) /
                           (em + ImGui::GetStyle().ItemSpacing.y);
        items.push_back(static_cast<int>(rows + 0.5f));
        if (items.size() == 1) {
            // The second item of the first (ports) popup: Remove layer.
            h.click(popup->Pos.x + 2.0f * em, popup->Pos.y + ImGui::GetStyle().WindowPadding.y + em +
                                                  ImGui::GetStyle().ItemSpacing.y + 0.5f * em);
            REQUIRE(h.ui.files.removeRequest);
            CHECK(*h.ui.files.removeRequest == 1);
        } else {
            h.tap(sf::Keyboard::Escape);
        }
        y += 1.2f * em; // on to the next row
    }
    REQUIRE(items.size() == 2);
    CHECK(items[0] == 2); // Zoom to layer, Remove layer
    CHECK(items[1] == 1); // Zoom to layer
}

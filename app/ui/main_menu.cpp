#include "ui/panels.hpp"

#include <imgui.h>

namespace corridor::ui {

namespace {

// A menu item that runs a command, with the command's shortcut beside it.
void commandItem(const char* label, Command command, core::AppState& app, UiState& ui, bool checked = false)
{
    if (ImGui::MenuItem(label, shortcutText(command), checked)) {
        applyCommand(command, app, ui);
    }
}

} // namespace

void drawMainMenu(core::AppState& app, UiState& ui)
{
    if (!ImGui::BeginMainMenuBar()) {
        return;
    }
    if (ImGui::BeginMenu("File")) {
        commandItem("Export PNG", Command::ExportPng, app, ui);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Write the map as shown, with its labels and without the panels, at the window's size "
                              "to corridor-view-<date>-<time>.png in the current folder");
        }
        ImGui::Separator();
        commandItem("Quit", Command::Quit, app, ui);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        // Panels first: a panel closed with its × comes back from here.
        commandItem("Layers", Command::ToggleLayers, app, ui, ui.showLayers);
        commandItem("Messages", Command::ToggleMessages, app, ui, ui.showLog);
        ImGui::Separator();
        commandItem("Home", Command::HomeView, app, ui);
        commandItem("Zoom to data", Command::ZoomToData, app, ui);
        ImGui::Separator();
        commandItem("Search", Command::Search, app, ui);
        commandItem("Measure", Command::ToggleMeasure, app, ui, ui.nav.measure.active);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        commandItem("Keys", Command::ToggleHelp, app, ui, ui.showHelp);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void drawUi(core::AppState& app, UiState& ui)
{
    drawMainMenu(app, ui);
    drawStatusBar(app, ui); // first, so that panels which reach the bottom edge stack over it
    drawLayerPanel(app, ui);
    drawLogPanel(app, ui);
    drawHelpPanel(app, ui);
    drawSearchPanel(app, ui);
    drawMeasurePanel(app, ui);
}

} // namespace corridor::ui

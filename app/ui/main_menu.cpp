#include "ui/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

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
        commandItem("Add layer…", Command::AddLayer, app, ui);
        commandItem("Export…", Command::ExportDialog, app, ui);
        commandItem("Export PNG now", Command::ExportPng, app, ui);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Write the map as shown, with its labels and without the panels, at the window's size "
                              "to corridor-view-<date>-<time>.png in the current folder");
        }
        ImGui::Separator();
        commandItem("New deck", Command::NewDeck, app, ui);
        commandItem("Open deck…", Command::OpenDeck, app, ui);
        if (ui.slides.open) {
            commandItem("Save deck", Command::SaveDeck, app, ui);
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
        if (ImGui::BeginMenu("Labels")) {
            // The map re-labels at the next frame (MapScene::sync hands the language to the label pass). The right
            // column spells each as --lang and [map] lang do. No tooltip: it would cover the items.
            struct Choice {
                const char* name;
                core::LabelLanguage language;
            };
            static constexpr Choice kChoices[] = {{"English", core::LabelLanguage::En},
                                                  {"Persian", core::LabelLanguage::Fa},
                                                  {"English + Persian", core::LabelLanguage::EnFa}};
            for (const Choice& c : kChoices) {
                if (ImGui::MenuItem(c.name, core::labelLanguageName(c.language), app.document.labelLanguage == c.language)) {
                    app.document.labelLanguage = c.language;
                }
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Map furniture")) {
            // Drawn by the map renderer, so exports and the window show the same; --furniture does this for export.
            core::FurnitureOptions& f = app.furniture;
            ImGui::MenuItem("Legend", nullptr, &f.legend);
            ImGui::MenuItem("Scale bar", nullptr, &f.scaleBar);
            ImGui::MenuItem("Scale bar in nautical miles", nullptr, &f.nauticalMiles, f.scaleBar);
            ImGui::MenuItem("North arrow", nullptr, &f.north);
            ImGui::MenuItem("Sources, CRS and date", nullptr, &f.sources);
            ImGui::MenuItem("Point-of-view note (disputes)", nullptr, &f.pointOfView);
            ImGui::MenuItem("Inset locator map", nullptr, &f.inset);
            ImGui::Separator();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20.0f);
            ImGui::InputTextWithHint("##title", "title", &f.title);
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20.0f);
            ImGui::InputTextWithHint("##subtitle", "subtitle", &f.subtitle);
            ImGui::EndMenu();
        }
        drawProjectionMenuItems(app, ui);
        drawInspectMenuItems(app, ui);
        commandItem("Search", Command::Search, app, ui);
        commandItem("Measure", Command::ToggleMeasure, app, ui, ui.nav.measure.active);
        ImGui::Separator();
        commandItem("Bookmarks", Command::ToggleBookmarks, app, ui, ui.bookmarks.show);
        commandItem("Bookmark this view", Command::AddBookmark, app, ui);
        ImGui::Separator();
        commandItem("Map as of (timeline)", Command::ToggleTimeline, app, ui, ui.timeline.show);
        commandItem("Slides", Command::ToggleSlides, app, ui, ui.slides.show);
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
    drawTimelinePanel(app, ui); // on the status bar, before the panels that keep clear of both
    drawLayerPanel(app, ui);
    drawLogPanel(app, ui);
    drawHelpPanel(app, ui);
    drawInspectorPanel(app, ui);
    drawAttributeTable(app, ui);
    drawHoverTooltip(app, ui);
    drawSearchPanel(app, ui);
    drawMeasurePanel(app, ui);
    drawBookmarksPanel(app, ui);
    drawSlidesPanel(app, ui);
    drawFileBrowser(app, ui);
    drawExportDialog(app, ui);
    drawProjectionPanel(app, ui);
}

} // namespace corridor::ui

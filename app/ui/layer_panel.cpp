#include "ui/panels.hpp"

#include "core/style.hpp"
#include "ui/layer_status.hpp"

#include <imgui.h>

#include <cfloat>
#include <string>

namespace corridor::ui {

namespace {

// Right-click on a layer's name: "Zoom to layer" (a fly-to its extent). Not offered for a layer with no geometry.
// "Remove layer" sets *remove, for layers the user added (remove is nullptr for the others).
bool layerContextMenu(const core::MapLayer& layer, bool* remove)
{
    bool zoomTo = false;
    if (ImGui::BeginPopupContextItem("##layer menu")) {
        if (ImGui::MenuItem("Zoom to layer", nullptr, false, !layer.mesh.bounds.empty())) {
            zoomTo = true;
        }
        if (remove != nullptr && ImGui::MenuItem("Remove layer")) {
            *remove = true;
        }
        ImGui::EndPopup();
    }
    return zoomTo;
}

void layerTooltip(const core::MapLayer& layer, const LayerStatus& status, const std::string& stylePath, float zoom)
{
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    const char* sheet = stylePath.empty() ? "the style sheet" : stylePath.c_str();
    switch (status.style) {
    case StyleVisibility::AllHidden:
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "Hidden by the style");
        ImGui::TextWrapped("%s sets visible = false for layer '%s', so none of its features are drawn and switching "
                           "it on here cannot show it. Remove that key or set visible = true; the map follows when "
                           "the sheet is saved.",
                           sheet, layer.data.name.c_str());
        ImGui::Separator();
        break;
    case StyleVisibility::SomeHidden:
        ImGui::TextWrapped("%s hides some of this layer's features (its visible key).", sheet);
        ImGui::Separator();
        break;
    case StyleVisibility::Shown: break;
    }
    if (!status.inZoomWindow) {
        ImGui::TextWrapped("Outside its zoom window (%s): the view is at zoom %.1f.",
                           zoomWindowText(layer.style).c_str(), zoom);
        ImGui::Separator();
    }
    ImGui::Text("%zu features, %zu vertices", layer.data.features.size(), layer.data.coords.size());
    ImGui::TextDisabled("Right-click: Zoom to layer, Remove layer (layers you added)");
    ImGui::Text("source: %s", layer.data.sourcePath.c_str());
    ImGui::Text("CRS: %s", layer.data.sourceCrs.c_str());
    if (!layer.data.issues.empty()) {
        ImGui::Text("%zu feature problem(s): see the log", layer.data.issues.size());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// The per-layer button that opens its attribute table.
void tableButton(UiState& ui, std::size_t index)
{
    if (ImGui::SmallButton("Table")) {
        openAttributeTable(ui, index);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Open this layer's attribute table");
    }
}

// Returns true when the row's context menu asked to zoom to the layer.
bool layerRow(core::MapLayer& layer, const std::string& stylePath, float zoom, bool* remove)
{
    const LayerStatus status = layerStatus(layer, zoom);
    const bool hiddenByStyle = status.style == StyleVisibility::AllHidden;

    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    // A layer the style hides has no geometry to show: its box stays unticked and cannot be ticked (the user's
    // switch, layer.visible, is left as it was for when the sheet shows the layer again). A layer that is on but
    // outside its zoom window keeps its working box, with the title greyed, as QGIS greys out-of-scale layers.
    if (hiddenByStyle) {
        ImGui::BeginDisabled();
    }
    const bool dim = !hiddenByStyle && layer.visible && !status.inZoomWindow;
    if (dim) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    }
    if (hiddenByStyle) {
        bool drawn = false;
        ImGui::Checkbox(layer.title.c_str(), &drawn);
    } else {
        ImGui::Checkbox(layer.title.c_str(), &layer.visible);
    }
    if (dim) {
        ImGui::PopStyleColor();
    }
    const bool zoomTo = layerContextMenu(layer, remove);
    bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled);
    if (hiddenByStyle || dim) {
        ImGui::SameLine();
        if (hiddenByStyle) {
            ImGui::TextDisabled("(hidden by style)");
        } else {
            ImGui::TextDisabled("(%s)", zoomWindowText(layer.style).c_str());
        }
        hovered = hovered || ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled);
    }

    ImGui::TableSetColumnIndex(2); // column 1 holds the attribute table's button (drawLayerPanel)
    ImGui::SetNextItemWidth(-FLT_MIN);
    // AlwaysClamp: a value typed after Ctrl+click (250, -3) is held to the slider's range like a dragged one.
    ImGui::SliderFloat("##opacity", &layer.opacity, 0.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    if (hiddenByStyle) {
        ImGui::EndDisabled();
    }
    if (hovered) { // outside the disabled scope, which would fade the tooltip too
        layerTooltip(layer, status, stylePath, zoom);
    }
    return zoomTo;
}

} // namespace

void drawLayerPanel(core::AppState& app, UiState& ui)
{
    if (!ui.showLayers) {
        return;
    }
    // Sizes in font heights, so the panel follows the UI font and its scale.
    const float em = ImGui::GetFontSize();
    // Below the main menu bar, whose height is one frame (font plus frame padding).
    ImGui::SetNextWindowPos(ImVec2(10, ImGui::GetFrameHeight() + 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(24.0f * em, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Layers", &ui.showLayers)) {
        if (ImGui::Button("Home")) {
            applyCommand(Command::HomeView, app, ui);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("The map's initial view: the style's [map] view, else all the data (%s)",
                              shortcutText(Command::HomeView));
        }
        ImGui::SameLine();
        if (ImGui::Button("Zoom to data")) {
            applyCommand(Command::ZoomToData, app, ui);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Frame every layer's extent (%s)", shortcutText(Command::ZoomToData));
        }
        ImGui::SameLine();
        if (ImGui::Button("Export PNG")) {
            applyCommand(Command::ExportPng, app, ui);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Write the map as shown, with its labels and without the panels, at the window's size "
                              "to corridor-view-<date>-<time>.png in the current folder (%s)",
                              shortcutText(Command::ExportPng));
        }
        if (!ui.files.loading.empty()) {
            ImGui::TextDisabled("%s", ui.files.loading.c_str());
        }
        ImGui::Separator();
        const auto zoom = static_cast<float>(core::zoomLevel(app.camera.unitsPerPixel));
        // A long title is clipped at its column instead of running under the opacity slider.
        if (ImGui::BeginTable("##layers", 3)) {
            ImGui::TableSetupColumn("layer", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("table", ImGuiTableColumnFlags_WidthFixed, 2.8f * em);
            ImGui::TableSetupColumn("opacity", ImGuiTableColumnFlags_WidthFixed, 5.0f * em);
            auto& layers = app.document.layers;
            // Top of the list is drawn on top, as in every GIS.
            for (std::size_t i = layers.size(); i-- > 0;) {
                ImGui::PushID(static_cast<int>(i));
                bool remove = false;
                if (layerRow(layers[i], app.document.stylePath, zoom,
                             removableLayer(layers[i], ui.files) ? &remove : nullptr)) {
                    app.flyRequest = core::FlyRequest{layers[i].mesh.bounds, false};
                }
                if (remove) {
                    ui.files.removeRequest = i; // the platform removes it after this frame's UI
                }
                ImGui::TableSetColumnIndex(1);
                tableButton(ui, i);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

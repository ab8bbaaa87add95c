#include "ui/panels.hpp"

#include <imgui.h>

namespace corridor::ui {

void drawLayerPanel(core::AppState& app, UiState& ui)
{
    if (!ui.showLayers) {
        return;
    }
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(300, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Layers", &ui.showLayers)) {
        if (ImGui::Button("Zoom to all")) {
            app.fitRequested = true;
        }
        ImGui::Separator();
        auto& layers = app.document.layers;
        // Top of the list is drawn on top, as in every GIS.
        for (std::size_t i = layers.size(); i-- > 0;) {
            core::MapLayer& layer = layers[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::Checkbox(layer.title.c_str(), &layer.visible);
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::Text("%zu features, %zu vertices", layer.data.features.size(), layer.data.coords.size());
                ImGui::Text("source: %s", layer.data.sourcePath.c_str());
                ImGui::Text("CRS: %s", layer.data.sourceCrs.c_str());
                if (!layer.data.issues.empty()) {
                    ImGui::Text("%zu feature problem(s): see the log", layer.data.issues.size());
                }
                ImGui::EndTooltip();
            }
            ImGui::SameLine(ImGui::GetWindowWidth() - 90);
            ImGui::SetNextItemWidth(70);
            ImGui::SliderFloat("##opacity", &layer.opacity, 0.0f, 1.0f, "%.2f");
            ImGui::PopID();
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

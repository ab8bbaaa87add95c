#include "ui/panels.hpp"

#include "core/graticule.hpp"
#include "core/projections.hpp"

#include <imgui.h>

namespace corridor::ui {

namespace {

// The CRS the map will be in once the build ends: the one being built, else the document's.
std::string comingCrs(const core::AppState& app, const UiState& ui)
{
    if (app.crsRequest) {
        return *app.crsRequest;
    }
    return ui.projection.building.empty() ? app.document.viewCrs : ui.projection.building;
}

} // namespace

void drawProjectionMenuItems(core::AppState& app, UiState& ui)
{
    if (ImGui::BeginMenu("Projection")) {
        const core::ProjectionPreset* current = core::presetFor(comingCrs(app, ui));
        for (const core::ProjectionPreset& p : core::projectionPresets()) {
            if (ImGui::MenuItem(p.name, nullptr, current == &p)) {
                app.crsRequest = p.definition;
            }
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Other CRS…", nullptr, current == nullptr)) {
            ui.projection.showPanel = true;
        }
        ImGui::EndMenu();
    }
    if (const auto g = core::findGraticule(app.document)) {
        bool& visible = app.document.layers[*g].visible;
        ImGui::MenuItem("Graticule", nullptr, &visible);
    }
    ImGui::Separator();
}

void drawProjectionPanel(core::AppState& app, UiState& ui)
{
    ProjectionUi& p = ui.projection;
    if (!p.showPanel) {
        return;
    }
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(34.0f * em, 0.0f), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Projection", &p.showPanel)) {
        ImGui::TextWrapped("Now: %s", ui.nav.status.crsName.c_str());
        if (!p.building.empty()) {
            ImGui::TextDisabled("Building the map in the new projection…");
        }
        ImGui::TextWrapped("An EPSG code (3035, EPSG:32640), a PROJ string (+proj=…) or WKT. The view keeps its "
                           "centre and scale; a CRS PROJ rejects leaves the map as it is and says why in Messages.");
        ImGui::SetNextItemWidth(-1.0f);
        const bool enter = ImGui::InputTextWithHint("##crs", "EPSG:3035", p.input.data(), p.input.size(),
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::Button("Apply") || enter) {
            app.crsRequest = std::string(p.input.data());
        }
        ImGui::SameLine();
        ImGui::TextDisabled("or pick one:");
        for (const core::ProjectionPreset& preset : core::projectionPresets()) {
            if (ImGui::Selectable(preset.name, core::presetFor(comingCrs(app, ui)) == &preset)) {
                app.crsRequest = preset.definition;
            }
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

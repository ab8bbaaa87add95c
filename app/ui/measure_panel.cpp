#include "ui/panels.hpp"

#include <imgui.h>

#include <string>

namespace corridor::ui {

void drawMeasurePanel(core::AppState& app, UiState& ui)
{
    MeasureTool& tool = ui.nav.measure;
    if (!tool.active) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10.0f, ImGui::GetFrameHeight() + 5.0f * em),
        ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
    bool open = true;
    // NoFocusOnAppearing: turned on while typing in the search box (or just before), it must not take the keyboard.
    if (ImGui::Begin("Measure", &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing)) {
        if (ImGui::RadioButton("Distance", !tool.measurement.area)) {
            tool.measurement.area = false;
        }
        ImGui::SameLine();
        if (ImGui::RadioButton("Area", tool.measurement.area)) {
            tool.measurement.area = true;
        }
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        static constexpr core::DistanceUnit kUnits[]
            = {core::DistanceUnit::Kilometres, core::DistanceUnit::NauticalMiles, core::DistanceUnit::Miles};
        for (const core::DistanceUnit u : kUnits) {
            ImGui::SameLine();
            if (ImGui::RadioButton(core::unitSymbol(u), tool.unit == u)) {
                tool.unit = u;
            }
        }
        const core::Measurement& m = tool.measurement;
        if (m.points.empty()) {
            ImGui::TextDisabled("Click points on the map. Esc, right-click or a double-click ends.");
        }
        const std::vector<double> segments = m.segmentMetres();
        if (ImGui::BeginTable("##segments", 2, ImGuiTableFlags_SizingFixedFit)) {
            for (std::size_t i = 0; i < segments.size(); ++i) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                const bool closing = m.area && m.points.size() >= 3 && i + 1 == segments.size();
                if (closing) {
                    ImGui::Text("%zu → 1", m.points.size());
                } else {
                    ImGui::Text("%zu → %zu", i + 1, i + 2);
                }
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(core::formatDistance(segments[i], tool.unit).c_str());
            }
            ImGui::EndTable();
        }
        if (!segments.empty()) {
            ImGui::Separator();
            ImGui::Text(
                "%s: %s", m.area ? "Perimeter" : "Total", core::formatDistance(m.totalMetres(), tool.unit).c_str());
            if (m.area) {
                ImGui::Text("Area: %s", core::formatArea(m.areaSquareMetres(), tool.unit).c_str());
            }
        }
        if (tool.hover && !m.points.empty() && !tool.finished) {
            core::Measurement next = m;
            next.points.push_back(*tool.hover);
            ImGui::TextDisabled("to the pointer: %s (total %s)",
                core::formatDistance(core::Measurement {{m.points.back(), *tool.hover}, false}.totalMetres(), tool.unit)
                    .c_str(),
                core::formatDistance(next.totalMetres(), tool.unit).c_str());
        }
        ImGui::TextDisabled("Geodesic on WGS84 (PROJ)");
        if (ImGui::Button("Clear")) {
            tool.measurement.points.clear();
            tool.finished = false;
        }
    }
    ImGui::End();
    if (!open) {
        applyCommand(Command::ToggleMeasure, app, ui);
    }
}

} // namespace corridor::ui

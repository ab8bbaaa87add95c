#include "ui/panels.hpp"

#include <imgui.h>

namespace corridor::ui {

void drawLogPanel(core::AppState& app, UiState& ui)
{
    for (std::size_t i = ui.seenLogEntries; i < app.log.size(); ++i) {
        if (app.log[i].severity == core::Severity::Error) {
            ui.showLog = true;
        }
    }
    ui.seenLogEntries = app.log.size();
    if (!ui.showLog || app.log.empty()) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    // Sizes in font heights, so the panel follows the UI font and its scale.
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(10, io.DisplaySize.y - 11.0f * em - 10.0f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(40.0f * em, 11.0f * em), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Messages", &ui.showLog)) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(app.log.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const core::LogEntry& e = app.log[static_cast<std::size_t>(i)];
                const ImVec4 color = e.severity == core::Severity::Error     ? ImVec4(1.0f, 0.45f, 0.4f, 1.0f)
                                     : e.severity == core::Severity::Warning ? ImVec4(1.0f, 0.8f, 0.3f, 1.0f)
                                                                             : ImVec4(0.85f, 0.85f, 0.85f, 1.0f);
                ImGui::TextColored(color, "%s", e.text.c_str());
            }
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

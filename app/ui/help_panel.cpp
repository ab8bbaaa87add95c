#include "ui/panels.hpp"

#include <imgui.h>

namespace corridor::ui {

void drawHelpPanel(core::AppState& /*app*/, UiState& ui)
{
    if (!ui.showHelp) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_FirstUseEver,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Keys", &ui.showHelp, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("On the map (not while typing in a panel):");
        if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg)) {
            for (const Shortcut& s : shortcuts()) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(s.keys);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(s.what);
            }
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted("Drag");
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted("Pan");
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted("Wheel");
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted("Zoom about the cursor");
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted("Ctrl+click");
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted("On a slider: type a value");
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

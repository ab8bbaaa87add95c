#include "ui/panels.hpp"

#include <imgui.h>

namespace corridor::ui {

namespace {

// The map's own keys and gestures (platform::Navigator), which are not commands.
void navigationKeyRows()
{
    static constexpr const char* kRows[][2] = {
        {"Arrows", "Pan by a quarter of the view"},
        {"+ / -", "Zoom in / out"},
        {"Double-click", "Zoom in about the cursor"},
        {"Flick", "The map glides on; a click stops it"},
        {"Esc / right-click", "End the measurement (Measure tool)"},
        {"1 - 9", "Fly to bookmark 1 to 9 (Bookmarks panel, B)"},
        {"F5 / Shift+F5", "Present the deck (Slides panel, S) from the first / the selected slide; Esc leaves"},
        {"Click (Slides)", "Places the annotation the Slides panel waits for; Esc cancels"},
    };
    for (const auto& row : kRows) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(row[0]);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(row[1]);
    }
}

} // namespace

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
            navigationKeyRows();
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

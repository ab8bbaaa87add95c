#include "ui/panels.hpp"

#include <imgui.h>

#include <string>

namespace corridor::ui {

void drawLogPanel(core::AppState& app, UiState& ui)
{
    for (std::size_t i = ui.seenLogEntries; i < app.log.size(); ++i) {
        if (app.log[i].severity == core::Severity::Error || !ui.logDismissed) {
            ui.showLog = true;
        }
    }
    ui.seenLogEntries = app.log.size();
    if (!ui.showLog) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    // Sizes in font heights, so the panel follows the UI font and its scale.
    const float em = ImGui::GetFontSize();
    // Above the status bar (one frame high).
    ImGui::SetNextWindowPos(ImVec2(10, io.DisplaySize.y - 11.0f * em - 10.0f - ImGui::GetFrameHeight()),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(40.0f * em, 11.0f * em), ImGuiCond_FirstUseEver);
    // It opens by itself when entries arrive: it must not take the keyboard from a field being typed in (the search
    // box, the Add layer path) as a new window does.
    if (ImGui::Begin("Messages", &ui.showLog, ImGuiWindowFlags_NoFocusOnAppearing)) {
        if (app.log.empty()) {
            ImGui::TextDisabled("No messages.");
        }
        // Entries wrap at the panel's edge: a path and its error are often wider than the panel. Wrapped rows differ
        // in height, which ImGuiListClipper cannot handle, so their heights are measured once per wrap width and
        // only the rows in view are drawn (a file with broken features can log thousands).
        const float wrapWidth = ImGui::GetContentRegionAvail().x;
        if (wrapWidth != ui.logWrapWidth || ui.logRowHeights.size() > app.log.size()) {
            ui.logRowHeights.clear();
            ui.logWrapWidth = wrapWidth;
        }
        for (std::size_t i = ui.logRowHeights.size(); i < app.log.size(); ++i) {
            const std::string& text = app.log[i].text;
            ui.logRowHeights.push_back(
                ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size(), false, wrapWidth).y);
        }
        const float spacing = ImGui::GetStyle().ItemSpacing.y;
        const float viewTop = ImGui::GetScrollY();
        const float viewBottom = viewTop + ImGui::GetWindowHeight();
        float y = ImGui::GetCursorPosY();
        ImGui::PushTextWrapPos(0.0f);
        for (std::size_t i = 0; i < app.log.size(); ++i) {
            const float height = ui.logRowHeights[i];
            if (y + height >= viewTop && y <= viewBottom) {
                const core::LogEntry& e = app.log[i];
                const ImVec4 color = e.severity == core::Severity::Error     ? ImVec4(1.0f, 0.45f, 0.4f, 1.0f)
                                     : e.severity == core::Severity::Warning ? ImVec4(1.0f, 0.8f, 0.3f, 1.0f)
                                                                             : ImVec4(0.85f, 0.85f, 0.85f, 1.0f);
                ImGui::SetCursorPosY(y);
                ImGui::PushStyleColor(ImGuiCol_Text, color);
                ImGui::TextUnformatted(e.text.c_str(), e.text.c_str() + e.text.size());
                ImGui::PopStyleColor();
            }
            y += height + spacing;
        }
        if (!app.log.empty()) { // the scroll range covers the rows not drawn too
            ImGui::SetCursorPosY(y - spacing);
            ImGui::Dummy(ImVec2(0.0f, 0.0f));
        }
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
    if (!ui.showLog) { // closed with its ×
        ui.logDismissed = true;
    }
}

} // namespace corridor::ui

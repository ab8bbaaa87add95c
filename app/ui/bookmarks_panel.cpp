// The Bookmarks panel: named views, kept in the session. A click flies to one (the viewer animates it, as the keys
// 1–9 do for the first nine); each can be renamed, moved up or down, or deleted. Ctrl+B (or "Add") has the viewer
// capture the view, then this panel asks for its name.

#include "ui/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace corridor::ui {

namespace {

// The name box for the view just captured: Enter or "Keep" keeps it, "Cancel" or Escape drops it.
void drawNaming(core::AppState& app, BookmarksUi& b)
{
    ImGui::TextUnformatted("Name this view:");
    // Asked again until the box has it: a window's first frame (hidden while it sizes itself) takes no focus.
    if (b.nameFocusPending) {
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-1.0f);
    const bool entered = ImGui::InputText("##bookmark-name", b.draftName.data(), b.draftName.size(),
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    if (ImGui::IsItemActive()) {
        b.nameFocusPending = false;
    }
    const bool cancelled = ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    const bool keep = ImGui::Button("Keep") || entered;
    ImGui::SameLine();
    if (cancelled || ImGui::Button("Cancel")) {
        b.draft.reset();
        return;
    }
    if (keep) {
        std::string name(b.draftName.data());
        if (name.empty()) {
            name = "View " + std::to_string(app.bookmarks.size() + 1);
        }
        app.bookmarks.push_back({std::move(name), *b.draft});
        b.draft.reset();
        b.changed = true;
    }
    ImGui::Separator();
}

// The edit buttons after each name: Rename, up, down, Delete.
float buttonsWidth()
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float arrow = ImGui::GetFrameHeight();
    return ImGui::CalcTextSize("Rename").x + ImGui::CalcTextSize("Delete").x + 4.0f * style.FramePadding.x +
           2.0f * arrow + 4.0f * style.ItemSpacing.x;
}

// One bookmark's row: [key] name (a click flies there), then its edit buttons. Returns false when it was deleted.
bool drawRow(core::AppState& app, BookmarksUi& b, std::size_t i)
{
    std::vector<core::Bookmark>& list = app.bookmarks;
    ImGui::PushID(static_cast<int>(i));
    if (b.renaming == i) {
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        if (ImGui::InputText("##rename", b.renameText.data(), b.renameText.size(),
                             ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
            if (b.renameText[0] != '\0') {
                list[i].name = b.renameText.data();
                b.changed = true;
            }
            b.renaming.reset();
        }
        if (ImGui::IsItemActive()) {
            b.nameFocusPending = false;
        } else if (b.nameFocusPending) {
            ImGui::SetKeyboardFocusHere(-1);
        }
    } else {
        char key[8] = "   ";
        if (i < 9) {
            std::snprintf(key, sizeof key, "%zu ", i + 1);
        }
        ImGui::TextDisabled("%s", key);
        ImGui::SameLine();
        if (ImGui::Selectable(list[i].name.c_str(), false, ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(std::max(40.0f, ImGui::GetContentRegionAvail().x - buttonsWidth()), 0.0f))) {
            b.recall = i;
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Fly to %s: %.4f°, %.4f°, %.0f m a pixel", list[i].name.c_str(),
                              list[i].view.centerLonLat.y, list[i].view.centerLonLat.x, list[i].view.metresPerPixel);
        }
    }
    bool kept = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("Rename")) {
        b.renaming = i;
        b.renameText.fill('\0');
        list[i].name.copy(b.renameText.data(), std::min(list[i].name.size(), b.renameText.size() - 1));
        b.nameFocusPending = true;
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(i == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
        std::swap(list[i], list[i - 1]);
        b.changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(i + 1 >= list.size());
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) {
        std::swap(list[i], list[i + 1]);
        b.changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete")) {
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
        b.renaming.reset();
        b.changed = true;
        kept = false;
    }
    ImGui::PopID();
    return kept;
}

} // namespace

void drawBookmarksPanel(core::AppState& app, UiState& ui)
{
    BookmarksUi& b = ui.bookmarks;
    if (!b.show) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 360.0f, 80.0f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(340.0f, 260.0f), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Bookmarks", &b.show)) {
        if (b.draft) {
            drawNaming(app, b);
        }
        if (app.bookmarks.empty() && !b.draft) {
            ImGui::TextWrapped("No bookmarks yet. Ctrl+B keeps the view you see, under a name; the keys 1-9 fly back "
                               "to the first nine.");
        }
        for (std::size_t i = 0; i < app.bookmarks.size();) {
            if (drawRow(app, b, i)) {
                ++i;
            }
        }
        if (!b.draft && ImGui::Button("Add this view")) {
            b.captureRequested = true;
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

// The Add layer browser (File ▸ Add layer…, Ctrl+O): a folder's entries over std::filesystem, filtered to what
// GDAL opens, with a path bar one can type a file or folder into. It only lists and asks: the platform loads
// (FileBrowserState::addRequests) on a worker thread.

#include "ui/file_browser_state.hpp"
#include "ui/panels.hpp"

#include "core/map_document.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace corridor::ui {

namespace fs = std::filesystem;

void browseTo(FileBrowserState& state, const std::string& folder)
{
    state.folder = fs::path(folder).lexically_normal().string();
    if (state.folder.size() > 1 && state.folder.back() == '/') {
        state.folder.pop_back();
    }
    std::snprintf(state.path.data(), state.path.size(), "%s", state.folder.c_str());
    state.selected.clear();
    state.dirty = true;
}

const std::vector<std::string>& shownExtensions(const FileBrowserState& state)
{
    static const std::vector<std::string> kDeck{"toml"};
    return state.purpose == BrowsePurpose::OpenDeck ? kDeck : state.extensions;
}

bool removableLayer(const core::MapLayer& layer, const FileBrowserState& state)
{
    if (layer.sourcePath.empty()) {
        return false;
    }
    if (state.dataDir.empty()) {
        return true;
    }
    const fs::path parent = fs::path(layer.sourcePath).parent_path().lexically_normal();
    return parent != fs::path(state.dataDir).lexically_normal() &&
           parent != (fs::path(state.dataDir) / "").lexically_normal();
}

namespace {

void requestAdd(FileBrowserState& s, const std::string& path)
{
    (s.purpose == BrowsePurpose::OpenDeck ? s.openDeckRequests : s.addRequests).push_back(path);
    core::rememberFolder(s.recent, fs::path(path).parent_path().string());
    s.open = false;
}

// What Enter in the path bar does: a folder is listed, a file (or a dataset folder, or a GDAL virtual path) added.
void goToTyped(FileBrowserState& s)
{
    std::string typed = s.path.data();
    while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\n')) {
        typed.pop_back();
    }
    if (typed.empty()) {
        return;
    }
    if (typed.rfind("/vsi", 0) == 0) {
        requestAdd(s, typed);
        return;
    }
    if (typed == "~" || typed.rfind("~/", 0) == 0) {
        typed = s.home + typed.substr(1);
    }
    fs::path p(typed);
    if (p.is_relative()) {
        p = fs::path(s.folder) / p;
    }
    p = p.lexically_normal();
    std::error_code ec;
    if (fs::is_directory(p, ec) && !core::hasExtension(p.filename().string(), shownExtensions(s))) {
        browseTo(s, p.string());
    } else if (fs::exists(p, ec)) {
        requestAdd(s, p.string());
    } else {
        s.listError = "no such file or folder: " + p.string();
    }
}

void refresh(FileBrowserState& s)
{
    if (!s.dirty) {
        return;
    }
    s.dirty = false;
    s.listError.clear();
    s.entries.clear();
    core::FileListOptions options;
    options.extensions = shownExtensions(s);
    options.showAll = s.showAll;
    try {
        s.entries = core::listFolder(s.folder, options);
    } catch (const fs::filesystem_error& e) {
        s.listError = s.folder + ": " + e.code().message();
    }
    core::sortEntries(s.entries, s.sort, s.descending);
}

void placeButtons(FileBrowserState& s)
{
    if (ImGui::Button("Up")) {
        browseTo(s, fs::path(s.folder).parent_path().string());
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("The parent folder");
    }
    ImGui::SameLine();
    if (ImGui::Button("Home") && !s.home.empty()) {
        browseTo(s, s.home);
    }
    ImGui::SameLine();
    if (ImGui::Button("Bundled data") && !s.dataDir.empty()) {
        browseTo(s, s.dataDir);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", s.dataDir.c_str());
    }
    ImGui::SameLine();
    if (ImGui::BeginCombo("##recent", "Recent", ImGuiComboFlags_NoPreview | ImGuiComboFlags_HeightLarge)) {
        if (s.recent.empty()) {
            ImGui::TextDisabled("no folders yet");
        }
        for (const std::string& folder : s.recent) {
            if (ImGui::Selectable(folder.c_str())) {
                browseTo(s, folder);
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("Recent folders");
}

// The listing; a double-click opens a folder or adds a file (or a .gdb-like dataset folder).
void entryTable(FileBrowserState& s, float height)
{
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                       ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##files", 3, kFlags, ImVec2(0, height))) {
        return;
    }
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort, 0.0f,
                            static_cast<ImGuiID>(core::FileSort::Name));
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, 5.5f * em,
                            static_cast<ImGuiID>(core::FileSort::Size));
    ImGui::TableSetupColumn("Modified", ImGuiTableColumnFlags_WidthFixed, 8.5f * em,
                            static_cast<ImGuiID>(core::FileSort::Modified));
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs != nullptr && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            s.sort = static_cast<core::FileSort>(specs->Specs[0].ColumnUserID);
            s.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            core::sortEntries(s.entries, s.sort, s.descending);
        }
        specs->SpecsDirty = false;
    }
    std::string openFolder, add;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.entries.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const core::FileEntry& e = s.entries[static_cast<std::size_t>(row)];
            ImGui::PushID(row);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const std::string label = e.directory ? e.name + "/" + (e.dataset ? "  (dataset)" : "") : e.name;
            if (ImGui::Selectable(label.c_str(), s.selected == e.name,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                s.selected = e.name;
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
                    const std::string full = (fs::path(s.folder) / e.name).string();
                    // A folder named like a dataset (.gdb) is added whole; other folders are opened, so one
                    // shapefile of a folder of them can be picked (Open adds them all).
                    if (e.directory && !core::hasExtension(e.name, shownExtensions(s))) {
                        openFolder = full;
                    } else {
                        add = full;
                    }
                }
            }
            if (e.dataset && ImGui::IsItemHovered()) {
                ImGui::SetTooltip("GDAL reads this folder as one dataset: Open adds every layer in it");
            }
            ImGui::TableSetColumnIndex(1);
            if (!e.directory) {
                ImGui::TextUnformatted(core::formatFileSize(e.size).c_str());
            }
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(core::formatFileTime(e.modified).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (!openFolder.empty()) {
        browseTo(s, openFolder);
    } else if (!add.empty()) {
        requestAdd(s, add);
    }
}

} // namespace

void drawFileBrowser(core::AppState& app, UiState& ui)
{
    (void)app;
    FileBrowserState& s = ui.files;
    if (!s.open) {
        return;
    }
    if (s.folder.empty()) {
        std::error_code ec;
        browseTo(s, fs::current_path(ec).string());
    }
    refresh(s);
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(40.0f * em, 26.0f * em), ImGuiCond_FirstUseEver);
    const bool deck = s.purpose == BrowsePurpose::OpenDeck;
    // One window, two titles: "###" keeps its place and size whichever it is open for.
    if (ImGui::Begin(deck ? "Open deck###files" : "Add layer###files", &s.open)) {
        placeButtons(s);
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (s.focusPath) {
            ImGui::SetKeyboardFocusHere();
            s.focusPath = false;
        }
        // Whole text selected when the bar takes the keyboard (Ctrl+O, a click): a path typed or pasted replaces it.
        if (ImGui::InputText("##path", s.path.data(), s.path.size(),
                             ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
            goToTyped(s);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(deck ? "A folder to list, or a deck to open (Enter); ~ is your home folder"
                                   : "A folder to list, or a file to add (Enter); ~ is your home folder");
        }
        if (ImGui::Checkbox("Show all files", &s.showAll)) {
            s.dirty = true;
        }
        if (ImGui::IsItemHovered()) {
            if (deck) {
                ImGui::SetTooltip("Off: only .toml files (docs/briefing-format.md)");
            } else {
                ImGui::SetTooltip("Off: only files with an extension one of GDAL's %zu vector drivers declares",
                                  s.extensions.size());
            }
        }
        if (!s.listError.empty()) {
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", s.listError.c_str());
        }
        const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
        entryTable(s, std::max(4.0f * em, ImGui::GetContentRegionAvail().y - footer));

        const auto it = std::find_if(s.entries.begin(), s.entries.end(),
                                     [&](const core::FileEntry& e) { return e.name == s.selected; });
        const bool canOpen = it != s.entries.end() && (!it->directory || it->dataset);
        if (!canOpen) {
            ImGui::BeginDisabled();
        }
        if (ImGui::Button("Open") && canOpen) {
            requestAdd(s, (fs::path(s.folder) / it->name).string());
        }
        if (!canOpen) {
            ImGui::EndDisabled();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) {
            s.open = false;
        }
        if (!s.loading.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", s.loading.c_str());
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

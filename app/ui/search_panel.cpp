#include "ui/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace corridor::ui {

namespace {

constexpr std::size_t kMaxCandidates = 12;

void flyToPoint(core::AppState& app, core::Vec2d lonLat)
{
    core::FlyRequest r;
    r.bounds.add(lonLat);
    r.lonLat = true;
    app.flyRequest = r;
}

void flyToHit(core::AppState& app, const core::SearchHit& hit)
{
    const core::MapLayer& layer = app.document.layers[hit.layer];
    // A point is centred; a line or an area is framed whole.
    if (layer.data.features[hit.feature].type == core::GeometryType::Point || hit.lonLatBounds.empty()) {
        flyToPoint(app, hit.lonLatAnchor);
        return;
    }
    core::FlyRequest r;
    r.bounds = hit.lonLatBounds;
    r.lonLat = true;
    app.flyRequest = r;
}

// Runs the query when the text changed: coordinates first, then names.
void refresh(core::AppState& app, SearchBox& box)
{
    const std::string query(box.query.data());
    if (query == box.searched) {
        return;
    }
    box.searched = query;
    box.selected = 0;
    box.hits.clear();
    box.message.clear();
    box.coords = core::parseCoordinates(query);
    if (box.coords.kind != core::CoordParse::Kind::NotCoordinates) {
        return;
    }
    if (!box.index.builtFor(app.document)) {
        box.index.build(app.document);
    }
    box.hits = box.index.find(query, kMaxCandidates);
}

// Enter: the selected candidate, or the coordinates. Says so when there is nothing to go to.
void go(core::AppState& app, SearchBox& box)
{
    const std::string query(box.query.data());
    if (box.coords.kind == core::CoordParse::Kind::Ok) {
        flyToPoint(app, box.coords.lonLat);
        box.message = "Went to " + core::formatDms(box.coords.lonLat);
        box.showResults = false;
    } else if (box.coords.kind == core::CoordParse::Kind::Invalid) {
        box.message = "Not coordinates: " + box.coords.error;
        box.showResults = true;
    } else if (!box.hits.empty()) {
        const core::SearchHit& hit = box.hits[static_cast<std::size_t>(box.selected) % box.hits.size()];
        flyToHit(app, hit);
        box.message = "Went to " + hit.label + " (" + app.document.layers[hit.layer].title + ")";
        box.showResults = false;
    } else if (!query.empty()) {
        box.message = "Nothing found for \"" + query + "\"";
        box.showResults = true;
    }
}

void candidateList(core::AppState& app, SearchBox& box)
{
    const std::string query(box.query.data());
    if (query.empty()) {
        return;
    }
    if (box.coords.kind == core::CoordParse::Kind::Ok) {
        const std::string text
            = "Go to " + core::formatDms(box.coords.lonLat) + "  (" + core::formatDecimal(box.coords.lonLat) + ")";
        if (ImGui::Selectable(text.c_str(), true)) {
            go(app, box);
        }
        return;
    }
    if (box.coords.kind == core::CoordParse::Kind::Invalid) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "Not coordinates: %s", box.coords.error.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    if (box.hits.empty()) {
        ImGui::TextDisabled("Nothing found for \"%s\"", query.c_str());
        return;
    }
    for (std::size_t i = 0; i < box.hits.size(); ++i) {
        const core::SearchHit& h = box.hits[i];
        ImGui::PushID(static_cast<int>(i));
        const bool selected = static_cast<int>(i) == box.selected;
        if (ImGui::Selectable(h.label.c_str(), selected)) {
            box.selected = static_cast<int>(i);
            flyToHit(app, h);
            box.message = "Went to " + h.label + " (" + app.document.layers[h.layer].title + ")";
            box.showResults = false;
        }
        ImGui::SameLine();
        // The layer says which of two places of one name this is (Astara the node, Astara the station).
        ImGui::TextDisabled("%s", app.document.layers[h.layer].title.c_str());
        if (h.kind != core::MatchKind::Exact && h.kind != core::MatchKind::Prefix) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%s, %s)", core::matchKindName(h.kind), h.field.c_str());
        } else if (h.matched != h.label) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%s)", h.field.c_str()); // Arabic script is not in the UI font: name the field
        }
        ImGui::PopID();
    }
}

void measureToggle(core::AppState& app, UiState& ui)
{
    const bool on = ui.nav.measure.active;
    if (on) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    if (ImGui::Button("Measure")) {
        applyCommand(Command::ToggleMeasure, app, ui);
    }
    if (on) {
        ImGui::PopStyleColor();
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Measure geodesic distances and areas: click points on the map; Esc or right-click ends (%s)",
            shortcutText(Command::ToggleMeasure));
    }
}

} // namespace

void drawSearchPanel(core::AppState& app, UiState& ui)
{
    SearchBox& box = ui.nav.search;
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(
        ImVec2(io.DisplaySize.x - 10.0f, ImGui::GetFrameHeight() + 10.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize
        | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
        | ImGuiWindowFlags_NoCollapse;
    if (ImGui::Begin("Search##toolbar", nullptr, flags)) {
        if (box.focusRequested) {
            ImGui::SetKeyboardFocusHere();
            box.focusRequested = false;
        }
        // Narrower in a small window, so it leaves the Layers panel room.
        ImGui::SetNextItemWidth(std::clamp(0.3f * io.DisplaySize.x, 8.0f * em, 20.0f * em));
        char hint[96];
        std::snprintf(hint, sizeof hint, "Search places or coordinates (%s)", shortcutText(Command::Search));
        // AutoSelectAll: Ctrl+F or a click selects the last query, so typing replaces it (as a browser's address bar).
        const bool enter = ImGui::InputTextWithHint("##search", hint, box.query.data(), box.query.size(),
            ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
        const bool editing = ImGui::IsItemActive();
        // The toolbar's own row, not the results it opens under it: the map's furniture must not jump while typing.
        ui.chromeTop = ImGui::GetItemRectMax().y + ImGui::GetStyle().WindowPadding.y;
        refresh(app, box);
        if (editing) {
            box.showResults = true;
            if (!box.hits.empty()) {
                const int n = static_cast<int>(box.hits.size());
                if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) {
                    box.selected = (box.selected + 1) % n;
                }
                if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) {
                    box.selected = (box.selected + n - 1) % n;
                }
            }
        }
        if (enter) {
            go(app, box);
        }
        ImGui::SameLine();
        measureToggle(app, ui);
        if (box.showResults) {
            candidateList(app, box);
        } else if (!box.message.empty()) {
            ImGui::TextDisabled("%s", box.message.c_str());
        }
    }
    ImGui::End();
}

} // namespace corridor::ui

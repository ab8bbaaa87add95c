// The Slides panel: the briefing deck being edited (docs/briefing-format.md). Its slides in order (a click selects
// one, a double click shows it on the map; up, down, delete), "Add slide from view" (the viewer captures the view,
// the visible layers, the map's date and the selected feature), and the selected slide's editor: title, caption,
// notes, transition, its date and highlights, and its annotations, placed by clicking the map. Save (Ctrl+S)
// writes the deck to the path in the file field; platform::DeckAuthor does the capture, the clicks and the files.

#include "ui/panels.hpp"

#include "core/deck_text.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace corridor::ui {

namespace {

const ImVec4 kErrorColour{1.0f, 0.45f, 0.4f, 1.0f};
const ImVec4 kPromptColour{1.0f, 0.8f, 0.3f, 1.0f};

// The first malformed {{placeholder}} of a text, shown under its field: the deck would not read back with it, so
// Save refuses it (platform::saveDeck) and this says why before.
void placeholderProblem(const std::string& text)
{
    if (text.find("{{") == std::string::npos) {
        return;
    }
    for (const core::Placeholder& p : core::placeholders(text)) {
        if (!p.error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
            ImGui::TextWrapped("%s: %s", p.text.c_str(), p.error.c_str());
            ImGui::PopStyleColor();
            return;
        }
    }
}

// "37.28°N 49.59°E"
std::string lonLatText(core::Vec2d p)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.2f°%c %.2f°%c", std::abs(p.y), p.y < 0 ? 'S' : 'N', std::abs(p.x),
                  p.x < 0 ? 'W' : 'E');
    return text;
}

// The file field, Save and what the last save did; the newer autosave found beside the deck.
void drawFileRow(SlidesState& s)
{
    const float saveWidth = ImGui::CalcTextSize("Save*").x + 2.0f * ImGui::GetStyle().FramePadding.x;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - saveWidth - ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputTextWithHint("##deck-path", SlidesState::kDefaultPath, &s.path);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Where Save (Ctrl+S) writes the deck (TOML); a path relative to the current folder");
    }
    ImGui::SameLine();
    if (ImGui::Button(s.dirty() ? "Save*" : "Save")) {
        s.saveRequested = true;
    }
    if (!s.status.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, s.statusError ? kErrorColour : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s", s.status.c_str());
        ImGui::PopStyleColor();
    } else if (!s.onDisk) {
        ImGui::TextDisabled("a new deck, not saved yet");
    }
    if (!s.autosaveFound.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kPromptColour);
        ImGui::TextWrapped("Unsaved edits from before are in %s.", s.autosaveFound.c_str());
        ImGui::PopStyleColor();
        if (ImGui::SmallButton("Open autosave")) {
            s.recoverRequested = true;
        }
    }
}

// One row of the slide list: "3  Title" (a click selects, a double click goes to it), then up, down and delete.
// Returns false when the slide was deleted.
bool drawSlideRow(SlidesState& s, std::size_t i)
{
    std::vector<core::Slide>& slides = s.deck.slides;
    ImGui::PushID(static_cast<int>(i));
    const ImGuiStyle& style = ImGui::GetStyle();
    const float buttons = 2.0f * ImGui::GetFrameHeight() + ImGui::CalcTextSize("Delete").x + 2.0f * style.FramePadding.x +
                          4.0f * style.ItemSpacing.x;
    char label[32];
    std::snprintf(label, sizeof label, "%2zu  ", i + 1);
    // "###slide": the row keeps its id while its title is typed.
    const std::string text = label + (slides[i].title.empty() ? std::string("(no title)") : slides[i].title) + "###slide";
    if (ImGui::Selectable(text.c_str(), s.selected == i, ImGuiSelectableFlags_AllowItemOverlap | ImGuiSelectableFlags_AllowDoubleClick,
                          ImVec2(std::max(40.0f, ImGui::GetContentRegionAvail().x - buttons), 0.0f))) {
        if (s.selected != i) {
            s.placing.reset(); // an annotation waiting for its click belonged to the slide before
        }
        s.selected = i;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
            s.goTo = i;
        }
    }
    if (!slides[i].problems.empty() && ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", slides[i].problems.front().c_str());
    }
    bool kept = true;
    const auto move = [&](std::size_t to) {
        std::swap(slides[i], slides[to]);
        if (s.selected == i) {
            s.selected = to;
        } else if (s.selected == to) {
            s.selected = i;
        }
        s.placing.reset();
        s.changed();
    };
    ImGui::SameLine();
    ImGui::BeginDisabled(i == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
        move(i - 1);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(i + 1 >= slides.size());
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) {
        move(i + 1);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete")) {
        slides.erase(slides.begin() + static_cast<std::ptrdiff_t>(i));
        if (s.selected && *s.selected >= i && *s.selected > 0) {
            s.selected = *s.selected == i ? std::min(i, slides.size() - 1) : *s.selected - 1;
        }
        if (slides.empty()) {
            s.selected.reset();
        }
        s.placing.reset();
        s.changed();
        kept = false;
    }
    ImGui::PopID();
    return kept;
}

// A text field of several lines (Enter starts a new one); marks the deck changed.
void textField(SlidesState& s, const char* label, const char* id, std::string& text, int lines)
{
    ImGui::TextUnformatted(label);
    const float height = ImGui::GetTextLineHeight() * static_cast<float>(lines) + 2.0f * ImGui::GetStyle().FramePadding.y;
    if (ImGui::InputTextMultiline(id, &text, ImVec2(-1.0f, height))) {
        s.changed();
    }
    placeholderProblem(text);
}

void drawAnnotations(SlidesState& s, core::Slide& slide, std::size_t index)
{
    ImGui::Separator();
    ImGui::Text("Annotations (%zu)", slide.annotations.size());
    ImGui::PushID("annotations"); // their rows' ids apart from the highlights'
    for (std::size_t i = 0; i < slide.annotations.size();) {
        const core::DeckAnnotation& a = slide.annotations[i];
        ImGui::PushID(static_cast<int>(i));
        bool erase = ImGui::SmallButton("x");
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Delete this annotation");
        }
        ImGui::SameLine();
        std::string text = std::string(core::annotationKindName(a.kind)) + " ";
        if (a.kind == core::AnnotationKind::Arrow && a.from) {
            text += lonLatText(*a.from) + " → ";
        }
        text += lonLatText(a.at);
        if (a.kind == core::AnnotationKind::Circle) {
            char r[32];
            std::snprintf(r, sizeof r, ", %g km", a.radiusKm);
            text += r;
        }
        if (!a.text.empty()) {
            text += ": " + a.text;
        }
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopID();
        if (erase) {
            slide.annotations.erase(slide.annotations.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed();
        } else {
            ++i;
        }
    }
    ImGui::PopID();
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputTextWithHint("##annotation-text", "text (a callout's; an arrow's or circle's label)", &s.annotationText);
    placeholderProblem(s.annotationText);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::InputDouble("circle radius, km", &s.radiusKm, 5.0, 50.0, "%.1f");
    s.radiusKm = std::clamp(s.radiusKm, 0.1, 20000.0);
    if (s.placing) {
        const char* prompt = "";
        switch (s.placing->kind) {
        case core::AnnotationKind::Callout: prompt = "Click the map where the callout points."; break;
        case core::AnnotationKind::Arrow:
            prompt = s.placing->tail ? "Click the map at the arrow's tip." : "Click the map at the arrow's tail.";
            break;
        case core::AnnotationKind::Circle: prompt = "Click the map at the circle's centre."; break;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, kPromptColour);
        ImGui::TextUnformatted(prompt);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        // Escape cancels too, unless a field has the keyboard (there it undoes the field's edit).
        if (ImGui::SmallButton("Cancel") ||
            (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))) {
            s.placing.reset();
        }
        return;
    }
    const auto arm = [&](core::AnnotationKind kind) { s.placing = AnnotationPlacing{kind, index, std::nullopt}; };
    ImGui::TextUnformatted("Place by clicking the map:");
    ImGui::SameLine();
    ImGui::BeginDisabled(s.annotationText.empty());
    if (ImGui::SmallButton("Callout")) {
        arm(core::AnnotationKind::Callout);
    }
    ImGui::EndDisabled();
    if (s.annotationText.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("Type the callout's text first");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Arrow")) {
        arm(core::AnnotationKind::Arrow);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Circle")) {
        arm(core::AnnotationKind::Circle);
    }
}

void drawSlideEditor(SlidesState& s, std::size_t index)
{
    core::Slide& slide = s.deck.slides[index];
    ImGui::Separator();
    ImGui::Text("Slide %zu of %zu", index + 1, s.deck.slides.size());
    ImGui::SameLine();
    if (ImGui::SmallButton("Go to")) {
        s.goTo = index;
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Show this slide on the map: its view, layers and date (F5 presents)");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Update from view")) {
        s.updateFromView = true;
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("This slide takes the map's view, visible layers, date and selected feature");
    }
    for (const std::string& p : slide.problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::TextWrapped("%s", p.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextUnformatted("Title");
    // A slide just added: its title takes the keys (the default selected, so typing replaces it; Enter gives the
    // keys back to the map). Asked again until the field has it: a window's first frame takes no focus.
    if (s.focusTitle) {
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::InputText("##title", &slide.title, ImGuiInputTextFlags_AutoSelectAll)) {
        s.changed();
    }
    if (ImGui::IsItemActive()) {
        s.focusTitle = false;
    }
    placeholderProblem(slide.title);
    textField(s, "Caption (**bold**, *italic*, lines starting \"- \" are bullets)", "##caption", slide.caption, 4);
    textField(s, "Speaker notes", "##notes", slide.notes, 3);

    int transition = slide.transition == core::Transition::Cut ? 1 : 0;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    if (ImGui::Combo("##transition", &transition, "fly\0cut\0")) {
        slide.transition = transition == 1 ? core::Transition::Cut : core::Transition::Fly;
        s.changed();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(slide.transition == core::Transition::Cut);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    double seconds = slide.seconds;
    if (ImGui::InputDouble("seconds of flight", &seconds, 0.5, 2.0, "%.1f")) {
        slide.seconds = std::clamp(seconds, 0.0, 600.0);
        s.changed();
    }
    ImGui::EndDisabled();

    if (const core::DeckView& v = slide.view; v.centre) {
        ImGui::TextDisabled("View: %s, zoom %.2f", lonLatText({v.centre->lon, v.centre->lat}).c_str(), v.centre->zoom);
    } else if (v.bbox) {
        const auto& b = *v.bbox;
        ImGui::TextDisabled("View: the box %g, %g, %g, %g", b[0], b[1], b[2], b[3]);
    }
    if (slide.layers) {
        ImGui::TextDisabled("Layers: %zu shown", slide.layers->size());
        if (ImGui::IsItemHovered() && !slide.layers->empty()) {
            std::string names;
            for (const std::string& n : *slide.layers) {
                names += (names.empty() ? "" : "\n") + n;
            }
            ImGui::SetTooltip("%s", names.c_str());
        }
    } else {
        ImGui::TextDisabled("Layers: as the map has them");
    }
    ImGui::TextDisabled("Map as of: %s", slide.asOf ? slide.asOf->c_str() : "today");
    if (slide.asOf) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Today")) {
            slide.asOf.reset();
            s.changed();
        }
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Show today's map on this slide (the timeline, T, sets a date; Update from view takes it)");
        }
    }
    ImGui::PushID("highlights");
    for (std::size_t i = 0; i < slide.highlights.size();) {
        const core::DeckHighlight& h = slide.highlights[i];
        ImGui::PushID(static_cast<int>(i));
        const bool erase = ImGui::SmallButton("x");
        ImGui::SameLine();
        ImGui::TextDisabled("Highlight: %s › %s", h.layer.c_str(), h.id.empty() ? h.name.c_str() : h.id.c_str());
        ImGui::PopID();
        if (erase) {
            slide.highlights.erase(slide.highlights.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed();
        } else {
            ++i;
        }
    }
    ImGui::PopID();
    drawAnnotations(s, slide, index);
}

} // namespace

void drawSlidesPanel(core::AppState& app, UiState& ui)
{
    SlidesState& s = ui.slides;
    if (!s.show) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 27.0f * em - 10.0f, 4.5f * em), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(27.0f * em, std::min(io.DisplaySize.y - 8.0f * em, 48.0f * em)), ImGuiCond_FirstUseEver);
    const std::string title = std::string(s.dirty() ? "Slides*" : "Slides") + "###Slides";
    if (!ImGui::Begin(title.c_str(), &s.show)) {
        ImGui::End();
        return;
    }
    if (!s.open) {
        ImGui::TextWrapped("No deck is open. A briefing deck is a list of map slides: each keeps a view, the layers "
                           "shown, the map's date, highlighted features and annotations, with a title, a caption and "
                           "notes. F5 presents it; corridor export-deck makes PNGs and a PDF of it.");
        if (ImGui::Button("New deck")) {
            applyCommand(Command::NewDeck, app, ui);
        }
        ImGui::TextDisabled("or open one: corridor --deck FILE");
        ImGui::End();
        return;
    }
    drawFileRow(s);
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::InputTextWithHint("##deck-title", "deck title", &s.deck.title)) {
        s.changed();
    }
    if (ImGui::Button("Add slide from view")) {
        applyCommand(Command::AddSlide, app, ui);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("A new slide after the selected one: the map's view, visible layers and date, and the "
                          "selected feature as its highlight");
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(s.deck.slides.empty());
    if (ImGui::Button("Present")) {
        s.presentFrom = s.selected.value_or(0);
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("Full screen from the selected slide (F5: from the first, Shift+F5: from the selected); Esc "
                          "leaves");
    }
    if (s.selected && *s.selected >= s.deck.slides.size()) {
        s.selected.reset();
    }
    if (s.deck.slides.empty()) {
        ImGui::TextWrapped("No slides yet. Frame the map as the slide should show it (layers, timeline date, a "
                           "selected feature), then Add slide from view.");
    } else {
        const float rows = static_cast<float>(std::min<std::size_t>(s.deck.slides.size(), 8));
        const ImGuiStyle& style = ImGui::GetStyle();
        const float height = rows * ImGui::GetFrameHeightWithSpacing() - style.ItemSpacing.y + 2.0f * style.WindowPadding.y;
        if (ImGui::BeginChild("##slide-list", ImVec2(0.0f, height), true)) {
            for (std::size_t i = 0; i < s.deck.slides.size();) {
                if (drawSlideRow(s, i)) {
                    ++i;
                }
            }
        }
        ImGui::EndChild();
    }
    if (s.selected) {
        drawSlideEditor(s, *s.selected);
    }
    ImGui::End();
}

} // namespace corridor::ui

// The timeline ("Map as of", issue 14): a bar along the bottom, over the status bar, with a slider over the
// document's dates and a tick per dated event (agreed, opened, damaged…; hover for what happened, click to go
// there), the date the map is drawn as of, Today (the date off: the map as its status fields say it is now) and Play
// (through the years, `secondsPerYear` each). A new date is asked through ui.timeline.request; the viewer rebuilds
// the dated layers on a worker and the map changes when they are in (the old one stays meanwhile).

#include "ui/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace corridor::ui {

namespace {

// A tick's colour by what happened: openings green, agreements and plans amber, closures grey, damage red, events
// blue (the map's own colours for those classes).
ImU32 tickColour(core::DateField what)
{
    switch (what) {
    case core::DateField::Opened: return IM_COL32(76, 175, 80, 255);
    case core::DateField::Agreed:
    case core::DateField::Planned: return IM_COL32(230, 160, 40, 255);
    case core::DateField::Closed: return IM_COL32(150, 160, 165, 255);
    case core::DateField::Damaged: return IM_COL32(230, 90, 30, 255);
    case core::DateField::Event: return IM_COL32(100, 170, 230, 255);
    }
    return IM_COL32(200, 200, 200, 255);
}

// The document's dates, worked out again when a layer comes or goes.
void refresh(const core::AppState& app, TimelineState& t)
{
    std::size_t features = 0;
    for (const core::MapLayer& l : app.document.layers) {
        features += l.data.features.size();
    }
    if (t.timelineLayers == app.document.layers.size() && t.timelineFeatures == features) {
        return;
    }
    t.timeline = core::buildTimeline(app.document);
    t.timelineLayers = app.document.layers.size();
    t.timelineFeatures = features;
}

void ask(TimelineState& t, std::optional<core::Date> date)
{
    t.request = date;
    t.shown = date;
}

// The year step between labels at least `minPx` apart on a slider of `width` px over `years` years.
int yearStep(double years, float width, float minPx)
{
    for (const int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
        if (years / step * minPx <= width) {
            return step;
        }
    }
    return 1000;
}

} // namespace

void drawTimelinePanel(core::AppState& app, UiState& ui)
{
    TimelineState& t = ui.timeline;
    if (!t.show) {
        t.playing = false;
        return;
    }
    refresh(app, t);
    const std::optional<core::Date>& mapDate = app.document.asOf;
    if (mapDate != t.shown && !t.busy && !t.request && !t.playing) { // set elsewhere: the session, --as-of
        t.shown = mapDate;
        if (mapDate) {
            t.day = mapDate->days();
        }
    }
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float tickHeight = std::round(ImGui::GetFontSize() * 0.6f);
    const float height = ImGui::GetFrameHeight() + tickHeight + ImGui::GetFontSize() + 2.0f * style.WindowPadding.y +
                         style.ItemSpacing.y;
    ImGui::SetNextWindowPos(ImVec2(0.0f, io.DisplaySize.y - ui.chromeBottom), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav;
    if (!ImGui::Begin("##timeline", nullptr, flags)) {
        ImGui::End();
        ImGui::PopStyleVar();
        return;
    }
    const core::Timeline& tl = t.timeline;
    if (!tl.first || !tl.last) {
        ImGui::TextDisabled("Map as of: no layer has dates (agreed, planned, opened, closed, damaged, event), so the "
                            "map has no other date than today.");
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFrameHeight() - style.WindowPadding.x);
        if (ImGui::Button("×")) {
            t.show = false;
        }
        ui.chromeBottom += ImGui::GetWindowHeight();
        ImGui::End();
        ImGui::PopStyleVar();
        return;
    }
    // From the first year's 1 January to the last date (a map's date outside it widens it).
    double lo = core::Date::ymd(tl.first->year(), 1, 1)->days();
    double hi = std::max(tl.last->days(), tl.first->days() + 1);
    if (mapDate) {
        lo = std::min<double>(lo, mapDate->days());
        hi = std::max<double>(hi, mapDate->days());
    }
    t.day = std::clamp(t.day, lo, hi);

    // Play: a year every secondsPerYear, from the start (or from the slider's date); stops at the end.
    if (ImGui::Button(t.playing ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 3.5f, 0.0f))) {
        t.playing = !t.playing;
        if (t.playing && (!mapDate || t.day >= hi)) {
            t.day = lo;
        }
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Play the map through the years, %.1f s a year", static_cast<double>(t.secondsPerYear));
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    ImGui::SliderFloat("##speed", &t.secondsPerYear, 0.25f, 10.0f, "%.2g s/year", ImGuiSliderFlags_Logarithmic);
    ImGui::SameLine();
    if (ImGui::Button("Today")) {
        t.playing = false;
        t.day = hi;
        ask(t, std::nullopt);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("The map as it is today (its status fields), no date: the \"@as-of\" style rules are off");
    }
    if (t.playing) {
        const double before = std::floor(t.day);
        t.day = std::min(hi, t.day + io.DeltaTime * kDaysPerYear / std::max(0.05f, t.secondsPerYear));
        if (std::floor(t.day) != before || !mapDate) {
            ask(t, core::Date::fromDays(static_cast<std::int32_t>(t.day)));
        }
        t.playing = t.day < hi;
    }

    // What the map shows, then the slider over the rest of the bar (its right end keeps room for the date and ×).
    ImGui::SameLine();
    const std::string dateText = mapDate ? mapDate->readable() : std::string("today (no date)");
    const float dateWidth = ImGui::CalcTextSize("Map as of 30 September 2025 ").x;
    const float closeWidth = ImGui::GetFrameHeight() + style.ItemSpacing.x;
    const float sliderWidth = std::max(60.0f, ImGui::GetContentRegionAvail().x - dateWidth - closeWidth);
    ImGui::SetNextItemWidth(sliderWidth);
    int day = static_cast<int>(std::floor(t.day));
    if (ImGui::SliderInt("##as-of", &day, static_cast<int>(lo), static_cast<int>(hi), "",
                         ImGuiSliderFlags_AlwaysClamp)) {
        t.playing = false;
        t.day = day;
        ask(t, core::Date::fromDays(day));
    }
    const ImVec2 sliderMin = ImGui::GetItemRectMin();
    const ImVec2 sliderMax = ImGui::GetItemRectMax();
    ImGui::SameLine();
    if (mapDate) {
        ImGui::Text("Map as of %s", dateText.c_str());
    } else {
        ImGui::TextDisabled("Map as of %s", dateText.c_str());
    }
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        if (t.busy && t.building) {
            ImGui::Text("drawing the map as of %s…", t.building->iso().c_str());
        } else if (t.busy) {
            ImGui::TextUnformatted("drawing the map as of today…");
        }
        if (t.lastMs > 0.0) {
            ImGui::Text("last date change: the dated layers rebuilt in %.0f ms", t.lastMs);
        }
        ImGui::TextDisabled("%zu dated events, %s to %s", tl.events.size(), tl.first->iso().c_str(),
                            tl.last->iso().c_str());
        ImGui::EndTooltip();
    }
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFrameHeight() - style.WindowPadding.x);
    if (ImGui::Button("×")) {
        t.show = false;
        t.playing = false;
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Hide the timeline (the map keeps its date; Today turns it off)");
    }

    // The tick strip under the slider: where the grab's centre is at each date (ImGui's slider keeps half a grab and
    // 2 px from each end), one tick per event, year labels under it.
    const float grab = std::max(style.GrabMinSize, 1.0f);
    const float x0 = sliderMin.x + 2.0f + grab * 0.5f;
    const float x1 = sliderMax.x - 2.0f - grab * 0.5f;
    const auto xOf = [&](double d) { return x0 + static_cast<float>((d - lo) / std::max(1.0, hi - lo)) * (x1 - x0); };
    ImGui::SetCursorScreenPos(ImVec2(sliderMin.x, sliderMax.y + 1.0f));
    ImGui::InvisibleButton("##ticks", ImVec2(sliderMax.x - sliderMin.x, tickHeight + ImGui::GetFontSize()));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float y0 = sliderMax.y + 1.0f;
    const float y1 = y0 + tickHeight;
    const int firstYear = core::Date::fromDays(static_cast<std::int32_t>(lo)).year();
    const int lastYear = core::Date::fromDays(static_cast<std::int32_t>(hi)).year();
    const int step = yearStep(lastYear - firstYear + 1, x1 - x0, ImGui::CalcTextSize("2000").x * 1.8f);
    for (int y = (firstYear + step - 1) / step * step; y <= lastYear; y += step) {
        const float x = xOf(core::Date::ymd(y, 1, 1)->days());
        char label[16];
        std::snprintf(label, sizeof label, "%d", y);
        const float w = ImGui::CalcTextSize(label).x;
        draw->AddLine(ImVec2(x, y1 - 2.0f), ImVec2(x, y1 + 2.0f), ImGui::GetColorU32(ImGuiCol_TextDisabled));
        draw->AddText(ImVec2(std::clamp(x - w * 0.5f, sliderMin.x, sliderMax.x - w), y1 + 1.0f),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    }
    const float mouseX = io.MousePos.x;
    const float reach = std::max(3.0f, ImGui::GetFontSize() * 0.25f);
    std::vector<const core::DatedEvent*> near;
    for (const core::DatedEvent& e : tl.events) {
        const float x = std::round(xOf(e.date.days())) + 0.5f;
        draw->AddLine(ImVec2(x, y0), ImVec2(x, y1), tickColour(e.what), 1.5f);
        if (hovered && std::abs(x - mouseX) <= reach) {
            near.push_back(&e);
        }
    }
    if (mapDate) { // the map's date over the ticks
        const float x = xOf(mapDate->days());
        draw->AddTriangleFilled(ImVec2(x - 4.0f, y0), ImVec2(x + 4.0f, y0), ImVec2(x, y0 + 5.0f),
                                ImGui::GetColorU32(ImGuiCol_Text));
    }
    if (!near.empty()) {
        ImGui::BeginTooltip();
        constexpr std::size_t kMaxLines = 12;
        for (std::size_t i = 0; i < near.size() && i < kMaxLines; ++i) {
            ImGui::TextUnformatted(core::describeEvent(*near[i]).c_str());
        }
        if (near.size() > kMaxLines) {
            ImGui::TextDisabled("and %zu more", near.size() - kMaxLines);
        }
        ImGui::TextDisabled("click: the map as of this date");
        ImGui::EndTooltip();
        if (clicked) {
            t.playing = false;
            t.day = near.front()->date.days();
            ask(t, core::Date::fromDays(near.front()->date.days()));
        }
    }
    ui.chromeBottom += ImGui::GetWindowHeight();
    ImGui::End();
    ImGui::PopStyleVar();
}

} // namespace corridor::ui

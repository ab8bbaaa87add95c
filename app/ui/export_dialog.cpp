#include "ui/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

namespace corridor::ui {

std::span<const ExportPreset> exportPresets()
{
    // Paper at 150 and 300 dots per inch: A4 is 297 × 210 mm, A3 420 × 297 mm; the scale is the dpi over a
    // screen's 96, so text prints at the size it has on screen.
    static constexpr std::array<ExportPreset, 9> kPresets{{
        {"Window", 0, 0, 1.0},
        {"Full HD 1920×1080", 1920, 1080, 0.0},
        {"4K UHD 3840×2160", 3840, 2160, 0.0},
        {"8K UHD 7680×4320", 7680, 4320, 0.0},
        {"A4 landscape, 150 dpi (1754×1240)", 1754, 1240, 150.0 / 96.0},
        {"A4 landscape, 300 dpi (3508×2480)", 3508, 2480, 300.0 / 96.0},
        {"A3 landscape, 150 dpi (2480×1754)", 2480, 1754, 150.0 / 96.0},
        {"A3 landscape, 300 dpi (4961×3508)", 4961, 3508, 300.0 / 96.0},
        {"Custom", -1, -1, 0.0},
    }};
    return kPresets;
}

namespace {

// A pixel preset keeps the window's look: text and symbols grow with the image, in quarter steps.
float suggestedScale(const ExportPreset& p, float windowWidth)
{
    if (p.scale > 0.0) {
        return static_cast<float>(p.scale);
    }
    if (p.width <= 0 || windowWidth <= 0.0f) {
        return 1.0f;
    }
    return std::clamp(std::round(4.0f * static_cast<float>(p.width) / windowWidth) / 4.0f, 1.0f, 8.0f);
}

} // namespace

void drawExportDialog(core::AppState& app, UiState& ui)
{
    ExportDialogState& d = ui.exportDialog;
    if (!d.open) {
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(34.0f * em, 0.0f), ImGuiCond_Appearing);
    if (!ImGui::Begin("Export", &d.open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    const auto presets = exportPresets();
    d.preset = std::clamp(d.preset, 0, static_cast<int>(presets.size()) - 1);
    const auto pick = [&](int preset) {
        d.preset = preset;
        const ExportPreset& p = presets[static_cast<std::size_t>(preset)];
        if (p.width > 0) {
            d.width = p.width;
            d.height = p.height;
        }
        d.scale = suggestedScale(p, io.DisplaySize.x);
    };
    // The keyboard path (ImGui's keyboard navigation is off: the map takes the arrows): the title field has the
    // keyboard when the dialog opens, Tab goes on to the subtitle and the file; PageUp/PageDown pick the size preset,
    // Enter exports, Escape closes; while it runs Escape cancels; asked to replace a file, Y replaces, N or Escape
    // keeps it. Keys count only while the dialog has the focus.
    const bool focused = ImGui::IsWindowFocused();
    const bool editing = io.WantTextInput; // a field had the keyboard last frame: Escape there undoes its edit
    const auto pressed = [&](ImGuiKey key) { return focused && ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); };
    const auto typed = [&](char lower) {
        return focused && !editing &&
               std::any_of(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end(),
                           [&](ImWchar c) { return c == static_cast<ImWchar>(lower) || c == static_cast<ImWchar>(lower - 'a' + 'A'); });
    };
    if (!d.running && !d.confirmOverwrite) {
        if (pressed(ImGuiKey_PageDown) && d.preset + 1 < static_cast<int>(presets.size())) {
            pick(d.preset + 1);
        } else if (pressed(ImGuiKey_PageUp) && d.preset > 0) {
            pick(d.preset - 1);
        }
    }
    const ExportPreset& current = presets[static_cast<std::size_t>(d.preset)];
    ImGui::BeginDisabled(d.running);
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::BeginCombo("##preset", current.name)) {
        for (std::size_t i = 0; i < presets.size(); ++i) {
            if (ImGui::Selectable(presets[i].name, static_cast<int>(i) == d.preset)) {
                pick(static_cast<int>(i));
            }
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("PageUp/PageDown: the previous/next size");
    }
    if (current.width == 0) { // the window: its size now
        d.width = static_cast<int>(io.DisplaySize.x);
        d.height = static_cast<int>(io.DisplaySize.y);
    }
    const bool custom = current.width < 0;
    ImGui::BeginDisabled(!custom);
    ImGui::SetNextItemWidth(8.0f * em);
    ImGui::InputInt("width", &d.width, 0, 0);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(8.0f * em);
    ImGui::InputInt("height (px)", &d.height, 0, 0);
    ImGui::EndDisabled();
    d.width = std::clamp(d.width, 16, 16384);
    d.height = std::clamp(d.height, 16, 16384);
    ImGui::SetNextItemWidth(16.0f * em);
    ImGui::SliderFloat("scale", &d.scale, 0.25f, 8.0f, "%.2f×", ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Text, symbols and furniture grow with the scale: the image's size over the window's keeps "
                          "the window's look, only sharper; more makes a poster");
    }
    ImGui::Separator();
    core::FurnitureOptions& f = d.furniture;
    ImGui::Checkbox("Legend", &f.legend);
    ImGui::SameLine();
    ImGui::Checkbox("Scale bar", &f.scaleBar);
    ImGui::SameLine();
    ImGui::Checkbox("North arrow", &f.north);
    ImGui::Checkbox("Sources", &f.sources);
    ImGui::SameLine();
    ImGui::Checkbox("Point of view", &f.pointOfView);
    ImGui::SameLine();
    ImGui::Checkbox("Inset map", &f.inset);
    ImGui::SameLine();
    if (ImGui::SmallButton("as the map")) {
        f = app.furniture; // what View › Map furniture shows now
    }
    ImGui::SetNextItemWidth(-6.0f * em);
    if (ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::InputTextWithHint("title", "none", &f.title);
    ImGui::SetNextItemWidth(-6.0f * em);
    ImGui::InputTextWithHint("subtitle", "none", &f.subtitle);
    ImGui::Separator();
    ImGui::SetNextItemWidth(-6.0f * em);
    ImGui::InputText("file", &d.path);
    ImGui::EndDisabled();

    if (d.running) {
        ImGui::ProgressBar(d.progress, ImVec2(-8.0f * em, 0.0f));
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || pressed(ImGuiKey_Escape)) {
            d.cancelRequested = true;
        }
    } else if (d.confirmOverwrite) {
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1.0f), "%s exists. Replace it?",
                           std::filesystem::path(d.path).filename().string().c_str());
        if (ImGui::Button("Replace (Y)") || typed('y')) {
            d.confirmOverwrite = false;
            d.startRequested = true;
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it (N)") || typed('n') || (pressed(ImGuiKey_Escape) && !editing)) {
            d.confirmOverwrite = false;
        }
    } else {
        ImGui::BeginDisabled(d.path.empty());
        if (ImGui::Button("Export") || (pressed(ImGuiKey_Enter) && !d.path.empty())) {
            std::error_code error;
            if (std::filesystem::exists(d.path, error)) {
                d.confirmOverwrite = true; // asks first
            } else {
                d.startRequested = true;
            }
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Close") || (pressed(ImGuiKey_Escape) && !editing)) {
            d.open = false;
        }
    }
    if (!d.status.empty()) {
        ImGui::TextWrapped("%s", d.status.c_str());
    }
    if (!d.commandLine.empty()) {
        ImGui::TextDisabled("The same from the command line:");
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputText("##command", &d.commandLine, ImGuiInputTextFlags_ReadOnly);
    }
    ImGui::End();
}

} // namespace corridor::ui

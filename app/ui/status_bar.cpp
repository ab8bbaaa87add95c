#include "core/coords.hpp"
#include "core/style.hpp"
#include "ui/panels.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace corridor::ui {

namespace {

// OGC's standardized rendering pixel: 0.28 mm, so that 1:N reads as other GIS print it.
constexpr double kPixelMetres = 0.00028;

std::string scaleText(double metresPerPixel)
{
    const double denominator = metresPerPixel / kPixelMetres;
    if (!(denominator >= 1.0) || !std::isfinite(denominator)) {
        return "1:1";
    }
    // Three significant figures are all a screen scale is good for.
    const double step = std::pow(10.0, std::max(0.0, std::floor(std::log10(denominator)) - 2.0));
    const auto rounded = static_cast<long long>(std::llround(denominator / step) * static_cast<long long>(step));
    return "1:" + core::groupThousands(rounded);
}

} // namespace

void drawStatusBar(core::AppState& app, UiState& ui)
{
    const StatusInfo& status = ui.nav.status;
    const ImGuiIO& io = ImGui::GetIO();
    const float height = ImGui::GetFrameHeight();
    ImGui::SetNextWindowPos(ImVec2(0.0f, io.DisplaySize.y), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8.0f, 2.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove
        | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing
        | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##statusbar", nullptr, flags)) {
        if (status.cursorLonLat) {
            const std::string decimal = core::formatDecimal(*status.cursorLonLat, 5);
            const std::string dms = core::formatDms(*status.cursorLonLat, 1);
            ImGui::Text("%s   %s", decimal.c_str(), dms.c_str());
        } else {
            ImGui::TextDisabled("pointer off the map");
        }
        const double metresPerPixel = app.camera.unitsPerPixel * status.metresPerUnit;
        ImGui::SameLine(ImGui::GetFontSize() * 26.0f);
        ImGui::Text("zoom %.1f   %s", core::zoomLevel(metresPerPixel), scaleText(metresPerPixel).c_str());
        ImGui::SameLine(ImGui::GetFontSize() * 38.0f);
        ImGui::TextDisabled("CRS: %s", status.crsName.empty() ? app.document.viewCrs.c_str() : status.crsName.c_str());
    }
    ui.chromeBottom = ImGui::GetWindowHeight();
    ImGui::End();
    ImGui::PopStyleVar(2);
}

} // namespace corridor::ui

#pragma once
// ImGui panels, one file each, free functions over the app state. They edit plain state; they never call GL or
// GDAL. Call between ImGui::NewFrame() and ImGui::Render().

#include "core/app_state.hpp"

#include <cstddef>

namespace corridor::ui {

struct UiState {
    bool showLayers = true;
    bool showLog = true;
    std::size_t seenLogEntries = 0; // the log window opens itself when an error arrives after this
};

void drawLayerPanel(core::AppState& app, UiState& ui);
void drawLogPanel(core::AppState& app, UiState& ui);

} // namespace corridor::ui

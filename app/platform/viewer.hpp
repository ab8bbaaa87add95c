#pragma once
// The interactive face: an SFML window with a GL 3.3 core context, the map, and ImGui panels over it.

#include "core/app_state.hpp"

#include <string>

namespace corridor::platform {

struct ViewerOptions {
    core::ImageSize size{1280, 800};
    // When set: save the window to this PNG after `frames` frames and close; with frames == 0, save it each time
    // the process gets SIGUSR1 and close on SIGTERM (for scripted end-to-end tests).
    std::string screenshot;
    int frames = 3;
};

// True when an X display can be opened (SFML aborts the process when it cannot, so ask first).
bool displayAvailable();

// Runs until the window closes. Returns the process exit code.
int runViewer(core::AppState& app, const ViewerOptions& options);

} // namespace corridor::platform

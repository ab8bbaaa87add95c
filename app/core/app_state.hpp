#pragma once
// The viewer's state outside any UI code: the map, the camera and the message log. Panels edit it; the frame
// loop acts on it. No ImGui, no GL here.

#include "core/camera.hpp"
#include "core/map_document.hpp"

#include <string>
#include <vector>

namespace corridor::core {

enum class Severity { Info, Warning, Error };

struct LogEntry {
    Severity severity = Severity::Info;
    std::string text;
};

struct AppState {
    MapDocument document;
    Camera camera;
    std::vector<LogEntry> log;
    bool fitRequested = false;    // set by the UI ("zoom to all"); the frame loop frames the map and clears it
    bool exportRequested = false; // set by the UI ("export PNG"); the frame loop writes the view and clears it

    void report(Severity severity, std::string text) { log.push_back({severity, std::move(text)}); }
};

} // namespace corridor::core

#pragma once
// The viewer's state outside any UI code: the map, the camera and the message log. Panels edit it; the frame
// loop acts on it. No ImGui, no GL here.

#include "core/camera.hpp"
#include "core/furniture.hpp"
#include "core/map_document.hpp"
#include "core/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace corridor::core {

enum class Severity { Info, Warning, Error };

struct LogEntry {
    Severity severity = Severity::Info;
    std::string text;
};

// Where to fly the camera (search, zoom to layer): a box to frame, or a point (a box of no size) to centre.
struct FlyRequest {
    Bounds bounds;
    bool lonLat = false; // bounds in lon/lat degrees, else in view-CRS units
};

struct AppState {
    MapDocument document;
    Camera camera;
    std::vector<LogEntry> log;
    FurnitureOptions furniture;      // the map's title, legend, scale bar… (View › Map furniture), as exports draw them
    std::vector<Bookmark> bookmarks; // named views, in the Bookmarks panel's order (keys 1–9 recall the first nine)
    // Requests from the UI (menu, buttons, keys); the frame loop acts on each and clears it.
    bool fitRequested = false;    // "Zoom to data": frame every layer's extent
    bool homeRequested = false;   // "Home": the style's initial view (document.initialView), else the data
    bool exportRequested = false; // "Export PNG": write the view as shown
    bool quitRequested = false;   // "Quit": close the window
    std::optional<FlyRequest> flyRequest; // animated by the viewer's Navigator
    std::optional<std::string> crsRequest; // "Projection": a preset's definition or what the user typed

    void report(Severity severity, std::string text) { log.push_back({severity, std::move(text)}); }
};

} // namespace corridor::core

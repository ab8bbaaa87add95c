#pragma once
// The viewer's session as plain data, and its TOML form: what the user added and chose (layers, their visibility
// and opacity, style sheet, label language, view CRS, the map's date), where they were looking, their bookmarks and the panel
// layout. Views are stored without any CRS (centre lon/lat + ground metres per pixel), so they survive a change of
// projection. No ImGui, no GL, no file system here (platform/session_store does the file and the viewer's side).

#include "core/furniture.hpp"
#include "core/geometry.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// A view any CRS can show: the lon/lat (degrees, WGS84) at the window's centre and the ground distance one pixel
// spans there (metres, geodesic, measured along the screen's x axis).
struct GeoView {
    Vec2d centerLonLat;
    double metresPerPixel = 0.0;

    bool operator==(const GeoView&) const = default;
};

struct Bookmark {
    std::string name;
    GeoView view;

    bool operator==(const Bookmark&) const = default;
};

// One map layer's state, keyed by the file it was read from and the layer's name in that file.
struct SessionLayer {
    std::string path;    // absolute, as the session saves it
    std::string name;    // the layer's name in the file (core::Layer::name)
    bool added = false;  // added beyond the bundled ones: loaded again at the next start
    bool visible = true;
    float opacity = 1.0f; // 0..1

    bool operator==(const SessionLayer&) const = default;
};

struct Session {
    static constexpr int kVersion = 1; // a file with another version is set aside, never read

    std::string style; // the style sheet, "" = the bundled one
    std::string lang;  // en, fa, en+fa; "" = the style's
    std::string crs;   // the view CRS, "" = the style's
    std::string asOf;  // the date the map is drawn as of (the timeline, --as-of), YYYY[-MM[-DD]]; "" = none (today)
    std::optional<GeoView> view;
    std::optional<FurnitureOptions> furniture; // View › Map furniture (the scale is an export's, not kept)
    std::vector<Bookmark> bookmarks;
    std::vector<SessionLayer> layers; // in the document's order
    std::map<std::string, bool> panels; // which panels are open, by name ("layers", "messages", …)
    std::string imguiIni;               // ImGui's window positions and sizes (SaveIniSettingsToMemory)

    bool operator==(const Session&) const = default;
};

// A session file that cannot be used: `line` (1-based, 0 when the file as a whole is wrong) and what is wrong.
// otherVersion: the file is well-formed but written by another version of the format.
struct SessionError : std::runtime_error {
    SessionError(std::string file, int line, std::string problem, bool otherVersion = false);
    std::string file;
    int line = 0;
    std::string problem;
    bool otherVersion = false;
};

// The session as TOML text (version first); parseSession reads exactly what this writes.
std::string sessionToToml(const Session& session);
// Reads a session file's text; `file` names it in errors. Throws SessionError for a syntax error, a wrong type or
// out-of-range value (with its line), or another version. Unknown keys are ignored (a later version 1 may add some).
Session parseSession(std::string_view text, const std::string& file);

} // namespace corridor::core

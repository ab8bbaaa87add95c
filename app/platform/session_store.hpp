#pragma once
// The session file on disk and the viewer's side of it (core/session.hpp is the data and its TOML form).
//   - where it lives: $XDG_CONFIG_HOME/corridor/session.toml, else ~/.config/corridor/session.toml;
//   - writing it atomically (a temp file in the same folder, fsync, rename), so a crash or a full disk leaves the
//     previous file whole;
//   - a file that cannot be used is set aside (renamed session.toml.corrupt-<time> or .other-version-<time>, never
//     deleted) with one message naming the file, the line, what is wrong and where it went;
//   - at start, the session adds to the command line (explicit options win) and restores layers' visibility and
//     opacity, the view, bookmarks and the panel layout; while the viewer runs, SessionKeeper saves it when it
//     changes and at exit.
// Who keeps a session: the interactive viewer. --fresh neither reads nor writes it; --screenshot (scripted pictures)
// does not either unless --session FILE names one. Main thread only.

#include "core/app_state.hpp"
#include "core/flyto.hpp"
#include "core/session.hpp"
#include "platform/document_loader.hpp"
#include "ui/panels.hpp"

#include <SFML/Window/Event.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::platform {

class Navigator;

// $XDG_CONFIG_HOME/corridor/session.toml when XDG_CONFIG_HOME is an absolute path, else
// $HOME/.config/corridor/session.toml; empty when neither variable helps.
std::filesystem::path defaultSessionPath();

// The session file this run keeps: none with --fresh, `explicitPath` when given, none for --screenshot runs (they
// must draw the same picture whatever the user did last), else defaultSessionPath().
std::filesystem::path sessionFileFor(bool fresh, bool screenshot, const std::string& explicitPath);

// Writes `text` to `file` so that it is either the old file or the new one, whole: a temp file in the same folder,
// written, fsynced, renamed over `file`, and the folder fsynced. Creates the folder. Throws std::runtime_error
// naming the file and the OS's reason; the temp file is removed and `file` untouched on failure.
void writeFileAtomically(const std::filesystem::path& file, std::string_view text);

// Reads the session file. None when it does not exist. A file that cannot be used is renamed beside itself
// (never deleted) and one warning in `log` says which file, which line, what is wrong and where it was moved;
// if it cannot be moved, `keepAside` is set so that it is not overwritten either.
struct ReadSession {
    std::optional<core::Session> session;
    bool keepAside = false;
};
ReadSession readSessionFile(const std::filesystem::path& file, std::vector<core::LogEntry>& log);

// What the viewer needs to keep the session going, from the start (startSession) to the end (SessionKeeper).
struct SessionStart {
    std::filesystem::path file; // "" = nothing is saved
    std::optional<core::Session> restored;
    std::string style;           // the style sheet asked for (command line, else session), "" = bundled
    bool crsChosen = false;      // --crs or the session named a view CRS: it is saved even if unchanged
    bool langChosen = false;
    bool furnitureChosen = false; // --no-furniture: the session's furniture is not restored (it is saved as shown)
    std::vector<std::string> bundledFiles; // absolute: the layers not recorded as added
};

// Reads `file` (unless empty) and adds the session to `sources`: its added layers before the --data ones (left out,
// with one message each, when their file is gone or --data gives them again), its style, lang and CRS unless the
// command line gave them (an unusable one is left out with a message). Messages go to `log`.
SessionStart startSession(const std::filesystem::path& file, DocumentSources& sources, std::vector<core::LogEntry>& log);

// Visibility and opacity of each loaded layer the session names (by file and layer name).
void applySessionLayers(const core::Session& session, core::MapDocument& document);

// The view as lon/lat + ground metres per pixel at the centre, or nullopt where the view CRS cannot be inverted.
std::optional<core::GeoView> geoViewOf(const core::Camera& camera, const Navigator& navigator);
// The camera view (view-CRS centre and units per pixel) showing `view`, or nullopt where it cannot be projected.
std::optional<core::View> cameraViewFor(const core::GeoView& view, const core::Camera& camera, const Navigator& navigator);

// The bookmark the keys 1–9 recall (0-based), for a key press the map may have (ImGui has no text field with the
// keyboard) with no modifier; else nullopt.
std::optional<std::size_t> bookmarkKeyFor(const sf::Event& event);

// The viewer's side: restores the view and layout, captures and recalls bookmarks, saves the session when it
// changes (checked every kCheckSeconds, at once for bookmark edits) and at exit.
class SessionKeeper {
public:
    static constexpr double kCheckSeconds = 2.0;

    explicit SessionKeeper(SessionStart start);

    // After ImGui::CreateContext, before the first frame: panels open and ImGui's window positions.
    void restoreLayout(ui::UiState& ui) const;
    // Once the camera has its first view: the session's view and bookmarks.
    void restoreView(core::AppState& app, const Navigator& navigator);
    // Every loop turn, idle or not: bookmark capture and recall requests, and the save when due. `now`: seconds on
    // any monotonic clock. True when something is to be drawn (a flight, the naming box).
    bool poll(core::AppState& app, ui::UiState& ui, Navigator& navigator, double now);
    // At exit, before ImGui's context goes.
    void save(const core::AppState& app, const ui::UiState& ui, const Navigator& navigator);

    // The session as it stands now.
    core::Session snapshot(const core::AppState& app, const ui::UiState& ui, const Navigator& navigator) const;

private:
    void write(const std::string& text, core::AppState* report);

    SessionStart m_start;
    std::string m_initialCrs;
    std::optional<core::LabelLanguage> m_initialLang;
    std::string m_written; // the text last written (or read): nothing is written while it is the same
    double m_lastCheck = -1e9;
    bool m_failed = false; // a write failed: said once, tried again at the next change
};

} // namespace corridor::platform

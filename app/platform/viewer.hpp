#pragma once
// The interactive face: an SFML window with a GL 3.3 core context, the map, and ImGui panels over it.

#include "core/app_state.hpp"
#include "core/deck.hpp"
#include "platform/document_loader.hpp"
#include "platform/session_store.hpp"
#include "ui/panels.hpp"

#include <SFML/Window/Event.hpp>

#include <future>
#include <optional>
#include <string>

namespace corridor::platform {

struct ViewerOptions {
    core::ImageSize size{1280, 800};
    // When set: save the window to this PNG after `frames` frames and close; with frames == 0, save it each time
    // the process gets SIGUSR1 and close on SIGTERM (for scripted end-to-end tests).
    std::string screenshot;
    int frames = 3;
    // The layers' load (platform::loadDocument into the AppState's document and log), running on another thread
    // while the window opens: runViewer touches neither until it has waited for it. Its watchStyle is the style
    // sheet to reload when it is saved ("" watches nothing). Not valid: the document is loaded already.
    std::shared_future<LoadResult> loading;
    // When set: each drawn frame's time and the first complete frame's wall-clock time go to this file
    // (platform::FrameLog, for tests/bench/run_viewer_bench.sh).
    std::string frameLog;
    // The session to restore and keep saving (platform/session_store.hpp); with no file, nothing is saved.
    SessionStart session;
    std::string dataDir; // the bundled geodata folder: the Add layer browser's shortcut to it
    // The document's meshes were built for the first view only (geo::OutputView): refine them in the background.
    bool refine = false;
    bool graticule = false; // --graticule: the graticule shown from the start (the View menu switches it)
    // --deck: a briefing deck to present (F5); `present` (corridor present) starts presenting it at once.
    std::optional<core::Deck> deck;
    bool present = false;
    bool presenterWindow = false; // --presenter: the notes, the next slide and a clock in a window of their own
};

// A connection to the X display, opened to learn whether there is one (SFML aborts the process when it cannot
// connect, so ask first). It must stay open until the viewer's window exists: an X server with no -noreset
// resets when its last client disconnects, and SFML connecting during that reset is refused and aborts. So the
// probe is handed to runViewer, which closes it once the window holds its own connection. Move-only.
class DisplayConnection {
public:
    static DisplayConnection open(); // an empty (false) connection when DISPLAY is unset or cannot be opened
    DisplayConnection() = default;
    ~DisplayConnection();
    DisplayConnection(DisplayConnection&& other) noexcept;
    DisplayConnection& operator=(DisplayConnection&& other) noexcept;
    DisplayConnection(const DisplayConnection&) = delete;
    DisplayConnection& operator=(const DisplayConnection&) = delete;

    explicit operator bool() const { return m_display != nullptr; }
    void close();

private:
    void* m_display = nullptr; // Display*; opaque here so that callers need no X11 headers
};

// The command a key press asks for (ui::shortcuts() lists them), or nullopt. Only KeyPressed events that ImGui
// does not want (ImGuiBridge::mapMayHandle: no text field is being edited) are shortcuts.
std::optional<ui::Command> shortcutFor(const sf::Event& event);

// Acts on the UI's camera requests (Home, Zoom to data) for a viewport of width × height pixels and clears them.
// Home frames document.initialView (the style's [map] view) when there is one, else every layer's extent.
void applyViewRequests(core::AppState& app, double width, double height);

// What to say when the window system gave another window size than asked (a window manager or a small screen
// shrinks it), or nullopt when the sizes agree. `screenshot`: whether --screenshot was given, whose image is the
// window's size.
std::optional<std::string> windowSizeNote(core::ImageSize requested, core::ImageSize got, bool screenshot);

// Saves the bound window's back buffer (width × height) to a PNG: --screenshot's image.
void saveScreenshot(const std::string& path, unsigned width, unsigned height);

// Runs until the window closes. Returns the process exit code. `display` is the open probe connection; it is
// closed as soon as the window exists.
int runViewer(core::AppState& app, const ViewerOptions& options, DisplayConnection display);

} // namespace corridor::platform

#pragma once
// SFML 2.5 -> Dear ImGui 1.86 platform bridge, written for this project. ImGui 1.86 only has the legacy input API
// (io.KeyMap / io.KeysDown / io.MouseDown, sampled at NewFrame()), so backends written for 1.87+ (AddKeyEvent & co.)
// do not compile against it. Also the UI font (setupUiFont), which the platform sets up once per context.
//
// Start:       ImGui::CreateContext(); setupUiFont(ImGui::GetIO()); ImGuiBridge bridge(...); ImGui_ImplOpenGL3_Init();
// Per frame:   while (window.pollEvent(e)) { bridge.processEvent(e); if (ImGuiBridge::mapMayHandle(e)) map(e); }
//              bridge.newFrame(w, h, dt); ImGui::NewFrame(); ...UI...; ImGui::Render(); bridge.updateCursor(window);

#include <imgui.h>

#include <SFML/Window/Cursor.hpp>
#include <SFML/Window/Event.hpp>
#include <SFML/Window/Keyboard.hpp>
#include <SFML/Window/Mouse.hpp>
#include <SFML/Window/WindowHandle.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace sf {
class Window;
}

namespace corridor::platform {

// Injectable so tests (and headless runs) need no X server. Text is UTF-8. Either member may be empty: an empty
// `get` reads as an empty clipboard, an empty `set` drops the text.
struct Clipboard {
    std::function<std::string()> get;
    std::function<void(const std::string&)> set;
};

// Wraps sf::Clipboard. Creating it is free; calling get/set needs an X display at call time.
Clipboard sfmlClipboard();

class ImGuiBridge {
public:
    // Binds to the ImGui context current at construction (throws std::logic_error if there is none) and installs
    // the key map, backend name, BackendFlags (HasMouseCursors) and clipboard callbacks on its io. That context
    // must outlive the bridge.
    explicit ImGuiBridge(Clipboard clipboard);
    // Restores the clipboard callbacks that were there before (ImGui's private clipboard by default) and removes
    // the backend name and flags, so io never points at a destroyed bridge.
    ~ImGuiBridge();

    ImGuiBridge(const ImGuiBridge&) = delete;
    ImGuiBridge& operator=(const ImGuiBridge&) = delete;
    // Not movable either: io.ClipboardUserData holds this object's address.
    ImGuiBridge(ImGuiBridge&&) = delete;
    ImGuiBridge& operator=(ImGuiBridge&&) = delete;

    // Feeds one SFML event to ImGui. Always call it, whether or not the map also handles the event.
    // A key or button pressed and released between two frames stays down for the next frame, so that ImGui,
    // which only samples io state at NewFrame(), still sees short clicks (touchpad taps) and key taps.
    void processEvent(const sf::Event& event);

    // Per frame, before ImGui::NewFrame(): DisplaySize, DeltaTime (clamped to > 0, ImGui asserts on 0),
    // framebuffer scale 1, and the end of the one-frame hold on keys and buttons released since the last frame.
    void newFrame(unsigned width, unsigned height, float deltaSeconds);

    // Pure mapping from an ImGui cursor to the SFML system cursor to show; std::nullopt means hide the cursor
    // (ImGuiMouseCursor_None). Unknown values map to Arrow. io.MouseDrawCursor and NoMouseCursorChange are
    // applied by updateCursor(), not here.
    static std::optional<sf::Cursor::Type> cursorFor(ImGuiMouseCursor cursor);

    // Applies the cursor ImGui wants (ImGui::GetMouseCursor(), after the UI was built) to the window. Hides the OS
    // cursor when ImGui draws its own (io.MouseDrawCursor) or wants none; does nothing while io.ConfigFlags has
    // NoMouseCursorChange. One sf::Cursor per type is loaded on first use and kept for the rest of the process
    // (loading system cursors every frame is wasteful, and a window may still refer to one after the bridge is
    // gone, see the .cpp). Cursors the system lacks (SFML 2.5's X11 backend has no diagonal resize cursors) fall
    // back to a near equivalent.
    void updateCursor(sf::Window& window);

    // True when the map (not ImGui) should handle this event, judged on the current context's io from the last
    // frame: mouse input (move, buttons, wheel) only when !io.WantCaptureMouse, key and text events only when
    // !io.WantCaptureKeyboard, everything else (resize, focus, MouseEntered/MouseLeft, ...) always.
    static bool mapMayHandle(const sf::Event& event);

private:
    // A key or button as the OS reports it, plus whether it went down since the last newFrame().
    struct HeldState {
        bool down = false;
        bool pressedSinceFrame = false;

        void set(bool isDown);
        bool visibleToImGui() const { return down || pressedSinceFrame; }
    };

    enum Modifier : std::size_t { kCtrl, kShift, kAlt, kSuper, kModifierCount };

    void handleKey(const sf::Event::KeyEvent& key, bool pressed);
    void releaseAll();
    void publishInputs();

    static const char* getClipboardText(void* userData);
    static void setClipboardText(void* userData, const char* text);

    ImGuiContext* m_context = nullptr;
    ImGuiIO* m_io = nullptr;
    Clipboard m_clipboard;
    std::string m_clipboardText; // backs the const char* handed to ImGui until the next get

    const char* (*m_previousGetClipboard)(void*) = nullptr;
    void (*m_previousSetClipboard)(void*, const char*) = nullptr;
    void* m_previousClipboardUserData = nullptr;

    std::array<HeldState, sf::Keyboard::KeyCount> m_keys{};
    std::array<HeldState, sf::Mouse::ButtonCount> m_buttons{};
    std::array<HeldState, kModifierCount> m_modifiers{};

    // What updateCursor() last gave which native window (nullopt inside = hidden), to skip redundant window-system
    // calls. The handle changes when the window is re-created (e.g. a fullscreen toggle), which resets its cursor.
    std::optional<std::optional<sf::Cursor::Type>> m_appliedCursor;
    sf::WindowHandle m_appliedWindow{};
};

// The panels' text size in pixels at UI scale 1 (ImGui's built-in ProggyClean is 13 px).
inline constexpr float kUiFontSizePx = 15.0f;

struct UiFont {
    ImFont* font = nullptr;   // now io.FontDefault: DejaVu Sans, or ImGui's built-in font after a fallback
    std::string path;         // the file loaded; empty after a fallback
    float sizePx = 0.0f;      // font->FontSize
    std::string warning;      // empty on success, else one line saying why the built-in font is used
};

// Loads the label font (render::defaultFontPath(): $CORRIDOR_FONT, else Debian's DejaVu Sans) as the UI font at
// kUiFontSizePx * uiScale px (a uiScale that is not a positive finite number counts as 1), rasterised by FreeType,
// as the labels are, with Latin (Latin-1, Extended-A/B and Additional), Cyrillic (with Supplement and Extended-A/B),
// and the punctuation, currency signs and arrows titles and attribute values use ("›", "–", "→", "€"); no Arabic
// script, which ImGui would draw unjoined and left to right.
// Replaces what io.Fonts held and builds the atlas (CPU only, no GL), so call it after ImGui::CreateContext() and
// before the renderer backend makes its font texture: ImGui_ImplOpenGL3_Init() does not, the first
// ImGui_ImplOpenGL3_NewFrame() does. Never throws and never lets ImGui assert on the file: a missing, unreadable or
// malformed font leaves ImGui's built-in font in place and says why in `warning`. Nothing is printed here; the
// caller reports the warning once.
UiFont setupUiFont(ImGuiIO& io, float uiScale = 1.0f);

} // namespace corridor::platform

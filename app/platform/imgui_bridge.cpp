#include "platform/imgui_bridge.hpp"

#include "render/text_shaper.hpp"

#include <imgui_freetype.h>

#include <SFML/System/String.hpp>
#include <SFML/Window/Clipboard.hpp>
#include <SFML/Window/Window.hpp>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <utility>

namespace corridor::platform {

namespace {

constexpr std::size_t kImGuiKeysDownCount = sizeof(ImGuiIO::KeysDown) / sizeof(ImGuiIO::KeysDown[0]);
static_assert(sf::Keyboard::KeyCount <= kImGuiKeysDownCount, "SFML key codes index io.KeysDown directly");
static_assert(sf::Mouse::ButtonCount <= sizeof(ImGuiIO::MouseDown) / sizeof(ImGuiIO::MouseDown[0]));

// Two frames delivered within the same clock tick would give 0, which ImGui rejects (and NaN/inf would poison
// its running time). 10 µs is far below any real frame time, so timing-based behaviour (double click, key repeat)
// is unaffected.
constexpr float kMinDeltaSeconds = 1.0e-5f;

constexpr const char* kBackendName = "corridor_sfml_bridge";

// ImGui's own text editing already handles Backspace/Enter/Tab/Escape through the key map; the control characters
// SFML also reports for them (and for Ctrl+letter on X11) would otherwise be inserted as text.
bool isPrintable(sf::Uint32 codepoint)
{
    return codepoint >= 0x20 && codepoint != 0x7F;
}

std::optional<std::size_t> imguiButton(sf::Mouse::Button button)
{
    switch (button) {
    case sf::Mouse::Left: return 0;
    case sf::Mouse::Right: return 1;
    case sf::Mouse::Middle: return 2;
    case sf::Mouse::XButton1: return 3;
    case sf::Mouse::XButton2: return 4;
    default: return std::nullopt;
    }
}

// SFML's key codes can come from anywhere (Unknown is -1, a corrupt event could hold anything); only codes that
// index our arrays are usable.
std::optional<std::size_t> keyIndex(sf::Keyboard::Key code)
{
    const int value = static_cast<int>(code);
    if (value < 0 || value >= sf::Keyboard::KeyCount) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(value);
}

// The closest shape SFML can load when the system has no cursor for `type` (SFML 2.5's X11 backend has no
// diagonal resize cursors; a four-way arrow still says "drag to resize", a plain arrow would not).
sf::Cursor::Type fallbackFor(sf::Cursor::Type type)
{
    switch (type) {
    case sf::Cursor::SizeTopLeftBottomRight:
    case sf::Cursor::SizeBottomLeftTopRight: return sf::Cursor::SizeAll;
    default: return sf::Cursor::Arrow;
    }
}

// SFML 2.5's X11 window keeps the raw handle of the last cursor it was given and defines it again when it closes
// (closing un-hides the pointer). Had that cursor been freed, the X server answers BadCursor and Xlib's default
// handler exits the process. The natural declaration order (window, then bridge) destroys the bridge first, so the
// cursors cannot belong to the bridge: they live until the process exits.
class SystemCursors {
public:
    // The cursor to show for `type`, or its fallback if the system lacks it; nullptr if even that is missing.
    const sf::Cursor* get(sf::Cursor::Type type)
    {
        const auto index = static_cast<std::size_t>(type);
        if (m_cursors[index]) {
            return m_cursors[index].get();
        }
        if (!m_unavailable[index]) {
            auto cursor = std::make_unique<sf::Cursor>();
            if (cursor->loadFromSystem(type)) {
                m_cursors[index] = std::move(cursor);
                return m_cursors[index].get();
            }
            // Remembered so a missing cursor costs one failed load, not one per frame.
            m_unavailable[index] = true;
        }
        const sf::Cursor::Type fallback = fallbackFor(type);
        return fallback != type ? get(fallback) : nullptr;
    }

private:
    static constexpr std::size_t kTypeCount = static_cast<std::size_t>(sf::Cursor::NotAllowed) + 1;
    std::array<std::unique_ptr<sf::Cursor>, kTypeCount> m_cursors{};
    std::array<bool, kTypeCount> m_unavailable{};
};

SystemCursors& systemCursors()
{
    // Function-local, so it is created after SFML's own statics and destroyed before them.
    static SystemCursors cursors;
    return cursors;
}

// ImGui::GetMouseCursor() reads the current context; make it the bridge's context for the duration of a call.
class CurrentContextScope {
public:
    explicit CurrentContextScope(ImGuiContext* context) : m_previous(ImGui::GetCurrentContext())
    {
        ImGui::SetCurrentContext(context);
    }
    ~CurrentContextScope() { ImGui::SetCurrentContext(m_previous); }
    CurrentContextScope(const CurrentContextScope&) = delete;
    CurrentContextScope& operator=(const CurrentContextScope&) = delete;

private:
    ImGuiContext* m_previous;
};

// What the UI font covers. Layer titles join file and layer with U+203A; attribute values hold transliterated names
// (ā, ī, ṣ), Russian names, en dashes, arrows (U+2192 "Tehran → Rasht") and euro amounts. ImWchar is 16 bits in
// Debian's build, so every range stays in the BMP. ImGui keeps only the pointer until the atlas is built: static.
constexpr ImWchar kUiGlyphRanges[] = {
    0x0020, 0x00FF, // Basic Latin, Latin-1 Supplement
    0x0100, 0x024F, // Latin Extended-A and -B
    0x0400, 0x052F, // Cyrillic, Cyrillic Supplement
    0x0600, 0x06FF, // Arabic (Persian and Arabic names in attributes; shaped by render::visualOrderForUi)
    0x1E00, 0x1EFF, // Latin Extended Additional
    0x2000, 0x206F, // General Punctuation
    0x20A0, 0x20CF, // Currency Symbols
    0x2190, 0x21FF, // Arrows
    0x2DE0, 0x2DFF, // Cyrillic Extended-A
    0xA640, 0xA69F, // Cyrillic Extended-B
    0xFB50, 0xFDFF, // Arabic Presentation Forms-A (Persian letters' joined forms)
    0xFE70, 0xFEFF, // Arabic Presentation Forms-B
    0,
};

// Far above any text font (DejaVu Sans is 0.7 MB); a larger file is the wrong file, not worth reading.
constexpr std::streamoff kMaxFontFileBytes = 64 << 20;

struct ImGuiFree {
    void operator()(void* p) const { ImGui::MemFree(p); }
};

// The file's bytes in an ImGui allocation, which the atlas takes over (and frees) once the font is added. ImGui's
// own AddFontFromFileTTF asserts on a file it cannot read, which in a debug build aborts; reading it here does not.
std::unique_ptr<void, ImGuiFree> readFontFile(const std::string& path, int& size)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        throw render::FontError("cannot open " + path);
    }
    const std::streamoff bytes = in.tellg();
    if (bytes <= 0 || bytes > kMaxFontFileBytes) {
        throw render::FontError(path + " is " + (bytes <= 0 ? "empty or unreadable" : "too large to be a UI font"));
    }
    std::unique_ptr<void, ImGuiFree> data(ImGui::MemAlloc(static_cast<std::size_t>(bytes)));
    in.seekg(0);
    if (!in.read(static_cast<char*>(data.get()), bytes)) {
        throw render::FontError("cannot read " + path);
    }
    size = static_cast<int>(bytes);
    return data;
}

// Adds the UI font to the (empty) atlas and builds it; throws render::FontError when that is not possible.
ImFont* addUiFont(ImFontAtlas& atlas, const std::string& path, float sizePx)
{
    // The labels' shaper opens it first: FreeType turns away what is not a scalable font (a text file, a bitmap
    // font) with an error, where ImGui's builders may assert on it.
    const render::TextShaper probe(path);

    int size = 0;
    std::unique_ptr<void, ImGuiFree> data = readFontFile(path, size);
    ImFontConfig config;
    config.FontDataOwnedByAtlas = true;
    // FreeType with light (vertical-only) hinting: crisp lines at 15 px that keep DejaVu's shapes and spacing,
    // closer to the labels than stb_truetype's unhinted, oversampled glyphs.
    config.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    std::snprintf(config.Name, sizeof(config.Name), "%s, %.0f px", probe.familyName().c_str(), sizePx);
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    ImFont* font = atlas.AddFontFromMemoryTTF(data.get(), size, sizePx, &config, kUiGlyphRanges);
    if (font == nullptr) {
        throw render::FontError("ImGui refused " + path);
    }
    data.release(); // the atlas owns it now
    if (!atlas.Build()) {
        throw render::FontError("ImGui could not build a font atlas from " + path);
    }
    return font;
}

} // namespace

UiFont setupUiFont(ImGuiIO& io, float uiScale)
{
    ImFontAtlas& atlas = *io.Fonts;
    const float scale = (std::isfinite(uiScale) && uiScale > 0.0f) ? uiScale : 1.0f;
    UiFont out;
    try {
        const std::string path = render::defaultFontPath();
        atlas.Clear();
        out.font = addUiFont(atlas, path, kUiFontSizePx * scale);
        out.path = path;
    } catch (const std::exception& e) {
        out.warning = std::string("UI font: ") + e.what() + "; the panels use ImGui's built-in font instead";
        atlas.Clear();
        atlas.FontBuilderIO = nullptr; // ImGui's default (stb_truetype) builder, made for its own bitmap-like font
        out.font = atlas.AddFontDefault();
        atlas.Build();
    }
    io.FontDefault = out.font;
    out.sizePx = out.font->FontSize;
    return out;
}

Clipboard sfmlClipboard()
{
    Clipboard clipboard;
    clipboard.get = [] {
        const auto utf8 = sf::Clipboard::getString().toUtf8();
        return std::string(utf8.begin(), utf8.end());
    };
    clipboard.set = [](const std::string& text) {
        sf::Clipboard::setString(sf::String::fromUtf8(text.begin(), text.end()));
    };
    return clipboard;
}

void ImGuiBridge::HeldState::set(bool isDown)
{
    // Only an up -> down transition is a press; key repeat and a modifier already held must not extend the hold.
    if (isDown && !down) {
        pressedSinceFrame = true;
    }
    down = isDown;
}

ImGuiBridge::ImGuiBridge(Clipboard clipboard)
    : m_context(ImGui::GetCurrentContext()), m_clipboard(std::move(clipboard))
{
    if (m_context == nullptr) {
        throw std::logic_error("ImGuiBridge needs a current ImGui context (call ImGui::CreateContext() first)");
    }
    m_io = &ImGui::GetIO();
    ImGuiIO& io = *m_io;

    io.BackendPlatformName = kBackendName;
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;

    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::BackSpace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Return;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    // SFML 2.5 has no keypad-enter code: its X11 backend reports keypad Enter as Return.
    io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Return;
    io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
    io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
    io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
    io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
    io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
    io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;

    // Kept so the destructor can hand io back its previous clipboard (ImGui's private one by default).
    m_previousGetClipboard = io.GetClipboardTextFn;
    m_previousSetClipboard = io.SetClipboardTextFn;
    m_previousClipboardUserData = io.ClipboardUserData;
    io.GetClipboardTextFn = &ImGuiBridge::getClipboardText;
    io.SetClipboardTextFn = &ImGuiBridge::setClipboardText;
    io.ClipboardUserData = this;
}

ImGuiBridge::~ImGuiBridge()
{
    ImGuiIO& io = *m_io;
    // Only undo what is still ours: someone may have installed other callbacks since.
    if (io.ClipboardUserData == this) {
        io.GetClipboardTextFn = m_previousGetClipboard;
        io.SetClipboardTextFn = m_previousSetClipboard;
        io.ClipboardUserData = m_previousClipboardUserData;
    }
    if (io.BackendPlatformName == kBackendName) {
        io.BackendPlatformName = nullptr;
    }
    io.BackendFlags &= ~ImGuiBackendFlags_HasMouseCursors;
}

const char* ImGuiBridge::getClipboardText(void* userData)
{
    auto* self = static_cast<ImGuiBridge*>(userData);
    // The clipboard is best effort: a failing source must not unwind through ImGui in the middle of a frame.
    try {
        self->m_clipboardText = self->m_clipboard.get ? self->m_clipboard.get() : std::string();
    } catch (const std::exception&) {
        self->m_clipboardText.clear();
    }
    return self->m_clipboardText.c_str();
}

void ImGuiBridge::setClipboardText(void* userData, const char* text)
{
    auto* self = static_cast<ImGuiBridge*>(userData);
    if (!self->m_clipboard.set) {
        return;
    }
    try {
        self->m_clipboard.set(text != nullptr ? std::string(text) : std::string());
    } catch (const std::exception&) {
        // Same reasoning as getClipboardText: losing a copy beats aborting the frame.
    }
}

void ImGuiBridge::processEvent(const sf::Event& event)
{
    ImGuiIO& io = *m_io;
    switch (event.type) {
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: handleKey(event.key, event.type == sf::Event::KeyPressed); break;

    case sf::Event::TextEntered:
        if (isPrintable(event.text.unicode)) {
            io.AddInputCharacter(event.text.unicode);
        }
        break;

    case sf::Event::MouseMoved:
        io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
        break;

    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
        // A click can arrive without a preceding move (e.g. right after focus), and ImGui hit-tests at MousePos.
        io.MousePos = ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
        if (const auto index = imguiButton(event.mouseButton.button)) {
            m_buttons[*index].set(event.type == sf::Event::MouseButtonPressed);
            publishInputs();
        }
        break;
    }

    case sf::Event::MouseWheelScrolled:
        io.MousePos =
            ImVec2(static_cast<float>(event.mouseWheelScroll.x), static_cast<float>(event.mouseWheelScroll.y));
        // Accumulate: several notches can arrive between two frames. SFML and ImGui agree on the signs
        // (vertical: + is away from the user; horizontal: + scrolls left, as X11 button 6 and Win32's negated
        // WM_MOUSEHWHEEL), so deltas pass through unchanged.
        if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) {
            io.MouseWheel += event.mouseWheelScroll.delta;
        } else if (event.mouseWheelScroll.wheel == sf::Mouse::HorizontalWheel) {
            io.MouseWheelH += event.mouseWheelScroll.delta;
        }
        break;
    // sf::Event::MouseWheelMoved is deliberately ignored: SFML sends it as a deprecated duplicate of the vertical
    // MouseWheelScrolled, so handling both would scroll twice.

    case sf::Event::MouseLeft: io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX); break;
    case sf::Event::MouseEntered:
        // Nothing to do: SFML's enter event carries no position, the next MouseMoved does.
        break;

    case sf::Event::GainedFocus: io.AddFocusEvent(true); break;
    case sf::Event::LostFocus:
        io.AddFocusEvent(false);
        // Releases that happen while another window has focus never reach us; without this a key or button held
        // during Alt+Tab would stay down for good.
        releaseAll();
        break;

    case sf::Event::Resized:
        io.DisplaySize = ImVec2(static_cast<float>(event.size.width), static_cast<float>(event.size.height));
        break;

    default: break;
    }
}

void ImGuiBridge::handleKey(const sf::Event::KeyEvent& key, bool pressed)
{
    if (const auto index = keyIndex(key.code)) {
        m_keys[*index].set(pressed);
    }

    // X11 reports the modifier mask as it was *before* the event, so on a modifier key's own release the flag still
    // says "held". For a modifier's own event, our key state is the truth; for any other key, the event's flags are
    // (they also cover modifiers pressed while another window had focus).
    const auto modifierState = [&](bool flag, sf::Keyboard::Key left, sf::Keyboard::Key right) {
        if (key.code == left || key.code == right) {
            return m_keys[static_cast<std::size_t>(left)].down || m_keys[static_cast<std::size_t>(right)].down;
        }
        return flag;
    };
    m_modifiers[kCtrl].set(modifierState(key.control, sf::Keyboard::LControl, sf::Keyboard::RControl));
    m_modifiers[kShift].set(modifierState(key.shift, sf::Keyboard::LShift, sf::Keyboard::RShift));
    m_modifiers[kAlt].set(modifierState(key.alt, sf::Keyboard::LAlt, sf::Keyboard::RAlt));
    m_modifiers[kSuper].set(modifierState(key.system, sf::Keyboard::LSystem, sf::Keyboard::RSystem));

    publishInputs();
}

void ImGuiBridge::releaseAll()
{
    m_keys.fill(HeldState{});
    m_buttons.fill(HeldState{});
    m_modifiers.fill(HeldState{});
    publishInputs();
}

void ImGuiBridge::publishInputs()
{
    ImGuiIO& io = *m_io;
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
        io.KeysDown[i] = m_keys[i].visibleToImGui();
    }
    for (std::size_t i = 0; i < m_buttons.size(); ++i) {
        io.MouseDown[i] = m_buttons[i].visibleToImGui();
    }
    io.KeyCtrl = m_modifiers[kCtrl].visibleToImGui();
    io.KeyShift = m_modifiers[kShift].visibleToImGui();
    io.KeyAlt = m_modifiers[kAlt].visibleToImGui();
    io.KeySuper = m_modifiers[kSuper].visibleToImGui();
}

void ImGuiBridge::newFrame(unsigned width, unsigned height, float deltaSeconds)
{
    ImGuiIO& io = *m_io;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = (std::isfinite(deltaSeconds) && deltaSeconds > kMinDeltaSeconds) ? deltaSeconds : kMinDeltaSeconds;

    // This frame sees everything pressed since the last one; after it, only what is still held.
    publishInputs();
    const auto endHold = [](auto& states) {
        for (HeldState& state : states) {
            state.pressedSinceFrame = false;
        }
    };
    endHold(m_keys);
    endHold(m_buttons);
    endHold(m_modifiers);
}

std::optional<sf::Cursor::Type> ImGuiBridge::cursorFor(ImGuiMouseCursor cursor)
{
    switch (cursor) {
    case ImGuiMouseCursor_None: return std::nullopt;
    case ImGuiMouseCursor_Arrow: return sf::Cursor::Arrow;
    case ImGuiMouseCursor_TextInput: return sf::Cursor::Text;
    case ImGuiMouseCursor_ResizeAll: return sf::Cursor::SizeAll;
    case ImGuiMouseCursor_ResizeNS: return sf::Cursor::SizeVertical;
    case ImGuiMouseCursor_ResizeEW: return sf::Cursor::SizeHorizontal;
    case ImGuiMouseCursor_ResizeNESW: return sf::Cursor::SizeBottomLeftTopRight;
    case ImGuiMouseCursor_ResizeNWSE: return sf::Cursor::SizeTopLeftBottomRight;
    case ImGuiMouseCursor_Hand: return sf::Cursor::Hand;
    case ImGuiMouseCursor_NotAllowed: return sf::Cursor::NotAllowed;
    default: return sf::Cursor::Arrow; // a cursor newer than this bridge: an arrow beats an invisible pointer
    }
}

void ImGuiBridge::updateCursor(sf::Window& window)
{
    const ImGuiIO& io = *m_io;
    if (io.ConfigFlags & ImGuiConfigFlags_NoMouseCursorChange) {
        // The application owns the cursor now; forget what we set so it is re-applied when it hands control back.
        m_appliedCursor.reset();
        return;
    }

    std::optional<sf::Cursor::Type> wanted;
    if (!io.MouseDrawCursor) {
        const CurrentContextScope scope(m_context);
        wanted = cursorFor(ImGui::GetMouseCursor());
    }
    // With io.MouseDrawCursor ImGui paints the pointer itself, so the OS one must go (wanted stays nullopt).

    const sf::WindowHandle handle = window.getSystemHandle();
    if (m_appliedCursor && *m_appliedCursor == wanted && m_appliedWindow == handle) {
        return;
    }
    if (!wanted) {
        window.setMouseCursorVisible(false);
    } else {
        window.setMouseCursorVisible(true);
        if (const sf::Cursor* cursor = systemCursors().get(*wanted)) {
            window.setMouseCursor(*cursor);
        }
    }
    m_appliedCursor = wanted;
    m_appliedWindow = handle;
}

bool ImGuiBridge::mapMayHandle(const sf::Event& event)
{
    if (ImGui::GetCurrentContext() == nullptr) {
        return true; // no ImGui, nothing can capture
    }
    const ImGuiIO& io = ImGui::GetIO();
    switch (event.type) {
    case sf::Event::MouseMoved:
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
    case sf::Event::MouseWheelScrolled:
    case sf::Event::MouseWheelMoved: return !io.WantCaptureMouse;

    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
    case sf::Event::TextEntered: return !io.WantCaptureKeyboard;

    default: return true;
    }
}

} // namespace corridor::platform

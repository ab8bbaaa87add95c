#include "platform/imgui_bridge.hpp"

#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// No window and no display here: every test drives the bridge with synthetic sf::Event values and inspects the
// ImGui io it writes. updateCursor() and sfmlClipboard() need a window system and are not covered.

namespace {

using corridor::platform::Clipboard;
using corridor::platform::ImGuiBridge;

struct ContextGuard {
    ImGuiContext* context = ImGui::CreateContext();

    ContextGuard()
    {
        // Tests must not leave imgui.ini / imgui_log.txt in the working directory.
        ImGui::GetIO().IniFilename = nullptr;
        ImGui::GetIO().LogFilename = nullptr;
    }
    ~ContextGuard() { ImGui::DestroyContext(context); }
    ContextGuard(const ContextGuard&) = delete;
    ContextGuard& operator=(const ContextGuard&) = delete;
};

struct FakeClipboard {
    std::string content;
    int setCount = 0;

    Clipboard clipboard()
    {
        return Clipboard{[this] { return content; },
                         [this](const std::string& text) {
                             content = text;
                             ++setCount;
                         }};
    }
};

// Members are destroyed in reverse order, so the bridge goes before the context it is bound to.
struct Harness {
    ContextGuard context;
    FakeClipboard fake;
    ImGuiBridge bridge{fake.clipboard()};
    ImGuiIO& io = ImGui::GetIO();

    void feed(const sf::Event& event) { bridge.processEvent(event); }
};

sf::Event keyEvent(sf::Event::EventType type, sf::Keyboard::Key code, bool control = false, bool shift = false,
                   bool alt = false, bool system = false)
{
    sf::Event event{};
    event.type = type;
    event.key.code = code;
    event.key.control = control;
    event.key.shift = shift;
    event.key.alt = alt;
    event.key.system = system;
    return event;
}

sf::Event keyDown(sf::Keyboard::Key code, bool control = false)
{
    return keyEvent(sf::Event::KeyPressed, code, control);
}

sf::Event keyUp(sf::Keyboard::Key code, bool control = false)
{
    return keyEvent(sf::Event::KeyReleased, code, control);
}

sf::Event textEvent(sf::Uint32 codepoint)
{
    sf::Event event{};
    event.type = sf::Event::TextEntered;
    event.text.unicode = codepoint;
    return event;
}

sf::Event mouseMove(int x, int y)
{
    sf::Event event{};
    event.type = sf::Event::MouseMoved;
    event.mouseMove.x = x;
    event.mouseMove.y = y;
    return event;
}

sf::Event mouseButton(sf::Event::EventType type, sf::Mouse::Button button, int x = 0, int y = 0)
{
    sf::Event event{};
    event.type = type;
    event.mouseButton.button = button;
    event.mouseButton.x = x;
    event.mouseButton.y = y;
    return event;
}

sf::Event wheel(sf::Mouse::Wheel which, float delta, int x = 0, int y = 0)
{
    sf::Event event{};
    event.type = sf::Event::MouseWheelScrolled;
    event.mouseWheelScroll.wheel = which;
    event.mouseWheelScroll.delta = delta;
    event.mouseWheelScroll.x = x;
    event.mouseWheelScroll.y = y;
    return event;
}

sf::Event plain(sf::Event::EventType type)
{
    sf::Event event{};
    event.type = type;
    return event;
}

sf::Event resized(unsigned width, unsigned height)
{
    sf::Event event{};
    event.type = sf::Event::Resized;
    event.size.width = width;
    event.size.height = height;
    return event;
}

std::vector<int> keysDown(const ImGuiIO& io)
{
    std::vector<int> down;
    for (int i = 0; i < static_cast<int>(sizeof(io.KeysDown)); ++i) {
        if (io.KeysDown[i]) {
            down.push_back(i);
        }
    }
    return down;
}

bool anyMouseDown(const ImGuiIO& io)
{
    for (bool down : io.MouseDown) {
        if (down) {
            return true;
        }
    }
    return false;
}

std::vector<ImWchar> queuedCharacters(const ImGuiIO& io)
{
    return std::vector<ImWchar>(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end());
}

void buildFontAtlas()
{
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

} // namespace

TEST_CASE("ImGuiBridge: construction installs key map, backend name and cursor flag")
{
    Harness h;
    const std::pair<ImGuiKey, sf::Keyboard::Key> expected[] = {
        {ImGuiKey_Tab, sf::Keyboard::Tab},         {ImGuiKey_LeftArrow, sf::Keyboard::Left},
        {ImGuiKey_RightArrow, sf::Keyboard::Right}, {ImGuiKey_UpArrow, sf::Keyboard::Up},
        {ImGuiKey_DownArrow, sf::Keyboard::Down},  {ImGuiKey_PageUp, sf::Keyboard::PageUp},
        {ImGuiKey_PageDown, sf::Keyboard::PageDown}, {ImGuiKey_Home, sf::Keyboard::Home},
        {ImGuiKey_End, sf::Keyboard::End},         {ImGuiKey_Insert, sf::Keyboard::Insert},
        {ImGuiKey_Delete, sf::Keyboard::Delete},   {ImGuiKey_Backspace, sf::Keyboard::BackSpace},
        {ImGuiKey_Space, sf::Keyboard::Space},     {ImGuiKey_Enter, sf::Keyboard::Return},
        {ImGuiKey_Escape, sf::Keyboard::Escape},   {ImGuiKey_KeyPadEnter, sf::Keyboard::Return},
        {ImGuiKey_A, sf::Keyboard::A},             {ImGuiKey_C, sf::Keyboard::C},
        {ImGuiKey_V, sf::Keyboard::V},             {ImGuiKey_X, sf::Keyboard::X},
        {ImGuiKey_Y, sf::Keyboard::Y},             {ImGuiKey_Z, sf::Keyboard::Z},
    };
    static_assert(std::size(expected) == ImGuiKey_COUNT, "every ImGuiKey of 1.86 is mapped");
    for (const auto& [imguiKey, sfmlKey] : expected) {
        CAPTURE(imguiKey);
        CHECK(h.io.KeyMap[imguiKey] == static_cast<int>(sfmlKey));
    }
    REQUIRE(h.io.BackendPlatformName != nullptr);
    CHECK(std::string(h.io.BackendPlatformName).size() > 0);
    CHECK((h.io.BackendFlags & ImGuiBackendFlags_HasMouseCursors) != 0);
}

TEST_CASE("ImGuiBridge: construction without a current ImGui context throws")
{
    REQUIRE(ImGui::GetCurrentContext() == nullptr);
    CHECK_THROWS_AS(ImGuiBridge{Clipboard{}}, std::logic_error);
}

TEST_CASE("ImGuiBridge: Ctrl+A sets KeysDown for A and KeyCtrl")
{
    Harness h;
    // As X11 sends it: the Ctrl press itself still carries the pre-press mask (control == false).
    h.feed(keyDown(sf::Keyboard::LControl, false));
    h.feed(keyDown(sf::Keyboard::A, true));
    CHECK(h.io.KeysDown[sf::Keyboard::A]);
    CHECK(h.io.KeysDown[sf::Keyboard::LControl]);
    CHECK(h.io.KeyCtrl);
    CHECK(ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_A)));
    CHECK_FALSE(h.io.KeyShift);
    CHECK_FALSE(h.io.KeyAlt);
    CHECK_FALSE(h.io.KeySuper);
}

TEST_CASE("ImGuiBridge: key release clears the key")
{
    Harness h;
    h.feed(keyDown(sf::Keyboard::Delete));
    REQUIRE(h.io.KeysDown[sf::Keyboard::Delete]);
    h.bridge.newFrame(800, 600, 1.0f / 60.0f); // ImGui saw the press in this frame
    h.feed(keyUp(sf::Keyboard::Delete));
    CHECK_FALSE(h.io.KeysDown[sf::Keyboard::Delete]);
    CHECK(keysDown(h.io).empty());
}

TEST_CASE("ImGuiBridge: a key tapped between two frames is down for exactly one frame")
{
    Harness h;
    h.feed(keyDown(sf::Keyboard::BackSpace));
    h.feed(keyUp(sf::Keyboard::BackSpace));
    CHECK(h.io.KeysDown[sf::Keyboard::BackSpace]);
    h.bridge.newFrame(800, 600, 1.0f / 60.0f);
    CHECK(h.io.KeysDown[sf::Keyboard::BackSpace]); // the frame that reports the tap
    h.bridge.newFrame(800, 600, 1.0f / 60.0f);
    CHECK_FALSE(h.io.KeysDown[sf::Keyboard::BackSpace]);
}

TEST_CASE("ImGuiBridge: key repeat does not hold a key after its release")
{
    Harness h;
    h.feed(keyDown(sf::Keyboard::Left));
    h.bridge.newFrame(800, 600, 1.0f / 60.0f);
    h.feed(keyDown(sf::Keyboard::Left)); // auto-repeat: SFML sends KeyPressed again while the key is held
    h.feed(keyUp(sf::Keyboard::Left));
    CHECK_FALSE(h.io.KeysDown[sf::Keyboard::Left]);
}

TEST_CASE("ImGuiBridge: modifiers follow the event flags and a modifier's own release")
{
    Harness h;
    SUBCASE("shift, alt and system flags")
    {
        h.feed(keyEvent(sf::Event::KeyPressed, sf::Keyboard::Z, false, true, true, true));
        CHECK_FALSE(h.io.KeyCtrl);
        CHECK(h.io.KeyShift);
        CHECK(h.io.KeyAlt);
        CHECK(h.io.KeySuper);
        h.bridge.newFrame(800, 600, 1.0f / 60.0f);
        h.feed(keyEvent(sf::Event::KeyReleased, sf::Keyboard::Z, false, false, false, false));
        CHECK_FALSE(h.io.KeyShift);
        CHECK_FALSE(h.io.KeyAlt);
        CHECK_FALSE(h.io.KeySuper);
    }
    SUBCASE("releasing Ctrl clears KeyCtrl although X11 still reports control on that event")
    {
        h.feed(keyDown(sf::Keyboard::RControl, false));
        h.bridge.newFrame(800, 600, 1.0f / 60.0f);
        h.feed(keyUp(sf::Keyboard::RControl, true));
        CHECK_FALSE(h.io.KeyCtrl);
    }
    SUBCASE("Ctrl stays down while the other Ctrl key is held")
    {
        h.feed(keyDown(sf::Keyboard::LControl, false));
        h.feed(keyDown(sf::Keyboard::RControl, true));
        h.bridge.newFrame(800, 600, 1.0f / 60.0f);
        h.feed(keyUp(sf::Keyboard::LControl, true));
        CHECK(h.io.KeyCtrl);
        h.feed(keyUp(sf::Keyboard::RControl, true));
        CHECK_FALSE(h.io.KeyCtrl);
    }
}

TEST_CASE("ImGuiBridge: unknown and out-of-range key codes do not touch KeysDown")
{
    Harness h;
    const sf::Keyboard::Key codes[] = {sf::Keyboard::Unknown, sf::Keyboard::KeyCount,
                                       static_cast<sf::Keyboard::Key>(127), static_cast<sf::Keyboard::Key>(-100)};
    for (const sf::Keyboard::Key code : codes) {
        CAPTURE(static_cast<int>(code));
        h.feed(keyEvent(sf::Event::KeyPressed, code, true));
        h.feed(keyEvent(sf::Event::KeyReleased, code, true));
        CHECK(keysDown(h.io).empty());
        CHECK(h.io.KeyCtrl); // the event's modifier flags still count
    }
}

TEST_CASE("ImGuiBridge: TextEntered U+0641 (Arabic feh) reaches the input queue")
{
    Harness h;
    h.feed(textEvent(0x0641));
    h.feed(textEvent('a'));
    CHECK(queuedCharacters(h.io) == std::vector<ImWchar>{0x0641, 'a'});
}

TEST_CASE("ImGuiBridge: control characters are not queued as text")
{
    Harness h;
    for (const sf::Uint32 c : {0x00u, 0x01u, 0x08u, 0x09u, 0x0Au, 0x0Du, 0x1Bu, 0x1Fu, 0x7Fu}) {
        h.feed(textEvent(c));
    }
    CHECK(h.io.InputQueueCharacters.Size == 0);
    // The boundaries on either side are ordinary text.
    h.feed(textEvent(0x20));
    h.feed(textEvent(0x7E));
    h.feed(textEvent(0xA0));
    CHECK(queuedCharacters(h.io) == std::vector<ImWchar>{0x20, 0x7E, 0xA0});
}

TEST_CASE("ImGuiBridge: mouse move, press, release")
{
    Harness h;
    h.feed(mouseMove(12, 34));
    CHECK(h.io.MousePos.x == 12.0f);
    CHECK(h.io.MousePos.y == 34.0f);

    const std::pair<sf::Mouse::Button, int> buttons[] = {{sf::Mouse::Left, 0},
                                                         {sf::Mouse::Right, 1},
                                                         {sf::Mouse::Middle, 2},
                                                         {sf::Mouse::XButton1, 3},
                                                         {sf::Mouse::XButton2, 4}};
    for (const auto& [button, index] : buttons) {
        CAPTURE(index);
        h.feed(mouseButton(sf::Event::MouseButtonPressed, button, 56 + index, 78));
        CHECK(h.io.MousePos.x == static_cast<float>(56 + index)); // the press position counts, no move needed
        CHECK(h.io.MousePos.y == 78.0f);
        for (int i = 0; i < 5; ++i) {
            CHECK(h.io.MouseDown[i] == (i == index));
        }
        h.bridge.newFrame(800, 600, 1.0f / 60.0f);
        h.feed(mouseButton(sf::Event::MouseButtonReleased, button, 56 + index, 78));
        CHECK_FALSE(anyMouseDown(h.io));
    }
}

TEST_CASE("ImGuiBridge: a click shorter than a frame is still seen for one frame")
{
    Harness h;
    h.feed(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Left, 5, 5));
    h.feed(mouseButton(sf::Event::MouseButtonReleased, sf::Mouse::Left, 5, 5));
    h.bridge.newFrame(800, 600, 1.0f / 60.0f);
    CHECK(h.io.MouseDown[0]);
    h.bridge.newFrame(800, 600, 1.0f / 60.0f);
    CHECK_FALSE(h.io.MouseDown[0]);
}

TEST_CASE("ImGuiBridge: vertical and horizontal wheel accumulate separately")
{
    Harness h;
    h.feed(wheel(sf::Mouse::VerticalWheel, 1.0f, 40, 50));
    h.feed(wheel(sf::Mouse::VerticalWheel, 1.0f));
    h.feed(wheel(sf::Mouse::VerticalWheel, -0.5f, 40, 50));
    CHECK(h.io.MouseWheel == doctest::Approx(1.5f));
    CHECK(h.io.MouseWheelH == 0.0f);
    CHECK(h.io.MousePos.x == 40.0f);
    CHECK(h.io.MousePos.y == 50.0f);

    h.feed(wheel(sf::Mouse::HorizontalWheel, -1.0f));
    h.feed(wheel(sf::Mouse::HorizontalWheel, 0.25f));
    CHECK(h.io.MouseWheelH == doctest::Approx(-0.75f));
    CHECK(h.io.MouseWheel == doctest::Approx(1.5f));

    // The deprecated duplicate SFML sends with every vertical scroll must not scroll a second time.
    sf::Event legacy = plain(sf::Event::MouseWheelMoved);
    legacy.mouseWheel.delta = 1;
    h.feed(legacy);
    CHECK(h.io.MouseWheel == doctest::Approx(1.5f));
}

TEST_CASE("ImGuiBridge: MouseLeft makes the mouse position unavailable")
{
    Harness h;
    h.feed(mouseMove(100, 200));
    h.feed(plain(sf::Event::MouseLeft));
    CHECK(h.io.MousePos.x == -FLT_MAX);
    CHECK(h.io.MousePos.y == -FLT_MAX);
    h.feed(plain(sf::Event::MouseEntered)); // carries no position; the next move sets it
    h.feed(mouseMove(3, 4));
    CHECK(h.io.MousePos.x == 3.0f);
    CHECK(h.io.MousePos.y == 4.0f);
}

TEST_CASE("ImGuiBridge: LostFocus releases keys, modifiers and buttons, and focus reaches ImGui")
{
    Harness h;
    h.feed(keyDown(sf::Keyboard::LShift));
    h.feed(keyEvent(sf::Event::KeyPressed, sf::Keyboard::Left, true, true));
    h.feed(keyDown(sf::Keyboard::B));
    h.feed(keyUp(sf::Keyboard::B)); // a tap still held for the next frame must go too
    h.feed(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Left));
    h.feed(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::XButton2));
    REQUIRE(keysDown(h.io).size() == 3);
    REQUIRE(anyMouseDown(h.io));

    h.feed(plain(sf::Event::LostFocus));
    CHECK(keysDown(h.io).empty());
    CHECK_FALSE(anyMouseDown(h.io));
    CHECK_FALSE(h.io.KeyCtrl);
    CHECK_FALSE(h.io.KeyShift);
    CHECK(h.io.AppFocusLost);

    h.bridge.newFrame(800, 600, 1.0f / 60.0f);
    CHECK(keysDown(h.io).empty());
    CHECK_FALSE(anyMouseDown(h.io));

    h.feed(plain(sf::Event::GainedFocus));
    CHECK_FALSE(h.io.AppFocusLost);
}

TEST_CASE("ImGuiBridge: Resized sets DisplaySize")
{
    Harness h;
    h.feed(resized(1280, 720));
    CHECK(h.io.DisplaySize.x == 1280.0f);
    CHECK(h.io.DisplaySize.y == 720.0f);
}

TEST_CASE("ImGuiBridge: newFrame sets display size, framebuffer scale and a positive DeltaTime")
{
    Harness h;
    h.io.DisplayFramebufferScale = ImVec2(2.0f, 2.0f);
    h.bridge.newFrame(640, 480, 0.25f);
    CHECK(h.io.DisplaySize.x == 640.0f);
    CHECK(h.io.DisplaySize.y == 480.0f);
    CHECK(h.io.DisplayFramebufferScale.x == 1.0f);
    CHECK(h.io.DisplayFramebufferScale.y == 1.0f);
    CHECK(h.io.DeltaTime == 0.25f);

    const float bad[] = {0.0f, -1.0f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                         -std::numeric_limits<float>::infinity()};
    for (const float dt : bad) {
        CAPTURE(dt);
        h.bridge.newFrame(640, 480, dt);
        CHECK(h.io.DeltaTime > 0.0f);
        CHECK(std::isfinite(h.io.DeltaTime));
        CHECK(h.io.DeltaTime < 0.01f);
    }
}

TEST_CASE("ImGuiBridge: consecutive real frames with a zero frame time pass ImGui's checks")
{
    Harness h;
    buildFontAtlas();
    for (int frame = 0; frame < 3; ++frame) {
        h.bridge.newFrame(800, 600, 0.0f); // ImGui asserts (aborts) from the second frame on if DeltaTime <= 0
        ImGui::NewFrame();
        ImGui::Render();
    }
    CHECK(ImGui::GetFrameCount() == 3);
}

TEST_CASE("ImGuiBridge: clipboard round trip through the fake clipboard")
{
    Harness h;
    REQUIRE((h.io.GetClipboardTextFn != nullptr));
    REQUIRE((h.io.SetClipboardTextFn != nullptr));

    h.io.SetClipboardTextFn(h.io.ClipboardUserData, "copied \xD9\x81"); // "copied ف" in UTF-8
    CHECK(h.fake.setCount == 1);
    CHECK(h.fake.content == "copied \xD9\x81");

    h.fake.content = "from the OS";
    const char* text = h.io.GetClipboardTextFn(h.io.ClipboardUserData);
    REQUIRE(text != nullptr);
    CHECK(std::string(text) == "from the OS");

    // ImGui holds the pointer after the call: it must stay valid when the source changes, until the next get.
    h.fake.content = std::string(1000, 'x');
    CHECK(std::string(text) == "from the OS");

    // And through ImGui's own API, which is what InputText uses.
    ImGui::SetClipboardText("via ImGui");
    CHECK(h.fake.content == "via ImGui");
    CHECK(std::string(ImGui::GetClipboardText()) == "via ImGui");
}

TEST_CASE("ImGuiBridge: empty or failing clipboard functions read as an empty clipboard")
{
    ContextGuard context;
    ImGuiIO& io = ImGui::GetIO();
    SUBCASE("empty")
    {
        ImGuiBridge bridge{Clipboard{}};
        CHECK(std::string(io.GetClipboardTextFn(io.ClipboardUserData)).empty());
        io.SetClipboardTextFn(io.ClipboardUserData, "dropped"); // must not throw std::bad_function_call
    }
    SUBCASE("throwing")
    {
        ImGuiBridge bridge{Clipboard{[]() -> std::string { throw std::runtime_error("no X selection owner"); },
                                     [](const std::string&) { throw std::runtime_error("no display"); }}};
        CHECK(std::string(io.GetClipboardTextFn(io.ClipboardUserData)).empty());
        CHECK_NOTHROW(io.SetClipboardTextFn(io.ClipboardUserData, "lost"));
    }
}

TEST_CASE("ImGuiBridge: destruction hands io its previous clipboard and drops the backend name")
{
    ContextGuard context;
    ImGuiIO& io = ImGui::GetIO();
    const auto previousGet = io.GetClipboardTextFn;
    const auto previousSet = io.SetClipboardTextFn;
    void* const previousUserData = io.ClipboardUserData;
    {
        FakeClipboard fake;
        ImGuiBridge bridge{fake.clipboard()};
        CHECK(io.ClipboardUserData == &bridge);
        CHECK((io.GetClipboardTextFn != previousGet));
    }
    CHECK((io.GetClipboardTextFn == previousGet));
    CHECK((io.SetClipboardTextFn == previousSet));
    CHECK(io.ClipboardUserData == previousUserData);
    CHECK(io.BackendPlatformName == nullptr);
    CHECK((io.BackendFlags & ImGuiBackendFlags_HasMouseCursors) == 0);
    // ImGui's private clipboard works again (it would call into the dead bridge otherwise).
    ImGui::SetClipboardText("private");
    CHECK(std::string(ImGui::GetClipboardText()) == "private");
}

TEST_CASE("ImGuiBridge: cursorFor maps every ImGuiMouseCursor")
{
    using Type = sf::Cursor::Type;
    const std::pair<ImGuiMouseCursor, std::optional<Type>> expected[] = {
        {ImGuiMouseCursor_None, std::nullopt},
        {ImGuiMouseCursor_Arrow, Type::Arrow},
        {ImGuiMouseCursor_TextInput, Type::Text},
        {ImGuiMouseCursor_ResizeAll, Type::SizeAll},
        {ImGuiMouseCursor_ResizeNS, Type::SizeVertical},
        {ImGuiMouseCursor_ResizeEW, Type::SizeHorizontal},
        {ImGuiMouseCursor_ResizeNESW, Type::SizeBottomLeftTopRight},
        {ImGuiMouseCursor_ResizeNWSE, Type::SizeTopLeftBottomRight},
        {ImGuiMouseCursor_Hand, Type::Hand},
        {ImGuiMouseCursor_NotAllowed, Type::NotAllowed},
    };
    // Every value from None to COUNT-1 is in the table above.
    static_assert(std::size(expected) == ImGuiMouseCursor_COUNT + 1);
    for (const auto& [cursor, type] : expected) {
        CAPTURE(cursor);
        CHECK(ImGuiBridge::cursorFor(cursor) == type);
    }
    // A cursor this bridge does not know still shows a pointer.
    CHECK(ImGuiBridge::cursorFor(ImGuiMouseCursor_COUNT) == Type::Arrow);
}

TEST_CASE("ImGuiBridge: mapMayHandle follows WantCaptureMouse and WantCaptureKeyboard")
{
    Harness h;
    const sf::Event mouseEvents[] = {mouseMove(1, 2), mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Left),
                                     mouseButton(sf::Event::MouseButtonReleased, sf::Mouse::Right),
                                     wheel(sf::Mouse::VerticalWheel, 1.0f), wheel(sf::Mouse::HorizontalWheel, 1.0f)};
    const sf::Event keyboardEvents[] = {keyDown(sf::Keyboard::A), keyUp(sf::Keyboard::A), textEvent('a')};
    const sf::Event otherEvents[] = {resized(10, 10), plain(sf::Event::Closed), plain(sf::Event::LostFocus),
                                     plain(sf::Event::GainedFocus), plain(sf::Event::MouseLeft),
                                     plain(sf::Event::MouseEntered)};

    for (const bool captureMouse : {false, true}) {
        for (const bool captureKeyboard : {false, true}) {
            CAPTURE(captureMouse);
            CAPTURE(captureKeyboard);
            h.io.WantCaptureMouse = captureMouse;
            h.io.WantCaptureKeyboard = captureKeyboard;
            for (const sf::Event& event : mouseEvents) {
                CAPTURE(static_cast<int>(event.type));
                CHECK(ImGuiBridge::mapMayHandle(event) == !captureMouse);
            }
            for (const sf::Event& event : keyboardEvents) {
                CAPTURE(static_cast<int>(event.type));
                CHECK(ImGuiBridge::mapMayHandle(event) == !captureKeyboard);
            }
            for (const sf::Event& event : otherEvents) {
                CAPTURE(static_cast<int>(event.type));
                CHECK(ImGuiBridge::mapMayHandle(event));
            }
        }
    }
}

TEST_CASE("ImGuiBridge: mapMayHandle lets everything through when there is no ImGui context")
{
    REQUIRE(ImGui::GetCurrentContext() == nullptr);
    CHECK(ImGuiBridge::mapMayHandle(mouseMove(1, 2)));
    CHECK(ImGuiBridge::mapMayHandle(keyDown(sf::Keyboard::A)));
}

// End to end through real ImGui frames: text, key map, modifiers and clipboard together, with every key tap shorter
// than a frame (as happens at low frame rates).
TEST_CASE("ImGuiBridge: typing, Ctrl+A and Ctrl+C drive an ImGui InputText")
{
    Harness h;
    buildFontAtlas();
    char buffer[64] = "";
    bool focus = true;
    const auto frame = [&] {
        h.bridge.newFrame(800, 600, 1.0f / 60.0f);
        ImGui::NewFrame();
        ImGui::Begin("bridge test");
        if (std::exchange(focus, false)) {
            ImGui::SetKeyboardFocusHere();
        }
        ImGui::InputText("##text", buffer, sizeof(buffer));
        ImGui::End();
        ImGui::Render();
    };
    frame();
    frame();

    h.feed(textEvent(0x0641));
    h.feed(textEvent('x'));
    frame();
    CHECK(std::string(buffer) == "\xD9\x81x");
    CHECK(h.io.WantCaptureKeyboard);
    CHECK_FALSE(ImGuiBridge::mapMayHandle(keyDown(sf::Keyboard::Delete)));

    for (const sf::Keyboard::Key letter : {sf::Keyboard::A, sf::Keyboard::C}) {
        h.feed(keyDown(sf::Keyboard::LControl, false));
        h.feed(keyDown(letter, true));
        h.feed(textEvent(letter == sf::Keyboard::A ? 0x01 : 0x03)); // what X11 types for Ctrl+A / Ctrl+C
        h.feed(keyUp(letter, true));
        h.feed(keyUp(sf::Keyboard::LControl, true));
        frame();
        frame();
    }
    CHECK(h.fake.setCount == 1);
    CHECK(h.fake.content == "\xD9\x81x");
    CHECK(std::string(buffer) == "\xD9\x81x");
}

TEST_CASE("ImGuiBridge: a click shorter than a frame presses an ImGui button")
{
    Harness h;
    buildFontAtlas();
    ImVec2 buttonCentre;
    int presses = 0;
    const auto frame = [&] {
        h.bridge.newFrame(800, 600, 1.0f / 60.0f);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(10.0f, 10.0f));
        ImGui::Begin("bridge test");
        if (ImGui::Button("Press me")) {
            ++presses;
        }
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        buttonCentre = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
        ImGui::End();
        ImGui::Render();
    };
    // A new window is hidden in its first frame while it measures itself; let it settle before clicking.
    frame();
    frame();
    frame();
    const int x = static_cast<int>(buttonCentre.x);
    const int y = static_cast<int>(buttonCentre.y);
    h.feed(mouseButton(sf::Event::MouseButtonPressed, sf::Mouse::Left, x, y));
    h.feed(mouseButton(sf::Event::MouseButtonReleased, sf::Mouse::Left, x, y));
    frame();
    frame();
    CHECK(presses == 1);
}

#pragma once
// Drives the viewer's panels with no window and no GPU: SFML events go through the real ImGuiBridge into ImGui
// frames without a renderer backend, and key presses are routed as the viewer routes them (shortcutFor, then
// applyCommand). Positions are in window pixels.

#include "core/app_state.hpp"
#include "platform/imgui_bridge.hpp"
#include "platform/viewer.hpp"
#include "ui/panels.hpp"

#include <imgui.h>

#include <SFML/Window/Event.hpp>

#include <string>

namespace corridor::test {

struct PanelHarness {
    // First member, so destroyed last: the bridge's destructor still writes to the context's io.
    struct Context {
        ImGuiContext* context = ImGui::CreateContext();
        Context() = default;
        ~Context() { ImGui::DestroyContext(context); }
        Context(const Context&) = delete;
        Context& operator=(const Context&) = delete;
    } context;
    core::AppState app;
    ui::UiState ui;
    platform::ImGuiBridge bridge{platform::Clipboard{}};

    PanelHarness()
    {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(1024, 768);
        platform::setupUiFont(io);
    }
    PanelHarness(const PanelHarness&) = delete;
    PanelHarness& operator=(const PanelHarness&) = delete;

    void frame()
    {
        // Whole seconds apart: two clicks in a row are never a double click (which would collapse a title bar).
        bridge.newFrame(1024, 768, 1.0f);
        ImGui::NewFrame();
        ui::drawUi(app, ui);
        ImGui::Render();
    }
    // Feeds an event as the viewer's loop does: to ImGui always, and a key press the map may have as a shortcut.
    void send(const sf::Event& e)
    {
        bridge.processEvent(e);
        if (const auto command = platform::shortcutFor(e)) {
            ui::applyCommand(*command, app, ui);
        }
    }
    void mouse(sf::Event::EventType type, float x, float y)
    {
        sf::Event e{};
        e.type = type;
        e.mouseButton = {sf::Mouse::Left, static_cast<int>(x), static_cast<int>(y)};
        send(e);
    }
    // Moves the pointer there first, as a hand does: ImGui decides what is hovered from the frame before a press.
    void click(float x, float y, bool ctrl = false)
    {
        hover(x, y);
        if (ctrl) {
            key(sf::Keyboard::LControl, true, true);
        }
        mouse(sf::Event::MouseButtonPressed, x, y);
        frame();
        mouse(sf::Event::MouseButtonReleased, x, y);
        frame();
        if (ctrl) {
            key(sf::Keyboard::LControl, false, false);
        }
    }
    void hover(float x, float y)
    {
        sf::Event e{};
        e.type = sf::Event::MouseMoved;
        e.mouseMove = {static_cast<int>(x), static_cast<int>(y)};
        send(e);
        frame();
    }
    void key(sf::Keyboard::Key code, bool pressed, bool ctrl = false)
    {
        sf::Event e{};
        e.type = pressed ? sf::Event::KeyPressed : sf::Event::KeyReleased;
        e.key = {code, false, ctrl, false, false};
        send(e);
    }
    // A key tap (press and release between two frames), with Ctrl held when asked.
    void tap(sf::Keyboard::Key code, bool ctrl = false)
    {
        key(code, true, ctrl);
        key(code, false, ctrl);
        frame();
        frame();
    }
    void type(const std::string& text)
    {
        for (const char c : text) {
            sf::Event e{};
            e.type = sf::Event::TextEntered;
            e.text.unicode = static_cast<sf::Uint32>(static_cast<unsigned char>(c));
            send(e);
            frame();
        }
    }
};

} // namespace corridor::test

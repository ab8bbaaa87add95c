#pragma once
// The presenter's own window (`corridor present DECK --presenter`): while the audience's window shows the slide full
// screen, this one, on the presenter's screen, shows the slide's number and title, its speaker notes, the next
// slide's title and caption, the clock and the time since the presentation began. Keys pressed in it move the
// slides as they do in the audience's window. Its own SFML window, GL context and ImGui context (with its own
// bridge and OpenGL backend): the map's window and its ImGui context are given back after each frame.

#include "core/map_document.hpp"
#include "platform/imgui_bridge.hpp"
#include "platform/presenter.hpp"

#include <SFML/Window/Window.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct ImGuiContext;

namespace corridor::platform {

class PresenterWindow {
public:
    // Opens the window (900 × 560) beside the audience's; needs the map window's context current, and gives it back.
    explicit PresenterWindow(sf::Window& mapWindow);
    ~PresenterWindow();
    PresenterWindow(const PresenterWindow&) = delete;
    PresenterWindow& operator=(const PresenterWindow&) = delete;

    bool isOpen() const { return m_window.isOpen(); }

    // One frame: its events (a presenter key goes to `presenter`; closing it closes only it), then the notes, next
    // slide and clock. `screenshot`: also save the window to this PNG (scripted tests). Leaves the map window's GL
    // context and ImGui context current.
    void frame(Presenter& presenter, const core::MapDocument& document, const std::string& screenshot = {});

private:
    sf::Window& m_mapWindow;
    sf::Window m_window;
    ImGuiContext* m_context = nullptr;
    ImGuiContext* m_mapContext = nullptr;
    std::unique_ptr<ImGuiBridge> m_bridge;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last = m_started; // the last frame drawn
    // The next slide's title and caption, worked out once per slide shown (placeholders are computed from the data).
    std::optional<std::size_t> m_shownSlide;
    std::string m_nextTitle, m_nextCaption;
};

} // namespace corridor::platform

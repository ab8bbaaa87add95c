#include "platform/presenter_window.hpp"

#include <epoxy/gl.h>

#include "core/deck_text.hpp"
#include "platform/viewer.hpp"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <SFML/Window/VideoMode.hpp>

#include <cstdio>
#include <ctime>

namespace corridor::platform {

namespace {

std::string clockText(long seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    return text;
}

std::string wallClock()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M", &local);
    return text;
}

// A caption's lines as plain text ("• " before bullets), for the presenter's preview of the next slide.
std::string captionPreview(const std::string& caption)
{
    std::string out;
    for (const core::CaptionLine& line : core::parseCaption(caption)) {
        out += (line.bullet ? "• " : "") + core::plainText(line) + "\n";
    }
    return out;
}

} // namespace

PresenterWindow::PresenterWindow(sf::Window& mapWindow)
    : m_mapWindow(mapWindow)
{
    m_mapContext = ImGui::GetCurrentContext();
    const sf::ContextSettings wanted(0, 8, 0, 3, 3, sf::ContextSettings::Core);
    m_window.create(sf::VideoMode(900, 560), "Corridor presenter", sf::Style::Default, wanted);
    m_window.setVerticalSyncEnabled(true);
    (void)m_window.setActive(true);
    m_context = ImGui::CreateContext(); // its own font atlas: a texture of this window's context draws it
    ImGui::SetCurrentContext(m_context);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsDark();
    (void)setupUiFont(ImGui::GetIO(), 1.2f); // a fallback is reported by the map window's own setup already
    m_bridge = std::make_unique<ImGuiBridge>(sfmlClipboard());
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(m_mapContext);
    (void)m_mapWindow.setActive(true);
}

PresenterWindow::~PresenterWindow()
{
    ImGui::SetCurrentContext(m_context);
    (void)m_window.setActive(true);
    ImGui_ImplOpenGL3_Shutdown();
    m_bridge.reset();
    ImGui::DestroyContext(m_context);
    ImGui::SetCurrentContext(m_mapContext);
    m_window.close();
    (void)m_mapWindow.setActive(true);
}

void PresenterWindow::frame(Presenter& presenter, const core::MapDocument& document, const std::string& screenshot)
{
    if (!m_window.isOpen()) {
        return;
    }
    ImGui::SetCurrentContext(m_context);
    (void)m_window.setActive(true);
    sf::Event event;
    bool changed = false;
    while (m_window.pollEvent(event)) {
        changed = true;
        m_bridge->processEvent(event);
        if (event.type == sf::Event::Closed) {
            m_window.close();
            ImGui::SetCurrentContext(m_mapContext);
            (void)m_mapWindow.setActive(true);
            return;
        }
        if (event.type == sf::Event::KeyPressed) {
            presenter.key(event.key.code);
        }
    }
    const SlideStage& stage = presenter.stage();
    const std::size_t current = presenter.current();
    if (m_shownSlide != current) {
        m_shownSlide = current;
        changed = true;
        m_nextTitle.clear();
        m_nextCaption.clear();
        if (current + 1 < stage.size()) {
            const SlideShow next = stage.slide(document, current + 1, core::FurnitureOptions{});
            m_nextTitle = std::to_string(current + 2) + ". " + next.furniture.title;
            m_nextCaption = captionPreview(next.furniture.caption);
        }
    }
    const auto now = std::chrono::steady_clock::now();
    // Nothing new (no input, the same slide): drawn again only for the clock, twice a second.
    if (!changed && screenshot.empty() && now - m_last < std::chrono::milliseconds(500)) {
        ImGui::SetCurrentContext(m_mapContext);
        (void)m_mapWindow.setActive(true);
        return;
    }
    const float dt = std::chrono::duration<float>(now - m_last).count();
    m_last = now;
    const sf::Vector2u size = m_window.getSize();
    m_bridge->newFrame(size.x, size.y, dt);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({static_cast<float>(size.x), static_cast<float>(size.y)});
    ImGui::Begin("Presenter", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    const SlideShow& show = presenter.show();
    ImGui::Text("Slide %zu of %zu", current + 1, stage.size());
    ImGui::SameLine(static_cast<float>(size.x) - 260.0f);
    const long elapsed = static_cast<long>(std::chrono::duration<double>(now - m_started).count());
    ImGui::Text("%s   elapsed %s", wallClock().c_str(), clockText(elapsed).c_str());
    ImGui::Separator();
    ImGui::SetWindowFontScale(1.5f);
    ImGui::TextWrapped("%s", show.furniture.title.c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Spacing();
    ImGui::TextDisabled("Notes");
    ImGui::BeginChild("notes", {0, static_cast<float>(size.y) * 0.45f}, true);
    ImGui::TextWrapped("%s", show.notes.empty() ? "(no notes for this slide)" : show.notes.c_str());
    ImGui::EndChild();
    ImGui::TextDisabled("Next");
    if (!m_nextTitle.empty()) {
        ImGui::TextWrapped("%s", m_nextTitle.c_str());
        ImGui::TextWrapped("%s", m_nextCaption.c_str());
    } else {
        ImGui::TextUnformatted("(the last slide)");
    }
    ImGui::Separator();
    ImGui::TextDisabled("Right, Space, Page Down: next · Left, Page Up: back · Home, End · R: the slide's view · Esc: leave");
    ImGui::End();
    ImGui::Render();
    m_bridge->updateCursor(m_window);
    glViewport(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y));
    glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!screenshot.empty()) {
        saveScreenshot(screenshot, size.x, size.y);
    }
    m_window.display();
    ImGui::SetCurrentContext(m_mapContext);
    (void)m_mapWindow.setActive(true);
}

} // namespace corridor::platform

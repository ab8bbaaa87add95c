#include "platform/navigator.hpp"

#include "core/measure.hpp"
#include "geo/layer_builder.hpp"
#include "geo/view_limits.hpp"
#include "platform/imgui_bridge.hpp"
#include "platform/viewer.hpp"
#include "render/overlay_renderer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace corridor::platform {

namespace {

// A frame longer than this (a stalled machine) advances animations by this much only.
constexpr double kMaxFrameSeconds = 0.25;
// The measure tool's ink: a white casing under a dark orange line, as a ruler reads on any basemap.
constexpr core::Color kMeasureCasing {1.0f, 1.0f, 1.0f, 0.9f};
constexpr core::Color kMeasureLine {0.85f, 0.33f, 0.0f, 1.0f};
constexpr core::Color kMeasurePending {0.85f, 0.33f, 0.0f, 0.6f};
constexpr std::size_t kSegmentPoints = 96; // per geodesic: smooth at any zoom that shows the whole segment

// Ends the measurement and prints it on stdout, where a briefing script can take the figure (the Measure panel keeps
// showing it; a log entry would pop the Messages panel open over the map at every measurement).
void finishMeasure(ui::MeasureTool& tool)
{
    if (!tool.active || tool.finished) {
        return;
    }
    tool.finished = true;
    const core::Measurement& m = tool.measurement;
    if (m.points.size() < 2) {
        return;
    }
    char metres[64];
    std::snprintf(metres, sizeof metres, "%.1f m", m.totalMetres());
    std::string text = "measured " + core::formatDistance(m.totalMetres(), tool.unit) + " (" + metres + ") "
        + (m.area ? "around " : "along ") + std::to_string(m.points.size()) + " points";
    if (m.area && m.points.size() >= 3) {
        text += ", area " + core::formatArea(m.areaSquareMetres(), tool.unit);
    }
    text += ", geodesic on WGS84";
    std::string points = "measure points (lat, lon):";
    for (const core::Vec2d& p : m.points) {
        char buf[64];
        std::snprintf(buf, sizeof buf, " %.6f %.6f;", p.y, p.x);
        points += buf;
    }
    std::string segments = "measure segments (m):";
    for (const double metresPerSegment : m.segmentMetres()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " %.1f", metresPerSegment);
        segments += buf;
    }
    std::cout << "corridor: " << text << "\ncorridor: " << points << "\ncorridor: " << segments << std::endl;
}

} // namespace

Navigator::Navigator(const std::string& viewCrs)
{
    setViewCrs(viewCrs);
}

void Navigator::setViewCrs(const std::string& viewCrs)
{
    m_viewCrs = viewCrs;
    m_path.reset(); // a flight or a glide in the old CRS's units ends where it is
    m_inertia = {};
    try {
        m_toView = std::make_unique<geo::Transformer>(m_proj, geo::kLonLat, viewCrs);
        m_crsName = geo::crsDisplayName(m_proj, viewCrs);
    } catch (const std::exception& e) {
        m_toView.reset();
        m_crsName = viewCrs + " (no coordinates: " + e.what() + ")";
    }
    m_metresPerUnit = geo::crsMetresPerUnit(viewCrs);
}

void Navigator::describe(ui::StatusInfo& status) const
{
    status.crsName = m_crsName;
    status.metresPerUnit = m_metresPerUnit;
}

std::optional<core::Vec2d> Navigator::toLonLat(core::Vec2d world) const
{
    if (!m_toView) {
        return std::nullopt;
    }
    core::Vec2d p = world;
    if (m_toView->inverse(std::span<core::Vec2d>(&p, 1)) != 0 || !std::isfinite(p.x) || !std::isfinite(p.y)
        || std::abs(p.y) > 90.0) {
        return std::nullopt;
    }
    return p;
}

std::optional<core::Vec2d> Navigator::toWorld(core::Vec2d lonLat) const
{
    if (!m_toView) {
        return std::nullopt;
    }
    core::Vec2d p = lonLat;
    if (m_toView->forward(std::span<core::Vec2d>(&p, 1)) != 0 || !std::isfinite(p.x) || !std::isfinite(p.y)) {
        return std::nullopt;
    }
    return p;
}

void Navigator::route(const sf::Event& event, core::AppState& app, ui::UiState& ui, double now)
{
    if (const auto command = shortcutFor(event)) {
        ui::applyCommand(*command, app, ui);
        return;
    }
    if (event.type == sf::Event::MouseButtonReleased || ImGuiBridge::mapMayHandle(event)) {
        mapEvent(event, app, ui, now);
    }
}

void Navigator::mapEvent(const sf::Event& e, core::AppState& app, ui::UiState& ui, double now)
{
    core::Camera& camera = app.camera;
    switch (e.type) {
    case sf::Event::MouseButtonPressed: {
        const core::Vec2d at {static_cast<double>(e.mouseButton.x), static_cast<double>(e.mouseButton.y)};
        if (e.mouseButton.button == sf::Mouse::Left) {
            // A press takes the map in hand: whatever moved it stops.
            m_inertia.stop();
            m_path.reset();
            m_pressed = true;
            m_pressAt = at;
            m_last = at;
            m_lastMoveTime = now;
            m_dragDistance = 0.0;
        } else if (e.mouseButton.button == sf::Mouse::Right) {
            finishMeasure(ui.nav.measure);
        }
        break;
    }
    case sf::Event::MouseButtonReleased:
        if (e.mouseButton.button == sf::Mouse::Left && m_pressed) {
            m_pressed = false;
            const core::Vec2d at {static_cast<double>(e.mouseButton.x), static_cast<double>(e.mouseButton.y)};
            if (m_dragDistance <= kClickSlopPx && distance(at, m_pressAt) <= kClickSlopPx) {
                m_inertia.stop();
                click(at, app, ui, now);
            } else {
                m_inertia.release(now - m_lastMoveTime);
            }
        }
        break;
    case sf::Event::MouseMoved: {
        const core::Vec2d at {static_cast<double>(e.mouseMove.x), static_cast<double>(e.mouseMove.y)};
        m_pointer = at;
        if (m_pressed) {
            const double dx = at.x - m_last.x, dy = at.y - m_last.y;
            camera.panPixels(dx, dy);
            m_inertia.addDragSample(dx, dy, now - m_lastMoveTime);
            m_dragDistance += std::hypot(dx, dy);
            m_last = at;
            m_lastMoveTime = now;
        }
        break;
    }
    case sf::Event::MouseLeft:
        m_pointer.reset();
        break;
    case sf::Event::MouseWheelScrolled:
        if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) {
            m_inertia.stop();
            m_path.reset();
            camera.zoomAbout({static_cast<double>(e.mouseWheelScroll.x), static_cast<double>(e.mouseWheelScroll.y)},
                std::pow(1.25, e.mouseWheelScroll.delta));
        }
        break;
    case sf::Event::KeyPressed:
        key(e.key, app, ui);
        break;
    default:
        break;
    }
}

void Navigator::key(const sf::Event::KeyEvent& k, core::AppState& app, ui::UiState& ui)
{
    if (k.control || k.alt || k.system) {
        return;
    }
    const core::Camera& camera = app.camera;
    core::View target = flightBase(camera);
    const double stepX = kKeyPanFraction * camera.widthPx * target.unitsPerPixel;
    const double stepY = kKeyPanFraction * camera.heightPx * target.unitsPerPixel;
    switch (k.code) {
    case sf::Keyboard::Left:
        target.center.x -= stepX;
        break;
    case sf::Keyboard::Right:
        target.center.x += stepX;
        break;
    case sf::Keyboard::Up:
        target.center.y += stepY;
        break;
    case sf::Keyboard::Down:
        target.center.y -= stepY;
        break;
    case sf::Keyboard::Add:
    case sf::Keyboard::Equal:
        target.unitsPerPixel /= kKeyZoomFactor;
        break; // '+' is shifted '=' on most layouts
    case sf::Keyboard::Subtract:
    case sf::Keyboard::Hyphen:
        target.unitsPerPixel *= kKeyZoomFactor;
        break;
    case sf::Keyboard::Escape:
        finishMeasure(ui.nav.measure);
        return;
    default:
        return;
    }
    m_inertia.stop();
    startFlight(camera, target);
}

void Navigator::click(core::Vec2d at, core::AppState& app, ui::UiState& ui, double now)
{
    const bool isDouble
        = now - m_lastClickTime <= kDoubleClickSeconds && distance(at, m_lastClickAt) <= kDoubleClickSlopPx;
    m_lastClickTime = isDouble ? -1e9 : now; // a third click starts a new pair
    m_lastClickAt = at;
    ui::MeasureTool& tool = ui.nav.measure;
    if (tool.active) {
        if (isDouble && !tool.finished) {
            finishMeasure(tool); // the first click of the pair put the last point
            return;
        }
        const auto lonLat = toLonLat(app.camera.screenToWorld(at));
        if (!lonLat) {
            app.report(core::Severity::Warning,
                "measure: that point is outside what the view CRS can map back to "
                "longitude and latitude");
            return;
        }
        if (tool.finished) {
            tool.measurement.points.clear();
            tool.finished = false;
        }
        tool.measurement.points.push_back(*lonLat);
        return;
    }
    if (isDouble) {
        core::Camera zoomed = app.camera;
        zoomed.zoomAbout(at, 2.0);
        startFlight(app.camera, core::viewOf(zoomed));
        return;
    }
    m_click = at;
}

core::View Navigator::flightBase(const core::Camera& camera) const
{
    // Keys pressed during a flight add to where it is going, so holding an arrow key moves steadily.
    return m_path ? m_target : core::viewOf(camera);
}

void Navigator::startFlight(const core::Camera& camera, core::View target)
{
    core::Camera held = camera;
    core::applyView(held, target);
    m_target = core::viewOf(held);
    m_path.emplace(core::viewOf(camera), m_target, camera.widthPx);
    m_elapsed = 0.0;
    m_timeScale = 1.0;
    m_flightStarting = true;
}

void Navigator::flyTo(const core::Camera& camera, core::View target, std::optional<double> seconds)
{
    m_inertia.stop();
    startFlight(camera, target);
    if (seconds && *seconds > 0.0 && m_path && m_path->duration() > 0.0) {
        m_timeScale = m_path->duration() / *seconds;
    }
}

void Navigator::takeFlyRequest(core::AppState& app)
{
    if (!app.flyRequest) {
        return;
    }
    const core::FlyRequest request = *app.flyRequest;
    app.flyRequest.reset();
    const core::Camera& camera = app.camera;
    core::Bounds world;
    if (request.lonLat) {
        if (request.bounds.width() == 0.0 && request.bounds.height() == 0.0) {
            if (const auto p = toWorld(request.bounds.center())) {
                world.add(*p);
            }
        } else {
            world = geo::projectBox(
                {request.bounds.minX, request.bounds.minY, request.bounds.maxX, request.bounds.maxY}, m_viewCrs);
        }
    } else {
        world = request.bounds;
    }
    if (world.empty()) {
        app.report(core::Severity::Warning, "cannot go there: the place cannot be projected to the view CRS");
        return;
    }
    core::View target;
    if (world.width() == 0.0 && world.height() == 0.0) {
        target.center = world.center();
        target.unitsPerPixel = std::min(camera.unitsPerPixel, kPointMetresPerPixel / m_metresPerUnit);
    } else {
        core::Camera framed = camera;
        framed.limits.reset(); // fit, then hold to the limits once (startFlight)
        framed.fit(world, 40.0);
        target = core::viewOf(framed);
        // A small feature (an islet, a station's yard) is shown no closer than a point is, with its surroundings.
        target.unitsPerPixel =
            std::max(target.unitsPerPixel, std::min(camera.unitsPerPixel, kPointMetresPerPixel / m_metresPerUnit));
    }
    flyTo(camera, target);
}

std::optional<core::Vec2d> Navigator::takeClick()
{
    auto c = m_click;
    m_click.reset();
    return c;
}

bool Navigator::update(core::AppState& app, ui::UiState& ui, double dt)
{
    dt = std::clamp(dt, 0.0, kMaxFrameSeconds);
    takeFlyRequest(app);
    bool moving = false;
    if (m_path) {
        // The frame that starts a flight may end an idle spell of any length (the loop sleeps when nothing
        // moves): the flight starts counting from here.
        m_elapsed += m_flightStarting ? 0.0 : dt * m_timeScale;
        m_flightStarting = false;
        if (m_elapsed >= m_path->duration()) {
            core::applyView(app.camera, m_target);
            m_path.reset();
        } else {
            core::applyView(app.camera, m_path->atTime(m_elapsed));
        }
        moving = true;
    } else if (m_inertia.active()) {
        const core::Vec2d d = m_inertia.step(dt);
        const core::Vec2d before = app.camera.center;
        app.camera.panPixels(d.x, d.y);
        if (app.camera.center == before) {
            m_inertia.stop(); // against the pan limit: nothing left to glide
        }
        moving = true;
    }
    // The pointer over the map (not over a panel): its lon/lat for the status bar and the measure tool.
    const bool overPanel = ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantCaptureMouse;
    std::optional<core::Vec2d> lonLat;
    if (m_pointer && !overPanel) {
        lonLat = toLonLat(app.camera.screenToWorld(*m_pointer));
    }
    ui.nav.status.cursorLonLat = lonLat;
    ui.nav.measure.hover = ui.nav.measure.active && !ui.nav.measure.finished ? lonLat : std::nullopt;
    return moving;
}

void Navigator::drawMeasure(
    const core::Camera& camera, const ui::MeasureTool& tool, render::OverlayRenderer& overlay) const
{
    if (!tool.active || tool.measurement.points.empty() || !m_toView) {
        return;
    }
    const std::vector<core::Vec2d>& pts = tool.measurement.points;
    // Segments in order: each clicked pair, the ring's closing side, then the one to the pointer.
    struct Leg {
        core::Vec2d a, b;
        bool pending;
    };
    std::vector<Leg> legs;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        legs.push_back({pts[i], pts[i + 1], false});
    }
    if (tool.hover) {
        legs.push_back({pts.back(), *tool.hover, true});
        if (tool.measurement.area && pts.size() >= 2) {
            legs.push_back({*tool.hover, pts.front(), true});
        }
    } else if (tool.measurement.area && pts.size() >= 3) {
        legs.push_back({pts.back(), pts.front(), false});
    }
    std::vector<core::Vec2d> line;
    for (const Leg& leg : legs) {
        const double length = core::Measurement {{leg.a, leg.b}, false}.totalMetres();
        line = core::geodesicPath(leg.a, leg.b, length / static_cast<double>(kSegmentPoints - 1), kSegmentPoints);
        m_toView->forward(line);
        for (core::Vec2d& p : line) {
            p = camera.worldToScreen(p);
        }
        for (const float width : {5.0f, 2.5f}) {
            const core::Color color = width > 3.0f ? kMeasureCasing : (leg.pending ? kMeasurePending : kMeasureLine);
            for (std::size_t i = 0; i + 1 < line.size(); ++i) {
                if (std::isfinite(line[i].x) && std::isfinite(line[i + 1].x)) {
                    overlay.addSegment(line[i], line[i + 1], width, color);
                }
            }
        }
    }
    std::vector<core::Vec2d> dots = pts;
    m_toView->forward(dots);
    for (const core::Vec2d& p : dots) {
        if (std::isfinite(p.x)) {
            const core::Vec2d s = camera.worldToScreen(p);
            overlay.addSegment(s, s, 9.0f, kMeasureCasing);
            overlay.addSegment(s, s, 6.0f, kMeasureLine);
        }
    }
}

} // namespace corridor::platform

#pragma once
// The map's own input and motion: drag to pan (with a glide after a flick), the wheel, keyboard arrows and +/−,
// double-click to zoom in, animated fly-to for search results and "zoom to layer", the measure tool's clicks, and
// the pointer's lon/lat for the status bar. The maths is core's (FlyPath, PanInertia, Measurement); this class
// owns the PROJ transforms between lon/lat and the view CRS, and the state between events. Main thread only.

#include "core/app_state.hpp"
#include "core/flyto.hpp"
#include "geo/proj.hpp"
#include "ui/panels.hpp"

#include <SFML/Window/Event.hpp>

#include <memory>
#include <optional>
#include <string>

namespace corridor::render {
class OverlayRenderer;
}

namespace corridor::platform {

class Navigator {
public:
    // A point search result is shown at this scale, or closer if the view already is.
    static constexpr double kPointMetresPerPixel = 60.0;
    // A press and release this close (pixels) is a click, not a drag.
    static constexpr double kClickSlopPx = 4.0;
    // Two clicks this close in time (seconds) and space (pixels) are a double-click.
    static constexpr double kDoubleClickSeconds = 0.4;
    static constexpr double kDoubleClickSlopPx = 6.0;
    // Arrow keys move the view by this fraction of its size; +/− zoom by this factor.
    static constexpr double kKeyPanFraction = 0.25;
    static constexpr double kKeyZoomFactor = 2.0;

    // `viewCrs`: the document's. When PROJ cannot transform to it, coordinates and the measure tool are off (and
    // say so) while panning and zooming still work.
    explicit Navigator(const std::string& viewCrs);
    // After a projection switch: the transforms, the status bar's CRS name and units follow; a flight or glide stops.
    void setViewCrs(const std::string& viewCrs);

    // The CRS's name and units for the status bar.
    void describe(ui::StatusInfo& status) const;

    // One event after the ImGui bridge has seen it, routed as the viewer does: a keyboard shortcut runs its
    // command; the map gets mouse and key events only when ImGui does not want them (ImGuiBridge::mapMayHandle),
    // plus every button release, so a drag that ends over a panel still ends. `now`: seconds, any monotonic clock.
    void route(const sf::Event& event, core::AppState& app, ui::UiState& ui, double now);

    // Per frame, before the UI: takes app.flyRequest, advances a flight or a glide by `dt` seconds (not counting
    // the frame a flight starts in, which may follow an idle spell; at most 0.25 s a frame), and updates the pointer's
    // lon/lat (status bar, measure tool). Returns true while the camera is moving by itself.
    bool update(core::AppState& app, ui::UiState& ui, double dt);

    // Queues the measurement on `overlay`: each segment along its geodesic (densified, projected to the view),
    // the segment to the pointer while measuring, and the clicked points.
    void drawMeasure(const core::Camera& camera, const ui::MeasureTool& tool, render::OverlayRenderer& overlay) const;

    // Starts an animated flight from the camera's view to `target` (held to the camera's limits), taking
    // `seconds` when given (a slide's transition), else the path's own duration (core::FlyPath::duration).
    void flyTo(const core::Camera& camera, core::View target, std::optional<double> seconds = std::nullopt);
    bool flying() const { return m_path.has_value(); }
    bool gliding() const { return m_inertia.active(); }
    // Moving by itself, or about to (a fly-to request not taken yet): a screenshot waits for the view to rest.
    bool busy(const core::AppState& app) const { return flying() || gliding() || app.flyRequest.has_value(); }

    // A plain click on the map (no drag, not taken by the measure tool), in pixels, for whoever acts on clicks;
    // taking it clears it.
    std::optional<core::Vec2d> takeClick();

    std::optional<core::Vec2d> toLonLat(core::Vec2d world) const;
    std::optional<core::Vec2d> toWorld(core::Vec2d lonLat) const;

private:
    void mapEvent(const sf::Event& event, core::AppState& app, ui::UiState& ui, double now);
    void key(const sf::Event::KeyEvent& key, core::AppState& app, ui::UiState& ui);
    void click(core::Vec2d at, core::AppState& app, ui::UiState& ui, double now);
    core::View flightBase(const core::Camera& camera) const; // where chained key moves start from
    void startFlight(const core::Camera& camera, core::View target);
    void takeFlyRequest(core::AppState& app);

    std::string m_viewCrs;
    std::string m_crsName;
    double m_metresPerUnit = 1.0;
    geo::ProjContext m_proj;
    std::unique_ptr<geo::Transformer> m_toView; // lon/lat → view CRS; null when PROJ refused

    std::optional<core::FlyPath> m_path;
    core::View m_target;
    double m_elapsed = 0.0;
    double m_timeScale = 1.0; // path seconds per real second (a flight given its own duration)
    bool m_flightStarting = false;
    core::PanInertia m_inertia;

    bool m_pressed = false; // the left button went down on the map
    core::Vec2d m_pressAt;
    core::Vec2d m_last; // the pointer at the last drag move
    double m_lastMoveTime = 0.0;
    double m_dragDistance = 0.0;
    double m_lastClickTime = -1e9;
    core::Vec2d m_lastClickAt;
    std::optional<core::Vec2d> m_pointer; // over the map, pixels
    std::optional<core::Vec2d> m_click;
};

} // namespace corridor::platform

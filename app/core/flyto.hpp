#pragma once
// Camera motion over time: the animated fly-to between two views along van Wijk and Nuij's optimal zoom-and-pan
// path ("Smooth and efficient zooming and panning", InfoVis 2003), and the glide a drag leaves behind (inertia).
// Pure maths in view-CRS units and seconds: no window, no clock. The viewer samples them each frame.

#include "core/camera.hpp"

namespace corridor::core {

// A view: the world point at the middle and the scale. What the camera animates between.
struct View {
    Vec2d center;
    double unitsPerPixel = 1.0;
};

View viewOf(const Camera& camera);
// Sets `camera` to `view`, held to the camera's zoom and pan limits.
void applyView(Camera& camera, const View& view);

// The optimal path from one view to another for a viewport `viewportPx` pixels wide. The path zooms out while it
// pans when the jump is far compared with the views' widths, so the eye never loses its place: along it,
// w(s) is the visible width and u(s) the distance travelled from the start toward the end, both in world units,
// and s runs from 0 to length() (the path length in the paper's metric, where one unit is "one screen width").
class FlyPath {
public:
    // rho trades zooming against panning; 1.42 is the value the paper's users preferred (and web maps use).
    static constexpr double kDefaultRho = 1.42;

    FlyPath(const View& from, const View& to, double viewportPx, double rho = kDefaultRho);

    // The path length S (dimensionless screen widths; 0 when the views are the same).
    double length() const { return m_length; }
    // Seconds the flight takes: proportional to S, clamped to [kMinSeconds, kMaxSeconds] (a flight of 0 length
    // takes 0 s).
    double duration() const;
    static constexpr double kSecondsPerUnit = 0.35;
    static constexpr double kMinSeconds = 0.25;
    static constexpr double kMaxSeconds = 2.5;

    // The view at `t` in [0, 1] of the path's length (clamped). at(0) and at(1) are the two views exactly.
    View at(double t) const;
    // The view `seconds` into the flight: eased in and out (smoothstep on t), so it starts and stops gently.
    View atTime(double seconds) const;

private:
    View m_from, m_to;
    double m_rho;
    double m_w0 = 1.0, m_w1 = 1.0; // visible widths, world units
    double m_u1 = 0.0; // distance between the centres, world units
    double m_r0 = 0.0;
    double m_length = 0.0;
    bool m_zoomOnly = false; // the centres coincide (or nearly): w changes exponentially, u stays 0
    double m_viewportPx = 1.0;
};

// The glide after a drag: the pointer's velocity at release keeps the map moving, decaying exponentially, until
// it falls under kStopSpeed or a click stops it.
class PanInertia {
public:
    static constexpr double kHalfLifeSeconds = 0.12; // speed halves this often
    static constexpr double kStopSpeed = 20.0; // pixels per second: below this the glide ends
    // Pixels per second at release: a slower drag places the map where it was let go (a deliberate pan must
    // land exactly where the hand put it); only a flick glides.
    static constexpr double kMinGlideSpeed = 800.0;
    static constexpr double kMaxSpeed = 6000.0; // pixels per second: a flick is not a teleport
    static constexpr double kSampleWindow = 0.08; // seconds of drag motion that set the release velocity

    // A pointer move of (dx, dy) pixels while dragging, `dt` seconds after the previous one.
    void addDragSample(double dx, double dy, double dt);
    // The button is released `idleSeconds` after the last move: starts the glide (a pause before release
    // means the user put the map down, so no glide).
    void release(double idleSeconds = 0.0);
    // Stops everything (a click, a new drag, a fly-to).
    void stop();
    bool active() const { return m_gliding; }
    // Advances the glide by `dt` seconds; returns the pixels to pan by (0, 0 when not gliding).
    Vec2d step(double dt);
    Vec2d velocity() const { return m_velocity; }

private:
    Vec2d m_velocity; // pixels per second
    Vec2d m_window; // motion summed over the last kSampleWindow seconds (approx.)
    double m_windowTime = 0.0;
    bool m_gliding = false;
};

} // namespace corridor::core

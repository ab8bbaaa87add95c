#pragma once
// 2D map camera over a projected plane (view-CRS units, usually metres). Screen pixels have their origin at
// the top-left corner, y down; world y is up. Pure maths: no GL, no window.

#include "core/geometry.hpp"

#include <array>
#include <optional>

namespace corridor::core {

// Where a view may go, in view-CRS units; geo::viewLimits works them out from the data and the view CRS.
struct CameraLimits {
    // The world worth showing. The view centre stays inside it (the map cannot be lost off screen), and zooming
    // out stops once it spans 1/kZoomOutSlack of the viewport (less a kFitMarginPx margin). Empty: no pan limit
    // and only the camera's absolute zoom-out limit.
    Bounds area;
    // The zoom-in limit: below this, float vertex offsets would show their rounding.
    double minUnitsPerPixel = 0.5;
};

struct Camera {
    Vec2d center;                // world point at the middle of the viewport
    double unitsPerPixel = 1.0;  // world units covered by one screen pixel
    double widthPx = 1.0;
    double heightPx = 1.0;

    // Absolute bounds for a camera without limits.
    static constexpr double kMinUnitsPerPixel = 0.01;  // 1 cm per pixel: far below any data we draw
    static constexpr double kMaxUnitsPerPixel = 1.0e6; // 1000 km per pixel: the whole earth in a few pixels
    // With limits: at the zoom-out limit the limit area fills this fraction of the viewport's tighter axis…
    static constexpr double kZoomOutSlack = 2.0;
    // …inside the margin geo::frameView leaves around the data, so framing all data is never refused.
    static constexpr double kFitMarginPx = 20.0;

    std::optional<CameraLimits> limits; // none: only kMin/kMaxUnitsPerPixel apply

    Vec2d worldToScreen(Vec2d world) const;
    Vec2d screenToWorld(Vec2d screen) const;
    Bounds visibleWorld() const;

    // Moves the map with the pointer: a drag of (dx, dy) pixels moves what is under the pointer by as much, until
    // the view centre reaches the edge of the limit area.
    void panPixels(double dx, double dy);
    // Scales by `factor` (>1 zooms in) keeping the world point under `screen` fixed on screen, within the zoom
    // limits (and then the pan limit).
    void zoomAbout(Vec2d screen, double factor);
    // Frames `bounds` in the viewport with `marginPx` left free on each side, within the limits.
    void fit(const Bounds& bounds, double marginPx);
    // Changes the viewport and nothing else: a copy resized for a larger offscreen image (render::ViewCache) must
    // keep its scale. The zoom-out limit follows the viewport size from the next zoom or fit on.
    void resize(double width, double height);

    // Sets the limits and brings the view inside them.
    void setLimits(const CameraLimits& newLimits);
    // The zoom range at this viewport size: finest and coarsest scale allowed.
    double minUnitsPerPixel() const;
    double maxUnitsPerPixel() const;

private:
    // Clamps the centre into the limit area (no-op without limits).
    void clampCenter();
};

// Affine map from GPU vertex coordinates (floats relative to `origin`) to clip space, composed in double so
// that large absolute coordinates never pass through float: clip = v * scale + offset.
struct ClipTransform {
    std::array<float, 2> scale{};
    std::array<float, 2> offset{};
};
ClipTransform clipTransform(const Camera& camera, Vec2d origin);

} // namespace corridor::core

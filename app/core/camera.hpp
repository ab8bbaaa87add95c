#pragma once
// 2D map camera over a projected plane (view-CRS units, usually metres). Screen pixels have their origin at
// the top-left corner, y down; world y is up. Pure maths: no GL, no window.

#include "core/geometry.hpp"

#include <array>

namespace corridor::core {

struct Camera {
    Vec2d center;                // world point at the middle of the viewport
    double unitsPerPixel = 1.0;  // world units covered by one screen pixel
    double widthPx = 1.0;
    double heightPx = 1.0;

    static constexpr double kMinUnitsPerPixel = 0.01;  // 1 cm per pixel: far below any data we draw
    static constexpr double kMaxUnitsPerPixel = 1.0e6; // 1000 km per pixel: the whole earth in a few pixels

    Vec2d worldToScreen(Vec2d world) const;
    Vec2d screenToWorld(Vec2d screen) const;
    Bounds visibleWorld() const;

    // Moves the map with the pointer: a drag of (dx, dy) pixels moves what is under the pointer by as much.
    void panPixels(double dx, double dy);
    // Scales by `factor` (>1 zooms in) keeping the world point under `screen` fixed on screen.
    void zoomAbout(Vec2d screen, double factor);
    // Frames `bounds` in the viewport with `marginPx` left free on each side.
    void fit(const Bounds& bounds, double marginPx);
    void resize(double width, double height);
};

// Affine map from GPU vertex coordinates (floats relative to `origin`) to clip space, composed in double so
// that large absolute coordinates never pass through float: clip = v * scale + offset.
struct ClipTransform {
    std::array<float, 2> scale{};
    std::array<float, 2> offset{};
};
ClipTransform clipTransform(const Camera& camera, Vec2d origin);

} // namespace corridor::core

#include "core/camera.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::core {

Vec2d Camera::worldToScreen(Vec2d world) const
{
    return {(world.x - center.x) / unitsPerPixel + widthPx * 0.5, heightPx * 0.5 - (world.y - center.y) / unitsPerPixel};
}

Vec2d Camera::screenToWorld(Vec2d screen) const
{
    return {center.x + (screen.x - widthPx * 0.5) * unitsPerPixel, center.y - (screen.y - heightPx * 0.5) * unitsPerPixel};
}

Bounds Camera::visibleWorld() const
{
    Bounds b;
    b.add(screenToWorld({0.0, 0.0}));
    b.add(screenToWorld({widthPx, heightPx}));
    return b;
}

void Camera::panPixels(double dx, double dy)
{
    center.x -= dx * unitsPerPixel;
    center.y += dy * unitsPerPixel;
    clampCenter();
}

void Camera::zoomAbout(Vec2d screen, double factor)
{
    if (!(factor > 0.0) || !std::isfinite(factor)) {
        return;
    }
    const Vec2d anchor = screenToWorld(screen);
    unitsPerPixel = std::clamp(unitsPerPixel / factor, minUnitsPerPixel(), maxUnitsPerPixel());
    // Put the anchor back under the same pixel.
    center.x = anchor.x - (screen.x - widthPx * 0.5) * unitsPerPixel;
    center.y = anchor.y + (screen.y - heightPx * 0.5) * unitsPerPixel;
    clampCenter();
}

void Camera::fit(const Bounds& bounds, double marginPx)
{
    if (bounds.empty()) {
        return;
    }
    center = bounds.center();
    const double usableW = std::max(1.0, widthPx - 2.0 * marginPx);
    const double usableH = std::max(1.0, heightPx - 2.0 * marginPx);
    const double upp = std::max(bounds.width() / usableW, bounds.height() / usableH);
    unitsPerPixel = std::clamp(upp > 0.0 ? upp : 1.0, minUnitsPerPixel(), maxUnitsPerPixel());
    clampCenter();
}

void Camera::resize(double width, double height)
{
    widthPx = std::max(1.0, width);
    heightPx = std::max(1.0, height);
}

void Camera::setLimits(const CameraLimits& newLimits)
{
    limits = newLimits;
    unitsPerPixel = std::clamp(unitsPerPixel, minUnitsPerPixel(), maxUnitsPerPixel());
    clampCenter();
}

double Camera::minUnitsPerPixel() const
{
    return limits && limits->minUnitsPerPixel > 0.0 ? limits->minUnitsPerPixel : kMinUnitsPerPixel;
}

double Camera::maxUnitsPerPixel() const
{
    const double finest = minUnitsPerPixel();
    if (!limits || limits->area.empty()) {
        return std::max(finest, kMaxUnitsPerPixel);
    }
    // Not capped at kMaxUnitsPerPixel: however large the area, it must fit (a world band in 300 pixels).
    const double usableW = std::max(1.0, widthPx - 2.0 * kFitMarginPx);
    const double usableH = std::max(1.0, heightPx - 2.0 * kFitMarginPx);
    const double fitUpp = std::max(limits->area.width() / usableW, limits->area.height() / usableH);
    return std::max(finest, kZoomOutSlack * fitUpp);
}

void Camera::clampCenter()
{
    if (!limits || limits->area.empty()) {
        return;
    }
    center.x = std::clamp(center.x, limits->area.minX, limits->area.maxX);
    center.y = std::clamp(center.y, limits->area.minY, limits->area.maxY);
}

ClipTransform clipTransform(const Camera& camera, Vec2d origin)
{
    const double sx = 2.0 / (camera.unitsPerPixel * camera.widthPx);
    const double sy = 2.0 / (camera.unitsPerPixel * camera.heightPx);
    ClipTransform t;
    t.scale = {static_cast<float>(sx), static_cast<float>(sy)};
    t.offset = {static_cast<float>((origin.x - camera.center.x) * sx), static_cast<float>((origin.y - camera.center.y) * sy)};
    return t;
}

} // namespace corridor::core

#include "geo/view_geodesy.hpp"

#include "core/coords.hpp"
#include "core/geodesy.hpp"
#include "geo/layer_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace corridor::geo {

namespace {

constexpr double kNauticalMile = 1852.0;
// The scale may drift this much across the view before the bar says where it holds.
constexpr double kScaleDrift = 0.02;
// Pixels either side of a point the local scale is measured over: far beyond PROJ's round-trip noise, close
// enough for the scale not to change over them.
constexpr double kHalfSpanPx = 25.0;

bool finite(core::Vec2d p)
{
    return std::isfinite(p.x) && std::isfinite(p.y);
}

double unitMetres(DistanceUnit unit)
{
    return unit == DistanceUnit::NauticalMiles ? kNauticalMile : 1000.0;
}

// The largest 1, 2 or 5 times a power of ten not above `value` (> 0).
double roundDown125(double value)
{
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {5.0, 2.0, 1.0}) {
        if (step * power <= value * (1.0 + 1e-12)) {
            return step * power;
        }
    }
    return power;
}

// The next smaller 1-2-5 value.
double stepDown125(double value)
{
    return roundDown125(value * 0.999);
}

} // namespace

std::string distanceLabel(double metres, DistanceUnit unit)
{
    if (unit == DistanceUnit::Kilometres && metres < 1000.0 - 1e-6) {
        return core::groupThousands(std::llround(metres)) + " m";
    }
    const double value = metres / unitMetres(unit);
    const char* suffix = unit == DistanceUnit::NauticalMiles ? " nmi" : " km";
    if (value < 1.0 - 1e-9) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", value);
        return buffer + std::string(suffix);
    }
    return core::groupThousands(std::llround(value)) + suffix;
}

ViewGeodesy::ViewGeodesy(const std::string& viewCrs)
    : m_viewCrs(viewCrs), m_transformer(m_context, viewCrs, kLonLat)
{
}

std::optional<core::GeoBox> ViewGeodesy::lonLatBox(const core::Bounds& viewBox) const
{
    return unprojectBox(viewBox, m_transformer);
}

std::optional<core::Vec2d> ViewGeodesy::lonLatAt(const core::Camera& camera, core::Vec2d screen) const
{
    core::Vec2d p = camera.screenToWorld(screen);
    if (m_transformer.forward({&p, 1}) != 0 || !finite(p)) {
        return std::nullopt;
    }
    return p;
}

std::optional<core::Vec2d> ViewGeodesy::screenAt(const core::Camera& camera, core::Vec2d lonLat) const
{
    core::Vec2d p = lonLat;
    if (m_transformer.inverse({&p, 1}) != 0 || !finite(p)) {
        return std::nullopt;
    }
    return camera.worldToScreen(p);
}

std::optional<double> ViewGeodesy::metresPerPixelAt(const core::Camera& camera, core::Vec2d screen) const
{
    const auto a = lonLatAt(camera, {screen.x - kHalfSpanPx, screen.y});
    const auto b = lonLatAt(camera, {screen.x + kHalfSpanPx, screen.y});
    if (!a || !b) {
        return std::nullopt;
    }
    const double metres = core::geodesicDistance(*a, *b);
    if (!std::isfinite(metres) || metres <= 0.0) {
        return std::nullopt;
    }
    return metres / (2.0 * kHalfSpanPx);
}

std::optional<ScaleBar> ViewGeodesy::scaleBar(const core::Camera& camera, double maxLengthPx, DistanceUnit unit) const
{
    const core::Vec2d centre{camera.widthPx / 2.0, camera.heightPx / 2.0};
    const auto metresPerPixel = metresPerPixelAt(camera, centre);
    if (!metresPerPixel || !(maxLengthPx > 0.0)) {
        return std::nullopt;
    }
    // The geodesic between the bar's two ends, the bar centred on the view centre.
    const auto spanMetres = [&](double lengthPx) -> std::optional<double> {
        const auto a = lonLatAt(camera, {centre.x - lengthPx / 2.0, centre.y});
        const auto b = lonLatAt(camera, {centre.x + lengthPx / 2.0, centre.y});
        if (!a || !b) {
            return std::nullopt;
        }
        return core::geodesicDistance(*a, *b);
    };
    const double perUnit = unitMetres(unit);
    double value = roundDown125(maxLengthPx * *metresPerPixel / perUnit);
    // Smaller than a metre is not a map's scale bar (and in nautical miles, a tenth of one is the end).
    const double smallest = unit == DistanceUnit::NauticalMiles ? 0.1 : 0.001;
    while (value >= smallest * (1.0 - 1e-9)) {
        const double metres = value * perUnit;
        // Secant steps from the centre's scale: the scale changes along a long bar, so its length in pixels is
        // solved for, not divided out.
        double x0 = metres / *metresPerPixel;
        auto f0 = spanMetres(x0);
        if (!f0) {
            return std::nullopt;
        }
        double x1 = x0 * metres / std::max(*f0, 1e-9);
        for (int i = 0; i < 8 && std::abs(x1 - x0) > 1e-6 * x1; ++i) {
            const auto f1 = spanMetres(x1);
            if (!f1) {
                return std::nullopt;
            }
            const double slope = (*f1 - *f0) / (x1 - x0);
            const double next = slope > 0.0 ? x1 + (metres - *f1) / slope : x1 * metres / *f1;
            x0 = x1;
            f0 = f1;
            x1 = next;
        }
        if (x1 <= maxLengthPx) {
            ScaleBar bar;
            bar.metres = metres;
            bar.lengthPx = x1;
            bar.metresPerPixel = *metresPerPixel;
            const double lead = value / std::pow(10.0, std::floor(std::log10(value) + 1e-9));
            bar.divisions = lead > 4.5 ? 5 : 4;
            bar.label = distanceLabel(metres, unit);
            // Does the bar hold across the view? Compare the scale at the middle of each edge with the centre's.
            double lowest = *metresPerPixel, highest = *metresPerPixel;
            bool unknown = false;
            for (const core::Vec2d p : std::array<core::Vec2d, 4>{{{centre.x, 0.0},
                                                                   {centre.x, camera.heightPx},
                                                                   {kHalfSpanPx, centre.y},
                                                                   {camera.widthPx - kHalfSpanPx, centre.y}}}) {
                const auto m = metresPerPixelAt(camera, p);
                if (!m) {
                    unknown = true;
                    continue;
                }
                lowest = std::min(lowest, *m);
                highest = std::max(highest, *m);
            }
            if (unknown || highest > lowest * (1.0 + kScaleDrift)) {
                const auto lonLat = lonLatAt(camera, centre);
                const long latitude = std::lround(lonLat->y);
                bar.note = latitude == 0 ? "at the equator"
                                         : "at " + std::to_string(std::labs(latitude)) + (latitude > 0 ? "°N" : "°S");
            }
            return bar;
        }
        value = stepDown125(value);
    }
    return std::nullopt;
}

std::optional<double> ViewGeodesy::northAngle(const core::Camera& camera) const
{
    const core::Vec2d centre{camera.widthPx / 2.0, camera.heightPx / 2.0};
    const auto here = lonLatAt(camera, centre);
    const auto metresPerPixel = metresPerPixelAt(camera, centre);
    if (!here || !metresPerPixel) {
        return std::nullopt;
    }
    // A step north about 20 pixels long (a degree of latitude is ~111 km); southwards near the pole, reversed.
    const double step = std::clamp(20.0 * *metresPerPixel / 111320.0, 1e-7, 1.0);
    const bool south = here->y + step > 90.0;
    const auto there = screenAt(camera, {here->x, here->y + (south ? -step : step)});
    const auto origin = screenAt(camera, *here);
    if (!there || !origin) {
        return std::nullopt;
    }
    core::Vec2d v{there->x - origin->x, there->y - origin->y};
    if (south) {
        v = {-v.x, -v.y};
    }
    if (std::hypot(v.x, v.y) <= 0.0) {
        return std::nullopt;
    }
    // Screen y runs down: straight up is (0, -1); clockwise is towards +x.
    return std::atan2(v.x, -v.y);
}

} // namespace corridor::geo

#include "core/measure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <geodesic.h>

namespace corridor::core {

namespace {

const geod_geodesic& wgs84()
{
    static const geod_geodesic g = [] {
        geod_geodesic init {};
        geod_init(&init, 6378137.0, 1.0 / 298.257223563);
        return init;
    }();
    return g;
}

double inverse(Vec2d a, Vec2d b)
{
    double s12 = 0.0;
    geod_inverse(&wgs84(), a.y, a.x, b.y, b.x, &s12, nullptr, nullptr);
    return s12;
}

// "12,345.6": grouped thousands, `decimals` places.
std::string grouped(double value, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(value));
    std::string digits(buf);
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : digits.substr(dot);
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            out += ',';
        }
        out += whole[i];
    }
    return (value < 0.0 ? "-" : "") + out + fraction;
}

} // namespace

const char* unitSymbol(DistanceUnit unit)
{
    switch (unit) {
    case DistanceUnit::Kilometres:
        return "km";
    case DistanceUnit::NauticalMiles:
        return "nmi";
    case DistanceUnit::Miles:
        return "mi";
    }
    return "";
}

double metresPerUnit(DistanceUnit unit)
{
    switch (unit) {
    case DistanceUnit::Kilometres:
        return 1000.0;
    case DistanceUnit::NauticalMiles:
        return 1852.0;
    case DistanceUnit::Miles:
        return 1609.344;
    }
    return 1.0;
}

std::string formatDistance(double metres, DistanceUnit unit)
{
    if (unit == DistanceUnit::Kilometres && std::abs(metres) < 1000.0) {
        return grouped(metres, 0) + " m";
    }
    const double v = metres / metresPerUnit(unit);
    return grouped(v, std::abs(v) < 10.0 ? 2 : 1) + " " + unitSymbol(unit);
}

std::string formatArea(double squareMetres, DistanceUnit unit)
{
    const double per = metresPerUnit(unit);
    const double v = squareMetres / (per * per);
    return grouped(v, std::abs(v) < 10.0 ? 2 : 1) + " " + unitSymbol(unit) + "²";
}

std::vector<double> Measurement::segmentMetres() const
{
    std::vector<double> out;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        out.push_back(inverse(points[i], points[i + 1]));
    }
    if (area && points.size() >= 3) {
        out.push_back(inverse(points.back(), points.front()));
    }
    return out;
}

double Measurement::totalMetres() const
{
    double total = 0.0;
    for (const double s : segmentMetres()) {
        total += s;
    }
    return total;
}

double Measurement::areaSquareMetres() const
{
    if (points.size() < 3) {
        return 0.0;
    }
    std::vector<double> lats, lons;
    for (const Vec2d& p : points) {
        lats.push_back(p.y);
        lons.push_back(p.x);
    }
    double a = 0.0;
    geod_polygonarea(&wgs84(), lats.data(), lons.data(), static_cast<int>(points.size()), &a, nullptr);
    return std::abs(a);
}

std::vector<Vec2d> geodesicPath(Vec2d a, Vec2d b, double maxStepMetres, std::size_t maxPoints)
{
    geod_geodesicline line {};
    geod_inverseline(&line, &wgs84(), a.y, a.x, b.y, b.x, GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_DISTANCE_IN);
    const double length = line.s13;
    maxPoints = std::max<std::size_t>(maxPoints, 2);
    std::size_t steps = 1;
    if (maxStepMetres > 0.0 && std::isfinite(length)) {
        steps = static_cast<std::size_t>(std::ceil(length / maxStepMetres));
    }
    steps = std::clamp<std::size_t>(steps, 1, maxPoints - 1);
    std::vector<Vec2d> out;
    out.reserve(steps + 1);
    out.push_back(a);
    for (std::size_t i = 1; i < steps; ++i) {
        double lat = 0.0, lon = 0.0;
        geod_genposition(&line, GEOD_LONG_UNROLL, length * static_cast<double>(i) / static_cast<double>(steps), &lat,
            &lon, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        out.push_back({lon, lat});
    }
    // The end as given (not as computed, and unrolled to follow on from the path).
    Vec2d end = b;
    if (steps > 1) {
        const double last = out.back().x;
        end.x += 360.0 * std::round((last - end.x) / 360.0);
    } else {
        end.x += 360.0 * std::round((a.x - end.x) / 360.0);
    }
    out.push_back(end);
    return out;
}

} // namespace corridor::core

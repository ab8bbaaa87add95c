#include "core/geodesy.hpp"

#include <geodesic.h>

#include <cmath>

namespace corridor::core {

namespace {

const geod_geodesic& wgs84()
{
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, 6378137.0, 1.0 / 298.257223563);
        return init;
    }();
    return g;
}

} // namespace

double geodesicDistance(Vec2d a, Vec2d b)
{
    double s12 = 0.0;
    geod_inverse(&wgs84(), a.y, a.x, b.y, b.x, &s12, nullptr, nullptr);
    return s12;
}

Vec2d geodesicDestination(Vec2d from, double azimuthDegrees, double metres)
{
    double lat = 0.0, lon = 0.0;
    geod_direct(&wgs84(), from.y, from.x, azimuthDegrees, metres, &lat, &lon, nullptr);
    return {lon, lat};
}

double geodesicAzimuth(Vec2d a, Vec2d b)
{
    double s12 = 0.0, azi1 = 0.0, azi2 = 0.0;
    geod_inverse(&wgs84(), a.y, a.x, b.y, b.x, &s12, &azi1, &azi2);
    return azi1;
}

double geodesicLength(std::span<const Vec2d> line)
{
    double total = 0.0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        total += geodesicDistance(line[i], line[i + 1]);
    }
    return total;
}

double geodesicArea(std::span<const Vec2d> ring)
{
    std::size_t n = ring.size();
    if (n > 1 && ring.front() == ring.back()) {
        --n; // geod_polygon closes the ring itself
    }
    if (n < 3) {
        return 0.0;
    }
    geod_polygon poly{};
    geod_polygon_init(&poly, 0);
    for (std::size_t i = 0; i < n; ++i) {
        geod_polygon_addpoint(&wgs84(), &poly, ring[i].y, ring[i].x);
    }
    double area = 0.0;
    geod_polygon_compute(&wgs84(), &poly, 0, 1, &area, nullptr);
    return std::abs(area);
}

double featureLength(const Layer& layer, const Feature& feature)
{
    double total = 0.0;
    for (std::uint32_t p = feature.firstPart; p < feature.firstPart + feature.partCount; ++p) {
        const Part& part = layer.parts[p];
        const std::span<const Vec2d> pts(&layer.coords[part.first], part.count);
        total += geodesicLength(pts);
        if ((part.role == PartRole::OuterRing || part.role == PartRole::InnerRing) && part.count > 2 &&
            !(pts.front() == pts.back())) {
            total += geodesicDistance(pts.back(), pts.front());
        }
    }
    return total;
}

double featureArea(const Layer& layer, const Feature& feature)
{
    double total = 0.0;
    for (std::uint32_t p = feature.firstPart; p < feature.firstPart + feature.partCount; ++p) {
        const Part& part = layer.parts[p];
        const double a = geodesicArea(std::span<const Vec2d>(&layer.coords[part.first], part.count));
        if (part.role == PartRole::OuterRing) {
            total += a;
        } else if (part.role == PartRole::InnerRing) {
            total -= a;
        }
    }
    return total;
}

} // namespace corridor::core

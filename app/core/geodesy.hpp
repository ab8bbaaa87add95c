#pragma once
// Measurements on the WGS84 ellipsoid with PROJ's geodesic routines (Karney's algorithms). Inputs are lon/lat
// degrees (OGC:CRS84 order); never planar maths on projected coordinates.

#include "core/geometry.hpp"

#include <span>

namespace corridor::core {

// Distance between two points, metres.
double geodesicDistance(Vec2d a, Vec2d b);
// The point `metres` from `from` along the geodesic leaving it at `azimuthDegrees` (clockwise from north).
Vec2d geodesicDestination(Vec2d from, double azimuthDegrees, double metres);
// The initial azimuth (degrees clockwise from north) of the geodesic from a to b.
double geodesicAzimuth(Vec2d a, Vec2d b);
// Length of a polyline, metres.
double geodesicLength(std::span<const Vec2d> line);
// Area enclosed by a ring (closed or open), square metres, always positive.
double geodesicArea(std::span<const Vec2d> ring);
// Length in metres of all line parts and ring outlines of a feature, or area (outer minus holes) in m².
double featureLength(const Layer& layer, const Feature& feature);
double featureArea(const Layer& layer, const Feature& feature);

} // namespace corridor::core

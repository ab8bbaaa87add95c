#pragma once
// Polygon triangulation by ear clipping, run once per polygon on the loader thread (never per frame).

#include "core/geometry.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace corridor::core {

struct RingView {
    const Vec2d* points = nullptr;
    std::size_t count = 0;
};

// Triangulates one polygon: rings[0] is the exterior, the others are holes; either winding is accepted, and a
// ring may be closed (last point == first) or open. Appends triangles (3 indices each) to `indices`; an index
// refers to the concatenation of all rings' points in order, offset by `indexBase`. A closing duplicate point is
// never referenced. Every triangle is emitted counter-clockwise (y up). Degenerate input (fewer than 3 distinct
// points, zero area, NaN/inf coordinates or any beyond +-1e150, indices that would not fit in uint32) appends
// nothing; a degenerate hole, or one lying outside the exterior, is ignored. Holes may touch each other or the
// exterior at vertices. Self-intersecting rings still terminate and cover what can be covered. Returns the number
// of triangles appended. Cost: roughly linear in the vertex count of a simple polygon (each ear test goes through
// a spatial index), and bridging the holes in goes through a bucket grid, so thousands of holes cost about as much
// as their vertices rather than holes x vertices.
std::size_t triangulatePolygon(std::span<const RingView> rings, std::vector<std::uint32_t>& indices,
                               std::uint32_t indexBase = 0);

// Signed area (shoelace) of a ring: positive when counter-clockwise with y up.
double signedArea(RingView ring);

} // namespace corridor::core

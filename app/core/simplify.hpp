#pragma once
// Line and ring simplification (Douglas–Peucker) for the level-of-detail meshes. Pure, allocation only in the
// output and one scratch stack; runs on the loader thread.

#include "core/geometry.hpp"

#include <span>
#include <vector>

namespace corridor::core {

// Distance from p to the segment a–b.
double segmentDistance(Vec2d p, Vec2d a, Vec2d b);

// Appends to `out` the points of `line` that Douglas–Peucker keeps at `tolerance`: the first and last point
// always, and every point needed so that no dropped point lies farther than `tolerance` from the result. Cost
// O(n log n) even on Douglas–Peucker's quadratic inputs (stars, combs): a long span whose farthest point lies near
// one of its ends is also cut at its middle, which keeps a few more points than plain Douglas–Peucker would.
// A closed line (last point equal to the first) that would keep only its ends, one point drawn as nothing, keeps
// the speck simplifyRing keeps instead, closed again: an island's shoreline below the tolerance stays a dot.
void simplifyLine(std::span<const Vec2d> line, double tolerance, std::vector<Vec2d>& out);

// What simplifyRing made of a ring.
enum class RingResult {
    Dropped,    // nothing appended: fewer than three points, or a ring that collapses on one or two points
    Speck,      // the ring collapsed below the tolerance; three of its own points stand in for it (a dot)
    Simplified, // Douglas–Peucker's result: at least three points, within the tolerance of every dropped one
};

// Simplifies a ring (closed or open; the result is open) and appends the result to `out`. A ring that collapses
// (its bounding box is smaller than `tolerance` on both axes, or Douglas–Peucker leaves fewer than three points)
// becomes a speck: point 0, the point farthest from it and the point farthest from their chord, in ring order,
// so that an island below the level's resolution is still drawn as a dot, as Mapnik and QGIS draw it. A speck
// given back simplifies to itself. Deterministic: the result depends on the ring and the tolerance only.
RingResult simplifyRing(std::span<const Vec2d> ring, double tolerance, std::vector<Vec2d>& out);

} // namespace corridor::core

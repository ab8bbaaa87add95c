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
void simplifyLine(std::span<const Vec2d> line, double tolerance, std::vector<Vec2d>& out);

// Simplifies a ring (closed or open; the result is open). Appends nothing and returns false when the ring
// collapses: fewer than three points left, or its bounding box is smaller than `tolerance` on both axes (an islet
// below the level's resolution).
bool simplifyRing(std::span<const Vec2d> ring, double tolerance, std::vector<Vec2d>& out);

} // namespace corridor::core

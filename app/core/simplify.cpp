#include "core/simplify.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace corridor::core {

namespace {

// A span longer than this whose farthest point lies in its outer quarters is cut at its middle as well: plain
// Douglas–Peucker peels one point at a time off the end of such a span (a star, a comb, a zigzag around a curve), and
// each peel rescans the span, O(n^2) in all; with the extra cut every long span at least halves, so the long spans
// cost O(n log n) and the short ones at most n times this many distances. The middle point is one the result did not
// strictly need, so a line keeps at most about 2n/kBalancedSpan more points than plain Douglas–Peucker would, and
// every dropped point is still within the tolerance of the result.
constexpr std::size_t kBalancedSpan = 128;

// Squared distance from p to the segment a–b: the comparison with the squared tolerance needs no square root.
double segmentDistance2(Vec2d p, Vec2d a, Vec2d b)
{
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    const double ex = p.x - (a.x + t * dx);
    const double ey = p.y - (a.y + t * dy);
    return ex * ex + ey * ey;
}

} // namespace

double segmentDistance(Vec2d p, Vec2d a, Vec2d b) { return std::sqrt(segmentDistance2(p, a, b)); }

namespace {

// Marks the points to keep between first and last (inclusive ends already kept), iteratively: a 10^6-point
// line must not recurse 10^6 deep.
void markKept(std::span<const Vec2d> pts, std::size_t first, std::size_t last, double tolerance,
              std::vector<char>& keep, std::vector<std::pair<std::size_t, std::size_t>>& stack)
{
    const double tolerance2 = tolerance * tolerance;
    stack.clear();
    stack.emplace_back(first, last);
    while (!stack.empty()) {
        const auto [i, j] = stack.back();
        stack.pop_back();
        if (j <= i + 1) {
            continue;
        }
        double worst = -1.0;
        std::size_t at = i;
        for (std::size_t k = i + 1; k < j; ++k) {
            const double d = segmentDistance2(pts[k], pts[i], pts[j]);
            if (d > worst) {
                worst = d;
                at = k;
            }
        }
        if (!(worst > tolerance2)) {
            continue;
        }
        keep[at] = 1;
        const std::size_t span = j - i;
        if (span > kBalancedSpan && (at - i < span / 4 || j - at < span / 4)) {
            const std::size_t mid = i + span / 2;
            keep[mid] = 1;
            const std::size_t lo = std::min(at, mid);
            const std::size_t hi = std::max(at, mid);
            stack.emplace_back(i, lo);
            stack.emplace_back(lo, hi);
            stack.emplace_back(hi, j);
            continue;
        }
        stack.emplace_back(i, at);
        stack.emplace_back(at, j);
    }
}

} // namespace

void simplifyLine(std::span<const Vec2d> line, double tolerance, std::vector<Vec2d>& out)
{
    if (line.size() <= 2 || !(tolerance > 0.0)) {
        out.insert(out.end(), line.begin(), line.end());
        return;
    }
    std::vector<char> keep(line.size(), 0);
    keep.front() = 1;
    keep.back() = 1;
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    markKept(line, 0, line.size() - 1, tolerance, keep, stack);
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (keep[i] != 0) {
            out.push_back(line[i]);
        }
    }
}

bool simplifyRing(std::span<const Vec2d> ring, double tolerance, std::vector<Vec2d>& out)
{
    std::size_t n = ring.size();
    if (n > 1 && ring.front() == ring.back()) {
        --n;
    }
    if (n < 3) {
        return false;
    }
    const std::span<const Vec2d> pts = ring.first(n);
    Bounds b;
    for (const Vec2d& p : pts) {
        b.add(p);
    }
    if (b.width() < tolerance && b.height() < tolerance) {
        return false;
    }
    if (!(tolerance > 0.0)) {
        out.insert(out.end(), pts.begin(), pts.end());
        return true;
    }
    // Anchor the ring at point 0 and at the point farthest from it, then simplify both halves.
    std::size_t far = 0;
    double farDist = -1.0;
    for (std::size_t k = 1; k < n; ++k) {
        const double d = std::hypot(pts[k].x - pts[0].x, pts[k].y - pts[0].y);
        if (d > farDist) {
            farDist = d;
            far = k;
        }
    }
    std::vector<Vec2d> closed(pts.begin(), pts.end());
    closed.push_back(pts[0]);
    std::vector<char> keep(closed.size(), 0);
    keep[0] = keep[far] = keep[n] = 1;
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    markKept(closed, 0, far, tolerance, keep, stack);
    markKept(closed, far, n, tolerance, keep, stack);
    const std::size_t before = out.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (keep[i] != 0) {
            out.push_back(closed[i]);
        }
    }
    if (out.size() - before < 3) {
        out.resize(before);
        return false;
    }
    return true;
}

} // namespace corridor::core

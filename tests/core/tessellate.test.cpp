#include "core/tessellate.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

using corridor::core::RingView;
using corridor::core::signedArea;
using corridor::core::triangulatePolygon;
using corridor::core::Vec2d;

namespace {

using Ring = std::vector<Vec2d>;

struct Triangulation {
    std::vector<Vec2d> points; // all rings concatenated: what the output indices refer to (before indexBase)
    std::vector<std::uint32_t> indices;
    std::size_t count = 0;
};

Triangulation triangulate(const std::vector<Ring>& rings, std::uint32_t indexBase = 0)
{
    Triangulation t;
    std::vector<RingView> views;
    for (const Ring& ring : rings) {
        views.push_back({ring.data(), ring.size()});
        t.points.insert(t.points.end(), ring.begin(), ring.end());
    }
    t.count = triangulatePolygon(views, t.indices, indexBase);
    return t;
}

double cross(Vec2d a, Vec2d b, Vec2d c)
{
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

double expectedArea(const std::vector<Ring>& rings)
{
    double area = std::abs(signedArea({rings[0].data(), rings[0].size()}));
    for (std::size_t i = 1; i < rings.size(); ++i) {
        area -= std::abs(signedArea({rings[i].data(), rings[i].size()}));
    }
    return area;
}

// Checks the structural contract and returns the summed triangle area: indices in range, never a closing duplicate,
// count consistent, and every triangle counter-clockwise (no flipped triangle cancelling area elsewhere).
double checkedArea(const std::vector<Ring>& rings, const Triangulation& t, std::uint32_t indexBase = 0)
{
    REQUIRE(t.indices.size() == t.count * 3);
    std::vector<bool> closingDuplicate(t.points.size(), false);
    std::size_t offset = 0;
    double scale = 0.0;
    for (const Ring& ring : rings) {
        if (ring.size() >= 2 && ring.front() == ring.back()) {
            closingDuplicate[offset + ring.size() - 1] = true;
        }
        offset += ring.size();
        for (const Vec2d& p : ring) {
            scale = std::max({scale, std::abs(p.x - rings[0][0].x), std::abs(p.y - rings[0][0].y)});
        }
    }
    const Vec2d origin = rings[0][0];
    double total = 0.0;
    std::size_t flipped = 0;
    std::size_t outOfRange = 0;
    std::size_t closing = 0;
    for (std::size_t i = 0; i < t.indices.size(); i += 3) {
        Vec2d v[3];
        bool valid = true;
        for (int k = 0; k < 3; ++k) {
            const std::uint32_t index = t.indices[i + k];
            if (index < indexBase || index - indexBase >= t.points.size()) {
                ++outOfRange;
                valid = false;
                break;
            }
            if (closingDuplicate[index - indexBase]) {
                ++closing;
            }
            v[k] = t.points[index - indexBase] - origin;
        }
        if (!valid) {
            continue;
        }
        const double twice = cross(v[0], v[1], v[2]);
        if (twice < -1e-12 * scale * scale) {
            ++flipped;
        }
        total += twice * 0.5;
    }
    CHECK(outOfRange == 0);
    CHECK(closing == 0);
    CHECK(flipped == 0);
    return total;
}

void checkArea(const std::vector<Ring>& rings, const Triangulation& t, std::uint32_t indexBase = 0)
{
    const double expected = expectedArea(rings);
    const double actual = checkedArea(rings, t, indexBase);
    CHECK(std::abs(actual - expected) <= 1e-9 * std::abs(expected));
}

bool insidePolygon(const std::vector<Ring>& rings, Vec2d p)
{
    bool inside = false;
    for (const Ring& ring : rings) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const Vec2d a = ring[i];
            const Vec2d b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)) {
                inside = !inside;
            }
        }
    }
    return inside;
}

// Random points (which never sit exactly on an edge) must be covered by exactly one triangle inside the polygon
// and by none outside: catches overlaps, gaps and triangles spilling into holes that the area sum could miss.
void checkCoverage(const std::vector<Ring>& rings, const Triangulation& t, int samples)
{
    double minX = std::numeric_limits<double>::infinity();
    double minY = minX;
    double maxX = -minX;
    double maxY = -minX;
    for (const Vec2d& p : rings[0]) {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> ux(minX, maxX);
    std::uniform_real_distribution<double> uy(minY, maxY);
    int wrong = 0;
    for (int s = 0; s < samples; ++s) {
        const Vec2d p{ux(rng), uy(rng)};
        int covering = 0;
        for (std::size_t i = 0; i < t.indices.size(); i += 3) {
            const Vec2d a = t.points[t.indices[i]];
            const Vec2d b = t.points[t.indices[i + 1]];
            const Vec2d c = t.points[t.indices[i + 2]];
            if (cross(a, b, p) > 0.0 && cross(b, c, p) > 0.0 && cross(c, a, p) > 0.0) {
                ++covering;
            }
        }
        if (covering != (insidePolygon(rings, p) ? 1 : 0)) {
            ++wrong;
        }
    }
    CHECK(wrong == 0);
}

Ring rectangle(double x0, double y0, double x1, double y1, bool ccw, bool closed)
{
    Ring r{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    if (!ccw) {
        std::reverse(r.begin(), r.end());
    }
    if (closed) {
        r.push_back(r.front());
    }
    return r;
}

Ring reversed(Ring r)
{
    std::reverse(r.begin(), r.end());
    return r;
}

Ring closedRing(Ring r)
{
    r.push_back(r.front());
    return r;
}

// A bar along y in [0, 1] with `teeth` unit-wide teeth rising to y = 5: concave, with many collinear vertices.
Ring comb(int teeth)
{
    Ring r{{0.0, 0.0}, {2.0 * teeth - 1.0, 0.0}};
    for (int i = teeth - 1; i >= 0; --i) {
        r.push_back({2.0 * i + 1.0, 5.0});
        r.push_back({2.0 * i, 5.0});
        if (i > 0) {
            r.push_back({2.0 * i, 1.0});
            r.push_back({2.0 * i - 1.0, 1.0});
        }
    }
    return r;
}

// Star-shaped about the origin (angles increase, radii random), hence simple.
Ring star(std::size_t n, double minRadius, double maxRadius, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> radius(minRadius, maxRadius);
    Ring r;
    r.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double angle = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
        const double rho = radius(rng);
        r.push_back({rho * std::cos(angle), rho * std::sin(angle)});
    }
    return r;
}

std::vector<Ring> squareWithThreeHoles(bool ccwOuter, bool ccwHoles, bool closed)
{
    return {
        rectangle(0, 0, 10, 10, ccwOuter, closed),
        rectangle(1, 1, 3, 3, ccwHoles, closed),
        rectangle(4, 1, 6, 3, ccwHoles, closed), // beside the first: its bridge ray meets that hole
        rectangle(1, 6, 3, 8, ccwHoles, closed), // above the first: both bridges aim at the same corner
    };
}

} // namespace

TEST_CASE("signedArea follows the winding and ignores a closing duplicate")
{
    const Ring ccw = rectangle(0, 0, 2, 3, true, false);
    const Ring cw = rectangle(0, 0, 2, 3, false, true);
    CHECK(signedArea({ccw.data(), ccw.size()}) == doctest::Approx(6.0));
    CHECK(signedArea({cw.data(), cw.size()}) == doctest::Approx(-6.0));
    CHECK(signedArea({ccw.data(), 2}) == 0.0);
    CHECK(signedArea({}) == 0.0);
}

TEST_CASE("a square in every winding and closure gives two triangles covering it")
{
    for (const bool ccw : {true, false}) {
        for (const bool closed : {true, false}) {
            CAPTURE(ccw);
            CAPTURE(closed);
            const std::vector<Ring> rings{rectangle(0, 0, 1, 1, ccw, closed)};
            const Triangulation t = triangulate(rings);
            CHECK(t.count == 2);
            checkArea(rings, t);
        }
    }
}

TEST_CASE("a concave comb is covered exactly once")
{
    const Ring teeth = comb(12);
    for (const bool ccw : {true, false}) {
        for (const bool closed : {true, false}) {
            CAPTURE(ccw);
            CAPTURE(closed);
            Ring ring = ccw ? teeth : reversed(teeth);
            if (closed) {
                ring = closedRing(ring);
            }
            const std::vector<Ring> rings{ring};
            const Triangulation t = triangulate(rings);
            CHECK(expectedArea(rings) == doctest::Approx(23.0 + 48.0));
            checkArea(rings, t);
            checkCoverage(rings, t, 2000);
        }
    }
}

TEST_CASE("a square with one hole")
{
    for (const bool ccwOuter : {true, false}) {
        for (const bool ccwHole : {true, false}) {
            for (const bool closed : {true, false}) {
                CAPTURE(ccwOuter);
                CAPTURE(ccwHole);
                CAPTURE(closed);
                const std::vector<Ring> rings{rectangle(0, 0, 10, 10, ccwOuter, closed),
                                              rectangle(2, 3, 5, 7, ccwHole, closed)};
                const Triangulation t = triangulate(rings);
                CHECK(t.count == 4 + 4 + 2 * 1 - 2); // n + 2h - 2
                CHECK(expectedArea(rings) == doctest::Approx(88.0));
                checkArea(rings, t);
                checkCoverage(rings, t, 2000);
            }
        }
    }
}

TEST_CASE("a square with three holes, two of them bridged towards the same corner")
{
    for (const bool ccwOuter : {true, false}) {
        for (const bool ccwHoles : {true, false}) {
            for (const bool closed : {true, false}) {
                CAPTURE(ccwOuter);
                CAPTURE(ccwHoles);
                CAPTURE(closed);
                const std::vector<Ring> rings = squareWithThreeHoles(ccwOuter, ccwHoles, closed);
                const Triangulation t = triangulate(rings);
                // Aligned corners make bridges collinear with hole edges; those straight vertices are dropped, so
                // n + 2h - 2 is only an upper bound here.
                CHECK(t.count >= 12);
                CHECK(t.count <= 16 + 2 * 3 - 2);
                CHECK(expectedArea(rings) == doctest::Approx(100.0 - 12.0));
                checkArea(rings, t);
                checkCoverage(rings, t, 3000);
            }
        }
    }
}

TEST_CASE("holes in a concave polygon, given in no particular order")
{
    const std::vector<Ring> rings{comb(6), rectangle(8.2, 2, 8.8, 4.5, true, false),
                                  rectangle(0.3, 0.2, 0.7, 4, false, false),
                                  rectangle(4.25, 1.5, 4.75, 2.5, true, true),
                                  rectangle(4.25, 3, 4.75, 4, false, false)};
    const Triangulation t = triangulate(rings);
    checkArea(rings, t);
    checkCoverage(rings, t, 3000);
}

TEST_CASE("a 1000-vertex random star-shaped polygon")
{
    const Ring ring = star(1000, 0.2, 1.0, 12345);
    for (const bool ccw : {true, false}) {
        CAPTURE(ccw);
        const std::vector<Ring> rings{ccw ? ring : reversed(ring)};
        const Triangulation t = triangulate(rings);
        CHECK(t.count == 998);
        checkArea(rings, t);
        checkCoverage(rings, t, 1000);
    }
}

TEST_CASE("a random star with holes and far-from-origin coordinates")
{
    // Projected metres: large offsets must not cost precision (the area is taken about the first point).
    Ring outer = star(600, 900.0, 1000.0, 99);
    Ring hole1 = reversed(star(50, 100.0, 150.0, 5));
    Ring hole2 = star(70, 100.0, 150.0, 6);
    for (Vec2d& p : hole1) {
        p = p + Vec2d{-400.0, 100.0};
    }
    for (Vec2d& p : hole2) {
        p = p + Vec2d{300.0, -200.0};
    }
    std::vector<Ring> rings{outer, hole1, hole2};
    for (Ring& r : rings) {
        for (Vec2d& p : r) {
            p = p + Vec2d{4.2e6, 5.7e6};
        }
    }
    const Triangulation t = triangulate(rings);
    CHECK(t.count == 600 + 50 + 70 + 2 * 2 - 2);
    checkArea(rings, t);
    checkCoverage(rings, t, 1000);
}

TEST_CASE("collinear and repeated points are tolerated and never produce slivers of negative area")
{
    const Ring ring{{0, 0}, {1, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 2}, {3, 3},
                    {1.5, 3}, {0, 3}, {0, 3}, {0, 1.5}, {0, 0}, {0, 0}};
    for (const bool ccw : {true, false}) {
        CAPTURE(ccw);
        const std::vector<Ring> rings{ccw ? ring : reversed(ring)};
        const Triangulation t = triangulate(rings);
        CHECK(t.count >= 2);
        CHECK(expectedArea(rings) == doctest::Approx(9.0));
        checkArea(rings, t);
        checkCoverage(rings, t, 500);
    }
}

TEST_CASE("the closing duplicate is never referenced")
{
    const std::vector<Ring> rings{rectangle(0, 0, 4, 4, true, true), rectangle(1, 1, 2, 2, false, true)};
    const Triangulation t = triangulate(rings);
    REQUIRE(t.count > 0);
    for (const std::uint32_t index : t.indices) {
        CHECK(index != 4); // outer ring's closing point
        CHECK(index != 9); // hole's closing point
    }
}

TEST_CASE("indexBase offsets every index and earlier contents are kept")
{
    const std::vector<Ring> rings = squareWithThreeHoles(true, false, true);
    const Triangulation plain = triangulate(rings);
    const Triangulation shifted = triangulate(rings, 1000);
    REQUIRE(plain.count > 0);
    REQUIRE(shifted.indices.size() == plain.indices.size());
    for (std::size_t i = 0; i < plain.indices.size(); ++i) {
        CHECK(shifted.indices[i] == plain.indices[i] + 1000);
    }
    checkArea(rings, shifted, 1000);

    std::vector<RingView> views;
    for (const Ring& r : rings) {
        views.push_back({r.data(), r.size()});
    }
    std::vector<std::uint32_t> indices{7, 8, 9};
    const std::size_t count = triangulatePolygon(views, indices, 3);
    CHECK(count == plain.count);
    REQUIRE(indices.size() == 3 + 3 * count);
    CHECK(indices[0] == 7);
    CHECK(indices[3] == plain.indices[0] + 3);
}

Ring diamond(double leftX, double midY)
{
    return {{leftX, midY}, {leftX + 1.0, midY - 1.0}, {leftX + 2.0, midY}, {leftX + 1.0, midY + 1.0}};
}

TEST_CASE("holes in one row are bridged left to right whatever their input order")
{
    // Each hole's leftward ray must stop at the hole to its left; bridged first, the right one would run along
    // y = 5 to the exterior's notch at (0.5, 5) straight through the others.
    const std::vector<Ring> rings{Ring{{0, 0}, {20, 0}, {20, 10}, {0, 10}, {0.5, 5}}, diamond(14, 5),
                                  diamond(2, 5.3), diamond(8, 5.3), diamond(11, 5.5)};
    const Triangulation t = triangulate(rings);
    checkArea(rings, t);
    checkCoverage(rings, t, 3000);
}

TEST_CASE("a bridge avoids an exterior wall hiding the first candidate vertex")
{
    // The ray from the hole passes above the wall and meets the left side, whose nearer end (0, 0) is hidden
    // from the hole by the wall; the bridge must go to the wall's top corner instead.
    const std::vector<Ring> rings{Ring{{0, 0}, {2, 0}, {2, 4}, {2.5, 4}, {2.5, 0}, {10, 0}, {10, 10}, {0, 10}},
                                  diamond(5, 4.8)};
    const Triangulation t = triangulate(rings);
    CHECK(t.count == 8 + 4 + 2 - 2);
    checkArea(rings, t);
    checkCoverage(rings, t, 3000);
}

TEST_CASE("a second bridge to the same corner leaves from the side facing its hole")
{
    // Both holes bridge to the exterior's corner (-1, 5). After the first bridge (to the upper hole) that corner
    // exists twice; the lower hole lies in the sector of the copy that comes later along the ring.
    for (const bool closed : {false, true}) {
        CAPTURE(closed);
        Ring outer{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {-1, 5}};
        if (closed) {
            outer = closedRing(outer);
        }
        const std::vector<Ring> rings{outer, rectangle(1, 7, 3, 8, false, closed), rectangle(2, 3, 4, 4, true, closed)};
        const Triangulation t = triangulate(rings);
        checkArea(rings, t);
        checkCoverage(rings, t, 3000);
    }
}

TEST_CASE("holes touching at corners, in projected coordinates")
{
    // A checkerboard of square holes: every hole meets its neighbours at single points, where the ring touches
    // itself, and the holes wall in cells of the interior that connect to the rest only through those points.
    // Cell edges of 0.15 at an offset of millions are not representable, so collinear corners are only collinear
    // in the rounded coordinates: orientation must be decided exactly. The corners are computed once and shared,
    // as touching holes share coordinates in real data.
    const double cell = 0.15;
    const Vec2d offset{3.1e6, -4.7e5};
    std::vector<double> grid;
    for (int i = 0; i <= 6; ++i) {
        grid.push_back(-3 * cell + i * cell);
    }
    std::vector<Ring> rings{Ring{offset + Vec2d{-1, -1}, offset + Vec2d{1, -1}, offset + Vec2d{1, 1},
                                 offset + Vec2d{-1, 1}}};
    for (int i = 0; i < 6; ++i) {
        for (int j = 0; j < 6; ++j) {
            if ((i + j) % 2 == 0) {
                Ring hole{{grid[i], grid[j]}, {grid[i + 1], grid[j]}, {grid[i + 1], grid[j + 1]},
                          {grid[i], grid[j + 1]}};
                for (Vec2d& p : hole) {
                    p = p + offset;
                }
                rings.push_back((i * 7 + j) % 3 == 0 ? reversed(hole) : hole);
            }
        }
    }
    const Triangulation t = triangulate(rings);
    checkArea(rings, t);
    checkCoverage(rings, t, 4000);
}

TEST_CASE("random star-shaped polygons with random, touching and projected holes")
{
    // A small fixed-seed sweep over the situations above combined: both windings, closed or open rings, holes that
    // are stars or grid cells sharing corners (and, in one mode, whole edges), at the origin or millions away.
    std::mt19937 rng(2718);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int round = 0; round < 48; ++round) {
        CAPTURE(round);
        const int mode = round % 3;
        std::vector<Ring> rings{star(16 + static_cast<std::size_t>(u(rng) * 60), 0.6, 1.0, 100 + round)};
        const double cell = 0.15;
        for (int k = 0; k < 16; ++k) {
            const int i = k % 4;
            const int j = k / 4;
            if (u(rng) < 0.4 || (mode == 1 && (i + j) % 2 == 1)) {
                continue;
            }
            const double x0 = -2 * cell + i * cell;
            const double y0 = -2 * cell + j * cell;
            if (mode == 0) {
                Ring hole = star(3 + static_cast<std::size_t>(u(rng) * 12), 0.02, 0.07, 500 + round * 16 + k);
                for (Vec2d& p : hole) {
                    p = p + Vec2d{x0 + cell / 2, y0 + cell / 2};
                }
                rings.push_back(hole);
            } else {
                // Corners from one expression so that neighbours share them exactly.
                const auto at = [&](int n) { return -2 * cell + n * cell; };
                rings.push_back({{at(i), at(j)}, {at(i + 1), at(j)}, {at(i + 1), at(j + 1)}, {at(i), at(j + 1)}});
            }
        }
        const Vec2d offset = round % 2 == 0 ? Vec2d{0.0, 0.0} : Vec2d{3.1e6, -4.7e5};
        for (Ring& r : rings) {
            if (u(rng) < 0.5) {
                std::reverse(r.begin(), r.end());
            }
            std::rotate(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(u(rng) * r.size()), r.end());
            if (u(rng) < 0.5) {
                r.push_back(r.front());
            }
            for (Vec2d& p : r) {
                p = p + offset;
            }
        }
        const Triangulation t = triangulate(rings);
        checkArea(rings, t);
        checkCoverage(rings, t, 200);
    }
}

TEST_CASE("degenerate input appends nothing")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<std::vector<Ring>> cases{
        {},
        {Ring{}},
        {Ring{{0, 0}}},
        {Ring{{0, 0}, {1, 1}}},
        {Ring{{0, 0}, {1, 1}, {0, 0}}},
        {Ring{{2, 2}, {2, 2}, {2, 2}, {2, 2}}},
        {Ring{{0, 0}, {1, 0}, {2, 0}, {3, 0}}},             // collinear
        {Ring{{0, 0}, {1, 0}, {2, 0}, {1, 0}, {0, 0}}},     // there and back: zero area
        {Ring{{0, 0}, {2, 2}, {2, 0}, {0, 2}}},             // symmetric bow-tie: lobes cancel exactly
        {Ring{{0, 0}, {1, 0}, {nan, 1}, {0, 1}}},
        {Ring{{0, 0}, {1, 0}, {1, inf}, {0, 1}}},
        {rectangle(0, 0, 10, 10, true, false), Ring{{1, 1}, {2, 1}, {2, -inf}}}, // bad hole spoils the polygon
        {Ring{{0, 0}, {1e200, 0}, {0, 1e200}}},             // products would overflow
        {Ring{{0, 0}, {1, 0}}, rectangle(0, 0, 1, 1, true, false)}, // holes without an exterior
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        CAPTURE(i);
        std::vector<RingView> views;
        for (const Ring& r : cases[i]) {
            views.push_back({r.data(), r.size()});
        }
        std::vector<std::uint32_t> indices{1, 2, 3};
        CHECK(triangulatePolygon(views, indices) == 0);
        CHECK(indices.size() == 3);
    }
}

TEST_CASE("degenerate holes are ignored, as is a hole outside the exterior")
{
    const Ring outer = rectangle(0, 0, 10, 10, true, false);
    const std::vector<Ring> rings{outer, Ring{{1, 1}, {2, 2}}, Ring{{3, 3}, {4, 4}, {5, 5}},
                                  rectangle(20, 2, 22, 4, false, false), rectangle(-5, 2, -3, 4, false, false)};
    const Triangulation t = triangulate(rings);
    CHECK(checkedArea(rings, t) == doctest::Approx(100.0));
    checkCoverage({outer}, t, 1000);
}

TEST_CASE("a hole touching the exterior at a vertex")
{
    const std::vector<Ring> rings{Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 5}}, Ring{{0, 5}, {3, 4}, {3, 6}}};
    const Triangulation t = triangulate(rings);
    CHECK(expectedArea(rings) == doctest::Approx(97.0));
    checkArea(rings, t);
    checkCoverage(rings, t, 2000);
}

TEST_CASE("self-intersecting rings terminate and emit only valid counter-clockwise triangles")
{
    Ring pentagram;
    for (int i = 0; i < 5; ++i) {
        const double angle = 2.0 * std::numbers::pi * (2 * i % 5) / 5.0;
        pentagram.push_back({std::cos(angle), std::sin(angle)});
    }
    // Random points in random order: about as tangled as a ring gets.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Ring scribble;
    for (int i = 0; i < 3000; ++i) {
        scribble.push_back({u(rng), u(rng)});
    }
    const std::vector<Ring> shapes{
        Ring{{0, 0}, {4, 4}, {4, 0}, {0, 2}},                   // asymmetric bow-tie
        Ring{{0, 0}, {2, 0}, {2, 2}, {1, 2}, {1, -1}, {0, -1}}, // a tail crossing back through the body
        pentagram,                                             // every vertex convex, winding number 2 inside
        scribble,
    };
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        CAPTURE(i);
        const std::vector<Ring> rings{shapes[i]};
        const Triangulation t = triangulate(rings);
        CHECK(t.count > 0);
        CHECK(checkedArea(rings, t) > 0.0);
    }
}

TEST_CASE("a figure-eight crossing at a vertex: both lobes covered once, the backward one too")
{
    // Lobes of different sizes so that the signed area does not cancel; the crossing at the origin is a vertex
    // (set exactly: cos and sin would miss it by 1e-16 and make the edges cross), so each lobe is a simple polygon,
    // one counter-clockwise and one clockwise.
    Ring ring;
    const int n = 400;
    for (int i = 0; i < n; ++i) {
        const double t = 2.0 * std::numbers::pi * i / n;
        const double stretch = std::cos(t) >= 0.0 ? 1.0 : 2.0;
        ring.push_back(i % (n / 2) == n / 4 ? Vec2d{0.0, 0.0} : Vec2d{stretch * std::cos(t), std::sin(2.0 * t)});
    }
    const std::vector<Ring> rings{ring};
    const Triangulation t = triangulate(rings);
    Ring right;
    Ring left;
    for (const Vec2d& p : ring) {
        if (p.x >= 0.0) {
            right.push_back(p);
        }
        if (p.x <= 0.0) {
            left.push_back(p);
        }
    }
    const double lobes = std::abs(signedArea({right.data(), right.size()})) +
                         std::abs(signedArea({left.data(), left.size()}));
    CHECK(checkedArea(rings, t) == doctest::Approx(lobes).epsilon(1e-9));
    checkCoverage(rings, t, 2000);
}

TEST_CASE("a 200,000-vertex noisy circle")
{
    const Ring ring = star(200000, 0.999, 1.001, 2024); // radial noise ~30x the vertex spacing: very jagged
    const std::vector<Ring> rings{ring};
    const Triangulation t = triangulate(rings);
    CHECK(t.count == ring.size() - 2);
    checkArea(rings, t);
}

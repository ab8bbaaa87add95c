#include "core/simplify.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <vector>

using namespace corridor::core;

namespace {

// Largest distance from any input point to the simplified polyline.
double maxDeviation(const std::vector<Vec2d>& input, const std::vector<Vec2d>& kept, bool closed)
{
    double worst = 0.0;
    for (const Vec2d& p : input) {
        double best = INFINITY;
        for (std::size_t i = 0; i + 1 < kept.size(); ++i) {
            best = std::min(best, segmentDistance(p, kept[i], kept[i + 1]));
        }
        if (closed && kept.size() > 2) {
            best = std::min(best, segmentDistance(p, kept.back(), kept.front()));
        }
        worst = std::max(worst, best);
    }
    return worst;
}

std::vector<Vec2d> randomWalk(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, 1.0);
    std::vector<Vec2d> pts{{0.0, 0.0}};
    for (std::size_t i = 1; i < n; ++i) {
        pts.push_back({pts.back().x + step(rng), pts.back().y + step(rng)});
    }
    return pts;
}

} // namespace

TEST_CASE("simplification keeps both endpoints and stays within the tolerance")
{
    const std::vector<Vec2d> walk = randomWalk(5000, 42);
    for (const double tol : {0.1, 1.0, 5.0, 40.0}) {
        std::vector<Vec2d> kept;
        simplifyLine(walk, tol, kept);
        REQUIRE(kept.size() >= 2);
        CHECK(kept.front() == walk.front());
        CHECK(kept.back() == walk.back());
        CHECK(maxDeviation(walk, kept, false) <= tol + 1e-9);
        CHECK(kept.size() < walk.size());
    }
}

TEST_CASE("a coarser tolerance never keeps more points")
{
    const std::vector<Vec2d> walk = randomWalk(3000, 7);
    std::size_t previous = walk.size() + 1;
    for (const double tol : {0.01, 0.5, 2.0, 8.0, 32.0}) {
        std::vector<Vec2d> kept;
        simplifyLine(walk, tol, kept);
        CHECK(kept.size() <= previous);
        previous = kept.size();
    }
}

TEST_CASE("straight and degenerate lines")
{
    std::vector<Vec2d> line;
    for (int i = 0; i <= 100; ++i) {
        line.push_back({static_cast<double>(i), 2.0 * i});
    }
    std::vector<Vec2d> kept;
    simplifyLine(line, 1e-6, kept);
    CHECK(kept.size() == 2);
    kept.clear();
    simplifyLine(std::vector<Vec2d>{{1, 1}}, 1.0, kept);
    CHECK(kept.size() == 1);
    kept.clear();
    simplifyLine(line, 0.0, kept); // zero tolerance keeps everything
    CHECK(kept.size() == line.size());
}

TEST_CASE("rings stay within tolerance, and a ring far below it is a speck of three of its points")
{
    std::vector<Vec2d> circle;
    for (int i = 0; i < 720; ++i) {
        const double a = i * M_PI / 360.0;
        circle.push_back({100.0 * std::cos(a), 100.0 * std::sin(a)});
    }
    circle.push_back(circle.front()); // closed
    std::vector<Vec2d> kept;
    REQUIRE(simplifyRing(circle, 1.0, kept) == RingResult::Simplified);
    CHECK(kept.size() >= 3);
    CHECK(kept.size() < 100);
    CHECK(maxDeviation(circle, kept, true) <= 1.0 + 1e-9);
    CHECK(!(kept.front() == kept.back())); // the result is open

    kept.clear();
    CHECK(simplifyRing(circle, 250.0, kept) == RingResult::Speck); // the whole ring is smaller than the tolerance
    CHECK(kept.size() == 3);
    kept.clear();
    CHECK(simplifyRing(std::vector<Vec2d>{{0, 0}, {1, 0}, {0, 0}}, 0.1, kept) == RingResult::Dropped);
    CHECK(kept.empty());
}

TEST_CASE("a ring below the tolerance stays a speck: point 0, the farthest from it, the farthest from their chord")
{
    // An islet 0.3 wide and 0.2 high at a tolerance of 1: the old code dropped it, so an island under a pixel left
    // no ink where Mapnik and QGIS draw a dot.
    const std::vector<Vec2d> islet{{10.00, 5.00}, {10.12, 4.98}, {10.25, 5.03}, {10.30, 5.10},
                                   {10.22, 5.18}, {10.10, 5.20}, {10.02, 5.12}, {10.00, 5.00}};
    std::vector<Vec2d> kept{{-1.0, -1.0}}; // simplifyRing appends: what is there stays
    REQUIRE(simplifyRing(islet, 1.0, kept) == RingResult::Speck);
    REQUIRE(kept.size() == 4);
    CHECK(kept[0] == Vec2d{-1.0, -1.0});
    const std::vector<Vec2d> speck(kept.begin() + 1, kept.end());
    // Point 0, then (10.30, 5.10) farthest from it, and (10.10, 5.20) farthest from their chord, in ring order.
    CHECK(speck == std::vector<Vec2d>{{10.00, 5.00}, {10.30, 5.10}, {10.10, 5.20}});
    const Vec2d a = speck[0], b = speck[1], c = speck[2];
    CHECK(std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) > 0.02); // a triangle, not a sliver
    // Each point is one of the input's, in the input's order.
    std::size_t from = 0;
    for (const Vec2d& p : speck) {
        const auto at = std::find(islet.begin() + static_cast<std::ptrdiff_t>(from), islet.end(), p);
        REQUIRE(at != islet.end());
        from = static_cast<std::size_t>(at - islet.begin()) + 1;
    }
    // The coarser levels are simplified from the finer ones: a speck stays the same speck.
    std::vector<Vec2d> again;
    CHECK(simplifyRing(speck, 4.0, again) == RingResult::Speck);
    CHECK(again == speck);
    // Open or closed, the same speck.
    std::vector<Vec2d> open;
    CHECK(simplifyRing(std::span(islet).first(islet.size() - 1), 1.0, open) == RingResult::Speck);
    CHECK(open == speck);
}

TEST_CASE("a ring Douglas-Peucker thins to two points is a speck along its length")
{
    // A sliver 10 long and 0.2 wide: its bounds exceed the tolerance, but every point lies within it of the chord
    // from point 0 to the far end. Kept as a long thin triangle, drawn as a short line.
    const std::vector<Vec2d> sliver{{0, 0}, {5, -0.1}, {10, 0}, {7, 0.1}, {2, 0.08}};
    std::vector<Vec2d> kept;
    REQUIRE(simplifyRing(sliver, 1.0, kept) == RingResult::Speck);
    CHECK(kept == std::vector<Vec2d>{{0, 0}, {5, -0.1}, {10, 0}});
    // Below the tolerance that keeps its shape it is simplified as ever.
    kept.clear();
    CHECK(simplifyRing(sliver, 0.05, kept) == RingResult::Simplified);
    CHECK(kept.size() >= 4);
}

TEST_CASE("a ring on one point, or back and forth between two, is dropped")
{
    std::vector<Vec2d> kept{{7.0, 7.0}};
    CHECK(simplifyRing(std::vector<Vec2d>{{3, 3}, {3, 3}, {3, 3}, {3, 3}}, 1.0, kept) == RingResult::Dropped);
    CHECK(simplifyRing(std::vector<Vec2d>{{3, 3}, {3.5, 3}, {3, 3}, {3.5, 3}, {3, 3}}, 1.0, kept) ==
          RingResult::Dropped);
    CHECK(simplifyRing(std::vector<Vec2d>{{0, 0}, {10, 0}, {0, 0}, {10, 0}}, 1.0, kept) == RingResult::Dropped);
    CHECK(simplifyRing(std::vector<Vec2d>{{0, 0}, {1, 1}}, 1.0, kept) == RingResult::Dropped); // not a ring at all
    CHECK(kept == std::vector<Vec2d>{{7.0, 7.0}}); // nothing appended, nothing taken away
    // Three distinct points on a line have no area but an extent: a speck, which the outline draws as a line.
    CHECK(simplifyRing(std::vector<Vec2d>{{0, 0}, {0.2, 0}, {0.5, 0}, {0.1, 0}}, 1.0, kept) == RingResult::Speck);
    CHECK(kept == std::vector<Vec2d>{{7.0, 7.0}, {0, 0}, {0.2, 0}, {0.5, 0}});
}

TEST_CASE("a ring above the tolerance is simplified as before specks were kept")
{
    // Results of the simplification before specks, recorded: the rings Douglas-Peucker keeps are untouched.
    const std::vector<Vec2d> square{{0, 0}, {0.75, 0.01}, {1.5, 0}, {1.49, 0.8}, {1.5, 1.5}, {0.7, 1.52}, {0, 1.5}};
    std::vector<Vec2d> kept;
    REQUIRE(simplifyRing(square, 1.0, kept) == RingResult::Simplified);
    CHECK(kept == std::vector<Vec2d>{{0, 0}, {1.5, 0}, {1.5, 1.5}, {0, 1.5}});
    // A 64-gon of radius 1 at 0.05: the 16-gon of every fourth point.
    std::vector<Vec2d> circle, sixteen;
    for (int i = 0; i < 64; ++i) {
        const double a = i * M_PI / 32.0;
        circle.push_back({std::round(1000.0 * std::cos(a)) / 1000.0, std::round(1000.0 * std::sin(a)) / 1000.0});
        if (i % 4 == 0) {
            sixteen.push_back(circle.back());
        }
    }
    kept.clear();
    REQUIRE(simplifyRing(circle, 0.05, kept) == RingResult::Simplified);
    CHECK(kept == sixteen);
}

TEST_CASE("a closed line below the tolerance stays a closed speck, an open one its two ends")
{
    // An island's shoreline as a closed line (GSHHG's coasts as line strings): kept to its two equal ends it was one
    // point, which draws nothing.
    const std::vector<Vec2d> shore{{10.00, 5.00}, {10.12, 4.98}, {10.25, 5.03}, {10.30, 5.10},
                                   {10.22, 5.18}, {10.10, 5.20}, {10.02, 5.12}, {10.00, 5.00}};
    std::vector<Vec2d> kept;
    simplifyLine(shore, 1.0, kept);
    CHECK(kept == std::vector<Vec2d>{{10.00, 5.00}, {10.30, 5.10}, {10.10, 5.20}, {10.00, 5.00}});
    std::vector<Vec2d> again; // and stays it at coarser tolerances
    simplifyLine(kept, 4.0, again);
    CHECK(again == kept);
    // Open, the same line keeps its two ends, as before: a short segment, which draws.
    kept.clear();
    simplifyLine(std::span(shore).first(shore.size() - 1), 1.0, kept);
    CHECK(kept == std::vector<Vec2d>{{10.00, 5.00}, {10.02, 5.12}});
    // A closed line above the tolerance is simplified as before.
    std::vector<Vec2d> loop{{0, 0}, {5, 0.1}, {10, 0}, {10, 10}, {5, 9.9}, {0, 10}, {0, 0}};
    kept.clear();
    simplifyLine(loop, 1.0, kept);
    CHECK(kept == std::vector<Vec2d>{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}});
    // A closed line on one point stays that point, which draws nothing.
    kept.clear();
    simplifyLine(std::vector<Vec2d>{{1, 1}, {1, 1}, {1, 1}}, 1.0, kept);
    CHECK(kept == std::vector<Vec2d>{{1, 1}, {1, 1}});
}

namespace {

// Plain recursive Douglas–Peucker, the farthest point the first of equal ones: the oracle for the library's iterative
// one. Distances squared and scaled by the chord's squared length, as the library compares them (exact on integer
// coordinates, so equal distances tie exactly in both).
void referenceKept(const std::vector<Vec2d>& pts, std::size_t i, std::size_t j, double tolerance,
                   std::vector<char>& keep)
{
    if (j <= i + 1) {
        return;
    }
    const Vec2d a = pts[i], b = pts[j];
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy, scale = len2 > 0.0 ? len2 : 1.0;
    double worst = -1.0;
    std::size_t at = i;
    for (std::size_t k = i + 1; k < j; ++k) {
        const Vec2d p = pts[k];
        const double along = (p.x - a.x) * dx + (p.y - a.y) * dy;
        const double d = along <= 0.0     ? ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)) * scale
                         : along >= len2 ? ((p.x - b.x) * (p.x - b.x) + (p.y - b.y) * (p.y - b.y)) * scale
                                         : std::pow((p.x - a.x) * dy - (p.y - a.y) * dx, 2.0);
        if (d > worst) {
            worst = d;
            at = k;
        }
    }
    if (worst > tolerance * tolerance * scale) {
        keep[at] = 1;
        referenceKept(pts, i, at, tolerance, keep);
        referenceKept(pts, at, j, tolerance, keep);
    }
}

} // namespace

TEST_CASE("simplification keeps what plain recursive Douglas–Peucker keeps, equal farthest points included")
{
    // Short lines (no span past the balancing cut) on a small integer grid: many points at exactly equal distances
    // from a chord, where the first of them must be the one kept.
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> coordinate(-3, 3);
    std::uniform_int_distribution<std::size_t> length(2, 100);
    for (int trial = 0; trial < 2000; ++trial) {
        std::vector<Vec2d> line(length(rng));
        for (Vec2d& p : line) {
            p = {static_cast<double>(coordinate(rng)), static_cast<double>(coordinate(rng))};
        }
        const double tolerance = 0.5 * static_cast<double>(trial % 5 + 1); // 0 keeps every point as it is
        std::vector<char> keep(line.size(), 0);
        keep.front() = keep.back() = 1;
        referenceKept(line, 0, line.size() - 1, tolerance, keep);
        std::vector<Vec2d> expected;
        for (std::size_t k = 0; k < line.size(); ++k) {
            if (keep[k] != 0) {
                expected.push_back(line[k]);
            }
        }
        std::vector<Vec2d> kept;
        simplifyLine(line, tolerance, kept);
        if (line.front() == line.back() && expected.size() == 2) {
            continue; // a closed line simplified to its ends is kept as a speck instead (tested elsewhere)
        }
        CAPTURE(trial);
        REQUIRE(kept.size() == expected.size());
        for (std::size_t k = 0; k < kept.size(); ++k) {
            CHECK(kept[k] == expected[k]);
        }
    }
}

#include "core/simplify.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
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

TEST_CASE("rings stay within tolerance, and islets below it vanish")
{
    std::vector<Vec2d> circle;
    for (int i = 0; i < 720; ++i) {
        const double a = i * M_PI / 360.0;
        circle.push_back({100.0 * std::cos(a), 100.0 * std::sin(a)});
    }
    circle.push_back(circle.front()); // closed
    std::vector<Vec2d> kept;
    REQUIRE(simplifyRing(circle, 1.0, kept));
    CHECK(kept.size() >= 3);
    CHECK(kept.size() < 100);
    CHECK(maxDeviation(circle, kept, true) <= 1.0 + 1e-9);
    CHECK(!(kept.front() == kept.back())); // the result is open

    kept.clear();
    CHECK(!simplifyRing(circle, 250.0, kept)); // the whole ring is smaller than the tolerance
    CHECK(kept.empty());
    CHECK(!simplifyRing(std::vector<Vec2d>{{0, 0}, {1, 0}, {0, 0}}, 0.1, kept));
}

#include "geo/proj.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using corridor::core::Vec2d;
using corridor::geo::ProjContext;
using corridor::geo::ProjError;
using corridor::geo::Transformer;

TEST_CASE("EPSG:4326 to EPSG:3857 takes longitude first, whatever the CRS's own axis order")
{
    const ProjContext ctx;
    // EPSG:4326 is latitude-first by definition; visualisation order must still read (lon, lat).
    const Transformer t(ctx, "EPSG:4326", "EPSG:3857");
    std::vector<Vec2d> p{{55.0, 25.0}};
    CHECK(t.forward(p) == 0);
    // Reference: cs2cs -f %.4f OGC:CRS84 EPSG:3857 gives 6122571.9936 2875744.6244
    CHECK(std::abs(p[0].x - 6122571.9936) < 1e-3);
    CHECK(std::abs(p[0].y - 2875744.6244) < 1e-3);
    CHECK(t.inverse(p) == 0);
    CHECK(p[0].x == doctest::Approx(55.0).epsilon(1e-12));
    CHECK(p[0].y == doctest::Approx(25.0).epsilon(1e-12));
}

TEST_CASE("OGC:CRS84 and EPSG:4326 agree once normalised")
{
    const ProjContext ctx;
    const Transformer a(ctx, "OGC:CRS84", "EPSG:3857");
    const Transformer b(ctx, "EPSG:4326", "EPSG:3857");
    std::vector<Vec2d> pa{{48.87, 38.431}}, pb = pa;
    a.forward(pa);
    b.forward(pb);
    CHECK(pa[0].x == doctest::Approx(pb[0].x));
    CHECK(pa[0].y == doctest::Approx(pb[0].y));
}

TEST_CASE("the corridor LCC round trip is exact to 1e-6 degrees across the region")
{
    const ProjContext ctx;
    const Transformer t(ctx, corridor::geo::kLonLat, corridor::geo::kCorridorLcc);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(-20.0, 80.0), lat(5.0, 70.0);
    std::vector<Vec2d> pts;
    for (int i = 0; i < 10000; ++i) {
        pts.push_back({lon(rng), lat(rng)});
    }
    const std::vector<Vec2d> original = pts;
    CHECK(t.forward(pts) == 0);
    CHECK(t.inverse(pts) == 0);
    double worst = 0.0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        worst = std::max(worst, std::max(std::abs(pts[i].x - original[i].x), std::abs(pts[i].y - original[i].y)));
    }
    CHECK(worst < 1e-6);
}

TEST_CASE("the corridor LCC matches the reference value and keeps north up")
{
    const ProjContext ctx;
    // References from cs2cs -f %.4f OGC:CRS84 +to <the same LCC>: (55, 40) is the origin; (55, 41) gives
    // 0, 107255.2760 (a degree of latitude, 111 km, times the conic's scale factor of about 0.966 at 40°N);
    // Nhava Sheva (72.95, 18.95) gives 1937157.8506, -2108311.3825.
    const Transformer t(ctx, corridor::geo::kLonLat, corridor::geo::kCorridorLcc);
    std::vector<Vec2d> p{{55.0, 40.0}, {55.0, 41.0}, {56.0, 40.0}, {72.95, 18.95}};
    t.forward(p);
    CHECK(std::abs(p[0].x) < 1e-6);
    CHECK(std::abs(p[0].y) < 1e-6);
    CHECK(p[1].y > p[0].y); // north is +y
    CHECK(p[2].x > p[0].x); // east is +x
    CHECK(std::abs(p[1].y - 107255.2760) < 1e-3);
    CHECK(std::abs(p[3].x - 1937157.8506) < 1e-3);
    CHECK(std::abs(p[3].y - -2108311.3825) < 1e-3);
}

TEST_CASE("identical CRSs skip PROJ and leave coordinates untouched")
{
    const ProjContext ctx;
    const Transformer t(ctx, "OGC:CRS84", "OGC:CRS84");
    CHECK(t.isIdentity());
    std::vector<Vec2d> p{{12.3456789012345, -45.6789012345678}};
    t.forward(p);
    CHECK(p[0].x == 12.3456789012345);
    CHECK(p[0].y == -45.6789012345678);
}

TEST_CASE("EPSG:4326 and OGC:CRS84 are the same CRS in visualisation order: no PROJ pass between them")
{
    // Data stored in EPSG:4326 (latitude first in its definition) is read longitude first; turning it into
    // OGC:CRS84 must not cost a PROJ pass over every point, nor change a bit of it.
    const ProjContext ctx;
    using corridor::geo::kLonLat;
    for (const auto& [from, to] : {std::pair{"EPSG:4326", kLonLat}, {kLonLat, "EPSG:4326"}}) {
        const Transformer t(ctx, from, to);
        CHECK(t.isIdentity());
        std::vector<Vec2d> p{{55.0312345678901, 26.2654321098765}};
        t.forward(p);
        CHECK(p[0].x == 55.0312345678901);
        CHECK(p[0].y == 26.2654321098765);
    }
    CHECK_FALSE(Transformer(ctx, "EPSG:4326", "EPSG:4230").isIdentity()); // another datum is another CRS
}

TEST_CASE("a transformer made again, in another context on another thread, transforms as the first one did")
{
    // The second and later transformers between two CRSs are clones of the first's operation (no proj.db search).
    const std::string lcc = corridor::geo::kCorridorLcc;
    std::vector<Vec2d> first{{48.87, 38.431}, {56.26, 27.19}, {72.95, 18.95}, {10.0, 95.0}};
    std::vector<Vec2d> again = first;
    {
        const ProjContext ctx;
        const Transformer t(ctx, corridor::geo::kLonLat, lcc);
        CHECK(t.forward(first) == 1);
    }
    std::size_t failed = 0;
    std::thread([&] {
        const ProjContext ctx;
        const Transformer t(ctx, corridor::geo::kLonLat, lcc);
        failed = t.forward(again);
    }).join();
    CHECK(failed == 1);
    for (std::size_t i = 0; i + 1 < first.size(); ++i) {
        CHECK(again[i].x == first[i].x);
        CHECK(again[i].y == first[i].y);
    }
    CHECK(std::isnan(again.back().x));
    const ProjContext ctx;
    CHECK_THROWS_AS(Transformer(ctx, "EPSG:999999", lcc), ProjError); // a failure is not kept as an operation
    CHECK_THROWS_AS(Transformer(ctx, "EPSG:999999", lcc), ProjError);
}

TEST_CASE("points outside the projection's domain become NaN and are counted")
{
    const ProjContext ctx;
    const Transformer t(ctx, "OGC:CRS84", "EPSG:3857");
    std::vector<Vec2d> p{{10.0, 20.0}, {10.0, 95.0}, {std::nan(""), 1.0}};
    CHECK(t.forward(p) == 2);
    CHECK(std::isfinite(p[0].x));
    CHECK(std::isnan(p[1].x));
    CHECK(std::isnan(p[2].y));
}

TEST_CASE("unknown CRSs are errors that name the definition")
{
    const ProjContext ctx;
    CHECK_THROWS_WITH_AS(Transformer(ctx, "EPSG:999999", "EPSG:3857"), doctest::Contains("EPSG:999999"), ProjError);
    CHECK_THROWS_AS(Transformer(ctx, "+proj=nonsense", "EPSG:3857"), ProjError);
    CHECK(corridor::geo::describeCrs(ctx, "EPSG:3857").find("Pseudo-Mercator") != std::string::npos);
}

TEST_CASE("a batch large enough to be split over threads gives exactly the points and failures of small batches")
{
    // 600 000 points: split over the cores (one PROJ clone per extra thread) where small batches run on one.
    const ProjContext ctx;
    const Transformer t(ctx, "OGC:CRS84", corridor::geo::kCorridorLcc);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(20.0, 90.0), lat(0.0, 70.0);
    std::vector<Vec2d> all(600000);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i] = {lon(rng), lat(rng)};
        if (i % 99991 == 0) {
            all[i].y = 95.0; // outside the domain, in several of the threads' ranges
            ++bad;
        }
    }
    std::vector<Vec2d> small = all;
    std::size_t smallFailed = 0;
    for (std::size_t first = 0; first < small.size(); first += 1000) {
        smallFailed += t.forward(std::span<Vec2d>(small).subspan(first, std::min<std::size_t>(1000, small.size() - first)));
    }
    CHECK(t.forward(all) == bad);
    CHECK(smallFailed == bad);
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (std::isnan(small[i].x)) {
            REQUIRE(std::isnan(all[i].x));
        } else {
            REQUIRE(all[i].x == small[i].x);
            REQUIRE(all[i].y == small[i].y);
        }
    }
    CHECK(t.inverse(all) == bad);
    CHECK(std::abs(all[1].y) <= 90.0); // back in degrees: the inverse ran over the whole batch
}

TEST_CASE("forwardWithin keeps every point within its tolerance of PROJ's, and fails exactly where PROJ fails")
{
    const ProjContext ctx;
    struct Case {
        const char* crs;
        double west, south, east, north, tolerance;
        bool interpolated; // the grid settles within its budget (2^21 points: 2^15 cells), so the test tries it
    };
    // A conformal cylinder, the corridor's cone, a world in Robinson cut at 125°W (its seam runs through the
    // points), an orthographic hemisphere (half the points fail, its edge runs through the cells), polar
    // stereographic up to the pole, and a UTM zone stretched far beyond its own.
    const Case cases[] = {
        {"EPSG:3857", 40, 20, 60, 50, 10.0, true},
        {corridor::geo::kCorridorLcc, 30, 5, 80, 65, 1.0, true},
        {"+proj=robin +lon_0=55 +datum=WGS84 +type=crs", -180, -85, 180, 85, 100.0, true},
        {"+proj=ortho +lat_0=35 +lon_0=55 +datum=WGS84 +type=crs", -180, -85, 180, 85, 50.0, false},
        {"EPSG:3413", -180, 60, 180, 90, 20.0, true},
        {"EPSG:32639", 20, -10, 90, 70, 5.0, true},
    };
    for (const Case& c : cases) {
        INFO(std::string(c.crs));
        const Transformer t(ctx, corridor::geo::kLonLat, c.crs);
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> lon(c.west, c.east), lat(c.south, c.north);
        std::vector<Vec2d> points(Transformer::kApproxPoints * 8); // 2^21
        for (Vec2d& p : points) {
            p = {lon(rng), lat(rng)};
        }
        points[17] = {std::nan(""), std::nan("")}; // a point the loader could not read stays unread
        std::vector<Vec2d> exact = points;
        const std::size_t exactFailed = t.forward(exact);
        corridor::core::Bounds box, projected, expected;
        for (const Vec2d& p : points) {
            if (std::isfinite(p.x)) {
                box.add(p);
            }
        }
        for (const Vec2d& p : exact) {
            if (std::isfinite(p.x)) {
                expected.add(p);
            }
        }
        const std::size_t failed = t.forwardWithin(points, c.tolerance, box, &projected);
        CHECK(failed == exactFailed);
        CHECK(std::abs(projected.minX - expected.minX) <= c.tolerance);
        CHECK(std::abs(projected.maxY - expected.maxY) <= c.tolerance);
        std::size_t wrong = 0;
        double worst = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const bool had = std::isfinite(exact[i].x), has = std::isfinite(points[i].x);
            if (had != has) {
                ++wrong;
            } else if (had) {
                worst = std::max({worst, std::abs(points[i].x - exact[i].x), std::abs(points[i].y - exact[i].y)});
            }
        }
        CHECK(wrong == 0);
        CHECK(worst <= c.tolerance);
        CHECK((worst > 0) == c.interpolated); // PROJ point by point errs by nothing: the grid was not used
        MESSAGE(c.crs << ": worst error " << worst << " of " << c.tolerance << " allowed");
    }
}

TEST_CASE("forwardWithin leaves few points and tolerance 0 to PROJ point by point")
{
    const ProjContext ctx;
    const Transformer t(ctx, corridor::geo::kLonLat, "EPSG:3857");
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-80, 80);
    for (const std::size_t n : {std::size_t{1000}, Transformer::kApproxPoints * 2}) {
        std::vector<Vec2d> points(n);
        for (Vec2d& p : points) {
            p = {lon(rng), lat(rng)};
        }
        std::vector<Vec2d> exact = points;
        t.forward(exact);
        t.forwardWithin(points, n < Transformer::kApproxPoints ? 1.0 : 0.0, {-180, -80, 180, 80});
        bool same = true;
        for (std::size_t i = 0; i < n; ++i) {
            same = same && points[i].x == exact[i].x && points[i].y == exact[i].y;
        }
        CHECK(same);
    }
}

TEST_CASE("forwardWithin gives up its grid for PROJ point by point when the tolerance is far finer than the extent")
{
    // A world-wide layer in a view zoomed in on the Gulf islands: metres of tolerance over 360 degrees would take
    // millions of cells; it is exact instead, and quick.
    const ProjContext ctx;
    const Transformer t(ctx, corridor::geo::kLonLat, corridor::geo::kCorridorLcc);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-89, 89);
    std::vector<Vec2d> points(Transformer::kApproxPoints * 2);
    for (Vec2d& p : points) {
        p = {lon(rng), lat(rng)};
    }
    std::vector<Vec2d> exact = points;
    t.forward(exact);
    t.forwardWithin(points, 0.01, {-180, -89, 180, 89});
    bool same = true;
    for (std::size_t i = 0; i < points.size(); ++i) {
        same = same && (points[i].x == exact[i].x || (std::isnan(points[i].x) && std::isnan(exact[i].x)));
    }
    CHECK(same);
}

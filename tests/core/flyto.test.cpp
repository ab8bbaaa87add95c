#include "core/flyto.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace corridor::core;

namespace {

constexpr double kViewport = 1000.0;

double fractionAlong(const View& from, const View& to, const View& v)
{
    const Vec2d d = to.center - from.center;
    const Vec2d p = v.center - from.center;
    return (p.x * d.x + p.y * d.y) / (d.x * d.x + d.y * d.y);
}

} // namespace

TEST_CASE("FlyPath: the endpoints are the two views exactly")
{
    const View a {{-1.5e6, 2.0e5}, 2500.0};
    const View b {{3.2e6, -7.5e5}, 40.0};
    const FlyPath path(a, b, kViewport);
    CHECK(path.at(0.0).center == a.center);
    CHECK(path.at(0.0).unitsPerPixel == a.unitsPerPixel);
    CHECK(path.at(1.0).center == b.center);
    CHECK(path.at(1.0).unitsPerPixel == b.unitsPerPixel);
    CHECK(path.atTime(0.0).center == a.center);
    CHECK(path.atTime(path.duration()).center == b.center);
    CHECK(path.atTime(path.duration() + 5.0).unitsPerPixel == b.unitsPerPixel);
    // Just inside the ends the closed form must meet them continuously (no jump at the last frame).
    const View nearEnd = path.at(1.0 - 1e-9);
    CHECK(nearEnd.center.x == doctest::Approx(b.center.x).epsilon(1e-6));
    CHECK(nearEnd.unitsPerPixel == doctest::Approx(b.unitsPerPixel).epsilon(1e-6));
    const View nearStart = path.at(1e-9);
    CHECK(nearStart.unitsPerPixel == doctest::Approx(a.unitsPerPixel).epsilon(1e-6));
}

TEST_CASE("FlyPath: progress toward the target never goes back, in space or in time")
{
    const View a {{0.0, 0.0}, 500.0};
    const View b {{4.0e6, 3.0e6}, 100.0};
    const FlyPath path(a, b, kViewport);
    double lastFraction = -1.0;
    double lastTimeFraction = -1.0;
    for (int i = 0; i <= 400; ++i) {
        const double t = i / 400.0;
        const View v = path.at(t);
        const double f = fractionAlong(a, b, v);
        CHECK(f >= lastFraction - 1e-12);
        lastFraction = f;
        // The centre stays on the straight line between the two centres.
        const double cross = v.center.x * b.center.y - v.center.y * b.center.x;
        CHECK(std::abs(cross) <= 1e-6 * 5.0e6 * 5.0e6);
        const double ft = fractionAlong(a, b, path.atTime(t * path.duration()));
        CHECK(ft >= lastTimeFraction - 1e-12);
        lastTimeFraction = ft;
    }
    CHECK(lastFraction == doctest::Approx(1.0));
}

TEST_CASE("FlyPath: a far jump zooms out in the middle, a near one does not")
{
    // 5000 km apart at 100 m per pixel (a 100 km wide view): the path must rise well above both ends.
    const View a {{0.0, 0.0}, 100.0};
    const View b {{5.0e6, 0.0}, 100.0};
    const FlyPath far(a, b, kViewport);
    double peak = 0.0;
    for (int i = 0; i <= 100; ++i) {
        peak = std::max(peak, far.at(i / 100.0).unitsPerPixel);
    }
    CHECK(peak > 10.0 * a.unitsPerPixel);
    // The middle of a symmetric path is its top.
    CHECK(far.at(0.5).unitsPerPixel == doctest::Approx(peak).epsilon(1e-3));
    // Equal widths: S = 2/rho * asinh(rho^2 u / (2 w)) (van Wijk and Nuij, eq. for w0 = w1).
    const double rho = FlyPath::kDefaultRho;
    const double w = 100.0 * kViewport;
    CHECK(far.length() == doctest::Approx(2.0 / rho * std::asinh(rho * rho * 5.0e6 / (2.0 * w))));

    // A pan by a tenth of the screen barely zooms out at all.
    const View c {{1.0e4, 0.0}, 100.0};
    const FlyPath near(a, c, kViewport);
    for (int i = 0; i <= 100; ++i) {
        CHECK(near.at(i / 100.0).unitsPerPixel <= 1.01 * a.unitsPerPixel);
    }
}

TEST_CASE("FlyPath: same centre, zoom only")
{
    const View a {{1234.5, -678.0}, 1000.0};
    const View b {{1234.5, -678.0}, 10.0};
    const FlyPath path(a, b, kViewport);
    CHECK(path.length() == doctest::Approx(std::log(100.0) / FlyPath::kDefaultRho));
    double last = a.unitsPerPixel * 2.0;
    for (int i = 0; i <= 100; ++i) {
        const View v = path.at(i / 100.0);
        CHECK(std::isfinite(v.unitsPerPixel));
        CHECK(v.center == a.center);
        CHECK(v.unitsPerPixel < last); // zooming in all the way, no detour
        last = v.unitsPerPixel;
    }
    // Halfway in path length is halfway in log scale: the zoom feels even.
    CHECK(path.at(0.5).unitsPerPixel == doctest::Approx(100.0));
    // And the reverse zooms out.
    const FlyPath back(b, a, kViewport);
    CHECK(back.at(0.5).unitsPerPixel == doctest::Approx(100.0));

    // The same view: nothing to fly, no time taken.
    const FlyPath none(a, a, kViewport);
    CHECK(none.length() == 0.0);
    CHECK(none.duration() == 0.0);
    CHECK(none.at(0.5).unitsPerPixel == doctest::Approx(a.unitsPerPixel));
    CHECK(none.atTime(0.0).center == a.center);
}

TEST_CASE("FlyPath: the duration grows with the path length within its clamp")
{
    const View a {{0.0, 0.0}, 100.0};
    const FlyPath shortHop(a, View {{5.0e3, 0.0}, 100.0}, kViewport);
    const FlyPath medium(a, View {{5.0e5, 0.0}, 100.0}, kViewport);
    const FlyPath huge(a, View {{4.0e7, 0.0}, 0.5}, kViewport);
    CHECK(shortHop.duration() == doctest::Approx(FlyPath::kMinSeconds));
    CHECK(medium.duration() > shortHop.duration());
    CHECK(medium.duration() < FlyPath::kMaxSeconds);
    CHECK(huge.duration() == doctest::Approx(FlyPath::kMaxSeconds));
}

TEST_CASE("applyView keeps the camera inside its limits")
{
    Camera camera;
    camera.widthPx = 800;
    camera.heightPx = 600;
    CameraLimits limits;
    limits.area.add(Vec2d {0.0, 0.0});
    limits.area.add(Vec2d {1.0e6, 1.0e6});
    limits.minUnitsPerPixel = 0.5;
    camera.setLimits(limits);
    applyView(camera, View {{2.0e6, -5.0}, 0.01});
    CHECK(camera.center.x == 1.0e6);
    CHECK(camera.center.y == 0.0);
    CHECK(camera.unitsPerPixel == 0.5);
}

TEST_CASE("PanInertia: a flick glides, decays and stops by itself")
{
    PanInertia inertia;
    for (int i = 0; i < 5; ++i) {
        inertia.addDragSample(10.0, -5.0, 0.01); // 1000, -500 px/s
    }
    inertia.release(0.0);
    REQUIRE(inertia.active());
    CHECK(inertia.velocity().x == doctest::Approx(1000.0));
    CHECK(inertia.velocity().y == doctest::Approx(-500.0));
    double total = 0.0;
    double lastStep = 1e9;
    int frames = 0;
    while (inertia.active() && frames < 1000) {
        const Vec2d d = inertia.step(1.0 / 60.0);
        CHECK(d.x > 0.0);
        CHECK(d.x < lastStep); // each frame moves less
        lastStep = d.x;
        total += d.x;
        ++frames;
    }
    CHECK_FALSE(inertia.active());
    CHECK(frames < 120); // stops within two seconds
    // The whole glide is v * halfLife / ln 2, less the tail cut off under kStopSpeed.
    CHECK(total == doctest::Approx(1000.0 * PanInertia::kHalfLifeSeconds / std::log(2.0)).epsilon(0.05));
    CHECK(inertia.step(0.1).x == 0.0);
}

TEST_CASE("PanInertia: a click stops the glide, a pause before release means none")
{
    PanInertia inertia;
    inertia.addDragSample(20.0, 0.0, 0.016); // 1250 px/s
    inertia.release();
    REQUIRE(inertia.active());
    inertia.stop();
    CHECK_FALSE(inertia.active());
    CHECK(inertia.step(0.016).x == 0.0);

    inertia.addDragSample(20.0, 0.0, 0.016);
    inertia.release(0.5); // held still for half a second: the map was put down
    CHECK_FALSE(inertia.active());

    inertia.addDragSample(20.0, 0.0, 0.0); // all in one frame: no time to measure a speed by
    inertia.release();
    CHECK_FALSE(inertia.active());

    // A deliberate drag (15 px every 50 ms: 300 px/s) lands where it was let go.
    for (int i = 0; i < 4; ++i) {
        inertia.addDragSample(15.0, 10.0, 0.05);
    }
    inertia.release();
    CHECK_FALSE(inertia.active());
}

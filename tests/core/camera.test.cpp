#include "core/camera.hpp"

#include <doctest/doctest.h>

#include <random>

using corridor::core::Bounds;
using corridor::core::Camera;
using corridor::core::Vec2d;

#include <limits>

namespace {

Camera makeCamera()
{
    Camera c;
    c.resize(1280, 800);
    c.center = {5.5e6, -3.2e6}; // large absolute metres, as projected data has
    c.unitsPerPixel = 2500.0;
    return c;
}

} // namespace

TEST_CASE("screen and world transforms are inverse and y runs down on screen")
{
    const Camera c = makeCamera();
    const Vec2d centre = c.worldToScreen(c.center);
    CHECK(centre.x == doctest::Approx(640.0));
    CHECK(centre.y == doctest::Approx(400.0));
    // north is up: a larger world y is a smaller screen y
    CHECK(c.worldToScreen({c.center.x, c.center.y + 1000.0}).y < centre.y);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> px(0.0, 1280.0);
    for (int i = 0; i < 100; ++i) {
        const Vec2d s{px(rng), px(rng)};
        const Vec2d back = c.worldToScreen(c.screenToWorld(s));
        CHECK(back.x == doctest::Approx(s.x).epsilon(1e-9));
        CHECK(back.y == doctest::Approx(s.y).epsilon(1e-9));
    }
}

TEST_CASE("zoom about a point keeps the world point under it fixed")
{
    Camera c = makeCamera();
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> px(0.0, 800.0);
    std::uniform_real_distribution<double> factor(0.3, 4.0);
    for (int i = 0; i < 200; ++i) {
        const Vec2d anchor{px(rng) * 1.6, px(rng)};
        const Vec2d before = c.screenToWorld(anchor);
        const double oldUpp = c.unitsPerPixel;
        const double f = factor(rng);
        c.zoomAbout(anchor, f);
        const Vec2d after = c.screenToWorld(anchor);
        CHECK(after.x == doctest::Approx(before.x).epsilon(1e-12));
        CHECK(after.y == doctest::Approx(before.y).epsilon(1e-12));
        if (c.unitsPerPixel > Camera::kMinUnitsPerPixel && c.unitsPerPixel < Camera::kMaxUnitsPerPixel) {
            CHECK(c.unitsPerPixel == doctest::Approx(oldUpp / f));
        }
    }
}

TEST_CASE("zoom in then out by the same factor, and pan there and back, return to the start")
{
    Camera c = makeCamera();
    const Camera start = c;
    c.zoomAbout({100.0, 700.0}, 3.0);
    c.panPixels(250.0, -120.0);
    c.panPixels(-250.0, 120.0);
    c.zoomAbout({100.0, 700.0}, 1.0 / 3.0);
    CHECK(c.center.x == doctest::Approx(start.center.x).epsilon(1e-12));
    CHECK(c.center.y == doctest::Approx(start.center.y).epsilon(1e-12));
    CHECK(c.unitsPerPixel == doctest::Approx(start.unitsPerPixel).epsilon(1e-12));
}

TEST_CASE("panning moves what is under the pointer with the pointer")
{
    Camera c = makeCamera();
    const Vec2d grab{300.0, 200.0};
    const Vec2d world = c.screenToWorld(grab);
    c.panPixels(40.0, -25.0);
    const Vec2d now = c.worldToScreen(world);
    CHECK(now.x == doctest::Approx(340.0));
    CHECK(now.y == doctest::Approx(175.0));
}

TEST_CASE("zoom is clamped and ignores nonsense factors")
{
    Camera c = makeCamera();
    c.zoomAbout({0, 0}, 1e30);
    CHECK(c.unitsPerPixel == Camera::kMinUnitsPerPixel);
    c.zoomAbout({0, 0}, 1e-30);
    CHECK(c.unitsPerPixel == Camera::kMaxUnitsPerPixel);
    const Camera before = c;
    c.zoomAbout({10, 10}, 0.0);
    c.zoomAbout({10, 10}, -2.0);
    c.zoomAbout({10, 10}, std::numeric_limits<double>::quiet_NaN());
    CHECK(c.unitsPerPixel == before.unitsPerPixel);
    CHECK(c.center == before.center);
}

TEST_CASE("fit frames the bounds inside the margins")
{
    Camera c = makeCamera();
    Bounds b;
    b.add(Vec2d{1.0e6, 2.0e6});
    b.add(Vec2d{3.0e6, 2.5e6});
    c.fit(b, 20.0);
    const Vec2d lo = c.worldToScreen({b.minX, b.minY});
    const Vec2d hi = c.worldToScreen({b.maxX, b.maxY});
    CHECK(lo.x == doctest::Approx(20.0)); // width is the tighter axis here
    CHECK(hi.x == doctest::Approx(1260.0));
    CHECK(hi.y >= 20.0 - 1e-9);
    CHECK(lo.y <= 780.0 + 1e-9);
}

TEST_CASE("the clip transform is composed in double: exact for large coordinates near the view")
{
    Camera c = makeCamera();
    c.center = {6.1e6, 4.4e6};
    c.unitsPerPixel = 0.05; // 5 cm per pixel, zoomed far in on big coordinates
    const Vec2d origin{6.1e6 + 3.0, 4.4e6 - 2.0};
    const auto t = corridor::core::clipTransform(c, origin);
    // a vertex 1 m east of the origin, stored relative to it as a float
    const float vx = 1.0f;
    const double clipX = vx * t.scale[0] + t.offset[0];
    const Vec2d screen = c.worldToScreen({origin.x + 1.0, origin.y});
    CHECK((clipX * 0.5 + 0.5) * c.widthPx == doctest::Approx(screen.x).epsilon(1e-4));
}

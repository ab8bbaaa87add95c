#include "core/camera.hpp"

#include <doctest/doctest.h>

#include <random>

using corridor::core::Bounds;
using corridor::core::Camera;
using corridor::core::CameraLimits;
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

namespace {

// 2000 km by 1000 km of projected data, away from the origin.
CameraLimits corridorLimits()
{
    CameraLimits limits;
    limits.area.add(Vec2d{-1.0e6, 3.0e6});
    limits.area.add(Vec2d{1.0e6, 4.0e6});
    limits.minUnitsPerPixel = 0.5;
    return limits;
}

// Whether the whole of `b` is on screen.
bool onScreen(const Camera& c, const Bounds& b)
{
    const Bounds v = c.visibleWorld();
    return v.minX <= b.minX && v.maxX >= b.maxX && v.minY <= b.minY && v.maxY >= b.maxY;
}

} // namespace

TEST_CASE("limits stop zooming out once the limit area fits with room to spare, and zooming in at the finest scale")
{
    Camera c = makeCamera();
    c.setLimits(corridorLimits());
    const Bounds area = corridorLimits().area;
    const Vec2d middle{640.0, 400.0};
    for (int i = 0; i < 60; ++i) {
        c.zoomAbout(middle, 0.5);
    }
    // Stopped, and not before the whole area was in view.
    CHECK(c.unitsPerPixel == doctest::Approx(c.maxUnitsPerPixel()));
    CHECK(c.unitsPerPixel < 1.0e4); // far from the 1000 km per pixel a camera without limits reaches
    c.center = area.center();
    CHECK(onScreen(c, area));
    // The area fills no less than 1/kZoomOutSlack of the tighter axis (the width here) at the limit.
    CHECK(area.width() / c.unitsPerPixel >= (1280.0 - 2.0 * Camera::kFitMarginPx) / Camera::kZoomOutSlack - 1e-6);

    for (int i = 0; i < 80; ++i) {
        c.zoomAbout(middle, 2.0);
    }
    CHECK(c.unitsPerPixel == doctest::Approx(0.5));
    CHECK(c.minUnitsPerPixel() == 0.5);
}

TEST_CASE("a huge limit area lets the view zoom out beyond the absolute limit of a camera without limits")
{
    // A world band in Lambert conformal conic, in a 300 x 225 export: it needs more than 1000 km per pixel.
    CameraLimits limits;
    limits.area.add(Vec2d{-2.0e8, -1.5e8});
    limits.area.add(Vec2d{2.0e8, 1.5e8});
    Camera c;
    c.resize(300, 225);
    c.setLimits(limits);
    c.fit(limits.area, 0.0);
    CHECK(c.unitsPerPixel == doctest::Approx(4.0e8 / 300.0));
    CHECK(c.unitsPerPixel > Camera::kMaxUnitsPerPixel);
    CHECK(onScreen(c, limits.area));
}

TEST_CASE("limits keep the view centre inside the limit area while panning and zooming about the edge")
{
    Camera c = makeCamera();
    c.unitsPerPixel = 1000.0;
    c.setLimits(corridorLimits());
    const Bounds area = corridorLimits().area;
    CHECK(area.contains(c.center)); // setLimits brought the view (centred far away) inside
    c.center = area.center();
    c.panPixels(1.0e6, -1.0e6); // far to the west and the south: the map would be long gone
    CHECK(c.center.x == doctest::Approx(area.minX));
    CHECK(c.center.y == doctest::Approx(area.minY));
    c.panPixels(-2.0e6, 2.0e6);
    CHECK(c.center.x == doctest::Approx(area.maxX));
    CHECK(c.center.y == doctest::Approx(area.maxY));
    // A drag inside the area still moves the map exactly with the pointer.
    c.center = area.center();
    const Vec2d grab{300.0, 200.0};
    const Vec2d world = c.screenToWorld(grab);
    c.panPixels(40.0, -25.0);
    CHECK(c.worldToScreen(world).x == doctest::Approx(340.0));
    CHECK(c.worldToScreen(world).y == doctest::Approx(175.0));
    // Zooming in about a corner of the screen far outside the area does not carry the centre out of it.
    c.zoomAbout({0.0, 0.0}, 1.0e-3);
    c.zoomAbout({1280.0, 800.0}, 1.0e6);
    CHECK(area.contains(c.center));
}

TEST_CASE("fit respects the limits: never coarser than the zoom-out limit, centred inside the area")
{
    Camera c = makeCamera();
    c.setLimits(corridorLimits());
    const Bounds area = corridorLimits().area;
    // Framing the area itself with frameView's margin is within the limits, exactly as without them.
    c.fit(area, Camera::kFitMarginPx);
    CHECK(c.unitsPerPixel == doctest::Approx(2.0e6 / (1280.0 - 2.0 * Camera::kFitMarginPx)));
    CHECK(c.center == area.center());
    // A box a hundred times larger, off to one side: clamped to the zoom-out limit, the centre to the area.
    Bounds huge;
    huge.add(Vec2d{5.0e7, 5.0e7});
    huge.add(Vec2d{2.5e8, 1.5e8});
    c.fit(huge, 0.0);
    CHECK(c.unitsPerPixel == doctest::Approx(c.maxUnitsPerPixel()));
    CHECK(area.contains(c.center));
    // Ten metres: the zoom-in limit.
    Bounds tiny;
    tiny.add(Vec2d{0.0, 3.5e6});
    tiny.add(Vec2d{10.0, 3.5e6 + 10.0});
    c.fit(tiny, 0.0);
    CHECK(c.unitsPerPixel == doctest::Approx(0.5));
    CHECK(c.center == tiny.center());
}

TEST_CASE("the zoom-out limit follows the window size from the next zoom on — resize keeps the view")
{
    Camera c = makeCamera();
    c.setLimits(corridorLimits());
    c.zoomAbout({640.0, 400.0}, 1.0e-6);
    const double large = c.unitsPerPixel; // the limit at 1280 x 800
    c.resize(320, 200);
    CHECK(c.unitsPerPixel == large);
    CHECK(c.maxUnitsPerPixel() > large); // a smaller window can zoom out further
    c.zoomAbout({160.0, 100.0}, 1.0e-6);
    CHECK(c.unitsPerPixel == doctest::Approx(c.maxUnitsPerPixel()));
    const double small = c.unitsPerPixel;
    CHECK(small > large);
    // A larger image of the same view (the view cache renders 1.5 times the window) keeps its scale…
    c.resize(1280, 800);
    CHECK(c.unitsPerPixel == small);
    // …and the next zoom, even by a factor of 1, applies the limit at the new size.
    c.zoomAbout({640.0, 400.0}, 1.0);
    CHECK(c.unitsPerPixel == doctest::Approx(large));
}

// The pixel scale's range and the zoom style windows are judged at (core/style.hpp).

#include "core/style.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

using namespace corridor;

TEST_CASE("style zoom windows are judged at unitsPerPixel × the pixel scale")
{
    const double upp = 150.0;
    CHECK(core::styleZoom(upp, 1.0f) == doctest::Approx(core::zoomLevel(upp)));
    // A 4K image of a 1080p view (half the units per pixel, scale 2) has the 1080p view's zoom.
    CHECK(core::styleZoom(upp / 2, 2.0f) == doctest::Approx(core::zoomLevel(upp)));
    CHECK(core::styleZoom(upp, 2.0f) == doctest::Approx(core::zoomLevel(upp) - 1.0));
    CHECK(core::styleZoom(upp, 0.5f) == doctest::Approx(core::zoomLevel(upp) + 1.0));
}

TEST_CASE("a pixel scale is allowed from 0.25 to 8, and anything else is named in the error")
{
    CHECK(core::checkedPixelScale(0.25f) == 0.25f);
    CHECK(core::checkedPixelScale(1.0f) == 1.0f);
    CHECK(core::checkedPixelScale(8.0f) == 8.0f);
    CHECK_THROWS_WITH_AS(core::checkedPixelScale(0.24f), "pixel scale 0.24 is outside 0.25 to 8",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(core::checkedPixelScale(8.5f), "pixel scale 8.5 is outside 0.25 to 8", std::invalid_argument);
    CHECK_THROWS_WITH_AS(core::checkedPixelScale(-1.0f), "pixel scale -1 is outside 0.25 to 8", std::invalid_argument);
    CHECK_THROWS_AS(core::checkedPixelScale(std::nanf("")), std::invalid_argument);
    CHECK_THROWS_AS(core::checkedPixelScale(INFINITY), std::invalid_argument);
}

// The three views a briefer uses, with every item of furniture, as `corridor export` draws them (one level of detail
// for the view, no identify index): looked at and approved. The map's date is SOURCE_DATE_EPOCH's (2026-01-01 under
// ctest), so the sources line does not change with the day.

#include "platform/furniture_content.hpp"
#include "render/bundled_scene.hpp"
#include "render/golden.hpp"

#include <doctest/doctest.h>

using namespace corridor;

namespace {

render::Image drawWithFurniture(const core::GeoBox& box, int width, int height, const std::string& title,
                                const std::string& subtitle)
{
    test::BundledScene map(geo::OutputView{box, double(width), double(height), std::nullopt});
    const core::Camera camera = geo::frameView(map.doc, box, width, height);
    core::FurnitureOptions options;
    options.title = title;
    options.subtitle = subtitle;
    platform::FurnitureView furniture;
    furniture.prepare(map.scene, map.doc, camera, options);
    const render::OffscreenTarget target(width, height);
    target.bind();
    map.scene.render(camera, map.doc.background);
    const render::FurnitureLayout layout = furniture.draw(map.scene);
    CHECK(layout.title);
    CHECK(layout.legend);
    CHECK(layout.scaleBar);
    CHECK(layout.north);
    CHECK(layout.sources);
    return {width, height, target.read()};
}

} // namespace

TEST_CASE("golden: the corridor overview with its furniture")
{
    test::checkGolden(drawWithFurniture({35, 10, 75, 62}, 1920, 1080, "The International North–South Transport Corridor",
                                        "Mumbai – Bandar Abbas – Tehran – Baku – Moscow – St Petersburg"),
                      "furniture_overview");
}

TEST_CASE("golden: the Gulf islands with their furniture")
{
    test::checkGolden(drawWithFurniture({54.5, 25.5, 56.5, 26.6}, 1600, 1000, "The disputed Gulf islands",
                                        "Abu Musa, Greater and Lesser Tunb"),
                      "furniture_islands");
}

TEST_CASE("golden: Rasht–Astara with its furniture")
{
    test::checkGolden(drawWithFurniture({48, 36.5, 49.8, 38.6}, 1600, 1000, "Rasht–Astara: the missing link",
                                        "162 km of planned railway between Iran's and Azerbaijan's networks"),
                      "furniture_rasht_astara");
}

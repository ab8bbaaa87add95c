// The viewer draws its furniture every frame it draws; working it out (legend, sources and point of view from the
// features in view, the scale bar and north from PROJ) and laying it out (measuring text) must happen only when
// something it shows changed. A still view must cost no new content and no new layout; every change that can
// alter what the furniture says must give the content a fresh FurnitureView works out.

#include "platform/furniture_content.hpp"
#include "render/bundled_scene.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace corridor;

namespace {

// One window frame's furniture: prepare, (the labels), draw.
void frame(test::BundledScene& map, platform::FurnitureView& furniture, const core::Camera& camera,
           const core::FurnitureOptions& options, double top = 0.0)
{
    const render::OffscreenTarget target(static_cast<int>(camera.widthPx), static_cast<int>(camera.heightPx));
    target.bind();
    furniture.prepare(map.scene, map.doc, camera, options, top, 0.0);
    furniture.draw(map.scene);
}

// What a new FurnitureView (no cache) works out for the same view must be what the kept one has.
void checkSameAsFresh(test::BundledScene& map, const platform::FurnitureView& kept, const core::Camera& camera,
                      const core::FurnitureOptions& options, double top = 0.0)
{
    platform::FurnitureView fresh;
    fresh.prepare(map.scene, map.doc, camera, options, top, 0.0);
    const render::FurnitureContent& a = kept.content();
    const render::FurnitureContent& b = fresh.content();
    CHECK(a.title == b.title);
    CHECK(a.subtitle == b.subtitle);
    CHECK(a.legend == b.legend);
    CHECK(a.sourceNames == b.sourceNames);
    CHECK(a.sourcesTail == b.sourcesTail);
    CHECK(a.pointOfView == b.pointOfView);
    CHECK(a.northAngle == b.northAngle);
    REQUIRE(a.scaleBar.has_value() == b.scaleBar.has_value());
    if (a.scaleBar) {
        CHECK(a.scaleBar->label == b.scaleBar->label);
        CHECK(a.scaleBar->lengthPx == b.scaleBar->lengthPx);
    }
    CHECK(a.scale == b.scale);
    CHECK(a.reservedTop == b.reservedTop);
    CHECK(a.insetWorld.empty() == b.insetWorld.empty());
    CHECK(a.insetLayers.size() == b.insetLayers.size());
}

bool listed(const render::FurnitureContent& content, const std::string& name)
{
    return std::any_of(content.legend.begin(), content.legend.end(),
                       [&](const render::LegendSwatch& s) { return s.name == name; });
}

} // namespace

TEST_CASE("FurnitureView: a still view works its furniture out once, and each change that can alter it works it out again")
{
    test::BundledScene map;
    core::Camera camera;
    camera.widthPx = 1200;
    camera.heightPx = 800;
    camera.fit(geo::projectBox({54.5, 25.5, 56.5, 26.6}, map.doc.viewCrs), 0.0); // the Gulf islands: all items
    core::FurnitureOptions options;
    options.title = "Cached furniture";
    platform::FurnitureView furniture;

    // A still view: ten frames, one content, one layout (draw() reuses prepare()'s).
    for (int i = 0; i < 10; ++i) {
        frame(map, furniture, camera, options, 24.0);
    }
    CHECK(furniture.contentBuilds() == 1);
    CHECK(furniture.layouts() == 1);
    REQUIRE_FALSE(furniture.content().legend.empty());
    REQUIRE(furniture.content().scaleBar.has_value());
    REQUIRE_FALSE(furniture.content().insetWorld.empty());
    checkSameAsFresh(map, furniture, camera, options, 24.0);

    std::size_t builds = furniture.contentBuilds();
    // Each change, drawn over three frames: a new content for the first (laid out again unless it came out the same:
    // a layer switched off outside the view), nothing for the others.
    const auto changed = [&](const std::string& what, double top = 24.0) {
        CAPTURE(what);
        frame(map, furniture, camera, options, top);
        CHECK(furniture.contentBuilds() == builds + 1);
        const std::size_t layouts = furniture.layouts();
        CHECK(layouts <= furniture.contentBuilds());
        for (int i = 0; i < 2; ++i) {
            frame(map, furniture, camera, options, top);
        }
        CHECK(furniture.contentBuilds() == builds + 1);
        CHECK(furniture.layouts() == layouts);
        builds = furniture.contentBuilds();
        checkSameAsFresh(map, furniture, camera, options, top);
    };

    camera.panPixels(40.0, -25.0);
    changed("pan");
    camera.zoomAbout({600.0, 400.0}, 1.5);
    changed("zoom");
    camera.resize(1000, 700);
    changed("window size");
    changed("reserved edge", 40.0);
    options.title = "Another title";
    changed("title", 40.0);
    options.scale = 1.5;
    changed("scale", 40.0);
    options.nauticalMiles = true;
    changed("nautical miles", 40.0);
    CHECK(furniture.content().scaleBar->label.ends_with("nmi"));

    // A layer switched off, then faded: it leaves the legend, the sources or the inset.
    const auto before = furniture.content().legend.size();
    std::size_t shown = 0;
    for (std::size_t i = map.doc.layers.size(); i-- > 0;) {
        if (map.doc.layers[i].visible) {
            shown = i;
            break;
        }
    }
    map.doc.layers[shown].visible = false;
    changed("visibility", 40.0);
    map.doc.layers[shown].visible = true;
    map.doc.layers[shown].opacity = 0.5f;
    changed("opacity", 40.0);
    CHECK(furniture.content().legend.size() == before);

    // A sheet edited in place (a style reload): the legend takes the new names.
    for (core::MapLayer& layer : map.doc.layers) {
        core::StyleRule rule; // no condition: every feature
        rule.legend = "Renamed by the test";
        layer.style.rules.push_back(rule);
    }
    changed("style", 40.0);
    CHECK(listed(furniture.content(), "Renamed by the test"));

    map.doc.background = {0.1f, 0.2f, 0.3f, 1.0f};
    changed("background (the inset's)", 40.0);
    CHECK(furniture.content().insetBackground == map.doc.background);

    // Switched off and on again: the view is the same, nothing is worked out again.
    core::FurnitureOptions none = core::noFurniture(options);
    none.title.clear();
    frame(map, furniture, camera, none, 40.0);
    frame(map, furniture, camera, options, 40.0);
    CHECK(furniture.contentBuilds() == builds);
}

TEST_CASE("ViewGeodesy::lonLatBox is geo::unprojectBox with the geodesy's own transformer")
{
    const geo::ViewGeodesy geodesy(geo::kCorridorLcc);
    for (const core::GeoBox& box : {core::GeoBox{54.5, 25.5, 56.5, 26.6}, core::GeoBox{28.0, 10.0, 78.0, 62.0},
                                    core::GeoBox{-10.0, 70.0, 120.0, 89.0}}) {
        const core::Bounds view = geo::projectBox(box, geo::kCorridorLcc);
        const auto a = geodesy.lonLatBox(view);
        const auto b = geo::unprojectBox(view, geo::kCorridorLcc);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(a->west == doctest::Approx(b->west).epsilon(1e-12));
        CHECK(a->south == doctest::Approx(b->south).epsilon(1e-12));
        CHECK(a->east == doctest::Approx(b->east).epsilon(1e-12));
        CHECK(a->north == doctest::Approx(b->north).epsilon(1e-12));
    }
    CHECK_FALSE(geodesy.lonLatBox(core::Bounds{}).has_value());
}

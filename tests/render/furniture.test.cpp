#include "render/furniture.hpp"

#include "geo/view_geodesy.hpp"
#include "render/bundled_scene.hpp"
#include "render/image.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace corridor;

namespace {

render::LegendSwatch swatch(std::string name, core::LegendKind kind, core::Symbolizer s)
{
    return {std::move(name), kind, std::move(s)};
}

// A hand-made content with every item, for the layout and drawing tests (the real content comes from the
// document: geo::furnitureContent).
render::FurnitureContent everyItem(const core::Camera& camera, const std::string& crs, std::size_t legendEntries)
{
    render::FurnitureContent c;
    c.title = "The disputed Gulf islands";
    c.subtitle = "Abu Musa, Greater and Lesser Tunb";
    core::Symbolizer rail;
    rail.stroke = {0.55f, 0.18f, 0.1f, 1.0f};
    rail.strokeWidth = 3.0f;
    rail.casing = {1, 1, 1, 1};
    rail.casingWidth = 5.0f;
    core::Symbolizer lane = rail;
    lane.stroke = {0.12f, 0.37f, 0.55f, 1.0f};
    lane.strokeWidth = 2.0f;
    lane.casingWidth = 0.0f;
    lane.dash = {7, 4};
    core::Symbolizer disputed;
    disputed.fill = {0.75f, 0.22f, 0.17f, 0.3f};
    disputed.hatch = true;
    disputed.stroke = {0.56f, 0.1f, 0.06f, 1.0f};
    disputed.strokeWidth = 1.2f;
    core::Symbolizer port;
    port.marker = core::MarkerShape::Port;
    port.markerSize = 11.0f;
    const render::LegendSwatch kinds[] = {swatch("INSTC rail (operational)", core::LegendKind::Line, rail),
                                          swatch("Sea lane", core::LegendKind::Line, lane),
                                          swatch("Disputed island", core::LegendKind::Fill, disputed),
                                          swatch("Port", core::LegendKind::Point, port)};
    for (std::size_t i = 0; i < legendEntries; ++i) {
        render::LegendSwatch e = kinds[i % 4];
        if (i >= 4) {
            e.name += " " + std::to_string(i);
        }
        c.legend.push_back(e);
    }
    const geo::ViewGeodesy g(crs);
    if (const auto bar = g.scaleBar(camera, 160.0, geo::DistanceUnit::Kilometres)) {
        c.scaleBar = render::FurnitureContent::ScaleBar{bar->lengthPx, bar->divisions, bar->label, bar->note};
    }
    c.northAngle = g.northAngle(camera);
    c.sourceNames = {"Natural Earth", "GSHHG", "IRNA 2000"};
    c.sourcesTail = "CRS: Corridor conic (Lambert, 25°/55°N)  ·  2026-12-04";
    c.pointOfView = {"Disputed: Abu Musa, Greater Tunb and Lesser Tunb — administered by Iran, claimed by the UAE."};
    return c;
}

} // namespace

TEST_CASE("furniture items never overlap, at any size and scale")
{
    platform::HeadlessContext context;
    render::TextRenderer text;
    for (const auto& [w, h] : {std::pair{640, 360}, {1280, 800}, {1920, 1080}, {3840, 2160}, {800, 1200}, {400, 300}}) {
        for (const double scale : {1.0, 2.0}) {
            for (const std::size_t entries : {std::size_t{0}, std::size_t{4}, std::size_t{40}}) {
                CAPTURE(w);
                CAPTURE(h);
                CAPTURE(scale);
                CAPTURE(entries);
                core::Camera camera;
                camera.widthPx = w;
                camera.heightPx = h;
                camera.fit(geo::projectBox({54.5, 25.5, 56.5, 26.6}, geo::kCorridorLcc), 0.0);
                render::FurnitureContent c = everyItem(camera, geo::kCorridorLcc, entries);
                c.scale = scale;
                c.insetWorld = geo::projectBox(core::kCorridorView, geo::kCorridorLcc);
                c.viewWorld = camera.visibleWorld();
                const render::FurnitureLayout layout = render::FurnitureRenderer::layout(c, w, h, text);
                std::vector<std::pair<const char*, render::FurnitureBox>> boxes;
                for (const auto& [name, box] : {std::pair{"title", layout.title}, {"legend", layout.legend},
                                                {"scale", layout.scaleBar}, {"north", layout.north},
                                                {"sources", layout.sources}, {"pov", layout.pointOfView},
                                                {"inset", layout.inset}}) {
                    if (box) {
                        boxes.emplace_back(name, *box);
                    }
                }
                for (std::size_t i = 0; i < boxes.size(); ++i) {
                    const render::FurnitureBox& a = boxes[i].second;
                    CHECK(a.x >= 0.0);
                    CHECK(a.y >= 0.0);
                    CHECK(a.x + a.width <= w + 1e-9);
                    CHECK(a.y + a.height <= h + 1e-9);
                    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
                        // The north arrow stands inside the scale bar's panel by design.
                        if (std::string(boxes[i].first) == "scale" && std::string(boxes[j].first) == "north") {
                            continue;
                        }
                        CAPTURE(boxes[i].first);
                        CAPTURE(boxes[j].first);
                        CHECK_FALSE(a.overlaps(boxes[j].second));
                    }
                }
                if (w >= 1280 * scale && h >= 720 * scale && entries <= 4) {
                    CHECK(boxes.size() == (entries == 0 ? 6 : 7)); // nothing left out where there is room
                }
                if (entries == 40 && h < 900 * scale) {
                    CHECK(layout.legendShown < 40); // "+N more"
                }
                if (entries == 4 && w >= 1280 * scale) {
                    CHECK(layout.legendShown == 4);
                    CHECK(layout.inset);
                }
            }
        }
    }
}

TEST_CASE("a long title is narrowed, then cut, before it reaches the legend")
{
    platform::HeadlessContext context;
    render::TextRenderer text;
    core::Camera camera;
    camera.widthPx = 800;
    camera.heightPx = 600;
    camera.fit(geo::projectBox({54.5, 25.5, 56.5, 26.6}, geo::kCorridorLcc), 0.0);
    render::FurnitureContent c = everyItem(camera, geo::kCorridorLcc, 4);
    c.title = "The International North–South Transport Corridor from Mumbai to Saint Petersburg and its branches";
    const auto layout = render::FurnitureRenderer::layout(c, 800, 600, text);
    REQUIRE(layout.title);
    REQUIRE(layout.legend);
    CHECK(layout.titleSize < 22.0f);
    CHECK_FALSE(layout.title->overlaps(*layout.legend));
}

TEST_CASE("furniture drawn over the bundled islands view")
{
    test::BundledScene bundled;
    const int w = 1600, h = 1000;
    core::Camera camera;
    camera.widthPx = w;
    camera.heightPx = h;
    camera.fit(geo::projectBox({54.5, 25.5, 56.5, 26.6}, bundled.doc.viewCrs), 0.0);
    render::FurnitureContent c = everyItem(camera, bundled.doc.viewCrs, 4);
    c.insetWorld = geo::projectBox(core::kCorridorView, bundled.doc.viewCrs);
    c.viewWorld = camera.visibleWorld();
    for (std::size_t i = 0; i < bundled.doc.layers.size(); ++i) {
        if (bundled.doc.layers[i].data.dominantType() == core::GeometryType::Polygon && bundled.doc.layers[i].visible) {
            c.insetLayers.push_back({i, true, 1.0f});
        }
    }
    const render::OffscreenTarget target(w, h);
    target.bind();
    bundled.scene.render(camera, bundled.doc.background);
    render::FurnitureRenderer furniture;
    furniture.draw(c, w, h, bundled.scene.renderer, bundled.scene.labels.text());
    const render::Image image{w, h, target.read()};
    std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
    render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/furniture-islands.png", image);
}

TEST_CASE("drawing the inset between slices of a frame leaves the frame to finish as it would have")
{
    // The window draws its map in slices over several frames (render::ViewCache) and the furniture's inset in every
    // frame with the same renderer: the sliced frame must neither restart nor change.
    test::BundledScene bundled;
    core::Camera camera;
    camera.widthPx = 640;
    camera.heightPx = 400;
    camera.fit(geo::projectBox({48, 36.5, 49.8, 38.6}, bundled.doc.viewCrs), 0.0);
    const render::OffscreenTarget target(640, 400);
    target.bind();
    bundled.scene.renderer.render(camera, bundled.scene.order, bundled.doc.background);
    const render::Image whole{640, 400, target.read()};

    render::MapRenderer& renderer = bundled.scene.renderer;
    renderer.beginFrame(camera, bundled.scene.order, bundled.doc.background);
    const std::uint64_t id = renderer.frameId();
    core::Camera inset;
    inset.widthPx = 100;
    inset.heightPx = 80;
    inset.fit(geo::projectBox(core::kCorridorView, bundled.doc.viewCrs), 0.0);
    const render::OffscreenTarget other(100, 80);
    int slices = 0;
    for (bool done = false; !done; ++slices) {
        target.bind();
        done = renderer.continueFrame(2000);
        other.bind();
        renderer.overlay(inset, bundled.scene.order, {0, 0, 100, 80});
        CHECK(renderer.frameId() == id);
    }
    CHECK(slices > 2);
    target.bind();
    const render::Image sliced{640, 400, target.read()};
    CHECK(render::compareImages(sliced, whole, 0).differingPixels == 0);
}

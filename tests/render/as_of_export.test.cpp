// The bundled map as of a date (issue 14), as `corridor export --as-of` draws it: the bundled sheet's "@as-of" rules
// leave out what was not built yet, and the legend names the classes of that date.

#include "core/as_of.hpp"
#include "core/legend.hpp"
#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/furniture_content.hpp"
#include "platform/headless_context.hpp"
#include "render/bundled_scene.hpp"
#include "render/draw_scene.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

using namespace corridor;

namespace {

constexpr core::GeoBox kRashtAstara{48.0, 36.5, 49.8, 38.6}; // corridor export --bbox 48,36.5,49.8,38.6

core::Date date(const std::string& text) { return *core::parseDate(text); }

// The bundled map as export loads it (geodata/, its sheet, the corridor conic), as of `asOf`, meshed for one view.
struct DatedMap {
    platform::HeadlessContext context; // first in, last out
    core::MapDocument doc;
    render::MapScene scene;
    geo::OutputView view{kRashtAstara, 800.0, 600.0, std::nullopt};

    explicit DatedMap(std::optional<core::Date> asOf)
        : doc(test::bundledDocument())
    {
        doc.asOf = asOf;
        geo::buildMeshes(doc, view);
        scene.load(doc);
        scene.sync(doc);
    }

    const core::MapLayer& layer(const std::string& name) const
    {
        const auto it = std::find_if(doc.layers.begin(), doc.layers.end(),
                                     [&](const core::MapLayer& l) { return l.data.name == name; });
        REQUIRE(it != doc.layers.end());
        return *it;
    }

    // The `id`s of the features of a layer that its mesh labels: a feature the style hides draws no label.
    std::vector<std::string> labelled(const std::string& name) const
    {
        const core::MapLayer& l = layer(name);
        std::vector<std::string> out;
        for (const core::LabelSource& s : l.mesh.labels) {
            out.push_back(core::formatValue(*l.data.value(l.data.features[s.feature], "id")));
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    // Several maps may live at once, each in its own GL context: draw in this one.
    render::Image draw(const core::Camera& camera)
    {
        context.makeCurrent();
        return test::drawScene(scene, camera, doc);
    }

    // The feature of `layer` whose `id` is `id`.
    const core::Feature& feature(const std::string& name, const std::string& id) const
    {
        const core::MapLayer& l = layer(name);
        const auto it = std::find_if(l.data.features.begin(), l.data.features.end(), [&](const core::Feature& f) {
            return core::formatValue(*l.data.value(f, "id")) == id;
        });
        REQUIRE(it != l.data.features.end());
        return *it;
    }
};

bool has(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

// Of the vertices of a line feature that lie inside the image, away from `margin` px of its ends (the city markers
// and names there), the share with a pixel of the railways' near-black ink (#1a1a1a) within 2 px.
double inkedShare(const render::Image& image, const core::Camera& camera, const core::Layer& layer,
                  const core::Feature& f, const std::string& viewCrs, double margin)
{
    const core::Part& part = layer.parts[f.firstPart];
    std::vector<core::Vec2d> pts(layer.coords.begin() + part.first, layer.coords.begin() + part.first + part.count);
    const geo::ProjContext proj;
    geo::Transformer(proj, geo::kLonLat, viewCrs).forward(pts);
    const core::Vec2d a = camera.worldToScreen(pts.front()), b = camera.worldToScreen(pts.back());
    std::size_t tried = 0, inked = 0;
    for (const core::Vec2d& p : pts) {
        const core::Vec2d s = camera.worldToScreen(p);
        if (std::hypot(s.x - a.x, s.y - a.y) < margin || std::hypot(s.x - b.x, s.y - b.y) < margin ||
            s.x < 2 || s.y < 2 || s.x > image.width - 3 || s.y > image.height - 3) {
            continue;
        }
        ++tried;
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; ++dy) {
            for (int dx = -2; dx <= 2 && !found; ++dx) {
                const auto x = static_cast<std::size_t>(std::lround(s.x) + dx);
                const auto y = static_cast<std::size_t>(std::lround(s.y) + dy);
                const std::uint8_t* px = &image.rgba[(y * static_cast<std::size_t>(image.width) + x) * 4];
                found = px[0] < 70 && px[1] < 70 && px[2] < 70; // the line's ink, not the red planned line's
            }
        }
        inked += found ? 1 : 0;
    }
    REQUIRE(tried >= 3);
    return static_cast<double>(inked) / static_cast<double>(tried);
}

void save(const render::Image& image, const std::string& name)
{
    std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
    render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/" + name, image);
}

} // namespace

TEST_CASE("the Rasht–Astara view as of 2015 leaves out the lines opened later, today's draws them")
{
    DatedMap today(std::nullopt);
    DatedMap y2015(date("2015"));
    DatedMap y2020(date("2020"));
    // railways: rw01 Qazvin–Rasht (opened 2019-03-06), rw02 Rasht–Caspian Port (2024-06-20), rw03 Rasht–Astara
    // (agreed 2023-05-17), rw04 Astara–Astara (2018-03-29), rw05 Astara–Baku–Yalama (no date), rw06 Chabahar–Zahedan
    // (no date). Qazvin–Rasht has no agreement date: before its opening it is not drawn at all, not as planned.
    CHECK(today.labelled("railways") == std::vector<std::string>{"rw01", "rw02", "rw03", "rw04", "rw05", "rw06"});
    CHECK(y2015.labelled("railways") == std::vector<std::string>{"rw05", "rw06"});
    CHECK(y2020.labelled("railways") == std::vector<std::string>{"rw01", "rw04", "rw05", "rw06"});
    // The stations of the lines not yet opened or agreed go with them.
    CHECK(has(today.labelled("railway_stations"), "st_rasht"));
    CHECK(y2015.labelled("railway_stations").empty());
    CHECK(has(y2020.labelled("railway_stations"), "st_rasht"));
    CHECK(!has(y2020.labelled("railway_stations"), "st_astara")); // Rasht–Astara agreed in 2023
    // Nodes: a crossing opened in 2018 is left out in 2015; a city, and a port dated only by its 2024 contract, stay.
    CHECK(has(today.labelled("instc_nodes"), "n08"));
    CHECK(!has(y2015.labelled("instc_nodes"), "n08"));
    CHECK(has(y2015.labelled("instc_nodes"), "n07"));  // Rasht
    CHECK(has(y2015.labelled("instc_nodes"), "n24"));  // Chabahar
    CHECK(!has(y2015.labelled("instc_nodes"), "n11")); // Alat port, opened 2018
    // The eastern branch (agreed 2007, opened 2014) is drawn as planned in 2010: the rule's legend says so.
    core::MapDocument& doc = y2015.doc;
    const core::MapLayer& routes = y2015.layer("instc_routes");
    const core::Feature& r07 = y2015.feature("instc_routes", "r07");
    CHECK(core::legendName(routes.style, routes.data, r07, {date("2010")}) == "INSTC rail (agreed, not open then)");
    CHECK(core::legendName(routes.style, routes.data, r07, {date("2015")}) == "INSTC rail (operational)");
    CHECK(core::legendName(routes.style, routes.data, r07, {}) == "INSTC rail (operational)");

    // By pixels: the Rasht–Caspian Port line's ink along its course today, none in 2015.
    const core::Camera camera = geo::frameOutput(doc, y2015.view);
    const render::Image imageToday = today.draw(camera);
    const render::Image image2015 = y2015.draw(camera);
    save(imageToday, "as_of_rasht_astara_today.png");
    save(image2015, "as_of_rasht_astara_2015.png");
    const core::MapLayer& railways = y2015.layer("railways");
    const core::Feature& rw02 = y2015.feature("railways", "rw02");
    const core::Feature& rw01 = y2015.feature("railways", "rw01");
    CHECK(inkedShare(imageToday, camera, railways.data, rw02, doc.viewCrs, 30.0) > 0.8);
    CHECK(inkedShare(image2015, camera, railways.data, rw02, doc.viewCrs, 30.0) == 0.0);
    CHECK(inkedShare(imageToday, camera, railways.data, rw01, doc.viewCrs, 30.0) > 0.8);
    CHECK(inkedShare(image2015, camera, railways.data, rw01, doc.viewCrs, 30.0) == 0.0);
}

TEST_CASE("the legend of the Baltic names Nord Stream 1 by its state on the map's date")
{
    DatedMap map(std::nullopt);
    core::MapDocument& doc = map.doc;
    const core::GeoBox baltic{10.0, 53.0, 30.0, 61.0};
    const core::Camera camera = geo::frameView(doc, baltic, 800, 600);
    const auto names = [&] {
        std::vector<std::string> out;
        for (const core::LegendEntry& e : core::buildLegend(doc, camera, baltic).entries) {
            out.push_back(e.name);
        }
        return out;
    };
    CHECK(has(names(), "Gas pipeline (damaged 2022)"));
    doc.asOf = date("2015");
    CHECK(has(names(), "Gas pipeline (operating)")); // Nord Stream 1; Nord Stream 2 is not there yet
    CHECK(!has(names(), "Gas pipeline (damaged 2022)"));
    CHECK(!has(names(), "Nord Stream rupture site (Sep 2022)"));
    doc.asOf = date("2022-08-15"); // flows stopped end of August 2022 ("2022-08": from 1 August)
    CHECK(has(names(), "Gas pipeline (out of service)"));
    CHECK(!has(names(), "Gas pipeline (damaged 2022)"));
    doc.asOf = date("2022-09-26");
    CHECK(has(names(), "Gas pipeline (damaged 2022)"));
    CHECK(has(names(), "Nord Stream rupture site (Sep 2022)"));
    CHECK(!has(names(), "Gas pipeline (out of service)"));

    // The furniture's sources line says the date first.
    doc.asOf = date("2015-01-01");
    core::FurnitureOptions options;
    const render::FurnitureContent content =
        platform::furnitureContent(doc, camera, options, nullptr, core::DocumentSources{}, "conic", "2026-01-01");
    CHECK(content.sourcesTail == "Map as of 2015-01-01  ·  CRS: conic  ·  2026-01-01");
    doc.asOf.reset();
    CHECK(platform::furnitureContent(doc, camera, options, nullptr, core::DocumentSources{}, "conic", "2026-01-01")
              .sourcesTail == "CRS: conic  ·  2026-01-01");
}

#include "core/graticule.hpp"

#include "core/search.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

// The graticule as data: which spacing a zoom gets, the labels, the lines and their densification, the cut at a
// projection's seam, and the style that gives each spacing its zoom window.

using namespace corridor;

namespace {

std::string text(const core::Layer& layer, const core::Feature& f, const char* field)
{
    return core::formatValue(*layer.value(f, field));
}

} // namespace

TEST_CASE("graticule: each line is labelled with its degrees and hemisphere")
{
    CHECK(core::graticuleLabel(30.0, true) == "30°E");
    CHECK(core::graticuleLabel(-15.0, true) == "15°W");
    CHECK(core::graticuleLabel(40.0, false) == "40°N");
    CHECK(core::graticuleLabel(-10.0, false) == "10°S");
    CHECK(core::graticuleLabel(0.0, true) == "0°");
    CHECK(core::graticuleLabel(0.0, false) == "0°");
    CHECK(core::graticuleLabel(180.0, true) == "180°");
    CHECK(core::graticuleLabel(-180.0, true) == "180°");
    CHECK(core::graticuleLabel(190.0, true) == "170°W");
    CHECK(core::graticuleLabel(27.5, true) == "27°30′E");
    CHECK(core::graticuleLabel(-0.25, false) == "0°15′S");
    CHECK(core::graticuleLabel(36.0 + 1.0 / 60.0, false) == "36°1′N");
}

TEST_CASE("graticule: the spacing follows the zoom, its lines never closer than kMinSpacingPx")
{
    const std::vector<core::GraticuleLevel> levels = core::graticuleLevels(core::graticuleSpacings());
    REQUIRE(levels.size() == core::graticuleSpacings().size());
    // The windows tile the zoom axis: open at both ends, each handing over where the next begins.
    CHECK(levels.front().minZoom == core::kNoMinZoom);
    CHECK(levels.back().maxZoom == core::kNoMaxZoom);
    for (std::size_t i = 0; i + 1 < levels.size(); ++i) {
        CHECK(levels[i].maxZoom == levels[i + 1].minZoom);
        CHECK(levels[i].minZoom < levels[i].maxZoom);
    }
    // From the world in a few hundred pixels down to a street: finer spacings as the view closes in, and the spacing
    // drawn is the finest whose lines stand kMinSpacingPx apart.
    double previous = 1e9;
    for (double mpp = 60000.0; mpp > 1.0; mpp *= 0.8) {
        const double s = core::graticuleSpacing(levels, mpp);
        CHECK(s <= previous);
        previous = s;
        const double px = s * 111320.0 / mpp;
        if (s != core::graticuleSpacings().front()) {
            CHECK(px >= core::kMinSpacingPx * 0.999);
        }
        const auto finer = std::find(core::graticuleSpacings().begin(), core::graticuleSpacings().end(), s) + 1;
        if (finer != core::graticuleSpacings().end()) {
            CHECK(*finer * 111320.0 / mpp < core::kMinSpacingPx * 1.001);
        }
    }
    // The corridor overview (about 7 km per pixel) draws every 10°; a country view (2 km/px) every 5°.
    CHECK(core::graticuleSpacing(levels, 7000.0) == 10.0);
    CHECK(core::graticuleSpacing(levels, 2000.0) == 5.0);
    CHECK(core::graticuleSpacing(levels, 50000.0) == 30.0);
}

TEST_CASE("graticule: lines over the box at every spacing that fits, densified, with label, step and axis")
{
    const core::GeoBox box{28.0, 10.0, 78.0, 62.0};
    const core::Layer g = core::makeGraticule(box);
    CHECK(g.name == core::kGraticuleLayerName);
    std::map<std::string, std::set<std::string>> labels; // step → labels
    std::map<std::string, std::size_t> lines;
    for (const core::Feature& f : g.features) {
        REQUIRE(f.type == core::GeometryType::Line);
        REQUIRE(f.partCount == 1);
        const core::Part& part = g.parts[f.firstPart];
        const std::string step = text(g, f, "step");
        const std::string axis = text(g, f, "axis");
        labels[step].insert(text(g, f, "degrees"));
        ++lines[step];
        const core::Vec2d a = g.coords[part.first];
        const core::Vec2d b = g.coords[part.first + part.count - 1];
        if (axis == "meridian") {
            CHECK(a.x == b.x);
            CHECK(a.y == doctest::Approx(box.south));
            CHECK(b.y == doctest::Approx(box.north));
        } else {
            REQUIRE(axis == "parallel");
            CHECK(a.y == b.y);
            CHECK(a.x == doctest::Approx(box.west));
            CHECK(b.x == doctest::Approx(box.east));
        }
        for (std::uint32_t i = 1; i < part.count; ++i) { // densified: a parallel curves in a conic
            const core::Vec2d p = g.coords[part.first + i - 1], q = g.coords[part.first + i];
            CHECK(std::max(std::abs(q.x - p.x), std::abs(q.y - p.y)) <= core::kDensifyDegrees + 1e-9);
        }
    }
    CHECK(labels["10"] == std::set<std::string>{"30°E", "40°E", "50°E", "60°E", "70°E", "10°N", "20°N", "30°N",
                                                "40°N", "50°N", "60°N"});
    CHECK(labels["30"] == std::set<std::string>{"30°E", "60°E", "30°N", "60°N"});
    CHECK(labels["0.5"].count("50°30′E") == 1);
    CHECK(lines["1"] == 51 + 53);
    // The vertex budget: spacings with more lines than kMaxLinesPerSpacing are left out, and all that fit are in.
    for (const auto& [step, n] : lines) {
        CHECK(n <= core::kMaxLinesPerSpacing);
    }
    CHECK(lines.count("0.25") == 1);
    CHECK(lines.count("0.1") == 0);
    // A small box gets the fine spacings too.
    const core::Layer small = core::makeGraticule({51.0, 35.5, 51.6, 35.9});
    CHECK(core::graticuleLevelsOf(small).back().spacing == doctest::Approx(1.0 / 60.0));
}

TEST_CASE("graticule: a line is cut where the projection cannot draw it and across the projection's seam")
{
    // A fake conic with its seam at 100°E (x jumps by 360 there) that cannot project north of 80°.
    const core::ProjectFn project = [](std::span<core::Vec2d> points) {
        for (core::Vec2d& p : points) {
            if (p.y > 80.0) {
                p = {std::nan(""), std::nan("")};
            } else if (p.x > 100.0) {
                p.x -= 360.0;
            }
        }
    };
    const core::Layer g = core::makeGraticule({90.0, 70.0, 110.0, 85.0}, project);
    bool sawParallel = false, sawMeridian = false;
    for (const core::Feature& f : g.features) {
        if (text(g, f, "step") != "10") {
            continue;
        }
        if (text(g, f, "degrees") == "80°N") { // a parallel across the seam: two pieces, none spanning it
            sawParallel = true;
            REQUIRE(f.partCount == 2);
            const core::Part& west = g.parts[f.firstPart];
            const core::Part& east = g.parts[f.firstPart + 1];
            CHECK(g.coords[west.first + west.count - 1].x <= 100.0);
            CHECK(g.coords[east.first].x > 100.0);
        }
        if (text(g, f, "degrees") == "100°E") { // a meridian into the pole's cap: kept south of 80°N
            sawMeridian = true;
            REQUIRE(f.partCount == 1);
            const core::Part& p = g.parts[f.firstPart];
            CHECK(g.coords[p.first].y == doctest::Approx(70.0));
            CHECK(g.coords[p.first + p.count - 1].y == doctest::Approx(80.0));
        }
    }
    CHECK(sawParallel);
    CHECK(sawMeridian);
}

TEST_CASE("graticule: its style gives each spacing its zoom window, thin lines and labels that give way")
{
    const core::Layer g = core::makeGraticule({28.0, 10.0, 78.0, 62.0});
    const core::LayerStyle style = core::graticuleStyle(g);
    const std::vector<core::GraticuleLevel> levels = core::graticuleLevelsOf(g);
    REQUIRE(levels.size() >= 5);
    CHECK(levels.front().spacing == 30.0);
    CHECK(levels.back().maxZoom == core::kNoMaxZoom); // the finest kept is drawn at every closer zoom
    std::set<double> checked;
    for (const core::Feature& f : g.features) {
        const double step = std::stod(text(g, f, "step"));
        const auto level = std::find_if(levels.begin(), levels.end(), [&](const auto& l) { return l.spacing == step; });
        REQUIRE(level != levels.end());
        const core::Symbolizer s = core::resolveSymbolizer(style, g, f);
        CHECK(s.minZoom == level->minZoom);
        CHECK(s.maxZoom == level->maxZoom);
        CHECK(s.strokeWidth < 1.0f);
        CHECK(s.labelField == "degrees");
        CHECK(s.labelPriority < core::Symbolizer{}.labelPriority);
        checked.insert(step);
    }
    CHECK(checked.size() == levels.size());
}

TEST_CASE("graticule: it goes above the basemap and under the thematic layers, and is told from a file's layer")
{
    core::MapDocument doc;
    for (const char* name : {"basemap_land", "basemap_countries", "railways", "basemap_sea_labels", "nodes"}) {
        core::MapLayer l;
        l.data.name = name;
        l.sourcePath = "x.geojson";
        doc.layers.push_back(l);
    }
    CHECK(core::graticuleSlot(doc) == 4);
    CHECK(!core::findGraticule(doc));
    core::MapLayer fake;
    fake.data.name = core::kGraticuleLayerName;
    fake.sourcePath = "graticule.geojson"; // a user's file named so is not ours
    doc.layers.push_back(fake);
    CHECK(!core::findGraticule(doc));
    doc.layers.insert(doc.layers.begin() + 4, core::makeGraticuleLayer(core::makeGraticule({40, 30, 60, 40}), false));
    REQUIRE(core::findGraticule(doc));
    CHECK(*core::findGraticule(doc) == 4);
    CHECK(doc.layers[4].title == "Graticule");
    CHECK(!doc.layers[4].visible);
    core::MapDocument none;
    CHECK(core::graticuleSlot(none) == 0);
    // Its extent: the initial view grown by half on each side, cut at ±85° (Web Mercator) and ±180°.
    none.initialView = core::GeoBox{28.0, 10.0, 78.0, 62.0};
    const core::GeoBox e = core::graticuleExtent(none);
    CHECK(e.west == doctest::Approx(3.0));
    CHECK(e.east == doctest::Approx(103.0));
    CHECK(e.south == doctest::Approx(-16.0));
    CHECK(e.north == doctest::Approx(core::kMaxGraticuleLatitude));
}

TEST_CASE("graticule: search does not offer its lines as places")
{
    core::MapDocument doc;
    doc.layers.push_back(core::makeGraticuleLayer(core::makeGraticule({28.0, 10.0, 78.0, 62.0}), true));
    core::SearchIndex index;
    index.build(doc);
    CHECK(index.size() == 0);
    CHECK(index.find("40°N").empty());
}

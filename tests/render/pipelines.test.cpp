// One golden image per pipeline, on synthetic scenes built in code: line joins and caps, dashes running on across
// vertices, casings, polygon holes and multipolygons, hatching, every marker shape, and label collision.
// Tolerances: tests/render/golden.hpp (6/255 per channel on all but 0.2 % of pixels).

#include "core/labels.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/golden.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace corridor;

namespace {

// A layer in lon/lat from pixel-like coordinates: (x, y) in [0, 100] maps to a 4° × 2.5° box at 55°E 40°N.
core::Vec2d at(double x, double y) { return {53.0 + x * 0.04, 38.75 + y * 0.025}; }

struct SceneBuilder {
    core::MapDocument doc;

    core::MapLayer& layer(const std::string& name)
    {
        core::MapLayer& l = doc.layers.emplace_back();
        l.data.name = name;
        l.title = name;
        l.data.fields = {{"name", core::FieldType::String}};
        return l;
    }
    static void add(core::MapLayer& l, core::GeometryType type, const std::vector<std::pair<core::PartRole, std::vector<core::Vec2d>>>& parts,
                    const std::string& name = "")
    {
        core::Feature f;
        f.id = static_cast<std::int64_t>(l.data.features.size());
        f.type = type;
        f.firstPart = static_cast<std::uint32_t>(l.data.parts.size());
        for (const auto& [role, pts] : parts) {
            core::appendPart(l.data, role, pts.data(), pts.size());
        }
        f.partCount = static_cast<std::uint32_t>(parts.size());
        f.values = {name};
        l.data.features.push_back(f);
    }
    render::Image render(int w, int h)
    {
        doc.viewCrs = geo::kCorridorLcc;
        geo::buildMeshes(doc);
        render::MapScene scene;
        scene.load(doc);
        const render::OffscreenTarget target(w, h);
        target.bind();
        const core::Camera camera = geo::frameView(doc, core::GeoBox{at(0, 0).x, at(0, 0).y, at(100, 100).x, at(100, 100).y}, w, h);
        scene.render(camera, {0.97f, 0.96f, 0.93f, 1.0f});
        return {w, h, target.read()};
    }
};

} // namespace

TEST_CASE("golden: line joins, caps, casing and dashes that run on across vertices")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    core::MapLayer& zig = s.layer("zigzag");
    zig.style.base.stroke = {0.55f, 0.18f, 0.1f, 1.0f};
    zig.style.base.strokeWidth = 12.0f;
    zig.style.base.casing = {0.1f, 0.1f, 0.1f, 1.0f};
    zig.style.base.casingWidth = 16.0f;
    SceneBuilder::add(zig, core::GeometryType::Line, {{core::PartRole::Line, {at(8, 15), at(25, 45), at(30, 10), at(45, 40), at(50, 15)}}});
    core::MapLayer& dashed = s.layer("dashed");
    dashed.style.base.stroke = {0.12f, 0.37f, 0.55f, 1.0f};
    dashed.style.base.strokeWidth = 4.0f;
    dashed.style.base.dash = {14.0f, 6.0f};
    // many short segments: a dash pattern that restarted at every vertex would show as a solid line
    std::vector<core::Vec2d> wave;
    for (int i = 0; i <= 60; ++i) {
        wave.push_back(at(55 + i * 0.7, 30 + 12 * std::sin(i * 0.25)));
    }
    SceneBuilder::add(dashed, core::GeometryType::Line, {{core::PartRole::Line, wave}});
    core::MapLayer& thin = s.layer("thin");
    thin.style.base.stroke = {0.2f, 0.2f, 0.2f, 1.0f};
    thin.style.base.strokeWidth = 1.0f;
    for (int i = 0; i < 6; ++i) {
        SceneBuilder::add(thin, core::GeometryType::Line, {{core::PartRole::Line, {at(10 + i * 15, 60), at(20 + i * 15, 95)}}});
    }
    test::checkGolden(s.render(480, 300), "pipeline_lines");
}

TEST_CASE("golden: miter, bevel and round joins with butt, square and round caps, and joins that blend once")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    const core::LineJoin joins[] = {core::LineJoin::Round, core::LineJoin::Miter, core::LineJoin::Bevel};
    const core::LineCap caps[] = {core::LineCap::Round, core::LineCap::Butt, core::LineCap::Square};
    for (int i = 0; i < 3; ++i) {
        core::MapLayer& l = s.layer("join " + std::to_string(i));
        l.style.base.stroke = {0.2f, 0.3f, 0.45f, 1.0f};
        l.style.base.strokeWidth = 14.0f;
        l.style.base.join = joins[i];
        l.style.base.cap = caps[i];
        const double x = 6 + i * 32;
        // a right angle, an obtuse turn, and a sharp one past the default miter limit of 2 (bevelled)
        SceneBuilder::add(l, core::GeometryType::Line,
                          {{core::PartRole::Line, {at(x, 12), at(x, 42), at(x + 12, 42), at(x + 22, 30), at(x + 12, 15)}}});
        // the ends' caps against a guide line through the end points: butt stops at it, square and round pass it
        core::MapLayer& guide = s.layer("guide " + std::to_string(i));
        guide.style.base.stroke = {0.85f, 0.2f, 0.1f, 1.0f};
        guide.style.base.strokeWidth = 1.0f;
        SceneBuilder::add(guide, core::GeometryType::Line, {{core::PartRole::Line, {at(x - 4, 12), at(x + 4, 12)}}});
    }
    // A translucent wide line with many joins (ring and open line): no join is darker than the line, as it would be
    // if two segments' shares overlapped there.
    core::MapLayer& glass = s.layer("translucent");
    glass.style.base.stroke = {0.1f, 0.55f, 0.3f, 0.5f};
    glass.style.base.strokeWidth = 10.0f;
    glass.style.base.join = core::LineJoin::Miter;
    glass.style.base.miterLimit = 4.0f;
    SceneBuilder::add(glass, core::GeometryType::Line,
                      {{core::PartRole::Line, {at(8, 60), at(25, 85), at(40, 62), at(55, 88), at(62, 60)}}});
    core::MapLayer& ring = s.layer("ring");
    ring.style.base.stroke = {0.45f, 0.2f, 0.55f, 0.5f};
    ring.style.base.strokeWidth = 8.0f;
    ring.style.base.fill = {0.0f, 0.0f, 0.0f, 0.0f};
    ring.style.base.join = core::LineJoin::Miter;
    SceneBuilder::add(ring, core::GeometryType::Polygon,
                      {{core::PartRole::OuterRing, {at(72, 60), at(94, 62), at(90, 90), at(75, 84), at(72, 60)}}});
    test::checkGolden(s.render(480, 300), "pipeline_joins");
}

TEST_CASE("golden: polygons with holes, a multipolygon, outlines, opacity and hatching")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    core::MapLayer& frame = s.layer("frame");
    frame.style.base.fill = {0.16f, 0.62f, 0.56f, 1.0f};
    frame.style.base.stroke = {0.1f, 0.27f, 0.33f, 1.0f};
    frame.style.base.strokeWidth = 2.0f;
    SceneBuilder::add(frame, core::GeometryType::Polygon,
                      {{core::PartRole::OuterRing, {at(5, 10), at(45, 10), at(45, 90), at(5, 90)}},
                       {core::PartRole::InnerRing, {at(12, 20), at(25, 20), at(25, 45), at(12, 45)}},
                       {core::PartRole::InnerRing, {at(30, 55), at(38, 80), at(20, 70)}}});
    core::MapLayer& disputed = s.layer("disputed");
    disputed.style.base.fill = {0.75f, 0.22f, 0.17f, 0.3f};
    disputed.style.base.hatch = true;
    disputed.style.base.hatchColor = {0.56f, 0.1f, 0.06f, 0.8f};
    disputed.style.base.stroke = {0.56f, 0.1f, 0.06f, 1.0f};
    disputed.style.base.strokeWidth = 1.2f;
    SceneBuilder::add(disputed, core::GeometryType::Polygon,
                      {{core::PartRole::OuterRing, {at(55, 15), at(90, 20), at(80, 45), at(60, 40)}},
                       {core::PartRole::OuterRing, {at(60, 60), at(95, 60), at(95, 90), at(75, 75), at(60, 90)}}});
    core::MapLayer& glass = s.layer("translucent");
    glass.style.base.fill = {0.2f, 0.3f, 0.8f, 0.35f};
    glass.style.base.strokeWidth = 0.0f;
    SceneBuilder::add(glass, core::GeometryType::Polygon, {{core::PartRole::OuterRing, {at(35, 30), at(70, 30), at(70, 70), at(35, 70)}}});
    test::checkGolden(s.render(480, 300), "pipeline_polygons");
}

TEST_CASE("golden: every marker shape at two sizes")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    const core::MarkerShape shapes[] = {core::MarkerShape::Circle, core::MarkerShape::Square,
                                        core::MarkerShape::Triangle, core::MarkerShape::Diamond,
                                        core::MarkerShape::Port, core::MarkerShape::City};
    for (int i = 0; i < 6; ++i) {
        for (int j = 0; j < 2; ++j) {
            core::MapLayer& l = s.layer("markers");
            l.style.base.marker = shapes[i];
            l.style.base.markerSize = j == 0 ? 9.0f : 22.0f;
            l.style.base.markerFill = {0.12f + 0.12f * i, 0.37f, 0.55f - 0.06f * i, 1.0f};
            l.style.base.markerOutline = {0.1f, 0.1f, 0.1f, 1.0f};
            SceneBuilder::add(l, core::GeometryType::Point, {{core::PartRole::Point, {at(9 + i * 16.5, 30 + j * 40)}}});
        }
    }
    test::checkGolden(s.render(320, 200), "pipeline_markers");
}

TEST_CASE("golden: crowded point labels are placed without collisions, by priority")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    const char* names[] = {"Bandar Abbas", "Астрахань", "بندر عباس", "Tehran تهران", "Rasht", "Астара", "Baku", "Qazvin",
                           "Makhachkala", "Aktau", "Gorgan", "Etrek", "Bereket", "Sarakhs", "Chabahar", "Olya"};
    core::MapLayer& l = s.layer("places");
    l.style.base.marker = core::MarkerShape::Circle;
    l.style.base.markerSize = 7.0f;
    l.style.base.markerFill = {0.2f, 0.2f, 0.2f, 1.0f};
    l.style.base.labelField = "name";
    l.style.base.labelSize = 13.0f;
    for (int i = 0; i < 16; ++i) {
        // a tight cluster on the left, spread points on the right
        const double x = i < 10 ? 20 + (i % 3) * 6 : 55 + (i - 10) * 7;
        const double y = i < 10 ? 30 + (i / 3) * 9 : 20 + (i % 4) * 18;
        SceneBuilder::add(l, core::GeometryType::Point, {{core::PartRole::Point, {at(x, y)}}}, names[i]);
    }
    test::checkGolden(s.render(480, 300), "pipeline_labels");
}

TEST_CASE("golden: an area large enough is named inside, a tiny island beside itself")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    core::MapLayer& areas = s.layer("areas");
    areas.style.base.fill = {0.75f, 0.22f, 0.17f, 0.3f};
    areas.style.base.hatch = true;
    areas.style.base.hatchColor = {0.56f, 0.1f, 0.06f, 0.8f};
    areas.style.base.stroke = {0.56f, 0.1f, 0.06f, 1.0f};
    areas.style.base.strokeWidth = 1.2f;
    areas.style.base.labelField = "name";
    areas.style.base.labelColor = {0.48f, 0.1f, 0.06f, 1.0f};
    SceneBuilder::add(areas, core::GeometryType::Polygon,
                      {{core::PartRole::OuterRing, {at(10, 20), at(55, 15), at(60, 70), at(15, 80)}}}, "Disputed zone");
    SceneBuilder::add(areas, core::GeometryType::Polygon,
                      {{core::PartRole::OuterRing, {at(75, 40), at(77, 40), at(77.5, 43), at(75.5, 43.5)}}}, "Abu Musa");
    test::checkGolden(s.render(480, 300), "pipeline_area_labels");
}

TEST_CASE("golden: line labels follow straight stretches, never fold round a corner, and keep off markers")
{
    const platform::HeadlessContext context;
    SceneBuilder s;
    core::MapLayer& routes = s.layer("routes");
    routes.style.base.stroke = {0.45f, 0.15f, 0.1f, 1.0f};
    routes.style.base.strokeWidth = 3.0f;
    routes.style.base.labelField = "name";
    routes.style.base.labelSize = 13.0f;
    // A hairpin whose middle is the bend: the label must go on one of the straight arms.
    SceneBuilder::add(routes, core::GeometryType::Line,
                      {{core::PartRole::Line, {at(3, 80), at(60, 80), at(63, 70), at(6, 62)}}}, "Qazvin–Rasht–Astara");
    // A gentle arc, labelled along its curve, and a right-to-left line whose label still reads left to right.
    std::vector<core::Vec2d> arc;
    for (int i = 0; i <= 24; ++i) {
        const double a = i / 24.0 * 1.6;
        arc.push_back(at(66 + 30 * std::sin(a), 20 + 50 * (1 - std::cos(a)) * 0.5));
    }
    SceneBuilder::add(routes, core::GeometryType::Line, {{core::PartRole::Line, arc}}, "Caspian ferry");
    SceneBuilder::add(routes, core::GeometryType::Line, {{core::PartRole::Line, {at(60, 26), at(3, 8)}}}, "Астара–Баку");
    // Unlabelled stations sit where the last label's middle would be: it moves along its line to avoid them.
    core::MapLayer& stations = s.layer("stations");
    stations.style.base.marker = core::MarkerShape::Circle;
    stations.style.base.markerSize = 8.0f;
    stations.style.base.markerFill = {1.0f, 1.0f, 1.0f, 1.0f};
    stations.style.base.markerOutline = {0.1f, 0.1f, 0.1f, 1.0f};
    SceneBuilder::add(stations, core::GeometryType::Point, {{core::PartRole::Point, {at(31.5, 17)}}});
    SceneBuilder::add(stations, core::GeometryType::Point, {{core::PartRole::Point, {at(27, 15.58)}}});
    test::checkGolden(s.render(480, 300), "pipeline_line_labels");
}

#include "core/hit_test.hpp"

#include "core/map_document.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

using namespace corridor::core;

namespace {

// A layer whose coordinates are taken as view-CRS units: one field "name".
Layer makeLayer(const std::string& name)
{
    Layer l;
    l.name = name;
    l.fields.push_back({"name", FieldType::String});
    return l;
}

void addFeature(Layer& l, GeometryType type, const std::vector<std::pair<PartRole, std::vector<Vec2d>>>& parts,
                const std::string& name)
{
    Feature f;
    f.id = static_cast<std::int64_t>(l.features.size());
    f.type = type;
    f.firstPart = static_cast<std::uint32_t>(l.parts.size());
    for (const auto& [role, pts] : parts) {
        appendPart(l, role, pts.data(), pts.size());
        ++f.partCount;
    }
    f.values.push_back(name);
    l.features.push_back(std::move(f));
}

std::vector<Vec2d> square(double x0, double y0, double x1, double y1, bool closed = true)
{
    std::vector<Vec2d> r{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    if (closed) {
        r.push_back({x0, y0});
    }
    return r;
}

MapLayer mapLayer(Layer l)
{
    MapLayer m;
    m.title = l.name;
    m.hits = std::make_shared<const HitIndex>(l);
    m.data = std::move(l);
    m.style.honourSimplestyle = false;
    return m;
}

// One world unit per pixel, 400 × 400 pixels centred on (50, 50).
Camera camera()
{
    Camera c;
    c.resize(400, 400);
    c.center = {50, 50};
    c.unitsPerPixel = 1.0;
    return c;
}

std::vector<Hit> hitsAt(const MapDocument& doc, Vec2d world)
{
    const Camera c = camera();
    return hitTest(doc, c, c.worldToScreen(world), 4.0);
}

} // namespace

TEST_CASE("hit test: a point is hit within its marker radius plus the tolerance, and not beyond")
{
    Layer l = makeLayer("ports");
    addFeature(l, GeometryType::Point, {{PartRole::Point, {{50, 50}}}}, "a");
    addFeature(l, GeometryType::Point, {{PartRole::Point, {{90, 50}}}}, "b");
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(l)));
    doc.layers[0].style.base.markerSize = 10.0f; // radius 5 px, reach 9 px

    auto hits = hitsAt(doc, {58.5, 50});
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].feature == 0);
    CHECK(hits[0].distancePx == doctest::Approx(8.5));
    CHECK(hitsAt(doc, {59.5, 50}).empty());
    // Markers grow with the style: at 30 px the same spot is well inside
    doc.layers[0].style.base.markerSize = 30.0f;
    CHECK(hitsAt(doc, {62, 50}).size() == 1);
}

TEST_CASE("hit test: a line is hit within half its width plus the tolerance, along any segment")
{
    Layer l = makeLayer("rail");
    std::vector<Vec2d> zigzag;
    for (int i = 0; i <= 200; ++i) { // 200 segments: several index runs
        zigzag.push_back({i * 0.5, (i % 2) * 0.2});
    }
    addFeature(l, GeometryType::Line, {{PartRole::Line, zigzag}}, "line");
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(l)));
    doc.layers[0].style.base.strokeWidth = 2.0f; // reach 1 + 4 = 5 px

    CHECK(hitsAt(doc, {73.3, 4.9}).size() == 1);
    CHECK(hitsAt(doc, {73.3, -4.7}).size() == 1);
    CHECK(hitsAt(doc, {73.3, 5.6}).empty());
    CHECK(hitsAt(doc, {106.0, 0.0}).empty()); // past the end, beyond the reach of the round cap
    CHECK(hitsAt(doc, {104.5, 0.0}).size() == 1);
    // A casing widens the drawn line, and so the reach
    doc.layers[0].style.base.casingWidth = 6.0f; // reach 3 + 4 = 7 px
    CHECK(hitsAt(doc, {73.3, 6.5}).size() == 1);
}

TEST_CASE("hit test: polygons by containment, holes excluded, open or closed rings, several parts")
{
    for (const bool closed : {true, false}) {
        CAPTURE(closed);
        Layer l = makeLayer("islands");
        addFeature(l, GeometryType::Polygon,
                   {{PartRole::OuterRing, square(0, 0, 100, 100, closed)},
                    {PartRole::InnerRing, square(30, 30, 70, 70, closed)},
                    {PartRole::OuterRing, square(200, 0, 220, 20, closed)}},
                   "atoll");
        MapDocument doc;
        doc.layers.push_back(mapLayer(std::move(l)));
        doc.layers[0].style.base.strokeWidth = 1.0f;

        CHECK(hitsAt(doc, {15, 15}).size() == 1);
        CHECK(hitsAt(doc, {85, 50}).size() == 1);
        CHECK(hitsAt(doc, {50, 50}).empty());      // in the hole, far from its edge
        CHECK(hitsAt(doc, {50, 27.0}).size() == 1); // just outside the hole
        CHECK(hitsAt(doc, {210, 10}).size() == 1);  // the second part
        CHECK(hitsAt(doc, {150, 50}).empty());      // between the parts
        // A ray through a vertex counts it once: a point level with a corner of the second part
        CHECK(hitsAt(doc, {150, 20}).empty());
        CHECK(hitsAt(doc, {-3, 50}).size() == 1);   // outside, but on the outline
        CHECK(hitsAt(doc, {-7, 50}).empty());
        REQUIRE(hitsAt(doc, {15, 15}).size() == 1);
        CHECK(hitsAt(doc, {15, 15})[0].distancePx == 0.0);
    }
}

TEST_CASE("hit test: containment in a polygon of 200000 vertices with a star-shaped outline")
{
    Layer l = makeLayer("big");
    std::vector<Vec2d> ring;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double a = 2.0 * std::numbers::pi * i / n;
        const double r = (i % 2 == 0) ? 100.0 : 95.0;
        ring.push_back({50 + r * std::cos(a), 50 + r * std::sin(a)});
    }
    addFeature(l, GeometryType::Polygon, {{PartRole::OuterRing, ring}}, "star");
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(l)));
    CHECK(hitsAt(doc, {50, 50}).size() == 1);
    CHECK(hitsAt(doc, {130, 50}).size() == 1);
    CHECK(hitsAt(doc, {160, 50}).empty());
    CHECK(hitsAt(doc, {50, -60}).empty());
}

TEST_CASE("hit test: overlapping features come topmost first and a second click cycles through them")
{
    Layer bottom = makeLayer("countries");
    addFeature(bottom, GeometryType::Polygon, {{PartRole::OuterRing, square(0, 0, 100, 100)}}, "big");
    Layer top = makeLayer("islands");
    addFeature(top, GeometryType::Polygon, {{PartRole::OuterRing, square(0, 0, 100, 100)}}, "large");
    addFeature(top, GeometryType::Polygon, {{PartRole::OuterRing, square(40, 40, 60, 60)}}, "small");
    addFeature(top, GeometryType::Point, {{PartRole::Point, {{50, 50}}}}, "dot");
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(bottom)));
    doc.layers.push_back(mapLayer(std::move(top)));

    const std::vector<Hit> hits = hitsAt(doc, {51, 50});
    REQUIRE(hits.size() == 4);
    // Top layer first: its marker, then the smaller area, then the larger; the bottom layer last
    CHECK(hits[0] == Hit{1, 2, 0});
    CHECK(hits[1] == Hit{1, 1, 0});
    CHECK(hits[2] == Hit{1, 0, 0});
    CHECK(hits[3] == Hit{0, 0, 0});

    HitCycle cycle;
    const Vec2d at{200, 200};
    CHECK(cycle.next(at, hits)->feature == 2);
    CHECK(cycle.next({201, 201}, hits)->feature == 1); // the same spot, give or take a pixel
    CHECK(cycle.next(at, hits)->feature == 0);
    CHECK(cycle.next(at, hits)->layer == 0);
    CHECK(cycle.next(at, hits)->feature == 2); // wraps
    CHECK(cycle.next({220, 200}, hits)->feature == 2); // elsewhere: starts again
    CHECK_FALSE(cycle.next(at, {}).has_value());
    CHECK(cycle.next(at, hits)->feature == 2); // after a miss: starts again
}

TEST_CASE("hit test: layers switched off, features the style hides and zoom windows are skipped")
{
    Layer a = makeLayer("seas");
    addFeature(a, GeometryType::Polygon, {{PartRole::OuterRing, square(0, 0, 100, 100)}}, "sea");
    Layer b = makeLayer("zones");
    addFeature(b, GeometryType::Polygon, {{PartRole::OuterRing, square(0, 0, 100, 100)}}, "shown");
    addFeature(b, GeometryType::Polygon, {{PartRole::OuterRing, square(0, 0, 100, 100)}}, "secret");
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(a)));
    doc.layers.push_back(mapLayer(std::move(b)));
    CHECK(hitsAt(doc, {50, 50}).size() == 3);

    doc.layers[0].visible = false;
    CHECK(hitsAt(doc, {50, 50}).size() == 2);
    doc.layers[0].visible = true;
    doc.layers[0].opacity = 0.0f;
    CHECK(hitsAt(doc, {50, 50}).size() == 2);
    doc.layers[0].style.base.visible = false; // as style.toml hides basemap_seas
    doc.layers[0].opacity = 1.0f;
    CHECK(hitsAt(doc, {50, 50}).size() == 2);

    StyleRule hide;
    hide.when.push_back({"name", {"secret"}});
    hide.patch.visible = false;
    hide.sets.push_back("visible");
    doc.layers[1].style.rules.push_back(hide);
    auto hits = hitsAt(doc, {50, 50});
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == Hit{1, 0, 0});

    // The view is at zoom ~17 (1 m per pixel): a window ending at zoom 10 hides the layer here
    doc.layers[1].style.base.maxZoom = 10.0f;
    CHECK(hitsAt(doc, {50, 50}).empty());
    doc.layers[1].style.base.maxZoom = kNoMaxZoom;
    doc.layers[1].style.rules[0].minZoom = 20.0f; // a rule's window narrows the features it matches
    doc.layers[1].style.rules[0].patch.visible = true;
    hits = hitsAt(doc, {50, 50});
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].feature == 0);
}

TEST_CASE("hit test: parts that could not be projected (NaN) are left out of the index")
{
    Layer l = makeLayer("edge");
    const double nan = std::nan("");
    addFeature(l, GeometryType::Point, {{PartRole::Point, {{nan, nan}}}}, "lost");
    addFeature(l, GeometryType::Line, {{PartRole::Line, {{0, 0}, {nan, nan}, {100, 0}}}}, "broken");
    addFeature(l, GeometryType::Point, {{PartRole::Point, {{50, 50}}}}, "kept");
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(l)));
    auto hits = hitsAt(doc, {50, 50});
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].feature == 2);
    CHECK(hitsAt(doc, {50, 0}).empty()); // no segment reaches across the NaN vertex
    CHECK(doc.layers[0].hits->featureBounds(0).empty());
}

TEST_CASE("hit index: a feature's view-CRS geometry comes back as a one-feature layer")
{
    Layer l = makeLayer("x");
    addFeature(l, GeometryType::Point, {{PartRole::Point, {{1, 2}}}}, "a");
    addFeature(l, GeometryType::Polygon,
               {{PartRole::OuterRing, square(0, 0, 10, 10)}, {PartRole::InnerRing, square(2, 2, 4, 4)}}, "b");
    const HitIndex index(l);
    const Layer g = index.featureGeometry(1);
    REQUIRE(g.features.size() == 1);
    CHECK(g.features[0].type == GeometryType::Polygon);
    CHECK(g.parts.size() == 2);
    CHECK(g.parts[1].role == PartRole::InnerRing);
    CHECK(g.coords.size() == 10);
    CHECK(index.featureBounds(1).maxX == 10.0);
    CHECK(index.featureGeometry(7).features.empty());
}

#include "core/highlight.hpp"

TEST_CASE("hit index: empty parts and features without geometry are harmless")
{
    Layer l = makeLayer("odd");
    addFeature(l, GeometryType::None, {}, "nothing");
    addFeature(l, GeometryType::Line, {{PartRole::Line, {}}, {PartRole::Line, {{0, 0}, {10, 0}}}}, "half");
    addFeature(l, GeometryType::Polygon, {{PartRole::OuterRing, {{0, 0}, {1, 1}}}}, "degenerate");
    const HitIndex index(l);
    CHECK(index.featureGeometry(0).features.at(0).partCount == 0);
    CHECK(index.featureGeometry(1).parts.size() == 1);
    MapDocument doc;
    doc.layers.push_back(mapLayer(std::move(l)));
    const auto hits = hitsAt(doc, {8, 1}); // the line, not the two-vertex ring 7 px away
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].feature == 1);
}

#include <random>

TEST_CASE("featureMeets finds the features of a box that the hit index finds, by a pass over their vertices")
{
    // Lines, points, polygons with holes and several parts, in a 1000-unit square; boxes of every size and place.
    Layer l = makeLayer("mixed");
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> at(0.0, 1000.0), size(1.0, 200.0);
    for (int k = 0; k < 300; ++k) {
        const double x = at(rng), y = at(rng), w = size(rng), h = size(rng);
        switch (k % 4) {
        case 0: addFeature(l, GeometryType::Point, {{PartRole::Point, {{x, y}}}, {PartRole::Point, {{y, x}}}}, "p"); break;
        case 1: addFeature(l, GeometryType::Line, {{PartRole::Line, {{x, y}, {x + w, y + h}, {x - h, y + w}}}}, "l"); break;
        case 2:
            addFeature(l, GeometryType::Polygon,
                       {{PartRole::OuterRing, square(x, y, x + w, y + h)},
                        {PartRole::InnerRing, square(x + w / 4, y + h / 4, x + w * 3 / 4, y + h * 3 / 4, false)}}, "a");
            break;
        default:
            addFeature(l, GeometryType::Polygon,
                       {{PartRole::OuterRing, square(x, y, x + w, y + h, false)},
                        {PartRole::OuterRing, square(y, x, y + h, x + w)}}, "m");
        }
    }
    const HitIndex index(l);
    std::size_t met = 0, missed = 0;
    for (int b = 0; b < 400; ++b) {
        const double x = at(rng), y = at(rng), s = b % 2 == 0 ? size(rng) / 20.0 : size(rng) * 2.0;
        Bounds box;
        box.add(Vec2d{x, y});
        box.add(Vec2d{x + s, y + s * 0.6});
        std::vector<char> expected(l.features.size(), 0);
        for (const std::uint32_t f : index.featuresIn(box)) {
            expected[f] = 1;
        }
        for (std::uint32_t f = 0; f < l.features.size(); ++f) {
            CAPTURE(f);
            CAPTURE(b);
            CHECK(featureMeets(l, l.features[f], box) == (expected[f] != 0));
            (expected[f] != 0 ? met : missed) += 1;
        }
    }
    CHECK(met > 1000); // boxes inside areas (holes or not), across edges, around points: all were tried
    CHECK(missed > 1000);

    // A part with a point PROJ could not project is not drawn, so it meets nothing; the feature's other parts do.
    Layer broken = makeLayer("broken");
    const double nan = std::nan("");
    addFeature(broken, GeometryType::Line, {{PartRole::Line, {{0, 0}, {nan, nan}, {100, 0}}}}, "lost");
    addFeature(broken, GeometryType::Line,
               {{PartRole::Line, {{0, 10}, {nan, 5}, {100, 10}}}, {PartRole::Line, {{0, 50}, {100, 50}}}}, "half");
    Bounds all;
    all.add(Vec2d{-10, -10});
    all.add(Vec2d{110, 110});
    CHECK_FALSE(featureMeets(broken, broken.features[0], all));
    CHECK(featureMeets(broken, broken.features[1], all));
}

TEST_CASE("features in view answer for their own box, and for any box holding all the layer when found so")
{
    FeaturesInView v;
    v.box.add(Vec2d{0, 0});
    v.box.add(Vec2d{10, 10});
    v.in = {1, 0};
    Bounds same = v.box, larger = v.box, smaller;
    larger.add(Vec2d{20, 20});
    smaller.add(Vec2d{1, 1});
    smaller.add(Vec2d{5, 5});
    CHECK(v.answers(same));
    CHECK_FALSE(v.answers(larger)); // a feature outside the box may meet the larger view
    CHECK_FALSE(v.answers(smaller));
    v.whole = true; // the box holds every drawn part: a larger view holds them all too
    CHECK(v.answers(larger));
    CHECK_FALSE(v.answers(smaller));
}

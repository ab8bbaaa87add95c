// What a slide draws over the map: its annotations as a lon/lat layer (callout, arrow, geodesic circle) and copies
// of its highlighted features in the highlight style; a highlight the data lacks is a problem, not a crash.

#include "geo/slide_overlays.hpp"

#include "core/geodesy.hpp"
#include "core/highlight.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace corridor;

namespace {

std::string kindOf(const core::Layer& layer, const core::Feature& f)
{
    return core::formatValue(*layer.value(f, "kind"));
}

std::vector<const core::Feature*> ofKind(const core::Layer& layer, const std::string& kind)
{
    std::vector<const core::Feature*> out;
    for (const core::Feature& f : layer.features) {
        if (kindOf(layer, f) == kind) {
            out.push_back(&f);
        }
    }
    return out;
}

core::Vec2d firstPoint(const core::Layer& layer, const core::Feature& f)
{
    return layer.coords[layer.parts[f.firstPart].first];
}

const core::GeoBox kView{48.0, 36.5, 49.8, 38.6};

} // namespace

TEST_CASE("annotations: a callout is a dot and its text (on a leader when placed), an arrow a shaft and a solid head")
{
    core::DeckAnnotation callout;
    callout.kind = core::AnnotationKind::Callout;
    callout.at = {48.87, 38.43};
    callout.from = core::Vec2d{48.3, 38.2};
    callout.text = "Astara";
    core::DeckAnnotation placed = callout;
    placed.from.reset();
    placed.text = "Rasht";
    placed.at = {49.59, 37.28};
    core::DeckAnnotation arrow;
    arrow.kind = core::AnnotationKind::Arrow;
    arrow.at = {49.0, 37.0};
    arrow.text = "162 km missing";
    arrow.color = core::parseColor("#1d3557");

    const core::MapLayer layer = geo::annotationLayer({callout, placed, arrow}, kView);
    const core::Layer& l = layer.data;
    CHECK(l.name == geo::kSlideAnnotationLayerName);
    CHECK(layer.style.legend == std::optional<std::string>(""));

    // The placed callout: a leader from the text's place to the dot, the dot, the text at `from` with no marker.
    REQUIRE(ofKind(l, "leader").size() == 1);
    const core::Feature& leader = *ofKind(l, "leader")[0];
    CHECK(l.coords[l.parts[leader.firstPart].first].x == doctest::Approx(48.3));
    const auto marks = ofKind(l, "mark");
    REQUIRE(marks.size() == 2);
    CHECK(core::formatValue(*l.value(*marks[0], "label")).empty()); // the dot; its text sits at `from`
    CHECK(core::formatValue(*l.value(*marks[1], "label")) == "Rasht"); // named beside its dot
    REQUIRE(ofKind(l, "text").size() == 1);
    CHECK(core::formatValue(*l.value(*ofKind(l, "text")[0], "label")) == "Astara");
    CHECK(core::resolveSymbolizer(layer.style, l, *ofKind(l, "text")[0]).markerSize == 0.0f);

    // The arrow without a tail: one from the north-west, its head's tip exactly at `at`, solid, in its colour.
    REQUIRE(ofKind(l, "line").size() == 1);
    const auto heads = ofKind(l, "head");
    REQUIRE(heads.size() == 1);
    CHECK(firstPoint(l, *heads[0]).x == doctest::Approx(49.0));
    CHECK(firstPoint(l, *heads[0]).y == doctest::Approx(37.0));
    const core::Symbolizer head = core::resolveSymbolizer(layer.style, l, *heads[0]);
    CHECK(head.fill.a == 1.0f);
    CHECK(head.casingWidth == 0.0f);
    CHECK(head.fill.r == doctest::Approx(0x1d / 255.0).epsilon(0.01));
    const core::Feature& shaft = *ofKind(l, "line")[0];
    const core::Vec2d tail = firstPoint(l, shaft);
    CHECK(tail.x < 49.0);
    CHECK(tail.y > 37.0);
    CHECK(core::geodesicAzimuth(arrow.at, tail) == doctest::Approx(315.0 - 360.0).epsilon(0.01));
    REQUIRE(ofKind(l, "tail").size() == 1);
    CHECK(core::formatValue(*l.value(*ofKind(l, "tail")[0], "label")) == "162 km missing");
}

TEST_CASE("annotations: a circle is the geodesic circle of its radius, lightly filled, named above it")
{
    core::DeckAnnotation circle;
    circle.kind = core::AnnotationKind::Circle;
    circle.at = {55.03, 25.88};
    circle.radiusKm = 40.0;
    circle.text = "Abu Musa";
    const core::MapLayer layer = geo::annotationLayer({circle}, kView);
    const auto rings = ofKind(layer.data, "circle");
    REQUIRE(rings.size() == 1);
    const core::Part& ring = layer.data.parts[rings[0]->firstPart];
    CHECK(ring.role == core::PartRole::OuterRing);
    CHECK(ring.count > 60);
    for (std::uint32_t i = 0; i < ring.count; ++i) {
        CHECK(core::geodesicDistance(circle.at, layer.data.coords[ring.first + i]) == doctest::Approx(40000.0).epsilon(1e-6));
    }
    CHECK(core::resolveSymbolizer(layer.style, layer.data, *rings[0]).fill.a == doctest::Approx(0.12f));
    const auto texts = ofKind(layer.data, "text");
    REQUIRE(texts.size() == 1);
    CHECK(firstPoint(layer.data, *texts[0]).y > circle.at.y + 40.0 / 111.0);
}

TEST_CASE("slideOverlays: highlighted features copied in the highlight style, and what the data lacks is a problem")
{
    core::MapDocument doc;
    core::MapLayer routes;
    routes.data.name = "routes";
    routes.data.fields.push_back({"id", core::FieldType::String});
    routes.style.base.stroke = *core::parseColor("#8c2d19");
    for (int i = 0; i < 3; ++i) {
        const std::vector<core::Vec2d> line{{50.0 + i, 30.0}, {51.0 + i, 31.0}, {52.0 + i, 30.5}};
        core::Feature f;
        f.type = core::GeometryType::Line;
        f.firstPart = core::appendPart(routes.data, core::PartRole::Line, line.data(), line.size());
        f.partCount = 1;
        f.values.push_back(std::string("r0") + std::to_string(i + 1));
        routes.data.features.push_back(f);
    }
    doc.layers.push_back(routes);

    core::Slide slide;
    slide.highlights.push_back({"routes", "r02", ""});
    slide.highlights.push_back({"routes", "r09", ""});
    slide.highlights.push_back({"pipelines", "p01", ""});
    core::DeckAnnotation note;
    note.at = {51.0, 30.5};
    note.text = "here";
    slide.annotations.push_back(note);

    const geo::SlideOverlays overlays = geo::slideOverlays(doc, slide, 3, kView);
    REQUIRE(overlays.layers.size() == 2); // one highlight found, then the annotations
    const core::MapLayer& copy = overlays.layers[0];
    CHECK(geo::isSlideOverlay(copy));
    REQUIRE(copy.data.features.size() == 1);
    CHECK(copy.data.coords.size() == 3);
    CHECK(copy.data.coords[0].x == 51.0); // r02's own vertices
    CHECK(copy.style == [&] {
        core::LayerStyle s = core::highlightStyle(core::GeometryType::Line, routes.style.base);
        s.legend = "";
        return s;
    }());
    CHECK(overlays.layers[1].data.name == geo::kSlideAnnotationLayerName);
    REQUIRE(overlays.problems.size() == 2);
    CHECK(overlays.problems[0].rfind("slide 3: highlight routes/r09: ", 0) == 0);
    CHECK(overlays.problems[1].find("pipelines") != std::string::npos);
    CHECK_FALSE(geo::isSlideOverlay(doc.layers[0]));
}

#include "geo/slide_overlays.hpp"

#include "core/geodesy.hpp"
#include "core/highlight.hpp"
#include "geo/deck_values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace corridor::geo {

namespace {

// Fields of the annotation layer: what the label shows, which kind of mark a feature is (the style's rules), and
// the simplestyle colours a deck's `color` sets.
enum AnnotationField { kLabel, kKind, kStroke, kFill, kMarkerColour, kFieldCount };

std::string hexOf(const core::Color& c)
{
    const auto byte = [](float v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return text;
}

class AnnotationBuilder {
public:
    AnnotationBuilder()
    {
        m_layer.name = kSlideAnnotationLayerName;
        for (const char* name : {"label", "kind", "stroke", "fill", "marker-color"}) {
            m_layer.fields.push_back({name, core::FieldType::String});
        }
    }

    // kind: "mark" (a dot), "tail" (an arrow's tail: a smaller dot), "text" (a name with no marker), "line",
    // "leader", "head" (an arrowhead), "circle".
    void add(core::GeometryType type, core::PartRole role, const std::vector<core::Vec2d>& points, const std::string& kind,
             const std::string& label, const std::string& colour)
    {
        core::Feature f;
        f.id = static_cast<std::int64_t>(m_layer.features.size());
        f.type = type;
        f.firstPart = core::appendPart(m_layer, role, points.data(), points.size());
        f.partCount = 1;
        f.values.resize(kFieldCount);
        f.values[kLabel] = label;
        f.values[kKind] = kind;
        f.values[kStroke] = colour;
        f.values[kFill] = colour;
        f.values[kMarkerColour] = colour;
        m_layer.features.push_back(std::move(f));
    }
    void point(core::Vec2d at, const std::string& kind, const std::string& label, const std::string& colour)
    {
        add(core::GeometryType::Point, core::PartRole::Point, {at}, kind, label, colour);
    }

    core::Layer take() { return std::move(m_layer); }

private:
    core::Layer m_layer;
};

// A length that reads well at the slide's scale: a fraction of its extent, in metres along the ground.
double viewSpanMetres(const core::GeoBox& view)
{
    const double midLat = (view.south + view.north) / 2;
    const double width = core::geodesicDistance({view.west, midLat}, {view.east, midLat});
    const double height = core::geodesicDistance({view.west, view.south}, {view.west, view.north});
    return std::max(1.0, std::min(width, height));
}

void addArrow(AnnotationBuilder& b, const core::DeckAnnotation& a, const core::GeoBox& view, const std::string& colour)
{
    // No tail given: from the north-west, a sixth of the view away, so the arrow points into the slide's subject.
    const core::Vec2d tail = a.from ? *a.from : core::geodesicDestination(a.at, 315.0, viewSpanMetres(view) / 6);
    const double length = core::geodesicDistance(tail, a.at);
    const double back = core::geodesicAzimuth(a.at, tail); // from the tip toward the tail
    const double headLength = std::min(length * 0.35, viewSpanMetres(view) / 22);
    // The shaft ends square at the head's base: lines draw after fills, so a shaft reaching into the head would
    // paint its white casing over it.
    const core::Vec2d shaftEnd = core::geodesicDestination(a.at, back, headLength * std::cos(22.0 * M_PI / 180.0));
    b.add(core::GeometryType::Line, core::PartRole::Line, {tail, shaftEnd}, "line", "", colour);
    const core::Vec2d left = core::geodesicDestination(a.at, back - 22.0, headLength);
    const core::Vec2d right = core::geodesicDestination(a.at, back + 22.0, headLength);
    b.add(core::GeometryType::Polygon, core::PartRole::OuterRing, {a.at, left, right, a.at}, "head", "", colour);
    if (!a.text.empty()) {
        b.point(tail, "tail", a.text, colour); // a small dot at the tail, named beside it, clear of the shaft
    }
}

void addCircle(AnnotationBuilder& b, const core::DeckAnnotation& a, const std::string& colour)
{
    constexpr int kSteps = 120;
    const double metres = a.radiusKm * 1000.0;
    std::vector<core::Vec2d> ring;
    ring.reserve(kSteps + 1);
    for (int i = 0; i < kSteps; ++i) {
        ring.push_back(core::geodesicDestination(a.at, 360.0 * i / kSteps, metres));
    }
    ring.push_back(ring.front());
    b.add(core::GeometryType::Polygon, core::PartRole::OuterRing, ring, "circle", "", colour);
    if (!a.text.empty()) {
        // Above the circle: a little north of its northernmost point.
        b.point(core::geodesicDestination(a.at, 0.0, metres * 1.12), "text", a.text, colour);
    }
}

void addCallout(AnnotationBuilder& b, const core::DeckAnnotation& a, const std::string& colour)
{
    if (a.from) {
        b.add(core::GeometryType::Line, core::PartRole::Line, {*a.from, a.at}, "leader", "", colour);
        b.point(a.at, "mark", "", colour);
        b.point(*a.from, "text", a.text, colour);
    } else {
        b.point(a.at, "mark", a.text, colour); // named beside its dot, moved off on a leader where crowded
    }
}

core::LayerStyle annotationStyle()
{
    core::LayerStyle style;
    style.honourSimplestyle = true; // each annotation's `color`
    core::Symbolizer& s = style.base;
    const core::Color colour = *core::parseColor(kAnnotationColour);
    s.stroke = colour;
    s.strokeWidth = 3.0f;
    s.casing = {1.0f, 1.0f, 1.0f, 0.9f};
    s.casingWidth = 5.5f;
    s.fill = colour;
    s.fill.a = 0.0f;
    s.marker = core::MarkerShape::Circle;
    s.markerSize = 9.0f;
    s.markerFill = colour;
    s.markerOutline = {1.0f, 1.0f, 1.0f, 1.0f};
    s.labelField = "label";
    s.labelSize = 15.0f;
    s.labelColor = {0.08f, 0.08f, 0.08f, 1.0f};
    s.labelHalo = {1.0f, 1.0f, 1.0f, 0.92f};
    s.labelPriority = 1000.0f; // the slide's own words come before every map label
    s.labelLeader = true;
    const auto rule = [&](const char* kind, std::vector<std::string> sets, auto patch) {
        core::StyleRule r;
        r.when.push_back({"kind", {kind}});
        r.patch = s;
        patch(r.patch);
        r.sets = std::move(sets);
        style.rules.push_back(std::move(r));
    };
    rule("text", {"marker-size"}, [](core::Symbolizer& p) { p.markerSize = 0.0f; });
    rule("leader", {"stroke-width", "casing-width"}, [](core::Symbolizer& p) {
        p.strokeWidth = 1.5f;
        p.casingWidth = 3.5f;
    });
    rule("head", {"fill-opacity", "stroke-width", "casing-width"}, [](core::Symbolizer& p) {
        p.fill.a = 1.0f;     // solid: a casing would draw a white ring inside so small a shape
        p.strokeWidth = 1.0f;
        p.casingWidth = 0.0f;
    });
    rule("tail", {"marker-size"}, [](core::Symbolizer& p) { p.markerSize = 5.0f; });
    rule("line", {"cap"}, [](core::Symbolizer& p) { p.cap = core::LineCap::Butt; });
    rule("circle", {"fill-opacity"}, [](core::Symbolizer& p) { p.fill.a = 0.12f; });
    return style;
}

} // namespace

core::MapLayer annotationLayer(const std::vector<core::DeckAnnotation>& annotations, const core::GeoBox& view)
{
    AnnotationBuilder b;
    for (const core::DeckAnnotation& a : annotations) {
        const std::string colour = hexOf(a.color ? *a.color : *core::parseColor(kAnnotationColour));
        switch (a.kind) {
        case core::AnnotationKind::Callout: addCallout(b, a, colour); break;
        case core::AnnotationKind::Arrow: addArrow(b, a, view, colour); break;
        case core::AnnotationKind::Circle: addCircle(b, a, colour); break;
        }
    }
    core::MapLayer layer;
    layer.title = "Slide annotations";
    layer.data = b.take();
    for (const core::Vec2d& p : layer.data.coords) {
        layer.data.bounds.add(p);
    }
    layer.style = annotationStyle();
    layer.style.legend = ""; // the slide's own marks, explained by their text
    return layer;
}

SlideOverlays slideOverlays(const core::MapDocument& document, const core::Slide& slide, std::size_t slideNumber,
                            const core::GeoBox& view)
{
    SlideOverlays out;
    std::vector<const core::Layer*> layers;
    for (const core::MapLayer& l : document.layers) {
        if (!isSlideOverlay(l)) {
            layers.push_back(&l.data);
        }
    }
    for (const core::DeckHighlight& h : slide.highlights) {
        const std::string key = h.id.empty() ? h.name : h.id;
        const std::string what = "slide " + std::to_string(slideNumber) + ": highlight " + h.layer + "/" + key + ": ";
        const LayerLookup found = findLayer(layers, h.layer);
        if (found.layer == nullptr) {
            out.problems.push_back(what + found.error);
            continue;
        }
        const FeatureLookup feature = findFeature(*found.layer, key, h.id.empty() ? FeatureKey::Name : FeatureKey::Id);
        if (!feature.index) {
            out.problems.push_back(what + feature.error);
            continue;
        }
        const core::MapLayer& source = *std::find_if(document.layers.begin(), document.layers.end(),
                                                     [&](const core::MapLayer& l) { return &l.data == found.layer; });
        const core::Feature& f = found.layer->features[*feature.index];
        core::MapLayer copy;
        copy.title = "Slide highlight";
        copy.data.name = kSlideHighlightLayerName;
        core::Feature g = f;
        g.values.clear();
        g.firstPart = static_cast<std::uint32_t>(copy.data.parts.size());
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            const core::Part& part = found.layer->parts[p];
            core::appendPart(copy.data, part.role, found.layer->coords.data() + part.first, part.count);
        }
        copy.data.features.push_back(std::move(g));
        for (const core::Vec2d& p : copy.data.coords) {
            copy.data.bounds.add(p);
        }
        copy.style = core::highlightStyle(f.type, core::resolveSymbolizer(source.style, source.data, f));
        copy.style.legend = ""; // the feature's own entry names it
        out.layers.push_back(std::move(copy));
    }
    if (!slide.annotations.empty()) {
        out.layers.push_back(annotationLayer(slide.annotations, view));
    }
    return out;
}

bool isSlideOverlay(const core::MapLayer& layer)
{
    return layer.sourcePath.empty() &&
           (layer.data.name == kSlideHighlightLayerName || layer.data.name == kSlideAnnotationLayerName);
}

} // namespace corridor::geo

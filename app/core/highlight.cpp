#include "core/highlight.hpp"

#include <algorithm>

namespace corridor::core {

LayerStyle highlightStyle(GeometryType type, const Symbolizer& drawn)
{
    LayerStyle style;
    style.honourSimplestyle = false;
    Symbolizer& s = style.base;
    s.labelField.clear(); // the map's own label stays; no second one
    s.join = LineJoin::Round;
    s.cap = LineCap::Round;
    const float width = std::max({drawn.strokeWidth, drawn.casingWidth, 1.0f});
    Color halo = kHighlightColor;
    halo.a = 0.9f;
    switch (type) {
    case GeometryType::Line:
        s.casing = halo;
        s.casingWidth = width + 8.0f;
        s.stroke = drawn.stroke.a > 0.0f ? drawn.stroke : Color{0.1f, 0.1f, 0.1f, 1.0f};
        s.stroke.a = 1.0f;
        s.strokeWidth = std::max(drawn.strokeWidth, 2.0f);
        s.dash = drawn.dash; // a planned (dashed) line still reads as planned when selected
        s.fill.a = 0.0f;
        break;
    case GeometryType::Polygon:
        s.dash.clear();
        s.fill = kHighlightColor;
        s.fill.a = 0.25f;
        s.casing = halo;
        s.casingWidth = 6.0f;
        s.stroke = {0.35f, 0.22f, 0.0f, 1.0f};
        s.strokeWidth = 1.5f;
        break;
    case GeometryType::Point:
    case GeometryType::None:
        s.marker = MarkerShape::Circle;
        s.markerSize = std::max(drawn.markerSize, 4.0f) + 12.0f;
        s.markerFill = kHighlightColor;
        s.markerFill.a = 0.45f;
        s.markerOutline = {0.35f, 0.22f, 0.0f, 1.0f};
        break;
    }
    return style;
}

LayerMesh buildHighlightMesh(const HitIndex& index, std::uint32_t feature, const Symbolizer& drawn)
{
    const Layer geometry = index.featureGeometry(feature);
    if (geometry.features.empty()) {
        return {};
    }
    return buildLayerMesh(geometry, highlightStyle(geometry.features[0].type, drawn));
}

} // namespace corridor::core

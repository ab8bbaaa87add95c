#pragma once
// Styles as plain data: what a feature looks like is a Symbolizer, chosen per feature from its layer's style.

#include "core/geometry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corridor::core {

struct Color {
    float r = 0.0f, g = 0.0f, b = 0.0f, a = 1.0f; // sRGB, straight alpha, 0..1

    friend bool operator==(const Color&, const Color&) = default;
};
// "#rgb", "#rrggbb" or "#rrggbbaa"; std::nullopt when malformed.
std::optional<Color> parseColor(const std::string& text);

enum class MarkerShape : std::uint8_t { Circle, Square, Triangle, Diamond };

struct Symbolizer {
    // Lines and polygon outlines. Widths are screen pixels at any zoom.
    Color stroke{0.2f, 0.2f, 0.2f, 1.0f};
    float strokeWidth = 1.0f;
    std::vector<float> dash;          // on/off lengths in pixels, empty = solid
    Color casing{1.0f, 1.0f, 1.0f, 0.0f};
    float casingWidth = 0.0f;         // total width of the outline drawn under the stroke; 0 = none
    // Polygons.
    Color fill{0.8f, 0.8f, 0.8f, 0.0f};
    bool hatch = false;               // diagonal hatching over the fill (disputed territory)
    Color hatchColor{0.6f, 0.1f, 0.1f, 0.8f};
    // Points.
    MarkerShape marker = MarkerShape::Circle;
    float markerSize = 7.0f;          // diameter in pixels
    Color markerFill{0.1f, 0.1f, 0.1f, 1.0f};
    Color markerOutline{1.0f, 1.0f, 1.0f, 1.0f};

    friend bool operator==(const Symbolizer&, const Symbolizer&) = default;
};

// The style of one layer: a base symbolizer plus the feature's own simplestyle-spec properties
// (stroke, stroke-width, stroke-opacity, fill, fill-opacity, marker-color, marker-size).
struct LayerStyle {
    Symbolizer base;
    bool honourSimplestyle = true;
};

Symbolizer resolveSymbolizer(const LayerStyle& style, const Layer& layer, const Feature& feature);

// A distinct, readable default for a layer nobody styled: colour picked from a fixed palette by `index`
// (the layer's position), shapes by its dominant geometry type.
LayerStyle defaultLayerStyle(const Layer& layer, std::size_t index);

} // namespace corridor::core

#pragma once
// Styles as plain data: what a feature looks like is a Symbolizer, chosen per feature from its layer's style.

#include "core/as_of.hpp"
#include "core/geometry.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// A zoom window's open ends. A style that sets no min-zoom (max-zoom) is drawn at every zoom below (above) the
// other end: views coarser than web-map zoom 0 (a world in a few hundred pixels) or finer than 30 are real.
inline constexpr float kNoMinZoom = -std::numeric_limits<float>::infinity();
inline constexpr float kNoMaxZoom = std::numeric_limits<float>::infinity();

struct Color {
    float r = 0.0f, g = 0.0f, b = 0.0f, a = 1.0f; // sRGB, straight alpha, 0..1

    friend bool operator==(const Color&, const Color&) = default;
};
// "#rgb", "#rrggbb" or "#rrggbbaa"; std::nullopt when malformed.
std::optional<Color> parseColor(const std::string& text);

// Which names the labels show: the English field (`label`), the Persian one (`label-fa`), or both, English above
// Persian. Set by the sheet's [map] lang and the command line's --lang, switched in the viewer's View menu.
enum class LabelLanguage : std::uint8_t { En, Fa, EnFa };
// "en", "fa" or "en+fa"; std::nullopt for anything else.
std::optional<LabelLanguage> parseLabelLanguage(std::string_view text);
const char* labelLanguageName(LabelLanguage language); // the spelling parseLabelLanguage reads

// Port is an anchor, City the map convention of a ring around a dot.
enum class MarkerShape : std::uint8_t { Circle, Square, Triangle, Diamond, Port, City };
// How a line turns a corner and how it ends, as in SVG and QGIS.
enum class LineJoin : std::uint8_t { Round, Miter, Bevel };
enum class LineCap : std::uint8_t { Round, Butt, Square };

struct Symbolizer {
    // Lines and polygon outlines. Widths are screen pixels at any zoom.
    Color stroke{0.2f, 0.2f, 0.2f, 1.0f};
    float strokeWidth = 1.0f;
    std::vector<float> dash;          // on/off lengths in pixels, empty = solid
    Color casing{1.0f, 1.0f, 1.0f, 0.0f};
    float casingWidth = 0.0f;         // total width of the outline drawn under the stroke; 0 = none
    LineJoin join = LineJoin::Round;
    LineCap cap = LineCap::Round;
    float miterLimit = 2.0f;          // a miter longer than this many half widths from the corner is bevelled
    // Polygons.
    Color fill{0.8f, 0.8f, 0.8f, 0.0f};
    bool hatch = false;               // diagonal hatching over the fill (disputed territory)
    Color hatchColor{0.6f, 0.1f, 0.1f, 0.8f};
    // Points.
    MarkerShape marker = MarkerShape::Circle;
    float markerSize = 7.0f;          // diameter in pixels
    Color markerFill{0.1f, 0.1f, 0.1f, 1.0f};
    Color markerOutline{1.0f, 1.0f, 1.0f, 1.0f};
    // Visibility window in web-map zoom levels (zoomLevel() of the view); outside it the feature is not drawn.
    // Open at both ends unless the style sets them.
    float minZoom = kNoMinZoom;
    float maxZoom = kNoMaxZoom;
    bool visible = true;
    // Labels: the attribute shown, and how. Higher priority wins a collision.
    std::string labelField;
    // The Persian name's field (`label-fa`). Empty: `<labelField>_fa` when the layer has such a field, else none.
    std::string labelFaField;
    float labelPriority = 0.0f;
    float labelSize = 13.0f;          // pixels
    Color labelColor{0.1f, 0.1f, 0.1f, 1.0f};
    Color labelHalo{1.0f, 1.0f, 1.0f, 0.85f};
    bool labelLeader = false;         // a point label may move away from a crowded marker, joined to it by a line

    friend bool operator==(const Symbolizer&, const Symbolizer&) = default;
};

// A web-map zoom level for a view scale, so style zoom ranges read as users know them from web maps:
// zoom 0 is 156543.03 m per pixel and each level halves it.
inline constexpr double kZoom0MetresPerPixel = 156543.03392804097;
double zoomLevel(double metresPerPixel);

// The pixel scale of an image (render::MapRenderer / MapLabels / MapScene::setPixelScale) multiplies every symbol
// size (line widths, dashes, markers, hatching, text, halos, label gaps and leaders), so an image of 2W × 2H pixels
// at scale 2 shows what W × H pixels show at scale 1, only sharper (a 4K export of a 1080p window's view).
inline constexpr float kMinPixelScale = 0.25f;
inline constexpr float kMaxPixelScale = 8.0f;
// `scale` when it lies in [kMinPixelScale, kMaxPixelScale]; otherwise throws std::invalid_argument naming it.
float checkedPixelScale(float scale);
// The zoom a view's style zoom windows are judged at: that of its pixels as large as the symbols are drawn, so the
// 4K image at scale 2 shows the features and labels its 1080p view shows at scale 1. Levels of detail are not
// chosen by it: they follow the real pixels (core::levelFits at the camera's unitsPerPixel).
inline double styleZoom(double unitsPerPixel, float pixelScale) { return zoomLevel(unitsPerPixel * pixelScale); }

// One condition on an attribute: the feature's value (as text) equals one of `anyOf`. A null or missing
// attribute matches the empty string.
struct Condition {
    std::string field;
    std::vector<std::string> anyOf;

    friend bool operator==(const Condition&, const Condition&) = default;
};

// A rule sets some symbolizer properties for the features that meet all its conditions. The properties it sets
// are applied as a patch: a function that overwrites them on a copy of the symbolizer built so far.
struct StyleRule {
    std::vector<Condition> when;
    Symbolizer patch;                 // the values this rule sets
    std::vector<std::string> sets;    // the property names (style-file keys) it sets, in file order
    float minZoom = kNoMinZoom;       // the features it matches are only drawn inside this zoom window
    float maxZoom = kNoMaxZoom;
    // The legend's name for the features it matches (the sheet's `legend`): "" keeps them out of the legend,
    // nullopt leaves the name to the layer (core/legend.hpp). Not part of the look: meshes never depend on it.
    std::optional<std::string> legend;

    friend bool operator==(const StyleRule&, const StyleRule&) = default;
};

// The style of one layer: a base symbolizer, rules applied in order (later rules win), and the feature's own
// simplestyle-spec properties (stroke, stroke-width, stroke-opacity, fill, fill-opacity, marker-color,
// marker-size, marker-symbol), which apply after the base and before the rules.
struct LayerStyle {
    Symbolizer base;
    std::vector<StyleRule> rules;
    bool honourSimplestyle = true;
    // Legend names (core/legend.hpp, legendName): a feature is named by the last matching rule that sets `legend`;
    // else `legend = ""` keeps it out of the legend; else its `legendField` attribute names it when not empty; else
    // `legend`, else the layer's name. legendField nullopt: the field `legend` when the layer has one; "": none.
    // Neither changes a mesh, so the mesh cache's style fingerprint leaves them out.
    std::optional<std::string> legend;
    std::optional<std::string> legendField;

    friend bool operator==(const LayerStyle&, const LayerStyle&) = default;
};

// What a rule may ask about besides a feature's attributes: pseudo-fields, named with '@' so no attribute can take
// their place. "@as-of" is the feature's state on the date the map is drawn as of (core/as_of.hpp: "not-yet",
// "planned", "operating", "damaged", "closed", "undated"), or "" when no date is chosen, so rules on it do nothing
// then. It is an input of the mesh build (MeshOptions::context), not a global: the window, an export and a cached
// mesh each say which date they draw.
struct StyleContext {
    std::optional<Date> asOf;

    friend bool operator==(const StyleContext&, const StyleContext&) = default;
};
inline constexpr std::string_view kAsOfField = "@as-of";

// The text a condition on `field` compares with its values: the attribute as formatValue prints it ("" when null
// or missing), or a pseudo-field's value.
std::string conditionValue(const Layer& layer, const Feature& feature, const std::string& field,
                           const StyleContext& context);
bool matches(const StyleRule& rule, const Layer& layer, const Feature& feature, const StyleContext& context = {});
// Whether a rule of the style asks "@as-of": only then do its meshes depend on the map's date.
bool usesAsOf(const LayerStyle& style);
// Copies the properties named in `rule.sets` from `rule.patch` onto `target`. Unknown names are ignored
// (the style-file parser rejects them before they get here).
void applyPatch(const StyleRule& rule, Symbolizer& target);

Symbolizer resolveSymbolizer(const LayerStyle& style, const Layer& layer, const Feature& feature,
                              const StyleContext& context = {});
// The simplestyle-spec part alone: overwrites what the feature's own properties say.
void applySimplestyle(const Layer& layer, const Feature& feature, Symbolizer& s);

// A distinct, readable default for a layer nobody styled: colour picked from a fixed palette by `index`
// (the layer's position), shapes by its dominant geometry type.
LayerStyle defaultLayerStyle(const Layer& layer, std::size_t index);

} // namespace corridor::core

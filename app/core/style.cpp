#include "core/style.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace corridor::core {

namespace {

std::optional<int> hexDigit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower >= 'a' && lower <= 'f') {
        return lower - 'a' + 10;
    }
    return std::nullopt;
}

std::optional<double> numberOf(const AttrValue* v)
{
    if (v == nullptr) {
        return std::nullopt;
    }
    if (const auto* i = std::get_if<std::int64_t>(v)) {
        return static_cast<double>(*i);
    }
    if (const auto* d = std::get_if<double>(v)) {
        return *d;
    }
    if (const auto* s = std::get_if<std::string>(v)) {
        double out = 0.0;
        const auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && ptr == s->data() + s->size()) {
            return out;
        }
    }
    return std::nullopt;
}

std::optional<Color> colorOf(const AttrValue* v)
{
    if (v == nullptr) {
        return std::nullopt;
    }
    if (const auto* s = std::get_if<std::string>(v)) {
        return parseColor(*s);
    }
    return std::nullopt;
}

// Colour-blind-safe qualitative palette (Okabe–Ito), darkened slightly for lines on a light basemap.
constexpr std::array<Color, 7> kPalette{{
    {0.00f, 0.45f, 0.70f, 1.0f}, // blue
    {0.84f, 0.37f, 0.00f, 1.0f}, // vermillion
    {0.00f, 0.62f, 0.45f, 1.0f}, // bluish green
    {0.80f, 0.47f, 0.65f, 1.0f}, // reddish purple
    {0.90f, 0.62f, 0.00f, 1.0f}, // orange
    {0.34f, 0.71f, 0.91f, 1.0f}, // sky blue
    {0.35f, 0.35f, 0.35f, 1.0f}, // grey
}};

} // namespace

std::optional<Color> parseColor(const std::string& text)
{
    if (text.empty() || text[0] != '#') {
        return std::nullopt;
    }
    const std::string hex = text.substr(1);
    std::array<int, 8> d{};
    for (std::size_t i = 0; i < hex.size() && i < d.size(); ++i) {
        const auto v = hexDigit(hex[i]);
        if (!v) {
            return std::nullopt;
        }
        d[i] = *v;
    }
    auto channel = [](int hi, int lo) { return static_cast<float>(hi * 16 + lo) / 255.0f; };
    switch (hex.size()) {
    case 3: return Color{channel(d[0], d[0]), channel(d[1], d[1]), channel(d[2], d[2]), 1.0f};
    case 6: return Color{channel(d[0], d[1]), channel(d[2], d[3]), channel(d[4], d[5]), 1.0f};
    case 8: return Color{channel(d[0], d[1]), channel(d[2], d[3]), channel(d[4], d[5]), channel(d[6], d[7])};
    default: return std::nullopt;
    }
}

std::optional<LabelLanguage> parseLabelLanguage(std::string_view text)
{
    if (text == "en") return LabelLanguage::En;
    if (text == "fa") return LabelLanguage::Fa;
    if (text == "en+fa") return LabelLanguage::EnFa;
    return std::nullopt;
}

const char* labelLanguageName(LabelLanguage language)
{
    switch (language) {
    case LabelLanguage::En: return "en";
    case LabelLanguage::Fa: return "fa";
    case LabelLanguage::EnFa: return "en+fa";
    }
    return "en";
}

double zoomLevel(double metresPerPixel)
{
    return metresPerPixel > 0.0 ? std::log2(kZoom0MetresPerPixel / metresPerPixel) : 30.0;
}

float checkedPixelScale(float scale)
{
    if (!(scale >= kMinPixelScale && scale <= kMaxPixelScale)) { // NaN fails too
        char text[96];
        std::snprintf(text, sizeof text, "pixel scale %g is outside %g to %g", static_cast<double>(scale),
                      static_cast<double>(kMinPixelScale), static_cast<double>(kMaxPixelScale));
        throw std::invalid_argument(text);
    }
    return scale;
}

std::string conditionValue(const Layer& layer, const Feature& feature, const std::string& field,
                           const StyleContext& context)
{
    if (field == kAsOfField) {
        return context.asOf ? featureStateName(stateAsOf(layer, feature, *context.asOf)) : std::string();
    }
    const AttrValue* v = layer.value(feature, field);
    return v != nullptr ? formatValue(*v) : std::string();
}

bool matches(const StyleRule& rule, const Layer& layer, const Feature& feature, const StyleContext& context)
{
    for (const Condition& c : rule.when) {
        if (std::find(c.anyOf.begin(), c.anyOf.end(), conditionValue(layer, feature, c.field, context)) ==
            c.anyOf.end()) {
            return false;
        }
    }
    return true;
}

bool usesAsOf(const LayerStyle& style)
{
    return std::any_of(style.rules.begin(), style.rules.end(), [](const StyleRule& r) {
        return std::any_of(r.when.begin(), r.when.end(), [](const Condition& c) { return c.field == kAsOfField; });
    });
}

void applyPatch(const StyleRule& rule, Symbolizer& t)
{
    const Symbolizer& p = rule.patch;
    for (const std::string& key : rule.sets) {
        if (key == "stroke") t.stroke = Color{p.stroke.r, p.stroke.g, p.stroke.b, t.stroke.a};
        else if (key == "stroke-opacity") t.stroke.a = p.stroke.a;
        else if (key == "stroke-width") t.strokeWidth = p.strokeWidth;
        else if (key == "dash") t.dash = p.dash;
        else if (key == "casing") t.casing = p.casing;
        else if (key == "casing-width") t.casingWidth = p.casingWidth;
        else if (key == "join") t.join = p.join;
        else if (key == "cap") t.cap = p.cap;
        else if (key == "miter-limit") t.miterLimit = p.miterLimit;
        else if (key == "fill") t.fill = Color{p.fill.r, p.fill.g, p.fill.b, t.fill.a};
        else if (key == "fill-opacity") t.fill.a = p.fill.a;
        else if (key == "hatch") t.hatch = p.hatch;
        else if (key == "hatch-color") t.hatchColor = p.hatchColor;
        else if (key == "marker") t.marker = p.marker;
        else if (key == "marker-size") t.markerSize = p.markerSize;
        else if (key == "marker-color") t.markerFill = p.markerFill;
        else if (key == "marker-outline") t.markerOutline = p.markerOutline;
        else if (key == "visible") t.visible = p.visible;
        else if (key == "label-leader") t.labelLeader = p.labelLeader;
        else if (key == "label") t.labelField = p.labelField;
        else if (key == "label-fa") t.labelFaField = p.labelFaField;
        else if (key == "label-priority") t.labelPriority = p.labelPriority;
        else if (key == "label-size") t.labelSize = p.labelSize;
        else if (key == "label-color") t.labelColor = p.labelColor;
        else if (key == "label-halo") t.labelHalo = p.labelHalo;
    }
}

Symbolizer resolveSymbolizer(const LayerStyle& style, const Layer& layer, const Feature& feature,
                              const StyleContext& context)
{
    Symbolizer s = style.base;
    if (style.honourSimplestyle && !layer.fields.empty()) {
        applySimplestyle(layer, feature, s);
    }
    for (const StyleRule& rule : style.rules) {
        if (!matches(rule, layer, feature, context)) {
            continue;
        }
        s.minZoom = std::max(s.minZoom, rule.minZoom);
        s.maxZoom = std::min(s.maxZoom, rule.maxZoom);
        applyPatch(rule, s);
    }
    return s;
}

void applySimplestyle(const Layer& layer, const Feature& feature, Symbolizer& s)
{
    if (const auto c = colorOf(layer.value(feature, "stroke"))) {
        s.stroke = *c;
    }
    if (const auto w = numberOf(layer.value(feature, "stroke-width")); w && *w >= 0.0 && *w <= 100.0) {
        s.strokeWidth = static_cast<float>(*w);
    }
    if (const auto o = numberOf(layer.value(feature, "stroke-opacity")); o && *o >= 0.0 && *o <= 1.0) {
        s.stroke.a = static_cast<float>(*o);
    }
    if (const auto c = colorOf(layer.value(feature, "fill"))) {
        s.fill = Color{c->r, c->g, c->b, s.fill.a > 0.0f ? s.fill.a : 0.6f};
    }
    if (const auto o = numberOf(layer.value(feature, "fill-opacity")); o && *o >= 0.0 && *o <= 1.0) {
        s.fill.a = static_cast<float>(*o);
    }
    if (const auto c = colorOf(layer.value(feature, "marker-color"))) {
        s.markerFill = *c;
    }
    if (const auto* size = layer.value(feature, "marker-size")) {
        const std::string v = formatValue(*size);
        s.markerSize = v == "small" ? 5.0f : v == "large" ? 11.0f : v == "medium" ? 8.0f : s.markerSize;
    }
    // marker-symbol names Maki icons; the ones Corridor has a shape for are honoured, the rest keep the style's.
    if (const auto* symbol = layer.value(feature, "marker-symbol")) {
        const std::string v = formatValue(*symbol);
        if (v == "harbor" || v == "ferry") {
            s.marker = MarkerShape::Port;
        } else if (v == "city" || v == "town" || v == "village" || v == "town-hall") {
            s.marker = MarkerShape::City;
        } else if (v == "circle" || v == "circle-stroked") {
            s.marker = MarkerShape::Circle;
        } else if (v == "square" || v == "square-stroked") {
            s.marker = MarkerShape::Square;
        } else if (v == "triangle" || v == "triangle-stroked") {
            s.marker = MarkerShape::Triangle;
        }
    }
}

LayerStyle defaultLayerStyle(const Layer& layer, std::size_t index)
{
    const Color c = kPalette[index % kPalette.size()];
    LayerStyle style;
    Symbolizer& s = style.base;
    switch (layer.dominantType()) {
    case GeometryType::Polygon:
        s.fill = Color{c.r, c.g, c.b, 0.25f};
        s.stroke = c;
        s.strokeWidth = 1.0f;
        break;
    case GeometryType::Line:
        s.stroke = c;
        s.strokeWidth = 2.0f;
        break;
    case GeometryType::Point:
    case GeometryType::None:
        s.markerFill = c;
        s.stroke = c;
        break;
    }
    return style;
}

} // namespace corridor::core

#include "core/legend.hpp"

#include "core/hit_test.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace corridor::core {

namespace {

// The simplestyle-spec attributes applySimplestyle reads: a layer with any of them may colour feature by feature.
constexpr std::array<std::string_view, 8> kSimplestyleFields{
    "stroke", "stroke-width", "stroke-opacity", "fill", "fill-opacity", "marker-color", "marker-size", "marker-symbol"};

// Whether a rule changes how its features are drawn (and not only their label or their legend name).
bool setsLook(const StyleRule& rule)
{
    return std::any_of(rule.sets.begin(), rule.sets.end(), [](const std::string& key) {
        return key.rfind("label", 0) != 0 && key != "visible";
    });
}

std::optional<LegendKind> kindOf(GeometryType type)
{
    switch (type) {
    case GeometryType::Point: return LegendKind::Point;
    case GeometryType::Line: return LegendKind::Line;
    case GeometryType::Polygon: return LegendKind::Fill;
    case GeometryType::None: break;
    }
    return std::nullopt;
}

// The field a layer's features are named by, -1 for none (LayerStyle::legendField).
int legendFieldIndex(const LayerStyle& style, const Layer& layer)
{
    if (style.legendField) {
        return style.legendField->empty() ? -1 : layer.fieldIndex(*style.legendField);
    }
    return layer.fieldIndex("legend");
}

// Sorts a layer's features into classes by the set of rules they match, so each rule is matched once per feature
// with the field positions looked up once, and each class's look resolved once. Matches exactly as
// core::matches (a missing or null attribute is the empty text; other values compared as formatValue prints
// them).
class RuleClasses {
public:
    RuleClasses(const LayerStyle& style, const Layer& layer, const StyleContext& context)
        : m_style(style), m_layer(layer), m_context(context)
    {
        for (const StyleRule& rule : style.rules) {
            std::vector<Test> conditions;
            for (const Condition& c : rule.when) {
                // A pseudo-field ("@as-of") is no attribute: kPseudoField asks conditionValue.
                conditions.push_back({c.field.starts_with('@') ? kPseudoField : layer.fieldIndex(c.field), &c.anyOf,
                                      &c.field});
            }
            m_conditions.push_back(std::move(conditions));
        }
        m_perFeature = style.honourSimplestyle && !layer.fields.empty() &&
                       std::any_of(kSimplestyleFields.begin(), kSimplestyleFields.end(),
                                   [&](std::string_view f) { return layer.fieldIndex(std::string(f)) >= 0; });
        m_key.assign((style.rules.size() + 7) / 8, '\0');
    }

    std::uint32_t classOf(const Feature& f)
    {
        std::fill(m_key.begin(), m_key.end(), '\0');
        for (std::size_t r = 0; r < m_conditions.size(); ++r) {
            if (holds(f, m_conditions[r])) {
                m_key[r / 8] = static_cast<char>(m_key[r / 8] | (1 << (r % 8)));
            }
        }
        const auto [it, added] = m_ids.try_emplace(m_key, static_cast<std::uint32_t>(m_classes.size()));
        if (added) {
            Class c;
            c.look = m_style.base;
            for (std::size_t r = 0; r < m_conditions.size(); ++r) {
                if (!matched(m_key, r)) {
                    continue;
                }
                const StyleRule& rule = m_style.rules[r];
                c.look.minZoom = std::max(c.look.minZoom, rule.minZoom); // as resolveSymbolizer does
                c.look.maxZoom = std::min(c.look.maxZoom, rule.maxZoom);
                applyPatch(rule, c.look);
                if (rule.legend) {
                    c.nameRule = static_cast<int>(r);
                }
                if (setsLook(rule)) {
                    c.lookRules.push_back(static_cast<int>(r));
                }
            }
            m_classes.push_back(std::move(c));
        }
        return it->second;
    }

    // The class's look, or, when the features may carry simplestyle attributes, this feature's own.
    const Symbolizer& look(std::uint32_t id, const Feature& f)
    {
        if (!m_perFeature) {
            return m_classes[id].look;
        }
        m_featureLook = resolveSymbolizer(m_style, m_layer, f, m_context);
        return m_featureLook;
    }

    // The last matching rule that sets a legend name, -1 for none; the matching rules that set the look, in order.
    int nameRule(std::uint32_t id) const { return m_classes[id].nameRule; }
    const std::vector<int>& lookRules(std::uint32_t id) const { return m_classes[id].lookRules; }
    bool perFeature() const { return m_perFeature; }

private:
    static constexpr int kPseudoField = -2;
    struct Test { // a core::Condition with its field's position
        int field;
        const std::vector<std::string>* anyOf;
        const std::string* name;
    };
    struct Class {
        Symbolizer look; // without simplestyle attributes
        int nameRule = -1;
        std::vector<int> lookRules;
    };

    static bool matched(const std::string& key, std::size_t r) { return (key[r / 8] >> (r % 8)) & 1; }

    bool holds(const Feature& f, const std::vector<Test>& conditions) const
    {
        for (const Test& c : conditions) {
            if (c.field == kPseudoField) {
                if (std::find(c.anyOf->begin(), c.anyOf->end(), conditionValue(m_layer, f, *c.name, m_context)) ==
                    c.anyOf->end()) {
                    return false;
                }
                continue;
            }
            const auto at = static_cast<std::size_t>(c.field);
            const AttrValue* v = c.field >= 0 && at < f.values.size() ? &f.values[at] : nullptr;
            bool any = false;
            if (const auto* text = v != nullptr ? std::get_if<std::string>(v) : nullptr) {
                any = std::find(c.anyOf->begin(), c.anyOf->end(), *text) != c.anyOf->end();
            } else {
                const std::string formatted = v != nullptr ? formatValue(*v) : std::string();
                any = std::find(c.anyOf->begin(), c.anyOf->end(), formatted) != c.anyOf->end();
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    const LayerStyle& m_style;
    const Layer& m_layer;
    StyleContext m_context;
    std::vector<std::vector<Test>> m_conditions;
    bool m_perFeature = false;
    std::string m_key; // one bit per rule
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::vector<Class> m_classes;
    Symbolizer m_featureLook;
};

// Whether a feature of a layer is in the view: by the identify index's view-CRS geometry (an edge or a point in
// the view, or an area around it), else by what a one-shot export's build found in the same view CRS, else by its
// lon/lat geometry against the framed box, else (layer-wide) by the mesh's bounds.
class ViewTest {
public:
    ViewTest(const MapLayer& layer, const Bounds& view, const std::optional<GeoBox>& lonLatView)
        : m_layer(layer)
    {
        if (layer.hits) {
            m_in.assign(layer.data.features.size(), 0);
            for (const std::uint32_t f : layer.hits->featuresIn(view)) {
                if (f < m_in.size()) {
                    m_in[f] = 1;
                }
            }
            m_indexed = true;
        } else if (layer.inView && layer.inView->answers(view) && layer.inView->in.size() == layer.data.features.size()) {
            m_in = layer.inView->in;
            m_indexed = true;
        } else if (lonLatView && !layer.data.coords.empty()) {
            m_lonLat.add(Vec2d{lonLatView->west, lonLatView->south});
            m_lonLat.add(Vec2d{lonLatView->east, lonLatView->north});
        } else {
            m_wholeLayer = layer.mesh.bounds.empty() || layer.mesh.bounds.intersects(view);
        }
    }

    bool inView(std::uint32_t feature) const
    {
        if (m_indexed) {
            return m_in[feature] != 0;
        }
        if (!m_lonLat.empty()) {
            // Linear in the feature's vertices; only an index-less layer pays it.
            return featureMeets(m_layer.data, m_layer.data.features[feature], m_lonLat);
        }
        return m_wholeLayer;
    }

private:
    const MapLayer& m_layer;
    Bounds m_lonLat;        // the framed box in lon/lat, when tested so
    std::vector<char> m_in; // per feature, whether it is in the view (m_indexed)
    bool m_indexed = false;
    bool m_wholeLayer = true;
};

// Walks one layer's drawn features: `visit(featureIndex, classes, classId, look)`.
template <typename Visit>
void scanLayer(const MapLayer& layer, float zoom, const Bounds& view, const std::optional<GeoBox>& lonLatView,
               RuleClasses& classes, Visit&& visit)
{
    const ViewTest test(layer, view, lonLatView);
    const std::vector<Feature>& features = layer.data.features;
    for (std::uint32_t i = 0; i < features.size(); ++i) {
        const Feature& f = features[i];
        if (f.partCount == 0 || !test.inView(i)) {
            continue;
        }
        const std::uint32_t id = classes.classOf(f);
        const Symbolizer& s = classes.look(id, f);
        if (!s.visible || zoom < s.minZoom || zoom > s.maxZoom) { // exactly the renderer's and hitTest's test
            continue;
        }
        visit(i, id, s);
    }
}

bool layerDrawn(const MapLayer& layer) { return layer.visible && layer.opacity > 0.0f; }

// What a legend entry needs beyond LegendEntry while the legend is built.
struct Candidate {
    LegendEntry entry;
    int rank = 0;               // 0: no rule shapes it; r + 1: rule r names it or, unnamed, sets its look last
    std::vector<int> lookRules; // the rules that set its look
};

// " (route r08)": the values the entry's feature has for the conditions of the look rules that tell it from the
// other entries of its name in its layer (the rules some of them match and some not); "" when it matches none.
std::string conditionSuffix(const MapDocument& document, const std::vector<Candidate>& all, std::size_t i)
{
    const Candidate& c = all[i];
    std::vector<int> every = c.lookRules; // the look rules all entries of the name in the layer match
    for (const Candidate& o : all) {
        if (o.entry.layer == c.entry.layer && o.entry.name == c.entry.name) {
            std::erase_if(every, [&](int r) {
                return std::find(o.lookRules.begin(), o.lookRules.end(), r) == o.lookRules.end();
            });
        }
    }
    const MapLayer& layer = document.layers[c.entry.layer];
    const Feature& f = layer.data.features[c.entry.feature];
    std::string out;
    for (const int r : c.lookRules) {
        if (std::find(every.begin(), every.end(), r) != every.end()) {
            continue; // all of them match it: it tells nothing apart
        }
        for (const Condition& cond : layer.style.rules[static_cast<std::size_t>(r)].when) {
            const std::string text = conditionValue(layer.data, f, cond.field, {document.asOf});
            out += (out.empty() ? "" : ", ") + cond.field + (text.empty() ? "" : " " + text);
        }
    }
    return out.empty() ? out : " (" + out + ")";
}

} // namespace

const char* legendKindName(LegendKind kind)
{
    switch (kind) {
    case LegendKind::Line: return "line";
    case LegendKind::Fill: return "fill";
    case LegendKind::Point: return "point";
    }
    return "line";
}

std::string legendName(const LayerStyle& style, const Layer& layer, const Feature& feature, const StyleContext& context)
{
    for (std::size_t r = style.rules.size(); r-- > 0;) {
        if (style.rules[r].legend && matches(style.rules[r], layer, feature, context)) {
            return *style.rules[r].legend;
        }
    }
    if (style.legend && style.legend->empty()) {
        return {};
    }
    const int field = legendFieldIndex(style, layer);
    if (field >= 0 && static_cast<std::size_t>(field) < feature.values.size()) {
        std::string value = formatValue(feature.values[static_cast<std::size_t>(field)]);
        if (!value.empty()) {
            return value;
        }
    }
    return style.legend ? *style.legend : layer.name;
}

bool sameLegendLook(LegendKind kind, const Symbolizer& a, const Symbolizer& b)
{
    const auto sameLine = [&] {
        return a.stroke == b.stroke && a.strokeWidth == b.strokeWidth && a.dash == b.dash && a.casing == b.casing &&
               a.casingWidth == b.casingWidth && a.join == b.join && a.cap == b.cap;
    };
    switch (kind) {
    case LegendKind::Line: return sameLine();
    case LegendKind::Fill:
        return sameLine() && a.fill == b.fill && a.hatch == b.hatch && (!a.hatch || a.hatchColor == b.hatchColor);
    case LegendKind::Point:
        return a.marker == b.marker && a.markerSize == b.markerSize && a.markerFill == b.markerFill &&
               a.markerOutline == b.markerOutline;
    }
    return false;
}

bool drawsSomething(LegendKind kind, const Symbolizer& s)
{
    const bool line = (s.strokeWidth > 0.0f && s.stroke.a > 0.0f) || (s.casingWidth > 0.0f && s.casing.a > 0.0f);
    switch (kind) {
    case LegendKind::Line: return line;
    case LegendKind::Fill: return line || s.fill.a > 0.0f || (s.hatch && s.hatchColor.a > 0.0f);
    case LegendKind::Point: return s.markerSize > 0.0f && (s.markerFill.a > 0.0f || s.markerOutline.a > 0.0f);
    }
    return false;
}

void forEachDrawnFeature(const MapDocument& document, const Camera& camera, const std::optional<GeoBox>& lonLatView,
                         const std::function<void(const DrawnFeature&)>& visit)
{
    const auto zoom = static_cast<float>(zoomLevel(camera.unitsPerPixel));
    const Bounds view = camera.visibleWorld();
    for (std::size_t li = document.layers.size(); li-- > 0;) {
        const MapLayer& layer = document.layers[li];
        if (!layerDrawn(layer)) {
            continue;
        }
        RuleClasses classes(layer.style, layer.data, {document.asOf});
        const auto drawn = [&](std::uint32_t feature, std::uint32_t id, const Symbolizer& s) {
            // Simplestyle attributes make the look the feature's own: no class stands for it.
            const std::uint32_t styleClass = classes.perFeature() ? 0x80000000u | feature : id;
            visit(DrawnFeature{li, feature, &s, styleClass});
        };
        scanLayer(layer, zoom, view, lonLatView, classes, drawn);
    }
}

Legend buildLegend(const MapDocument& document, const Camera& camera, const std::optional<GeoBox>& lonLatView)
{
    const auto zoom = static_cast<float>(zoomLevel(camera.unitsPerPixel));
    const Bounds view = camera.visibleWorld();
    Legend legend;
    std::vector<Candidate> all;
    for (std::size_t li = document.layers.size(); li-- > 0;) {
        const MapLayer& layer = document.layers[li];
        if (!layerDrawn(layer)) {
            continue;
        }
        const LayerStyle& style = layer.style;
        const int field = legendFieldIndex(style, layer.data);
        const bool layerHidden = style.legend && style.legend->empty();
        RuleClasses classes(style, layer.data, {document.asOf});
        std::vector<Candidate> found;
        std::vector<std::pair<std::string, Symbolizer>> unlisted; // (name, look) past the limit, to count once
        // (class, kind, name) -> index into `found`, or -1 when not listed; only when looks are per class.
        std::unordered_map<std::string, int> known;
        std::string key;
        scanLayer(layer, zoom, view, lonLatView, classes, [&](std::uint32_t i, std::uint32_t id, const Symbolizer& s) {
            const Feature& f = layer.data.features[i];
            const auto kind = kindOf(f.type);
            if (!kind) {
                return;
            }
            // The name, as legendName gives it, with the rules already matched.
            std::string name;
            const int nameRule = classes.nameRule(id);
            if (nameRule >= 0) {
                name = *style.rules[static_cast<std::size_t>(nameRule)].legend;
            } else if (!layerHidden) {
                if (field >= 0 && static_cast<std::size_t>(field) < f.values.size()) {
                    name = formatValue(f.values[static_cast<std::size_t>(field)]);
                }
                if (name.empty()) {
                    name = style.legend ? *style.legend : layer.data.name;
                }
            }
            if (name.empty()) {
                return;
            }
            if (!classes.perFeature()) {
                key.assign(reinterpret_cast<const char*>(&id), sizeof id);
                key.push_back(static_cast<char>(*kind));
                key += name;
                if (known.count(key) != 0) {
                    return; // this class under this name is placed already (or draws nothing)
                }
            }
            int at = -1;
            if (drawsSomething(*kind, s)) {
                for (std::size_t e = 0; e < found.size() && at < 0; ++e) {
                    const LegendEntry& entry = found[e].entry;
                    if (entry.kind == *kind && entry.name == name && sameLegendLook(*kind, entry.symbolizer, s)) {
                        at = static_cast<int>(e);
                    }
                }
                if (at < 0 && found.size() < kMaxLegendLooksPerLayer) {
                    const std::vector<int>& lookRules = classes.lookRules(id);
                    const int rank = nameRule >= 0 ? nameRule + 1 : lookRules.empty() ? 0 : lookRules.back() + 1;
                    found.push_back({LegendEntry{name, *kind, s, li, i}, rank, lookRules});
                    at = static_cast<int>(found.size() - 1);
                } else if (at < 0) {
                    const bool seen = std::any_of(unlisted.begin(), unlisted.end(), [&](const auto& u) {
                        return u.first == name && sameLegendLook(*kind, u.second, s);
                    });
                    if (!seen && unlisted.size() < 4096) {
                        unlisted.emplace_back(name, s);
                    }
                }
            }
            if (!classes.perFeature()) {
                known.emplace(key, at);
            }
        });
        legend.unlistedLooks += unlisted.size();
        std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
            if (a.rank != b.rank) {
                return a.rank < b.rank;
            }
            if (a.lookRules.size() != b.lookRules.size()) {
                return a.lookRules.size() < b.lookRules.size(); // the plain class before its variants
            }
            return a.entry.feature < b.entry.feature;
        });
        for (Candidate& c : found) {
            const bool above = std::any_of(all.begin(), all.end(), [&](const Candidate& u) {
                return u.entry.kind == c.entry.kind && u.entry.name == c.entry.name &&
                       sameLegendLook(c.entry.kind, u.entry.symbolizer, c.entry.symbolizer);
            });
            if (!above) {
                all.push_back(std::move(c));
            }
        }
    }

    // One name, several looks: tell them apart by the rule that set each look, then by number.
    std::vector<std::string> names(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        names[i] = all[i].entry.name;
        const bool shared = std::any_of(all.begin(), all.end(), [&](const Candidate& o) {
            return &o != &all[i] && o.entry.name == all[i].entry.name;
        });
        if (shared) {
            names[i] += conditionSuffix(document, all, i);
        }
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        std::size_t same = 1;
        for (std::size_t j = 0; j < i; ++j) {
            same += names[j] == names[i] ? 1 : 0;
        }
        all[i].entry.name = same > 1 ? names[i] + " (" + std::to_string(same) + ")" : names[i];
        legend.entries.push_back(std::move(all[i].entry));
    }
    return legend;
}

} // namespace corridor::core

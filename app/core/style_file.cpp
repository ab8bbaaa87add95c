#include "core/style_file.hpp"

#include "core/toml_util.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace corridor::core {

namespace {

using tomlutil::child;
using tomlutil::closest;
using tomlutil::ColumnMap;
using tomlutil::entriesOf;
using tomlutil::Entry;
using tomlutil::formatNumber;
using tomlutil::tomlKey;
using tomlutil::typeName;

// A style file is a few kilobytes; anything this large is the wrong file (a GeoJSON picked by mistake, say),
// and refusing it early beats parsing megabytes to report a syntax error on line 1.
constexpr std::size_t kMaxFileBytes = std::size_t(1) << 20;
constexpr double kMaxZoom = 30.0;
constexpr double kMaxSize = 100.0;       // widths and sizes in pixels
constexpr double kMaxDash = 1000.0;      // one dash or gap in pixels
constexpr double kMaxPriority = 1.0e6;

enum class Kind : std::uint8_t { Colour, Opacity, Size, Ratio, Priority, Dash, Flag, Marker, Join, Cap, Field };

struct Property {
    std::string_view key;
    Kind kind;
};

// The keys applyPatch knows, and how their values are read. A test checks that every one reaches applyPatch.
constexpr std::array<Property, 25> kProperties{{
    {"stroke", Kind::Colour},
    {"stroke-opacity", Kind::Opacity},
    {"stroke-width", Kind::Size},
    {"dash", Kind::Dash},
    {"casing", Kind::Colour},
    {"casing-width", Kind::Size},
    {"join", Kind::Join},
    {"cap", Kind::Cap},
    {"miter-limit", Kind::Ratio},
    {"fill", Kind::Colour},
    {"fill-opacity", Kind::Opacity},
    {"hatch", Kind::Flag},
    {"hatch-color", Kind::Colour},
    {"marker", Kind::Marker},
    {"marker-size", Kind::Size},
    {"marker-color", Kind::Colour},
    {"marker-outline", Kind::Colour},
    {"visible", Kind::Flag},
    {"label", Kind::Field},
    {"label-fa", Kind::Field},
    {"label-priority", Kind::Priority},
    {"label-size", Kind::Size},
    {"label-color", Kind::Colour},
    {"label-halo", Kind::Colour},
    {"label-leader", Kind::Flag},
}};

constexpr std::array<std::string_view, 2> kTopKeys{"map", "layer"};
constexpr std::array<std::string_view, 5> kMapKeys{"background", "view", "crs", "order", "lang"};
// LabelLanguage names, in enum order.
constexpr std::array<std::string_view, 3> kLangNames{"en", "fa", "en+fa"};
constexpr double kMaxMiterLimit = 100.0;
// Names in enum order.
constexpr std::array<std::string_view, 6> kMarkerNames{"circle", "square", "triangle", "diamond", "port", "city"};
constexpr std::array<std::string_view, 3> kJoinNames{"round", "miter", "bevel"};
constexpr std::array<std::string_view, 3> kCapNames{"round", "butt", "square"};

const Property* findProperty(std::string_view key)
{
    for (const Property& p : kProperties) {
        if (p.key == key) {
            return &p;
        }
    }
    return nullptr;
}

// The keys allowed in a layer table (withLayerKeys) or a rule table, for "did you mean".
std::vector<std::string_view> settingKeys(bool layerTable)
{
    std::vector<std::string_view> keys;
    for (const Property& p : kProperties) {
        keys.push_back(p.key);
    }
    keys.push_back("min-zoom");
    keys.push_back("max-zoom");
    keys.push_back("legend");
    if (layerTable) {
        keys.push_back("legend-field");
        keys.push_back("simplestyle");
        keys.push_back("rule");
    } else {
        keys.push_back("when");
    }
    return keys;
}

Color& colourField(Symbolizer& s, std::string_view key)
{
    if (key == "stroke") return s.stroke;
    if (key == "casing") return s.casing;
    if (key == "fill") return s.fill;
    if (key == "hatch-color") return s.hatchColor;
    if (key == "marker-color") return s.markerFill;
    if (key == "marker-outline") return s.markerOutline;
    if (key == "label-color") return s.labelColor;
    return s.labelHalo;
}

float& numberField(Symbolizer& s, std::string_view key)
{
    if (key == "stroke-opacity") return s.stroke.a;
    if (key == "fill-opacity") return s.fill.a;
    if (key == "stroke-width") return s.strokeWidth;
    if (key == "casing-width") return s.casingWidth;
    if (key == "miter-limit") return s.miterLimit;
    if (key == "marker-size") return s.markerSize;
    if (key == "label-size") return s.labelSize;
    return s.labelPriority;
}

bool& flagField(Symbolizer& s, std::string_view key)
{
    if (key == "hatch") return s.hatch;
    if (key == "label-leader") return s.labelLeader;
    return s.visible;
}

// "4..22"; an end the sheet leaves open (kNoMinZoom, kNoMaxZoom) is left blank: "4..", "..22".
std::string zoomWindow(const StyleRule& r)
{
    return (std::isfinite(r.minZoom) ? formatNumber(r.minZoom) : "") + ".." +
           (std::isfinite(r.maxZoom) ? formatNumber(r.maxZoom) : "");
}

// Where a key belongs when it turns up in the wrong table; empty when it belongs nowhere.
std::string_view homeOf(std::string_view key)
{
    if (findProperty(key) != nullptr || key == "min-zoom" || key == "max-zoom" || key == "legend") {
        return "in a [layer.NAME] table or a [[layer.NAME.rule]]";
    }
    if (key == "when") {
        return "only in a [[layer.NAME.rule]]";
    }
    if (key == "simplestyle" || key == "rule" || key == "legend-field") {
        return "only directly in a [layer.NAME] table";
    }
    if (std::find(kMapKeys.begin(), kMapKeys.end(), key) != kMapKeys.end()) {
        return "in the [map] table";
    }
    if (std::find(kTopKeys.begin(), kTopKeys.end(), key) != kTopKeys.end()) {
        return "only at the top level";
    }
    return {};
}

// One layer or rule table being read: the rule it fills and what is needed to finish it.
struct Settings {
    StyleRule rule;
    std::optional<float> strokeAlpha;          // from an 8-digit stroke colour
    std::optional<float> fillAlpha;            // from an 8-digit fill colour
    const toml::node* minZoomNode = nullptr;
    const toml::node* maxZoomNode = nullptr;
};

class Reader {
public:
    Reader(const std::string& source, const ColumnMap& columns) : m_source(source), m_columns(columns) {}

    StyleSheet read(const toml::table& root)
    {
        StyleSheet sheet;
        for (const Entry& e : entriesOf(root)) {
            const std::string path = child("", e.key->str());
            if (e.key->str() == "map") {
                readMap(table(*e.node, path, "the [map] table"), path, sheet);
            } else if (e.key->str() == "layer") {
                readLayers(table(*e.node, path, "a table of layers: [layer.NAME]"), path, sheet);
            } else {
                unknownKey(e, path, kTopKeys, "at the top level");
            }
        }
        return sheet;
    }

private:
    [[noreturn]] void fail(const toml::source_region& at, const std::string& path, std::string reason) const
    {
        throw StyleError(m_source, at.begin.line, m_columns.original(at.begin.line, at.begin.column), path,
                         std::move(reason));
    }

    template <typename Names>
    [[noreturn]] void unknownKey(const Entry& e, const std::string& path, const Names& allowed,
                                 std::string_view where) const
    {
        const std::string key(e.key->str());
        const std::string_view home = homeOf(key);
        if (!home.empty()) {
            fail(e.key->source(), path, "'" + key + "' is not allowed " + std::string(where) + "; it belongs " +
                                            std::string(home));
        }
        std::string reason = "unknown key '" + key + "' " + std::string(where);
        if (const auto suggestion = closest(key, allowed)) {
            reason += "; did you mean '" + *suggestion + "'?";
        } else if (allowed.size() <= kMapKeys.size()) {
            reason += "; the keys allowed here are";
            for (const auto& a : allowed) {
                reason += " '" + std::string(a) + "'";
            }
        } else {
            reason += " (docs/styles.md lists the keys)";
        }
        fail(e.key->source(), path, reason);
    }

    const toml::table& table(const toml::node& n, const std::string& path, std::string_view what) const
    {
        if (const toml::table* t = n.as_table()) {
            return *t;
        }
        fail(n.source(), path, "expected " + std::string(what) + ", got " + std::string(typeName(n)));
    }

    double number(const toml::node& n, const std::string& path, double lo, double hi) const
    {
        double v = 0.0;
        if (const auto* i = n.as_integer()) {
            v = static_cast<double>(i->get());
        } else if (const auto* f = n.as_floating_point()) {
            v = f->get();
        } else {
            fail(n.source(), path, "expected a number, got " + std::string(typeName(n)));
        }
        if (!std::isfinite(v)) {
            fail(n.source(), path, "expected a finite number, got " + formatNumber(v));
        }
        if (v < lo || v > hi) {
            fail(n.source(), path, "must be " + formatNumber(lo) + ".." + formatNumber(hi) + ", got " +
                                       formatNumber(v));
        }
        return v;
    }

    const std::string& string(const toml::node& n, const std::string& path, std::string_view what) const
    {
        if (const auto* s = n.as_string()) {
            return s->get();
        }
        fail(n.source(), path, "expected " + std::string(what) + ", got " + std::string(typeName(n)));
    }

    bool boolean(const toml::node& n, const std::string& path) const
    {
        if (const auto* b = n.as_boolean()) {
            return b->get();
        }
        fail(n.source(), path, "expected true or false, got " + std::string(typeName(n)));
    }

    Color colour(const toml::node& n, const std::string& path) const
    {
        const std::string& text = string(n, path, "a colour string like \"#1d3557\"");
        if (const auto c = parseColor(text)) {
            return *c;
        }
        fail(n.source(), path, "'" + text + "' is not a colour; write \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"");
    }

    void readMap(const toml::table& t, const std::string& path, StyleSheet& sheet) const
    {
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string keyPath = child(path, key);
            if (key == "background") {
                sheet.background = colour(*e.node, keyPath);
            } else if (key == "view") {
                sheet.view = view(*e.node, keyPath);
            } else if (key == "crs") {
                const std::string& crs = string(*e.node, keyPath, "a CRS string like \"EPSG:3035\"");
                if (crs.empty()) {
                    fail(e.node->source(), keyPath, "crs is empty; leave the key out for the default view CRS");
                }
                sheet.crs = crs;
            } else if (key == "order") {
                sheet.order = order(*e.node, keyPath);
            } else if (key == "lang") {
                sheet.lang = named<LabelLanguage>(*e.node, keyPath, kLangNames, "label language");
            } else {
                unknownKey(e, keyPath, kMapKeys, "in [map]");
            }
        }
    }

    GeoBox view(const toml::node& n, const std::string& path) const
    {
        const toml::array* a = n.as_array();
        if (a == nullptr || a->size() != 4) {
            const std::string got = a != nullptr ? std::to_string(a->size()) + " values" : std::string(typeName(n));
            fail(n.source(), path, "expected [west, south, east, north] in degrees, got " + got);
        }
        // Through parseGeoBox so a view here is checked exactly as --bbox is on the command line.
        std::string text;
        for (std::size_t i = 0; i < 4; ++i) {
            const double v = number(*a->get(i), path + "[" + std::to_string(i + 1) + "]", -1.0e300, 1.0e300);
            std::array<char, 40> buf{};
            std::snprintf(buf.data(), buf.size(), "%.17g", v);
            text += (i > 0 ? "," : "") + std::string(buf.data());
        }
        GeoBox box;
        if (const auto error = parseGeoBox(text, box)) {
            fail(n.source(), path, "not a valid [west, south, east, north] box: " + *error);
        }
        return box;
    }

    std::vector<std::string> order(const toml::node& n, const std::string& path) const
    {
        const toml::array* a = n.as_array();
        if (a == nullptr) {
            fail(n.source(), path, "expected an array of layer names, got " + std::string(typeName(n)));
        }
        std::vector<std::string> names;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const toml::node& item = *a->get(i);
            const std::string itemPath = path + "[" + std::to_string(i + 1) + "]";
            const std::string& name = string(item, itemPath, "a layer name");
            if (name.empty()) {
                fail(item.source(), itemPath, "layer name is empty");
            }
            if (std::find(names.begin(), names.end(), name) != names.end()) {
                fail(item.source(), itemPath, "layer '" + name + "' is listed twice");
            }
            names.push_back(name);
        }
        return names;
    }

    void readLayers(const toml::table& t, const std::string& path, StyleSheet& sheet) const
    {
        for (const Entry& e : entriesOf(t)) {
            const std::string name(e.key->str());
            const std::string layerPath = child(path, name);
            if (name.empty()) {
                fail(e.key->source(), layerPath, "layer name is empty");
            }
            const toml::table& layer = table(*e.node, layerPath, "a layer table [layer." + tomlKey(name) + "]");
            sheet.layers[name] = readLayer(layer, layerPath);
        }
    }

    LayerSheet readLayer(const toml::table& t, const std::string& path) const
    {
        LayerSheet out;
        Settings base;
        const Entry* rules = nullptr;
        const std::vector<Entry> entries = entriesOf(t);
        const std::vector<std::string_view> allowed = settingKeys(true);
        for (const Entry& e : entries) {
            const std::string key(e.key->str());
            const std::string keyPath = child(path, key);
            if (key == "rule") {
                rules = &e;
            } else if (key == "simplestyle") {
                out.honourSimplestyle = boolean(*e.node, keyPath);
            } else if (key == "legend-field") {
                out.legendField = string(*e.node, keyPath, "a field name (\"\" for none)");
            } else if (!setting(e, keyPath, base)) {
                unknownKey(e, keyPath, allowed, "in a layer table");
            }
        }
        finish(base, path, nullptr);
        out.base = std::move(base.rule);
        if (rules != nullptr) {
            const std::string rulePath = child(path, "rule");
            const toml::array* a = rules->node->as_array();
            if (a == nullptr || (!a->empty() && !a->is_array_of_tables())) {
                fail(rules->node->source(), rulePath,
                     "rules are an array of tables: write each as [[" + path + ".rule]], got " +
                         std::string(typeName(*rules->node)) +
                         (a != nullptr ? " that holds something other than tables" : ""));
            }
            const std::vector<std::string_view> ruleKeys = settingKeys(false);
            for (std::size_t i = 0; i < a->size(); ++i) {
                const toml::table& ruleTable = *a->get(i)->as_table();
                const std::string itemPath = rulePath + "[" + std::to_string(i + 1) + "]";
                out.rules.push_back(readRule(ruleTable, itemPath, ruleKeys, out.base));
            }
        }
        return out;
    }

    StyleRule readRule(const toml::table& t, const std::string& path, const std::vector<std::string_view>& allowed,
                       const StyleRule& layer) const
    {
        Settings s;
        bool hasWhen = false;
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string keyPath = child(path, key);
            if (key == "when") {
                s.rule.when = conditions(*e.node, keyPath);
                hasWhen = true;
            } else if (!setting(e, keyPath, s)) {
                unknownKey(e, keyPath, allowed, "in a rule");
            }
        }
        if (!hasWhen) {
            // Explicit, so a rule that matches every feature is written as such and not by forgetting `when`.
            fail(t.source(), path, "rule has no 'when'; write when = { field = \"value\" }, or when = {} for "
                                   "every feature");
        }
        finish(s, path, &layer);
        return std::move(s.rule);
    }

    // Reads a property or zoom key into `s`; false when the key is neither.
    bool setting(const Entry& e, const std::string& path, Settings& s) const
    {
        const std::string key(e.key->str());
        const toml::node& n = *e.node;
        Symbolizer& p = s.rule.patch;
        if (key == "legend") {
            // Not a symbolizer property (`sets` lists only those): it names a class, it does not draw it.
            s.rule.legend = string(n, path, "a legend name (\"\" keeps it out of the legend)");
            return true;
        }
        if (key == "min-zoom" || key == "max-zoom") {
            const auto zoom = static_cast<float>(number(n, path, 0.0, kMaxZoom));
            (key == "min-zoom" ? s.rule.minZoom : s.rule.maxZoom) = zoom;
            (key == "min-zoom" ? s.minZoomNode : s.maxZoomNode) = &n;
            s.rule.sets.push_back(key);
            return true;
        }
        const Property* prop = findProperty(key);
        if (prop == nullptr) {
            return false;
        }
        switch (prop->kind) {
        case Kind::Colour: {
            const Color c = colour(n, path);
            Color& field = colourField(p, key);
            if (key == "stroke" || key == "fill") {
                // Their opacity is a key of its own (applyPatch keeps the target's alpha for these two), so the
                // colour must not overwrite an opacity set above it; an alpha written in the colour is carried
                // over as the opacity key by finish().
                field = Color{c.r, c.g, c.b, field.a};
                if (n.as_string()->get().size() == 9) {
                    (key == "stroke" ? s.strokeAlpha : s.fillAlpha) = c.a;
                }
            } else {
                field = c;
            }
            break;
        }
        case Kind::Opacity: numberField(p, key) = static_cast<float>(number(n, path, 0.0, 1.0)); break;
        case Kind::Size: numberField(p, key) = static_cast<float>(number(n, path, 0.0, kMaxSize)); break;
        case Kind::Ratio: numberField(p, key) = static_cast<float>(number(n, path, 1.0, kMaxMiterLimit)); break;
        case Kind::Priority:
            numberField(p, key) = static_cast<float>(number(n, path, -kMaxPriority, kMaxPriority));
            break;
        case Kind::Dash: p.dash = dash(n, path); break;
        case Kind::Flag: flagField(p, key) = boolean(n, path); break;
        case Kind::Marker: p.marker = named<MarkerShape>(n, path, kMarkerNames, "marker"); break;
        case Kind::Join: p.join = named<LineJoin>(n, path, kJoinNames, "join"); break;
        case Kind::Cap: p.cap = named<LineCap>(n, path, kCapNames, "cap"); break;
        case Kind::Field:
            (key == "label" ? p.labelField : p.labelFaField) =
                string(n, path, key == "label" ? "a field name (\"\" for no label)" : "a field name");
            break;
        }
        s.rule.sets.push_back(key);
        return true;
    }

    std::vector<float> dash(const toml::node& n, const std::string& path) const
    {
        const toml::array* a = n.as_array();
        if (a == nullptr) {
            fail(n.source(), path, "expected an array of on/off lengths like [6, 4], got " +
                                       std::string(typeName(n)));
        }
        if (a->empty() || a->size() % 2 != 0 || a->size() > 8) {
            fail(n.source(), path, "a dash pattern has 2, 4, 6 or 8 lengths (on, off, ...), got " +
                                       std::to_string(a->size()));
        }
        std::vector<float> out;
        bool anyLength = false;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const double v = number(*a->get(i), path + "[" + std::to_string(i + 1) + "]", 0.0, kMaxDash);
            anyLength = anyLength || v > 0.0;
            out.push_back(static_cast<float>(v));
        }
        if (!anyLength) {
            fail(n.source(), path, "a dash pattern of zeros draws nothing; leave dash out for a solid line");
        }
        return out;
    }

    // One of `names`, as the enum value at that position.
    template <typename Enum, std::size_t N>
    Enum named(const toml::node& n, const std::string& path, const std::array<std::string_view, N>& names,
               const std::string& what) const
    {
        const std::string& name = string(n, path, "a " + what + " name");
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (names[i] == name) {
                return static_cast<Enum>(i);
            }
        }
        std::string reason = "unknown " + what + " '" + name + "'";
        if (const auto suggestion = closest(name, names)) {
            reason += "; did you mean '" + *suggestion + "'?";
        } else {
            reason += "; use ";
            for (std::size_t i = 0; i < names.size(); ++i) {
                reason += (i == 0 ? "\"" : i + 1 == names.size() ? " or \"" : ", \"") + std::string(names[i]) + "\"";
            }
        }
        fail(n.source(), path, reason);
    }

    std::vector<Condition> conditions(const toml::node& n, const std::string& path) const
    {
        const toml::table& t = table(n, path, "a table of conditions like { status = \"planned\" }");
        std::vector<Condition> out;
        for (const Entry& e : entriesOf(t)) {
            const std::string keyPath = child(path, e.key->str());
            if (e.key->str().empty()) {
                fail(e.key->source(), keyPath, "field name is empty");
            }
            Condition c;
            c.field = e.key->str();
            if (const toml::array* a = e.node->as_array()) {
                if (a->empty()) {
                    fail(e.node->source(), keyPath, "an empty list matches nothing; give at least one value");
                }
                for (std::size_t i = 0; i < a->size(); ++i) {
                    conditionTexts(*a->get(i), keyPath + "[" + std::to_string(i + 1) + "]", c.anyOf);
                }
            } else {
                conditionTexts(*e.node, keyPath, c.anyOf);
            }
            if (c.field.starts_with('@')) {
                checkPseudoField(*e.key, *e.node, keyPath);
            }
            out.push_back(std::move(c));
        }
        return out;
    }

    // A condition on a pseudo-field (core::StyleContext): "@as-of" and the states it can be; "" is "no date
    // chosen". A typo would otherwise match nothing, silently.
    void checkPseudoField(const toml::key& key, const toml::node& value, const std::string& path) const
    {
        if (key.str() != kAsOfField) {
            std::string reason = "unknown pseudo-field '" + std::string(key.str()) + "'";
            const std::array<std::string_view, 1> known{kAsOfField};
            reason += closest(key.str(), known) ? "; did you mean '@as-of'?"
                                                : "; the one there is is '@as-of' (a feature's state on a date)";
            fail(key.source(), path, reason);
        }
        std::array<std::string_view, kFeatureStates.size()> states{};
        for (std::size_t i = 0; i < states.size(); ++i) {
            states[i] = featureStateName(kFeatureStates[i]);
        }
        const auto check = [&](const toml::node& n, const std::string& where) {
            const auto* text = n.as_string();
            if (text != nullptr && (text->get().empty() || parseFeatureState(text->get()))) {
                return;
            }
            std::string reason = text != nullptr ? "unknown state '" + text->get() + "'"
                                                 : "expected a state name, got " + std::string(typeName(n));
            const std::optional<std::string> suggestion = text != nullptr ? closest(text->get(), states) : std::nullopt;
            if (suggestion) {
                reason += "; did you mean '" + *suggestion + "'?";
            } else {
                reason += "; use ";
                for (std::size_t i = 0; i < states.size(); ++i) {
                    reason += (i == 0 ? "\"" : i + 1 == states.size() ? " or \"" : ", \"") + std::string(states[i]) +
                              "\"";
                }
                reason += " (or \"\" for no date chosen)";
            }
            fail(n.source(), where, reason);
        };
        if (const toml::array* a = value.as_array()) {
            for (std::size_t i = 0; i < a->size(); ++i) {
                check(*a->get(i), path + "[" + std::to_string(i + 1) + "]");
            }
        } else {
            check(value, path);
        }
    }

    // The texts an attribute value is compared with: what core::formatValue prints for the same value.
    void conditionTexts(const toml::node& n, const std::string& path, std::vector<std::string>& out) const
    {
        if (const auto* s = n.as_string()) {
            out.push_back(s->get());
        } else if (const auto* i = n.as_integer()) {
            out.push_back(formatValue(AttrValue{i->get()}));
        } else if (const auto* f = n.as_floating_point()) {
            if (!std::isfinite(f->get())) {
                fail(n.source(), path, "expected a finite number, got " + formatNumber(f->get()) +
                                           "; write it as a string to match text");
            }
            out.push_back(formatValue(AttrValue{f->get()}));
        } else if (const auto* b = n.as_boolean()) {
            // GDAL reads a boolean (GeoJSON true, GeoPackage boolean) as the integer 1 or 0; text formats
            // (CSV, shapefile strings) spell it out. Match both.
            out.push_back(b->get() ? "true" : "false");
            out.push_back(b->get() ? "1" : "0");
        } else {
            fail(n.source(), path, "expected a string, number, boolean or an array of them, got " +
                                       std::string(typeName(n)));
        }
    }

    // Adds opacity carried in 8-digit colours and checks the zoom window (and, for a rule, that it can ever
    // draw inside its layer's window).
    void finish(Settings& s, const std::string& path, const StyleRule* layer) const
    {
        auto carryAlpha = [&](const std::optional<float>& alpha, std::string_view colourKey, std::string_view key) {
            std::vector<std::string>& sets = s.rule.sets;
            if (!alpha || std::find(sets.begin(), sets.end(), key) != sets.end()) {
                return; // an explicit opacity key wins over the colour's alpha
            }
            numberField(s.rule.patch, key) = *alpha;
            sets.insert(std::find(sets.begin(), sets.end(), colourKey) + 1, std::string(key));
        };
        carryAlpha(s.strokeAlpha, "stroke", "stroke-opacity");
        carryAlpha(s.fillAlpha, "fill", "fill-opacity");

        const StyleRule& r = s.rule;
        if (r.minZoom > r.maxZoom) {
            const toml::node* later = s.maxZoomNode;
            if (s.minZoomNode != nullptr &&
                (later == nullptr || s.minZoomNode->source().begin.line > later->source().begin.line)) {
                later = s.minZoomNode;
            }
            fail(later->source(), child(path, later == s.maxZoomNode ? "max-zoom" : "min-zoom"),
                 "min-zoom " + formatNumber(r.minZoom) + " is greater than max-zoom " + formatNumber(r.maxZoom));
        }
        if (layer != nullptr && (r.minZoom > layer->maxZoom || r.maxZoom < layer->minZoom)) {
            const toml::node* at = r.minZoom > layer->maxZoom ? s.minZoomNode : s.maxZoomNode;
            fail(at->source(), child(path, at == s.minZoomNode ? "min-zoom" : "max-zoom"),
                 "the rule's zoom window " + zoomWindow(r) + " lies outside its layer's " + zoomWindow(*layer) +
                     ", so the features it matches would never be drawn");
        }
    }

    const std::string& m_source;
    const ColumnMap& m_columns;
};

std::string locationText(const std::string& file, std::uint32_t line, std::uint32_t column,
                         const std::string& keyPath, const std::string& reason)
{
    std::string out = file.empty() ? std::string("<style>") : file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) {
            out += ":" + std::to_string(column);
        }
    }
    out += ": ";
    if (!keyPath.empty()) {
        out += keyPath + ": ";
    }
    return out + reason;
}

std::string tooLarge()
{
    return "the file is larger than " + std::to_string(kMaxFileBytes >> 20) +
           " MiB; a style sheet is a few kilobytes, is it the right file?";
}

} // namespace

StyleError::StyleError(std::string file, std::uint32_t line, std::uint32_t column, std::string keyPath,
                       std::string reason)
    : std::runtime_error(locationText(file, line, column, keyPath, reason))
    , m_file(std::move(file))
    , m_line(line)
    , m_column(column)
    , m_keyPath(std::move(keyPath))
    , m_reason(std::move(reason))
{
}

StyleSheet parseStyleSheet(std::string_view text, const std::string& sourceName)
{
    if (text.size() > kMaxFileBytes) {
        throw StyleError(sourceName, 0, 0, {}, tooLarge());
    }
    try {
        const tomlutil::SafeText safe = tomlutil::safeText(text, "style file");
        const toml::table root = tomlutil::parse(safe, sourceName);
        return Reader(sourceName, safe.columns).read(root);
    } catch (const tomlutil::TextError& e) {
        throw StyleError(sourceName, e.line(), e.column(), {}, e.reason());
    }
}

StyleSheet loadStyleSheet(const std::string& path)
{
    std::string text;
    try {
        text = tomlutil::readSmallFile(path, kMaxFileBytes, "style file", tooLarge());
    } catch (const tomlutil::TextError& e) {
        throw StyleError(path, 0, 0, {}, e.reason());
    }
    return parseStyleSheet(text, path);
}

LayerStyle styleFor(const StyleSheet& sheet, const std::string& layerName, const LayerStyle& fallback)
{
    const auto it = sheet.layers.find(layerName);
    if (it == sheet.layers.end()) {
        return fallback;
    }
    const LayerSheet& entry = it->second;
    LayerStyle out = fallback;
    applyPatch(entry.base, out.base);
    for (const std::string& key : entry.base.sets) {
        if (key == "min-zoom") {
            out.base.minZoom = entry.base.minZoom;
        } else if (key == "max-zoom") {
            out.base.maxZoom = entry.base.maxZoom;
        }
    }
    if (entry.honourSimplestyle) {
        out.honourSimplestyle = *entry.honourSimplestyle;
    }
    if (entry.base.legend) {
        out.legend = entry.base.legend;
    }
    if (entry.legendField) {
        out.legendField = entry.legendField;
    }
    out.rules = entry.rules;
    return out;
}

std::vector<std::size_t> drawOrder(const StyleSheet& sheet, const std::vector<std::string>& layerNames)
{
    std::vector<std::size_t> out;
    out.reserve(layerNames.size());
    std::vector<bool> placed(layerNames.size(), false);
    for (const std::string& name : sheet.order) {
        for (std::size_t i = 0; i < layerNames.size(); ++i) {
            if (!placed[i] && layerNames[i] == name) {
                out.push_back(i);
                placed[i] = true;
            }
        }
    }
    for (std::size_t i = 0; i < layerNames.size(); ++i) {
        if (!placed[i]) {
            out.push_back(i);
        }
    }
    return out;
}

std::vector<std::string> styleWarnings(const StyleSheet& sheet, const std::vector<const Layer*>& layers)
{
    std::vector<std::string> out;
    auto warn = [&out](std::string text) {
        if (std::find(out.begin(), out.end(), text) == out.end()) {
            out.push_back(std::move(text));
        }
    };
    std::vector<std::string> layerNames;
    for (const Layer* layer : layers) {
        layerNames.push_back(layer->name);
    }
    auto checkField = [&](const Layer& layer, const std::string& path, const std::string& field) {
        if (field.empty() || field.starts_with('@') || layer.fieldIndex(field) >= 0) { // '@': a pseudo-field
            return;
        }
        std::vector<std::string> fieldNames;
        for (const Field& f : layer.fields) {
            fieldNames.push_back(f.name);
        }
        std::string text = path + ": layer '" + layer.name + "' has no field '" + field + "'";
        if (const auto suggestion = closest(field, fieldNames)) {
            text += "; did you mean '" + *suggestion + "'?";
        }
        warn(std::move(text));
    };
    auto sets = [](const StyleRule& r, std::string_view key) {
        return std::find(r.sets.begin(), r.sets.end(), key) != r.sets.end();
    };
    for (const std::string& name : sheet.order) {
        if (std::find(layerNames.begin(), layerNames.end(), name) == layerNames.end()) {
            warn("map.order: no loaded layer is called '" + name + "'");
        }
    }
    for (const auto& [name, entry] : sheet.layers) {
        const std::string path = child("layer", name);
        bool found = false;
        for (const Layer* layer : layers) {
            if (layer->name != name) {
                continue;
            }
            found = true;
            if (sets(entry.base, "label")) {
                checkField(*layer, path + ".label", entry.base.patch.labelField);
            }
            if (sets(entry.base, "label-fa")) {
                checkField(*layer, path + ".label-fa", entry.base.patch.labelFaField);
            }
            if (entry.legendField) {
                checkField(*layer, path + ".legend-field", *entry.legendField);
            }
            for (std::size_t i = 0; i < entry.rules.size(); ++i) {
                const StyleRule& rule = entry.rules[i];
                const std::string rulePath = path + ".rule[" + std::to_string(i + 1) + "]";
                for (const Condition& c : rule.when) {
                    checkField(*layer, child(rulePath + ".when", c.field), c.field);
                }
                if (sets(rule, "label")) {
                    checkField(*layer, rulePath + ".label", rule.patch.labelField);
                }
                if (sets(rule, "label-fa")) {
                    checkField(*layer, rulePath + ".label-fa", rule.patch.labelFaField);
                }
            }
        }
        if (!found) {
            std::string text = path + ": no loaded layer is called '" + name + "'";
            if (const auto suggestion = closest(name, layerNames)) {
                text += "; did you mean '" + *suggestion + "'?";
            }
            warn(std::move(text));
        }
    }
    return out;
}

FileWatcher::FileWatcher(std::string path) : m_path(std::move(path)), m_last(current()) {}

bool FileWatcher::changed()
{
    const std::optional<Stamp> now = current();
    if (!now || now == m_last) {
        return false;
    }
    m_last = now;
    return true;
}

std::optional<FileWatcher::Stamp> FileWatcher::current() const
{
    std::error_code ec;
    const auto time = std::filesystem::last_write_time(m_path, ec);
    if (ec) {
        return std::nullopt;
    }
    // A FIFO or a device put in the sheet's place has no size but is a change: loading it then says what it is
    // (loadStyleSheet never opens it for reading), instead of the viewer going quiet about its sheet.
    const bool regular = std::filesystem::is_regular_file(m_path, ec);
    const std::uintmax_t size = regular ? std::filesystem::file_size(m_path, ec) : 0;
    if (ec) {
        return std::nullopt;
    }
    return Stamp{time, size};
}

} // namespace corridor::core

#include "geo/deck_values.hpp"

#include "core/geodesy.hpp"

#include <algorithm>
#include <cctype>

namespace corridor::geo {

namespace {

bool sameIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The `id` field: named exactly "id", else "id" in any case; -1 when the layer has none.
int idField(const core::Layer& layer)
{
    if (const int exact = layer.fieldIndex("id"); exact >= 0) {
        return exact;
    }
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        if (sameIgnoringCase(layer.fields[i].name, "id")) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string quoted(std::string_view s)
{
    return "'" + std::string(s) + "'";
}

// "r01, r02, r05" (the first few), for "which of these did you mean".
std::string idsOf(const core::Layer& layer, const std::vector<std::size_t>& indices)
{
    const int field = idField(layer);
    std::string out;
    for (std::size_t i = 0; i < indices.size() && i < 5; ++i) {
        const core::Feature& f = layer.features[indices[i]];
        const std::size_t fi = static_cast<std::size_t>(field);
        const std::string id = field >= 0 && fi < f.values.size() ? core::formatValue(f.values[fi]) : "";
        out += (i > 0 ? ", " : "") + (id.empty() ? "feature " + std::to_string(f.id) : id);
    }
    return out + (indices.size() > 5 ? ", …" : "");
}

std::vector<std::size_t> matching(const core::Layer& layer, std::string_view key, FeatureKey by)
{
    std::vector<std::size_t> out;
    const int field = by == FeatureKey::Id ? idField(layer) : -1;
    if (by == FeatureKey::Id && field < 0) {
        return out;
    }
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const core::Feature& f = layer.features[i];
        const std::size_t fi = static_cast<std::size_t>(field);
        const std::string text = by == FeatureKey::Id ? (fi < f.values.size() ? core::formatValue(f.values[fi]) : "")
                                                      : core::featureName(layer, f);
        if (!text.empty() && text == key) {
            out.push_back(i);
        }
    }
    return out;
}

// Why the loader's measure of `f` would be wrong: it dropped the feature or some of its parts.
std::optional<std::string> droppedParts(const core::Layer& layer, const core::Feature& f)
{
    for (const core::FeatureIssue& issue : layer.issues) {
        if (issue.featureId == f.id &&
            (issue.action == core::IssueAction::NotDrawn || issue.action == core::IssueAction::PartNotDrawn)) {
            return issue.message;
        }
    }
    return std::nullopt;
}

core::PlaceholderValue measure(const core::Layer& layer, const core::Placeholder& p)
{
    const bool length = p.kind == core::PlaceholderKind::Length;
    const core::GeometryType wanted = length ? core::GeometryType::Line : core::GeometryType::Polygon;
    double total = 0.0;
    for (const std::string& id : p.ids) {
        const FeatureLookup found = findFeature(layer, id);
        if (!found.index) {
            return core::PlaceholderValue::failure(found.error);
        }
        const core::Feature& f = layer.features[*found.index];
        const std::string which = "feature " + quoted(id) + " of layer " + quoted(layer.name);
        if (const auto why = droppedParts(layer, f)) {
            return core::PlaceholderValue::failure(which + " was not loaded whole (" + *why + "), so its " +
                                                   (length ? "length" : "area") + " would be wrong");
        }
        if (f.type != wanted) {
            std::string why = which + " is " +
                              (f.type == core::GeometryType::None ? std::string("without geometry")
                                                                  : std::string("a ") + core::typeName(f.type));
            why += length ? ": only lines have a length" : ": only polygons have an area";
            if (f.type == core::GeometryType::Polygon) {
                why += " (use {{area:…}})";
            } else if (f.type == core::GeometryType::Line) {
                why += " (use {{length:…}})";
            }
            return core::PlaceholderValue::failure(why);
        }
        total += length ? core::featureLength(layer, f) : core::featureArea(layer, f);
    }
    return core::PlaceholderValue::measure(total);
}

} // namespace

LayerLookup findLayer(const std::vector<const core::Layer*>& layers, std::string_view name)
{
    LayerLookup out;
    int count = 0;
    for (const core::Layer* layer : layers) {
        if (layer != nullptr && layer->name == name) {
            out.layer = out.layer == nullptr ? layer : out.layer;
            ++count;
        }
    }
    if (count > 1) {
        return LayerLookup{nullptr, std::to_string(count) + " loaded layers are called " + quoted(name) +
                                        " (from " + out.layer->sourcePath + " and others): which one is meant?"};
    }
    if (count == 0) {
        out.error = "no loaded layer is called " + quoted(name);
        std::string names;
        std::size_t listed = 0;
        for (const core::Layer* layer : layers) {
            if (layer != nullptr && listed < 12) {
                names += (listed++ > 0 ? ", " : "") + layer->name;
            }
        }
        out.error += names.empty() ? "; no layers are loaded" : "; the layers are " + names;
        if (layers.size() > listed) {
            out.error += ", …";
        }
    }
    return out;
}

FeatureLookup findFeature(const core::Layer& layer, std::string_view key, FeatureKey by)
{
    std::vector<std::size_t> found = matching(layer, key, by == FeatureKey::Name ? FeatureKey::Name : FeatureKey::Id);
    const char* what = by == FeatureKey::Name ? "name" : "id";
    if (found.empty() && by == FeatureKey::IdThenName) {
        found = matching(layer, key, FeatureKey::Name);
        what = "name";
    }
    if (found.size() == 1) {
        return FeatureLookup{found.front(), {}};
    }
    if (found.empty()) {
        const char* kind = by == FeatureKey::Id ? "id" : by == FeatureKey::Name ? "name" : "id or name";
        std::string why = "layer " + quoted(layer.name) + " has no feature with " + kind + " " + quoted(key);
        if (by != FeatureKey::Name && idField(layer) < 0) {
            why += " (it has no id field)";
        }
        return FeatureLookup{std::nullopt, why};
    }
    return FeatureLookup{std::nullopt, std::to_string(found.size()) + " features of layer " + quoted(layer.name) +
                                           " have the " + what + " " + quoted(key) + " (" + idsOf(layer, found) +
                                           "); name one by a unique id"};
}

core::PlaceholderValue resolvePlaceholder(const std::vector<const core::Layer*>& layers, const core::Placeholder& p)
{
    if (!p.error.empty()) {
        return core::PlaceholderValue::failure(p.error);
    }
    const LayerLookup found = findLayer(layers, p.layer);
    if (found.layer == nullptr) {
        return core::PlaceholderValue::failure(found.error);
    }
    const core::Layer& layer = *found.layer;
    switch (p.kind) {
    case core::PlaceholderKind::Count:
        return core::PlaceholderValue::measure(static_cast<double>(layer.features.size()));
    case core::PlaceholderKind::Length:
    case core::PlaceholderKind::Area:
        return measure(layer, p);
    case core::PlaceholderKind::Value: {
        if (p.ids.size() != 1) {
            return core::PlaceholderValue::failure("a value names one feature");
        }
        const FeatureLookup feature = findFeature(layer, p.ids.front());
        if (!feature.index) {
            return core::PlaceholderValue::failure(feature.error);
        }
        if (layer.fieldIndex(p.field) < 0) {
            std::string why = "layer " + quoted(layer.name) + " has no field " + quoted(p.field);
            const auto sameName = std::find_if(layer.fields.begin(), layer.fields.end(), [&](const core::Field& f) {
                return sameIgnoringCase(f.name, p.field);
            });
            if (sameName != layer.fields.end()) {
                return core::PlaceholderValue::failure(why + "; did you mean " + quoted(sameName->name) + "?");
            }
            why += "; its fields are";
            for (std::size_t i = 0; i < layer.fields.size() && i < 16; ++i) {
                why += (i > 0 ? ", " : " ") + layer.fields[i].name;
            }
            return core::PlaceholderValue::failure(why + (layer.fields.size() > 16 ? ", …" : ""));
        }
        const core::AttrValue* v = layer.value(layer.features[*feature.index], p.field);
        const std::string text = v != nullptr ? core::formatValue(*v) : std::string();
        if (text.empty()) {
            return core::PlaceholderValue::failure("field " + quoted(p.field) + " of feature " +
                                                   quoted(p.ids.front()) + " in layer " + quoted(layer.name) +
                                                   " is empty");
        }
        return core::PlaceholderValue::ofText(text);
    }
    }
    return core::PlaceholderValue::failure("unknown placeholder kind");
}

core::PlaceholderResolver layerResolver(std::vector<const core::Layer*> layers)
{
    return [layers = std::move(layers)](const core::Placeholder& p) { return resolvePlaceholder(layers, p); };
}

} // namespace corridor::geo

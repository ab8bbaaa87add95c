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

std::string inQuotes(std::string_view s)
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
        const std::string which = "feature " + inQuotes(id) + " of layer " + inQuotes(layer.name);
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
        return LayerLookup{nullptr, std::to_string(count) + " loaded layers are called " + inQuotes(name) +
                                        " (from " + out.layer->sourcePath + " and others): which one is meant?"};
    }
    if (count == 0) {
        out.error = "no loaded layer is called " + inQuotes(name);
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
        std::string why = "layer " + inQuotes(layer.name) + " has no feature with " + kind + " " + inQuotes(key);
        if (by != FeatureKey::Name && idField(layer) < 0) {
            why += " (it has no id field)";
        }
        return FeatureLookup{std::nullopt, why};
    }
    return FeatureLookup{std::nullopt, std::to_string(found.size()) + " features of layer " + inQuotes(layer.name) +
                                           " have the " + what + " " + inQuotes(key) + " (" + idsOf(layer, found) +
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
            std::string why = "layer " + inQuotes(layer.name) + " has no field " + inQuotes(p.field);
            const auto sameName = std::find_if(layer.fields.begin(), layer.fields.end(), [&](const core::Field& f) {
                return sameIgnoringCase(f.name, p.field);
            });
            if (sameName != layer.fields.end()) {
                return core::PlaceholderValue::failure(why + "; did you mean " + inQuotes(sameName->name) + "?");
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
            return core::PlaceholderValue::failure("field " + inQuotes(p.field) + " of feature " +
                                                   inQuotes(p.ids.front()) + " in layer " + inQuotes(layer.name) +
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

bool DeckDataProblems::empty() const
{
    return deck.empty() && std::all_of(slides.begin(), slides.end(), [](const auto& s) { return s.empty(); });
}

DeckDataProblems checkDeckData(const core::Deck& deck, const std::vector<const core::Layer*>& layers)
{
    const std::string file = deck.file.empty() ? std::string("<deck>") : deck.file.string();
    const core::PlaceholderResolver resolver = layerResolver(layers);
    const auto texts = [&](std::vector<std::string>& out, int line, const std::string& key, const std::string& text) {
        for (const std::string& error : core::expandPlaceholders(text, resolver).errors) {
            out.push_back(core::deckMessage(file, line, 0, key, error));
        }
    };
    DeckDataProblems out;
    texts(out.deck, 0, "deck.title", deck.title);
    for (std::size_t i = 0; i < deck.slides.size(); ++i) {
        const core::Slide& s = deck.slides[i];
        std::vector<std::string>& problems = out.slides.emplace_back();
        const std::string path = "slide[" + std::to_string(i + 1) + "]";
        texts(problems, s.line, path + ".title", s.title);
        texts(problems, s.line, path + ".caption", s.caption);
        texts(problems, s.line, path + ".notes", s.notes);
        if (s.layers) {
            for (std::size_t k = 0; k < s.layers->size(); ++k) {
                const LayerLookup found = findLayer(layers, (*s.layers)[k]);
                if (found.layer == nullptr) {
                    problems.push_back(core::deckMessage(file, s.line, 0, path + ".layers[" + std::to_string(k + 1) +
                                                                              "]", found.error));
                }
            }
        }
        for (std::size_t k = 0; k < s.highlights.size(); ++k) {
            const core::DeckHighlight& h = s.highlights[k];
            const std::string key = path + ".highlight[" + std::to_string(k + 1) + "]";
            const LayerLookup layer = findLayer(layers, h.layer);
            const FeatureLookup feature =
                layer.layer == nullptr ? FeatureLookup{std::nullopt, layer.error}
                : h.id.empty()         ? findFeature(*layer.layer, h.name, FeatureKey::Name)
                                       : findFeature(*layer.layer, h.id, FeatureKey::Id);
            if (!feature.index) {
                problems.push_back(core::deckMessage(file, h.line, 0, key, feature.error));
            }
        }
        for (std::size_t k = 0; k < s.annotations.size(); ++k) {
            texts(problems, s.annotations[k].line, path + ".annotation[" + std::to_string(k + 1) + "].text",
                  s.annotations[k].text);
        }
    }
    return out;
}

} // namespace corridor::geo

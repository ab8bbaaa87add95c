#pragma once
// The numbers and texts a briefing deck's {{placeholders}} stand for (core/deck_text), computed from the loaded
// layers: geodesic lengths and areas on the WGS84 ellipsoid (PROJ's geodesic routines, core/geodesy), feature
// counts, attribute values. And the one rule by which a deck names a feature (its `id` attribute, else its name),
// which slide highlights follow too.
//
// Layers are borrowed, in lon/lat (OGC:CRS84) as geo::loadSource gives them, never the view-CRS copies. Pure
// functions over them: safe on any thread while nobody writes the layers.

#include "core/deck.hpp"
#include "core/deck_text.hpp"
#include "core/geometry.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::geo {

struct LayerLookup {
    const core::Layer* layer = nullptr;
    std::string error; // "no loaded layer is called 'x'; the layers are …", or two layers share the name
};

// The layer called `name` (core::Layer::name, exactly). Two loaded layers of that name are an error: a number on a
// slide must not depend on which one was loaded first.
LayerLookup findLayer(const std::vector<const core::Layer*>& layers, std::string_view name);

enum class FeatureKey {
    Id,         // the `id` attribute (the field named "id", else "ID" or any other case), compared as text
    Name,       // the feature's name, as messages and the Inspector show it (core::featureName)
    IdThenName, // by id; when no feature has that id, by name
};

struct FeatureLookup {
    std::optional<std::size_t> index; // into layer.features
    std::string error;                // none or several match: "layer 'x' has no feature with id or name 'y'"
};

// The one feature `key` names. Several features with the id (or, failing an id, the name) are an error naming
// their ids, never a guess.
FeatureLookup findFeature(const core::Layer& layer, std::string_view key, FeatureKey by = FeatureKey::IdThenName);

// One placeholder's value over `layers`:
// - length: the geodesic length in metres of line features (all their parts), summed over the ids;
// - area: the geodesic area in m² of polygon features (exterior rings less holes), summed;
// - count: the layer's features (every row read, drawn or not);
// - value: the attribute's text (core::formatValue); an empty (null) value is an error.
// A feature of the wrong geometry (a point's length, a line's area), one the loader dropped parts of (its
// measure would be short), an unknown layer, feature or field: a failure saying so.
core::PlaceholderValue resolvePlaceholder(const std::vector<const core::Layer*>& layers,
                                          const core::Placeholder& placeholder);

// resolvePlaceholder bound to `layers`, for core::expandPlaceholders. The layers must outlive the resolver.
core::PlaceholderResolver layerResolver(std::vector<const core::Layer*> layers);

// What the loaded data says is wrong with a deck, which the deck's reader cannot know: a slide's `layers` naming a
// layer not loaded, a highlight whose layer or feature is not there (by id or by name, as the highlight says), a
// {{placeholder}} in a title, caption, notes or annotation text that does not resolve. Each message names the deck,
// the line and the key: "briefing.toml:40: key 'slide[3].highlight[1]': layer 'railways' has no feature with name
// 'Rasht'". The viewer shows them on their slides; the deck still opens and presents.
struct DeckDataProblems {
    std::vector<std::string> deck;                // the [deck] title's placeholders
    std::vector<std::vector<std::string>> slides; // one list per slide, in the deck's order

    bool empty() const;
};
DeckDataProblems checkDeckData(const core::Deck& deck, const std::vector<const core::Layer*>& layers);

} // namespace corridor::geo

#pragma once
// Finding features by name: every name-like field of every layer (name, label, name_fa, name_ar, label_fa,
// name_ru, name_az, transliterations such as name_fa_latn, alt_name…: found by the field's name, not listed),
// matched by prefix and tolerantly (case, diacritics, hyphens and punctuation ignored; a small edit distance for
// typos; Persian and Arabic letter variants, ZWNJ and harakat folded). Pure core: no UI, no I/O.

#include "core/map_document.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// Whether a field holds a name of the feature, judging by the field's name: `name` or `label`, optionally with an
// OSM-style qualifier before it (alt_, official_, short_, int_, loc_, old_) and language/script codes after it
// (_fa, _ar, _latn, :en…). "names_basis" or "country_name" are not.
bool isNameField(std::string_view fieldName);

// The text as the index compares it (UTF-8): lower case; Latin diacritics, Cyrillic ё and Arabic-script
// diacritics (harakat, tatweel) removed; Arabic yeh/alef maksura → Persian yeh, Arabic kaf → keheh, teh marbuta →
// heh, hamza-carrying alefs → alef; ZWNJ, apostrophes and quotes removed; hyphens, dashes and other punctuation
// → one space; Persian and Arabic digits → ASCII; spaces collapsed and trimmed.
std::string normalizeForSearch(std::string_view text);

// How a name matched, best first.
enum class MatchKind { Exact, Prefix, WordPrefix, Fuzzy };
const char* matchKindName(MatchKind kind);

struct SearchHit {
    std::size_t layer = 0; // index into MapDocument::layers
    std::size_t feature = 0; // index into that layer's data.features
    std::string label; // what to call it: its label or name field, else the text that matched
    std::string matched; // the field value that matched (may be the Persian name)
    std::string field; // that field's name
    MatchKind kind = MatchKind::Fuzzy;
    int distance = 0; // edit distance, for Fuzzy
    int extraWords = 0; // words of the matched name beyond the query's: "astara" in "Astara (Iran)" leaves 1
    float priority = 0.0f; // the layer's label priority (its style), which breaks ties
    Bounds lonLatBounds; // the feature's extent, lon/lat degrees
    Vec2d lonLatAnchor; // where to centre it: a point itself, a line's middle vertex, an area's box centre
};

class SearchIndex {
public:
    // Indexes every name field of every feature (lon/lat layers, as the document holds them).
    void build(const MapDocument& document);
    // True when built for a document of this shape (same layers and feature counts): no need to rebuild.
    bool builtFor(const MapDocument& document) const;
    std::size_t size() const { return m_entries.size(); }

    // Up to `limit` features matching `query`, one hit per feature (its best-matching name), ranked: exact,
    // prefix, word prefix, fuzzy (fewer edits first); within a kind, names the query covers more of first (fewer
    // extra words: the town "Astara (Iran)" before the "Astara (AZ) – Astara (IR) 1520 mm link"); then by layer
    // label priority (higher first), point layers before others, the layer drawn higher first, and the label.
    // Empty for a query with nothing to match.
    std::vector<SearchHit> find(std::string_view query, std::size_t limit = 20) const;

    // The allowed edit distance for a query of `length` code points: 0 under 3, 1 up to 5, 2 from 6.
    static int tolerance(std::size_t length);

private:
    struct Entry {
        std::size_t layer = 0;
        std::size_t feature = 0;
        std::size_t field = 0;
        std::u32string text; // normalised
        std::u32string compact; // normalised, without spaces
        std::vector<std::uint32_t> words; // where each word starts in `text`
    };
    struct LayerInfo {
        std::string labelField;
        float priority = 0.0f;
        bool points = false;
        std::size_t features = 0;
    };

    const MapDocument* m_document = nullptr;
    std::vector<Entry> m_entries;
    std::vector<LayerInfo> m_layers;
};

// Optimal string alignment distance (Levenshtein with adjacent transpositions) between `query` and the best
// prefix of `text`, or of all of `text` when `wholeText`; stops early and returns limit + 1 once every path
// exceeds `limit`.
int editDistance(std::u32string_view query, std::u32string_view text, bool wholeText, int limit);

// UTF-8 ↔ UTF-32 for the index; malformed bytes become U+FFFD.
std::u32string toUtf32(std::string_view text);
std::string toUtf8(std::u32string_view text);

} // namespace corridor::core

#pragma once
// The text of a briefing slide (docs/briefing-format.md, "Slide text"): the caption's small markdown subset
// (bold, italics, bullet lines, paragraphs) and the computed values written into any slide text as placeholders
// ({{length:instc_routes/r01+r02|nmi}}), so every number on a slide comes from the data. Pure text work: the
// values themselves come from a resolver the caller gives (geo/deck_values has the one over loaded layers).

#include "core/measure.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// [Caption markdown]

// A run of caption text in one style. Text is UTF-8 as written, markers and escapes removed.
struct Span {
    std::string text;
    bool bold = false;
    bool italic = false;

    friend bool operator==(const Span&, const Span&) = default;
};

// One line to draw: a paragraph (the caption's consecutive plain lines joined by a space, for the renderer to
// wrap) or one bullet item. A line with no spans (and bullet false) is the gap between paragraphs: one for any
// number of blank lines, none at the start or end.
struct CaptionLine {
    bool bullet = false;
    std::vector<Span> spans;

    friend bool operator==(const CaptionLine&, const CaptionLine&) = default;
};

// Parses a caption:
// - a line starting with "- " or "* " (after up to three spaces) is a bullet item; a following line indented by
//   two or more spaces continues it;
// - other consecutive non-blank lines form one paragraph, joined with single spaces; blank lines separate them;
// - **bold**, *italic* and _italic_ inside a paragraph or item (they nest: ***both***, **bold _and italic_**);
//   a marker opens only before a non-space and closes only after one, '_' never inside a word (snake_case stays
//   as written), and a marker without its partner stays literal text;
// - a backslash before ASCII punctuation makes it literal (\* \_ \\); any other backslash is kept.
// Spaces at the ends of lines are dropped; spans of the same style are merged.
std::vector<CaptionLine> parseCaption(std::string_view text);

// The text of a line without its styles, for logs, index.md and tests.
std::string plainText(const CaptionLine& line);

// `text` with the characters parseCaption reads as markers or escapes ('*', '_', '\') backslash-escaped, so it
// comes out of parseCaption exactly as given.
std::string escapeCaption(std::string_view text);

// [Placeholders]

enum class PlaceholderKind { Length, Area, Count, Value };

// One {{KIND:…}} in a text. The forms:
//   {{length:LAYER/ID}}, {{length:LAYER/ID+ID2+…}}  geodesic length of line features, summed
//   {{area:LAYER/ID}}, {{area:LAYER/ID+ID2+…}}      geodesic area of polygon features, summed
//   {{count:LAYER}}                                 number of features in the layer
//   {{value:LAYER/ID/FIELD}}                        one feature's attribute, as text
// Lengths and areas take a unit after '|': km (the default), mi, nmi ("|nmi"); areas are then in km², mi², nmi².
// Spaces around each part are ignored. An ID is a feature's `id` attribute, else its name (geo/deck_values).
struct Placeholder {
    PlaceholderKind kind = PlaceholderKind::Count;
    std::string layer;
    std::vector<std::string> ids; // length and area: one or more; value: exactly one; count: none
    std::string field;            // value only
    DistanceUnit unit = DistanceUnit::Kilometres; // core/measure.hpp
    std::string text;             // as written, braces included: "{{length:instc_routes/r01|nmi}}"
    std::size_t offset = 0;       // byte offset of its "{{" in the text scanned
    std::string error;            // not empty: malformed, and why ("unknown kind 'lenght'; did you mean 'length'?")

    friend bool operator==(const Placeholder&, const Placeholder&) = default;
};

// Every {{…}} in `text`, in order, well-formed or not (then with `error` set). A "{{" with no "}}" after it on
// its line is listed too, as malformed: a caption is never shown with a placeholder half-expanded.
std::vector<Placeholder> placeholders(std::string_view text);

// What a resolver found for one well-formed placeholder: the measure in base units (length: metres, area: square
// metres, count: features) or, for value, the attribute's text; or why there is none. The resolver gives numbers,
// not text, so units, rounding and separators are the same whatever resolves them.
struct PlaceholderValue {
    double number = 0.0;
    std::string text;  // value: the attribute as text
    std::string error; // not empty: unresolved, and why: "layer 'instc_routes' has no feature with id or name 'r99'"

    bool ok() const { return error.empty(); }
    static PlaceholderValue measure(double number) { return {number, {}, {}}; }
    static PlaceholderValue ofText(std::string text) { return {0.0, std::move(text), {}}; }
    static PlaceholderValue failure(std::string why) { return {0.0, {}, std::move(why)}; }
};

using PlaceholderResolver = std::function<PlaceholderValue(const Placeholder&)>;

// The text a resolved placeholder is replaced by: "7,212 km", "3,894 nmi", "1,240 km²", "38", the value's text.
// Lengths and areas of 10 or more are rounded to whole units, smaller ones to one decimal ("8.4 km", "0 km").
std::string formatPlaceholder(const Placeholder& placeholder, const PlaceholderValue& value);

// `value` rounded to `decimals` (0..6) with thousands separators: formatGrouped(7212.4, 0) = "7,212".
std::string formatGrouped(double value, int decimals);

enum class TextKind {
    Plain,   // a title, notes, an annotation's text: values go in as they are
    Caption, // markdown follows: values are escaped (escapeCaption) so a '*' or '_' in an attribute stays literal
};

struct ExpandedText {
    std::string text;
    // One per placeholder left as written: "{{length:instc_routes/r99}}: layer 'instc_routes' has no feature
    // with id or name 'r99'", malformed ones included. Empty when everything resolved.
    std::vector<std::string> errors;
};

// `text` with each well-formed placeholder replaced by its formatted value. One that is malformed or that the
// resolver cannot resolve stays in the text as written (so the slide shows something is missing, never a wrong
// number) and gets an error naming it. The resolver is called once per placeholder, in order.
ExpandedText expandPlaceholders(std::string_view text, const PlaceholderResolver& resolve,
                                TextKind kind = TextKind::Plain);

// "length", "area", "count", "value" (a unit's symbol: core::unitSymbol).
const char* placeholderKindName(PlaceholderKind kind);

} // namespace corridor::core

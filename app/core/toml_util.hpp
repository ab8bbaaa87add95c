#pragma once
// What core's TOML readers (style sheets, briefing decks) share: toml++ made safe for any input (safeToml: only
// ASCII reaches toml++, nesting is bounded, columns map back to the file), small files read with a size cap, keys
// walked in file order, and the words their messages use ("did you mean", value types, numbers).
// Includes toml++, a private dependency of corridor_core: for core's .cpp files only, never a public header.

// toml++ 3.3 asserts in parse_key() when a table header starts with a character no key can start with ("[=",
// "[[[1]]]"; fixed upstream in marzer/tomlplusplus PR #301). Release builds report that as the syntax error it is,
// so debug builds must too rather than abort on a typo: a file a user wrote must never crash the viewer.
#ifndef NDEBUG
#ifndef TOML_ASSERT
#define TOML_ASSERT(expr) static_assert(true)
#endif
#endif
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core::tomlutil {

// A problem found in the text before or while toml++ reads it; line and column (1-based, of the file as written)
// are 0 for a problem with the whole file. Each reader turns it into its own error type.
class TextError : public std::runtime_error {
public:
    TextError(std::uint32_t line, std::uint32_t column, std::string reason)
        : std::runtime_error(reason), m_line(line), m_column(column), m_reason(std::move(reason))
    {
    }
    std::uint32_t line() const { return m_line; }
    std::uint32_t column() const { return m_column; }
    const std::string& reason() const { return m_reason; }

private:
    std::uint32_t m_line;
    std::uint32_t m_column;
    std::string m_reason;
};

// Maps a column of the text handed to toml++ back to the column in the file: escapes written in place of a single
// character (see AsciiText) make a line longer than it was. Lines are the same in both.
class ColumnMap {
public:
    // `length` characters from `column` of `line` stand for the one character at `original` in the file.
    void substitute(std::uint32_t line, std::uint32_t column, std::uint32_t length, std::uint32_t original)
    {
        m_anchors.push_back(Anchor{line, column, length, original});
    }

    std::uint32_t original(std::uint32_t line, std::uint32_t column) const
    {
        // Anchors are recorded in text order; the last one at or before (line, column) decides.
        const auto after = std::upper_bound(m_anchors.begin(), m_anchors.end(), std::pair{line, column},
                                            [](const std::pair<std::uint32_t, std::uint32_t>& p, const Anchor& a) {
                                                return p.first < a.line || (p.first == a.line && p.second < a.column);
                                            });
        if (after == m_anchors.begin() || std::prev(after)->line != line) {
            return column;
        }
        const Anchor& a = *std::prev(after);
        return column < a.column + a.length ? a.original : a.original + 1 + (column - a.column - a.length);
    }

private:
    struct Anchor {
        std::uint32_t line, column, length, original;
    };
    std::vector<Anchor> m_anchors;
};

// A file's text as toml++ may be given it, and the way back to the file's columns.
struct SafeText {
    std::string text;
    ColumnMap columns;
};

// toml++ 3.3 reaches __builtin_unreachable() (undefined behaviour, in release builds too) on certain non-ASCII
// characters, and recurses once per level of nesting without a limit: `text` rewritten in ASCII meaning exactly
// the same (non-ASCII in strings as \u escapes, in comments '?'), after checking it is UTF-8 and nests at most 64
// levels. `what` names the kind of file in messages ("style file": "a style file must be UTF-8 text").
// Throws TextError.
SafeText safeText(std::string_view text, std::string_view what);

// Parses safeText's output; a syntax error is a TextError ("TOML syntax error: …") at the file's line and column.
toml::table parse(const SafeText& safe, std::string_view sourceName);

// Reads a small text file: refuses what is missing, a directory, not a regular file (a FIFO would block, a device
// never end), unreadable, or larger than `maxBytes` (then with `tooLarge` as the reason). Reasons read "cannot read
// the WHAT: it does not exist", "cannot open the WHAT: Permission denied". Throws TextError (line 0).
std::string readSmallFile(const std::string& path, std::size_t maxBytes, std::string_view what,
                          const std::string& tooLarge);

// One key and its value; tables are walked in file order (toml++ keeps them sorted by name), so `sets`
// lists keys as written and the first error reported is the first in the file.
struct Entry {
    const toml::key* key = nullptr;
    const toml::node* node = nullptr;
};

// The table's keys in the order the file has them.
std::vector<Entry> entriesOf(const toml::table& table);

// "a table", "an integer", "a float", "a date"…, for "expected X, got Y".
std::string_view typeName(const toml::node& n);

// Case, '_' and ' ' are not worth a distance point: "Stroke_Width" is plainly "stroke-width".
std::string normalized(std::string_view s);
// Edit distance counting a swap of neighbours as one edit (optimal string alignment), so "stokre" is one
// edit from "stroke". Only ever run on key-sized strings: unknown keys longer than 64 get no suggestion.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate closest to a misspelt `wrong`, when it is close enough to be what was meant.
template <typename Names>
std::optional<std::string> closest(std::string_view wrong, const Names& candidates)
{
    if (wrong.empty() || wrong.size() > 64) {
        return std::nullopt;
    }
    const std::string w = normalized(wrong);
    // Short names tolerate fewer edits, or "fill" would be suggested for "hill", "dash" for "data".
    const std::size_t allowed = w.size() <= 4 ? 1 : w.size() <= 8 ? 2 : 3;
    std::optional<std::string> best;
    std::size_t bestDistance = allowed + 1;
    for (const auto& c : candidates) {
        const std::string_view candidate = c;
        const std::size_t dist = editDistance(w, normalized(candidate));
        if (dist < bestDistance) {
            bestDistance = dist;
            best = std::string(candidate);
        }
    }
    return best;
}

// A key as it would be written in TOML: bare when it can be, quoted otherwise.
std::string tomlKey(std::string_view key);
// `parent.key` as a key path ("layer.x" + "stroke" = "layer.x.stroke"); `key` alone under an empty parent.
std::string child(const std::string& parent, std::string_view key);
// The shortest text that reads back as `v`: "%g" kept 6 digits, and 100.0001 (over a limit of 100) read "100".
std::string formatNumber(double v);

} // namespace corridor::core::tomlutil

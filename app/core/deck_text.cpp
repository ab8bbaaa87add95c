#include "core/deck_text.hpp"

#include "core/toml_util.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

namespace corridor::core {

namespace {

// [Caption markdown]

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Letters and digits of any script: a byte of a multi-byte UTF-8 character counts, so '_' stays literal inside a
// Persian or Russian word as inside an English one.
bool isWordChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

bool isAsciiPunct(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) || (u >= 0x7B && u <= 0x7E);
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::size_t leadingSpaces(std::string_view line)
{
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) {
        ++n;
    }
    return n;
}

// The text after a bullet marker ("- " or "* " after at most three spaces), or nullopt for a line that is not a
// bullet item.
std::optional<std::string_view> bulletText(std::string_view line)
{
    const std::size_t indent = leadingSpaces(line);
    if (indent > 3 || line.size() < indent + 2) {
        return std::nullopt;
    }
    const char marker = line[indent];
    if ((marker != '-' && marker != '*') || (line[indent + 1] != ' ' && line[indent + 1] != '\t')) {
        return std::nullopt;
    }
    return trimmed(line.substr(indent + 2));
}

// A piece of a paragraph: text, or a run of '*' or '_' that may open or close emphasis.
struct Token {
    std::string text;      // literal text; for a run, its characters
    char marker = 0;       // '*' or '_' for a run, 0 for text
    int remaining = 0;     // characters of the run not used by a match (they stay literal)
    bool canOpen = false;
    bool canClose = false;
    std::vector<int> opens;  // matched as an opener: 2 (bold) or 1 (italic), innermost last
    std::vector<int> closes; // matched as a closer, innermost first
};

std::vector<Token> tokenize(std::string_view s)
{
    std::vector<Token> out;
    auto text = [&]() -> std::string& {
        if (out.empty() || out.back().marker != 0) {
            out.emplace_back();
        }
        return out.back().text;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && isAsciiPunct(s[i + 1])) {
            text().push_back(s[i + 1]);
            i += 2;
            continue;
        }
        if (c != '*' && c != '_') {
            text().push_back(c);
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < s.size() && s[end] == c) {
            ++end;
        }
        // Around the run: the start and end of the paragraph count as spaces.
        const char before = i > 0 ? s[i - 1] : ' ';
        const char after = end < s.size() ? s[end] : ' ';
        Token run;
        run.text.assign(end - i, c);
        run.marker = c;
        run.remaining = static_cast<int>(end - i);
        run.canOpen = !isSpace(after);
        run.canClose = !isSpace(before);
        if (c == '_') {
            run.canOpen = run.canOpen && !isWordChar(before);
            run.canClose = run.canClose && !isWordChar(after);
        }
        out.push_back(std::move(run));
        i = end;
    }
    return out;
}

// Pairs closers with the nearest opener of the same marker before them (a simpler form of CommonMark's delimiter
// algorithm): two characters from each side make bold when both have two left, else one makes italics.
void matchEmphasis(std::vector<Token>& tokens)
{
    for (std::size_t c = 0; c < tokens.size(); ++c) {
        Token& closer = tokens[c];
        if (closer.marker == 0 || !closer.canClose) {
            continue;
        }
        while (closer.remaining > 0) {
            std::optional<std::size_t> found;
            for (std::size_t o = c; o-- > 0;) {
                const Token& t = tokens[o];
                if (t.marker == closer.marker && t.canOpen && t.remaining > 0) {
                    found = o;
                    break;
                }
            }
            if (!found) {
                break;
            }
            const std::size_t o = *found;
            Token& opener = tokens[o];
            const int use = opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1;
            opener.remaining -= use;
            closer.remaining -= use;
            opener.opens.push_back(use);
            closer.closes.push_back(use);
            // Emphasis cannot straddle this pair: runs inside it can no longer open one that ends outside.
            for (std::size_t k = o + 1; k < c; ++k) {
                tokens[k].canOpen = false;
            }
        }
    }
}

std::vector<Span> inlineSpans(std::string_view s)
{
    std::vector<Token> tokens = tokenize(s);
    matchEmphasis(tokens);
    std::vector<Span> spans;
    int bold = 0;
    int italic = 0;
    auto emit = [&](std::string_view text) {
        if (text.empty()) {
            return;
        }
        if (!spans.empty() && spans.back().bold == (bold > 0) && spans.back().italic == (italic > 0)) {
            spans.back().text += text;
        } else {
            spans.push_back(Span{std::string(text), bold > 0, italic > 0});
        }
    };
    for (const Token& t : tokens) {
        if (t.marker == 0) {
            emit(t.text);
            continue;
        }
        for (const int use : t.closes) {
            (use == 2 ? bold : italic) -= 1;
        }
        // The characters left over are literal, outside the emphasis they did not take part in.
        emit(std::string(static_cast<std::size_t>(t.remaining), t.marker));
        for (const int use : t.opens) {
            (use == 2 ? bold : italic) += 1;
        }
    }
    return spans;
}

// [Placeholders]

constexpr std::array<std::string_view, 4> kKindNames{"length", "area", "count", "value"};
constexpr std::array<std::string_view, 3> kUnitNames{"km", "mi", "nmi"};
constexpr std::array<DistanceUnit, 3> kUnits{DistanceUnit::Kilometres, DistanceUnit::Miles, DistanceUnit::NauticalMiles};

std::string syntaxHint(PlaceholderKind kind)
{
    switch (kind) {
    case PlaceholderKind::Length: return "write {{length:LAYER/ID}} or {{length:LAYER/ID+ID2|nmi}}";
    case PlaceholderKind::Area: return "write {{area:LAYER/ID}} or {{area:LAYER/ID+ID2|mi}}";
    case PlaceholderKind::Count: return "write {{count:LAYER}}";
    case PlaceholderKind::Value: return "write {{value:LAYER/ID/FIELD}}";
    }
    return {};
}

std::vector<std::string_view> split(std::string_view s, char by)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = s.find(by, start);
        out.push_back(trimmed(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
        if (at == std::string_view::npos) {
            return out;
        }
        start = at + 1;
    }
}

// Reads what is between the braces into `p`; sets p.error when malformed.
void parseInside(std::string_view inside, Placeholder& p)
{
    const auto fail = [&](std::string why) { p.error = std::move(why); };
    const std::size_t colon = inside.find(':');
    if (colon == std::string_view::npos) {
        fail("no ':' after the kind; write {{length:LAYER/ID}}, {{area:LAYER/ID}}, {{count:LAYER}} or "
             "{{value:LAYER/ID/FIELD}}");
        return;
    }
    const std::string_view kind = trimmed(inside.substr(0, colon));
    const auto k = std::find(kKindNames.begin(), kKindNames.end(), kind);
    if (k == kKindNames.end()) {
        std::string why = "unknown kind '" + std::string(kind) + "'";
        if (const auto suggestion = tomlutil::closest(kind, kKindNames)) {
            why += "; did you mean '" + *suggestion + "'?";
        } else {
            why += "; the kinds are length, area, count and value";
        }
        fail(why);
        return;
    }
    p.kind = static_cast<PlaceholderKind>(k - kKindNames.begin());
    std::string_view rest = inside.substr(colon + 1);
    if (const std::size_t bar = rest.find('|'); bar != std::string_view::npos) {
        const std::string_view unit = trimmed(rest.substr(bar + 1));
        rest = rest.substr(0, bar);
        if (p.kind != PlaceholderKind::Length && p.kind != PlaceholderKind::Area) {
            fail("a unit ('|" + std::string(unit) + "') is for length and area only; " + syntaxHint(p.kind));
            return;
        }
        const auto u = std::find(kUnitNames.begin(), kUnitNames.end(), unit);
        if (u == kUnitNames.end()) {
            fail("unknown unit '" + std::string(unit) + "'; the units are km (the default), mi and nmi");
            return;
        }
        p.unit = kUnits[static_cast<std::size_t>(u - kUnitNames.begin())];
    }
    const std::vector<std::string_view> parts = split(rest, '/');
    const std::size_t wanted = p.kind == PlaceholderKind::Count ? 1 : p.kind == PlaceholderKind::Value ? 3 : 2;
    if (parts.size() != wanted) {
        fail("expected " + std::to_string(wanted) + (wanted == 1 ? " part" : " parts separated by '/'") + ", got " +
             std::to_string(parts.size()) + "; " + syntaxHint(p.kind));
        return;
    }
    static constexpr std::array<const char*, 3> kPartNames{"layer name", "feature id", "field name"};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].empty()) {
            fail(std::string("the ") + kPartNames[i] + " is empty; " + syntaxHint(p.kind));
            return;
        }
    }
    p.layer = std::string(parts[0]);
    if (p.kind == PlaceholderKind::Value) {
        p.ids.emplace_back(parts[1]); // one feature: a '+' in its id is part of it
        p.field = std::string(parts[2]);
    } else if (p.kind != PlaceholderKind::Count) {
        for (const std::string_view id : split(parts[1], '+')) {
            if (id.empty()) {
                fail("an empty feature id in '" + std::string(trimmed(parts[1])) + "'; " + syntaxHint(p.kind));
                return;
            }
            if (std::find(p.ids.begin(), p.ids.end(), id) != p.ids.end()) {
                fail("feature '" + std::string(id) + "' is listed twice: it would be counted twice");
                return;
            }
            p.ids.emplace_back(id);
        }
    }
}


// Whole units from 10 up, one decimal below: "7,212", "8.4", "0".
std::string formatMeasure(double v)
{
    const double tenths = std::round(v * 10.0) / 10.0;
    if (tenths == 0.0) {
        return "0";
    }
    return formatGrouped(v, std::abs(tenths) >= 10.0 ? 0 : 1);
}

} // namespace

std::vector<CaptionLine> parseCaption(std::string_view text)
{
    // Blocks first (paragraphs, items, gaps), then the emphasis inside each.
    struct Block {
        bool bullet = false;
        std::string text;
        bool gapBefore = false;
    };
    std::vector<Block> blocks;
    bool open = false; // the last block may take more lines
    bool gap = false;  // a blank line since the last block
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        const std::string_view content = trimmed(line);
        if (content.empty()) {
            open = false;
            gap = !blocks.empty();
            continue;
        }
        if (const auto item = bulletText(line)) {
            blocks.push_back(Block{true, std::string(*item), gap});
        } else if (open && (!blocks.back().bullet || leadingSpaces(line) >= 2)) {
            blocks.back().text += ' ';
            blocks.back().text += content;
            continue;
        } else {
            blocks.push_back(Block{false, std::string(content), gap});
        }
        open = true;
        gap = false;
    }
    std::vector<CaptionLine> out;
    for (const Block& b : blocks) {
        if (b.gapBefore) {
            out.emplace_back();
        }
        out.push_back(CaptionLine{b.bullet, inlineSpans(b.text)});
    }
    return out;
}

std::string plainText(const CaptionLine& line)
{
    std::string out;
    for (const Span& s : line.spans) {
        out += s.text;
    }
    return out;
}

std::string escapeCaption(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '*' || c == '_' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    return out;
}

std::vector<Placeholder> placeholders(std::string_view text)
{
    std::vector<Placeholder> out;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            return out;
        }
        const std::size_t lineEnd = std::min(text.find('\n', open), text.size());
        const std::size_t close = text.find("}}", open + 2);
        Placeholder p;
        p.offset = open;
        if (close == std::string_view::npos || close >= lineEnd) {
            p.text = std::string(text.substr(open, lineEnd - open));
            p.error = "'{{' is not closed by '}}' on its line";
            out.push_back(std::move(p));
            pos = open + 2;
            continue;
        }
        p.text = std::string(text.substr(open, close + 2 - open));
        parseInside(text.substr(open + 2, close - open - 2), p);
        out.push_back(std::move(p));
        pos = close + 2;
    }
}

std::string formatGrouped(double value, int decimals)
{
    decimals = std::clamp(decimals, 0, 6);
    // Halves away from zero, as people round (printf would make 7212.5 "7212", to even).
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    std::array<char, 64> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%.*f", decimals, rounded);
    if (n <= 0 || static_cast<std::size_t>(n) >= buf.size()) {
        return "?"; // beyond 10^50: no measure on a map
    }
    std::string digits(buf.data(), static_cast<std::size_t>(n));
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative) {
        digits.erase(0, 1);
        // Rounded to zero: no "-0".
        negative = digits.find_first_not_of("0.") != std::string::npos;
    }
    const std::size_t point = std::min(digits.find('.'), digits.size());
    std::string out;
    for (std::size_t i = 0; i < point; ++i) {
        if (i > 0 && (point - i) % 3 == 0) {
            out.push_back(',');
        }
        out.push_back(digits[i]);
    }
    out += digits.substr(point);
    return negative ? "-" + out : out;
}

std::string formatPlaceholder(const Placeholder& p, const PlaceholderValue& value)
{
    switch (p.kind) {
    case PlaceholderKind::Length:
        return formatMeasure(value.number / metresPerUnit(p.unit)) + " " + unitSymbol(p.unit);
    case PlaceholderKind::Area: {
        const double unit = metresPerUnit(p.unit);
        return formatMeasure(value.number / (unit * unit)) + " " + unitSymbol(p.unit) + "\u00b2";
    }
    case PlaceholderKind::Count: return formatGrouped(value.number, 0);
    case PlaceholderKind::Value: return value.text;
    }
    return {};
}

ExpandedText expandPlaceholders(std::string_view text, const PlaceholderResolver& resolve, TextKind kind)
{
    ExpandedText out;
    std::size_t copied = 0;
    for (const Placeholder& p : placeholders(text)) {
        out.text += text.substr(copied, p.offset - copied);
        copied = p.offset + p.text.size();
        std::string why = p.error;
        if (why.empty()) {
            const PlaceholderValue value = resolve(p);
            if (value.ok()) {
                const std::string formatted = formatPlaceholder(p, value);
                out.text += kind == TextKind::Caption ? escapeCaption(formatted) : formatted;
                continue;
            }
            why = value.error;
        }
        out.text += p.text;
        out.errors.push_back(p.text + ": " + why);
    }
    out.text += text.substr(copied);
    return out;
}

const char* placeholderKindName(PlaceholderKind kind)
{
    return kKindNames[static_cast<std::size_t>(kind)].data();
}


} // namespace corridor::core

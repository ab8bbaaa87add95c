#include "core/coords.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

namespace corridor::core {

namespace {

// One UTF-8 code point from `text` at `i` (advanced); U+FFFD for a malformed sequence.
char32_t nextCodePoint(std::string_view text, std::size_t& i)
{
    const auto c = static_cast<unsigned char>(text[i++]);
    if (c < 0x80) {
        return c;
    }
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (extra < 0) {
        return 0xFFFD;
    }
    char32_t cp = c & (0x3F >> extra);
    for (; extra > 0; --extra) {
        if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            return 0xFFFD;
        }
        cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
    }
    return cp;
}

// ASCII, Arabic-Indic and Extended Arabic-Indic (Persian) digits; -1 otherwise.
int digitValue(char32_t c)
{
    if (c >= U'0' && c <= U'9') {
        return static_cast<int>(c - U'0');
    }
    if (c >= 0x0660 && c <= 0x0669) {
        return static_cast<int>(c - 0x0660);
    }
    if (c >= 0x06F0 && c <= 0x06F9) {
        return static_cast<int>(c - 0x06F0);
    }
    return -1;
}

bool isSpace(char32_t c)
{
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x00A0 || c == 0x202F;
}
bool isDegreeMark(char32_t c)
{
    return c == 0x00B0 || c == 0x00BA || c == 0x02DA;
}
bool isMinuteMark(char32_t c)
{
    return c == U'\'' || c == 0x2032 || c == 0x2019 || c == 0x00B4;
}
bool isSecondMark(char32_t c)
{
    return c == U'"' || c == 0x2033 || c == 0x201D;
}
bool isMinus(char32_t c)
{
    return c == U'-' || c == 0x2212;
}

struct Number {
    double value = 0.0;
    bool negative = false;
    bool signed_ = false;
    bool fraction = false;
    int mark = -1; // 0 degrees, 1 minutes, 2 seconds, -1 none
    std::string text;
};

struct Token {
    enum class Type { Number, Hemisphere, Comma } type = Type::Number;
    Number number;
    char hemisphere = 0; // 'N', 'S', 'E', 'W'
};

struct Group {
    std::vector<Number> numbers;
    char hemisphere = 0;
    std::string text() const
    {
        std::string t;
        for (const Number& n : numbers) {
            t += (t.empty() ? "" : " ") + n.text;
        }
        if (hemisphere != 0) {
            t += hemisphere;
        }
        return t;
    }
};

std::string formatNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

CoordParse invalid(std::string message)
{
    CoordParse r;
    r.kind = CoordParse::Kind::Invalid;
    r.error = std::move(message);
    return r;
}

// Tokenises; nullopt when the text holds something that is not part of a coordinate (then it is a name).
std::optional<std::vector<Token>> tokenize(std::string_view text, std::string& error)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    bool pendingMinus = false, pendingPlus = false;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t c = nextCodePoint(text, i);
        if (isSpace(c) || c == U';') {
            if (pendingMinus || pendingPlus) {
                error = "a sign must be followed by a number";
                return std::vector<Token> {}; // Invalid, signalled by error
            }
            continue;
        }
        if (c == U',' || c == 0x060C) { // the Arabic comma too
            tokens.push_back({Token::Type::Comma, {}, 0});
            continue;
        }
        if (isMinus(c) || c == U'+') {
            (isMinus(c) ? pendingMinus : pendingPlus) = true;
            continue;
        }
        if (digitValue(c) >= 0 || c == U'.' || c == 0x066B) {
            Number n;
            n.negative = pendingMinus;
            n.signed_ = pendingMinus || pendingPlus;
            pendingMinus = pendingPlus = false;
            std::string ascii;
            std::size_t j = start;
            while (j < text.size()) {
                std::size_t k = j;
                const char32_t d = nextCodePoint(text, k);
                if (const int v = digitValue(d); v >= 0) {
                    ascii += static_cast<char>('0' + v);
                } else if (d == U'.' || d == 0x066B) {
                    if (n.fraction) {
                        error = "'" + std::string(text.substr(start, k - start)) + "' has two decimal points";
                        return std::vector<Token> {};
                    }
                    n.fraction = true;
                    ascii += '.';
                } else {
                    break;
                }
                j = k;
            }
            i = j;
            if (ascii == ".") {
                return std::nullopt; // a lone full stop: not a number
            }
            n.value = std::strtod(ascii.c_str(), nullptr);
            n.text = (n.negative ? "-" : "") + ascii;
            // A mark may follow, with no space between.
            if (i < text.size()) {
                std::size_t k = i;
                const char32_t m = nextCodePoint(text, k);
                if (isDegreeMark(m)) {
                    n.mark = 0;
                } else if (isSecondMark(m)) {
                    n.mark = 2;
                } else if (isMinuteMark(m)) {
                    n.mark = 1;
                    // '' (two apostrophes) is a seconds mark
                    std::size_t k2 = k;
                    if (k2 < text.size() && isMinuteMark(nextCodePoint(text, k2))) {
                        n.mark = 2;
                        k = k2;
                    }
                }
                if (n.mark >= 0) {
                    n.text += std::string(text.substr(i, k - i));
                    i = k;
                }
            }
            Token t;
            t.number = std::move(n);
            tokens.push_back(std::move(t));
            continue;
        }
        const char32_t upper = (c >= U'a' && c <= U'z') ? c - 32 : c;
        if (upper == U'N' || upper == U'S' || upper == U'E' || upper == U'W') {
            // A hemisphere letter stands alone: not inside a word ("Nowshahr", "Sea").
            if (i < text.size()) {
                std::size_t k = i;
                const char32_t next = nextCodePoint(text, k);
                if (!(isSpace(next) || next == U',' || next == U';' || digitValue(next) >= 0 || isMinus(next)
                        || next == U'+' || next == U'.')) {
                    return std::nullopt;
                }
            }
            if (pendingMinus || pendingPlus) {
                error = "a sign must be followed by a number";
                return std::vector<Token> {};
            }
            tokens.push_back({Token::Type::Hemisphere, {}, static_cast<char>(upper)});
            continue;
        }
        return std::nullopt; // any other character: a name, not coordinates
    }
    if (pendingMinus || pendingPlus) {
        error = "a sign must be followed by a number";
    }
    return tokens;
}

// Splits the tokens into the coordinates they give.
std::optional<std::vector<Group>> groupTokens(const std::vector<Token>& tokens, std::string& error)
{
    std::vector<Group> groups;
    bool anyHemisphere = false;
    int commas = 0;
    for (const Token& t : tokens) {
        anyHemisphere = anyHemisphere || t.type == Token::Type::Hemisphere;
        commas += t.type == Token::Type::Comma ? 1 : 0;
    }
    if (commas > 1) {
        error = "more than one comma: write two coordinates, such as 26.27, 55.03";
        return std::nullopt;
    }
    if (anyHemisphere) {
        // Letters before the numbers ("N 26 16 E 55 2") open a coordinate; after them ("26 16 N") they close it.
        const bool prefix = tokens.front().type == Token::Type::Hemisphere;
        Group current;
        for (const Token& t : tokens) {
            if (t.type == Token::Type::Comma) {
                continue;
            }
            if (t.type == Token::Type::Number) {
                current.numbers.push_back(t.number);
                continue;
            }
            if (prefix) {
                if (!current.numbers.empty() || current.hemisphere != 0) {
                    if (current.numbers.empty()) {
                        error = std::string("hemisphere letter ") + current.hemisphere + " has no number";
                        return std::nullopt;
                    }
                    groups.push_back(std::move(current));
                    current = {};
                }
                current.hemisphere = t.hemisphere;
            } else {
                if (current.numbers.empty()) {
                    error = std::string("hemisphere letter ") + t.hemisphere + " has no number before it";
                    return std::nullopt;
                }
                current.hemisphere = t.hemisphere;
                groups.push_back(std::move(current));
                current = {};
            }
        }
        if (!current.numbers.empty()) {
            groups.push_back(std::move(current));
        } else if (current.hemisphere != 0) {
            error = std::string("hemisphere letter ") + current.hemisphere + " has no number after it";
            return std::nullopt;
        }
        return groups;
    }
    if (commas == 1) {
        Group current;
        for (const Token& t : tokens) {
            if (t.type == Token::Type::Comma) {
                groups.push_back(std::move(current));
                current = {};
            } else {
                current.numbers.push_back(t.number);
            }
        }
        groups.push_back(std::move(current));
        return groups;
    }
    std::vector<Number> numbers;
    bool anyMark = false;
    for (const Token& t : tokens) {
        numbers.push_back(t.number);
        anyMark = anyMark || t.number.mark >= 0;
    }
    if (!anyMark) {
        // Unmarked: half the numbers each (26 27 → two; 26 16 55 2 → d m and d m).
        if (numbers.size() == 1) {
            groups.resize(1);
            groups[0].numbers = numbers;
            return groups;
        }
        if (numbers.size() % 2 != 0 || numbers.size() > 6) {
            error = "cannot tell where latitude ends and longitude starts in " + std::to_string(numbers.size())
                + " numbers: separate them with a comma or add N/S/E/W";
            return std::nullopt;
        }
        const std::size_t half = numbers.size() / 2;
        groups.resize(2);
        groups[0].numbers.assign(numbers.begin(), numbers.begin() + static_cast<std::ptrdiff_t>(half));
        groups[1].numbers.assign(numbers.begin() + static_cast<std::ptrdiff_t>(half), numbers.end());
        return groups;
    }
    // Marked: a new coordinate starts where the marks stop increasing (26°16' 55°02' → 26°16' | 55°02').
    Group current;
    int last = -1;
    for (const Number& n : numbers) {
        const int position = n.mark >= 0 ? n.mark : last + 1;
        if (!current.numbers.empty() && (position <= last || n.signed_)) {
            groups.push_back(std::move(current));
            current = {};
            last = -1;
        }
        current.numbers.push_back(n);
        last = n.mark >= 0 ? n.mark : last + 1;
    }
    groups.push_back(std::move(current));
    return groups;
}

// Degrees from one coordinate's numbers (sign applied, hemisphere not yet).
std::optional<double> groupDegrees(const Group& g, std::string& error)
{
    if (g.numbers.empty()) {
        error = "a coordinate is missing on one side of the comma";
        return std::nullopt;
    }
    double parts[3] = {0.0, 0.0, 0.0};
    int last = -1;
    for (std::size_t i = 0; i < g.numbers.size(); ++i) {
        const Number& n = g.numbers[i];
        const int position = n.mark >= 0 ? n.mark : last + 1;
        if (position <= last || position > 2) {
            error = "'" + g.text() + "': "
                + (position > 2 ? "too many parts (degrees, minutes, seconds at most)"
                                : "its parts are out of order (degrees, minutes, seconds)");
            return std::nullopt;
        }
        if (i > 0 && n.signed_) {
            error = "'" + g.text() + "': only the degrees may carry a sign";
            return std::nullopt;
        }
        if (n.fraction && i + 1 < g.numbers.size()) {
            error = "'" + g.text() + "': only the last part may have decimals";
            return std::nullopt;
        }
        if (position > 0 && !(n.value < 60.0)) {
            error = "'" + g.text() + "': " + (position == 1 ? "minutes" : "seconds") + " must be under 60";
            return std::nullopt;
        }
        if (position > 0 && g.numbers.front().fraction) {
            error = "'" + g.text() + "': decimal degrees cannot also have minutes or seconds";
            return std::nullopt;
        }
        parts[position] = n.value;
        last = position;
    }
    const double magnitude = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
    return g.numbers.front().negative ? -magnitude : magnitude;
}

std::string formatDmsAxis(double value, int secondDecimals, char positive, char negative)
{
    secondDecimals = std::clamp(secondDecimals, 0, 6);
    const double scale = std::pow(10.0, secondDecimals);
    const auto perSecond = static_cast<long long>(scale);
    const long long total = std::llround(std::abs(value) * 3600.0 * scale);
    const long long degrees = total / (3600 * perSecond);
    const long long minutes = (total / (60 * perSecond)) % 60;
    const long long secondUnits = total % (60 * perSecond);
    char buf[64];
    if (secondDecimals == 0) {
        std::snprintf(buf, sizeof buf, "%lld°%02lld′%02lld″%c", degrees, minutes, secondUnits,
            value < 0.0 && total > 0 ? negative : positive);
    } else {
        std::snprintf(buf, sizeof buf, "%lld°%02lld′%0*.*f″%c", degrees, minutes, secondDecimals + 3, secondDecimals,
            static_cast<double>(secondUnits) / scale, value < 0.0 && total > 0 ? negative : positive);
    }
    return buf;
}

} // namespace

CoordParse parseCoordinates(std::string_view text)
{
    std::string error;
    const auto tokens = tokenize(text, error);
    if (!tokens) {
        return {};
    }
    if (!error.empty()) {
        return invalid(error);
    }
    bool anyNumber = false;
    for (const Token& t : *tokens) {
        anyNumber = anyNumber || t.type == Token::Type::Number;
    }
    if (!anyNumber) {
        return {}; // "N", "," or nothing at all: not coordinates
    }
    const auto groups = groupTokens(*tokens, error);
    if (!groups) {
        return invalid(error);
    }
    if (groups->size() == 1 && groups->front().hemisphere != 0) {
        return {}; // "E40", "N1": a road's name, not half a position
    }
    if (groups->size() != 2) {
        return invalid("expected two coordinates (latitude and longitude), found " + std::to_string(groups->size()));
    }
    double values[2] = {0.0, 0.0};
    int axis[2] = {-1, -1}; // 0 latitude, 1 longitude
    for (int i = 0; i < 2; ++i) {
        const Group& g = (*groups)[static_cast<std::size_t>(i)];
        const auto degrees = groupDegrees(g, error);
        if (!degrees) {
            return invalid(error);
        }
        values[i] = *degrees;
        if (g.hemisphere != 0) {
            if (g.numbers.front().signed_) {
                return invalid("'" + g.text() + "': a sign and a hemisphere letter together; use one");
            }
            axis[i] = (g.hemisphere == 'N' || g.hemisphere == 'S') ? 0 : 1;
            if (g.hemisphere == 'S' || g.hemisphere == 'W') {
                values[i] = -values[i];
            }
        }
    }
    if (axis[0] >= 0 && axis[0] == axis[1]) {
        return invalid(std::string("both coordinates are ") + (axis[0] == 0 ? "latitudes (N/S)" : "longitudes (E/W)"));
    }
    if (axis[0] < 0 && axis[1] < 0) {
        axis[0] = 0; // latitude first, as spoken and as most gazetteers print it
        axis[1] = 1;
    } else if (axis[0] < 0) {
        axis[0] = 1 - axis[1];
    } else if (axis[1] < 0) {
        axis[1] = 1 - axis[0];
    }
    const double lat = axis[0] == 0 ? values[0] : values[1];
    const double lon = axis[0] == 1 ? values[0] : values[1];
    if (!(std::abs(lat) <= 90.0)) {
        return invalid("latitude " + formatNumber(lat) + " is outside -90 to 90"
            + (std::abs(lon) <= 90.0 ? " (longitude first? add E/N, e.g. 55.03E 26.27N)" : ""));
    }
    if (!(std::abs(lon) <= 180.0)) {
        return invalid("longitude " + formatNumber(lon) + " is outside -180 to 180");
    }
    CoordParse r;
    r.kind = CoordParse::Kind::Ok;
    r.lonLat = {lon, lat};
    return r;
}

std::string formatLatitudeDms(double latitude, int secondDecimals)
{
    return formatDmsAxis(latitude, secondDecimals, 'N', 'S');
}

std::string formatLongitudeDms(double longitude, int secondDecimals)
{
    return formatDmsAxis(longitude, secondDecimals, 'E', 'W');
}

std::string formatDms(Vec2d lonLat, int secondDecimals)
{
    return formatLatitudeDms(lonLat.y, secondDecimals) + " " + formatLongitudeDms(lonLat.x, secondDecimals);
}

std::string formatDecimal(Vec2d lonLat, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f, %.*f", decimals, lonLat.y, decimals, lonLat.x);
    return buf;
}

std::string groupThousands(long long value)
{
    const std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

} // namespace corridor::core

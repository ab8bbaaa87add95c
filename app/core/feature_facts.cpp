#include "core/feature_facts.hpp"

#include "core/ascii.hpp"
#include "core/geodesy.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace corridor::core {

namespace {

std::string lower(std::string_view s) { return asciiLower(s); }

std::string trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

bool contains(const std::string& s, const char* word) { return s.find(word) != std::string::npos; }

// Splits a markdown table row into its cells (without the outer pipes).
std::vector<std::string> cells(std::string_view row)
{
    std::vector<std::string> out;
    std::string t = trim(row);
    if (t.size() < 2 || t.front() != '|') {
        return out;
    }
    t = t.substr(1);
    if (!t.empty() && t.back() == '|') {
        t.pop_back();
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = t.find('|', start);
        out.push_back(trim(std::string_view(t).substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
        if (bar == std::string::npos) {
            break;
        }
        start = bar + 1;
    }
    return out;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool allDigits(std::string_view s, std::size_t n) { return s.size() == n && std::all_of(s.begin(), s.end(), isDigit); }

bool isMonth(std::string_view word)
{
    static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3) {
        return false;
    }
    const std::string w = lower(word.substr(0, 3));
    return std::any_of(std::begin(kMonths), std::end(kMonths), [&](const char* m) { return w == m; }) &&
           std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isalpha(c) || c == '.'; });
}

// "2023", "2019-03-06", "2018-03": a year of this or the last century, with an optional month and day.
bool isYearOrIsoDate(std::string_view w)
{
    if (w.size() < 4 || !allDigits(w.substr(0, 4), 4) || !(w.substr(0, 2) == "19" || w.substr(0, 2) == "20")) {
        return false;
    }
    return w.size() == 4 || (w.size() == 7 && w[4] == '-' && allDigits(w.substr(5), 2)) ||
           (w.size() == 10 && w[4] == '-' && w[7] == '-' && allDigits(w.substr(5, 2), 2) && allDigits(w.substr(8), 2));
}

// The first date in a citation: "17 May 2023", "May 2023", "2018" or "2019-03-06".
std::string findDate(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    for (const char c : text + " ") {
        if (c == ' ' || c == ',' || c == ';' || c == '(' || c == ')' || c == '\t') {
            if (!word.empty()) {
                words.push_back(word);
            }
            word.clear();
        } else {
            word += c;
        }
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        const bool day = (w.size() == 1 || w.size() == 2) && std::all_of(w.begin(), w.end(), isDigit);
        if (day && i + 2 < words.size() && isMonth(words[i + 1]) && allDigits(words[i + 2], 4)) {
            return w + " " + words[i + 1] + " " + words[i + 2];
        }
        if (isMonth(w) && i + 1 < words.size() && allDigits(words[i + 1], 4)) {
            return w + " " + words[i + 1];
        }
        if (isYearOrIsoDate(w)) {
            return w;
        }
    }
    return {};
}

SourceRef parseRef(const std::string& text)
{
    SourceRef r;
    r.text = text;
    // Addresses: from "http://" or "https://" to the next space, less punctuation that follows them.
    std::string rest;
    for (std::size_t i = 0; i < text.size();) {
        const bool url = text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0;
        if (!url) {
            rest += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) {
            ++end;
        }
        std::string address = text.substr(i, end - i);
        while (!address.empty() && std::string_view(",;.)").find(address.back()) != std::string_view::npos) {
            address.pop_back(); // punctuation after the address, not part of it
        }
        if (!r.address.empty()) {
            r.address += " ";
        }
        r.address += address;
        i = end;
    }
    if (const std::size_t open = rest.find('"'); open != std::string::npos) {
        if (const std::size_t close = rest.find('"', open + 1); close != std::string::npos && close > open + 1) {
            r.title = rest.substr(open + 1, close - open - 1);
        }
    }
    r.date = findDate(rest);
    // The publisher ends at the first comma outside parentheses: "russiasnews (Kremlin quote, 162 km), https://…".
    std::size_t comma = std::string::npos;
    int depth = 0;
    for (std::size_t i = 0; i < rest.size() && comma == std::string::npos; ++i) {
        depth += rest[i] == '(' ? 1 : rest[i] == ')' ? -1 : 0;
        if (rest[i] == ',' && depth <= 0) {
            comma = i;
        }
    }
    r.publisher = trim(rest.substr(0, comma));
    if (!r.title.empty() && r.publisher.find('"') != std::string::npos) {
        r.publisher.clear(); // the cell starts with the title itself
    }
    return r;
}

} // namespace

std::string readableFieldName(std::string_view field)
{
    std::string out;
    out.reserve(field.size());
    for (char c : field) {
        out += c == '_' ? ' ' : c;
    }
    const bool allUpper = std::none_of(out.begin(), out.end(), [](unsigned char c) { return std::islower(c); });
    if (allUpper) {
        out = lower(out);
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) {
        return std::string(field);
    }
    out = out.substr(first);
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::optional<double> leadingNumber(const AttrValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
    }
    const auto* s = std::get_if<std::string>(&value);
    if (s == nullptr) {
        return std::nullopt;
    }
    // Spaces and a "~", then digits, grouped by commas in threes ("9,700") or not, then an optional fraction.
    const std::string& t = *s;
    std::size_t i = 0;
    while (i < t.size() && (t[i] == ' ' || t[i] == '~')) {
        ++i;
    }
    std::string digits;
    const std::size_t first = i;
    while (i < t.size() && isDigit(t[i])) {
        digits += t[i++];
    }
    if (digits.empty()) {
        return std::nullopt;
    }
    if (i - first <= 3) {
        while (i + 3 < t.size() && t[i] == ',' && isDigit(t[i + 1]) && isDigit(t[i + 2]) && isDigit(t[i + 3]) &&
               (i + 4 >= t.size() || !isDigit(t[i + 4]))) {
            digits += t.substr(i + 1, 3);
            i += 4;
        }
    }
    if (i + 1 < t.size() && t[i] == '.' && isDigit(t[i + 1])) {
        digits += t[i++];
        while (i < t.size() && isDigit(t[i])) {
            digits += t[i++];
        }
    }
    return std::stod(digits);
}

MeasureFacts measureFeature(const Layer& layer, const Feature& feature)
{
    MeasureFacts out;
    const char* quantity = nullptr;
    const char* unit = nullptr;
    if (feature.type == GeometryType::Line) {
        out.kind = MeasureFacts::Kind::Length;
        out.computed = featureLength(layer, feature) / 1000.0;
        quantity = "length";
        unit = "km";
    } else if (feature.type == GeometryType::Polygon) {
        out.kind = MeasureFacts::Kind::Area;
        out.computed = featureArea(layer, feature) / 1.0e6;
        quantity = "area";
        unit = "km2";
    } else {
        return out;
    }
    int bestScore = -1;
    for (std::size_t i = 0; i < layer.fields.size() && i < feature.values.size(); ++i) {
        const std::string name = lower(layer.fields[i].name);
        if (!contains(name, quantity) || !contains(name, unit)) {
            continue;
        }
        if (contains(name, "computed") || contains(name, "alt") || contains(name, "in_box")) {
            continue;
        }
        const std::optional<double> v = leadingNumber(feature.values[i]);
        if (!v) {
            continue;
        }
        const int score = contains(name, "published") || contains(name, "claimed") ? 1 : 0;
        if (score > bestScore) {
            bestScore = score;
            out.publishedField = layer.fields[i].name;
            out.published = *v;
        }
    }
    if (out.published && *out.published != 0.0) {
        out.differencePercent = (out.computed - *out.published) / *out.published * 100.0;
    }
    return out;
}

SourceCatalog parseSourceCatalog(std::string_view markdown)
{
    SourceCatalog out;
    bool inTable = false;
    std::size_t start = 0;
    while (start <= markdown.size()) {
        const std::size_t end = markdown.find('\n', start);
        const std::string_view line =
            markdown.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? markdown.size() + 1 : end + 1;
        const std::vector<std::string> row = cells(line);
        if (row.empty()) {
            inTable = false;
            continue;
        }
        if (lower(row[0]) == "id") {
            inTable = true;
            continue;
        }
        if (!inTable || row.size() < 2 || row[0].empty() || row[0].find_first_not_of("-: ") == std::string::npos) {
            continue;
        }
        SourceEntry e;
        e.id = row[0];
        e.terms = row.size() > 2 ? row[2] : "";
        // Citations in one cell are separated by " ; " (a semicolon inside a URL or title has no spaces around it).
        const std::string& cell = row[1];
        std::size_t from = 0;
        while (from < cell.size()) {
            const std::size_t sep = cell.find(" ; ", from);
            const std::string part = trim(std::string_view(cell).substr(from, sep == std::string::npos ? std::string::npos : sep - from));
            if (!part.empty()) {
                e.refs.push_back(parseRef(part));
            }
            if (sep == std::string::npos) {
                break;
            }
            from = sep + 3;
        }
        out.entries[e.id] = std::move(e);
    }
    return out;
}

std::optional<SourceCatalog> loadSourceCatalogFor(const std::string& dataFile)
{
    const std::filesystem::path path = std::filesystem::path(dataFile).parent_path() / "SOURCES.md";
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    SourceCatalog c = parseSourceCatalog(text.str());
    c.path = path.string();
    return c;
}

std::vector<std::string> splitSourceIds(std::string_view value)
{
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= value.size()) {
        const std::size_t sep = value.find(';', from);
        std::string id = trim(value.substr(from, sep == std::string_view::npos ? std::string_view::npos : sep - from));
        if (!id.empty()) {
            out.push_back(std::move(id));
        }
        if (sep == std::string_view::npos) {
            break;
        }
        from = sep + 1;
    }
    return out;
}

bool hasRtlScript(std::string_view utf8)
{
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        std::uint32_t cp = 0;
        std::size_t n = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 0x6 && i + 1 < utf8.size()) {
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
            n = 2;
        } else if ((c >> 4) == 0xE && i + 2 < utf8.size()) {
            cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
            n = 3;
        } else if ((c >> 3) == 0x1E) {
            n = 4;
        }
        if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
            return true;
        }
        i += n;
    }
    return false;
}

} // namespace corridor::core

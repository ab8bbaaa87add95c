#include "core/feature_facts.hpp"

#include "core/geodesy.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace corridor::core {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

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

SourceRef parseRef(const std::string& text)
{
    SourceRef r;
    r.text = text;
    static const std::regex url(R"((https?://\S+))");
    std::string rest;
    for (std::sregex_iterator it(text.begin(), text.end(), url), end; it != end; ++it) {
        std::string address = it->str();
        while (!address.empty() && std::string_view(",;.)").find(address.back()) != std::string_view::npos) {
            address.pop_back(); // punctuation after the address, not part of it
        }
        if (!r.address.empty()) {
            r.address += " ";
        }
        r.address += address;
    }
    rest = std::regex_replace(text, url, "");
    static const std::regex quoted("\"([^\"]+)\"");
    std::smatch m;
    if (std::regex_search(rest, m, quoted)) {
        r.title = m[1].str();
    }
    static const std::regex date(
        R"(\b(\d{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|(19|20)\d{2}(-\d{2}(-\d{2})?)?)\b)");
    if (std::regex_search(rest, m, date)) {
        r.date = m[1].str();
    }
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
    static const std::regex number(R"(^\s*~?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?)");
    std::smatch m;
    if (!std::regex_search(*s, m, number)) {
        return std::nullopt;
    }
    std::string digits = m[1].str() + m[3].str();
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
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

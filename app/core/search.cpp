#include "core/search.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace corridor::core {

namespace {

// Base letters for U+00C0…U+017F (Latin-1 Supplement letters and Latin Extended-A), from their canonical
// decompositions; letters with none (ß, æ, ø, đ, ł, ı, œ, þ…) by their usual ASCII stand-in. ×/÷ are spaces.
constexpr std::string_view kLatinFold
    = "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiii"
      "iiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatinFold.size() == 0x180 - 0xC0);

constexpr char32_t kPersianYeh = 0x06CC;
constexpr char32_t kKeheh = 0x06A9;
constexpr char32_t kHeh = 0x0647;
constexpr char32_t kAlef = 0x0627;
constexpr char32_t kWaw = 0x0648;

// What one code point becomes: 0 to drop it, U' ' for a separator, else the folded code point.
char32_t fold(char32_t c)
{
    if (c < 0x80) {
        if (c >= U'A' && c <= U'Z') {
            return c + 32;
        }
        if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
            return c;
        }
        if (c == U'\'' || c == U'`') {
            return 0; // Qal'eh = Qaleh
        }
        return U' ';
    }
    if (c >= 0xC0 && c < 0x180) {
        return static_cast<unsigned char>(kLatinFold[c - 0xC0]);
    }
    switch (c) {
    case 0x0259:
    case 0x018F:
        return U'a'; // Azerbaijani schwa: Lənkəran is Lankaran in English
    case 0x00A0:
    case 0x202F:
    case 0x2009:
    case 0x200A:
    case 0x3000:
        return U' ';
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x200E:
    case 0x200F:
    case 0x2060:
    case 0xFEFF:
        return 0; // soft hyphen, zero-width (non-)joiners, direction marks: invisible
    case 0x02BB:
    case 0x02BC:
    case 0x02BF:
    case 0x02BE:
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x00B4:
        return 0; // apostrophes and ʿayn/hamza letters in transliterations
    // Arabic-script letters Persian writes differently.
    case 0x064A:
    case 0x0649:
    case 0x06D2:
        return kPersianYeh; // yeh, alef maksura, yeh barree
    case 0x0643:
        return kKeheh; // Arabic kaf
    case 0x0629:
    case 0x06C0:
    case 0x06D5:
        return kHeh; // teh marbuta, heh with yeh above, ae
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
        return kAlef; // alef with madda, hamza above/below, wasla
    case 0x0624:
        return kWaw;
    case 0x0640:
        return 0; // tatweel
    case 0x060C:
    case 0x061B:
    case 0x061F:
    case 0x066B:
    case 0x066C:
    case 0x06D4:
        return U' ';
    default:
        break;
    }
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED)) {
        return 0; // combining marks, harakat, Quranic marks
    }
    if (c >= 0x0660 && c <= 0x0669) {
        return U'0' + (c - 0x0660);
    }
    if (c >= 0x06F0 && c <= 0x06F9) {
        return U'0' + (c - 0x06F0);
    }
    if (c >= 0x0410 && c <= 0x042F) {
        return c + 0x20; // Cyrillic capitals
    }
    if (c >= 0x0400 && c <= 0x040F) {
        return c == 0x0401 ? 0x0435 : c + 0x50; // Ё → е
    }
    if (c == 0x0451) {
        return 0x0435; // ё → е
    }
    if ((c >= 0x2010 && c <= 0x2015) || (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2000 && c <= 0x206F) || c == 0x00AB
        || c == 0x00BB || c == 0x00B7 || c == 0x00B0 || c == 0x00A7 || c == 0x00A9) {
        return U' '; // dashes, arrows, general punctuation, guillemets
    }
    return c;
}

std::u32string normalized32(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (const char32_t c : toUtf32(text)) {
        const char32_t f = fold(c);
        if (f == 0) {
            continue;
        }
        if (f == U' ') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) {
            out.push_back(U' ');
            pendingSpace = false;
        }
        out.push_back(f);
    }
    return out;
}

std::u32string withoutSpaces(const std::u32string& s)
{
    std::u32string out;
    out.reserve(s.size());
    for (const char32_t c : s) {
        if (c != U' ') {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::uint32_t> wordStarts(const std::u32string& s)
{
    std::vector<std::uint32_t> starts;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != U' ' && (i == 0 || s[i - 1] == U' ')) {
            starts.push_back(static_cast<std::uint32_t>(i));
        }
    }
    return starts;
}

bool startsWith(std::u32string_view s, std::u32string_view prefix)
{
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
        [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return out;
}

bool isCodeToken(std::string_view t)
{
    // A language code (fa, ar, en, ru, az, ckb) or an ISO 15924 script code (latn, cyrl…); not any 4-letter word
    // (label_size, name_note).
    static constexpr std::string_view kScripts[] = {"latn", "cyrl", "arab", "hans", "hant", "grek", "armn", "geor",
        "hebr", "deva", "jpan", "kore", "syrc", "thaa", "ethi", "mong"};
    const bool letters = std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!letters) {
        return false;
    }
    if (t.size() == 2 || t.size() == 3) {
        return true;
    }
    return std::find(std::begin(kScripts), std::end(kScripts), t) != std::end(kScripts);
}

const AttrValue* stringValue(const Feature& f, int field)
{
    if (field < 0 || static_cast<std::size_t>(field) >= f.values.size()) {
        return nullptr;
    }
    const AttrValue& v = f.values[static_cast<std::size_t>(field)];
    const auto* s = std::get_if<std::string>(&v);
    return s != nullptr && !s->empty() ? &v : nullptr;
}

Vec2d anchorOf(const Layer& layer, const Feature& f, const Bounds& bounds)
{
    if (f.partCount == 0) {
        return bounds.center();
    }
    const Part* best = nullptr;
    for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount && p < layer.parts.size(); ++p) {
        const Part& part = layer.parts[p];
        if (part.count > 0 && (best == nullptr || part.count > best->count)) {
            best = &part;
        }
    }
    if (best == nullptr) {
        return bounds.center();
    }
    switch (best->role) {
    case PartRole::Point:
        return layer.coords[best->first];
    case PartRole::Line:
        return layer.coords[best->first + best->count / 2];
    default:
        return bounds.center();
    }
}

} // namespace

std::u32string toUtf32(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i++]);
        if (c < 0x80) {
            out.push_back(c);
            continue;
        }
        int extra = c >= 0xF8 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
        if (extra < 0) {
            out.push_back(0xFFFD);
            continue;
        }
        char32_t cp = c & (0x3F >> extra);
        bool good = true;
        for (; extra > 0; --extra) {
            if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                good = false;
                break;
            }
            cp = (cp << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
        }
        out.push_back(good ? cp : 0xFFFD);
    }
    return out;
}

std::string toUtf8(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : text) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

std::string normalizeForSearch(std::string_view text)
{
    return toUtf8(normalized32(text));
}

bool isNameField(std::string_view fieldName)
{
    const std::string name = lower(fieldName);
    std::vector<std::string_view> tokens;
    std::string_view rest = name;
    while (!rest.empty()) {
        const std::size_t cut = rest.find_first_of("_:-");
        tokens.push_back(rest.substr(0, cut));
        if (cut == std::string_view::npos) {
            break;
        }
        rest = rest.substr(cut + 1);
    }
    std::size_t head = 0;
    static constexpr std::string_view kQualifiers[] = {"alt", "official", "short", "int", "loc", "old", "local"};
    if (!tokens.empty()
        && std::find(std::begin(kQualifiers), std::end(kQualifiers), tokens[0]) != std::end(kQualifiers)) {
        head = 1;
    }
    if (head >= tokens.size() || (tokens[head] != "name" && tokens[head] != "label")) {
        return false;
    }
    for (std::size_t i = head + 1; i < tokens.size(); ++i) {
        if (!isCodeToken(tokens[i])) {
            return false; // names_basis, name_source, label_size…
        }
    }
    return true;
}

const char* matchKindName(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Exact:
        return "exact";
    case MatchKind::Prefix:
        return "prefix";
    case MatchKind::WordPrefix:
        return "word";
    case MatchKind::Fuzzy:
        return "similar";
    }
    return "";
}

int SearchIndex::tolerance(std::size_t length)
{
    if (length < 4) {
        return 0;
    }
    return length < 8 ? 1 : 2;
}

int editDistance(std::u32string_view query, std::u32string_view text, bool wholeText, int limit)
{
    const std::size_t m = query.size();
    if (!wholeText && text.size() > m + static_cast<std::size_t>(std::max(0, limit))) {
        text = text.substr(0, m + static_cast<std::size_t>(std::max(0, limit)));
    }
    const std::size_t n = text.size();
    // Three rows: i-2, i-1, i (transpositions look two back).
    std::vector<int> prev2(n + 1), prev(n + 1), cur(n + 1);
    for (std::size_t j = 0; j <= n; ++j) {
        prev[j] = static_cast<int>(j);
    }
    int lastRowMin = 0;
    for (std::size_t i = 1; i <= m; ++i) {
        cur[0] = static_cast<int>(i);
        int rowMin = cur[0];
        for (std::size_t j = 1; j <= n; ++j) {
            const int cost = query[i - 1] == text[j - 1] ? 0 : 1;
            int d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && query[i - 1] == text[j - 2] && query[i - 2] == text[j - 1]) {
                d = std::min(d, prev2[j - 2] + 1);
            }
            cur[j] = d;
            rowMin = std::min(rowMin, d);
        }
        // A row's minimum is at least min(previous row's, the one before's + 1): two rows past the limit mean
        // every alignment is.
        if (rowMin > limit && lastRowMin > limit) {
            return limit + 1;
        }
        lastRowMin = rowMin;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    int best = prev[n];
    if (!wholeText) {
        best = *std::min_element(prev.begin(), prev.end());
    }
    return std::min(best, limit + 1);
}

void SearchIndex::build(const MapDocument& document)
{
    m_document = &document;
    m_entries.clear();
    m_layers.clear();
    for (std::size_t li = 0; li < document.layers.size(); ++li) {
        const MapLayer& ml = document.layers[li];
        const Layer& layer = ml.data;
        LayerInfo info;
        info.labelField = ml.style.base.labelField;
        info.priority = ml.style.base.labelPriority;
        info.points = layer.dominantType() == GeometryType::Point;
        info.features = layer.features.size();
        m_layers.push_back(info);
        std::vector<std::size_t> nameFields;
        for (std::size_t fi = 0; fi < layer.fields.size(); ++fi) {
            if (layer.fields[fi].type == FieldType::String && isNameField(layer.fields[fi].name)) {
                nameFields.push_back(fi);
            }
        }
        for (std::size_t f = 0; f < layer.features.size(); ++f) {
            const Feature& feature = layer.features[f];
            for (const std::size_t fi : nameFields) {
                const AttrValue* v = stringValue(feature, static_cast<int>(fi));
                if (v == nullptr) {
                    continue;
                }
                Entry e;
                e.layer = li;
                e.feature = f;
                e.field = fi;
                e.text = normalized32(std::get<std::string>(*v));
                if (e.text.empty()) {
                    continue;
                }
                e.compact = withoutSpaces(e.text);
                e.words = wordStarts(e.text);
                m_entries.push_back(std::move(e));
            }
        }
    }
}

bool SearchIndex::builtFor(const MapDocument& document) const
{
    if (m_document != &document || m_layers.size() != document.layers.size()) {
        return false;
    }
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        if (m_layers[i].features != document.layers[i].data.features.size()
            || m_layers[i].labelField != document.layers[i].style.base.labelField) {
            return false;
        }
    }
    return true;
}

std::vector<SearchHit> SearchIndex::find(std::string_view query, std::size_t limit) const
{
    std::vector<SearchHit> hits;
    const std::u32string q = normalized32(query);
    if (q.empty() || m_document == nullptr || limit == 0) {
        return hits;
    }
    const std::u32string qc = withoutSpaces(q);
    const int k = tolerance(qc.size());

    struct Best {
        std::size_t entry;
        MatchKind kind;
        int distance;
    };
    std::vector<Best> best; // one per feature, in entry order
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        MatchKind kind = MatchKind::Fuzzy;
        int distance = 0;
        if (e.text == q || e.compact == qc) {
            kind = MatchKind::Exact;
        } else if (startsWith(e.text, q) || startsWith(e.compact, qc)) {
            kind = MatchKind::Prefix;
        } else {
            bool word = false;
            for (std::size_t w = 1; w < e.words.size() && !word; ++w) {
                word = startsWith(std::u32string_view(e.text).substr(e.words[w]), q);
            }
            if (word) {
                kind = MatchKind::WordPrefix;
            } else if (k > 0) {
                distance = editDistance(qc, e.compact, false, k);
                for (std::size_t w = 0; w < e.words.size() && distance > k; ++w) {
                    distance
                        = std::min(distance, editDistance(q, std::u32string_view(e.text).substr(e.words[w]), false, k));
                }
                if (distance > k) {
                    continue;
                }
            } else {
                continue;
            }
        }
        const bool sameFeature = !best.empty() && m_entries[best.back().entry].layer == e.layer
            && m_entries[best.back().entry].feature == e.feature;
        if (sameFeature) {
            Best& b = best.back();
            if (std::tie(kind, distance) < std::tie(b.kind, b.distance)) {
                b = {i, kind, distance};
            }
        } else {
            best.push_back({i, kind, distance});
        }
    }

    hits.reserve(best.size());
    for (const Best& b : best) {
        const Entry& e = m_entries[b.entry];
        const Layer& layer = m_document->layers[e.layer].data;
        const Feature& feature = layer.features[e.feature];
        SearchHit h;
        h.layer = e.layer;
        h.feature = e.feature;
        h.kind = b.kind;
        h.distance = b.distance;
        h.extraWords = std::max(0, static_cast<int>(e.words.size()) - static_cast<int>(wordStarts(q).size()));
        h.field = layer.fields[e.field].name;
        h.matched = std::get<std::string>(feature.values[e.field]);
        h.priority = m_layers[e.layer].priority;
        // "name" is the most specific ("Astara (IR)" where the map label says "Astara"); then the map's label.
        for (const std::string& field : {std::string("name"), m_layers[e.layer].labelField}) {
            if (h.label.empty() && !field.empty()) {
                if (const AttrValue* v = stringValue(feature, layer.fieldIndex(field))) {
                    h.label = std::get<std::string>(*v);
                }
            }
        }
        if (h.label.empty()) {
            h.label = featureName(layer, feature);
        }
        if (h.label.empty()) {
            h.label = h.matched;
        }
        hits.push_back(std::move(h));
    }
    using Key = std::tuple<MatchKind, int, int, float, int, long long, std::size_t, const std::string&, std::size_t>;
    const auto key = [this](const SearchHit& h) {
        return Key(h.kind, h.distance, h.extraWords, -h.priority, m_layers[h.layer].points ? 0 : 1,
            -static_cast<long long>(h.layer), h.label.size(), h.label, h.feature);
    };
    const std::size_t keep = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
        [&](const SearchHit& a, const SearchHit& b) { return key(a) < key(b); });
    hits.resize(keep);
    for (SearchHit& h : hits) {
        const Layer& layer = m_document->layers[h.layer].data;
        const Feature& f = layer.features[h.feature];
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount && p < layer.parts.size(); ++p) {
            const Part& part = layer.parts[p];
            for (std::uint32_t c = part.first; c < part.first + part.count; ++c) {
                if (std::isfinite(layer.coords[c].x) && std::isfinite(layer.coords[c].y)) {
                    h.lonLatBounds.add(layer.coords[c]);
                }
            }
        }
        h.lonLatAnchor = anchorOf(layer, f, h.lonLatBounds);
    }
    return hits;
}

} // namespace corridor::core

#include "core/session.hpp"

#include "core/as_of.hpp"

// As in style_file.cpp: toml++ 3.3 asserts on some malformed table headers in debug builds; a session file must be
// reported, never crash the viewer.
#ifndef NDEBUG
#define TOML_ASSERT(expr) static_assert(true)
#endif
#include <toml++/toml.h>

#include <cmath>
#include <sstream>
#include <utility>

namespace corridor::core {

namespace {

// A session is a few kilobytes (bookmarks, layers, ImGui's ini text); anything far larger is not one.
constexpr std::size_t kMaxFileBytes = std::size_t(4) << 20;
// toml++ recurses once per dotted key part, table level and array: a corrupt line of thousands of '.' or '['
// would overflow the stack. The session nests two deep.
constexpr int kMaxNestingPerLine = 64;

// The first line (1-based) whose count of '.', '[' and '{' outside strings passes kMaxNestingPerLine, or 0.
int tooDeeplyNestedLine(std::string_view text)
{
    int line = 1;
    int count = 0;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            count = 0;
            continue;
        }
        if (quote != 0) {
            if (c == '\\' && quote == '"') {
                ++i;
            } else if (c == quote) {
                quote = 0;
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            }
        } else if ((c == '.' || c == '[' || c == '{') && ++count > kMaxNestingPerLine) {
            return line;
        }
    }
    return 0;
}

toml::table geoViewTable(const GeoView& v)
{
    return toml::table{{"lon", v.centerLonLat.x}, {"lat", v.centerLonLat.y}, {"metres_per_pixel", v.metresPerPixel}};
}

int lineOf(const toml::node& node)
{
    return static_cast<int>(node.source().begin.line);
}

// Reads typed values out of the parsed file, each error with the line of the value (or of its table).
class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const toml::node& at, const std::string& what) const
    {
        throw SessionError(m_file, lineOf(at), what);
    }

    const toml::node* find(const toml::table& t, std::string_view key) const { return t.get(key); }

    std::string string(const toml::table& t, std::string_view key, const std::string& where) const
    {
        const toml::node* n = find(t, key);
        if (n == nullptr) {
            return {};
        }
        if (!n->is_string()) {
            fail(*n, where + std::string(key) + ": a string is needed, not " + typeName(*n));
        }
        return std::string(n->as_string()->get());
    }

    bool boolean(const toml::table& t, std::string_view key, bool otherwise, const std::string& where) const
    {
        const toml::node* n = find(t, key);
        if (n == nullptr) {
            return otherwise;
        }
        if (!n->is_boolean()) {
            fail(*n, where + std::string(key) + ": true or false is needed, not " + typeName(*n));
        }
        return n->as_boolean()->get();
    }

    // A number in [lo, hi] (integers read as numbers too); required unless `otherwise` is given.
    double number(const toml::table& t, std::string_view key, double lo, double hi, const std::string& where,
                  std::optional<double> otherwise = std::nullopt) const
    {
        const toml::node* n = find(t, key);
        if (n == nullptr) {
            if (otherwise) {
                return *otherwise;
            }
            fail(t, where + std::string(key) + " is missing");
        }
        double v = 0.0;
        if (n->is_floating_point()) {
            v = n->as_floating_point()->get();
        } else if (n->is_integer()) {
            v = static_cast<double>(n->as_integer()->get());
        } else {
            fail(*n, where + std::string(key) + ": a number is needed, not " + typeName(*n));
        }
        if (!std::isfinite(v) || v < lo || v > hi) {
            std::ostringstream s;
            s << where << key << ": " << v << " is out of range (" << lo << " to " << hi << ")";
            fail(*n, s.str());
        }
        return v;
    }

    const toml::table& table(const toml::node& n, const std::string& where) const
    {
        if (!n.is_table()) {
            fail(n, where + "a table is needed, not " + typeName(n));
        }
        return *n.as_table();
    }

    // An array of tables ([[key]]), or none.
    const toml::array* tables(const toml::table& t, std::string_view key) const
    {
        const toml::node* n = find(t, key);
        if (n == nullptr) {
            return nullptr;
        }
        if (!n->is_array_of_tables()) {
            fail(*n, std::string(key) + ": a list of [[" + std::string(key) + "]] tables is needed, not " + typeName(*n));
        }
        return n->as_array();
    }

    GeoView geoView(const toml::table& t, const std::string& where) const
    {
        GeoView v;
        v.centerLonLat.x = number(t, "lon", -180.0, 180.0, where);
        v.centerLonLat.y = number(t, "lat", -90.0, 90.0, where);
        // 1 mm to 100,000 km a pixel: wider than any camera allows, so only nonsense is refused.
        v.metresPerPixel = number(t, "metres_per_pixel", 1e-3, 1e8, where);
        return v;
    }

    static std::string typeName(const toml::node& n)
    {
        switch (n.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        default: return "a date or time";
        }
    }

private:
    std::string m_file;
};

std::string describe(int line, const std::string& problem)
{
    return line > 0 ? "line " + std::to_string(line) + ": " + problem : problem;
}

} // namespace

SessionError::SessionError(std::string file_, int line_, std::string problem_, bool otherVersion_)
    : std::runtime_error(file_ + ": " + describe(line_, problem_))
    , file(std::move(file_))
    , line(line_)
    , problem(std::move(problem_))
    , otherVersion(otherVersion_)
{
}

std::string sessionToToml(const Session& s)
{
    toml::table root;
    root.insert("version", Session::kVersion);
    root.insert("style", s.style);
    root.insert("lang", s.lang);
    root.insert("crs", s.crs);
    root.insert("as_of", s.asOf);
    if (s.view) {
        root.insert("view", geoViewTable(*s.view));
    }
    if (s.furniture) {
        root.insert("furniture", toml::table{{"items", furnitureList(*s.furniture)},
                                             {"title", s.furniture->title},
                                             {"subtitle", s.furniture->subtitle},
                                             {"nmi", s.furniture->nauticalMiles}});
    }
    toml::table panels;
    for (const auto& [name, open] : s.panels) {
        panels.insert(name, open);
    }
    panels.insert("imgui_ini", s.imguiIni);
    root.insert("panels", std::move(panels));
    toml::array layers;
    for (const SessionLayer& l : s.layers) {
        layers.push_back(toml::table{{"path", l.path}, {"name", l.name}, {"added", l.added}, {"visible", l.visible},
                                     {"opacity", static_cast<double>(l.opacity)}});
    }
    if (!layers.empty()) { // an empty array would be no array of tables when read back
        root.insert("layer", std::move(layers));
    }
    toml::array bookmarks;
    for (const Bookmark& b : s.bookmarks) {
        toml::table t = geoViewTable(b.view);
        t.insert("name", b.name);
        bookmarks.push_back(std::move(t));
    }
    if (!bookmarks.empty()) {
        root.insert("bookmark", std::move(bookmarks));
    }
    std::ostringstream out;
    out << "# Corridor's session: written by the viewer at exit and as it changes; see README (Session).\n"
        << toml::toml_formatter(root) << "\n";
    return out.str();
}

Session parseSession(std::string_view text, const std::string& file)
{
    if (text.size() > kMaxFileBytes) {
        throw SessionError(file, 0, "larger than " + std::to_string(kMaxFileBytes >> 20) + " MB: not a session file");
    }
    if (const int line = tooDeeplyNestedLine(text)) {
        throw SessionError(file, line, "more than " + std::to_string(kMaxNestingPerLine) +
                                           " dots or brackets on one line: not a session file");
    }
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(file));
    } catch (const toml::parse_error& e) {
        throw SessionError(file, static_cast<int>(e.source().begin.line),
                           "TOML syntax error: " + std::string(e.description()));
    }
    const Reader r(file);
    const toml::node* version = root.get("version");
    if (version == nullptr) {
        throw SessionError(file, 0, "no version key: not a Corridor session file");
    }
    if (!version->is_integer()) {
        r.fail(*version, "version: an integer is needed, not " + Reader::typeName(*version));
    }
    if (const std::int64_t v = version->as_integer()->get(); v != Session::kVersion) {
        throw SessionError(file, lineOf(*version),
                           "version " + std::to_string(v) + ", but this Corridor reads version " +
                               std::to_string(Session::kVersion),
                           true);
    }
    Session s;
    s.style = r.string(root, "style", "");
    s.lang = r.string(root, "lang", "");
    s.crs = r.string(root, "crs", "");
    s.asOf = r.string(root, "as_of", "");
    if (std::string problem; !s.asOf.empty() && !parseDate(s.asOf, &problem)) {
        r.fail(*root.get("as_of"), "as_of: " + problem);
    }
    if (const toml::node* view = root.get("view")) {
        s.view = r.geoView(r.table(*view, "view: "), "view.");
    }
    if (const toml::node* node = root.get("furniture")) {
        const toml::table& t = r.table(*node, "furniture: ");
        FurnitureOptions f;
        const toml::node* items = t.get("items");
        if (items == nullptr) {
            r.fail(t, "furniture.items is missing");
        }
        if (auto error = parseFurnitureList(r.string(t, "items", "furniture."), f)) {
            r.fail(*items, "furniture.items: " + *error);
        }
        f.title = r.string(t, "title", "furniture.");
        f.subtitle = r.string(t, "subtitle", "furniture.");
        f.nauticalMiles = r.boolean(t, "nmi", false, "furniture.");
        s.furniture = std::move(f);
    }
    if (const toml::node* panels = root.get("panels")) {
        const toml::table& t = r.table(*panels, "panels: ");
        for (const auto& [key, value] : t) {
            if (key.str() == "imgui_ini") {
                s.imguiIni = r.string(t, "imgui_ini", "panels.");
            } else {
                s.panels[std::string(key.str())] = r.boolean(t, key.str(), false, "panels.");
            }
        }
    }
    if (const toml::array* layers = r.tables(root, "layer")) {
        for (std::size_t i = 0; i < layers->size(); ++i) {
            const toml::table& t = *(*layers)[i].as_table();
            const std::string where = "layer " + std::to_string(i + 1) + ": ";
            SessionLayer l;
            l.path = r.string(t, "path", where);
            if (l.path.empty()) {
                r.fail(t, where + "path is missing");
            }
            l.name = r.string(t, "name", where);
            l.added = r.boolean(t, "added", false, where);
            l.visible = r.boolean(t, "visible", true, where);
            l.opacity = static_cast<float>(r.number(t, "opacity", 0.0, 1.0, where, 1.0));
            s.layers.push_back(std::move(l));
        }
    }
    if (const toml::array* bookmarks = r.tables(root, "bookmark")) {
        for (std::size_t i = 0; i < bookmarks->size(); ++i) {
            const toml::table& t = *(*bookmarks)[i].as_table();
            const std::string where = "bookmark " + std::to_string(i + 1) + ": ";
            Bookmark b;
            b.name = r.string(t, "name", where);
            b.view = r.geoView(t, where);
            s.bookmarks.push_back(std::move(b));
        }
    }
    return s;
}

} // namespace corridor::core

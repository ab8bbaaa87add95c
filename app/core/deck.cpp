#include "core/deck.hpp"

#include "core/deck_text.hpp"
#include "core/furniture.hpp"
#include "core/toml_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <sstream>
#include <utility>

// [SECTION] index: errors and names · reading (Reader: deck, slides, views, highlights, annotations) · writing
// (deckToToml) · public functions.

namespace corridor::core {

namespace {

using tomlutil::closest;
using tomlutil::ColumnMap;
using tomlutil::entriesOf;
using tomlutil::Entry;
using tomlutil::formatNumber;

// [SECTION] errors and names

// A deck is text and a few hundred slides at most; anything this large is the wrong file.
constexpr std::size_t kMaxFileBytes = std::size_t(4) << 20;
constexpr double kMaxZoom = 30.0;
constexpr double kMaxSeconds = 600.0;
constexpr double kMaxRadiusKm = 20000.0; // about half the Earth's circumference: a circle beyond covers it all

constexpr std::array<std::string_view, 2> kTopKeys{"deck", "slide"};
constexpr std::array<std::string_view, 6> kDeckKeys{"format", "title", "author", "date", "style", "crs"};
constexpr std::array<std::string_view, 11> kSlideKeys{"title",     "caption",   "notes",      "view",
                                                      "layers",    "as_of",     "highlight",  "annotation",
                                                      "furniture", "transition", "seconds"};
constexpr std::array<std::string_view, 4> kViewKeys{"centre", "zoom", "bbox", "crs"};
constexpr std::array<std::string_view, 3> kHighlightKeys{"layer", "id", "name"};
constexpr std::array<std::string_view, 6> kAnnotationKeys{"kind", "at", "from", "radius_km", "text", "color"};
// In enum order.
constexpr std::array<std::string_view, 3> kAnnotationKinds{"callout", "arrow", "circle"};
constexpr std::array<std::string_view, 2> kTransitions{"fly", "cut"};

std::string fileName(const std::filesystem::path& file)
{
    return file.empty() ? std::string("<deck>") : file.string();
}

std::string locationText(const std::string& file, int line, int column, const std::string& key,
                         const std::string& reason)
{
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) {
            out += ":" + std::to_string(column);
        }
    }
    out += ": ";
    if (!key.empty()) {
        out += "key '" + key + "': ";
    }
    return out + reason;
}

// A value as the message quotes it: strings in quotes (cut at 40 characters), numbers and booleans as written,
// the rest by its type.
std::string describe(const toml::node& n)
{
    if (const auto* s = n.as_string()) {
        std::string text = s->get();
        if (text.size() > 40) {
            std::size_t cut = 40;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
                --cut; // not inside a UTF-8 character
            }
            text = text.substr(0, cut) + "…";
        }
        return "\"" + text + "\"";
    }
    if (const auto* i = n.as_integer()) {
        return std::to_string(i->get());
    }
    if (const auto* f = n.as_floating_point()) {
        return formatNumber(f->get());
    }
    if (const auto* b = n.as_boolean()) {
        return b->get() ? "true" : "false";
    }
    if (const auto* a = n.as_array()) {
        return "an array of " + std::to_string(a->size());
    }
    return std::string(tomlutil::typeName(n));
}

// Where a key unknown in the table `here` ("top", "deck", "slide", "view", "highlight", "annotation") belongs, for
// the warning: "it belongs in the slide's [slide.view]"; empty when nowhere.
std::string homeOf(std::string_view key, std::string_view here)
{
    struct Home {
        std::string_view name;
        std::span<const std::string_view> keys;
        std::string_view text;
    };
    const std::array<Home, 5> homes{{
        {"view", kViewKeys, "it belongs in the slide's [slide.view]"},
        {"slide", kSlideKeys, "it belongs in a [[slide]]"},
        {"deck", kDeckKeys, "it belongs in the [deck] table"},
        {"annotation", kAnnotationKeys, "it belongs in a [[slide.annotation]]"},
        {"highlight", kHighlightKeys, "it belongs in a [[slide.highlight]]"},
    }};
    // At the top level, [deck] before a slide: a stray title is more likely the deck's.
    const std::array<std::size_t, 5> order =
        here == "top" ? std::array<std::size_t, 5>{2, 1, 0, 3, 4} : std::array<std::size_t, 5>{0, 1, 2, 3, 4};
    for (const std::size_t i : order) {
        const Home& h = homes[i];
        if (h.name != here && std::find(h.keys.begin(), h.keys.end(), key) != h.keys.end()) {
            return std::string(h.text);
        }
    }
    return {};
}

std::string indexed(const std::string& key, std::size_t i)
{
    return key + "[" + std::to_string(i + 1) + "]";
}

std::string twoDigits(unsigned v)
{
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02u", v % 100u);
    return buf.data();
}

// [SECTION] reading

class Reader {
public:
    Reader(std::string file, const ColumnMap& columns, DeckErrors mode, Deck& deck)
        : m_file(std::move(file)), m_columns(columns), m_mode(mode), m_deck(deck)
    {
    }

    void read(const toml::table& root)
    {
        // The format first: a deck of another format may mean anything, so nothing else of it is read.
        if (const toml::node* deck = root.get("deck"); deck != nullptr && deck->is_table()) {
            if (const toml::node* format = deck->as_table()->get("format")) {
                checkFormat(*format);
            }
        }
        for (const Entry& e : entriesOf(root)) {
            const std::string key(e.key->str());
            if (key == "deck") {
                guarded(&m_deck.problems, [&] { readDeck(table(*e.node, "deck", "the [deck] table")); });
            } else if (key == "slide") {
                guarded(&m_deck.problems, [&] { readSlides(*e.node); });
            } else {
                unknownKey(e, key, kTopKeys, "at the top level", "top");
            }
        }
    }

private:
    [[noreturn]] void fail(const toml::source_region& at, const std::string& key, std::string reason) const
    {
        throw DeckError(m_file, static_cast<int>(at.begin.line),
                        static_cast<int>(m_columns.original(at.begin.line, at.begin.column)), key, std::move(reason));
    }

    void warn(const toml::source_region& at, const std::string& key, const std::string& reason)
    {
        m_deck.warnings.push_back(locationText(m_file, static_cast<int>(at.begin.line),
                                               static_cast<int>(m_columns.original(at.begin.line, at.begin.column)),
                                               key, reason));
    }

    // Runs `read`; in OnSlide mode an error in it goes to `problems` instead of ending the parse.
    template <typename Read>
    void guarded(std::vector<std::string>* problems, Read&& read) const
    {
        if (m_mode == DeckErrors::Throw) {
            read();
            return;
        }
        try {
            read();
        } catch (const DeckError& e) {
            problems->push_back(e.what());
        }
    }

    template <typename Names>
    void unknownKey(const Entry& e, const std::string& keyPath, const Names& allowed, std::string_view where,
                    std::string_view here)
    {
        const std::string key(e.key->str());
        std::string reason = "unknown key '" + key + "' " + std::string(where) + ", ignored";
        const auto suggestion = closest(key, allowed);
        const std::string home = homeOf(key, here);
        if (suggestion) {
            reason += "; did you mean '" + *suggestion + "'?";
        }
        if (!home.empty()) {
            reason += (suggestion ? " (" + home + ")" : "; " + home);
        }
        if (!suggestion && home.empty()) {
            reason += "; the keys here are";
            for (const auto& a : allowed) {
                reason += " '" + std::string(a) + "'";
            }
        }
        warn(e.key->source(), keyPath, reason);
    }

    void checkFormat(const toml::node& n) const
    {
        const auto* i = n.as_integer();
        if (i == nullptr) {
            fail(n.source(), "deck.format", "expected the format number " + std::to_string(Deck::kFormat) +
                                                ", got " + describe(n));
        }
        if (i->get() != Deck::kFormat) {
            fail(n.source(), "deck.format", "a format " + std::to_string(i->get()) + " deck; this Corridor reads format " +
                                                std::to_string(Deck::kFormat));
        }
    }

    const toml::table& table(const toml::node& n, const std::string& key, std::string_view what) const
    {
        if (const toml::table* t = n.as_table()) {
            return *t;
        }
        fail(n.source(), key, "expected " + std::string(what) + ", got " + describe(n));
    }

    // An array of tables ([[key]] or [{…}, {…}]); an empty array is none.
    const toml::array& tables(const toml::node& n, const std::string& key, std::string_view what) const
    {
        const toml::array* a = n.as_array();
        if (a == nullptr || (!a->empty() && !a->is_array_of_tables())) {
            fail(n.source(), key, "expected " + std::string(what) + ", got " + describe(n));
        }
        return *a;
    }

    const std::string& string(const toml::node& n, const std::string& key, std::string_view what = "a string") const
    {
        if (const auto* s = n.as_string()) {
            return s->get();
        }
        fail(n.source(), key, "expected " + std::string(what) + ", got " + describe(n));
    }

    std::string nonEmpty(const toml::node& n, const std::string& key, std::string_view what,
                         std::string_view ifEmpty) const
    {
        const std::string& s = string(n, key, what);
        if (s.empty()) {
            fail(n.source(), key, "expected " + std::string(what) + ", got \"\"" +
                                      (ifEmpty.empty() ? std::string() : "; " + std::string(ifEmpty)));
        }
        return s;
    }

    // Slide text: any string; its {{placeholders}} must be well-formed (their values are looked up later).
    std::string text(const toml::node& n, const std::string& key) const
    {
        const std::string& s = string(n, key);
        for (const Placeholder& p : placeholders(s)) {
            if (!p.error.empty()) {
                fail(n.source(), key, p.text + ": " + p.error);
            }
        }
        return s;
    }

    double number(const toml::node& n, const std::string& key, double lo, double hi, std::string_view what) const
    {
        double v = 0.0;
        if (const auto* i = n.as_integer()) {
            v = static_cast<double>(i->get());
        } else if (const auto* f = n.as_floating_point()) {
            v = f->get();
        } else {
            fail(n.source(), key, "expected " + std::string(what) + " " + formatNumber(lo) + ".." + formatNumber(hi) +
                                      ", got " + describe(n));
        }
        if (!std::isfinite(v) || v < lo || v > hi) {
            fail(n.source(), key, "expected " + std::string(what) + " " + formatNumber(lo) + ".." + formatNumber(hi) +
                                      ", got " + describe(n));
        }
        return v;
    }

    // `count` numbers in an array, each checked by `check(i, element)`.
    template <typename Check>
    void numbers(const toml::node& n, const std::string& key, std::size_t count, std::string_view form,
                 Check&& check) const
    {
        const toml::array* a = n.as_array();
        if (a == nullptr || a->size() != count) {
            fail(n.source(), key, "expected " + std::string(form) + ", got " + describe(n));
        }
        for (std::size_t i = 0; i < count; ++i) {
            check(i, *a->get(i));
        }
    }

    Vec2d lonLat(const toml::node& n, const std::string& key) const
    {
        Vec2d p;
        numbers(n, key, 2, "[lon, lat] in degrees", [&](std::size_t i, const toml::node& v) {
            (i == 0 ? p.x : p.y) = i == 0 ? number(v, key, -180.0, 180.0, "a longitude")
                                          : number(v, key, -90.0, 90.0, "a latitude");
        });
        return p;
    }

    // An ISO date as a string, or a TOML date (as_of = 2019-05-01) written back as one.
    std::string date(const toml::node& n, const std::string& key) const
    {
        constexpr std::string_view kWhat = "a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\"";
        if (const auto* d = n.as_date()) {
            const toml::date& v = d->get();
            std::array<char, 16> buf{};
            std::snprintf(buf.data(), buf.size(), "%04u-%02u-%02u", static_cast<unsigned>(v.year),
                          static_cast<unsigned>(v.month), static_cast<unsigned>(v.day));
            return buf.data();
        }
        const std::string& s = string(n, key, kWhat);
        if (const auto problem = isoDateProblem(s)) {
            fail(n.source(), key, *problem);
        }
        return s;
    }

    Color colour(const toml::node& n, const std::string& key) const
    {
        const std::string& s = string(n, key, "a colour \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"");
        if (const auto c = parseColor(s)) {
            return *c;
        }
        fail(n.source(), key, "expected a colour \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\", got \"" + s + "\"");
    }

    template <typename Names>
    std::size_t named(const toml::node& n, const std::string& key, const Names& names, std::string_view what) const
    {
        std::string choices(what);
        for (std::size_t i = 0; i < names.size(); ++i) {
            choices += std::string(i == 0 ? " " : i + 1 == names.size() ? " or " : ", ") + "\"" +
                       std::string(names[i]) + "\"";
        }
        const std::string& s = string(n, key, choices);
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (s == names[i]) {
                return i;
            }
        }
        std::string reason = "expected " + choices + ", got \"" + s + "\"";
        if (const auto suggestion = closest(s, names)) {
            reason += "; did you mean \"" + *suggestion + "\"?";
        }
        fail(n.source(), key, reason);
    }

    void readDeck(const toml::table& t)
    {
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string path = "deck." + key;
            guarded(&m_deck.problems, [&] {
                if (key == "format") {
                    checkFormat(*e.node);
                } else if (key == "title") {
                    m_deck.title = text(*e.node, path);
                } else if (key == "author") {
                    m_deck.author = string(*e.node, path);
                } else if (key == "date") {
                    m_deck.date = date(*e.node, path);
                } else if (key == "style") {
                    const std::string style =
                        nonEmpty(*e.node, path, "a style sheet path", "leave the key out for the viewer's style");
                    if (isUrl(style)) {
                        fail(e.node->source(), path, "\"" + style + "\" is a URL; a deck names local files "
                                                     "(relative to its folder), and Corridor does not fetch it");
                    }
                    m_deck.style = style;
                } else if (key == "crs") {
                    m_deck.crs = nonEmpty(*e.node, path, "a CRS like \"EPSG:3035\"",
                                          "leave the key out for the style's CRS");
                } else {
                    unknownKey(e, path, kDeckKeys, "in [deck]", "deck");
                }
            });
        }
    }

    void readSlides(const toml::node& n)
    {
        const toml::array& slides = tables(n, "slide", "[[slide]] tables, one per slide");
        for (std::size_t i = 0; i < slides.size(); ++i) {
            m_deck.slides.push_back(readSlide(*slides.get(i)->as_table(), indexed("slide", i)));
        }
    }

    Slide readSlide(const toml::table& t, const std::string& path)
    {
        Slide s;
        s.line = static_cast<int>(t.source().begin.line);
        std::vector<std::string>* problems = &s.problems;
        bool hasView = false;
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string keyPath = path + "." + key;
            const toml::node& n = *e.node;
            if (key == "view") {
                hasView = true;
            }
            guarded(problems, [&] {
                if (key == "title") {
                    s.title = text(n, keyPath);
                } else if (key == "caption") {
                    s.caption = text(n, keyPath);
                } else if (key == "notes") {
                    s.notes = text(n, keyPath);
                } else if (key == "view") {
                    s.view = readView(table(n, keyPath, "a [slide.view] table"), keyPath);
                } else if (key == "layers") {
                    s.layers = layers(n, keyPath);
                } else if (key == "as_of") {
                    s.asOf = date(n, keyPath);
                } else if (key == "highlight") {
                    const toml::array& a = tables(n, keyPath, "[[slide.highlight]] tables");
                    for (std::size_t i = 0; i < a.size(); ++i) {
                        guarded(problems, [&] {
                            s.highlights.push_back(readHighlight(*a.get(i)->as_table(), indexed(keyPath, i)));
                        });
                    }
                } else if (key == "annotation") {
                    const toml::array& a = tables(n, keyPath, "[[slide.annotation]] tables");
                    for (std::size_t i = 0; i < a.size(); ++i) {
                        guarded(problems, [&] {
                            s.annotations.push_back(readAnnotation(*a.get(i)->as_table(), indexed(keyPath, i)));
                        });
                    }
                } else if (key == "furniture") {
                    const std::string& list = string(n, keyPath, "a furniture list like \"legend,scale,north\"");
                    FurnitureOptions unused;
                    if (const auto problem = parseFurnitureList(list, unused)) {
                        fail(n.source(), keyPath, *problem);
                    }
                    s.furniture = list;
                } else if (key == "transition") {
                    s.transition = static_cast<Transition>(named(n, keyPath, kTransitions, "a transition"));
                } else if (key == "seconds") {
                    s.seconds = number(n, keyPath, 0.0, kMaxSeconds, "a duration in seconds");
                } else {
                    unknownKey(e, keyPath, kSlideKeys, "in a slide", "slide");
                }
            });
        }
        if (!hasView) {
            guarded(problems, [&] {
                fail(t.source(), path + ".view",
                     "the slide has no view; add [slide.view] with centre = [lon, lat] and zoom, or bbox = "
                     "[west, south, east, north]");
            });
        }
        return s;
    }

    std::vector<std::string> layers(const toml::node& n, const std::string& key) const
    {
        const toml::array* a = n.as_array();
        if (a == nullptr) {
            fail(n.source(), key, "expected an array of layer names like [\"instc_routes\"], got " + describe(n));
        }
        std::vector<std::string> out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const toml::node& item = *a->get(i);
            const std::string name = nonEmpty(item, indexed(key, i), "a layer name", {});
            if (std::find(out.begin(), out.end(), name) != out.end()) {
                fail(item.source(), indexed(key, i), "layer \"" + name + "\" is listed twice");
            }
            out.push_back(name);
        }
        return out;
    }

    DeckView readView(const toml::table& t, const std::string& path)
    {
        DeckView v;
        std::optional<Vec2d> centre;
        std::optional<double> zoom;
        const toml::node* centreOrBox = nullptr; // the first of centre and bbox, for "not both"
        const toml::node* zoomNode = nullptr;
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string keyPath = path + "." + key;
            const toml::node& n = *e.node;
            if (key == "centre" || key == "bbox") {
                if (centreOrBox != nullptr) {
                    fail(n.source(), keyPath, "a view has centre and zoom, or bbox, not both");
                }
                centreOrBox = &n;
            }
            if (key == "centre") {
                centre = lonLat(n, keyPath);
            } else if (key == "zoom") {
                zoom = number(n, keyPath, 0.0, kMaxZoom, "a zoom level");
                zoomNode = &n;
            } else if (key == "bbox") {
                v.bbox = box(n, keyPath);
            } else if (key == "crs") {
                v.crs = nonEmpty(n, keyPath, "a CRS like \"EPSG:3035\"", "leave the key out for the deck's CRS");
            } else {
                unknownKey(e, keyPath, kViewKeys, "in a view", "view");
            }
        }
        if (centre && !zoom) {
            fail(t.source(), path + ".zoom", "a view with a centre needs a zoom (0..30)");
        }
        if (zoom && !centre) {
            fail(zoomNode->source(), path + ".zoom", "zoom goes with centre = [lon, lat]; a bbox sets its own zoom");
        }
        if (centre) {
            v.centre = ViewCentre{centre->x, centre->y, *zoom};
        }
        if (!v.centre && !v.bbox) {
            fail(t.source(), path,
                 "a view needs centre = [lon, lat] and zoom, or bbox = [west, south, east, north]");
        }
        return v;
    }

    std::array<double, 4> box(const toml::node& n, const std::string& key) const
    {
        std::array<double, 4> b{};
        numbers(n, key, 4, "[west, south, east, north] in degrees", [&](std::size_t i, const toml::node& v) {
            b[i] = i % 2 == 0 ? number(v, key, -180.0, 180.0, "a longitude")
                              : number(v, key, -90.0, 90.0, "a latitude");
        });
        if (!(b[0] < b[2])) {
            fail(n.source(), key, "west " + formatNumber(b[0]) + " is not less than east " + formatNumber(b[2]) +
                                      "; a bbox is [west, south, east, north]");
        }
        if (!(b[1] < b[3])) {
            fail(n.source(), key, "south " + formatNumber(b[1]) + " is not less than north " + formatNumber(b[3]) +
                                      "; a bbox is [west, south, east, north]");
        }
        return b;
    }

    DeckHighlight readHighlight(const toml::table& t, const std::string& path)
    {
        DeckHighlight h;
        h.line = static_cast<int>(t.source().begin.line);
        const toml::node* which = nullptr; // the id or name given first
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string keyPath = path + "." + key;
            const toml::node& n = *e.node;
            if (key == "id" || key == "name") {
                if (which != nullptr) {
                    fail(n.source(), keyPath, "a highlight names its feature by id or by name, not both");
                }
                which = &n;
            }
            if (key == "layer") {
                h.layer = nonEmpty(n, keyPath, "a layer name", {});
            } else if (key == "id") {
                if (const auto* i = n.as_integer()) {
                    h.id = std::to_string(i->get()); // id = 3 for a numeric id field
                } else {
                    h.id = nonEmpty(n, keyPath, "a feature id (its `id` attribute)", {});
                }
            } else if (key == "name") {
                h.name = nonEmpty(n, keyPath, "a feature name", {});
            } else {
                unknownKey(e, keyPath, kHighlightKeys, "in a highlight", "highlight");
            }
        }
        if (h.layer.empty()) {
            fail(t.source(), path + ".layer", "a highlight needs the layer = \"…\" its feature is in");
        }
        if (which == nullptr) {
            fail(t.source(), path, "a highlight needs id = \"…\" or name = \"…\" of its feature");
        }
        return h;
    }

    DeckAnnotation readAnnotation(const toml::table& t, const std::string& path)
    {
        DeckAnnotation a;
        a.line = static_cast<int>(t.source().begin.line);
        const toml::node* kind = t.get("kind");
        if (kind == nullptr) {
            fail(t.source(), path + ".kind", "an annotation needs kind = \"callout\", \"arrow\" or \"circle\"");
        }
        a.kind = static_cast<AnnotationKind>(named(*kind, path + ".kind", kAnnotationKinds, "an annotation kind"));
        const std::string kindName(kAnnotationKinds[static_cast<std::size_t>(a.kind)]);
        const std::string aKind = (a.kind == AnnotationKind::Arrow ? "an " : "a ") + kindName;
        bool hasAt = false, hasRadius = false;
        for (const Entry& e : entriesOf(t)) {
            const std::string key(e.key->str());
            const std::string keyPath = path + "." + key;
            const toml::node& n = *e.node;
            if (key == "kind") {
                continue;
            }
            if (key == "at") {
                a.at = lonLat(n, keyPath);
                hasAt = true;
            } else if (key == "from") {
                if (a.kind == AnnotationKind::Circle) {
                    fail(n.source(), keyPath, "a circle has no 'from' (that is an arrow's tail or a callout's text)");
                }
                a.from = lonLat(n, keyPath);
            } else if (key == "radius_km") {
                if (a.kind != AnnotationKind::Circle) {
                    fail(n.source(), keyPath, "radius_km is for circles; this is " + aKind);
                }
                a.radiusKm = number(n, keyPath, 0.0, kMaxRadiusKm, "a radius in km");
                if (a.radiusKm <= 0.0) {
                    fail(n.source(), keyPath, "expected a radius in km above 0, got " + describe(n));
                }
                hasRadius = true;
            } else if (key == "text") {
                a.text = text(n, keyPath);
            } else if (key == "color") {
                a.color = colour(n, keyPath);
            } else {
                unknownKey(e, keyPath, kAnnotationKeys, "in an annotation", "annotation");
            }
        }
        if (!hasAt) {
            fail(t.source(), path + ".at", aKind + " needs at = [lon, lat]");
        }
        if (a.kind == AnnotationKind::Circle && !hasRadius) {
            fail(t.source(), path + ".radius_km", "a circle needs radius_km");
        }
        if (a.kind == AnnotationKind::Callout && a.text.empty()) {
            fail(t.source(), path + ".text", "a callout needs its text = \"…\"");
        }
        return a;
    }

    std::string m_file;
    const ColumnMap& m_columns;
    DeckErrors m_mode;
    Deck& m_deck;
};

// [SECTION] writing

// A TOML basic string ("…"), or a multi-line one ("""…""") for text with line breaks, so captions and notes diff
// line by line. Non-ASCII is written as it is (UTF-8); control characters as escapes.
std::string tomlString(std::string_view s)
{
    const bool multi = s.find('\n') != std::string_view::npos;
    std::string out = multi ? "\"\"\"\n" : "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            // In """…""": only a quote that could make three in a row, or end the text before the closing ones.
            out += !multi || i + 1 == s.size() || s[i + 1] == '"' ? "\\\"" : "\"";
        } else if (c == '\n') {
            out += multi ? "\n" : "\\n";
        } else if (c == '\t') {
            out += multi ? "\t" : "\\t";
        } else if (u < 0x20 || u == 0x7F) {
            std::array<char, 8> buf{};
            std::snprintf(buf.data(), buf.size(), "\\u%04X", static_cast<unsigned>(u));
            out += buf.data();
        } else {
            out.push_back(c);
        }
    }
    out += multi ? "\"\"\"" : "\"";
    return out;
}

std::string pair(Vec2d p)
{
    return "[" + formatNumber(p.x) + ", " + formatNumber(p.y) + "]";
}

std::string colourText(const Color& c)
{
    const auto byte = [](float v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    std::array<char, 16> buf{};
    if (byte(c.a) == 255) {
        std::snprintf(buf.data(), buf.size(), "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    } else {
        std::snprintf(buf.data(), buf.size(), "#%02x%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b), byte(c.a));
    }
    return buf.data();
}

void writeSlide(std::ostream& out, const Slide& s)
{
    out << "\n[[slide]]\n";
    out << "title = " << tomlString(s.title) << "\n";
    if (!s.caption.empty()) {
        out << "caption = " << tomlString(s.caption) << "\n";
    }
    if (s.layers) {
        out << "layers = [";
        for (std::size_t i = 0; i < s.layers->size(); ++i) {
            out << (i > 0 ? ", " : "") << tomlString((*s.layers)[i]);
        }
        out << "]\n";
    }
    if (s.asOf) {
        out << "as_of = " << tomlString(*s.asOf) << "\n";
    }
    if (s.furniture) {
        out << "furniture = " << tomlString(*s.furniture) << "\n";
    }
    if (s.transition != Transition::Fly) {
        out << "transition = " << tomlString(transitionName(s.transition)) << "\n";
    }
    if (s.seconds != Slide{}.seconds) {
        out << "seconds = " << formatNumber(s.seconds) << "\n";
    }
    if (!s.notes.empty()) {
        out << "notes = " << tomlString(s.notes) << "\n";
    }
    // A slide read with a bad view (DeckErrors::OnSlide) has none: its table is written empty, so reading the
    // saved deck reports the same problem instead of inventing a view.
    out << "\n[slide.view]\n";
    if (s.view.centre) {
        out << "centre = " << pair({s.view.centre->lon, s.view.centre->lat}) << "\n";
        out << "zoom = " << formatNumber(s.view.centre->zoom) << "\n";
    }
    if (s.view.bbox) {
        const auto& b = *s.view.bbox;
        out << "bbox = [" << formatNumber(b[0]) << ", " << formatNumber(b[1]) << ", " << formatNumber(b[2]) << ", "
            << formatNumber(b[3]) << "]\n";
    }
    if (!s.view.crs.empty()) {
        out << "crs = " << tomlString(s.view.crs) << "\n";
    }
    for (const DeckHighlight& h : s.highlights) {
        out << "\n[[slide.highlight]]\nlayer = " << tomlString(h.layer) << "\n";
        if (!h.id.empty()) {
            out << "id = " << tomlString(h.id) << "\n";
        } else {
            out << "name = " << tomlString(h.name) << "\n";
        }
    }
    for (const DeckAnnotation& a : s.annotations) {
        out << "\n[[slide.annotation]]\nkind = " << tomlString(annotationKindName(a.kind)) << "\n";
        out << "at = " << pair(a.at) << "\n";
        if (a.from) {
            out << "from = " << pair(*a.from) << "\n";
        }
        if (a.kind == AnnotationKind::Circle) {
            out << "radius_km = " << formatNumber(a.radiusKm) << "\n";
        }
        if (!a.text.empty()) {
            out << "text = " << tomlString(a.text) << "\n";
        }
        if (a.color) {
            out << "color = " << tomlString(colourText(*a.color)) << "\n";
        }
    }
}

// Days in a month of the proleptic Gregorian calendar.
unsigned daysIn(unsigned year, unsigned month)
{
    constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

} // namespace

// [SECTION] public functions

bool operator==(const DeckView& a, const DeckView& b)
{
    const auto sameCentre = [](const std::optional<ViewCentre>& x, const std::optional<ViewCentre>& y) {
        return x.has_value() == y.has_value() &&
               (!x || (x->lon == y->lon && x->lat == y->lat && x->zoom == y->zoom));
    };
    return sameCentre(a.centre, b.centre) && a.bbox == b.bbox && a.crs == b.crs;
}

bool operator==(const DeckHighlight& a, const DeckHighlight& b)
{
    return a.layer == b.layer && a.id == b.id && a.name == b.name;
}

bool operator==(const DeckAnnotation& a, const DeckAnnotation& b)
{
    return a.kind == b.kind && a.at == b.at && a.from == b.from && a.radiusKm == b.radiusKm && a.text == b.text &&
           a.color == b.color;
}

bool operator==(const Slide& a, const Slide& b)
{
    return a.title == b.title && a.caption == b.caption && a.notes == b.notes && a.view == b.view &&
           a.layers == b.layers && a.asOf == b.asOf && a.highlights == b.highlights &&
           a.annotations == b.annotations && a.furniture == b.furniture && a.transition == b.transition &&
           a.seconds == b.seconds;
}

bool operator==(const Deck& a, const Deck& b)
{
    return a.title == b.title && a.author == b.author && a.date == b.date && a.style == b.style && a.crs == b.crs &&
           a.slides == b.slides;
}

std::filesystem::path Deck::resolve(const std::string& relative) const
{
    if (relative.empty() || isUrl(relative)) {
        return relative;
    }
    std::filesystem::path p(relative);
    if (p.is_absolute()) {
        return p;
    }
    return (file.parent_path() / p).lexically_normal();
}

std::string deckMessage(const std::string& file, int line, int column, const std::string& key,
                        const std::string& reason)
{
    return locationText(file, line, column, key, reason);
}

DeckError::DeckError(std::string file_, int line_, int column_, std::string key_, std::string reason_)
    : std::runtime_error(locationText(file_, line_, column_, key_, reason_))
    , file(std::move(file_))
    , line(line_)
    , column(column_)
    , key(std::move(key_))
    , reason(std::move(reason_))
{
}

Deck parseDeck(std::string_view text, const std::filesystem::path& file, DeckErrors mode)
{
    const std::string name = fileName(file);
    if (text.size() > kMaxFileBytes) {
        throw DeckError(name, 0, 0, {}, "larger than " + std::to_string(kMaxFileBytes >> 20) +
                                            " MiB; a deck is a few kilobytes of text, is it the right file?");
    }
    Deck deck;
    deck.file = file;
    try {
        const tomlutil::SafeText safe = tomlutil::safeText(text, "deck file");
        const toml::table root = tomlutil::parse(safe, name);
        Reader(name, safe.columns, mode, deck).read(root);
    } catch (const tomlutil::TextError& e) {
        throw DeckError(name, static_cast<int>(e.line()), static_cast<int>(e.column()), {}, e.reason());
    }
    return deck;
}

Deck loadDeck(const std::filesystem::path& file, DeckErrors mode)
{
    std::string text;
    try {
        text = tomlutil::readSmallFile(file.string(), kMaxFileBytes, "deck file",
                                       "larger than " + std::to_string(kMaxFileBytes >> 20) +
                                           " MiB; a deck is a few kilobytes of text, is it the right file?");
    } catch (const tomlutil::TextError& e) {
        throw DeckError(fileName(file), 0, 0, {}, e.reason());
    }
    return parseDeck(text, file, mode);
}

std::string deckToToml(const Deck& deck)
{
    std::ostringstream out;
    out << "# A Corridor briefing deck: docs/briefing-format.md describes every key.\n";
    out << "[deck]\nformat = " << Deck::kFormat << "\n";
    out << "title = " << tomlString(deck.title) << "\n";
    if (!deck.author.empty()) {
        out << "author = " << tomlString(deck.author) << "\n";
    }
    if (!deck.date.empty()) {
        out << "date = " << tomlString(deck.date) << "\n";
    }
    if (!deck.style.empty()) {
        out << "style = " << tomlString(deck.style) << "\n";
    }
    if (!deck.crs.empty()) {
        out << "crs = " << tomlString(deck.crs) << "\n";
    }
    for (const Slide& s : deck.slides) {
        writeSlide(out, s);
    }
    return out.str();
}

std::optional<std::string> isoDateProblem(std::string_view text)
{
    const std::string quotedText = "\"" + std::string(text) + "\"";
    const auto digits = [&](std::size_t from, std::size_t count) {
        return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                           text.begin() + static_cast<std::ptrdiff_t>(from + count),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto value = [&](std::size_t from, std::size_t count) {
        unsigned v = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            v = v * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return v;
    };
    const bool shape = (text.size() == 4 || text.size() == 7 || text.size() == 10) && digits(0, 4) &&
                       (text.size() < 7 || (text[4] == '-' && digits(5, 2))) &&
                       (text.size() < 10 || (text[7] == '-' && digits(8, 2)));
    if (!shape) {
        return "expected a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", got " + quotedText;
    }
    const unsigned year = value(0, 4);
    if (year == 0) {
        return quotedText + " is not a date: there is no year 0";
    }
    if (text.size() >= 7) {
        const unsigned month = value(5, 2);
        if (month < 1 || month > 12) {
            return quotedText + " is not a date: month " + twoDigits(month) + " is not 01..12";
        }
        if (text.size() == 10) {
            const unsigned day = value(8, 2);
            if (day < 1 || day > daysIn(year, month)) {
                return quotedText + " is not a date: month " + twoDigits(month) + " of " + std::to_string(year) +
                       " has " + std::to_string(daysIn(year, month)) + " days";
            }
        }
    }
    return std::nullopt;
}

bool isUrl(std::string_view path)
{
    const std::size_t scheme = path.find("://");
    if (scheme != std::string_view::npos && scheme > 0 &&
        std::all_of(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(scheme), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
                   c == '-' || c == '.';
        })) {
        return true;
    }
    constexpr std::array<std::string_view, 8> kNetworkVsi{"/vsicurl", "/vsis3", "/vsigs",    "/vsiaz",
                                                          "/vsiadls", "/vsioss", "/vsiswift", "/vsiwebhdfs"};
    return std::any_of(kNetworkVsi.begin(), kNetworkVsi.end(), [&](std::string_view p) {
        return path.substr(0, p.size()) == p && (path.size() == p.size() || path[p.size()] == '/' ||
                                                 path[p.size()] == '_' || path[p.size()] == '?');
    });
}

const char* annotationKindName(AnnotationKind kind)
{
    return kAnnotationKinds[static_cast<std::size_t>(kind)].data();
}

const char* transitionName(Transition transition)
{
    return kTransitions[static_cast<std::size_t>(transition)].data();
}

} // namespace corridor::core

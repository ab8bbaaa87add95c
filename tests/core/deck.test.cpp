// Briefing decks (core/deck): every key read from a fixture, the defaults, deckToToml read back equal, paths
// relative to the deck, and one precise error (file:line:column, key path, what was expected) per kind of mistake.

#include "core/deck.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace corridor::core;

namespace {

const fs::path kDecks = fs::path(CORRIDOR_TEST_DATA) / "decks";

DeckError errorOf(const std::string& text)
{
    try {
        parseDeck(text, "bad.toml");
    } catch (const DeckError& e) {
        return e;
    } catch (const std::exception& e) {
        FAIL("not a DeckError: " << e.what());
    }
    FAIL("parsed without an error: " << text);
    return DeckError("", 0, 0, "", "");
}

// A slide with a view, for the error cases to add one key to: slide keys between kSlide and kView (line 3),
// highlights and annotations after kSlide + kView (line 6).
const std::string kSlide = "[[slide]]\ntitle = \"a\"\n";
const std::string kView = "[slide.view]\ncentre = [50, 38]\nzoom = 5\n";

fs::path scratch(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "decks" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

} // namespace

TEST_CASE("a deck with every key is read field by field")
{
    const Deck deck = loadDeck(kDecks / "full.toml");
    CHECK(deck.warnings.empty());
    CHECK(deck.problems.empty());
    CHECK(deck.title == "The North–South corridor");
    CHECK(deck.author == "Corridor tests");
    CHECK(deck.date == "2025-03-12"); // a TOML date, kept as ISO text
    CHECK(deck.style == "../../../geodata/style.toml");
    CHECK(deck.crs == "EPSG:3035");
    CHECK(deck.file == kDecks / "full.toml");
    REQUIRE(deck.slides.size() == 2);

    const Slide& s = deck.slides[0];
    CHECK(s.line == 10);
    CHECK(s.title == "INSTC: {{length:instc_routes/r01+r02|nmi}} by sea and rail");
    CHECK(s.caption == "The corridor runs **from Mumbai** to *St Petersburg*.\n\n- Sea leg: Mumbai → Bandar Abbas\n"
                       "- Rail: Bandar Abbas → Astara\n");
    REQUIRE(s.layers);
    CHECK(*s.layers == std::vector<std::string>{"instc_routes", "instc_nodes", "basemap_countries"});
    CHECK(s.asOf == std::optional<std::string>("2019-05"));
    CHECK(s.furniture == std::optional<std::string>("legend,scale,north"));
    CHECK(s.transition == Transition::Cut);
    CHECK(s.seconds == 0.5);
    CHECK(s.notes == "Mention the 2002 agreement.\nThen the \"gap\".");
    REQUIRE(s.view.centre);
    CHECK(s.view.centre->lon == 50.5);
    CHECK(s.view.centre->lat == 37.25);
    CHECK(s.view.centre->zoom == 5.5);
    CHECK_FALSE(s.view.bbox);
    CHECK(s.view.crs == "EPSG:32639");

    REQUIRE(s.highlights.size() == 2);
    CHECK(s.highlights[0] == DeckHighlight{"instc_routes", "r05", ""});
    CHECK(s.highlights[1] == DeckHighlight{"railways", "", "Qazvin–Rasht railway"});
    CHECK(s.highlights[0].line == 31);
    CHECK(s.highlights[1].line == 35);

    REQUIRE(s.annotations.size() == 3);
    const DeckAnnotation& callout = s.annotations[0];
    CHECK(callout.kind == AnnotationKind::Callout);
    CHECK(callout.at == Vec2d{49.59, 37.28});
    CHECK(callout.from == std::optional<Vec2d>(Vec2d{47.0, 39.5}));
    CHECK(callout.text == "Rasht: the line ends here");
    CHECK(callout.color == parseColor("#d62828"));
    CHECK(callout.line == 39);
    const DeckAnnotation& arrow = s.annotations[1];
    CHECK(arrow.kind == AnnotationKind::Arrow);
    CHECK(arrow.at == Vec2d{48.87, 38.43});
    CHECK(arrow.from == std::optional<Vec2d>(Vec2d{49.59, 37.28}));
    CHECK(arrow.text == "162 km missing");
    CHECK_FALSE(arrow.color);
    const DeckAnnotation& circle = s.annotations[2];
    CHECK(circle.kind == AnnotationKind::Circle);
    CHECK(circle.at == Vec2d{55.03, 25.88});
    CHECK_FALSE(circle.from);
    CHECK(circle.radiusKm == 40.0);
    REQUIRE(circle.color);
    CHECK(circle.color->a == doctest::Approx(128.0 / 255.0));

    const Slide& whole = deck.slides[1];
    CHECK(whole.title == "The whole corridor");
    CHECK(whole.asOf == std::optional<std::string>("2025"));
    CHECK_FALSE(whole.view.centre);
    REQUIRE(whole.view.bbox);
    CHECK(*whole.view.bbox == std::array<double, 4>{28, 10, 78, 62});
}

TEST_CASE("what a deck leaves out takes its default")
{
    const Deck deck = loadDeck(kDecks / "minimal.toml");
    CHECK(deck.title.empty());
    CHECK(deck.author.empty());
    CHECK(deck.date.empty());
    CHECK(deck.style.empty());
    CHECK(deck.crs.empty());
    CHECK(deck.warnings.empty());
    REQUIRE(deck.slides.size() == 1);
    const Slide& s = deck.slides[0];
    CHECK(s.title.empty());
    CHECK(s.caption.empty());
    CHECK(s.notes.empty());
    CHECK_FALSE(s.layers); // as the viewer has them, not "none"
    CHECK_FALSE(s.asOf);
    CHECK_FALSE(s.furniture);
    CHECK(s.highlights.empty());
    CHECK(s.annotations.empty());
    CHECK(s.transition == Transition::Fly);
    CHECK(s.seconds == 2.0);
    CHECK(s.view.crs.empty());
    CHECK(s.line == 1);

    // An empty layer list is kept as "no layers", not as "not given"; an empty file is a deck of no slides.
    const Deck none = parseDeck(kSlide + "layers = []\n" + kView, "x.toml");
    REQUIRE(none.slides.size() == 1);
    REQUIRE(none.slides[0].layers);
    CHECK(none.slides[0].layers->empty());
    CHECK(parseDeck("", "empty.toml").slides.empty());
}

TEST_CASE("deckToToml reads back equal, and writes the same text again")
{
    const Deck deck = loadDeck(kDecks / "full.toml");
    const std::string text = deckToToml(deck);
    INFO(text);
    const Deck back = parseDeck(text, kDecks / "full.toml");
    CHECK(back.warnings.empty());
    CHECK(back == deck);
    CHECK(deckToToml(back) == text);
    // Multi-line text is written as """ blocks, one line of the file per line of text.
    CHECK(text.find("caption = \"\"\"\nThe corridor runs **from Mumbai** to *St Petersburg*.\n\n- Sea leg:") !=
          std::string::npos);

    SUBCASE("equality sees every field")
    {
        std::vector<Deck> changed(12, deck);
        changed[0].title += "x";
        changed[1].slides[0].caption += "x";
        changed[2].slides[0].view.centre->zoom = 6;
        changed[3].slides[0].view.crs.clear();
        changed[4].slides[0].layers.reset();
        changed[5].slides[0].asOf = "2019";
        changed[6].slides[0].highlights[1].name = "Rasht";
        changed[7].slides[0].annotations[2].radiusKm = 41;
        changed[8].slides[0].annotations[0].from.reset();
        changed[9].slides[0].transition = Transition::Fly;
        changed[10].slides[1].view.bbox->at(3) = 61;
        changed[11].crs = "EPSG:4326";
        for (const Deck& d : changed) {
            CHECK_FALSE(d == deck);
            CHECK(parseDeck(deckToToml(d), "d.toml") == d);
        }
    }

    SUBCASE("text that needs escaping")
    {
        Deck d;
        d.title = "quote \" backslash \\ tab\t bell\x07 DEL\x7f";
        d.author = "فارسی: خط آهن رشت–آستارا";
        d.date = "2024";
        Slide s;
        s.title = "'''single''' and \"\"\"triple\"\"\"";
        s.caption = "\nstarts with a line break\nends with a quote\"";
        s.notes = "two quotes \"\" then three \"\"\" then \\\"\"\"\nand a trailing backslash \\\n";
        s.view.bbox = std::array<double, 4>{-179.5, -89.25, 179.5, 89.25};
        s.seconds = 0.0;
        DeckAnnotation a;
        a.kind = AnnotationKind::Arrow;
        a.at = {-0.1, 1e-7};
        a.text = "line one\r\nline two";
        a.color = Color{0.0f, 1.0f, 0.2f, 0.4f};
        s.annotations.push_back(a);
        s.highlights.push_back({"layer \"x\"", "3", ""});
        d.slides.push_back(s);
        const std::string text = deckToToml(d);
        INFO(text);
        const Deck back = parseDeck(text, "escapes.toml");
        CHECK(back.warnings.empty());
        REQUIRE(back.slides.size() == 1);
        CHECK(back.title == d.title);
        CHECK(back.author == d.author);
        CHECK(back.slides[0].title == s.title);
        CHECK(back.slides[0].caption == s.caption);
        CHECK(back.slides[0].notes == s.notes);
        CHECK(back.slides[0].annotations[0].text == a.text);
        CHECK(back == d);
    }
}

TEST_CASE("paths in a deck resolve against the deck's folder")
{
    Deck deck;
    deck.file = "/data/briefings/corridor.toml";
    CHECK(deck.resolve("style.toml") == fs::path("/data/briefings/style.toml"));
    CHECK(deck.resolve("../../geodata/style.toml") == fs::path("/geodata/style.toml"));
    CHECK(deck.resolve("./maps/../style.toml") == fs::path("/data/briefings/style.toml"));
    CHECK(deck.resolve("/etc/corridor/style.toml") == fs::path("/etc/corridor/style.toml"));
    CHECK(deck.resolve("https://example.org/style.toml") == fs::path("https://example.org/style.toml"));
    CHECK(deck.resolve("").empty());
    deck.file = "corridor.toml"; // in the working folder
    CHECK(deck.resolve("style.toml") == fs::path("style.toml"));
    deck.file = "decks/corridor.toml";
    CHECK(deck.resolve("style.toml") == fs::path("decks/style.toml"));

    // Through the loader: the fixture's style is the bundled one, three folders up.
    const Deck full = loadDeck(kDecks / "full.toml");
    CHECK(fs::equivalent(full.resolve(full.style), fs::path(CORRIDOR_GEODATA_DIR) / "style.toml"));
}

TEST_CASE("each mistake is one error with file, line, column, key and what was expected")
{
    struct Case {
        std::string text;
        int line, column;
        std::string key;
        std::string reason;
    };
    const std::vector<Case> cases{
        // syntax
        {"[deck\ntitle = 1\n", 1, 6, "", "TOML syntax error"},
        {"[deck]\ntitle = \"Bandar Abbās\" x\n", 2, 24, "", "TOML syntax error"}, // column in characters, as written
        {"[deck]\ntitle = \"\xff\"\n", 2, 10, "", "invalid UTF-8: a deck file must be UTF-8 text"},
        // [deck]
        {"[deck]\nformat = 2\n", 2, 10, "deck.format", "a format 2 deck; this Corridor reads format 1"},
        {"[deck]\nformat = \"1\"\n", 2, 10, "deck.format", "expected the format number 1, got \"1\""},
        {"deck = 3\n", 1, 8, "deck", "expected the [deck] table, got 3"},
        {"[deck]\ntitle = 3\n", 2, 9, "deck.title", "expected a string, got 3"},
        {"[deck]\ndate = \"12 March 2025\"\n", 2, 8, "deck.date",
         "expected a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", got \"12 March 2025\""},
        {"[deck]\ndate = 2025-03-12T10:00:00\n", 2, 8, "deck.date",
         "expected a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", got a date-time"},
        {"[deck]\nstyle = \"\"\n", 2, 9, "deck.style",
         "expected a style sheet path, got \"\"; leave the key out for the viewer's style"},
        {"[deck]\nstyle = \"https://example.org/s.toml\"\n", 2, 9, "deck.style",
         "\"https://example.org/s.toml\" is a URL; a deck names local files (relative to its folder), and "
         "Corridor does not fetch it"},
        {"[deck]\ncrs = 4326\n", 2, 7, "deck.crs", "expected a CRS like \"EPSG:3035\", got 4326"},
        // slides
        {"[slide]\ntitle = \"a\"\n", 1, 1, "slide", "expected [[slide]] tables, one per slide, got a table"},
        {"[[slide]]\ntitle = \"a\"\n", 1, 1, "slide[1].view",
         "the slide has no view; add [slide.view] with centre = [lon, lat] and zoom, or bbox = [west, south, east, "
         "north]"},
        {kSlide + kView + "[[slide]]\ntitle = 2\n", 7, 9, "slide[2].title", "expected a string, got 2"},
        {"[[slide]]\ncaption = \"{{lenght:instc_routes/r01}}\"\n[slide.view]\nbbox = [0, 0, 1, 1]\n", 2, 11,
         "slide[1].caption", "{{lenght:instc_routes/r01}}: unknown kind 'lenght'; did you mean 'length'?"},
        {kSlide + "notes = \"see {{count:}}\"\n" + kView, 3, 9, "slide[1].notes",
         "{{count:}}: the layer name is empty; write {{count:LAYER}}"},
        {kSlide + "layers = \"instc_routes\"\n" + kView, 3, 10, "slide[1].layers",
         "expected an array of layer names like [\"instc_routes\"], got \"instc_routes\""},
        {kSlide + "layers = [\"a\", \"\"]\n" + kView, 3, 16, "slide[1].layers[2]", "expected a layer name, got \"\""},
        {kSlide + "layers = [\"a\", \"b\", \"a\"]\n" + kView, 3, 21, "slide[1].layers[3]", "layer \"a\" is listed twice"},
        {kSlide + "as_of = \"2023-02-29\"\n" + kView, 3, 9, "slide[1].as_of",
         "\"2023-02-29\" is not a date: month 02 of 2023 has 28 days"},
        {kSlide + "as_of = \"2019-13\"\n" + kView, 3, 9, "slide[1].as_of", "\"2019-13\" is not a date: month 13 is not 01..12"},
        {kSlide + "as_of = 2019\n" + kView, 3, 9, "slide[1].as_of",
         "expected a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", got 2019"},
        {kSlide + "furniture = \"legend,compass\"\n" + kView, 3, 13, "slide[1].furniture",
         "unknown furniture item 'compass'; known: legend, scale, north, sources, pov, inset, none"},
        {kSlide + "transition = \"fade\"\n" + kView, 3, 14, "slide[1].transition",
         "expected a transition \"fly\" or \"cut\", got \"fade\""},
        {kSlide + "transition = \"flyy\"\n" + kView, 3, 14, "slide[1].transition",
         "expected a transition \"fly\" or \"cut\", got \"flyy\"; did you mean \"fly\"?"},
        {kSlide + "seconds = -1\n" + kView, 3, 11, "slide[1].seconds", "expected a duration in seconds 0..600, got -1"},
        {kSlide + "seconds = nan\n" + kView, 3, 11, "slide[1].seconds", "expected a duration in seconds 0..600, got nan"},
        {kSlide + "seconds = \"2\"\n" + kView, 3, 11, "slide[1].seconds", "expected a duration in seconds 0..600, got \"2\""},
        // views
        {"[[slide]]\nview = 3\n", 2, 8, "slide[1].view", "expected a [slide.view] table, got 3"},
        {"[[slide]]\n[slide.view]\ncrs = \"EPSG:3035\"\n", 2, 1, "slide[1].view",
         "a view needs centre = [lon, lat] and zoom, or bbox = [west, south, east, north]"},
        {"[[slide]]\n[slide.view]\ncentre = [50, 38]\nzoom = \"x\"\n", 4, 8, "slide[1].view.zoom",
         "expected a zoom level 0..30, got \"x\""},
        {"[[slide]]\n[slide.view]\ncentre = [50, 38]\nzoom = 31\n", 4, 8, "slide[1].view.zoom",
         "expected a zoom level 0..30, got 31"},
        {"[[slide]]\n[slide.view]\ncentre = [50, 38]\n", 2, 1, "slide[1].view.zoom",
         "a view with a centre needs a zoom (0..30)"},
        {"[[slide]]\n[slide.view]\nbbox = [0, 0, 1, 1]\nzoom = 3\n", 4, 8, "slide[1].view.zoom",
         "zoom goes with centre = [lon, lat]; a bbox sets its own zoom"},
        {"[[slide]]\n[slide.view]\ncentre = [50, 38]\nzoom = 3\nbbox = [0, 0, 1, 1]\n", 5, 8, "slide[1].view.bbox",
         "a view has centre and zoom, or bbox, not both"},
        {"[[slide]]\n[slide.view]\ncentre = [50, 38, 5]\nzoom = 3\n", 3, 10, "slide[1].view.centre",
         "expected [lon, lat] in degrees, got an array of 3"},
        {"[[slide]]\n[slide.view]\ncentre = [190, 38]\nzoom = 3\n", 3, 11, "slide[1].view.centre",
         "expected a longitude -180..180, got 190"},
        {"[[slide]]\n[slide.view]\ncentre = [50, -91]\nzoom = 3\n", 3, 15, "slide[1].view.centre",
         "expected a latitude -90..90, got -91"},
        {"[[slide]]\n[slide.view]\ncentre = [50, \"38\"]\nzoom = 3\n", 3, 15, "slide[1].view.centre",
         "expected a latitude -90..90, got \"38\""},
        {"[[slide]]\n[slide.view]\nbbox = [60, 10, 50, 20]\n", 3, 8, "slide[1].view.bbox",
         "west 60 is not less than east 50; a bbox is [west, south, east, north]"},
        {"[[slide]]\n[slide.view]\nbbox = [40, 30, 50, 20]\n", 3, 8, "slide[1].view.bbox",
         "south 30 is not less than north 20; a bbox is [west, south, east, north]"},
        {"[[slide]]\n[slide.view]\nbbox = [40, 30, 50]\n", 3, 8, "slide[1].view.bbox",
         "expected [west, south, east, north] in degrees, got an array of 3"},
        {"[[slide]]\n[slide.view]\nbbox = [0, 0, 1, 1]\ncrs = \"\"\n", 4, 7, "slide[1].view.crs",
         "expected a CRS like \"EPSG:3035\", got \"\"; leave the key out for the deck's CRS"},
        // highlights
        {kSlide + kView + "[[slide.highlight]]\nid = \"r01\"\n", 6, 1, "slide[1].highlight[1].layer",
         "a highlight needs the layer = \"…\" its feature is in"},
        {kSlide + kView + "[[slide.highlight]]\nlayer = \"x\"\n", 6, 1, "slide[1].highlight[1]",
         "a highlight needs id = \"…\" or name = \"…\" of its feature"},
        {kSlide + kView + "[[slide.highlight]]\nlayer = \"x\"\nname = \"a\"\nid = \"b\"\n", 9, 6, "slide[1].highlight[1].id",
         "a highlight names its feature by id or by name, not both"},
        {kSlide + kView + "[[slide.highlight]]\nlayer = \"x\"\nid = true\n", 8, 6, "slide[1].highlight[1].id",
         "expected a feature id (its `id` attribute), got true"},
        {kSlide + "highlight = \"x\"\n" + kView, 3, 13, "slide[1].highlight",
         "expected [[slide.highlight]] tables, got \"x\""},
        // annotations
        {kSlide + kView + "[[slide.annotation]]\nat = [1, 2]\n", 6, 1, "slide[1].annotation[1].kind",
         "an annotation needs kind = \"callout\", \"arrow\" or \"circle\""},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"box\"\nat = [1, 2]\n", 7, 8, "slide[1].annotation[1].kind",
         "expected an annotation kind \"callout\", \"arrow\" or \"circle\", got \"box\""},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"arrow\"\n", 6, 1, "slide[1].annotation[1].at",
         "an arrow needs at = [lon, lat]"},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"callout\"\nat = [1, 2]\n", 6, 1, "slide[1].annotation[1].text",
         "a callout needs its text = \"…\""},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"circle\"\nat = [1, 2]\n", 6, 1, "slide[1].annotation[1].radius_km",
         "a circle needs radius_km"},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"circle\"\nat = [1, 2]\nradius_km = 0\n", 9, 13,
         "slide[1].annotation[1].radius_km", "expected a radius in km above 0, got 0"},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"circle\"\nat = [1, 2]\nradius_km = 30000\n", 9, 13,
         "slide[1].annotation[1].radius_km", "expected a radius in km 0..20000, got 30000"},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"circle\"\nat = [1, 2]\nradius_km = 5\nfrom = [0, 0]\n", 10, 8,
         "slide[1].annotation[1].from", "a circle has no 'from' (that is an arrow's tail or a callout's text)"},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"arrow\"\nat = [1, 2]\nradius_km = 5\n", 9, 13,
         "slide[1].annotation[1].radius_km", "radius_km is for circles; this is an arrow"},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"arrow\"\nat = [1, 2]\ncolor = \"red\"\n", 9, 9,
         "slide[1].annotation[1].color", "expected a colour \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\", got \"red\""},
        {kSlide + kView + "[[slide.annotation]]\nkind = \"arrow\"\nat = [1, 2]\nfrom = [1, 95]\n", 9, 12,
         "slide[1].annotation[1].from", "expected a latitude -90..90, got 95"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const DeckError e = errorOf(c.text);
        CHECK(e.file == "bad.toml");
        CHECK(e.line == c.line);
        CHECK(e.column == c.column);
        CHECK(e.key == c.key);
        if (c.key.empty()) {
            CHECK(e.reason.rfind(c.reason, 0) == 0); // the syntax errors' wording is toml++'s
        } else {
            CHECK(e.reason == c.reason);
        }
    }
    // what() puts it together as the brief's example has it.
    CHECK(std::string(errorOf("[[slide]]\n[slide.view]\ncentre = [50, 38]\nzoom = \"x\"\n").what()) ==
          "bad.toml:4:8: key 'slide[1].view.zoom': expected a zoom level 0..30, got \"x\"");
    CHECK(std::string(errorOf("[deck\n").what()).rfind("bad.toml:1:6: TOML syntax error", 0) == 0);
}

TEST_CASE("unknown keys are warnings naming where they belong, never silently dropped")
{
    const std::string text = "version = 1\n"
                             "title = \"x\"\n"
                             "[deck]\n"
                             "titel = \"x\"\n"
                             "caption = \"c\"\n" + kSlide +
                             "zoom = 4\n"
                             "layer = [\"a\"]\n"
                             "speaker = \"n\"\n" + kView +
                             "[[slide.annotation]]\nkind = \"arrow\"\nat = [1, 2]\nlabel = \"x\"\nname = \"y\"\n";
    const Deck deck = parseDeck(text, "w.toml");
    const std::vector<std::string> expected{
        "w.toml:1:1: key 'version': unknown key 'version' at the top level, ignored; the keys here are 'deck' "
        "'slide'",
        "w.toml:2:1: key 'title': unknown key 'title' at the top level, ignored; it belongs in the [deck] table",
        "w.toml:4:1: key 'deck.titel': unknown key 'titel' in [deck], ignored; did you mean 'title'?",
        "w.toml:5:1: key 'deck.caption': unknown key 'caption' in [deck], ignored; it belongs in a [[slide]]",
        "w.toml:8:1: key 'slide[1].zoom': unknown key 'zoom' in a slide, ignored; it belongs in the slide's "
        "[slide.view]",
        "w.toml:9:1: key 'slide[1].layer': unknown key 'layer' in a slide, ignored; did you mean 'layers'? (it "
        "belongs in a [[slide.highlight]])",
        "w.toml:10:1: key 'slide[1].speaker': unknown key 'speaker' in a slide, ignored; the keys here are 'title' "
        "'caption' 'notes' 'view' 'layers' 'as_of' 'highlight' 'annotation' 'furniture' 'transition' 'seconds'",
        "w.toml:17:1: key 'slide[1].annotation[1].label': unknown key 'label' in an annotation, ignored; the keys "
        "here are 'kind' 'at' 'from' 'radius_km' 'text' 'color'",
        "w.toml:18:1: key 'slide[1].annotation[1].name': unknown key 'name' in an annotation, ignored; it belongs "
        "in a [[slide.highlight]]",
    };
    CHECK(deck.warnings == expected);
    // The deck itself is read as if they were not there.
    REQUIRE(deck.slides.size() == 1);
    CHECK(deck.slides[0].view.centre->zoom == 5);
    CHECK_FALSE(deck.slides[0].layers);
    CHECK(deck.slides[0].annotations.size() == 1);
}

TEST_CASE("DeckErrors::OnSlide keeps reading: each error stays with its slide, the key at its default")
{
    const std::string text = "[deck]\n"
                             "title = \"T\"\n"
                             "date = \"2025-02-30\"\n"
                             "[[slide]]\n"
                             "title = \"one\"\n"
                             "as_of = \"2019-1\"\n"
                             "seconds = 3\n"
                             "[slide.view]\n"
                             "centre = [50, 38]\n"
                             "zoom = 40\n"
                             "[[slide.highlight]]\nlayer = \"a\"\n"
                             "[[slide.highlight]]\nlayer = \"a\"\nid = \"r01\"\n"
                             "[[slide]]\n"
                             "title = \"two\"\n"
                             "[slide.view]\n"
                             "bbox = [0, 0, 1, 1]\n"
                             "[[slide.annotation]]\nkind = \"circle\"\nat = [1, 2]\n";
    CHECK_THROWS_AS(parseDeck(text, "k.toml"), DeckError);
    const Deck deck = parseDeck(text, "k.toml", DeckErrors::OnSlide);
    CHECK(deck.title == "T");
    CHECK(deck.date.empty());
    CHECK(deck.problems == std::vector<std::string>{
                               "k.toml:3:8: key 'deck.date': \"2025-02-30\" is not a date: month 02 of 2025 has 28 days"});
    REQUIRE(deck.slides.size() == 2);
    const Slide& one = deck.slides[0];
    CHECK(one.title == "one");
    CHECK(one.seconds == 3);
    CHECK_FALSE(one.asOf);
    CHECK_FALSE(one.view.centre); // the view had an error: the slide has none
    CHECK_FALSE(one.view.bbox);
    REQUIRE(one.highlights.size() == 1); // the good one of two
    CHECK(one.highlights[0].id == "r01");
    CHECK(one.problems == std::vector<std::string>{
                              "k.toml:6:9: key 'slide[1].as_of': expected a date \"YYYY\", \"YYYY-MM\" or "
                              "\"YYYY-MM-DD\", got \"2019-1\"",
                              "k.toml:10:8: key 'slide[1].view.zoom': expected a zoom level 0..30, got 40",
                              "k.toml:11:1: key 'slide[1].highlight[1]': a highlight needs id = \"…\" or name = \"…\" "
                              "of its feature"});
    const Slide& two = deck.slides[1];
    CHECK(two.title == "two");
    CHECK(two.annotations.empty());
    CHECK(two.problems ==
          std::vector<std::string>{"k.toml:20:1: key 'slide[2].annotation[1].radius_km': a circle needs radius_km"});

    // A slide without a view, and one whose [[slide]] is not a table list at all.
    const Deck noView = parseDeck("[[slide]]\ntitle = \"x\"\n", "n.toml", DeckErrors::OnSlide);
    REQUIRE(noView.slides.size() == 1);
    CHECK(noView.slides[0].problems.size() == 1);
    const Deck notSlides = parseDeck("slide = 3\n", "n.toml", DeckErrors::OnSlide);
    CHECK(notSlides.slides.empty());
    CHECK(notSlides.problems.size() == 1);
    // What cannot be shown at all is still thrown: a syntax error, another format.
    CHECK_THROWS_AS(parseDeck("[[slide]\n", "n.toml", DeckErrors::OnSlide), DeckError);
    CHECK_THROWS_AS(parseDeck("[deck]\nformat = 2\n" + kSlide + kView, "n.toml", DeckErrors::OnSlide), DeckError);
    // A deck saved with a view-less slide reports it again when read back, instead of inventing a view.
    const std::string saved = deckToToml(noView);
    CHECK(errorOf(saved).key == "slide[1].view");
}

TEST_CASE("loadDeck names the file it cannot read")
{
    const fs::path dir = scratch("load");
    const auto check = [](const fs::path& p, const std::string& reason) {
        try {
            loadDeck(p);
            FAIL("loaded " << p);
        } catch (const DeckError& e) {
            CHECK(e.file == p.string());
            CHECK(e.line == 0);
            CHECK(e.reason == reason);
            CHECK(std::string(e.what()) == p.string() + ": " + reason);
        }
    };
    check(dir / "missing.toml", "cannot read the deck file: it does not exist");
    check(dir, "cannot read the deck file: it is a directory");
    check("/dev/null", "cannot read the deck file: it is a character device, not a regular file");
    const fs::path big = dir / "big.toml";
    std::ofstream(big) << std::string((std::size_t(4) << 20) + 1, '#');
    check(big, "larger than 4 MiB; a deck is a few kilobytes of text, is it the right file?");

    // Errors in a file read from disk name that file.
    const fs::path bad = dir / "bad.toml";
    std::ofstream(bad) << "[[slide]]\n[slide.view]\nbbox = [1, 1, 0, 2]\n";
    try {
        loadDeck(bad);
        FAIL("loaded");
    } catch (const DeckError& e) {
        CHECK(std::string(e.what()) == bad.string() + ":3:8: key 'slide[1].view.bbox': west 1 is not less than east "
                                                      "0; a bbox is [west, south, east, north]");
    }
}

TEST_CASE("ISO dates: the three forms, real days only")
{
    for (const char* good : {"2019", "2019-05", "2019-05-31", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12"}) {
        CAPTURE(good);
        CHECK_FALSE(isoDateProblem(good));
    }
    for (const char* bad : {"", "19", "2019-5", "2019-05-1", "2019/05/01", "2019-05-01T00", " 2019", "2019-",
                            "20190501", "２０１９"}) {
        CAPTURE(bad);
        CHECK(isoDateProblem(bad) == "expected a date \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", got \"" +
                                         std::string(bad) + "\"");
    }
    CHECK(isoDateProblem("0000") == "\"0000\" is not a date: there is no year 0");
    CHECK(isoDateProblem("2019-00") == "\"2019-00\" is not a date: month 00 is not 01..12");
    CHECK(isoDateProblem("1900-02-29") == "\"1900-02-29\" is not a date: month 02 of 1900 has 28 days");
    CHECK(isoDateProblem("2019-04-31") == "\"2019-04-31\" is not a date: month 04 of 2019 has 30 days");
    CHECK(isoDateProblem("2019-01-00") == "\"2019-01-00\" is not a date: month 01 of 2019 has 31 days");
}

TEST_CASE("URLs are told apart from local paths")
{
    for (const char* url : {"http://x/y.toml", "https://example.org/a", "ftp://h/f", "s3+https://b/k",
                            "/vsicurl/http://x/y", "/vsis3/bucket/key", "/vsicurl_streaming/http://x", "/vsiaz/c/b"}) {
        CAPTURE(url);
        CHECK(isUrl(url));
    }
    for (const char* path : {"style.toml", "../geodata/style.toml", "/home/u/style.toml", "C:/maps/style.toml",
                             "/vsizip/a.zip/b.toml", "/vsis3x/local", "://nothing", "a b://c"}) {
        CAPTURE(path);
        CHECK_FALSE(isUrl(path));
    }
}

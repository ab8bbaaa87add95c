#pragma once
// Briefing decks: a TOML file of map slides (docs/briefing-format.md is the format's reference), read into plain
// data with precise errors and written back for the viewer's Save. What a slide shows (view, layers, date,
// highlights, annotations, furniture) is data here; present mode, the Slides panel and export-deck act on it.
// No I/O except loadDeck; no GL, no GDAL. Slide text (caption markdown, {{placeholders}}) is core/deck_text.

#include "core/geometry.hpp"
#include "core/map_document.hpp"
#include "core/style.hpp"

#include <array>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// Where a slide looks: a centre and zoom, or a lon/lat box to fit (the parser allows exactly one of them; a slide
// whose view had an error in DeckErrors::OnSlide mode has neither).
struct DeckView {
    std::optional<ViewCentre> centre;         // lon, lat (degrees), zoom (0..30) as --view
    std::optional<std::array<double, 4>> bbox; // west, south, east, north in degrees, west < east, south < north
    std::string crs;                          // the view CRS while the slide is shown; empty: the deck's, else the style's

    friend bool operator==(const DeckView& a, const DeckView& b);
};

// A feature drawn highlighted: by its `id` attribute or by its name (exactly one of the two is set).
struct DeckHighlight {
    std::string layer; // core::Layer::name
    std::string id;
    std::string name;
    int line = 0;      // of its [[slide.highlight]] in the deck, for messages; 0 when made in code

    // Compares the feature named, not `line`.
    friend bool operator==(const DeckHighlight& a, const DeckHighlight& b);
};

enum class AnnotationKind { Callout, Arrow, Circle };

// Something drawn on the map in lon/lat, so it stays put as the view moves.
struct DeckAnnotation {
    AnnotationKind kind = AnnotationKind::Callout;
    Vec2d at;                 // lon, lat: the callout's point, the arrow's tip, the circle's centre
    std::optional<Vec2d> from; // lon, lat: the arrow's tail, the callout's text; unset: placed automatically
                              // (never set on a circle)
    double radiusKm = 0.0;    // circles only (> 0); geodesic radius
    std::string text;         // a callout's text (required); an arrow's or circle's label (optional)
    std::optional<Color> color; // unset: the renderer's annotation colour
    int line = 0;             // of its [[slide.annotation]] in the deck, for messages; 0 when made in code

    // Compares what is drawn, not `line`: a deck read back from deckToToml equals the one written.
    friend bool operator==(const DeckAnnotation& a, const DeckAnnotation& b);
};

enum class Transition { Fly, Cut };

struct Slide {
    std::string title, caption, notes; // caption: markdown subset; all three may hold {{placeholders}}
    DeckView view;
    std::optional<std::vector<std::string>> layers; // the visible layers by name; nullopt: as the deck/viewer has them
    std::optional<std::string> asOf;                // "map as of": YYYY, YYYY-MM or YYYY-MM-DD (validated)
    std::vector<DeckHighlight> highlights;
    std::vector<DeckAnnotation> annotations;
    std::optional<std::string> furniture;           // parseFurnitureList's spelling ("legend,scale"), validated
    Transition transition = Transition::Fly;        // how the view gets here from the slide before
    double seconds = 2.0;                           // the flight's duration (0..600); unused by a cut
    int line = 0;                                   // of its [[slide]] header; 0 when made in code
    // DeckErrors::OnSlide only: what was wrong in this slide, each "file:line:col: key 'slide[2].as_of': …"; the key
    // at fault keeps its default (a bad view: neither centre nor bbox), so the slide can still be shown with them.
    std::vector<std::string> problems;

    // Compares the slide's content: not `line`, not `problems`.
    friend bool operator==(const Slide& a, const Slide& b);
};

struct Deck {
    static constexpr int kFormat = 1; // [deck] format: a deck of another format is refused

    std::string title, author;
    std::string date;  // the briefing's date, ISO (YYYY, YYYY-MM or YYYY-MM-DD); "" when not given
    std::string style; // style sheet path as written (relative to the deck's folder); "" for the viewer's
    std::string crs;   // view CRS for every slide that does not name one; "" for the style's
    std::filesystem::path file; // where it was read from; resolve() is relative to its folder
    std::vector<Slide> slides;
    std::vector<std::string> warnings; // unknown keys and the like, each "file:line:col: key 'slide[2].titel': …"
    std::vector<std::string> problems; // DeckErrors::OnSlide only: errors in [deck] (the key keeps its default)

    // `relative` (a path as written in the deck) against the deck's folder; an absolute path, a URL
    // (isUrl) and "" come back as they are.
    std::filesystem::path resolve(const std::string& relative) const;

    // Compares the content (title, author, date, style, crs, slides): not file, warnings or problems.
    friend bool operator==(const Deck& a, const Deck& b);
};

// A deck that cannot be used, or one error in it. line/column 1-based (0: the file as a whole); key is the path of
// the key at fault ("slide[3].view.zoom", slides and their lists counted from 1; empty for syntax and file errors).
// what(): "file:line:col: key 'slide[3].view.zoom': expected a number 0..30, got \"x\"".
struct DeckError : std::runtime_error {
    DeckError(std::string file, int line, int column, std::string key, std::string reason);
    std::string file;
    int line = 0, column = 0;
    std::string key;
    std::string reason; // what is wrong and what was expected, without the location
};

enum class DeckErrors {
    Throw,  // the first error (in file order within each table) is thrown as a DeckError
    OnSlide, // an error inside a [[slide]] goes to that slide's `problems`, one in [deck] to Deck::problems, and the
             // rest of the deck is read, so the viewer can open it and show each slide's warning; syntax errors, a
             // wrong format and file errors are still thrown (there is nothing to show)
};

// "file:line:col: key 'slide[2].layers[1]': reason", leaving out what is 0 or empty: DeckError's what(), for the
// problems found later (geo::checkDeckData), so every message about a deck reads the same.
std::string deckMessage(const std::string& file, int line, int column, const std::string& key,
                        const std::string& reason);

// Reads a deck's text; `file` names it in messages and anchors resolve(). Unknown keys are warnings (Deck::warnings,
// with a "did you mean" when close); wrong types, values out of range and missing keys are errors.
Deck parseDeck(std::string_view text, const std::filesystem::path& file, DeckErrors mode = DeckErrors::Throw);
// Reads the file (missing, unreadable, not a regular file or over 4 MiB: a DeckError naming it, line 0).
Deck loadDeck(const std::filesystem::path& file, DeckErrors mode = DeckErrors::Throw);
// The deck as TOML that parseDeck reads back equal (operator==): [deck] first, then the slides in order, each key in
// a fixed order, defaults left out, multi-line text as """ blocks, so a saved deck diffs line by line.
std::string deckToToml(const Deck& deck);

// Why `text` is not an ISO date of the form YYYY, YYYY-MM or YYYY-MM-DD (a real day: 2023-02-29 is not), or nullopt.
std::optional<std::string> isoDateProblem(std::string_view text);
// http://, https://, ftp:// and GDAL's /vsicurl/-style network paths: a deck names local files only.
bool isUrl(std::string_view path);

const char* annotationKindName(AnnotationKind kind); // "callout", "arrow", "circle"
const char* transitionName(Transition transition);   // "fly", "cut"

} // namespace corridor::core

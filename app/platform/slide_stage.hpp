#pragma once
// A briefing deck's slides put on a map: what present mode (the window) and export-deck (headless) share, so a
// slide looks the same in both. For one slide: which layers show (the deck's list), its highlighted features and
// annotations drawn over the map (geo/slide_overlays, appended to the document and the scene as ordinary layers),
// its title, caption (placeholders expanded from the data) and number in the furniture, and its view.

#include "core/as_of.hpp"
#include "core/deck.hpp"
#include "core/furniture.hpp"
#include "core/map_document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace corridor::render {
class MapScene;
}

namespace corridor::platform {

// One slide as it is to be shown.
struct SlideShow {
    core::FurnitureOptions furniture;  // title, caption, number; the items the slide names (else the base's)
    std::optional<core::ViewCentre> centre; // the view: centre and zoom, or…
    std::optional<core::GeoBox> bbox;       // …a box to fit
    std::string asOf;                  // the slide's "as of" date, "" for none
    std::string crs;                   // the view CRS it is drawn in: its own, else the map's when the stage began
    core::Transition transition = core::Transition::Fly;
    double seconds = 2.0;
    std::string notes;                 // speaker notes, placeholders expanded
};

class SlideStage {
public:
    // The deck's problems with this document (a layer, a feature or a placeholder the data does not have), each
    // one message naming the deck's file and line, are in problems() from here on; the slides still show, without
    // what is missing.
    SlideStage(core::Deck deck, const core::MapDocument& document);

    const core::Deck& deck() const { return m_deck; }
    std::size_t size() const { return m_deck.slides.size(); }
    const std::vector<std::string>& problems() const { return m_problems; }
    // The view CRS of the slides that name none: the document's when the stage began (the deck's, else the style's).
    const std::string& baseCrs() const { return m_crs; }

    // The deck's title with its placeholders expanded from `document`'s data.
    std::string title(const core::MapDocument& document) const;
    // Slide `index` (from 0) over `base` furniture, without touching the map: its title, caption and notes with
    // their placeholders expanded from `document`'s data (one left as written where the data lacks it), its
    // furniture list applied over `base`, "N / M" as its number, "Map as of DATE" as the subtitle where it has one.
    SlideShow slide(const core::MapDocument& document, std::size_t index, const core::FurnitureOptions& base) const;

    // Puts slide `index`'s layers on `document` and `scene`: the visible layers the deck names (the others hidden;
    // all as they were when the stage began where it names none), the slide's highlights and annotations appended
    // on top in place of the previous slide's. Their meshes are built here for the document's view CRS. Needs the
    // scene's GL context current.
    void apply(core::MapDocument& document, render::MapScene& scene, std::size_t index, double width, double height);
    // Takes the overlays out again and gives the layers back the visibility they had when the stage began.
    void leave(core::MapDocument& document, render::MapScene& scene);

    // The view CRS slide `index` is drawn in: its own (as core::normaliseCrsInput spells it), else baseCrs().
    std::string crs(std::size_t index) const;
    // The date slide `index` shows the map as of (its `as_of`; nullopt: today, the "@as-of" rules off).
    std::optional<core::Date> date(std::size_t index) const;
    // Sets the document's "map as of" date and rebuilds, here and now, the meshes of the layers whose style asks
    // for it (core::usesAsOf), replacing them in `scene`: export-deck's way; the window's is its AsOfRestyler.
    static void setDate(core::MapDocument& document, render::MapScene& scene, const std::optional<core::Date>& date);

private:
    core::Deck m_deck;
    std::vector<std::string> m_problems;
    std::vector<bool> m_visibility; // the document's layers' visibility when the stage began
    std::string m_crs;              // the document's view CRS when the stage began (the deck's, else the style's)
    std::size_t m_overlays = 0;     // overlay layers now at the end of the document
};

// The view box of a slide in lon/lat: its bbox, else a box around its centre as wide as its zoom shows at
// width × height pixels (near enough for sizing what the deck leaves to be placed automatically).
core::GeoBox slideGeoBox(const core::DeckView& view, double width, double height);

} // namespace corridor::platform

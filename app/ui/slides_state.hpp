#pragma once
// The Slides panel's state (slides_panel.cpp): the briefing deck being edited, where Save writes it, whether it has
// edits not yet saved, which slide is selected, and the requests the panel hands the viewer. The viewer's
// platform::DeckAuthor acts on the requests (it knows the camera, the view CRS and the files) and clears them; the
// panel edits the deck's text fields itself. No ImGui here.

#include "core/deck.hpp"
#include "core/geometry.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace corridor::ui {

// An annotation waiting for its clicks on the map: the next plain click places it (an arrow takes two, its tail
// then its tip). Its text and a circle's radius are taken from the panel when the last click comes.
struct AnnotationPlacing {
    core::AnnotationKind kind = core::AnnotationKind::Callout;
    std::size_t slide = 0;           // index into deck.slides
    std::optional<core::Vec2d> tail; // an arrow's first click, lon/lat
};

struct SlidesState {
    // Where a deck never saved goes unless the user types another path: the current folder.
    static constexpr const char* kDefaultPath = "briefing.toml";

    bool show = false;
    bool open = false;  // a deck is being edited (File › New deck, --deck); else the panel offers to start one
    core::Deck deck;    // deck.file: where it was read from or last saved, "" for a deck never saved
    std::string path;   // the panel's file field: where Save (Ctrl+S) writes
    // Every change bumps `edits`; the deck has unsaved edits while it differs from `savedEdits`.
    std::uint64_t edits = 0;
    std::uint64_t savedEdits = 0;
    std::optional<std::size_t> selected; // the slide shown in the editor part of the panel
    bool onDisk = false;      // the deck's file exists (opened, or saved once); else "not saved yet"
    bool focusTitle = false;  // the selected slide's title field takes the keyboard (a slide just added)

    // Requests, acted on by the viewer (platform::DeckAuthor::poll) and cleared.
    bool newDeckRequested = false;   // File › New deck: an empty deck (unsaved edits go to the autosave first)
    bool addFromView = false;        // a new slide after the selected one, from the map as it is now
    bool updateFromView = false;     // the selected slide takes the map's view, layers, date and selection
    std::optional<std::size_t> goTo; // show this slide in the window: its view (flown to), layers and date
    bool saveRequested = false;      // Save, Ctrl+S
    bool recoverRequested = false;   // open the newer autosave found beside the deck (autosaveFound)
    std::optional<std::size_t> presentFrom; // present mode from this slide (F5: the first; Shift+F5: the selected)
    std::optional<AnnotationPlacing> placing;

    // The next annotation's text (a callout's, required; an arrow's or a circle's label) and a circle's radius.
    std::string annotationText;
    double radiusKm = 25.0;

    std::string autosaveFound; // an autosave newer than the deck lies here; "" when none
    std::string replaceAsked;  // Save was asked to replace this existing file (not the deck's own): it asked first
    std::string status;        // what the last save did, or why it failed
    bool statusError = false;

    bool dirty() const { return edits != savedEdits; }
    void changed() { ++edits; }
};

} // namespace corridor::ui

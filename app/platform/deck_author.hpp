#pragma once
// The Slides panel's platform side (ui/slides_panel.cpp edits ui::SlidesState; this acts on its requests):
//   - a slide from the map as it is (view, visible layers, date, the selected feature as a highlight);
//   - the map clicks that place an annotation, and its outline drawn over the map while editing;
//   - "Go to": the window shows a slide (its view flown to, its layers and date);
//   - Save (Ctrl+S): core::deckToToml written atomically, read back first so that a deck that would not open again is
//     never written; autosave of unsaved edits every kAutosaveSeconds to `<deck>.autosave.toml` beside it (atomic),
//     removed after a successful save; opening a deck whose autosave is newer says so in the Messages log and
//     leaves the autosave to the user (the panel's "Open autosave"), never loading it silently.
// An error is one message in the log (the viewer echoes it to stderr); the deck in memory is never lost or changed
// by a failed write. No GL except drawAnnotations; main thread only.

#include "core/app_state.hpp"
#include "core/camera.hpp"
#include "core/deck.hpp"
#include "ui/panels.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace corridor::render {
class OverlayRenderer;
}

namespace corridor::platform {

class Navigator;

// Where the autosave of `deck` goes: beside it, its extension replaced by ".autosave.toml" (briefing.toml →
// briefing.autosave.toml; a deck with no extension gets it added).
std::filesystem::path autosavePathFor(const std::filesystem::path& deck);

// The autosave beside `deck` when it exists and was written after the deck (or the deck does not exist), else "".
std::filesystem::path newerAutosave(const std::filesystem::path& deck);

// Puts `deck` in the panel (shown) as the deck being edited, with no unsaved edits, Save writing back to its file. A newer
// autosave beside it is said in `app`'s log and kept in s.autosaveFound (not loaded).
void openDeck(ui::SlidesState& s, core::Deck deck, core::AppState& app);

// The highlight that names feature `feature` of `layer` the way a deck does (geo::findFeature): its `id` attribute
// when exactly that feature has it, else its name when no other feature shares it; nullopt when neither is unique.
std::optional<core::DeckHighlight> highlightFor(const core::Layer& layer, std::size_t feature);

// A slide of the map as it is: `centreLonLat` and the camera's zoom (core::zoomLevel of its units per pixel, held to
// 0..30), the visible layers by name (the graticule and slide overlays left out: export-deck has neither), the
// document's date, the selected feature (`selection`) as its highlight. Titled by the feature at the view's centre
// that has a name, else "Slide N" with N = `number`.
core::Slide slideFromView(const core::AppState& app, const std::optional<core::Hit>& selection, core::Vec2d centreLonLat,
                          std::size_t number);

// Writes s.deck to s.path atomically. The text is read back first (core::parseDeck): a deck that would not open
// again as it is in memory (a malformed {{placeholder}} typed in a title) is not written, and says why. On success
// the deck's file is s.path, its edits count as saved, the autosaves of it are removed and s.status says so (and an
// Info entry in the log); on failure s.status and one Error entry in the log say why, and nothing else changes.
bool saveDeck(ui::SlidesState& s, core::AppState& app);

class DeckAuthor {
public:
    static constexpr double kAutosaveSeconds = 30.0;

    // Every loop turn, idle or not: the panel's requests (new deck, add or update from the view, go to, save, open
    // the autosave) and the autosave when due. `now`: seconds on any monotonic clock. True when something is to be
    // drawn (a flight, the panel's new state).
    bool poll(core::AppState& app, ui::UiState& ui, Navigator& navigator, double now);

    // Before identify takes the Navigator's click: while an annotation waits for its place (s.placing), the plain
    // click on the map is taken here and placed in lon/lat. True when a click was taken.
    bool takeClick(core::AppState& app, ui::UiState& ui, Navigator& navigator);

    // At exit: edits not saved yet go to the autosave, so the next opening of the deck says they are there.
    void finish(core::AppState& app, ui::UiState& ui);

    // The selected slide's annotations as outlines over the map (the circle's ring, the arrow and its head, a
    // callout's dot and leader), and an arrow's tail waiting for its tip; present mode draws them in full.
    void drawAnnotations(const core::Camera& camera, const ui::SlidesState& s, const Navigator& navigator,
                         render::OverlayRenderer& overlay) const;

private:
    // Writes the autosave now; false (said once until one succeeds) when it cannot.
    bool autosave(core::AppState& app, ui::SlidesState& s);

    std::uint64_t m_autosavedEdits = 0;      // s.edits when the autosave was last written
    std::optional<double> m_unsavedSince;    // when the edits not in the autosave began
    std::filesystem::path m_autosaved;       // the autosave last written (removed after a save)
    bool m_autosaveFailed = false;
};

} // namespace corridor::platform

#pragma once
// Present mode (F5, `corridor present DECK`): a briefing deck's slides shown full screen, one at a time, with the
// panels hidden and the slide's title, caption, number and furniture drawn by the map renderer. Arrow keys, space,
// Page Up/Down (what presenter clickers send), Home and End move; slides are reached by a flight or a cut as the
// deck says; R returns to the slide's view after the user panned or zoomed; Esc leaves and gives the map back as it
// was. The slides are put on the map by platform::SlideStage, as export-deck puts them in its images.

#include "core/app_state.hpp"
#include "core/camera.hpp"
#include "core/deck.hpp"
#include "core/flyto.hpp"
#include "platform/slide_stage.hpp"

#include <SFML/Window/Keyboard.hpp>

#include <optional>
#include <utility>

namespace corridor::render {
class MapScene;
}

namespace corridor::platform {

class Navigator;

// What a key does in present mode.
enum class PresentKey { None, Next, Previous, First, Last, Reset, Leave };
PresentKey presentKeyFor(sf::Keyboard::Key key);

class Presenter {
public:
    Presenter(core::Deck deck, const core::MapDocument& document);

    const SlideStage& stage() const { return m_stage; }
    bool presenting() const { return m_presenting; }
    // A key asked for something update() has not done yet (a slide, the slide's view, leaving).
    bool pending() const { return m_pending.has_value() || m_reset || m_leaving; }
    std::size_t current() const { return m_current; }

    // F5: starts presenting at `slide` (clamped to the deck); the map shows it at the next update().
    void start(std::size_t slide = 0);
    // A key pressed while presenting: moves, resets the view or leaves. Returns false for keys present mode
    // leaves to the map (+/−, a click's keys…).
    bool key(sf::Keyboard::Key key);
    // Leaves present mode at the next update().
    void stop();
    // The window changed size (going full screen): the slide is framed again for it, cut to.
    void resized();

    // Once a frame, when no rebuild worker reads the document's layers (`canEdit`): puts a slide that changed on
    // the map (its layers, highlights and annotations) and flies or cuts the camera to its view; on leaving, takes
    // the slide's layers off and gives the camera back its view from before. True when the map changed (the view
    // cache and the selection's highlight must be redone).
    bool update(core::AppState& app, render::MapScene& scene, Navigator& navigator, bool canEdit);

    // The "map as of" date the map should now show (the slide's; on leaving, the one before), once: the viewer's
    // AsOfRestyler builds it. nullopt: nothing to change.
    std::optional<std::optional<core::Date>> takeDateRequest() { return std::exchange(m_dateRequest, std::nullopt); }

    // The furniture to draw while presenting: the slide's (title, caption, number…) at the map's scale.
    const core::FurnitureOptions& furniture() const { return m_show.furniture; }
    const SlideShow& show() const { return m_show; }

private:
    SlideStage m_stage;
    bool m_presenting = false;
    bool m_leaving = false;
    std::size_t m_current = 0;
    std::optional<std::size_t> m_pending; // a slide to put on the map
    bool m_reset = false;                 // R: back to the slide's view
    bool m_shownOnce = false;             // the first slide of a run is cut to, not flown to
    SlideShow m_show;
    core::View m_slideView;
    std::optional<core::View> m_before;   // the camera's view when present mode began
    std::optional<core::Date> m_dateBefore; // and the map's date
    std::string m_crsBefore;                // and its view CRS
    std::string m_crsAsked;                 // a slide's CRS asked of the viewer's projection switch
    std::optional<std::optional<core::Date>> m_dateRequest;
};

} // namespace corridor::platform

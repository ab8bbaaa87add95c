#include "platform/presenter.hpp"

#include "geo/layer_builder.hpp"
#include "platform/navigator.hpp"
#include "render/map_scene.hpp"

#include <algorithm>

namespace corridor::platform {

PresentKey presentKeyFor(sf::Keyboard::Key key)
{
    switch (key) {
    case sf::Keyboard::Right:
    case sf::Keyboard::Down:
    case sf::Keyboard::Space:
    case sf::Keyboard::PageDown:
    case sf::Keyboard::Enter:
    case sf::Keyboard::N: return PresentKey::Next;
    case sf::Keyboard::Left:
    case sf::Keyboard::Up:
    case sf::Keyboard::PageUp:
    case sf::Keyboard::Backspace:
    case sf::Keyboard::P: return PresentKey::Previous;
    case sf::Keyboard::Home: return PresentKey::First;
    case sf::Keyboard::End: return PresentKey::Last;
    case sf::Keyboard::R: return PresentKey::Reset;
    case sf::Keyboard::Escape: return PresentKey::Leave;
    default: return PresentKey::None;
    }
}

Presenter::Presenter(core::Deck deck, const core::MapDocument& document)
    : m_stage(std::move(deck), document)
{
}

void Presenter::start(std::size_t slide)
{
    if (m_stage.size() == 0) {
        return;
    }
    m_presenting = true;
    m_leaving = false;
    m_shownOnce = false;
    m_current = std::min(slide, m_stage.size() - 1);
    m_pending = m_current;
}

void Presenter::stop()
{
    if (m_presenting) {
        m_leaving = true;
    }
}

void Presenter::resized()
{
    if (m_presenting && !m_leaving) {
        m_pending = m_current;
        m_shownOnce = false;
    }
}

bool Presenter::key(sf::Keyboard::Key key)
{
    if (!m_presenting || m_leaving) {
        return false;
    }
    const std::size_t last = m_stage.size() - 1;
    switch (presentKeyFor(key)) {
    case PresentKey::None: return false;
    case PresentKey::Next: m_pending = std::min(m_current + 1, last); break;
    case PresentKey::Previous: m_pending = m_current > 0 ? m_current - 1 : 0; break;
    case PresentKey::First: m_pending = 0; break;
    case PresentKey::Last: m_pending = last; break;
    case PresentKey::Reset: m_reset = true; break;
    case PresentKey::Leave: stop(); break;
    }
    if (m_pending && *m_pending == m_current && m_shownOnce) {
        m_pending.reset(); // past either end: stay
    }
    return true;
}

bool Presenter::update(core::AppState& app, render::MapScene& scene, Navigator& navigator, bool canEdit)
{
    if (!canEdit) {
        return false;
    }
    if (m_leaving) {
        m_stage.leave(app.document, scene);
        if (m_before) {
            m_dateRequest = m_dateBefore;
            if (app.document.viewCrs != m_crsBefore) {
                // The projection the map had before the slides; the camera stays where the slide was (the view
                // before is in the other CRS's units, and the switch keeps the centre and the ground scale).
                app.crsRequest = m_crsBefore;
            } else {
                navigator.flyTo(app.camera, *m_before);
            }
        }
        m_crsAsked.clear();
        m_before.reset();
        m_presenting = m_leaving = false;
        m_pending.reset();
        return true;
    }
    if (!m_presenting) {
        return false;
    }
    if (m_reset) {
        m_reset = false;
        navigator.flyTo(app.camera, m_slideView);
    }
    if (!m_pending) {
        return false;
    }
    const std::size_t index = *m_pending;
    if (!m_before) {
        m_before = core::viewOf(app.camera);
        m_dateBefore = app.document.asOf;
        m_crsBefore = app.document.viewCrs;
    }
    // A slide in another view CRS: the viewer's projection switch builds the map in it first (the slide waits, the
    // old map stays on screen); one PROJ refuses is said once by the switch, and the slide is shown as the map is.
    const std::string crs = m_stage.crs(index);
    if (crs != app.document.viewCrs && crs != m_crsAsked) {
        m_crsAsked = crs;
        app.crsRequest = crs;
        return false;
    }
    m_pending.reset();
    m_crsAsked.clear();
    m_dateRequest = m_stage.date(index);
    const double w = app.camera.widthPx, h = app.camera.heightPx;
    m_stage.apply(app.document, scene, index, w, h);
    core::FurnitureOptions base = app.furniture;
    base.title.clear();
    base.subtitle.clear();
    m_show = m_stage.slide(app.document, index, base);
    m_current = index;
    try {
        const core::Camera target = geo::frameOutput(app.document, {m_show.bbox, w, h, m_show.centre});
        m_slideView = core::viewOf(target);
        if (!m_shownOnce || m_show.transition == core::Transition::Cut || m_show.seconds <= 0.0) {
            core::applyView(app.camera, m_slideView);
            navigator.flyTo(app.camera, m_slideView, 0.0); // stops a flight under way
        } else {
            navigator.flyTo(app.camera, m_slideView, m_show.seconds);
        }
    } catch (const std::exception& e) {
        // A view the CRS cannot show: the slide is shown where the camera is, and says why.
        app.report(core::Severity::Warning, "slide " + std::to_string(index + 1) + ": " + e.what());
    }
    m_shownOnce = true;
    return true;
}

} // namespace corridor::platform

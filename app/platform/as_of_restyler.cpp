#include "platform/as_of_restyler.hpp"

#include "render/map_labels.hpp"
#include "render/map_renderer.hpp"
#include "render/map_scene.hpp"

#include <utility>

namespace corridor::platform {

namespace {

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// The layers a date changes: those whose style asks "@as-of".
std::vector<std::size_t> datedSlots(const core::MapDocument& document)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < document.layers.size(); ++i) {
        if (core::usesAsOf(document.layers[i].style)) {
            out.push_back(i);
        }
    }
    return out;
}

} // namespace

AsOfRestyler::~AsOfRestyler()
{
    if (m_pending.valid()) {
        m_pending.wait();
    }
}

bool AsOfRestyler::running() const
{
    return m_pending.valid() && m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

void AsOfRestyler::request(const core::AppState& app, std::optional<core::Date> date)
{
    if (m_pending.valid()) {
        // The build in flight goes on (its meshes are most of the way); this date is built after it.
        m_waiting = date != m_date;
        m_next = date;
        m_nextAsked = std::chrono::steady_clock::now();
        return;
    }
    if (date == app.document.asOf) {
        return;
    }
    m_date = date;
    m_asked = std::chrono::steady_clock::now();
    start(app);
}

void AsOfRestyler::start(const core::AppState& app)
{
    // Everything the worker reads is captured here: the layers' lon/lat data (never written while the viewer runs)
    // and copies of the styles and the CRS. Identify indexes do not depend on the style: they stay.
    m_slots = datedSlots(app.document);
    m_layers.clear();
    m_styles.clear();
    std::vector<LayerJob> jobs;
    for (const std::size_t i : m_slots) {
        const core::MapLayer& l = app.document.layers[i];
        jobs.push_back({&l.data, l.style, std::nullopt});
        m_layers.push_back(&l.data);
        m_styles.push_back(l.style);
    }
    m_crs = app.document.viewCrs;
    m_pending = buildLayersAsync(std::move(jobs), m_crs, false, m_date);
}

bool AsOfRestyler::poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels, bool canApply)
{
    if (!m_pending.valid() || !canApply || running()) {
        return false;
    }
    std::vector<BuiltLayer> built;
    try {
        built = m_pending.get();
    } catch (const std::exception& e) {
        const std::string date = m_date ? m_date->iso() : "today";
        app.report(core::Severity::Error, "the map as of " + date + ": " + e.what() + "; the map stays as it was");
        m_waiting = false;
        return false;
    }
    std::vector<core::MapLayer>& layers = app.document.layers;
    bool same = m_crs == app.document.viewCrs && datedSlots(app.document) == m_slots && built.size() == m_slots.size();
    for (std::size_t k = 0; same && k < m_slots.size(); ++k) {
        same = &layers[m_slots[k]].data == m_layers[k] && layers[m_slots[k]].style == m_styles[k];
    }
    if (same) {
        // Also when a later date waits: while the slider is dragged or the timeline plays, each date built is shown.
        for (std::size_t k = 0; k < m_slots.size(); ++k) {
            render::swapInMesh(renderer, labels, m_slots[k], built[k].mesh, layers[m_slots[k]]);
        }
        app.document.asOf = m_date;
        m_lastMs = msSince(m_asked);
        m_lastLayers = m_slots.size();
    }
    if (m_waiting) {
        m_waiting = false;
        m_date = m_next;
        m_asked = m_nextAsked;
    }
    // Not built yet: a date asked meanwhile, or this one again when a style reload or a projection switch came first
    // (they built with the date then in effect).
    if (m_date != app.document.asOf) {
        start(app);
    }
    return same;
}

} // namespace corridor::platform

#include "platform/style_reloader.hpp"

#include "geo/layer_builder.hpp"
#include "platform/reprojector.hpp"
#include "render/map_labels.hpp"
#include "render/map_renderer.hpp"
#include "render/map_scene.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

namespace corridor::platform {

StyleReloader::StyleReloader(const std::string& path, std::chrono::milliseconds interval) : m_interval(interval)
{
    if (!path.empty()) {
        m_watcher.emplace(path); // the sheet as it is at start is the baseline
        std::error_code ec;
        m_missing = !std::filesystem::exists(path, ec);
    }
}

StyleReloader::~StyleReloader()
{
    if (m_pending.valid()) {
        m_pending.wait();
    }
}

void StyleReloader::start(const core::AppState& app, core::StyleSheet sheet)
{
    // Everything the worker reads is captured here: the layers' lon/lat data (never written while the viewer
    // runs), and copies of the styles and the CRS. Identify indexes do not depend on the style: they stay.
    std::vector<LayerJob> jobs;
    for (const std::size_t i : geo::sheetOrder(app.document, sheet)) {
        const core::MapLayer& l = app.document.layers[i];
        jobs.push_back({&l.data, core::styleFor(sheet, l.data.name, geo::baseLayerStyle(l)), std::nullopt});
    }
    m_sheet = std::move(sheet);
    m_pending = buildLayersAsync(std::move(jobs), app.document.viewCrs, false, app.document.asOf);
}

bool StyleReloader::poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels)
{
    if (!m_watcher) {
        return false;
    }
    if (m_pending.valid() && m_pending.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        try {
            std::vector<BuiltLayer> built = m_pending.get();
            geo::applyStyleSheet(app.document, *m_sheet); // the same order the worker built in
            for (std::size_t i = 0; i < built.size() && i < app.document.layers.size(); ++i) {
                render::swapInMesh(renderer, labels, i, built[i].mesh, app.document.layers[i]);
            }
            app.document.stylePath = m_watcher->path(); // it may have been broken at start (see the header)
            app.report(core::Severity::Info, m_watcher->path() + ": style reloaded");
        } catch (const std::exception& e) {
            app.report(core::Severity::Error, m_watcher->path() + ": " + e.what() + "; the previous style stays");
        }
        m_sheet.reset();
        return true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (m_pending.valid() || now - m_lastCheck < m_interval) {
        return false;
    }
    m_lastCheck = now;
    std::error_code ec;
    if (!std::filesystem::exists(m_watcher->path(), ec)) {
        if (!m_missing) { // once, not at every look
            m_missing = true;
            app.report(core::Severity::Warning,
                       "style sheet " + m_watcher->path() + " was removed; keeping the current look");
        }
        return false;
    }
    // A sheet that comes back is loaded even when its time and size match the last ones seen (a restored copy).
    const bool reappeared = std::exchange(m_missing, false);
    const bool changed = m_watcher->changed(); // always asked, so its baseline follows the file
    if (!changed && !reappeared) {
        return false;
    }
    try {
        start(app, core::loadStyleSheet(m_watcher->path()));
    } catch (const core::StyleError& e) {
        app.report(core::Severity::Error, std::string(e.what()) + " (the previous style stays)");
    }
    return false;
}

} // namespace corridor::platform

#include "platform/style_reloader.hpp"

#include "geo/layer_builder.hpp"
#include "render/map_labels.hpp"
#include "render/map_renderer.hpp"

namespace corridor::platform {

StyleReloader::StyleReloader(const std::string& path)
{
    if (!path.empty()) {
        m_watcher.emplace(path);
        m_watcher->changed(); // the sheet as loaded at start is the baseline
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
    // runs), and copies of the styles and the CRS.
    std::vector<const core::Layer*> layers;
    std::vector<core::LayerStyle> styles;
    for (const std::size_t i : geo::sheetOrder(app.document, sheet)) {
        const core::MapLayer& l = app.document.layers[i];
        layers.push_back(&l.data);
        styles.push_back(core::styleFor(sheet, l.data.name, core::defaultLayerStyle(l.data, l.paletteIndex)));
    }
    m_sheet = std::move(sheet);
    m_pending = std::async(std::launch::async, [layers, styles, crs = app.document.viewCrs] {
        std::vector<core::LayerMesh> meshes;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            meshes.push_back(geo::buildMesh(*layers[i], styles[i], crs));
        }
        return meshes;
    });
}

bool StyleReloader::poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels)
{
    if (!m_watcher) {
        return false;
    }
    if (m_pending.valid() && m_pending.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        try {
            std::vector<core::LayerMesh> meshes = m_pending.get();
            geo::applyStyleSheet(app.document, *m_sheet); // the same order the worker built in
            for (std::size_t i = 0; i < meshes.size() && i < app.document.layers.size(); ++i) {
                renderer.replaceLayer(i, meshes[i]);
                labels.setLayer(i, std::move(meshes[i].labels), std::move(meshes[i].markers));
                app.document.layers[i].mesh = {};
                app.document.layers[i].mesh.bounds = meshes[i].bounds;
            }
            app.report(core::Severity::Info, m_watcher->path() + ": style reloaded");
        } catch (const std::exception& e) {
            app.report(core::Severity::Error, m_watcher->path() + ": " + e.what() + "; the previous style stays");
        }
        m_sheet.reset();
        return true;
    }
    const auto now = std::chrono::steady_clock::now();
    if (m_pending.valid() || now - m_lastCheck < std::chrono::milliseconds(500)) {
        return false;
    }
    m_lastCheck = now;
    if (!m_watcher->changed()) {
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

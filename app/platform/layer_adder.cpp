#include "platform/layer_adder.hpp"

#include "core/errors.hpp"
#include "core/file_list.hpp"
#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/view_limits.hpp"
#include "render/map_scene.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace corridor::platform {

std::vector<std::string> gdalVectorExtensions()
{
    geo::initGdal();
    std::vector<std::string> lists;
    GDALDriverManager* drivers = GetGDALDriverManager();
    for (int i = 0; i < drivers->GetDriverCount(); ++i) {
        GDALDriver* d = drivers->GetDriver(i);
        const char* vector = d->GetMetadataItem(GDAL_DCAP_VECTOR);
        const char* extensions = d->GetMetadataItem(GDAL_DMD_EXTENSIONS);
        if (vector != nullptr && extensions != nullptr) {
            lists.emplace_back(extensions);
        }
    }
    return core::parseExtensions(lists);
}

LoadedLayers loadForAdding(const std::string& path, std::size_t paletteIndex, const std::string& stylePath,
                           const std::string& viewCrs, bool allowNetwork, std::atomic<float>* progress,
                           const std::atomic<bool>* cancel)
{
    geo::LoadOptions options;
    options.allowNetwork = allowNetwork;
    options.progress = progress;
    options.cancel = cancel;
    LoadedLayers out{path, geo::loadLayers(path, paletteIndex, options)};
    if (out.layers.empty()) {
        throw core::LoadError(path, "", -1, "no vector layers (nothing to add)");
    }
    std::optional<core::StyleSheet> sheet;
    if (!stylePath.empty()) {
        try {
            sheet = core::loadStyleSheet(stylePath);
        } catch (const core::StyleError&) {
            // The style reloader reports a broken sheet; the new layers take the default look meanwhile.
        }
    }
    for (core::MapLayer& l : out.layers) {
        if (sheet) {
            l.style = core::styleFor(*sheet, l.data.name, core::defaultLayerStyle(l.data, l.paletteIndex));
        }
        std::vector<core::FeatureIssue> failures;
        try {
            l.mesh = geo::buildMesh(l.data, l.style, viewCrs, &failures, &l.hits);
        } catch (const std::exception& e) {
            throw core::LoadError(path, l.data.name, -1, std::string("cannot project to the view CRS: ") + e.what());
        }
        l.data.issues.insert(l.data.issues.end(), failures.begin(), failures.end());
    }
    return out;
}

std::size_t appendLayers(core::AppState& app, render::MapScene& scene, LoadedLayers loaded)
{
    core::MapDocument& doc = app.document;
    const std::size_t first = doc.layers.size();
    core::Bounds added;
    for (core::MapLayer& l : loaded.layers) {
        for (const core::FeatureIssue& issue : l.data.issues) {
            app.report(core::Severity::Warning, core::formatIssue(l.data, issue));
        }
        for (const core::FeatureIssue& issue : l.mesh.issues) {
            app.report(core::Severity::Warning,
                       core::formatLocation(l.data.sourcePath, l.data.name, issue.featureId) + ": " + issue.message);
        }
        added.add(l.mesh.bounds);
        doc.layers.push_back(std::move(l));
    }
    scene.append(doc, first);
    render::releaseMeshes(doc, first);
    const std::size_t count = doc.layers.size() - first;
    app.report(core::Severity::Info, "added " + std::to_string(count) + (count == 1 ? " layer" : " layers") +
                                         " from " + loaded.path);
    if (!added.empty()) {
        // The pan and zoom limits were worked out from the data at start: take the new layers in, keeping the view.
        core::Bounds framed = app.camera.visibleWorld();
        framed.add(added);
        app.camera.setLimits(geo::viewLimits(doc, framed));
        app.flyRequest = core::FlyRequest{added, false};
    }
    return first;
}

void removeLayer(core::AppState& app, ui::UiState& ui, render::MapScene& scene, std::size_t index)
{
    core::MapDocument& doc = app.document;
    if (index >= doc.layers.size()) {
        return;
    }
    const std::string title = doc.layers[index].title;
    scene.remove(index);
    doc.layers.erase(doc.layers.begin() + static_cast<std::ptrdiff_t>(index));

    // Everything in the UI that names a layer by its index.
    ui::InspectState& inspect = ui.inspect;
    if (inspect.selected) {
        if (inspect.selected->layer == index) {
            inspect.select(std::nullopt);
        } else if (inspect.selected->layer > index) {
            --inspect.selected->layer;
            inspect.selectionChanged = true; // the same feature: the highlight is drawn again from its new layer
        }
    }
    inspect.hovered.reset();
    ui::AttributeTableState& table = inspect.table;
    if (table.layer == index) {
        table.open = false;
        table.layer = 0;
    } else if (table.layer > index) {
        --table.layer;
    }
    table.dirty = true;
    inspect.countryNames.clear(); // the removed layer may have named countries
    inspect.countryNamesBuilt = false;
    // SearchIndex::builtFor compares layer and feature counts only: another layer of the same size could take this
    // one's place, so rebuild it outright.
    ui.nav.search.index = core::SearchIndex{};
    ui.nav.search.searched.clear();
    ui.nav.search.hits.clear();
    app.report(core::Severity::Info, "removed layer " + title);
}

LayerAdder::~LayerAdder()
{
    if (m_pending.valid()) {
        m_cancel->store(true);
        m_pending.wait();
    }
}

std::string LayerAdder::status() const
{
    if (!m_pending.valid()) {
        return m_queue.empty() ? std::string() : "loading " + std::filesystem::path(m_queue.front()).filename().string() + "…";
    }
    const float p = m_progress->load();
    const std::string name = std::filesystem::path(m_current).filename().string();
    if (p >= 1.0f) {
        return "loading " + name + "… projecting and meshing";
    }
    return "loading " + name + "… " + std::to_string(static_cast<int>(std::lround(p * 100.0f))) + " %";
}

void LayerAdder::wait() const
{
    if (m_pending.valid()) {
        m_pending.wait();
    }
}

std::optional<std::size_t> LayerAdder::poll(core::AppState& app, render::MapScene& scene, bool mayApply)
{
    std::optional<std::size_t> added;
    if (m_pending.valid() && mayApply && m_pending.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        try {
            added = appendLayers(app, scene, m_pending.get());
        } catch (const std::exception& e) {
            // The loader's errors name the file; a bare one (the filesystem, a thread) gets it here.
            const std::string what = e.what();
            app.report(core::Severity::Error, what.find(m_current) != std::string::npos ? what : m_current + ": " + what);
        }
    }
    if (!m_pending.valid() && !m_queue.empty()) {
        m_current = std::move(m_queue.front());
        m_queue.pop_front();
        std::size_t palette = 0;
        for (const core::MapLayer& l : app.document.layers) {
            palette = std::max(palette, l.paletteIndex + 1);
        }
        m_progress->store(0.0f);
        // Everything the worker reads is copied here: it never touches the document.
        m_pending = std::async(std::launch::async, [path = m_current, palette, style = app.document.stylePath,
                                                    crs = app.document.viewCrs, network = m_allowNetwork,
                                                    progress = m_progress.get(), cancel = m_cancel.get()] {
            return loadForAdding(path, palette, style, crs, network, progress, cancel);
        });
    }
    return added;
}

} // namespace corridor::platform

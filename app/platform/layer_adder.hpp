#pragma once
// Add layer and Remove layer for the running viewer. Adding reads the file through GDAL, projects it and builds
// its meshes and identify index on a worker thread (the window keeps drawing; the browser shows "loading X…"),
// then, on the main thread, appends the layers to the document and to the scene without touching the others'
// GPU buffers, and flies to them. A file that cannot be added (not a GDAL file, unreadable, no vector layers,
// unknown CRS) gets one message in the log naming it and why, and nothing else changes.

#include "core/app_state.hpp"
#include "ui/panels.hpp"

#include <atomic>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::render {
struct MapScene;
}

namespace corridor::platform {

// The extensions GDAL's vector drivers declare (GDAL_DMD_EXTENSIONS), lower case: the browser's filter.
std::vector<std::string> gdalVectorExtensions();

// What a load made, ready to append: layers styled and meshed for the view CRS (hits built), with their issues.
struct LoadedLayers {
    std::string path;
    std::vector<core::MapLayer> layers;
};

// The worker's whole job, callable on any thread: loads every layer of `path` (palette colours from
// `paletteIndex` on), styles each by the sheet at `stylePath` when it names the layer (else the default look;
// a sheet that does not parse is the style reloader's to report), and builds its mesh and hit index for
// `viewCrs`. Throws std::runtime_error with a message naming the file and why.
LoadedLayers loadForAdding(const std::string& path, std::size_t paletteIndex, const std::string& stylePath,
                           const std::string& viewCrs, bool allowNetwork, std::atomic<float>* progress = nullptr,
                           const std::atomic<bool>* cancel = nullptr);

// Appends loaded layers to the document and the scene (meshes uploaded, then dropped from the document; bounds
// kept), logs their feature problems, widens the camera's limits to take them in and asks to fly to them.
// Returns the index of the first layer added.
std::size_t appendLayers(core::AppState& app, render::MapScene& scene, LoadedLayers loaded);

// Removes document layer `index` from the document and the scene, and keeps the UI consistent: a selection or
// hover on it is cleared, those on later layers follow their layer down one index, its attribute table closes,
// and the search index is rebuilt at its next use.
void removeLayer(core::AppState& app, ui::UiState& ui, render::MapScene& scene, std::size_t index);

class LayerAdder {
public:
    explicit LayerAdder(bool allowNetwork = false) : m_allowNetwork(allowNetwork) {}
    ~LayerAdder(); // cancels a running load and waits for it
    LayerAdder(const LayerAdder&) = delete;
    LayerAdder& operator=(const LayerAdder&) = delete;

    // Queues a file (or a folder GDAL opens as one dataset); loads run one at a time, in order.
    void add(std::string path) { m_queue.push_back(std::move(path)); }
    bool busy() const { return m_pending.valid() || !m_queue.empty(); }
    // "loading ports.gpkg… 40 %" while busy, else "".
    std::string status() const;

    // Call once per loop turn. Starts the next queued load; when one is done, appends it (appendLayers) or logs
    // its error. `mayApply` false holds a finished load back (a style rebuild in flight indexes the layers).
    // Returns the index of the first layer added, when layers were added this turn.
    std::optional<std::size_t> poll(core::AppState& app, render::MapScene& scene, bool mayApply = true);
    // Waits for the running load (tests).
    void wait() const;

private:
    bool m_allowNetwork = false;
    std::deque<std::string> m_queue;
    std::string m_current;
    std::unique_ptr<std::atomic<float>> m_progress = std::make_unique<std::atomic<float>>(0.0f);
    std::unique_ptr<std::atomic<bool>> m_cancel = std::make_unique<std::atomic<bool>>(false);
    std::future<LoadedLayers> m_pending;
};

} // namespace corridor::platform

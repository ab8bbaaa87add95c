#pragma once
// Live style editing for the viewer: watches a style sheet and, when it is saved, parses it and rebuilds every
// layer's mesh on a worker thread; the old meshes stay on screen until the new ones are ready. A sheet with an
// error is reported (file, line, key) and the previous style stays. The sheet watched need not be the one in
// effect: a --style that was broken at start (the viewer then shows the bundled style) is applied once it is
// fixed, and becomes the document's stylePath. A sheet that is removed is reported once and the look kept; when
// it comes back it is loaded again.

#include "core/app_state.hpp"
#include "core/style_file.hpp"
#include "platform/reprojector.hpp"

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <vector>

namespace corridor::render {
class MapRenderer;
class MapLabels;
} // namespace corridor::render

namespace corridor::platform {

class StyleReloader {
public:
    // "" disables it. `interval`: how often the file is looked at (tests use 0).
    explicit StyleReloader(const std::string& path,
                           std::chrono::milliseconds interval = std::chrono::milliseconds(500));
    ~StyleReloader();                                // waits for a running rebuild
    StyleReloader(const StyleReloader&) = delete;
    StyleReloader& operator=(const StyleReloader&) = delete;

    // Call once per loop turn (cheap: looks at the file at most once per interval). Returns true when new meshes
    // were put on the GPU, i.e. the map must be redrawn.
    bool poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels);
    bool busy() const { return m_pending.valid(); }

private:
    void start(const core::AppState& app, core::StyleSheet sheet);

    std::optional<core::FileWatcher> m_watcher;
    std::chrono::milliseconds m_interval;
    std::chrono::steady_clock::time_point m_lastCheck;
    bool m_missing = false; // the file was gone at the last look (and that was reported)
    std::optional<core::StyleSheet> m_sheet;               // the sheet being built
    std::future<std::vector<BuiltLayer>> m_pending;       // meshes in the sheet's draw order (buildLayersAsync)
};

} // namespace corridor::platform

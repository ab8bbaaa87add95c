#pragma once
// The viewer's date change (the timeline, "map as of", issue 14): rebuilds on a worker the meshes of the layers
// whose style asks "@as-of" (core::usesAsOf) for the new date; the old map stays on screen until the new meshes are
// in, then document.asOf takes the date, so the legend, identify, the furniture and the session follow what is
// drawn. The worker is buildLayersAsync, as for a style reload or a projection switch. Dragging the slider or
// playing asks for many dates: one build runs at a time, and a date asked meanwhile waits and is built next (the
// last one asked wins). Main thread only.
//
// With the other workers: it reads the layers while it runs (running()): the viewer neither reorders nor adds nor
// removes layers meanwhile, as for the other two. It swaps only when `canApply` (no style reload or projection
// build pending), and a build whose layers, styles or CRS changed meanwhile is made again, so a reload or a switch
// that lands first is never undone by an older build.

#include "core/app_state.hpp"
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

class AsOfRestyler {
public:
    AsOfRestyler() = default;
    ~AsOfRestyler(); // waits for a running build
    AsOfRestyler(const AsOfRestyler&) = delete;
    AsOfRestyler& operator=(const AsOfRestyler&) = delete;

    // Asks for the map as of `date`; std::nullopt: today (the "@as-of" rules off). Asking for the date in effect
    // with nothing pending does nothing.
    void request(const core::AppState& app, std::optional<core::Date> date);
    // When the build is done and `canApply`, swaps its meshes and labels into `renderer` and `labels` and sets
    // document.asOf; then starts the date asked meanwhile, if any. True when the map changed.
    bool poll(core::AppState& app, render::MapRenderer& renderer, render::MapLabels& labels, bool canApply = true);

    bool running() const; // the worker reads the layers
    bool busy() const { return m_pending.valid() || m_waiting; }
    // The date being built (or waiting), when busy().
    const std::optional<core::Date>& target() const { return m_waiting ? m_next : m_date; }
    // From the request to the swap, of the last date change (ms); 0 before the first.
    double lastMs() const { return m_lastMs; }
    std::size_t lastLayers() const { return m_lastLayers; } // layers that change rebuilt

private:
    void start(const core::AppState& app);

    std::optional<core::Date> m_date; // the date being built
    std::optional<core::Date> m_next; // asked while a build runs
    bool m_waiting = false;
    std::vector<std::size_t> m_slots;         // the layers built, by index into document.layers
    std::vector<const core::Layer*> m_layers; // what the build read, to notice a reorder
    std::vector<core::LayerStyle> m_styles;
    std::string m_crs;
    std::future<std::vector<BuiltLayer>> m_pending;
    std::chrono::steady_clock::time_point m_asked, m_nextAsked;
    double m_lastMs = 0.0;
    std::size_t m_lastLayers = 0;
};

} // namespace corridor::platform

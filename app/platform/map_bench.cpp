#include "platform/map_bench.hpp"

#include "geo/layer_builder.hpp"
#include "platform/headless_context.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"
#include "render/view_cache.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace corridor::platform {

namespace {

std::size_t layerCpuBytes(const core::Layer& l)
{
    std::size_t bytes = l.coords.capacity() * sizeof(core::Vec2d) + l.parts.capacity() * sizeof(core::Part) +
                        l.features.capacity() * sizeof(core::Feature);
    for (const core::Feature& f : l.features) {
        bytes += f.values.capacity() * sizeof(core::AttrValue);
    }
    return bytes;
}

// Camera for frame i of n along the scripted path, starting from `start`.
core::Camera scripted(const core::Camera& start, int i, int n)
{
    core::Camera c = start;
    const int third = std::max(1, n / 3);
    const double span = start.widthPx * start.unitsPerPixel;
    const core::Vec2d focus{start.widthPx * 0.6, start.heightPx * 0.45};
    if (i < third) {
        const double t = static_cast<double>(i) / third; // pan east then back, a quarter of the view
        c.center.x += span * 0.25 * std::sin(t * M_PI);
        c.center.y += span * 0.1 * std::sin(t * 2.0 * M_PI);
        return c;
    }
    const double t = static_cast<double>(i - third) / third;
    const double zoomIn = std::pow(16.0, std::min(t, 1.0));
    const double zoomOut = t > 1.0 ? std::pow(16.0, std::min(t - 1.0, 1.0)) : 1.0;
    c.zoomAbout(focus, zoomIn / zoomOut);
    c.center.x += span * 0.02 * std::sin(t * M_PI); // drift while zooming, as a hand would
    return c;
}

} // namespace

BenchResult runBench(const core::MapDocument& document, const BenchOptions& options)
{
    using Clock = std::chrono::steady_clock;
    const HeadlessContext context;
    BenchResult r;
    r.renderer = context.description();
    render::MapScene scene;
    const auto uploadStart = Clock::now();
    {
        const core::PhaseScope uploading(core::Phase::Upload); // finished, as the upload_ms below
        scene.load(document);
        glFinish();
    }
    for (const core::MapLayer& layer : document.layers) {
        r.vertices += layer.data.coords.size();
        r.cpuBytes += layerCpuBytes(layer.data);
        r.meshBytes += layer.mesh.byteSize();
    }
    glFinish();
    r.uploadMs = std::chrono::duration<double, std::milli>(Clock::now() - uploadStart).count();
    r.phases = core::phaseTimes().totals(); // the load's, before the frames
    r.gpuBytes = scene.renderer.gpuBytes();

    const render::OffscreenTarget target(options.size.width, options.size.height);
    const core::Camera start = geo::frameView(document, std::nullopt, options.size.width, options.size.height);
    render::ViewCache cache;
    r.cache = options.cache;
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(options.frames));
    for (int i = 0; i < options.frames; ++i) {
        const core::Camera camera = scripted(start, i, options.frames);
        const auto t0 = Clock::now();
        target.bind();
        bool rendered = true;
        if (options.cache) {
            cache.render(scene.renderer, camera, scene.order, document.background, false);
            rendered = cache.lastFrameRendered();
        } else {
            scene.renderer.render(camera, scene.order, document.background);
        }
        scene.labels.render(camera, scene.order);
        glFinish();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (rendered) {
            ++r.renderedFrames;
            r.segmentsPerFrame += static_cast<double>(scene.renderer.lastFrame().segmentsDrawn);
        }
    }
    r.frames = options.frames;
    r.images = options.cache ? cache.completedImages() : r.renderedFrames;
    r.segmentsPerFrame /= std::max(1, r.renderedFrames);
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    if (!sorted.empty()) {
        r.medianMs = sorted[sorted.size() / 2];
        r.p95Ms = sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(std::ceil(sorted.size() * 0.95)) - 1)];
        r.maxMs = sorted.back();
    }
    return r;
}

std::string formatBench(const BenchResult& r)
{
    char buf[512];
    const double perVertex = r.vertices > 0 ? static_cast<double>(r.gpuBytes + r.cpuBytes) / r.vertices : 0.0;
    std::snprintf(buf, sizeof buf,
                  "frames=%d median_ms=%.2f p95_ms=%.2f max_ms=%.2f vertices=%zu gpu_bytes=%zu cpu_bytes=%zu "
                  "bytes_per_vertex=%.1f upload_ms=%.0f segments_per_render=%.0f rendered_frames=%d images=%zu cache=%s",
                  r.frames, r.medianMs, r.p95Ms, r.maxMs, r.vertices, r.gpuBytes, r.cpuBytes, perVertex, r.uploadMs,
                  r.segmentsPerFrame, r.renderedFrames, r.images, r.cache ? "on" : "off");
    return buf + (" " + core::formatPhaseKeys(r.phases));
}

} // namespace corridor::platform

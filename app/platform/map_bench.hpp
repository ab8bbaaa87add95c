#pragma once
// `corridor bench`: renders a document headless along a fixed, scripted pan/zoom path and times every frame,
// so anyone can measure the renderer on their own data.

#include "core/map_document.hpp"
#include "core/phase_times.hpp"

#include <cstddef>
#include <string>

namespace corridor::platform {

struct BenchOptions {
    core::ImageSize size{1920, 1080};
    int frames = 300;
    bool cache = true; // draw through render::ViewCache, as the viewer does while the view moves: new images are
                       // rendered progressively, a time-budgeted slice per frame
};

struct BenchResult {
    int frames = 0;
    double medianMs = 0.0;
    double p95Ms = 0.0;
    double maxMs = 0.0;
    std::size_t vertices = 0;      // input vertices of all layers
    std::size_t gpuBytes = 0;      // static buffers uploaded
    std::size_t cpuBytes = 0;      // what the viewer keeps on the CPU after upload (lon/lat geometry)
    std::size_t meshBytes = 0;     // CPU mesh arrays before upload (freed by the viewer)
    double uploadMs = 0.0;
    double segmentsPerFrame = 0.0; // mean line segments drawn by a frame that rendered (after level of detail and culling)
    int renderedFrames = 0;        // frames that rendered the layers, whole or a slice (the rest only drew the cache)
    std::size_t images = 0;        // cache images completed along the path (each may take several frames)
    bool cache = true;
    std::string renderer;
    // The load's phases (core::phaseTimes() from the caller's reset to the end of the upload, before any frame);
    // printed as phase_*_ms keys.
    core::PhaseTotals phases;
};

// The scripted path: a third of the frames pans across the view, a third zooms in 16× about a point off centre
// while drifting, a third zooms back out. Each frame ends with glFinish so the GPU's (llvmpipe's) work is timed.
BenchResult runBench(const core::MapDocument& document, const BenchOptions& options);

std::string formatBench(const BenchResult& r); // "frames=N median_ms=X p95_ms=Y vertices=V …"

} // namespace corridor::platform

// Identify benchmark (not pass/fail): what the hit index costs to build and to query.
//  1. The bundled data: load time (load + project + mesh + index, as the viewer does), the index's own build time,
//     and the median hit test over a grid of clicks at the corridor overview and at the Gulf islands.
//  2. A generated layer of 10^7 vertices (random walks, view-CRS metres, fixed seed) plus one polygon of 10^6
//     vertices with 10^3 holes: the index's build time and the median hit test over a grid of clicks, zoomed out
//     (the whole layer in 1600 px) and in.
// Usage: hit_bench [GEODATA_DIR] [VERTICES]

#include "core/hit_test.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/document_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>

using namespace corridor;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Median and maximum time of hitTest over a 40 × 25 grid of clicks across the viewport; the mean hits found.
void timeClicks(const char* what, const core::MapDocument& doc, const core::Camera& camera)
{
    std::vector<double> times;
    std::size_t found = 0;
    for (int gy = 0; gy < 25; ++gy) {
        for (int gx = 0; gx < 40; ++gx) {
            const core::Vec2d at{(gx + 0.5) * camera.widthPx / 40, (gy + 0.5) * camera.heightPx / 25};
            const auto t0 = Clock::now();
            const std::vector<core::Hit> hits = core::hitTest(doc, camera, at);
            times.push_back(ms(t0, Clock::now()));
            found += hits.size();
        }
    }
    std::printf("  %-44s median %.3f ms, max %.3f ms, %.1f hits per click (%zu clicks)\n", what, median(times),
                *std::max_element(times.begin(), times.end()), static_cast<double>(found) / times.size(),
                times.size());
}

// Process CPU time, ms (all threads): steadier than the wall clock on a machine shared with other work.
double cpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

void bundled(const std::string& dir)
{
    std::printf("bundled data (%s)\n", dir.c_str());
    std::vector<double> loads, loadsCpu;
    core::MapDocument doc;
    for (int run = 0; run < 5; ++run) {
        core::MapDocument d;
        std::vector<core::LogEntry> log;
        platform::DocumentSources sources;
        sources.dataDir = dir;
        const auto t0 = Clock::now();
        const double c0 = cpuMs();
        platform::loadDocument(sources, d, log, platform::BrokenStyle::Fail);
        loads.push_back(ms(t0, Clock::now()));
        loadsCpu.push_back(cpuMs() - c0);
        doc = std::move(d);
    }
    // A/B: every layer projected and meshed without the index, then with it (one thread, CPU time), and the index
    // alone on the projected layer.
    std::vector<double> without, with, alone;
    std::size_t vertices = 0, bytes = 0;
    for (int run = 0; run < 5; ++run) {
        double a = 0.0, b = 0.0, c = 0.0;
        vertices = bytes = 0;
        for (const core::MapLayer& l : doc.layers) {
            double t = cpuMs();
            geo::buildMesh(l.data, l.style, doc.viewCrs);
            a += cpuMs() - t;
            std::shared_ptr<const core::HitIndex> hits;
            t = cpuMs();
            geo::buildMesh(l.data, l.style, doc.viewCrs, nullptr, &hits);
            b += cpuMs() - t;
            const geo::ProjContext proj;
            const core::Layer projected = geo::projectLayer(l.data, geo::Transformer(proj, geo::kLonLat, doc.viewCrs));
            t = cpuMs();
            const core::HitIndex index(projected);
            c += cpuMs() - t;
            vertices += projected.coords.size();
            bytes += index.byteSize();
        }
        without.push_back(a);
        with.push_back(b);
        alone.push_back(c);
    }
    const double load = median(loads), loadCpu = median(loadsCpu), index = median(alone);
    std::printf("  load (read, project, mesh, index):  median %.0f ms wall, %.0f ms CPU (5 runs)\n", load, loadCpu);
    std::printf("  project+mesh, all layers, 1 thread: median %.0f ms CPU without the index, %.0f ms with it\n",
                median(without), median(with));
    std::printf("  index alone: median %.1f ms CPU (%zu vertices, %.1f MB) = +%.1f %% of the load's CPU time without "
                "it\n",
                index, vertices, bytes / 1048576.0, 100.0 * index / (loadCpu - index));
    timeClicks("hit test, corridor overview 1600x1000", doc,
               geo::frameView(doc, core::kCorridorView, 1600, 1000));
    timeClicks("hit test, Gulf islands 1600x1000", doc,
               geo::frameView(doc, core::GeoBox{54.5, 25.55, 55.7, 26.55}, 1600, 1000));
    timeClicks("hit test, Rasht-Astara 1600x1000", doc,
               geo::frameView(doc, core::GeoBox{48.3, 37.0, 50.3, 38.6}, 1600, 1000));
}

void generated(std::size_t vertices)
{
    std::printf("generated layer: %zu line vertices (random walks of 10^4) + a polygon of 10^6 vertices, 10^3 holes\n",
                vertices);
    core::Layer walks;
    walks.name = "walks";
    std::mt19937 rng(7);
    std::normal_distribution<double> step(0.0, 300.0);
    std::uniform_real_distribution<double> start(0.0, 2.0e6);
    const std::size_t perWalk = 10000;
    std::vector<core::Vec2d> line(perWalk);
    for (std::size_t w = 0; w * perWalk < vertices; ++w) {
        core::Vec2d p{start(rng), start(rng)};
        for (core::Vec2d& v : line) {
            p.x = std::clamp(p.x + step(rng), 0.0, 2.0e6);
            p.y = std::clamp(p.y + step(rng), 0.0, 2.0e6);
            v = p;
        }
        core::Feature f;
        f.type = core::GeometryType::Line;
        f.firstPart = static_cast<std::uint32_t>(walks.parts.size());
        f.partCount = 1;
        core::appendPart(walks, core::PartRole::Line, line.data(), line.size());
        walks.features.push_back(std::move(f));
    }
    core::Layer areas;
    areas.name = "areas";
    {
        core::Feature f;
        f.type = core::GeometryType::Polygon;
        std::vector<core::Vec2d> ring;
        const int n = 1000000;
        for (int i = 0; i < n; ++i) {
            const double a = 2.0 * M_PI * i / n, r = 9.0e5 + 2.0e4 * std::sin(i * 0.37);
            ring.push_back({1.0e6 + r * std::cos(a), 1.0e6 + r * std::sin(a)});
        }
        core::appendPart(areas, core::PartRole::OuterRing, ring.data(), ring.size());
        f.partCount = 1;
        for (int h = 0; h < 1000; ++h) {
            const double cx = 3.0e5 + (h % 32) * 4.4e4, cy = 3.0e5 + (h / 32) * 4.4e4;
            const std::vector<core::Vec2d> hole{{cx, cy}, {cx + 1.0e4, cy}, {cx + 1.0e4, cy + 1.0e4}, {cx, cy + 1.0e4}};
            core::appendPart(areas, core::PartRole::InnerRing, hole.data(), hole.size());
            ++f.partCount;
        }
        areas.features.push_back(std::move(f));
    }
    core::MapDocument doc;
    for (core::Layer* l : {&areas, &walks}) {
        const auto t0 = Clock::now();
        auto index = std::make_shared<const core::HitIndex>(*l);
        std::printf("  index build, %-6s %9zu vertices: %.0f ms, %.0f MB\n", l->name.c_str(), l->coords.size(),
                    ms(t0, Clock::now()), index->byteSize() / 1048576.0);
        core::MapLayer m;
        m.title = l->name;
        m.hits = std::move(index);
        m.data = std::move(*l);
        doc.layers.push_back(std::move(m));
    }
    core::Camera camera;
    camera.resize(1600, 1000);
    core::Bounds all;
    all.add(core::Vec2d{0, 0});
    all.add(core::Vec2d{2.0e6, 2.0e6});
    camera.fit(all, 0);
    timeClicks("hit test, whole layer in view", doc, camera);
    camera.zoomAbout({800, 500}, 64.0);
    timeClicks("hit test, zoomed in 64x", doc, camera);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string dir = argc > 1 ? argv[1] : CORRIDOR_GEODATA_DIR;
    const std::size_t vertices = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000000;
    bundled(dir);
    generated(vertices);
    return 0;
}

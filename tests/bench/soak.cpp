// Soak: load layers, upload them, switch the view CRS, export a PNG and unload, many times in one process, and
// check that memory comes back. One headless GL context and one MapScene live for the whole run, as in the
// viewer, so GPU buffers of unloaded layers must be freed by the renderer rather than by a dying context.
//
// Each iteration i takes source set i % sets (the bundled geodata with its style sheet, then each fixture of
// tests/data alone, broken ones included: their load errors are part of the soak) and view CRS i % 4 (corridor
// LCC, EPSG:3857, EPSG:4326, an Albers equal-area conic), loads and projects as `corridor export` does, uploads
// into the scene's slots, exports 640×400 into a temporary folder, deletes the PNG and unloads every slot.
//
// After `--warmup` iterations (at most one source cycle more) the baseline is taken: RSS (/proc/self/statm), the
// renderer's GPU buffer bytes, open file descriptors (/proc/self/fd) and GDAL's open datasets, and malloc's bytes in
// use (mallinfo2). At the end, RSS must be within max(+rss-percent %, +rss-mb MB) of it, the heap in use within
// +heap-mb MB, the rest exactly back. Exit 0 PASS, 1 FAIL, 2 usage or setup error.
//
// The RSS checked is taken after malloc_trim(0): the multithreaded mesh build leaves free pages in glibc's arenas
// that come and go by tens of MB from one iteration to the next with no byte leaked (the heap in use stays flat),
// and raw RSS then passes or fails by chance. Trimmed RSS still counts every page in use, malloc'd or mapped (GL
// driver memory included), so a leak shows in it. The table shows both; --raw-rss checks the raw figure and
// never trims.
//
// Usage: soak [--iterations N] [--warmup W] [--every K] [--geodata DIR] [--fixtures DIR] [--rss-percent P]
//             [--rss-mb M] [--heap-mb H] [--raw-rss]

#include "core/map_document.hpp"
#include "core/style_file.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "platform/map_export.hpp"
#include "render/map_scene.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <malloc.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace corridor;

namespace {

struct Options {
    int iterations = 500;
    int warmup = 20;
    int every = 50;
    std::string geodata = CORRIDOR_GEODATA_DIR;
    std::string fixtures = CORRIDOR_TEST_DATA;
    double rssPercent = 10.0;
    double rssMb = 30.0;
    double heapMb = 2.0;
    bool rawRss = false; // check RSS as it is, without returning glibc's free pages first
};

struct Sample {
    double rawRssMb = 0.0; // as the process holds it
    double rssMb = 0.0; // after malloc_trim (unless --raw-rss): the pages in use
    double heapMb = 0.0; // malloc'd and not freed: tells a leak from memory glibc keeps for reuse
    std::size_t gpuBytes = 0;
    int fds = 0;
    int gdalDatasets = 0;
};

double rssMb()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double heapInUseMb()
{
    const struct mallinfo2 m = mallinfo2(); // summed over every arena
    return static_cast<double>(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

int openFds()
{
    int n = 0;
    std::error_code ec;
    for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
        ++n;
    }
    return n - 1; // the iterator's own descriptor
}

int gdalOpenDatasets()
{
    int count = 0;
    GDALDataset::GetOpenDatasets(&count);
    return count;
}

Sample sample(const render::MapScene& scene, bool trim)
{
    const double raw = rssMb();
    if (trim) {
        malloc_trim(0);
    }
    return {raw, trim ? rssMb() : raw, heapInUseMb(), scene.renderer.gpuBytes(), openFds(), gdalOpenDatasets()};
}

// One source set: the files loaded together, and the style sheet laid over them ("" for none).
struct SourceSet {
    std::string label;
    std::vector<std::string> files;
    std::string style;
};

std::vector<SourceSet> sourceSets(const Options& o)
{
    std::vector<SourceSet> sets;
    SourceSet bundled {"geodata", geo::dataFilesIn(o.geodata), {}};
    if (fs::exists(o.geodata + "/style.toml")) {
        bundled.style = o.geodata + "/style.toml";
    }
    if (!bundled.files.empty()) {
        sets.push_back(bundled);
    }
    std::vector<std::string> fixtures;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(o.fixtures, ec)) {
        if (e.is_regular_file()) {
            fixtures.push_back(e.path().string());
        }
    }
    std::sort(fixtures.begin(), fixtures.end());
    for (const std::string& f : fixtures) {
        sets.push_back({fs::path(f).filename().string(), {f}, {}});
    }
    return sets;
}

const std::vector<std::string>& viewCrss()
{
    static const std::vector<std::string> crss {
        geo::kCorridorLcc,
        "EPSG:3857",
        "EPSG:4326",
        "+proj=aea +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs",
    };
    return crss;
}

// Loads and projects a set as `corridor export` does; sources that fail are counted, the rest load.
core::MapDocument loadSet(const SourceSet& set, const std::string& crs, int& failures)
{
    core::MapDocument doc;
    doc.viewCrs = geo::normalizeCrsDefinition(crs);
    for (const std::string& file : set.files) {
        try {
            for (core::MapLayer& layer : geo::loadLayers(file, doc.layers.size())) {
                doc.layers.push_back(std::move(layer));
            }
        } catch (const std::exception&) {
            ++failures;
        }
    }
    if (!set.style.empty()) {
        const core::StyleSheet sheet = core::loadStyleSheet(set.style);
        geo::applyStyleSheet(doc, sheet);
        doc.viewCrs = geo::normalizeCrsDefinition(crs); // the soak's CRS, not the sheet's
        doc.initialView = core::kCorridorView;
    }
    geo::buildMeshes(doc);
    return doc;
}

// Uploads the document into the scene's slots (reusing those an earlier iteration emptied) and drops its CPU meshes.
void upload(render::MapScene& scene, core::MapDocument& doc)
{
    scene.order.clear();
    for (std::size_t i = 0; i < doc.layers.size(); ++i) {
        core::MapLayer& layer = doc.layers[i];
        if (i < scene.renderer.layerCount()) {
            scene.renderer.replaceLayer(i, layer.mesh);
        } else {
            scene.renderer.addLayer(layer.mesh);
        }
        scene.labels.setLayer(i, std::move(layer.mesh.labels), std::move(layer.mesh.markers));
        scene.order.push_back({i, layer.visible, layer.opacity});
        layer.mesh = {};
    }
}

// Empties every slot, as closing all layers in the viewer would: their GPU buffers must go.
void unload(render::MapScene& scene)
{
    for (std::size_t i = 0; i < scene.renderer.layerCount(); ++i) {
        scene.renderer.replaceLayer(i, core::LayerMesh {});
        scene.labels.setLayer(i, {}, {});
    }
    scene.order.clear();
}

bool parseArgs(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--raw-rss") {
            o.rawRss = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "soak: %s needs a value\n", a.c_str());
            return false;
        }
        const std::string v = argv[++i];
        try {
            if (a == "--iterations") {
                o.iterations = std::stoi(v);
            } else if (a == "--warmup") {
                o.warmup = std::stoi(v);
            } else if (a == "--every") {
                o.every = std::max(1, std::stoi(v));
            } else if (a == "--geodata") {
                o.geodata = v;
            } else if (a == "--fixtures") {
                o.fixtures = v;
            } else if (a == "--rss-percent") {
                o.rssPercent = std::stod(v);
            } else if (a == "--rss-mb") {
                o.rssMb = std::stod(v);
            } else if (a == "--heap-mb") {
                o.heapMb = std::stod(v);
            } else {
                std::fprintf(stderr, "soak: unknown option %s\n", a.c_str());
                return false;
            }
        } catch (const std::exception&) {
            std::fprintf(stderr, "soak: %s: not a number: %s\n", a.c_str(), v.c_str());
            return false;
        }
    }
    if (o.warmup < 0 || o.iterations <= o.warmup) {
        std::fprintf(stderr, "soak: --iterations (%d) must exceed --warmup (%d)\n", o.iterations, o.warmup);
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    if (!parseArgs(argc, argv, o)) {
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    try {
        geo::initGdal();
        const std::vector<SourceSet> sets = sourceSets(o);
        if (sets.empty()) {
            std::fprintf(stderr, "soak: no sources in %s or %s\n", o.geodata.c_str(), o.fixtures.c_str());
            return 2;
        }
        const std::vector<std::string>& crss = viewCrss();
        // The baseline is taken at the same point of the source cycle as the last iteration: what the GL driver
        // holds after an iteration depends on what it drew last (it lets go of a deleted buffer at the next draw
        // that binds another), so compare like with like.
        const int cycle = static_cast<int>(sets.size());
        int baseAt = std::max(1, o.warmup + (o.iterations - o.warmup) % cycle);
        if (baseAt >= o.iterations) {
            baseAt = std::max(1, o.warmup);
            std::printf("note: too few iterations to compare the same point of the %d-set cycle; the baseline is "
                        "iteration %d\n",
                cycle, baseAt);
        }
        char pattern[] = "/tmp/corridor-soak-XXXXXX";
        if (mkdtemp(pattern) == nullptr) {
            std::perror("soak: mkdtemp");
            return 2;
        }
        const fs::path outDir = pattern;
        // Removed however the run ends (an export that throws included), not only after the last iteration.
        struct RemoveOnExit {
            fs::path path;
            ~RemoveOnExit()
            {
                std::error_code ec;
                fs::remove_all(path, ec);
            }
        } const removeOutDir {outDir};

        const platform::HeadlessContext context;
        std::printf("soak: %d iterations (warm-up %d), %zu source sets, %zu view CRSs, 640x400 exports, %s\n",
            o.iterations, o.warmup, sets.size(), crss.size(), context.description().c_str());
        render::MapScene scene;
        const Sample start = sample(scene, !o.rawRss);
        std::printf("start: RSS %.1f MB (trimmed %.1f), GPU %zu B, %d fds, %d GDAL datasets\n", start.rawRssMb,
            start.rssMb, start.gpuBytes, start.fds, start.gdalDatasets);
        std::printf("%9s %9s %9s %9s %9s %5s %6s %9s\n", "iteration", "RSS MB", "trimmed", "heap MB", "GPU MB", "fds",
            "GDAL", "ms/iter");

        Sample baseline, end;
        double peakGpuMb = 0.0;
        int loadFailures = 0;
        std::vector<double> times;
        std::vector<double> setMs(sets.size(), 0.0);
        auto windowStart = Clock::now();
        int windowCount = 0;
        for (int i = 1; i <= o.iterations; ++i) {
            const auto t0 = Clock::now();
            const SourceSet& set = sets[static_cast<std::size_t>(i - 1) % sets.size()];
            const std::string& crs = crss[static_cast<std::size_t>(i - 1) % crss.size()];
            core::MapDocument doc = loadSet(set, crs, loadFailures);
            upload(scene, doc);
            peakGpuMb = std::max(peakGpuMb, static_cast<double>(scene.renderer.gpuBytes()) / (1024.0 * 1024.0));
            if (!doc.layers.empty()) {
                const core::Camera camera = geo::frameView(doc, std::nullopt, 640, 400);
                const std::string out = (outDir / ("soak-" + std::to_string(i) + ".png")).string();
                platform::OutputOptions output;
                output.out = out;
                const platform::ExportResult written = platform::exportView(scene, doc, camera, core::noFurniture({}), output);
                if (!fs::remove(out)) {
                    throw std::runtime_error(out + ": the export wrote no file");
                }
                for (const std::string& sidecar : written.sidecars) {
                    if (!fs::remove(sidecar)) {
                        throw std::runtime_error(sidecar + ": the export did not write this sidecar");
                    }
                }
            }
            unload(scene);
            doc = {};
            times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            setMs[static_cast<std::size_t>(i - 1) % sets.size()] += times.back();
            ++windowCount;
            // One sample per iteration at most: sampling trims, which would hide the raw RSS from a second one.
            const bool row = i % o.every == 0 || i == o.iterations;
            if (i != baseAt && !row) {
                continue;
            }
            const Sample s = sample(scene, !o.rawRss);
            if (i == baseAt) {
                baseline = s;
                std::printf("baseline at iteration %d: RSS %.1f MB (trimmed %.1f), heap %.1f MB, GPU %zu B, %d fds, "
                            "%d GDAL datasets\n",
                    i, s.rawRssMb, s.rssMb, s.heapMb, s.gpuBytes, s.fds, s.gdalDatasets);
            }
            if (i == o.iterations) {
                end = s;
            }
            if (row) {
                const double ms
                    = std::chrono::duration<double, std::milli>(Clock::now() - windowStart).count() / windowCount;
                std::printf("%9d %9.1f %9.1f %9.1f %9.3f %5d %6d %9.1f\n", i, s.rawRssMb, s.rssMb, s.heapMb,
                    static_cast<double>(s.gpuBytes) / (1024.0 * 1024.0), s.fds, s.gdalDatasets, ms);
                std::fflush(stdout);
                windowStart = Clock::now();
                windowCount = 0;
            }
        }

        std::vector<double> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        double total = 0.0;
        for (double t : times) {
            total += t;
        }
        std::printf("per iteration: mean %.1f ms, median %.1f ms, max %.1f ms; peak GPU while loaded %.2f MB; "
                    "%d source loads failed as expected (broken fixtures)\n",
            total / static_cast<double>(times.size()), sorted[sorted.size() / 2], sorted.back(), peakGpuMb,
            loadFailures);
        std::printf("mean ms per iteration by source set:");
        for (std::size_t k = 0; k < sets.size(); ++k) {
            const int runs = o.iterations / cycle + (static_cast<int>(k) < o.iterations % cycle ? 1 : 0);
            std::printf(" %s %.0f", sets[k].label.c_str(), runs > 0 ? setMs[k] / runs : 0.0);
        }
        std::printf("\n");

        const double allowedMb = std::max(baseline.rssMb * o.rssPercent / 100.0, o.rssMb);
        bool pass = true;
        auto check = [&pass](bool ok, const std::string& what) {
            std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
            pass = pass && ok;
        };
        char line[256];
        std::snprintf(line, sizeof line, "%s %.1f MB vs baseline %.1f MB (%+.1f MB, allowed +%.1f MB)",
            o.rawRss ? "RSS" : "RSS (trimmed)", end.rssMb, baseline.rssMb, end.rssMb - baseline.rssMb, allowedMb);
        check(end.rssMb <= baseline.rssMb + allowedMb, line);
        if (!o.rawRss) {
            std::printf("     raw RSS %.1f MB vs baseline %.1f MB (%+.1f MB; not checked, see --raw-rss)\n",
                end.rawRssMb, baseline.rawRssMb, end.rawRssMb - baseline.rawRssMb);
        }
        std::snprintf(line, sizeof line, "heap in use %.2f MB vs baseline %.2f MB (%+.2f MB, allowed +%.1f MB)",
            end.heapMb, baseline.heapMb, end.heapMb - baseline.heapMb, o.heapMb);
        check(end.heapMb <= baseline.heapMb + o.heapMb, line);
        std::snprintf(line, sizeof line, "GPU bytes %zu vs baseline %zu", end.gpuBytes, baseline.gpuBytes);
        check(end.gpuBytes == baseline.gpuBytes, line);
        std::snprintf(line, sizeof line, "open fds %d vs baseline %d", end.fds, baseline.fds);
        check(end.fds == baseline.fds, line);
        std::snprintf(
            line, sizeof line, "open GDAL datasets %d vs baseline %d", end.gdalDatasets, baseline.gdalDatasets);
        check(end.gdalDatasets == baseline.gdalDatasets, line);
        std::printf("%s\n", pass ? "PASS" : "FAIL");
        return pass ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "soak: %s\n", e.what());
        return 2;
    }
}

// corridor: the viewer, the headless export and the data inspector behind one command line.
// Exit codes: 0 ok, 1 runtime error (data, GL, file system), 2 usage error.

#include "core/app_state.hpp"
#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "core/phase_times.hpp"
#include "core/text_clip.hpp"
#include "geo/crs_check.hpp"
#include "geo/inspect.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/document_loader.hpp"
#include "platform/headless_context.hpp"
#include "platform/heap_pages.hpp"
#include "platform/map_bench.hpp"
#include "core/deck.hpp"
#include "platform/deck_export.hpp"
#include "platform/map_export.hpp"
#include "platform/mesh_store.hpp"
#include "platform/session_store.hpp"
#include "platform/validity_cache.hpp"
#include "platform/reprojector.hpp"
#include "platform/viewer.hpp"
#include "render/gl.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <iostream>
#include <sstream>
#include <unistd.h>
#include <utility>

namespace {

using namespace corridor;

constexpr int kOk = 0;
constexpr int kRuntimeError = 1;
constexpr int kUsageError = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct MapOptions {
    std::vector<std::string> data;
    bool noDefaults = false;
    bool allowNetwork = false;
    std::string crs;   // "" = the style sheet's, else the corridor LCC
    std::string style; // "" = geodata/style.toml with the bundled layers
    std::string lang;  // "" = the style's [map] lang, else en
    std::string asOf;  // "" = today: no "@as-of" rule applies
    bool graticule = false;
};

// --lang's values are checked while parsing, so a bad one is a usage error (exit 2) before anything loads.
const CLI::Validator kLabelLanguage(
    [](std::string& value) -> std::string {
        if (core::parseLabelLanguage(value)) {
            return {};
        }
        return "'" + value + "' is not a label language; use en, fa or en+fa";
    },
    "en|fa|en+fa", "label language");

// --as-of likewise: a date the map cannot be drawn at is a usage error naming what is wrong with it.
const CLI::Validator kAsOfDate(
    [](std::string& value) -> std::string {
        std::string problem;
        return core::parseDate(value, &problem) ? std::string() : problem;
    },
    "YYYY[-MM[-DD]]", "date");

void addMapOptions(CLI::App& cmd, MapOptions& o)
{
    cmd.add_option("--data", o.data, "Add a GDAL vector source (repeatable)");
    cmd.add_flag("--no-defaults", o.noDefaults, "Leave out the bundled geodata/ layers");
    cmd.add_flag("--allow-network", o.allowNetwork, "Let GDAL open network sources (/vsicurl/, http://…)");
    cmd.add_option("--crs", o.crs, "View CRS: EPSG code, PROJ string or WKT (default: the style's, else corridor LCC)");
    cmd.add_option("--style", o.style, "Style sheet (TOML, see docs/styles.md); default: the bundled map's");
    cmd.add_option("--lang", o.lang,
                   "Labels: en (English), fa (Persian, English where a feature has no Persian name) or en+fa "
                   "(English over Persian); default: the style's [map] lang, else en")
        ->check(kLabelLanguage);
    cmd.add_option("--as-of", o.asOf,
                   "Draw the map as of this date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date is its first day): "
                   "features not yet built are left out, planned ones drawn as planned (the style's \"@as-of\" "
                   "rules, docs/styles.md)")
        ->check(kAsOfDate);
    cmd.add_flag("--graticule", o.graticule,
                 "Draw the graticule: labelled meridians and parallels at a spacing for the zoom (the viewer's View "
                 "menu switches it)");
}

std::string defaultDataDir()
{
    if (const char* env = std::getenv("CORRIDOR_DATA_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return CORRIDOR_DEFAULT_DATA_DIR;
}

// "nothing was written" and the like, after the errors themselves: which inputs failed.
platform::DocumentSources documentSources(const MapOptions& o)
{
    platform::DocumentSources s{o.data, o.noDefaults, o.allowNetwork, o.crs, o.style, defaultDataDir(),
                                core::parseLabelLanguage(o.lang), core::parseDate(o.asOf), std::nullopt};
    // GEOS's polygon validity verdicts, kept between runs: data checked before is not checked again.
    static const platform::ValidityCache verdicts(platform::ValidityCache::defaultDir());
    s.validityMemo = &verdicts;
    return s;
}

std::string failedInputs(const platform::LoadResult& r)
{
    std::string text;
    if (r.styleFailed) {
        text = "the style sheet";
    }
    if (r.failedSources > 0) {
        text += (text.empty() ? "" : " and ") + std::to_string(r.failedSources) + " source(s)";
    }
    return text + " could not be read";
}

// Prints each line of `text` with the inputs it quotes cut to a readable length.
void printClipped(std::ostream& out, const std::string& text)
{
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        out << core::clipEchoes(line) << "\n";
    }
}

void printLog(const std::vector<core::LogEntry>& log, std::size_t maxWarnings = 20)
{
    std::size_t warnings = 0;
    for (const core::LogEntry& e : log) {
        if (e.severity == core::Severity::Error) {
            printClipped(std::cerr, "corridor: error: " + e.text);
        } else if (++warnings <= maxWarnings) {
            printClipped(std::cerr, "corridor: warning: " + e.text);
        }
    }
    if (warnings > maxWarnings) {
        std::cerr << "corridor: … and " << (warnings - maxWarnings) << " more warnings (see `corridor info`)\n";
    }
}

// Every file the map reads, which --out must not replace.
std::vector<std::string> inputFiles(const MapOptions& o)
{
    std::vector<std::string> files = o.data;
    files.push_back(o.style);
    if (!o.noDefaults) {
        const std::vector<std::string> bundled = geo::dataFilesIn(defaultDataDir());
        files.insert(files.end(), bundled.begin(), bundled.end());
        files.push_back(defaultDataDir() + "/style.toml");
    }
    return files;
}

// Checks --out before any rendering, so a bad path fails fast and clearly.
// What `corridor export` was asked for, as typed.
struct ExportCli {
    std::string out;
    std::string size = "1920x1080";
    std::string bbox;
    std::string view;      // lon,lat,zoom
    std::string layers;    // a,b,c: only these layers
    std::string title, subtitle;
    std::string furniture; // legend,scale,…; "" = every item that applies
    bool noFurniture = false;
    double scale = 0.0;    // 0: not given
    double dpi = 0.0;
    bool nauticalMiles = false;
    bool force = false;
    std::string format = "png"; // png | gtiff
};

// The layers named in `list` (comma-separated layer names, as `corridor info` and the Layers panel show them)
// stay visible, every other is hidden; an unknown name is a usage error listing the known ones.
void showOnlyLayers(core::MapDocument& doc, const std::string& list)
{
    std::vector<std::string> wanted;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        std::string name = list.substr(start, comma - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty()) {
            wanted.push_back(name);
        }
        start = comma + 1;
    }
    if (wanted.empty()) {
        throw UsageError("--layers: give layer names separated by commas");
    }
    for (const std::string& name : wanted) {
        const bool known = std::any_of(doc.layers.begin(), doc.layers.end(),
                                       [&](const core::MapLayer& l) { return l.data.name == name; });
        if (!known) {
            std::string names;
            for (const core::MapLayer& l : doc.layers) {
                names += (names.empty() ? "" : ", ") + l.data.name;
            }
            throw UsageError("--layers: no layer named '" + name + "'; the layers are: " + names);
        }
    }
    for (core::MapLayer& l : doc.layers) {
        l.visible = l.visible && std::find(wanted.begin(), wanted.end(), l.data.name) != wanted.end();
    }
}

void checkOutputPath(const std::string& out, const std::vector<std::string>& inputs)
{
    namespace fs = std::filesystem;
    if (out.empty()) {
        throw UsageError("--out: a file name is needed");
    }
    const fs::path p(out);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        throw UsageError("--out: " + out + " is a directory; give a file name such as map.png");
    }
    if (auto problem = platform::outputTargetProblem(out, inputs)) {
        throw UsageError("--out: " + *problem);
    }
    // The folder's real problem (missing, not a folder, read-only file system, permission), as the OS words it.
    if (auto problem = platform::outputFolderProblem(out)) {
        throw std::runtime_error("--out: " + *problem);
    }
}

int runExport(const MapOptions& o, const ExportCli& cli)
{
    core::phaseTimes().reset(); // the total runs from here: the whole export but parsing the command line
    platform::tuneHeap();
    platform::ExportOptions options;
    options.format = platform::parseExportFormat(cli.format).value_or(platform::ExportFormat::Png); // checked by CLI11
    // Larger than the GPU draws at once is drawn in tiles (platform/tiled_render) and written band by band.
    constexpr int kMaxExportSide = 65535; // what PNG readers (and GDAL's driver) take
    if (auto err = core::parseImageSize(cli.size, options.size, kMaxExportSide)) {
        throw UsageError("--size: " + *err);
    }
    if (!cli.bbox.empty()) {
        core::GeoBox box;
        if (auto err = core::parseGeoBox(cli.bbox, box)) {
            throw UsageError("--bbox: " + *err);
        }
        options.bbox = box;
    }
    if (!cli.view.empty()) {
        if (options.bbox) {
            throw UsageError("--view and --bbox both give the view; give one");
        }
        core::ViewCentre centre;
        if (auto err = core::parseViewCentre(cli.view, centre)) {
            throw UsageError("--view: " + *err);
        }
        options.centre = centre;
    }
    core::FurnitureOptions& furniture = options.furniture;
    furniture = {};
    furniture.title = cli.title;
    furniture.subtitle = cli.subtitle;
    furniture.nauticalMiles = cli.nauticalMiles;
    if (cli.noFurniture) {
        if (!cli.furniture.empty()) {
            throw UsageError("--furniture and --no-furniture contradict each other; give one");
        }
        furniture = core::noFurniture(furniture);
    } else if (!cli.furniture.empty()) {
        if (auto err = core::parseFurnitureList(cli.furniture, furniture)) {
            throw UsageError("--furniture: " + *err);
        }
    }
    if (cli.scale > 0.0 && cli.dpi > 0.0) {
        throw UsageError("--scale and --dpi both give the scale; give one");
    }
    // 96 dpi is a screen's: --dpi 300 draws text and symbols 300/96 times as many pixels.
    furniture.scale = cli.scale > 0.0 ? cli.scale : cli.dpi > 0.0 ? cli.dpi / 96.0 : 1.0;
    checkOutputPath(cli.out, inputFiles(o));
    std::error_code exists;
    if (!cli.force && std::filesystem::exists(cli.out, exists)) {
        std::cerr << "corridor: error: --out: " << cli.out << " exists; pass --force to overwrite it (nothing was written)\n";
        return kRuntimeError;
    }
    options.out = cli.out;
    const std::string& out = cli.out;

    // The GL context and programs, made while the data loads (platform::prepareExportGpu).
    std::future<std::unique_ptr<platform::ExportGpu>> gpu = platform::prepareExportGpu();
    core::MapDocument doc;
    std::vector<core::LogEntry> log;
    platform::DocumentSources sources = documentSources(o);
    // One image: only the level of detail it draws (the full pyramid is for a viewer that zooms).
    sources.view = geo::OutputView{options.bbox, static_cast<double>(options.size.width),
                                   static_cast<double>(options.size.height), options.centre, true, furniture.scale,
                                   furniture.inset};
    const platform::LoadResult loaded = platform::loadDocument(sources, doc, log, platform::BrokenStyle::Fail);
    printLog(log);
    if (loaded.failedSources > 0 || loaded.styleFailed) {
        std::cerr << "corridor: " << failedInputs(loaded) << "; nothing was written\n";
        return kRuntimeError;
    }
    if (o.graticule) {
        platform::addGraticule(doc, true);
    }
    if (!cli.layers.empty()) {
        showOnlyLayers(doc, cli.layers);
    }
    options.releaseMeshes = true; // drawn once, then the process ends
    const platform::ExportResult r = platform::exportMap(doc, options, gpu.get());
    std::cout << "wrote " << out << " (" << options.size.width << "x" << options.size.height << ", " << doc.layers.size()
              << " layers; render " << static_cast<int>(r.renderMs) << " ms, "
              << (options.format == platform::ExportFormat::GeoTiff ? "GeoTIFF " : "PNG ") << static_cast<int>(r.writeMs)
              << " ms; " << r.renderer << ")" << std::endl; // flushed: the phase line on stderr comes after it
    std::cerr << "corridor: phases (wall ms; thread-summed ms in parentheses where several threads ran the phase at "
                 "once; docs/benchmarks.md, Phases): "
              << core::formatPhases(core::phaseTimes().totals()) << "\n";
    return kOk;
}

// What `corridor export-deck` was asked for, as typed.
struct DeckCli {
    std::string deck, outDir;
    std::string size = "1920x1080";
    double scale = 1.0;
    int framesPerSecond = 0;
    bool force = false;
};

// A deck names its style and CRS relative to itself; what the command line gives wins.
MapOptions deckMapOptions(MapOptions o, const core::Deck& deck)
{
    if (o.style.empty() && !deck.style.empty()) {
        o.style = deck.resolve(deck.style).string();
    }
    if (o.crs.empty()) {
        o.crs = deck.crs;
    }
    return o;
}

// Reads a deck, printing its warnings (unknown keys) to stderr; a deck that cannot be read throws its DeckError.
core::Deck readDeck(const std::string& path)
{
    core::Deck deck = core::loadDeck(path);
    for (const std::string& w : deck.warnings) {
        printClipped(std::cerr, "corridor: warning: " + w);
    }
    return deck;
}

int runExportDeck(const MapOptions& given, const DeckCli& cli)
{
    platform::tuneHeap();
    platform::DeckExportOptions options;
    if (auto err = core::parseImageSize(cli.size, options.size)) {
        throw UsageError("--size: " + *err);
    }
    options.outDir = cli.outDir;
    options.scale = cli.scale;
    options.framesPerSecond = cli.framesPerSecond;
    options.force = cli.force;
    const core::Deck deck = readDeck(cli.deck);
    const MapOptions o = deckMapOptions(given, deck);
    core::MapDocument doc;
    std::vector<core::LogEntry> log;
    const platform::LoadResult loaded = platform::loadDocument(documentSources(o), doc, log, platform::BrokenStyle::Fail);
    printLog(log);
    if (loaded.failedSources > 0 || loaded.styleFailed) {
        std::cerr << "corridor: " << failedInputs(loaded) << "; nothing was written\n";
        return kRuntimeError;
    }
    const platform::DeckExportResult r = platform::exportDeck(doc, deck, options, [](const std::string& file) {
        std::cout << "wrote " << file << "\n";
    });
    for (const std::string& p : r.problems) {
        printClipped(std::cerr, "corridor: warning: " + p);
    }
    std::cout << "exported " << r.slides.size() << " slides of " << cli.deck << " to " << cli.outDir
              << (r.frames > 0 ? " and " + std::to_string(r.frames) + " flight frames" : std::string()) << std::endl;
    return kOk;
}

int runBench(const MapOptions& o, const std::string& sizeText, int frames, bool noCache)
{
    platform::BenchOptions options;
    options.frames = frames;
    options.cache = !noCache;
    if (auto err = core::parseImageSize(sizeText, options.size)) {
        throw UsageError("--size: " + *err);
    }
    core::MapDocument doc;
    std::vector<core::LogEntry> log;
    core::phaseTimes().reset(); // phase_total_ms: the load and the upload
    const auto start = std::chrono::steady_clock::now();
    const platform::LoadResult loaded = platform::loadDocument(documentSources(o), doc, log, platform::BrokenStyle::Fail);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    printLog(log, 5);
    if (loaded.failedSources > 0 || loaded.styleFailed) {
        std::cerr << "corridor: " << failedInputs(loaded) << "; nothing was measured\n";
        return kRuntimeError;
    }
    doc.initialView.reset(); // the path starts from the whole data, not the bundled map's view
    if (o.graticule) {
        platform::addGraticule(doc, true);
    }
    const platform::BenchResult r = platform::runBench(doc, options);
    std::cout << platform::formatBench(r) << " load_ms=" << static_cast<long>(loadMs) << " size=" << options.size.width
              << "x" << options.size.height << "\n";
    std::cerr << "corridor: " << r.renderer << "\n";
    return kOk;
}

int runInfo(const std::string& file, bool allowNetwork)
{
    const geo::SourceReport report = geo::inspectSource(file, allowNetwork);
    std::cout << geo::formatReport(report);
    for (const std::string& e : report.loadErrors) {
        printClipped(std::cerr, "corridor: error: " + e); // what export says of the same file
    }
    const std::size_t problems = report.problemCount();
    if (problems > 0) {
        printClipped(std::cerr, "corridor: " + file + ": " + std::to_string(problems) + " problem(s) found");
        return kRuntimeError;
    }
    return kOk;
}

// What the viewer keeps between runs. The session (platform/session_store.hpp): --fresh ignores it and leaves it as
// it is; --session names another file. The mesh cache (platform/mesh_store.hpp): --no-mesh-cache builds every mesh.
struct SessionOptions {
    bool fresh = false;
    std::string file;
    bool noMeshCache = false;
    bool noFurniture = false; // the map starts without its furniture (View › Map furniture brings it back)
};

int runView(const MapOptions& given, const std::string& screenshot, int frames, const std::string& sizeText,
            const SessionOptions& sessionOptions, const std::string& frameLog, const std::string& deckPath = {},
            bool present = false, bool presenterWindow = false)
{
    platform::tuneHeap(); // released by the viewer once its layers are built
    platform::ViewerOptions options;
    MapOptions o = given;
    std::error_code noFile;
    if (!deckPath.empty() && !present && !std::filesystem::exists(deckPath, noFile)) {
        // `--deck new.toml`: a new deck to be written there by the Slides panel's Save (the viewer only: no display
        // has nothing to export). `corridor present` needs a deck that exists.
        options.deck.emplace();
        options.deck->file = deckPath;
    } else if (!deckPath.empty()) {
        // Errors inside a slide are shown with it (the deck still opens); a deck that cannot be read at all is not.
        options.deck = core::loadDeck(deckPath, core::DeckErrors::OnSlide);
        options.present = present;
        options.presenterWindow = presenterWindow;
        o = deckMapOptions(given, *options.deck);
    }
    options.frameLog = frameLog;
    options.screenshot = screenshot;
    options.frames = frames;
    options.graticule = o.graticule;
    if (auto err = core::parseImageSize(sizeText, options.size)) {
        throw UsageError("--window-size: " + *err);
    }
    if (!screenshot.empty()) {
        checkOutputPath(screenshot, inputFiles(o));
    }
    core::AppState app;
    if (sessionOptions.noFurniture) {
        app.furniture = core::noFurniture(app.furniture);
    }
    platform::DocumentSources sources = documentSources(o);
    // Only a window keeps a session: the no-display export below draws what the command line says.
    platform::DisplayConnection display = platform::DisplayConnection::open();
    if (display) {
        options.session = platform::startSession(
            platform::sessionFileFor(sessionOptions.fresh, !screenshot.empty(), sessionOptions.file), sources, app.log);
        options.session.furnitureChosen = sessionOptions.noFurniture;
    }
    // The first picture needs only its own levels of detail (the window's first view, or the 1920×1080 export made
    // without a display): built first, so the map shows at once; the window refines them in the background.
    const core::ImageSize first = display ? options.size : platform::ExportOptions{}.size;
    sources.view = geo::OutputView{std::nullopt, static_cast<double>(first.width), static_cast<double>(first.height), std::nullopt};
    options.refine = static_cast<bool>(display);
    // Those first meshes are kept on disk, so the next start with the same data, style and window shows at once.
    std::optional<platform::CachedMeshStore> meshStore;
    if (display && !sessionOptions.noMeshCache && !platform::MeshCache::defaultDir().empty()) {
        meshStore.emplace(platform::MeshCache::defaultDir());
        sources.meshStore = &*meshStore;
    }
    sources.deferValidity = static_cast<bool>(display); // the window checks polygons after its first frame
    options.dataDir = defaultDataDir();
    auto load = [&] {
        const platform::LoadResult loaded = platform::loadDocument(sources, app.document, app.log, platform::BrokenStyle::Fallback);
        if (meshStore) {
            for (const std::string& note : meshStore->takeNotes()) {
                app.log.push_back({core::Severity::Warning, note});
            }
        }
        if (options.session.restored) {
            platform::applySessionLayers(*options.session.restored, app.document);
        }
        printLog(app.log);
        return loaded;
    };
    if (display) {
        // The window opens (its GL context: llvmpipe and LLVM loaded, ~160 ms on one core) while the layers load:
        // runViewer waits for them before it touches the document or the log.
        options.loading = std::async(std::launch::async, load).share();
        return platform::runViewer(app, options, std::move(display));
    }
    // No display: nothing to open meanwhile.
    const platform::LoadResult loaded = load();
    const std::string out = screenshot.empty() ? "corridor-map.png" : screenshot;
    if (loaded.failedSources > 0 || loaded.styleFailed) {
        // The window would show the errors beside what loaded; a file cannot, so this is export's verdict.
        std::cerr << "corridor: no display (DISPLAY is unset or cannot be opened), and " << failedInputs(loaded)
                  << "; nothing was written\n";
        return kRuntimeError;
    }
    if (options.deck && options.deck->slides.empty() && !std::filesystem::exists(deckPath, noFile)) {
        std::cerr << "corridor: --deck " << deckPath << ": no such file (a new deck is started only in the "
                  << "viewer, which needs a display)\n";
        return kRuntimeError;
    }
    if (options.deck) {
        // No window to present in: the slides as files instead, as export-deck writes them.
        const std::string folder = screenshot.empty() ? "corridor-deck" : screenshot;
        std::cerr << "corridor: no display (DISPLAY is unset or cannot be opened): exporting the deck's slides to "
                  << folder << "/ instead\n";
        platform::DeckExportOptions deckOptions;
        deckOptions.outDir = folder;
        deckOptions.force = true;
        const platform::DeckExportResult r = platform::exportDeck(app.document, *options.deck, deckOptions);
        for (const std::string& problem : r.problems) {
            printClipped(std::cerr, "corridor: warning: " + problem);
        }
        std::cout << "wrote " << r.slides.size() << " slides, " << r.pdf << " and " << r.index << "\n";
        return kOk;
    }
    std::cerr << "corridor: no display (DISPLAY is unset or cannot be opened): exporting the map to " << out
              << " instead\n";
    checkOutputPath(out, inputFiles(o));
    platform::ExportOptions exportOptions;
    exportOptions.out = out;
    exportOptions.furniture = app.furniture; // the window's: legend, scale bar, sources… (unless --no-furniture)
    exportOptions.releaseMeshes = true;
    if (o.graticule) {
        platform::addGraticule(app.document, true);
    }
    const platform::ExportResult r = platform::exportMap(app.document, exportOptions);
    std::cout << "wrote " << out << " (1920x1080; " << r.renderer << ")\n";
    return kOk;
}

} // namespace

int main(int argc, char** argv)
{
    platform::oneHeap(); // before any other thread allocates
    core::startWorkers(); // before any thread loads a library (the export's GL driver): see core/parallel.hpp
    CLI::App app{"Corridor: a map viewer for geopolitical briefings (the INSTC and its region)", "corridor"};
    app.set_version_flag("--version", std::string("corridor ") + CORRIDOR_VERSION);
    app.require_subcommand(0, 1);

    MapOptions viewOptions;
    std::string screenshot;
    int frames = 3;
    std::string viewSize = "1280x800";
    addMapOptions(app, viewOptions);
    app.add_option("--screenshot", screenshot, "Save the window to this PNG after --frames frames (once the map is fully drawn), then quit");
    app.add_option("--frames", frames, "Frames to draw before --screenshot; 0: save on SIGUSR1, quit on SIGTERM")
        ->check(CLI::Range(0, 100000));
    app.add_option("--window-size", viewSize, "Window size WIDTHxHEIGHT");
    std::string frameLog;
    app.add_option("--frame-log", frameLog, "Write each drawn frame's time to this file (tests/bench/run_viewer_bench.sh)");
    SessionOptions sessionOptions;
    app.add_flag("--fresh", sessionOptions.fresh,
                 "Start from the defaults: the saved session (layers, view, bookmarks, panels) is neither read nor "
                 "written");
    app.add_option("--session", sessionOptions.file,
                   "Session file to restore and keep (default: $XDG_CONFIG_HOME/corridor/session.toml, else "
                   "~/.config/corridor/session.toml; --screenshot runs keep none unless given)");
    app.add_flag("--no-furniture", sessionOptions.noFurniture,
                 "Start with the map alone: no legend, scale bar, sources… (View › Map furniture switches them)");
    app.add_flag("--no-mesh-cache", sessionOptions.noMeshCache,
                 "Build every layer's first meshes, neither reading nor writing the mesh cache "
                 "($XDG_CACHE_HOME/corridor/meshes, else ~/.cache/corridor/meshes)");
    std::string deckPath;
    app.add_option("--deck", deckPath,
                   "A briefing deck to edit in the Slides panel and present (F5; docs/briefing-format.md); a file "
                   "that does not exist yet is a new deck, written there by Save (Ctrl+S)");
    std::vector<std::string> files; // `corridor a.gpkg b.shp` is `corridor --data a.gpkg --data b.shp`
    app.add_option("FILES", files, "GDAL vector sources to add, as --data");

    CLI::App* exportCmd = app.add_subcommand("export", "Render the map headless to a PNG (no display needed)");
    MapOptions exportOptions;
    ExportCli exportCli;
    addMapOptions(*exportCmd, exportOptions);
    exportCmd->add_option("--out", exportCli.out, "PNG file to write")->required();
    exportCmd->add_option("--size", exportCli.size, "Image size WIDTHxHEIGHT (each side 1..65535; beyond the GPU's limit it is drawn in tiles)");
    exportCmd->add_option("--bbox", exportCli.bbox, "View lon0,lat0,lon1,lat1 in degrees (west,south,east,north)");
    exportCmd->add_option("--view", exportCli.view,
                          "View lon,lat,zoom: centre in degrees, web-map zoom level (as the status bar shows it)");
    exportCmd->add_option("--layers", exportCli.layers, "Show only these layers (names separated by commas)");
    exportCmd->add_option("--title", exportCli.title, "Title drawn on the map");
    exportCmd->add_option("--subtitle", exportCli.subtitle, "Subtitle under the title");
    exportCmd->add_option("--furniture", exportCli.furniture,
                          "Map furniture to draw: legend,scale,north,sources,pov,inset (default: all that apply), "
                          "or none");
    exportCmd->add_flag("--no-furniture", exportCli.noFurniture, "Draw the map alone: no legend, scale bar, sources…");
    exportCmd->add_option("--scale", exportCli.scale, "Size of text, symbols and furniture: 2 draws them twice as big")
        ->check(CLI::Range(0.25, 8.0));
    exportCmd->add_option("--dpi", exportCli.dpi, "The same as --scale DPI/96 (e.g. 300 for print)")
        ->check(CLI::Range(24.0, 768.0));
    exportCmd->add_flag("--nmi", exportCli.nauticalMiles, "Scale bar in nautical miles");
    exportCmd->add_flag("--force", exportCli.force, "Overwrite --out if it exists (without it, an existing file is an error)");
    exportCmd->add_option("--format", exportCli.format, "png (with .pgw, .prj and .aux.xml beside it) or gtiff (GeoTIFF)")
        ->check(CLI::IsMember({"png", "gtiff"}));

    CLI::App* deckCmd = app.add_subcommand(
        "export-deck", "Write a briefing deck's slides as PNGs, one PDF and an index.md (no display needed)");
    MapOptions deckOptions;
    DeckCli deckCli;
    addMapOptions(*deckCmd, deckOptions);
    deckCmd->add_option("DECK", deckCli.deck, "The deck (TOML, docs/briefing-format.md)")->required();
    deckCmd->add_option("OUTDIR", deckCli.outDir, "Folder to write slide-01.png …, deck.pdf and index.md into")->required();
    deckCmd->add_option("--size", deckCli.size, "Slide size WIDTHxHEIGHT (default 1920x1080)");
    deckCmd->add_option("--scale", deckCli.scale, "Size of text, symbols and furniture: 2 draws them twice as big")
        ->check(CLI::Range(0.25, 8.0));
    deckCmd->add_option("--frames", deckCli.framesPerSecond,
                        "Also write each flight between slides as frames at FPS frames a second "
                        "(OUTDIR/frames/01-02/0001.png …)")
        ->check(CLI::Range(1, 120));
    deckCmd->add_flag("--force", deckCli.force, "Replace the files of an earlier export in OUTDIR");

    CLI::App* presentCmd = app.add_subcommand("present", "Present a briefing deck full screen (Esc leaves, F5 presents again)");
    MapOptions presentOptions;
    std::string presentDeck, presentScreenshot, presentSize = "1280x800";
    int presentFrames = 3;
    addMapOptions(*presentCmd, presentOptions);
    presentCmd->add_option("DECK", presentDeck, "The deck (TOML, docs/briefing-format.md)")->required();
    presentCmd->add_option("--screenshot", presentScreenshot,
                           "Save the window to this PNG after --frames frames, then quit (scripted tests)");
    presentCmd->add_option("--frames", presentFrames, "Frames before --screenshot")->check(CLI::Range(0, 100000));
    presentCmd->add_option("--window-size", presentSize, "Window size WIDTHxHEIGHT before going full screen");
    bool presenterWindow = false;
    presentCmd->add_flag("--presenter", presenterWindow,
                         "Also open the presenter's window: speaker notes, the next slide, the clock");

    CLI::App* benchCmd = app.add_subcommand("bench", "Time a scripted pan/zoom path rendered headless on your data");
    MapOptions benchOptions;
    std::string benchSize = "1920x1080";
    int benchFrames = 300;
    addMapOptions(*benchCmd, benchOptions);
    benchCmd->add_option("--size", benchSize, "Frame size WIDTHxHEIGHT");
    benchCmd->add_option("--frames", benchFrames, "Frames along the path")->check(CLI::Range(3, 100000));
    bool benchNoCache = false;
    benchCmd->add_flag("--no-cache", benchNoCache, "Render every frame in full (no view cache): the raw renderer");

    CLI::App* infoCmd = app.add_subcommand("info", "Describe a data source and report its invalid features");
    std::string infoFile;
    bool infoNetwork = false;
    infoCmd->add_option("FILE", infoFile, "Any GDAL vector source")->required();
    infoCmd->add_flag("--allow-network", infoNetwork, "Let GDAL open network sources");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::ostringstream out;
        std::ostringstream err;
        const int code = app.exit(e, out, err);
        std::cout << out.str();
        printClipped(std::cerr, err.str());
        return code == 0 ? kOk : kUsageError;
    }

    viewOptions.data.insert(viewOptions.data.end(), files.begin(), files.end());
    geo::configureNetwork(viewOptions.allowNetwork || exportOptions.allowNetwork || deckOptions.allowNetwork ||
                          presentOptions.allowNetwork ||
                          benchOptions.allowNetwork || infoNetwork);
    try {
        if (auto problem = geo::projDatabaseProblem()) {
            std::cerr << "corridor: error: " << *problem << "\n"; // one line, not one per layer and CRS
            return kRuntimeError;
        }
        if (exportCmd->parsed()) {
            return runExport(exportOptions, exportCli);
        }
        if (presentCmd->parsed()) {
            SessionOptions presentSession;
            presentSession.fresh = true; // a briefing starts from the deck, not from the last session's map
            return runView(presentOptions, presentScreenshot, presentFrames, presentSize, presentSession, {}, presentDeck,
                           true, presenterWindow);
        }
        if (deckCmd->parsed()) {
            return runExportDeck(deckOptions, deckCli);
        }
        if (benchCmd->parsed()) {
            return runBench(benchOptions, benchSize, benchFrames, benchNoCache);
        }
        if (infoCmd->parsed()) {
            return runInfo(infoFile, infoNetwork);
        }
        return runView(viewOptions, screenshot, frames, viewSize, sessionOptions, frameLog, deckPath);
    } catch (const platform::OptionError& e) {
        printClipped(std::cerr, std::string("corridor: ") + e.what());
        return kUsageError;
    } catch (const UsageError& e) {
        printClipped(std::cerr, std::string("corridor: ") + e.what());
        return kUsageError;
    } catch (const std::exception& e) {
        printClipped(std::cerr, std::string("corridor: error: ") + e.what());
        return kRuntimeError;
    }
}

#include "platform/viewer.hpp"

// epoxy must come before any header that pulls in GL/gl.h.
#include <epoxy/gl.h>

#include "core/highlight.hpp"
#include "core/hit_test.hpp"
#include "geo/layer_builder.hpp"
#include "platform/as_of_restyler.hpp"
#include "platform/deck_author.hpp"
#include "platform/export_job.hpp"
#include "platform/frame_log.hpp"
#include "platform/furniture_content.hpp"
#include "platform/heap_pages.hpp"
#include "geo/network.hpp"
#include "platform/imgui_bridge.hpp"
#include "platform/layer_adder.hpp"
#include "platform/map_export.hpp"
#include "platform/navigator.hpp"
#include "platform/presenter.hpp"
#include "platform/presenter_window.hpp"
#include "platform/reprojector.hpp"
#include "platform/style_reloader.hpp"
#include "platform/validity_checker.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/ui_text.hpp"
#include "render/overlay_renderer.hpp"
#include "render/view_cache.hpp"
#include "ui/panels.hpp"

#include <SFML/Window.hpp>
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <dlfcn.h>
#include <iostream>
#include <utility>

namespace corridor::platform {

DisplayConnection DisplayConnection::open()
{
    DisplayConnection c;
    c.m_display = XOpenDisplay(nullptr);
    return c;
}

DisplayConnection::~DisplayConnection() { close(); }

DisplayConnection::DisplayConnection(DisplayConnection&& other) noexcept : m_display(other.m_display)
{
    other.m_display = nullptr;
}

DisplayConnection& DisplayConnection::operator=(DisplayConnection&& other) noexcept
{
    if (this != &other) {
        close();
        m_display = other.m_display;
        other.m_display = nullptr;
    }
    return *this;
}

void DisplayConnection::close()
{
    if (m_display != nullptr) {
        XCloseDisplay(static_cast<Display*>(m_display));
        m_display = nullptr;
    }
}

std::optional<ui::Command> shortcutFor(const sf::Event& event)
{
    if (event.type == sf::Event::KeyPressed && event.key.control && !event.key.shift && !event.key.alt &&
        !event.key.system && event.key.code == sf::Keyboard::S) {
        return ui::Command::SaveDeck; // as in any editor, also while a field (a slide's title) has the keyboard
    }
    if (event.type != sf::Event::KeyPressed || !ImGuiBridge::mapMayHandle(event)) {
        return std::nullopt;
    }
    const sf::Event::KeyEvent& k = event.key;
    if (k.alt || k.system) {
        return std::nullopt;
    }
    if (k.control) {
        if (k.shift) {
            return std::nullopt;
        }
        switch (k.code) {
        case sf::Keyboard::E: return ui::Command::ExportDialog;
        case sf::Keyboard::P: return ui::Command::ExportPng;
        case sf::Keyboard::Q: return ui::Command::Quit;
        case sf::Keyboard::F: return ui::Command::Search;
        case sf::Keyboard::B: return ui::Command::AddBookmark;
        case sf::Keyboard::O: return ui::Command::AddLayer;
        default: return std::nullopt;
        }
    }
    switch (k.code) {
    case sf::Keyboard::F1: return ui::Command::ToggleHelp;
    case sf::Keyboard::L: return ui::Command::ToggleLayers;
    case sf::Keyboard::M: return ui::Command::ToggleMessages;
    case sf::Keyboard::Z: return ui::Command::ZoomToData;
    case sf::Keyboard::R: return ui::Command::ToggleMeasure;
    case sf::Keyboard::B: return ui::Command::ToggleBookmarks;
    case sf::Keyboard::T: return ui::Command::ToggleTimeline;
    case sf::Keyboard::S: return ui::Command::ToggleSlides;
    case sf::Keyboard::A: return ui::Command::AddSlide;
    case sf::Keyboard::Home: return ui::Command::HomeView;
    default: return std::nullopt;
    }
}

void applyViewRequests(core::AppState& app, double width, double height)
{
    if (app.homeRequested) {
        app.camera = geo::frameView(app.document, std::nullopt, width, height);
        app.homeRequested = false;
    }
    if (app.fitRequested) {
        app.camera.fit(geo::dataBounds(app.document), 20.0);
        app.fitRequested = false;
    }
}

std::optional<std::string> windowSizeNote(core::ImageSize requested, core::ImageSize got, bool screenshot)
{
    if (requested.width == got.width && requested.height == got.height) {
        return std::nullopt;
    }
    const auto size = [](core::ImageSize s) { return std::to_string(s.width) + "×" + std::to_string(s.height); };
    std::string note = "--window-size: the window manager/screen gave " + size(got) + " instead of " + size(requested);
    if (screenshot) {
        note += "; --screenshot is that size (`corridor export --size` renders any size up to 16384 px a side)";
    }
    return note;
}

namespace {

// Set from a signal handler: save a screenshot at the end of the next frame (scripted end-to-end tests).
std::atomic<bool> g_screenshotRequested{false};
std::atomic<bool> g_quitRequested{false};

extern "C" void onScreenshotSignal(int) { g_screenshotRequested = true; }
// The first SIGTERM or Ctrl+C closes the window as Quit does (the session is saved); a second one, should the loop be
// stuck, ends the process.
extern "C" void onQuitSignal(int signal)
{
    g_quitRequested = true;
    std::signal(signal, SIG_DFL);
}

// Identify's input: a plain click on the map (the Navigator tells which: no drag, not a measure point) selects what
// is under it (again on the same spot: the next feature there), a pointer resting on the map for kHoverDwellSeconds
// names the feature in a tooltip, Escape clears the selection. Only events ImGui does not capture count, so panels
// never select.
struct InspectInput {
    bool leftDown = false;   // from the events, so a drag that began on a panel shows no tooltip either
    sf::Vector2i mouse;
    bool hoverPending = false;
    sf::Clock sinceMove;
    core::HitCycle cycle;
};
constexpr float kHoverDwellSeconds = 0.35f;

void handleInspectEvent(const sf::Event& e, ui::UiState& ui, InspectInput& in)
{
    switch (e.type) {
    case sf::Event::MouseButtonPressed:
        in.leftDown = in.leftDown || e.mouseButton.button == sf::Mouse::Left;
        break;
    case sf::Event::MouseMoved: {
        in.mouse = {e.mouseMove.x, e.mouseMove.y};
        ui.inspect.hovered.reset();
        in.hoverPending = ImGuiBridge::mapMayHandle(e) && !in.leftDown;
        in.sinceMove.restart();
        break;
    }
    case sf::Event::MouseLeft:
        ui.inspect.hovered.reset();
        in.hoverPending = false;
        break;
    case sf::Event::MouseButtonReleased:
        in.leftDown = in.leftDown && e.mouseButton.button != sf::Mouse::Left;
        break;
    case sf::Event::KeyPressed:
        if (e.key.code == sf::Keyboard::Escape && ImGuiBridge::mapMayHandle(e) && ui.inspect.selected) {
            ui.inspect.select(std::nullopt);
            in.cycle.reset();
        }
        break;
    default: break;
    }
}

// Selects what lies under the Navigator's plain click, if there was one.
void selectClicked(core::AppState& app, ui::UiState& ui, Navigator& navigator, InspectInput& in)
{
    if (const std::optional<core::Vec2d> at = navigator.takeClick()) {
        ui.inspect.select(in.cycle.next(*at, core::hitTest(app.document, app.camera, *at)));
    }
}

// The hover tooltip's feature once the pointer has rested; true when the UI must be drawn again.
bool pollHover(core::AppState& app, ui::UiState& ui, InspectInput& in)
{
    if (!in.hoverPending || in.sinceMove.getElapsedTime().asSeconds() < kHoverDwellSeconds) {
        return false;
    }
    in.hoverPending = false;
    const core::Vec2d at{static_cast<double>(in.mouse.x), static_cast<double>(in.mouse.y)};
    const std::vector<core::Hit> hits = core::hitTest(app.document, app.camera, at);
    ui.inspect.hovered = hits.empty() ? std::nullopt : std::optional<core::Hit>(hits.front());
    return ui.inspect.hovered.has_value();
}

// After the UI: the highlight follows the selection (from a click, the attribute table or Clear), and "Zoom to"
// frames the selected feature.
void syncSelection(core::AppState& app, ui::UiState& ui, render::MapScene& scene, render::ViewCache& viewCache)
{
    ui::InspectState& s = ui.inspect;
    const core::MapLayer* layer = nullptr;
    if (s.selected && s.selected->layer < app.document.layers.size()) {
        layer = &app.document.layers[s.selected->layer];
        if (!layer->hits || s.selected->feature >= layer->data.features.size()) {
            layer = nullptr;
        }
    }
    // The highlight goes with its layer: switched off or faded out, the layer takes it along.
    const bool shown = layer != nullptr && layer->visible && layer->opacity > 0.0f;
    if (s.selectionChanged || shown != scene.hasHighlight()) {
        s.selectionChanged = false;
        if (shown) {
            const core::Symbolizer drawn = core::resolveSymbolizer(
                layer->style, layer->data, layer->data.features[s.selected->feature], {app.document.asOf});
            const core::LayerMesh mesh = core::buildHighlightMesh(*layer->hits, s.selected->feature, drawn);
            scene.setHighlight(&mesh);
        } else {
            scene.setHighlight(nullptr);
        }
        viewCache.invalidate();
    }
    if (s.zoomToSelection) {
        s.zoomToSelection = false;
        if (layer != nullptr) {
            app.flyRequest = core::FlyRequest{layer->hits->featureBounds(s.selected->feature), false};
        }
    }
}

// The Export dialog's requests and its running export: a few tiles per frame, drawn only while the window's own
// image is complete (the view cache draws progressively with the same renderer). True while an export runs.
bool pollExport(core::AppState& app, ui::UiState& ui, render::MapScene& scene, const render::ViewCache& viewCache,
                std::unique_ptr<ExportJob>& job)
{
    ui::ExportDialogState& d = ui.exportDialog;
    if (d.open && d.path.empty()) {
        d.path = exportFileName(".");
    }
    if (d.startRequested && !job) {
        d.status.clear();
        if (auto problem = outputFolderProblem(d.path)) {
            d.startRequested = false;
            d.status = "export failed: " + *problem;
            return false;
        }
        ExportJobOptions options;
        options.size = {d.width, d.height};
        options.scale = d.scale;
        options.furniture = d.furniture;
        options.out = d.path;
        job = std::make_unique<ExportJob>(app.document, app.camera, options);
        d.commandLine = job->commandLine();
        d.running = true;
    }
    d.startRequested = false;
    if (!job) {
        return false;
    }
    if (d.cancelRequested) {
        d.cancelRequested = false;
        job->cancel();
    }
    const bool more = viewCache.busy() || job->step(scene, app.document, 40.0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    d.progress = static_cast<float>(job->progress());
    if (!more) {
        d.status = job->result();
        d.running = false;
        app.report(job->failed() ? core::Severity::Error : core::Severity::Info, job->result());
        if (!job->failed()) {
            d.path.clear(); // the next export gets a fresh name
        }
        job.reset();
    }
    return true;
}

// Full screen for present mode: the EWMH request a window manager honours (_NET_WM_STATE_FULLSCREEN), and the
// window moved and sized to the screen for X servers with no window manager (a bare Xvfb, a kiosk). `restore`
// keeps the size to go back to.
void setFullscreen(sf::Window& window, bool on, sf::Vector2u& restore)
{
    if (Display* display = XOpenDisplay(nullptr); display != nullptr) {
        XEvent e{};
        e.xclient.type = ClientMessage;
        e.xclient.window = static_cast<::Window>(window.getSystemHandle());
        e.xclient.message_type = XInternAtom(display, "_NET_WM_STATE", False);
        e.xclient.format = 32;
        e.xclient.data.l[0] = on ? 1 : 0; // _NET_WM_STATE_ADD / _REMOVE
        e.xclient.data.l[1] = static_cast<long>(XInternAtom(display, "_NET_WM_STATE_FULLSCREEN", False));
        e.xclient.data.l[3] = 1; // a normal application
        XSendEvent(display, DefaultRootWindow(display), False, SubstructureRedirectMask | SubstructureNotifyMask, &e);
        XFlush(display);
        XCloseDisplay(display);
    }
    if (on) {
        restore = window.getSize();
        const sf::VideoMode screen = sf::VideoMode::getDesktopMode();
        window.setPosition({0, 0});
        window.setSize({screen.width, screen.height});
    } else if (restore.x > 0 && restore.y > 0) {
        window.setSize(restore);
    }
}

// "Corridor", or "Corridor: exporting 42 %" while the Export dialog's export runs.
std::string exportWindowTitle(const ui::ExportDialogState& d)
{
    if (!d.running) {
        return "Corridor";
    }
    return "Corridor: exporting " + std::to_string(static_cast<int>(d.progress * 100.0f)) + " %";
}

} // namespace

void saveScreenshot(const std::string& path, unsigned width, unsigned height)
{
    render::Image image{static_cast<int>(width), static_cast<int>(height), {}};
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    std::vector<std::uint8_t> pixels(row * height);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, static_cast<GLsizei>(width), static_cast<GLsizei>(height), GL_RGBA, GL_UNSIGNED_BYTE,
                 pixels.data());
    image.rgba.resize(pixels.size());
    for (unsigned y = 0; y < height; ++y) {
        std::memcpy(&image.rgba[y * row], &pixels[(height - 1 - y) * row], row);
    }
    render::writePng(path, image);
}

int runViewer(core::AppState& app, const ViewerOptions& options, DisplayConnection display)
{
    // libepoxy resolves GL entry points through GLX only when libGL.so.1 is already in the process; SFML links
    // the GLVND pieces without it, so load it before the first GL call (the handle lives as long as the process).
    if (dlopen("libGL.so.1", RTLD_LAZY | RTLD_GLOBAL) == nullptr) {
        std::cerr << "corridor: cannot load libGL.so.1 (" << dlerror() << ")\n";
        return 1;
    }
    // Before the window exists: a script that sees it may signal at once, while the layers are still loading.
    const bool signalDriven = !options.screenshot.empty() && options.frames == 0;
    if (signalDriven) {
        std::signal(SIGUSR1, onScreenshotSignal);
    }
    // A terminal's Ctrl+C or a logout's SIGTERM closes the window as Quit does, so the session is saved.
    std::signal(SIGTERM, onQuitSignal);
    std::signal(SIGINT, onQuitSignal);
    // No MSAA: the map anti-aliases its edges in the shaders, so the window matches the export pixel for pixel.
    const sf::ContextSettings wanted(0, 8, 0, 3, 3, sf::ContextSettings::Core);
    sf::Window window(sf::VideoMode(static_cast<unsigned>(options.size.width), static_cast<unsigned>(options.size.height)),
                      "Corridor", sf::Style::Default, wanted);
    display.close(); // the window holds its own connection now, so the server has a client and does not reset
    std::vector<std::string> warnings; // for the log, once the load that writes it is done
    const sf::Vector2u created = window.getSize();
    if (const auto note = windowSizeNote(options.size, {static_cast<int>(created.x), static_cast<int>(created.y)},
                                         !options.screenshot.empty())) {
        std::cerr << "corridor: warning: " << *note << "\n"; // the loop only echoes entries added later
        warnings.push_back(*note);
    }
    window.setVerticalSyncEnabled(true);
    if (!window.setActive(true)) {
        std::cerr << "corridor: cannot activate the window's OpenGL context\n";
        return 1;
    }
    const sf::ContextSettings got = window.getSettings();
    if (got.majorVersion * 10 + got.minorVersion < 33) {
        std::cerr << "corridor: the display offers OpenGL " << got.majorVersion << "." << got.minorVersion
                  << "; Corridor needs 3.3 core\n";
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // the layout goes in the session file (SessionKeeper), never the cwd
    ImGui::StyleColorsDark();
    // The font atlas is built here, before the OpenGL3 backend makes its texture (first ImGui_ImplOpenGL3_NewFrame).
    const UiFont uiFont = setupUiFont(ImGui::GetIO());
    if (!uiFont.warning.empty()) {
        std::cerr << "corridor: warning: " << uiFont.warning << "\n"; // the loop only echoes entries added later
        warnings.push_back(uiFont.warning);
    }
    // The layers loaded meanwhile (a load's exception, such as an unusable --crs, comes out here).
    const std::string watchStyle = options.loading.valid() ? options.loading.get().watchStyle : std::string();
    for (const std::string& w : warnings) {
        app.report(core::Severity::Warning, w);
    }
    int exitCode = 0;
    {
        ImGuiBridge bridge(sfmlClipboard());
        ImGui_ImplOpenGL3_Init("#version 330 core");

        try { // before the upload: it goes under the thematic layers, shifting their slots
            // Hidden at start: made by the background refinement, not before the first frame.
            addGraticule(app.document, options.graticule, options.refine && !options.graticule);
        } catch (const std::exception& e) {
            app.report(core::Severity::Warning, std::string("no graticule: ") + e.what());
        }
        render::MapScene scene;
        render::ViewCache viewCache;
        FurnitureView furniture;
        std::unique_ptr<ExportJob> exportJob; // the Export dialog's, while one runs
        scene.loadReleasing(app.document);
        const sf::Vector2u size = window.getSize();
        app.camera = geo::frameView(app.document, std::nullopt, size.x, size.y);
        ui::UiState ui;
        ui.inspect.shapeRtl = render::visualOrderForUi;
        SessionKeeper session(options.session);
        session.restoreLayout(ui);
        StyleReloader styleReloader(watchStyle);
        LayerAdder layerAdder(geo::networkAllowed());
        ui.files.extensions = gdalVectorExtensions();
        ui.files.dataDir = options.dataDir;
        if (const char* home = std::getenv("HOME"); home != nullptr) {
            ui.files.home = home;
        }
        Reprojector reprojector; // the projection switch; it and the style reload never move layers under each other
        AsOfRestyler asOfRestyler; // the timeline's date change: swaps only when the other two are not busy
        // The first frame's meshes hold only its own levels of detail; the full ones are built in the background
        // once it is on screen (before, the build would take the cores the first frame's rendering needs).
        bool refinePending = options.refine;
        bool heapReserved = true; // main's tuneHeap, kept while the layers are built
        ValidityChecker validity; // polygons loaded unchecked (DocumentSources::deferValidity), checked with it
        InspectInput inspectInput;
        // The map's input and motion (pan, zoom, keys, fly-to, glide, measure); its ink goes on measureOverlay.
        Navigator navigator(app.document.viewCrs);
        navigator.describe(ui.nav.status);
        std::optional<Presenter> presenter; // --deck / corridor present
        std::unique_ptr<PresenterWindow> presenterWindow; // --presenter, while presenting
        std::string presenterShot; // where the presenter window's next frame is saved (beside a --screenshot)
        sf::Vector2u windowedSize;
        if (options.deck) {
            presenter.emplace(*options.deck, app.document);
            for (const std::string& w : options.deck->warnings) {
                app.report(core::Severity::Warning, w);
            }
            for (const std::string& p : presenter->stage().problems()) {
                app.report(core::Severity::Warning, p);
            }
            const std::size_t slides = presenter->stage().size();
            app.report(core::Severity::Info, "deck " + options.deck->file.string() + ": " +
                                                 (slides > 0 ? std::to_string(slides) + " slides; F5 presents"
                                                             : "no slides yet: A adds the view as one, S shows them"));
            if (options.present) {
                presenter->start(0);
                setFullscreen(window, true, windowedSize);
            }
        }
        DeckAuthor deckAuthor; // the Slides panel's requests, map clicks and files; F5 presents its deck as edited
        if (options.deck) {
            openDeck(ui.slides, *options.deck, app);
        }
        session.restoreView(app, navigator);
        render::OverlayRenderer measureOverlay;
        FrameLog frameLog(options.frameLog);
        const sf::Clock sinceStart;
        sf::Clock clock;
        int frame = 0;
        int busyFrames = 3; // ImGui needs a few frames after input to settle hover and layout
        std::string windowTitle = "Corridor";

        bool running = true;
        while (running && !g_quitRequested && !app.quitRequested) {
            sf::Event event;
            bool gotEvent = window.pollEvent(event);
            const std::size_t logSize = app.log.size();
            const bool restyled = !reprojector.running() && !asOfRestyler.running() &&
                                  styleReloader.poll(app, scene.renderer, scene.labels);
            if (app.crsRequest) {
                reprojector.request(app, *std::exchange(app.crsRequest, std::nullopt));
            }
            if (reprojector.poll(app, scene.renderer, scene.labels, !styleReloader.busy())) {
                navigator.setViewCrs(app.document.viewCrs);
                navigator.describe(ui.nav.status);
                viewCache.invalidate();
                ui.inspect.selectionChanged = true; // the highlight is redrawn from the new identify index
                busyFrames = 3;
            }
            ui.projection.building = reprojector.target();
            if (ui.timeline.request) {
                asOfRestyler.request(app, *std::exchange(ui.timeline.request, std::nullopt));
            }
            if (asOfRestyler.poll(app, scene.renderer, scene.labels, !styleReloader.busy() && !reprojector.busy())) {
                viewCache.invalidate();
                ui.inspect.selectionChanged = true; // the highlight takes the feature's look on the new date
                busyFrames = 3;
            }
            ui.timeline.busy = asOfRestyler.busy();
            ui.timeline.building = asOfRestyler.target();
            ui.timeline.lastMs = asOfRestyler.lastMs();
            if (ui.timeline.playing) {
                busyFrames = 3; // Play moves the date every frame
            }
            if (restyled) {
                viewCache.invalidate();
                ui.inspect.select(std::nullopt); // a sheet may reorder the layers the selection points into
            }
            if (session.poll(app, ui, navigator, sinceStart.getElapsedTime().asSeconds())) {
                busyFrames = 3;
            }
            if (deckAuthor.poll(app, ui, navigator, sinceStart.getElapsedTime().asSeconds())) {
                busyFrames = 3; // the Slides panel's requests, and its autosave every 30 s while edits are unsaved
            }
            // Added layers go in only while no rebuild (style, projection, refinement) is in flight: the worker reads
            // the layers where they are.
            const bool layersStill = !styleReloader.busy() && !reprojector.running() && !asOfRestyler.running();
            if (layerAdder.poll(app, scene, layersStill)) {
                viewCache.invalidate();
                ui.inspect.countryNamesBuilt = false; // a new layer may name countries (iso3, name)
            }
            if (std::string loading = layerAdder.status(); loading != ui.files.loading) {
                ui.files.loading = std::move(loading);
                busyFrames = 3;
            }
            validity.poll(app); // its warnings are logged below like any other
            if (pollHover(app, ui, inspectInput)) {
                busyFrames = 3;
            }
            if (restyled || app.log.size() != logSize) {
                busyFrames = 3;
                for (std::size_t i = logSize; i < app.log.size(); ++i) { // the panel shows them; so does stderr
                    if (app.log[i].severity != core::Severity::Info) {
                        std::cerr << "corridor: " << app.log[i].text << "\n";
                    }
                }
            }
            if (presenterWindow) {
                presenterWindow->frame(*presenter, app.document, std::exchange(presenterShot, {}));
                if (presenter->pending()) {
                    busyFrames = 3; // a key pressed in the presenter's window
                }
            }
            if (!gotEvent && busyFrames <= 0 && !viewCache.busy() && options.screenshot.empty()) {
                // Idle: nothing to redraw. Sleep a little instead of blocking in waitEvent, so the style file is
                // still watched.
                sf::sleep(sf::milliseconds(30));
                continue;
            }
            frameLog.begin();
            while (gotEvent) {
                busyFrames = 3;
                bridge.processEvent(event);
                handleInspectEvent(event, ui, inspectInput);
                if (event.type == sf::Event::Closed) {
                    running = false;
                } else if (event.type == sf::Event::Resized) {
                    app.camera.resize(event.size.width, event.size.height);
                    if (presenter) {
                        presenter->resized();
                    }
                } else if (event.type == sf::Event::KeyPressed && !(presenter && presenter->presenting()) &&
                           event.key.code == sf::Keyboard::F5 && ImGuiBridge::mapMayHandle(event)) {
                    ui.slides.presentFrom = event.key.shift ? ui.slides.selected.value_or(0) : 0; // Shift+F5: selected
                } else if (presenter && presenter->presenting() && event.type == sf::Event::KeyPressed &&
                           presenter->key(event.key.code)) {
                    // a presenter key: next, previous, first, last, back to the slide's view, leave
                } else if (const auto bookmark = bookmarkKeyFor(event)) {
                    ui.bookmarks.recall = *bookmark; // SessionKeeper::poll flies there
                } else {
                    // Shortcuts, then the map when ImGui does not want the event (and every release, so a drag
                    // that ends over a panel ends).
                    navigator.route(event, app, ui, sinceStart.getElapsedTime().asSeconds());
                }
                gotEvent = window.pollEvent(event);
            }
            deckAuthor.takeClick(app, ui, navigator); // placing an annotation takes the click before identify
            selectClicked(app, ui, navigator, inspectInput);
            if (const auto from = std::exchange(ui.slides.presentFrom, std::nullopt);
                from && !(presenter && presenter->presenting())) {
                if (ui.slides.open) {
                    presenter.emplace(ui.slides.deck, app.document); // the deck as edited, saved or not
                }
                if (presenter && presenter->stage().size() > 0) {
                    presenter->start(*from);
                    setFullscreen(window, true, windowedSize);
                } else {
                    app.report(core::Severity::Warning, "no slides to present: add one in the Slides panel (S)");
                }
            }
            if (!running) {
                break;
            }
            --busyFrames;

            const sf::Vector2u s = window.getSize();
            applyViewRequests(app, s.x, s.y);
            const float dt = clock.restart().asSeconds();
            const bool wasPresenting = presenter && presenter->presenting();
            if (presenter && presenter->update(app, scene, navigator,
                                               !styleReloader.busy() && !reprojector.running() && !asOfRestyler.running())) {
                viewCache.invalidate();
                ui.inspect.selectionChanged = true; // the overlays may have taken the highlight's slot
                busyFrames = 3;
                if (wasPresenting && !presenter->presenting()) {
                    setFullscreen(window, false, windowedSize);
                    presenterWindow.reset();
                }
            }
            if (options.presenterWindow && presenter && presenter->presenting() && !presenterWindow) {
                presenterWindow = std::make_unique<PresenterWindow>(window);
            }
            if (presenter) {
                if (auto date = presenter->takeDateRequest()) {
                    asOfRestyler.request(app, *date); // the slide's "as of" date, or back to the one before
                }
            }
            const bool presenting = presenter && presenter->presenting();
            if (navigator.update(app, ui, dt)) {
                busyFrames = 3; // a flight or a glide: keep drawing until it ends
            }
            bridge.newFrame(s.x, s.y, dt);
            ImGui_ImplOpenGL3_NewFrame();
            ImGui::NewFrame();
            if (presenting) {
                // Panels hidden; a click still identifies a feature, and the Inspector says what it is. No hover
                // tooltip: a pointer left still while slides change would name what it was over on the last one.
                ui::drawInspectorPanel(app, ui);
            } else {
                ui::drawUi(app, ui);
            }
            ImGui::Render();
            bridge.updateCursor(window);
            for (std::string& path : ui.files.addRequests) {
                layerAdder.add(std::move(path));
            }
            ui.files.addRequests.clear();
            if (ui.files.removeRequest && !styleReloader.busy() && !asOfRestyler.running()) {
                removeLayer(app, ui, scene, *ui.files.removeRequest);
                ui.files.removeRequest.reset();
                inspectInput.cycle.reset(); // it holds layer indexes
                viewCache.invalidate();
            }
            syncSelection(app, ui, scene, viewCache);
            if (pollExport(app, ui, scene, viewCache, exportJob)) {
                busyFrames = 3; // keep drawing: the progress bar moves
            }
            // An export's progress in the title too: seen with the window behind others, and by scripts.
            if (std::string title = exportWindowTitle(ui.exportDialog); title != windowTitle) {
                window.setTitle(title);
                windowTitle = std::move(title);
            }

            scene.sync(app.document);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            // While the view moves, frames come from the cached image; the last frame before idling is exact. A new
            // image renders over several frames (viewCache.busy()), so the loop keeps going until it is complete.
            viewCache.render(scene.renderer, app.camera, scene.order, app.document.background, busyFrames <= 0);
            // The furniture keeps clear of the menu bar, the search toolbar and the status bar; the labels of it.
            const core::FurnitureOptions& shownFurniture = presenting ? presenter->furniture() : app.furniture;
            furniture.prepare(scene, app.document, app.camera, shownFurniture, presenting ? 0.0 : ui.chromeTop,
                              presenting ? 0.0 : ui.chromeBottom);
            scene.labels.render(app.camera, scene.order);
            furniture.draw(scene);
            navigator.drawMeasure(app.camera, ui.nav.measure, measureOverlay);
            if (!presenting) {
                deckAuthor.drawAnnotations(app.camera, ui.slides, navigator, measureOverlay);
            }
            if (!measureOverlay.empty()) {
                measureOverlay.draw(static_cast<int>(s.x), static_cast<int>(s.y));
            }
            if (app.exportRequested) {
                // After the labels: the export reuses the placement just made for this view.
                app.exportRequested = false;
                const std::string out = exportFileName(".");
                try {
                    OutputOptions output;
                    output.out = out;
                    const ExportResult r = exportView(scene, app.document, app.camera, shownFurniture, output);
                    app.report(core::Severity::Info, "exported the view to " + std::filesystem::absolute(out).lexically_normal().string() + " (" +
                                                         std::to_string(s.x) + "×" + std::to_string(s.y) + ", " +
                                                         std::to_string(static_cast<int>(r.renderMs + r.writeMs)) + " ms)");
                } catch (const std::exception& e) {
                    app.report(core::Severity::Error, std::string("export failed: ") + e.what());
                }
            }
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

            ++frame;
            // A screenshot waits for the map image to be complete, for the view to rest (a fly-to, a glide) and for
            // the layers to be built in full (the background refinement or a projection switch).
            const bool settled = !viewCache.busy() && !navigator.busy(app) && !reprojector.busy() && !refinePending &&
                                 !validity.busy();
            const bool lastFrame = !signalDriven && !options.screenshot.empty() && frame >= options.frames && settled;
            if (lastFrame) {
                frameLog.end(true); // a complete image (settled), saved below and not swapped
            }
            if (lastFrame || (signalDriven && settled && g_screenshotRequested.exchange(false))) {
                if (presenterWindow) { // the presenter's window, saved beside it at its next frame
                    presenterShot = std::filesystem::path(options.screenshot).replace_extension(".presenter.png").string();
                }
                try {
                    saveScreenshot(options.screenshot, s.x, s.y);
                } catch (const std::exception& e) {
                    std::cerr << "corridor: " << e.what() << "\n";
                    exitCode = 1;
                }
                if (lastFrame) {
                    break;
                }
            }
            window.display();
            frameLog.end(!viewCache.busy());
            if (refinePending && !viewCache.busy()) {
                refinePending = false;
                reprojector.refine(app);
                validity.start(app.document);
            }
            if (heapReserved && !refinePending && !reprojector.busy() && !validity.busy()) {
                heapReserved = false;
                releaseHeapReserve(); // built: the memory the build freed may go back (platform/heap_pages)
            }
        }
        presenterWindow.reset();
        if (presenter && presenter->presenting()) { // the session keeps the map as it was before the slides
            presenter->stop();
            presenter->update(app, scene, navigator, true);
        }
        deckAuthor.finish(app, ui); // unsaved slide edits into the deck's autosave
        session.save(app, ui, navigator); // window closed, Quit, SIGTERM or the last --screenshot frame
        ImGui_ImplOpenGL3_Shutdown();
    } // GL objects are released here, while the window's context is still current
    ImGui::DestroyContext();
    window.close();
    return exitCode;
}

} // namespace corridor::platform

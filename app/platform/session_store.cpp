#include "platform/session_store.hpp"

#include "core/geodesy.hpp"
#include "core/hit_test.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/imgui_bridge.hpp"
#include "platform/navigator.hpp"

#include <imgui.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/stat.h>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace corridor::platform {

namespace fs = std::filesystem;

namespace {

std::string osError(const std::string& what, const fs::path& file)
{
    return what + " " + file.string() + ": " + std::strerror(errno);
}

// "20261203-194851", UTC: sorts by time, and no character a shell or file system minds.
std::string timestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &utc);
    return text;
}

// Renames `file` to `file.<kind>-<time>` (with -2, -3… if taken); the new path, or nullopt with errno set.
std::optional<fs::path> setAside(const fs::path& file, const std::string& kind)
{
    const std::string base = file.string() + "." + kind + "-" + timestamp();
    for (int n = 1; n < 1000; ++n) {
        const fs::path target = n == 1 ? fs::path(base) : fs::path(base + "-" + std::to_string(n));
        std::error_code ec;
        if (fs::exists(target, ec)) {
            continue;
        }
        if (std::rename(file.c_str(), target.c_str()) == 0) {
            return target;
        }
        return std::nullopt;
    }
    errno = EEXIST;
    return std::nullopt;
}

std::string absolutePath(const std::string& path)
{
    // GDAL's virtual and network sources are not files.
    if (path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos) {
        return path;
    }
    std::error_code ec;
    const fs::path p = fs::absolute(path, ec);
    return ec ? path : p.lexically_normal().string();
}

bool isFile(const std::string& path)
{
    return path.rfind("/vsi", 0) != 0 && path.find("://") == std::string::npos;
}

// Ground metres per view-CRS unit along x at `center`, measured over ±`halfSpan` units.
std::optional<double> metresPerUnitAt(core::Vec2d center, double halfSpan, const Navigator& navigator)
{
    const auto a = navigator.toLonLat({center.x - halfSpan, center.y});
    const auto b = navigator.toLonLat({center.x + halfSpan, center.y});
    if (!a || !b) {
        return std::nullopt;
    }
    const double metres = core::geodesicDistance(*a, *b);
    if (!std::isfinite(metres) || metres <= 0.0) {
        return std::nullopt;
    }
    return metres / (2.0 * halfSpan);
}

// Far beyond any real session (core/session.cpp refuses more than 4 MB of text too).
constexpr std::uintmax_t kMaxSessionBytes = std::uintmax_t(4) << 20;

// Measured over this many pixels either side of the centre: far enough for the rounding of PROJ's round trip not to
// show, near enough to be the local scale.
constexpr double kScaleHalfSpanPx = 50.0;

} // namespace

fs::path defaultSessionPath()
{
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/') {
        return fs::path(xdg) / "corridor" / "session.toml";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
        return fs::path(home) / ".config" / "corridor" / "session.toml";
    }
    return {};
}

fs::path sessionFileFor(bool fresh, bool screenshot, const std::string& explicitPath)
{
    if (fresh) {
        return {};
    }
    if (!explicitPath.empty()) {
        return fs::absolute(explicitPath).lexically_normal();
    }
    return screenshot ? fs::path() : defaultSessionPath();
}

void writeFileAtomically(const fs::path& file, std::string_view text)
{
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        throw std::runtime_error("cannot create the folder " + dir.string() + ": " + ec.message());
    }
    std::string temp = (dir / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = mkstemp(temp.data());
    if (fd < 0) {
        throw std::runtime_error(osError("cannot create a temporary file in", dir));
    }
    const auto fail = [&](const std::string& what) {
        const std::string message = osError(what, file);
        ::close(fd);
        ::unlink(temp.c_str());
        throw std::runtime_error(message);
    };
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
        fail("cannot write");
    }
    if (::close(fd) != 0) {
        const std::string message = osError("cannot write", file);
        ::unlink(temp.c_str());
        throw std::runtime_error(message);
    }
    if (std::rename(temp.c_str(), file.c_str()) != 0) {
        const std::string message = osError("cannot replace", file);
        ::unlink(temp.c_str());
        throw std::runtime_error(message);
    }
    // The rename itself reaches the disk once the folder is synced.
    if (const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

ReadSession readSessionFile(const fs::path& file, std::vector<core::LogEntry>& log)
{
    ReadSession result;
    std::error_code ec;
    if (file.empty() || !fs::exists(file, ec)) {
        return result;
    }
    std::string problem;
    bool otherVersion = false;
    // Checked before reading: a FIFO would block the start, a huge file would be read whole for nothing.
    const fs::file_status status = fs::status(file, ec);
    if (fs::is_directory(status)) {
        problem = "is a folder, not a session file";
    } else if (!fs::is_regular_file(status)) {
        problem = "is not a regular file";
    } else if (const std::uintmax_t size = fs::file_size(file, ec); !ec && size > kMaxSessionBytes) {
        problem = std::to_string(size) + " bytes: too large for a session file";
    } else {
        std::ifstream in(file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in && !in.eof()) {
            log.push_back({core::Severity::Warning, osError("cannot read the session file", file) +
                                                        "; starting with a fresh session (the file is kept)"});
            result.keepAside = true;
            return result;
        }
        try {
            result.session = core::parseSession(text, file.string());
            return result;
        } catch (const core::SessionError& e) {
            problem = e.line > 0 ? "line " + std::to_string(e.line) + ": " + e.problem : e.problem;
            otherVersion = e.otherVersion;
        }
    }
    const std::optional<fs::path> moved = setAside(file, otherVersion ? "other-version" : "corrupt");
    std::string text = "session file " + file.string() + ": " + problem + "; ";
    if (moved) {
        text += "moved to " + moved->string() + "; starting with a fresh session";
    } else {
        text += std::string("it could not be moved aside (") + std::strerror(errno) +
                "), so it is kept and not saved over; starting with a fresh session";
        result.keepAside = true;
    }
    log.push_back({core::Severity::Warning, text});
    return result;
}

SessionStart startSession(const fs::path& file, DocumentSources& sources, std::vector<core::LogEntry>& log)
{
    SessionStart start;
    start.crsChosen = !sources.crs.empty();
    start.langChosen = sources.lang.has_value();
    if (!sources.noDefaults) {
        for (const std::string& f : geo::dataFilesIn(sources.dataDir)) {
            start.bundledFiles.push_back(absolutePath(f));
        }
    }
    if (!file.empty()) {
        ReadSession read = readSessionFile(file, log);
        start.file = read.keepAside ? fs::path() : file;
        start.restored = std::move(read.session);
    }
    if (start.restored) {
        const core::Session& s = *start.restored;
        const auto warn = [&](const std::string& text) {
            log.push_back({core::Severity::Warning, "session " + file.string() + ": " + text});
        };
        // Added layers, before --data's, once each, and only those still there.
        std::vector<std::string> given;
        for (const std::string& d : sources.data) {
            given.push_back(absolutePath(d));
        }
        std::vector<std::string> added;
        for (const core::SessionLayer& l : s.layers) {
            if (!l.added || std::find(added.begin(), added.end(), l.path) != added.end() ||
                std::find(given.begin(), given.end(), l.path) != given.end()) {
                continue;
            }
            std::error_code ec;
            if (isFile(l.path) && !fs::exists(l.path, ec)) {
                warn(l.path + " (a layer added earlier) no longer exists; it is left out, the rest is restored");
                added.push_back(l.path); // said once per file
                continue;
            }
            added.push_back(l.path);
            sources.data.insert(sources.data.end() - static_cast<std::ptrdiff_t>(given.size()), l.path);
        }
        if (sources.style.empty() && !s.style.empty()) {
            std::error_code ec;
            if (fs::exists(s.style, ec)) {
                sources.style = s.style;
            } else {
                warn("the style sheet " + s.style + " no longer exists; the bundled style is used");
            }
        }
        if (!sources.lang && !s.lang.empty()) {
            if (const auto lang = core::parseLabelLanguage(s.lang)) {
                sources.lang = lang;
                start.langChosen = true;
            } else {
                warn("lang '" + s.lang + "' is not a label language; the style's is used");
            }
        }
        if (!sources.asOf && !s.asOf.empty()) { // parseSession checked it
            sources.asOf = core::parseDate(s.asOf);
        }
        if (sources.crs.empty() && !s.crs.empty()) {
            if (auto problem = geo::mapCrsProblem(geo::ProjContext(), s.crs)) {
                warn("crs: " + *problem + "; the style's view CRS is used");
            } else {
                sources.crs = s.crs;
                start.crsChosen = true;
            }
        }
    }
    start.style = sources.style.empty() ? std::string() : absolutePath(sources.style);
    return start;
}

void applySessionLayers(const core::Session& session, core::MapDocument& document)
{
    for (core::MapLayer& layer : document.layers) {
        if (layer.sourcePath.empty()) {
            continue;
        }
        const std::string path = absolutePath(layer.sourcePath);
        for (const core::SessionLayer& l : session.layers) {
            if (l.path == path && l.name == layer.data.name) {
                layer.visible = l.visible;
                layer.opacity = std::clamp(l.opacity, 0.0f, 1.0f);
                break;
            }
        }
    }
}

std::optional<core::GeoView> geoViewOf(const core::Camera& camera, const Navigator& navigator)
{
    const auto center = navigator.toLonLat(camera.center);
    const auto metresPerUnit = metresPerUnitAt(camera.center, kScaleHalfSpanPx * camera.unitsPerPixel, navigator);
    if (!center || !metresPerUnit) {
        return std::nullopt;
    }
    return core::GeoView{*center, *metresPerUnit * camera.unitsPerPixel};
}

std::optional<core::View> cameraViewFor(const core::GeoView& view, const core::Camera& camera, const Navigator& navigator)
{
    const auto center = navigator.toWorld(view.centerLonLat);
    if (!center) {
        return std::nullopt;
    }
    // The local scale depends (a little) on the span it is measured over: measure at the camera's scale, then again
    // at the scale found.
    double unitsPerPixel = camera.unitsPerPixel;
    for (int pass = 0; pass < 2; ++pass) {
        const auto metresPerUnit = metresPerUnitAt(*center, kScaleHalfSpanPx * unitsPerPixel, navigator);
        if (!metresPerUnit) {
            return std::nullopt;
        }
        unitsPerPixel = view.metresPerPixel / *metresPerUnit;
    }
    return core::View{*center, unitsPerPixel};
}

std::optional<std::size_t> bookmarkKeyFor(const sf::Event& event)
{
    if (event.type != sf::Event::KeyPressed || !ImGuiBridge::mapMayHandle(event)) {
        return std::nullopt;
    }
    const sf::Event::KeyEvent& k = event.key;
    if (k.alt || k.control || k.shift || k.system) {
        return std::nullopt;
    }
    if (k.code >= sf::Keyboard::Num1 && k.code <= sf::Keyboard::Num9) {
        return static_cast<std::size_t>(k.code - sf::Keyboard::Num1);
    }
    if (k.code >= sf::Keyboard::Numpad1 && k.code <= sf::Keyboard::Numpad9) {
        return static_cast<std::size_t>(k.code - sf::Keyboard::Numpad1);
    }
    return std::nullopt;
}

SessionKeeper::SessionKeeper(SessionStart start) : m_start(std::move(start))
{
    if (m_start.restored) {
        m_written = core::sessionToToml(*m_start.restored);
    }
}

void SessionKeeper::restoreLayout(ui::UiState& ui) const
{
    if (!m_start.restored) {
        return;
    }
    const core::Session& s = *m_start.restored;
    const auto open = [&](const char* name, bool& flag) {
        if (const auto it = s.panels.find(name); it != s.panels.end()) {
            flag = it->second;
        }
    };
    open("layers", ui.showLayers);
    open("help", ui.showHelp);
    open("inspector", ui.inspect.showInspector);
    open("bookmarks", ui.bookmarks.show);
    open("timeline", ui.timeline.show);
    // The Messages panel opens itself for new entries; a session only opens it.
    if (const auto it = s.panels.find("messages"); it != s.panels.end() && it->second) {
        ui.showLog = true;
    }
    if (!s.imguiIni.empty()) {
        ImGui::LoadIniSettingsFromMemory(s.imguiIni.data(), s.imguiIni.size());
    }
}

void SessionKeeper::restoreView(core::AppState& app, const Navigator& navigator)
{
    // What the run started with: a CRS or language changed from these (the View menu, the projection switch) is
    // the user's choice, saved like --crs and --lang.
    m_initialCrs = app.document.viewCrs;
    m_initialLang = app.document.labelLanguage;
    if (!m_start.restored) {
        return;
    }
    const core::Session& s = *m_start.restored;
    app.bookmarks = s.bookmarks;
    if (s.furniture && !m_start.furnitureChosen) {
        app.furniture = *s.furniture;
    }
    if (s.view) {
        if (const auto view = cameraViewFor(*s.view, app.camera, navigator)) {
            core::applyView(app.camera, *view);
        } else {
            app.report(core::Severity::Warning, "the session's view cannot be shown in this view CRS; showing the "
                                                "whole map");
        }
    }
}

bool SessionKeeper::poll(core::AppState& app, ui::UiState& ui, Navigator& navigator, double now)
{
    ui::BookmarksUi& b = ui.bookmarks;
    bool redraw = false;
    if (b.captureRequested) {
        b.captureRequested = false;
        b.draft = geoViewOf(app.camera, navigator);
        if (!b.draft) {
            app.report(core::Severity::Warning, "cannot bookmark this view: its centre has no lon/lat in the view CRS");
        } else {
            // The name of what lies at the centre, else "View N".
            std::string name = "View " + std::to_string(app.bookmarks.size() + 1);
            const core::Vec2d centre{app.camera.widthPx / 2.0, app.camera.heightPx / 2.0};
            for (const core::Hit& hit : core::hitTest(app.document, app.camera, centre)) {
                const core::MapLayer& layer = app.document.layers[hit.layer];
                if (std::string n = core::featureName(layer.data, layer.data.features[hit.feature]); !n.empty()) {
                    name = std::move(n);
                    break;
                }
            }
            b.draftName.fill('\0');
            name.copy(b.draftName.data(), std::min(name.size(), b.draftName.size() - 1));
            b.nameFocusPending = true;
            b.show = true;
        }
        redraw = true; // the naming box, or the message, is to be drawn
    }
    if (b.recall) {
        const std::size_t index = *b.recall;
        b.recall.reset();
        if (index < app.bookmarks.size()) {
            if (const auto view = cameraViewFor(app.bookmarks[index].view, app.camera, navigator)) {
                navigator.flyTo(app.camera, *view);
                redraw = true;
            } else {
                app.report(core::Severity::Warning,
                           "bookmark '" + app.bookmarks[index].name + "' cannot be shown in this view CRS");
            }
        }
    }
    if (m_start.file.empty()) {
        return redraw;
    }
    if (b.changed || now - m_lastCheck >= kCheckSeconds) {
        b.changed = false;
        m_lastCheck = now;
        const std::string text = core::sessionToToml(snapshot(app, ui, navigator));
        if (text != m_written) {
            write(text, &app);
        }
    }
    return redraw;
}

void SessionKeeper::save(const core::AppState& app, const ui::UiState& ui, const Navigator& navigator)
{
    if (m_start.file.empty()) {
        return;
    }
    const std::string text = core::sessionToToml(snapshot(app, ui, navigator));
    if (text != m_written) {
        write(text, nullptr);
    }
}

void SessionKeeper::write(const std::string& text, core::AppState* report)
{
    try {
        writeFileAtomically(m_start.file, text);
        m_written = text;
        m_failed = false;
    } catch (const std::exception& e) {
        m_written = text; // not again until it changes
        if (!m_failed) {
            const std::string message = std::string("cannot save the session: ") + e.what();
            if (report != nullptr) {
                report->report(core::Severity::Warning, message); // the loop echoes it on stderr
            } else {
                std::cerr << "corridor: warning: " << message << "\n";
            }
        }
        m_failed = true;
    }
}

core::Session SessionKeeper::snapshot(const core::AppState& app, const ui::UiState& ui, const Navigator& navigator) const
{
    core::Session s;
    s.style = m_start.style;
    const core::MapDocument& doc = app.document;
    if (m_start.langChosen || (m_initialLang && doc.labelLanguage != *m_initialLang)) {
        s.lang = core::labelLanguageName(doc.labelLanguage);
    }
    if (m_start.crsChosen || (!m_initialCrs.empty() && doc.viewCrs != m_initialCrs)) {
        s.crs = doc.viewCrs;
    }
    s.asOf = doc.asOf ? doc.asOf->iso() : std::string();
    s.view = geoViewOf(app.camera, navigator);
    s.furniture = app.furniture;
    s.furniture->scale = 1.0; // an export's, not the window's
    s.bookmarks = app.bookmarks;
    for (const core::MapLayer& layer : doc.layers) {
        if (layer.sourcePath.empty()) {
            continue;
        }
        const std::string path = absolutePath(layer.sourcePath);
        const bool added =
            std::find(m_start.bundledFiles.begin(), m_start.bundledFiles.end(), path) == m_start.bundledFiles.end();
        s.layers.push_back({path, layer.data.name, added, layer.visible, layer.opacity});
    }
    s.panels = {{"layers", ui.showLayers},
                {"messages", ui.showLog},
                {"help", ui.showHelp},
                {"inspector", ui.inspect.showInspector},
                {"bookmarks", ui.bookmarks.show},
                {"timeline", ui.timeline.show}};
    if (ImGui::GetCurrentContext() != nullptr) {
        s.imguiIni = ImGui::SaveIniSettingsToMemory();
    }
    return s;
}

} // namespace corridor::platform

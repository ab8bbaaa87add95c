#include "platform/export_job.hpp"

#include "core/style.hpp"
#include "geo/proj.hpp"
#include "platform/map_export.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <sstream>

namespace corridor::platform {

namespace {

double nowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A shell word: as it is when it is plain, else in single quotes.
std::string shellWord(const std::string& word)
{
    if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,:=+")
                             == std::string::npos) {
        return word;
    }
    std::string quoted = "'";
    for (const char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string exportCommandLine(const core::MapDocument& document, const core::Camera& camera, const ExportJobOptions& o)
{
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out << "corridor export";
    try {
        const geo::ProjContext context;
        const geo::Transformer toLonLat(context, document.viewCrs, geo::kLonLat);
        core::Vec2d centre = camera.center;
        if (toLonLat.forward({&centre, 1}) == 0) {
            out.precision(5);
            out << " --view " << centre.x << "," << centre.y << ",";
            out.precision(4);
            out << core::zoomLevel(camera.unitsPerPixel);
        }
    } catch (const std::exception&) {
        // no --view: the line still says the size and the furniture
    }
    out << " --size " << o.size.width << "x" << o.size.height;
    if (document.asOf) {
        out << " --as-of " << document.asOf->iso();
    }
    if (o.scale != 1.0) {
        out.precision(2);
        out << " --scale " << o.scale;
    }
    if (!o.furniture.title.empty()) {
        out << " --title " << shellWord(o.furniture.title);
    }
    if (!o.furniture.subtitle.empty()) {
        out << " --subtitle " << shellWord(o.furniture.subtitle);
    }
    const std::string items = core::furnitureList(o.furniture);
    out << (items == "none" ? std::string(" --no-furniture") : " --furniture " + items);
    if (o.furniture.nauticalMiles) {
        out << " --nmi";
    }
    out << " --out " << shellWord(o.out);
    return out.str();
}

} // namespace

core::Camera exportCamera(const core::Camera& window, const core::ImageSize& size)
{
    core::Camera camera;
    camera.center = window.center;
    camera.widthPx = size.width;
    camera.heightPx = size.height;
    camera.unitsPerPixel =
        window.unitsPerPixel * std::max(window.widthPx / size.width, window.heightPx / size.height);
    return camera;
}

ExportJob::ExportJob(const core::MapDocument& document, const core::Camera& window, ExportJobOptions options)
    : m_options(std::move(options)), m_camera(exportCamera(window, m_options.size)),
      m_commandLine(exportCommandLine(document, m_camera, m_options)), m_startMs(nowMs())
{
    m_options.furniture.scale = m_options.scale;
}

ExportJob::~ExportJob()
{
    if (m_writer.joinable()) {
        m_writer.join();
    }
}

double ExportJob::progress() const
{
    if (!m_bands) {
        return 0.0;
    }
    // Drawing is most of the time; the PNG takes the last tenth.
    return 0.9 * m_bands->progress() + (m_written ? 0.1 : 0.0);
}

bool ExportJob::step(render::MapScene& scene, const core::MapDocument& document, double budgetMs)
{
    if (!m_result.empty()) {
        return false;
    }
    if (m_cancelled && !m_writer.joinable()) {
        m_result = "export cancelled: nothing was written";
        return false;
    }
    // The export's pixel scale while it draws, the window's again before the window's next frame.
    struct ScaleFor {
        render::MapScene& scene;
        ScaleFor(render::MapScene& s, double scale) : scene(s) { scene.setPixelScale(static_cast<float>(scale)); }
        ~ScaleFor() { scene.setPixelScale(1.0f); }
    } scaled(scene, m_options.scale);
    if (!m_prepared) {
        m_prepared = true;
        try { // the window goes on whatever happens to its export (no memory for the image, a PROJ failure)
            OutputOptions output;
            output.out = m_options.out;
            checkExportOutput(output, document.viewCrs); // a sidecar's name taken: nothing is drawn
            m_viewCrs = document.viewCrs;
            m_asOf = document.asOf;
            m_furniture.prepare(scene, document, m_camera, m_options.furniture);
            m_image = {m_options.size.width, m_options.size.height, {}};
            m_image.rgba.resize(static_cast<std::size_t>(m_image.width) * m_image.height * 4);
        } catch (const std::exception& e) {
            m_failed = true;
            m_result = std::string("export failed: ") + e.what();
            return false;
        }
        TileOptions tiles;
        tiles.maxTile = 1024; // a tile is one window frame's work: the window stays responsive
        m_bands = std::make_unique<BandRenderer>(m_camera, document.background, tiles);
    }
    if (!m_bands->done()) {
        const double until = nowMs() + budgetMs;
        try {
            m_furniture.keepLabelsClear(scene); // the window's frames set their own
            do {
                m_bands->next(scene, &m_furniture, [&](const std::vector<std::uint8_t>& rgba, int firstRow, int) {
                    std::memcpy(m_image.rgba.data() + static_cast<std::size_t>(firstRow) * m_image.width * 4,
                                rgba.data(), rgba.size());
                });
            } while (!m_bands->done() && nowMs() < until);
        } catch (const std::exception& e) {
            m_failed = true;
            m_result = std::string("export failed: ") + e.what();
            return false;
        }
        if (m_bands->done()) {
            // Written as `corridor export` writes it: title, sources, CRS and bbox in text chunks, then the world
            // file, .prj and .aux.xml.
            m_writer = std::thread([this, furniture = m_furniture.content()] {
                try {
                    OutputOptions output;
                    output.out = m_options.out;
                    writeExportImage(m_image, m_camera, m_viewCrs, m_asOf, output, furniture);
                } catch (const std::exception& e) {
                    m_writeError = e.what();
                }
                m_written = true;
            });
        }
        return true;
    }
    if (!m_written) {
        return true;
    }
    m_writer.join();
    m_image = {};
    if (!m_writeError.empty()) {
        m_failed = true;
        m_result = "export failed: " + m_writeError;
    } else {
        m_result = "wrote " + m_options.out + " (" + std::to_string(m_options.size.width) + "×" +
                   std::to_string(m_options.size.height) + ", " + std::to_string(static_cast<long>(nowMs() - m_startMs)) +
                   " ms)";
    }
    return false;
}

} // namespace corridor::platform

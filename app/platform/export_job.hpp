#pragma once
// The viewer's Export dialog at work: the window's view rendered at another size, a few tiles per window frame (so
// the window stays responsive and shows the progress), then written by a thread of its own. The image is the one
// `corridor export --view LON,LAT,ZOOM --size WxH` makes of the same data: commandLine() says so.

#include "core/camera.hpp"
#include "core/furniture.hpp"
#include "core/map_document.hpp"
#include "platform/furniture_content.hpp"
#include "platform/tiled_render.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace corridor::platform {

struct ExportJobOptions {
    core::ImageSize size;
    double scale = 1.0;
    core::FurnitureOptions furniture;
    std::string out;
};

// The export's camera for the window's view: the same centre, the window's extent fitted inside `size` (the
// export shows at least what the window shows).
core::Camera exportCamera(const core::Camera& window, const core::ImageSize& size);

class ExportJob {
public:
    ExportJob(const core::MapDocument& document, const core::Camera& window, ExportJobOptions options);
    ~ExportJob(); // waits for the writer
    ExportJob(const ExportJob&) = delete;
    ExportJob& operator=(const ExportJob&) = delete;

    // Draws tiles for about `budgetMs` (at least one), or checks on the writer once they are all drawn. Needs the
    // scene's GL context current; leaves framebuffer 0 bound. Returns false once the job is over (done, failed or
    // cancelled): see result().
    bool step(render::MapScene& scene, const core::MapDocument& document, double budgetMs);
    void cancel() { m_cancelled = true; }
    double progress() const;
    // "" while running; then "wrote PATH (W×H, N ms)" or "export failed: …" / "export cancelled".
    const std::string& result() const { return m_result; }
    bool failed() const { return m_failed; }
    const std::string& commandLine() const { return m_commandLine; }
    const core::Camera& camera() const { return m_camera; }

private:
    ExportJobOptions m_options;
    core::Camera m_camera;
    std::string m_viewCrs; // the document's when drawing began (its metadata and sidecars)
    std::optional<core::Date> m_asOf; // and its "map as of" date
    FurnitureView m_furniture;
    std::unique_ptr<BandRenderer> m_bands;
    render::Image m_image;
    bool m_prepared = false;
    bool m_cancelled = false;
    bool m_failed = false;
    std::string m_result;
    std::string m_commandLine;
    std::thread m_writer;
    std::atomic<bool> m_written{false};
    std::string m_writeError; // set by the writer before m_written
    double m_startMs = 0.0;
};

} // namespace corridor::platform

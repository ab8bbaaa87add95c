#include "platform/map_export.hpp"

#include "geo/layer_builder.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

namespace corridor::platform {

ExportResult exportMap(const core::MapDocument& document, const ExportOptions& options)
{
    using Clock = std::chrono::steady_clock;
    const HeadlessContext context;
    ExportResult result;
    result.renderer = context.description();

    const auto start = Clock::now();
    render::MapScene scene;
    scene.load(document);
    const core::Camera camera = geo::frameView(document, options.bbox, options.size.width, options.size.height);
    const render::OffscreenTarget target(options.size.width, options.size.height);
    target.bind();
    scene.render(camera, document.background);
    render::Image image{options.size.width, options.size.height, target.read()};
    const auto rendered = Clock::now();

    render::writePng(options.out, image);
    const auto written = Clock::now();
    result.renderMs = std::chrono::duration<double, std::milli>(rendered - start).count();
    result.writeMs = std::chrono::duration<double, std::milli>(written - rendered).count();
    return result;
}

ExportResult exportView(render::MapScene& scene, const core::Camera& camera, core::Color background, const std::string& out)
{
    using Clock = std::chrono::steady_clock;
    ExportResult result;
    const auto start = Clock::now();
    const int w = static_cast<int>(camera.widthPx), h = static_cast<int>(camera.heightPx);
    render::Image image;
    {
        const render::OffscreenTarget target(w, h);
        target.bind();
        scene.render(camera, background);
        image = {w, h, target.read()};
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    const auto rendered = Clock::now();
    render::writePng(out, image);
    result.renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    result.renderMs = std::chrono::duration<double, std::milli>(rendered - start).count();
    result.writeMs = std::chrono::duration<double, std::milli>(Clock::now() - rendered).count();
    return result;
}

std::string exportFileName(const std::string& directory)
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    const std::filesystem::path dir = directory.empty() ? std::filesystem::path(".") : std::filesystem::path(directory);
    std::filesystem::path path = dir / ("corridor-view-" + std::string(stamp) + ".png");
    for (int n = 2; std::filesystem::exists(path); ++n) {
        path = dir / ("corridor-view-" + std::string(stamp) + "-" + std::to_string(n) + ".png");
    }
    return path.string();
}

} // namespace corridor::platform

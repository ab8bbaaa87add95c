#include "platform/map_export.hpp"

#include "geo/layer_builder.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <chrono>

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

} // namespace corridor::platform

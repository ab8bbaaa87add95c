#include "platform/map_export.hpp"

#include "core/file_kind.hpp"
#include "core/phase_times.hpp"

#include "geo/layer_builder.hpp"
#include "platform/furniture_content.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace corridor::platform {

ExportResult exportMap(const core::MapDocument& document, const ExportOptions& options)
{
    using Clock = std::chrono::steady_clock;
    const HeadlessContext context;
    ExportResult result;
    result.renderer = context.description();

    const auto start = Clock::now();
    render::MapScene scene;
    {
        // Finished here, so that the GL work the calls only queue counts where it was asked for.
        const core::PhaseScope uploading(core::Phase::Upload);
        scene.load(document);
        glFinish();
    }
    const core::Camera camera = geo::frameOutput(
        document, {options.bbox, static_cast<double>(options.size.width), static_cast<double>(options.size.height), options.centre});
    const render::OffscreenTarget target(options.size.width, options.size.height);
    target.bind();
    {
        const core::PhaseScope rendering(core::Phase::Render);
        FurnitureView furniture;
        furniture.prepare(scene, document, camera, options.furniture); // before the labels: they keep clear of it
        scene.render(camera, document.background);
        furniture.draw(scene);
        glFinish();
    }
    render::Image image{options.size.width, options.size.height, target.read()};
    const auto rendered = Clock::now();

    render::writePng(options.out, image);
    const auto written = Clock::now();
    result.renderMs = std::chrono::duration<double, std::milli>(rendered - start).count();
    result.writeMs = std::chrono::duration<double, std::milli>(written - rendered).count();
    return result;
}

ExportResult exportView(render::MapScene& scene, const core::MapDocument& document, const core::Camera& camera,
                        const core::FurnitureOptions& options, const std::string& out)
{
    using Clock = std::chrono::steady_clock;
    ExportResult result;
    const auto start = Clock::now();
    const int w = static_cast<int>(camera.widthPx), h = static_cast<int>(camera.heightPx);
    render::Image image;
    {
        const render::OffscreenTarget target(w, h);
        target.bind();
        FurnitureView furniture; // the window's keeps clear of its bars; the image has none
        furniture.prepare(scene, document, camera, options);
        scene.render(camera, document.background);
        furniture.draw(scene);
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
    namespace fs = std::filesystem;
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    // Normalised here, once: the viewer shows this path, and absolute(".") alone gives "/dir/./name".
    std::error_code ec;
    const fs::path given = directory.empty() ? fs::path(".") : fs::path(directory);
    fs::path dir = fs::absolute(given, ec);
    dir = (ec ? given : dir).lexically_normal();
    fs::path path = dir / ("corridor-view-" + std::string(stamp) + ".png");
    // When existence cannot be checked (exists fails with ec), the name is tried anyway and writing says why.
    for (int n = 2; fs::exists(path, ec); ++n) {
        path = dir / ("corridor-view-" + std::string(stamp) + "-" + std::to_string(n) + ".png");
    }
    return path.string();
}

std::optional<std::string> outputFolderProblem(const std::string& out)
{
    namespace fs = std::filesystem;
    const fs::path target(out);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string shown = folder.lexically_normal().string();
    if (shown.size() > 1 && shown.back() == '/') {
        shown.pop_back();
    }
    int err = 0;
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0) {
        err = errno;
    } else if (!S_ISDIR(st.st_mode)) {
        err = ENOTDIR;
    } else if (::faccessat(AT_FDCWD, folder.c_str(), W_OK | X_OK, AT_EACCESS) != 0) {
        err = errno; // EACCES, or EROFS: the real reason, not just "not writable"
    }
    if (err == 0) {
        return std::nullopt;
    }
    return out + ": cannot create a file in folder " + shown + ": " + std::strerror(err);
}

std::optional<std::string> outputTargetProblem(const std::string& out, const std::vector<std::string>& inputs)
{
    struct stat target {};
    if (::stat(out.c_str(), &target) != 0) {
        return std::nullopt; // nothing there yet (or a dangling link, which the PNG replaces)
    }
    if (!S_ISREG(target.st_mode)) {
        // writePng renames over the name: a device node or a FIFO would be replaced by the PNG.
        return out + " is " + std::string(core::fileKindName(target.st_mode)) + "; give a file name";
    }
    for (const std::string& input : inputs) {
        struct stat in {};
        if (!input.empty() && ::stat(input.c_str(), &in) == 0 && in.st_dev == target.st_dev &&
            in.st_ino == target.st_ino) {
            return out + " is the input " + input + "; give another file name";
        }
    }
    return std::nullopt;
}

} // namespace corridor::platform

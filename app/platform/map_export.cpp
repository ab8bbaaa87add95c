#include "platform/map_export.hpp"

#include "core/file_kind.hpp"
#include "core/parallel.hpp"
#include "core/phase_times.hpp"

#include "geo/gdal_util.hpp"
#include "geo/georef.hpp"
#include "geo/geotiff_writer.hpp"
#include "geo/layer_builder.hpp"
#include "platform/furniture_content.hpp"
#include "platform/headless_context.hpp"
#include "platform/tiled_render.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <cerrno>
#include <cstdint>
#include <chrono>
#include <future>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <stdexcept>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace corridor::platform {

namespace {

// Fails before anything is rendered when the output could not be completed: a sidecar's name is taken by a directory,
// is too long, would be the image's own or an input's sidecar (geo::sidecarProblem), or GDAL cannot write the view
// CRS as WKT (PROJ drew it; GDAL reads CRSs its own way).
void checkOutput(const OutputOptions& output, const std::string& viewCrs, const std::vector<std::string>& inputs)
{
    if (output.format == ExportFormat::Png && !output.worldFile) {
        return;
    }
    if (output.format == ExportFormat::Png) {
        if (std::optional<std::string> problem = geo::sidecarProblem(output.out, inputs)) {
            throw std::runtime_error(*problem + "; nothing was written");
        }
    }
    try {
        (void)geo::pamWkt(viewCrs);
    } catch (const std::exception& e) {
        throw std::runtime_error(output.out + ": " + e.what() + "; nothing was written");
    }
}

// Images larger than this a side, or of more pixels than kBandedPixels, are drawn in tiles and written band by band
// (platform/tiled_render), so a poster never needs its whole RGBA in memory at once, twice (the GPU's image and the
// one read back: 266 MB at 7680×4320); below it one draw is fastest.
constexpr int kWholeSide = 16384;
constexpr std::int64_t kBandedPixels = std::int64_t{4096} * 4096;

// The image to write: whole, or drawn band by band while it is written (a tiled export: render::RowBands).
struct ImageRows {
    const render::Image* whole = nullptr;
    render::RowBands bands;
    int width = 0, height = 0;
    // Every pixel of the bands is opaque: drawn over an opaque background, which the renderer's blending keeps so
    // (alpha: source + destination × (1 − source alpha) = 1 over 1). A whole image is looked at (render::writePng).
    bool opaque = false;
};

// Writes the image as `output` asks, with the metadata the export knows (and what the furniture says, where the
// caller left the title, subtitle or sources empty); returns the sidecars written.
// `asOf`: the document's "map as of" date, if any. `texts`: the sidecars' CRS texts, when being made already
// (sidecarTextsWhileDrawing).
std::vector<std::string> writeOutput(const ImageRows& image, const core::Camera& camera, const std::string& viewCrs,
                                     const std::optional<core::Date>& asOf, const OutputOptions& output,
                                     const render::FurnitureContent& furniture,
                                     std::future<geo::SidecarTexts>* texts = nullptr)
{
    core::ImageMetadata metadata = output.metadata;
    if (asOf && metadata.comment.empty()) { // the furniture may be off: the file still says its date
        metadata.comment = "Map as of " + asOf->iso() + ": each feature drawn as its dates say it was then";
    }
    for (auto [field, said] : {std::pair{&metadata.title, &furniture.title}, {&metadata.subtitle, &furniture.subtitle}}) {
        if (field->empty()) {
            *field = *said;
        }
    }
    for (const std::string& name : metadata.sources.empty() ? furniture.sourceNames : std::vector<std::string>{}) {
        metadata.sources += (metadata.sources.empty() ? "" : "; ") + name; // all of them, where the map has room for some
    }
    metadata.software = core::softwareName();
    metadata.created = mapTime();
    metadata.crs = viewCrs;
    metadata.bbox = geo::unprojectBox(camera.visibleWorld(), viewCrs);
    if (output.format == ExportFormat::GeoTiff) {
        if (image.whole != nullptr) {
            const core::PhaseScope timing(core::Phase::Encode);
            geo::writeGeoTiff(output.out, image.width, image.height, image.whole->rgba, geo::geoTransform(camera),
                              viewCrs, metadata);
        } else {
            geo::GeoTiffWriter writer(output.out, image.width, image.height, geo::geoTransform(camera), viewCrs, metadata);
            std::vector<std::uint8_t> band;
            while (writer.rowsWritten() < image.height) {
                const int rows = image.bands(band); // drawn and read back: their own phases
                const core::PhaseScope timing(core::Phase::Encode);
                writer.writeRows(band, rows);
            }
            const core::PhaseScope timing(core::Phase::Encode);
            writer.finish();
        }
        return {};
    }
    if (image.whole != nullptr) {
        render::writePng(output.out, *image.whole, 3, render::TempFile::Auto, core::textEntries(metadata));
    } else {
        render::writePngRows(output.out, image.width, image.height, image.bands, image.opaque, 3,
                             core::textEntries(metadata));
    }
    if (!output.worldFile) {
        return {};
    }
    try {
        if (texts != nullptr && texts->valid()) {
            geo::writeSidecars(output.out, camera, texts->get());
        } else {
            geo::writeSidecars(output.out, camera, viewCrs);
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string(e.what()) + " (" + output.out +
                                 " itself was written, without its georeferencing)");
    }
    const geo::Sidecars s = geo::sidecarsOf(output.out);
    return {s.worldFile, s.prj, s.auxXml};
}

// The sidecars' CRS texts (geo::sidecarTexts: PROJ's and GDAL's CRS database, about 10 ms) made on a thread of
// their own while the image is drawn, for a PNG with sidecars; none otherwise.
std::future<geo::SidecarTexts> sidecarTextsWhileDrawing(const OutputOptions& output, const std::string& viewCrs)
{
    if (output.format != ExportFormat::Png || !output.worldFile) {
        return {};
    }
    return std::async(std::launch::async, [viewCrs] { return geo::sidecarTexts(viewCrs); });
}

} // namespace

std::optional<ExportFormat> parseExportFormat(const std::string& text)
{
    if (text == "png") {
        return ExportFormat::Png;
    }
    if (text == "gtiff") {
        return ExportFormat::GeoTiff;
    }
    return std::nullopt;
}

ExportGpu::~ExportGpu()
{
    try {
        context.makeCurrent();
    } catch (const PlatformError&) {
        // Nothing to do: the GL objects go with the context.
    }
}

std::future<std::unique_ptr<ExportGpu>> prepareExportGpu()
{
    // This thread and the helpers read the data next, while the driver loads: GDAL's per-thread state first.
    core::onEveryThread(geo::registerGdalThreadState);
    return std::async(std::launch::async, [] {
        auto gpu = std::make_unique<ExportGpu>();
        gpu->context.release();
        return gpu;
    });
}

ExportResult exportMap(core::MapDocument& document, const ExportOptions& options, std::unique_ptr<ExportGpu> gpu)
{
    using Clock = std::chrono::steady_clock;
    std::vector<std::string> inputs;
    for (const core::MapLayer& layer : document.layers) {
        inputs.push_back(layer.sourcePath);
    }
    checkOutput(options, document.viewCrs, inputs);
    if (gpu) {
        gpu->context.makeCurrent();
    } else {
        gpu = std::make_unique<ExportGpu>();
    }
    ExportResult result;
    result.renderer = gpu->context.description();
    std::future<geo::SidecarTexts> texts = sidecarTextsWhileDrawing(options, document.viewCrs); // the driver loaded

    const auto start = Clock::now();
    render::MapScene& scene = gpu->scene;
    {
        // Finished here, so that the GL work the calls only queue counts where it was asked for.
        const core::PhaseScope uploading(core::Phase::Upload);
        if (options.releaseMeshes) {
            scene.loadReleasing(document);
        } else {
            scene.load(document);
        }
        glFinish();
    }
    const core::Camera camera = geo::frameOutput(
        document, {options.bbox, static_cast<double>(options.size.width), static_cast<double>(options.size.height), options.centre});
    // --scale: text, symbols and furniture alike (a 4K image at 2 looks like the 1080p one, only sharper).
    scene.setPixelScale(static_cast<float>(options.furniture.scale));
    FurnitureView furniture;
    furniture.prepare(scene, document, camera, options.furniture); // before the labels: they keep clear of it
    const int side = render::OffscreenTarget::maxSize();
    if (options.size.width > std::min(side, kWholeSide) || options.size.height > std::min(side, kWholeSide) ||
        std::int64_t{options.size.width} * options.size.height > kBandedPixels) {
        // Beyond what the GPU draws at once (or memory should hold): tiles, each band of rows written as it is done.
        BandRenderer tiles(camera, document.background);
        ImageRows rows{nullptr, {}, options.size.width, options.size.height, document.background.a >= 1.0f};
        rows.bands = [&](std::vector<std::uint8_t>& band) {
            tiles.reuse(band); // written already
            int given = 0;
            while (given == 0 && tiles.next(scene, &furniture, [&](std::vector<std::uint8_t>& rgba, int, int count) {
                band.swap(rgba);
                given = count;
            })) {
            }
            return given;
        };
        result.sidecars =
            writeOutput(rows, camera, document.viewCrs, document.asOf, options, furniture.content(), &texts);
        result.renderMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        return result; // drawing and writing interleave: renderMs is both, writeMs 0
    }
    const render::OffscreenTarget target(options.size.width, options.size.height);
    target.bind();
    {
        const core::PhaseScope rendering(core::Phase::Render);
        scene.render(camera, document.background);
        furniture.draw(scene);
        glFinish();
    }
    render::Image image{options.size.width, options.size.height, target.read()};
    const auto rendered = Clock::now();

    result.sidecars = writeOutput({&image, {}, image.width, image.height, false}, camera, document.viewCrs, document.asOf, options,
                                  furniture.content(), &texts);
    const auto written = Clock::now();
    result.renderMs = std::chrono::duration<double, std::milli>(rendered - start).count();
    result.writeMs = std::chrono::duration<double, std::milli>(written - rendered).count();
    return result;
}

void checkExportOutput(const OutputOptions& output, const std::string& viewCrs)
{
    checkOutput(output, viewCrs, {});
}

std::vector<std::string> writeExportImage(const render::Image& image, const core::Camera& camera,
                                          const std::string& viewCrs, const std::optional<core::Date>& asOf,
                                          const OutputOptions& output, const render::FurnitureContent& furniture)
{
    return writeOutput({&image, {}, image.width, image.height, false}, camera, viewCrs, asOf, output, furniture);
}

ExportResult exportView(render::MapScene& scene, const core::MapDocument& document, const core::Camera& camera,
                        const core::FurnitureOptions& options, const OutputOptions& output)
{
    using Clock = std::chrono::steady_clock;
    const std::string& viewCrs = document.viewCrs;
    checkOutput(output, viewCrs, {}); // the viewer's names (corridor-view-<time>.png) are no data's
    ExportResult result;
    const auto start = Clock::now();
    const int w = static_cast<int>(camera.widthPx), h = static_cast<int>(camera.heightPx);
    render::Image image;
    FurnitureView furniture; // the window's keeps clear of its bars; the image has none
    {
        const render::OffscreenTarget target(w, h);
        target.bind();
        furniture.prepare(scene, document, camera, options);
        scene.render(camera, document.background);
        result.furniture = furniture.draw(scene);
        image = {w, h, target.read()};
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    const auto rendered = Clock::now();
    result.sidecars = writeOutput({&image, {}, w, h, false}, camera, document.viewCrs, document.asOf, output, furniture.content());
    result.sources = furniture.content().sourceNames;
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

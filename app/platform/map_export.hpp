#pragma once
// The headless face of the map: render a document into a PNG (with its georeferencing sidecars) or a GeoTIFF,
// with no window and no X server.

#include "core/camera.hpp"
#include "core/furniture.hpp"
#include "core/image_metadata.hpp"
#include "core/map_document.hpp"
#include "render/furniture.hpp"

#include "platform/headless_context.hpp"
#include "render/map_scene.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::render {
struct Image;
struct FurnitureContent;
}

namespace corridor::platform {

// What exportMap draws with: a headless GL context and the scene's GL programs (the scene holds no layer yet).
struct ExportGpu {
    ExportGpu() = default;
    ExportGpu(const ExportGpu&) = delete;
    ExportGpu& operator=(const ExportGpu&) = delete;
    ~ExportGpu(); // makes the context current on the destroying thread, for the scene's GL objects to go

    HeadlessContext context; // declared first: destroyed last, after the scene's GL objects
    render::MapScene scene;
};

// Makes an ExportGpu on a thread of its own and leaves its context current on no thread. Started before the data
// is read, the driver's start (llvmpipe: loading it, LLVM's set-up) and the shaders' compiling happen while the
// data loads, instead of after it: about 45 ms of every export. get() rethrows what the making threw
// (PlatformError: no headless GL). First, this thread and core::forEachParallel's helpers have GDAL set up its
// per-thread state (geo::registerGdalThreadState), which would otherwise wait for the driver's loading: call it
// when no forEachParallel is under way (the command line's export, before it reads).
std::future<std::unique_ptr<ExportGpu>> prepareExportGpu();

enum class ExportFormat {
    Png,     // PNG with text chunks, plus (worldFile) the world file, .prj and .aux.xml beside it
    GeoTiff, // GeoTIFF through GDAL: georeferencing and metadata inside (geo/geotiff_writer.hpp)
};

// What is written, and how: shared by exportMap and exportView.
struct OutputOptions {
    std::string out;
    ExportFormat format = ExportFormat::Png;
    // PNG: write `map.pgw`, `map.prj` and `map.png.aux.xml` beside `map.png` (geo/georef.hpp), so GIS software
    // (QGIS through GDAL) puts the image in its place. A GeoTIFF carries its georeferencing and writes none.
    bool worldFile = true;
    // The caller fills title, subtitle, sources and comment (left empty on a map drawn as of a date, it says that
    // date); the export sets software, created, crs (the view CRS as given) and bbox (the view's lon/lat extent,
    // geo::unprojectBox), replacing whatever was there. PNG: text chunks (core::textEntries); GeoTIFF: TIFF tags and
    // GDAL metadata.
    core::ImageMetadata metadata;
};

struct ExportOptions : OutputOptions {
    core::ImageSize size{1920, 1080};
    std::optional<core::GeoBox> bbox; // the view; when unset, the document's initial view
    std::optional<core::ViewCentre> centre; // the view by centre and zoom (wins over bbox)
    core::FurnitureOptions furniture = core::noFurniture({}); // the map's furniture (title, legend, scale bar…)
    // The caller has no more use for the document's meshes: each is emptied once the GPU holds it, so the image is
    // drawn without a second copy in memory (10^7 vertices of lines are 160 MB).
    bool releaseMeshes = false;
};

struct ExportResult {
    std::string renderer;   // GL_RENDERER / GL_VERSION used
    double renderMs = 0.0;  // GL draw and read-back
    double writeMs = 0.0;   // encoding and writing, the sidecars included
    std::vector<std::string> sidecars; // the files written beside `out`, in the order written
    std::vector<std::string> sources;  // exportView: the short names of the sources of what the image shows
    render::FurnitureLayout furniture; // exportView: where the furniture went (a PDF page's text goes there)
};

// "png" → Png, "gtiff" → GeoTiff; nullopt otherwise.
std::optional<ExportFormat> parseExportFormat(const std::string& text);

// Throws PlatformError (no GL), render::GlError, or std::runtime_error (cannot write `out` or a sidecar). Checks
// before rendering that the sidecars can be written (geo::sidecarProblem: a directory named map.pgw fails here, with
// nothing written) and that GDAL can write the view CRS as WKT. Never leaves a partial file at `out` or at a
// sidecar; the image is written first, the sidecars after it, each complete or not at all. When a sidecar still
// fails (the disk fills between them), the message names it and the reason and says the image was written.
// Images of over 4096 × 4096 pixels are drawn in tiles and written band by band (platform/tiled_render): the whole RGBA,
// twice (the GPU's image and the one read back), is not held at once.
// `gpu`: what prepareExportGpu made (its context is made current on this thread), else one is made here.
ExportResult exportMap(core::MapDocument& document, const ExportOptions& options, std::unique_ptr<ExportGpu> gpu = {});

// The viewer's export: the scene as the window shows it for `camera` (map, labels and the furniture `furniture`
// asks for; no panels), rendered whole (not from the view cache) into an offscreen image of the camera's size and
// written to `output.out` with the same sidecars and metadata as exportMap. For the view the window just drew
// without furniture, the label placement is reused. Needs the scene's GL context current; leaves framebuffer 0
// bound. Throws like exportMap.
ExportResult exportView(render::MapScene& scene, const core::MapDocument& document, const core::Camera& camera,
                        const core::FurnitureOptions& furniture, const OutputOptions& output);

// exportView's check before drawing and its write after, for an image drawn elsewhere over many frames (the Export
// dialog's platform::ExportJob). checkExportOutput throws std::runtime_error ("…; nothing was written") when a
// sidecar could not be written. writeExportImage writes `image` (drawn for `camera`) with the metadata and sidecars
// exportView gives it, the title, subtitle and sources from `furniture`, the "map as of" date `asOf` (the document's); it makes its own PROJ objects, so it may run
// on a thread of its own. Returns the sidecars written; throws like exportMap.
void checkExportOutput(const OutputOptions& output, const std::string& viewCrs);
std::vector<std::string> writeExportImage(const render::Image& image, const core::Camera& camera,
                                          const std::string& viewCrs, const std::optional<core::Date>& asOf,
                                          const OutputOptions& output, const render::FurnitureContent& furniture);

// A fresh file name for a viewer export in `directory`: corridor-view-YYYYMMDD-HHMMSS.png (-2, -3… if taken).
// Absolute and lexically normal (no `/./`, no `..`), ready to show the user as it is. Does not throw.
std::string exportFileName(const std::string& directory);

// Why no file can be created at `out`, checked before rendering so a bad path fails fast: its folder missing, not a
// folder, not searchable or not writable, as "OUT: cannot create a file in folder DIR: REASON" with the system's
// reason (No such file or directory, Not a directory, Permission denied, Read-only file system). nullopt when the
// folder looks writable. Root passes permission checks, so some refusals (sysfs, procfs, a full disk) only show
// when the file is written; writePng names those the same way.
std::optional<std::string> outputFolderProblem(const std::string& out);

// Why writing `out` would destroy something: it exists (following symbolic links) and is not a regular file, as
// "OUT is a character device; give a file name" (a FIFO, a socket, a directory…), or it is the same file as one
// of `inputs` (same device and inode: another path, a symbolic link or a hard link to it count too), as "OUT is
// the input IN; give another file name". Inputs that cannot be examined (missing, /vsi… paths) are skipped.
// nullopt when neither.
std::optional<std::string> outputTargetProblem(const std::string& out, const std::vector<std::string>& inputs);

} // namespace corridor::platform

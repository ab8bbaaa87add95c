#pragma once
// The headless face of the map: render a document into a PNG with no window and no X server.

#include "core/camera.hpp"
#include "core/furniture.hpp"
#include "core/map_document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace corridor::render {
class MapScene;
}

namespace corridor::platform {

struct ExportOptions {
    core::ImageSize size{1920, 1080};
    std::optional<core::GeoBox> bbox; // the view; when unset, the document's initial view
    std::optional<core::ViewCentre> centre; // the view by centre and zoom (wins over bbox)
    core::FurnitureOptions furniture = core::noFurniture({}); // the map's furniture (title, legend, scale bar…)
    std::string out;
};

struct ExportResult {
    std::string renderer;   // GL_RENDERER / GL_VERSION used
    double renderMs = 0.0;  // GL draw and read-back
    double writeMs = 0.0;   // PNG encoding and writing
};

// Throws PlatformError (no GL), render::GlError, or std::runtime_error (cannot write `out`). Never leaves a
// partial file at `out`.
ExportResult exportMap(const core::MapDocument& document, const ExportOptions& options);

// The viewer's export: the scene as the window shows it for `camera` (map, labels and the furniture `furniture`
// asks for; no panels), rendered whole (not from the view cache) into an offscreen image of the camera's size and
// written to `out`. Needs the scene's GL context current; leaves framebuffer 0 bound. Throws like exportMap.
ExportResult exportView(render::MapScene& scene, const core::MapDocument& document, const core::Camera& camera,
                        const core::FurnitureOptions& furniture, const std::string& out);

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

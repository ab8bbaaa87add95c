#pragma once
// The headless face of the map: render a document into a PNG with no window and no X server.

#include "core/map_document.hpp"

#include <optional>
#include <string>

namespace corridor::platform {

struct ExportOptions {
    core::ImageSize size{1920, 1080};
    std::optional<core::GeoBox> bbox; // the view; when unset, the document's initial view
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

} // namespace corridor::platform

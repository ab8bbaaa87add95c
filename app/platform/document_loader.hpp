#pragma once
// From the command line's sources to a document ready to draw: the bundled layers (unless left out), every --data
// source, the style sheet and the view CRS, with every problem in the log. One source that fails is reported and
// left out; the rest loads. Shared by the viewer, export and bench, and tested on its own (tests/platform).

#include "core/app_state.hpp"
#include "core/map_document.hpp"
#include "geo/layer_builder.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace corridor::platform {

struct DocumentSources {
    std::vector<std::string> data; // --data, in order
    bool noDefaults = false;       // leave out the bundled layers and their sheet
    bool allowNetwork = false;
    std::string crs;               // "" = the style sheet's, else the corridor LCC
    std::string style;             // "" = the bundled sheet with the bundled layers
    std::string dataDir;           // where the bundled layers and style.toml are
    std::optional<core::LabelLanguage> lang; // --lang: overrides the sheet's [map] lang
    std::optional<core::Date> asOf;          // --as-of (or the session's): the map's date (MapDocument::asOf)
    // When set, the meshes are built for this one view only (geo::buildMeshes: an export, the viewer's first
    // frame): no full-detail levels, no identify index.
    std::optional<geo::OutputView> view;
    // With `view`: where built meshes are kept between runs (the viewer's on-disk cache), or none.
    geo::MeshStore* meshStore = nullptr;
    // Leave polygon validity out of the load (geo::LoadOptions::checkValidity): the viewer checks it after its first
    // frame (platform/validity_checker).
    bool deferValidity = false;
    // Where polygon validity verdicts are kept between runs (platform::ValidityCache), or none.
    const geo::ValidityMemo* validityMemo = nullptr;
};

// A bad command-line value found while loading (an unusable --crs): a usage error, exit 2.
struct OptionError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What to do with a style sheet that does not parse.
enum class BrokenStyle {
    Fail,     // export, bench: an error; the caller writes nothing
    Fallback, // viewer: start with the bundled sheet (else the default look) and watch the broken one until fixed
};

struct LoadResult {
    std::size_t failedSources = 0; // --data or bundled files that could not be read
    bool styleFailed = false;      // the style sheet asked for did not parse
    std::string watchStyle;        // the sheet the viewer reloads when saved: the one asked for, even when broken
};

// Loads the bundled layers and every --data source, styled by the style sheet, and builds the meshes. A source
// that fails is reported (`log`, one error naming the file and why) and left out; the rest loads. A style sheet
// that fails is reported with its file:line:col and key; what happens then is `broken`'s to say. Feature problems
// (the loader's and the mesh builder's) are logged as warnings. Throws OptionError for an unusable --crs and
// std::runtime_error for an unusable map.crs in the sheet.
LoadResult loadDocument(const DocumentSources& o, core::MapDocument& doc, std::vector<core::LogEntry>& log,
                        BrokenStyle broken);

} // namespace corridor::platform

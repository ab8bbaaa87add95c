#pragma once
// Style sheets: a TOML file that says how each layer is drawn, with rules keyed on attributes.
// docs/styles.md is the format reference; this is its reader and the helpers the viewer needs to apply it.

#include "core/geometry.hpp"
#include "core/map_document.hpp"
#include "core/style.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// Everything wrong with a style file, from an unreadable file to a misspelt key, is one of these, so the
// viewer can show it and keep the previous style (hot reload) and the CLI can print it and exit.
class StyleError : public std::runtime_error {
public:
    // line and column start at 1; 0 when the error is about the whole file (cannot read it, say).
    StyleError(std::string file, std::uint32_t line, std::uint32_t column, std::string keyPath, std::string reason);

    const std::string& file() const { return m_file; }
    std::uint32_t line() const { return m_line; }
    std::uint32_t column() const { return m_column; }
    // Where in the TOML tree, e.g. "layer.instc_routes.rule[2].strok" (rules count from 1); empty for syntax
    // and file errors.
    const std::string& keyPath() const { return m_keyPath; }
    const std::string& reason() const { return m_reason; }

private:
    std::string m_file;
    std::uint32_t m_line;
    std::uint32_t m_column;
    std::string m_keyPath;
    std::string m_reason;
};

// One [layer.NAME] table as written. The layer-level keys are kept as a patch (`base.sets` names only the keys
// the file gives) so the sheet can be laid over the viewer's own default for the layer instead of replacing it:
// a sheet that only adds labels keeps the layer's palette colour.
struct LayerSheet {
    // The layer-level keys: no conditions; `base.patch` holds their values, `base.sets` their names in file order
    // (including "min-zoom"/"max-zoom" when given, whose values are in base.minZoom/maxZoom).
    StyleRule base;
    std::optional<bool> honourSimplestyle;  // `simplestyle = true|false` when given
    std::optional<std::string> legendField; // `legend-field` when given (the layer's `legend` is in base.legend)
    std::vector<StyleRule> rules;           // [[layer.NAME.rule]] in file order; `sets` as for `base`

    friend bool operator==(const LayerSheet&, const LayerSheet&) = default;
};

struct StyleSheet {
    std::optional<Color> background;
    std::optional<GeoBox> view;
    std::optional<std::string> crs;
    std::optional<LabelLanguage> lang;          // [map] lang; the command line's --lang overrides it
    std::vector<std::string> order;             // layer names, bottom to top
    std::map<std::string, LayerSheet> layers;   // by layer name (core::Layer::name)
};

// Parses a style sheet; `sourceName` is only used in error messages. An empty text is a valid empty sheet.
// Throws StyleError (file:line:column, key path, what is wrong) and nothing else for any input.
StyleSheet parseStyleSheet(std::string_view text, const std::string& sourceName);
// Reads and parses a file; a missing, unreadable or oversized file is a StyleError too.
StyleSheet loadStyleSheet(const std::string& path);

// The style for a layer: `fallback` with the sheet's layer-level keys, zoom window and simplestyle switch laid
// over it and the sheet's rules in place of the fallback's; `fallback` unchanged when the sheet has no entry.
// styleFor(sheet, name, LayerStyle{}) is the sheet's style over the built-in Symbolizer defaults.
LayerStyle styleFor(const StyleSheet& sheet, const std::string& layerName, const LayerStyle& fallback);

// A permutation of 0..layerNames.size()-1 giving the draw order, bottom first: layers named in `sheet.order` in
// that order (several layers with one name keep their relative order), then the unlisted ones in their original
// order, so a layer the sheet does not know is drawn on top where it is seen.
std::vector<std::size_t> drawOrder(const StyleSheet& sheet, const std::vector<std::string>& layerNames);

// Names in the sheet that the loaded data does not have: layers (in [layer.*] and map.order) with no loaded
// layer of that name, and `when`, `label`, `label-fa` and `legend-field` fields a layer lacks, with a "did you mean"
// when close. A misspelt field makes a rule silently never match, so these are for the viewer to show as warnings; not errors, because
// one sheet serves several data sets.
std::vector<std::string> styleWarnings(const StyleSheet& sheet, const std::vector<const Layer*>& layers);

// Hot reload: polls a file's write time and size. changed() is true once per modification seen since the last
// call (or since construction). A file that disappears is not a change (editors save by renaming a new file over
// the old one); it counts again once it is back with a different time or size.
class FileWatcher {
public:
    explicit FileWatcher(std::string path);

    bool changed();
    const std::string& path() const { return m_path; }

private:
    struct Stamp {
        std::filesystem::file_time_type time;
        std::uintmax_t size = 0;

        friend bool operator==(const Stamp&, const Stamp&) = default;
    };
    std::optional<Stamp> current() const;

    std::string m_path;
    std::optional<Stamp> m_last;
};

} // namespace corridor::core

#pragma once
// The view projections the viewer offers by name, and what a user may type instead. Plain data: PROJ checks the
// definitions where they are used (platform/reprojector), so a typo costs one message, never the view.

#include <optional>
#include <span>
#include <string>

namespace corridor::core {

struct ProjectionPreset {
    const char* key;        // short id: "corridor", "mercator", "albers", "platecarree"
    const char* name;       // the menu's words
    const char* definition; // what proj_create reads
};

// The corridor conic (the bundled map's own CRS, as geo::kCorridorLcc), Web Mercator, an Albers equal-area conic on
// the corridor's parallels and central meridian, and plate carrée (equirectangular in metres, so the style's zoom
// windows still read as web-map zooms).
std::span<const ProjectionPreset> projectionPresets();
const ProjectionPreset* findPreset(const std::string& key);
// The preset with this definition (spaces and a trailing +type=crs or +no_defs aside); nullptr for any other CRS.
const ProjectionPreset* presetFor(const std::string& definition);

// What the user typed, as a definition for PROJ: surrounding blanks trimmed, a bare number read as an EPSG code
// ("3857" → "EPSG:3857"), "epsg:3857" upper-cased; the rest as typed (geo::normalizeCrsDefinition makes a PROJ
// string a CRS). Returns std::nullopt and sets `why` when it is empty.
std::optional<std::string> normaliseCrsInput(const std::string& typed, std::string& why);

} // namespace corridor::core

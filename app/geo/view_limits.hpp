#pragma once
// How far the camera may zoom and pan for a document: worked out once from the data's projected extent and the
// view CRS's area of use, so the map can be neither lost off screen nor zoomed out to a dot or in past what
// float vertices hold. geo::frameView sets these limits on the camera it returns.

#include "core/camera.hpp"
#include "core/map_document.hpp"

#include <optional>
#include <string>

namespace corridor::geo {

// The zoom-in limit, in metres per pixel (about web-map zoom 18): vertices are floats relative to their chunk's
// origin, and a chunk of a sparse layer can span the whole layer.
inline constexpr double kZoomInLimitMetres = 0.5;
// The limit area is never smaller than this on a side (one point of data still gets a regional view).
inline constexpr double kMinLimitSpanMetres = 100000.0;

// Where PROJ says the CRS may be used (proj_get_area_of_use), as a lon/lat box whose east may exceed 180 when the
// area crosses the antimeridian; std::nullopt when PROJ knows none (a PROJ string) or does not know the CRS.
std::optional<core::GeoBox> crsAreaOfUse(const std::string& crs);

// Metres per unit of the CRS's first axis (1 for metres, about 111 km for degrees); 1 when PROJ cannot tell.
double crsMetresPerUnit(const std::string& crs);

// The limits for `document` (view CRS, meshes built or at least their bounds kept). The limit area is the data's
// projected extent cut to the view CRS's area of use, whichever part is smaller (the data's alone when they do
// not meet, the area of use's alone without data), grown to kMinLimitSpanMetres and then to take in `framed`, the
// view the camera opens with, which must stay reachable.
core::CameraLimits viewLimits(const core::MapDocument& document, const core::Bounds& framed);

} // namespace corridor::geo

#pragma once
// What the map furniture says for one view of a document: render::FurnitureContent worked out from the document
// (legend from its style, sources and point of view from the features in view), the view (scale bar, north, inset)
// and the furniture options. The same function serves the export, the viewer and the present mode, so they agree.

#include "core/camera.hpp"
#include "core/furniture.hpp"
#include "core/map_document.hpp"
#include "geo/view_geodesy.hpp"
#include "render/furniture.hpp"

#include <string>

namespace corridor::platform {

// `geodesy` must be for the document's view CRS. `crsName` is the CRS's short name for the sources line
// (geo::describeCrs), `date` the map's date (mapDate()).
render::FurnitureContent furnitureContent(const core::MapDocument& document, const core::Camera& camera,
                                          const core::FurnitureOptions& options, const geo::ViewGeodesy& geodesy,
                                          const std::string& crsName, const std::string& date);

// Today as YYYY-MM-DD (UTC), or the date of SOURCE_DATE_EPOCH when it is set (reproducible exports and tests).
std::string mapDate();

// The inset's extent for a view, in view-CRS units: the document's opening view (else all its data), widened to
// take the view in; empty when the view already shows most of it (no inset is needed).
core::Bounds insetExtent(const core::MapDocument& document, const core::Bounds& view);

} // namespace corridor::platform

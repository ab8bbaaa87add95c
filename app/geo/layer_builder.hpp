#pragma once
// From a file to draw-ready layers: load through GDAL (lon/lat), project through PROJ to the view CRS, build
// the meshes. Runs on any thread (own GDAL dataset and PROJ context per call).

#include "core/camera.hpp"
#include "core/map_document.hpp"
#include "geo/loader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace corridor::geo {

// Loads every layer of `path`; styles them with core::defaultLayerStyle from palette index `styleIndex` on.
// Throws core::LoadError (file cannot be read) or ProjError (view CRS unknown).
std::vector<core::MapLayer> buildLayers(const std::string& path, const std::string& viewCrs, std::size_t styleIndex,
                                        const LoadOptions& options = {});

// The box, densified along its edges, projected into the view CRS.
core::Bounds projectBox(const core::GeoBox& box, const std::string& viewCrs);

// The camera the map opens with at this viewport size: `box` when given, else the document's initial view,
// else all layers' extent with a small margin.
core::Camera frameView(const core::MapDocument& document, const std::optional<core::GeoBox>& box, double width,
                       double height);

// The projected extent of every layer's mesh.
core::Bounds dataBounds(const core::MapDocument& document);

// The vector files in a folder, in draw order: basemap layers first, then the rest by name.
std::vector<std::string> dataFilesIn(const std::string& directory);

} // namespace corridor::geo

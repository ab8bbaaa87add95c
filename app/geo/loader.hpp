#pragma once
// Reads vector data through GDAL/OGR into the core layer model, reprojected through PROJ to lon/lat
// (OGC:CRS84 axis order). Runs on any thread: each call opens its own dataset and PROJ context.

#include "core/geometry.hpp"
#include "geo/network.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace corridor::geo {

struct LoadOptions {
    bool allowNetwork = false;                  // /vsicurl/, http(s)://, WMS… are refused unless asked for
    std::atomic<float>* progress = nullptr;     // 0..1 over the whole source, written while loading
    const std::atomic<bool>* cancel = nullptr;  // set to stop early: loadSource then throws LoadError("cancelled")
};

struct LoadedSource {
    std::string path;
    std::string driver;
    std::vector<core::Layer> layers; // coordinates in lon/lat degrees (OGC:CRS84)
};

// Opens every vector layer of `path`. Throws core::LoadError when the file cannot be opened, holds no vector
// layer, or a layer's CRS is unknown; problems with single features are kept in Layer::issues and the rest of
// the layer still loads.
LoadedSource loadSource(const std::string& path, const LoadOptions& options = {});

// True for paths that would make GDAL reach the network.
bool isNetworkPath(const std::string& path);

// Registers GDAL drivers once and sets process-wide GDAL options; the network stays off until configureNetwork.
void initGdal();

} // namespace corridor::geo

#include "geo/layer_builder.hpp"

#include "geo/proj.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace corridor::geo {

std::vector<core::MapLayer> buildLayers(const std::string& path, const std::string& viewCrs, std::size_t styleIndex,
                                        const LoadOptions& options)
{
    LoadedSource source = loadSource(path, options);
    const ProjContext proj;
    const Transformer toView(proj, kLonLat, viewCrs);
    const std::string file = std::filesystem::path(path).filename().string();
    std::vector<core::MapLayer> out;
    for (core::Layer& layer : source.layers) {
        core::MapLayer m;
        m.title = source.layers.size() == 1 && layer.name == std::filesystem::path(path).stem().string()
                      ? layer.name
                      : file + " › " + layer.name;
        m.style = core::defaultLayerStyle(layer, styleIndex++);
        m.mesh = core::buildLayerMesh(projectLayer(layer, toView), m.style);
        m.data = std::move(layer);
        out.push_back(std::move(m));
    }
    return out;
}

core::Bounds projectBox(const core::GeoBox& box, const std::string& viewCrs)
{
    constexpr int kSteps = 32; // conic projections bend the box's edges: sample them
    std::vector<core::Vec2d> ring;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double lon = box.west + (box.east - box.west) * t;
        const double lat = box.south + (box.north - box.south) * t;
        ring.push_back({lon, box.south});
        ring.push_back({lon, box.north});
        ring.push_back({box.west, lat});
        ring.push_back({box.east, lat});
    }
    const ProjContext proj;
    Transformer(proj, kLonLat, viewCrs).forward(ring);
    core::Bounds b;
    for (const core::Vec2d& p : ring) {
        if (!std::isnan(p.x)) {
            b.add(p);
        }
    }
    return b;
}

core::Bounds dataBounds(const core::MapDocument& document)
{
    core::Bounds all;
    for (const core::MapLayer& layer : document.layers) {
        all.add(layer.mesh.bounds);
    }
    return all;
}

core::Camera frameView(const core::MapDocument& document, const std::optional<core::GeoBox>& box, double width,
                       double height)
{
    core::Camera camera;
    camera.resize(width, height);
    if (box || document.initialView) {
        camera.fit(projectBox(box ? *box : *document.initialView, document.viewCrs), 0.0);
        return camera;
    }
    core::Bounds all = dataBounds(document);
    if (all.empty()) {
        all = projectBox(core::kCorridorView, document.viewCrs);
    }
    camera.fit(all, 20.0);
    return camera;
}

std::vector<std::string> dataFilesIn(const std::string& directory)
{
    static constexpr const char* kExtensions[] = {".gpkg", ".geojson", ".json", ".shp", ".fgb", ".kml", ".gml"};
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions)) {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        const bool baseA = std::filesystem::path(a).filename().string().rfind("basemap", 0) == 0;
        const bool baseB = std::filesystem::path(b).filename().string().rfind("basemap", 0) == 0;
        return baseA != baseB ? baseA : a < b;
    });
    return files;
}

} // namespace corridor::geo

#pragma once
// The bundled geodata as the geodata tests read it: each file loaded once per test binary (the basemap files are
// large) and the bundled style sheet.

#include "core/style_file.hpp"
#include "geo/loader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

namespace corridor::test {

inline const std::string kGeodata = CORRIDOR_GEODATA_DIR;

// The bundled file of a layer: GeoJSON, or FlatGeobuf for the large generated basemap layers (geodata/README.md).
inline std::string bundledPath(const std::string& stem)
{
    const std::string fgb = kGeodata + "/" + stem + ".fgb";
    return std::filesystem::exists(fgb) ? fgb : kGeodata + "/" + stem + ".geojson";
}

// Loads a bundled file once per test binary and keeps it; later calls return the same source.
inline const geo::LoadedSource& bundledSource(const std::string& stem)
{
    static std::map<std::string, geo::LoadedSource> cache;
    auto it = cache.find(stem);
    if (it == cache.end()) {
        it = cache.emplace(stem, geo::loadSource(bundledPath(stem))).first;
    }
    return it->second;
}

// The one layer of a bundled file (each holds exactly one).
inline const core::Layer& bundledLayer(const std::string& stem)
{
    const geo::LoadedSource& src = bundledSource(stem);
    REQUIRE_MESSAGE(src.layers.size() == 1, bundledPath(stem) << " should hold exactly one layer");
    return src.layers.front();
}

inline const core::StyleSheet& bundledSheet()
{
    static const core::StyleSheet s = core::loadStyleSheet(kGeodata + "/style.toml");
    return s;
}

} // namespace corridor::test

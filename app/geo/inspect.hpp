#pragma once
// What a data source holds and what is wrong with it, feature by feature: the engine of `corridor info`.

#include "core/geometry.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace corridor::geo {

struct LayerReport {
    std::string name;
    std::string crs;                            // name and authority code, or "none declared"
    std::int64_t featureCount = 0;
    std::map<std::string, std::int64_t> geometryTypes; // OGR type name -> count ("None" for no geometry)
    std::vector<std::string> fields;            // "name (type)"
    core::Bounds extent;                        // in the layer's own CRS
    std::vector<core::FeatureIssue> problems;   // the loader's Layer::issues (layer-level ones too: no CRS, no
                                                // .dbf): see geo::loadSource
};

struct SourceReport {
    std::string path;
    std::string driver;
    std::vector<LayerReport> layers;
    std::vector<std::string> loadErrors; // why the loader refuses the source (so export fails): its full message
    std::size_t problemCount() const;    // feature problems and load errors
};

// Loads the source as the viewer and export do (geo::loadSource) and reports what it holds and every issue the
// loader found, so the viewer, export and `corridor info` cannot disagree; a source the loader refuses is reported
// in loadErrors, with a light description of what GDAL can open. Throws core::LoadError when GDAL cannot open the
// source at all.
SourceReport inspectSource(const std::string& path, bool allowNetwork = false);

// Human-readable report, one line per problem: "feature 3 'name': what is wrong; what was done".
std::string formatReport(const SourceReport& report, std::size_t maxProblemsPerLayer = 200);

} // namespace corridor::geo

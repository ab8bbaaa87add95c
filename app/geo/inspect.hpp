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
    std::vector<core::FeatureIssue> problems;   // invalid, empty, non-finite, unclosed, too few points
    std::vector<std::string> warnings;          // the loader's notes on the whole layer (no CRS, no .dbf)
};

struct SourceReport {
    std::string path;
    std::string driver;
    std::vector<LayerReport> layers;
    std::vector<std::string> loadErrors; // why the loader refuses the source (so export fails): its full message
    std::size_t problemCount() const;    // feature problems and load errors
};

// Loads the source as export does (geo::loadSource: its refusals become loadErrors, its layer-level warnings
// the layers' warnings), then reads every feature of every layer and checks it (GEOS validity with the reason,
// closed rings, finite coordinates, point counts). Throws core::LoadError when the source cannot be opened at all.
SourceReport inspectSource(const std::string& path, bool allowNetwork = false);

// Human-readable report, one line per problem.
std::string formatReport(const SourceReport& report, std::size_t maxProblemsPerLayer = 200);

} // namespace corridor::geo

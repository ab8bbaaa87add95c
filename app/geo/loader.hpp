#pragma once
// Reads vector data through GDAL/OGR into the core layer model, reprojected through PROJ to lon/lat
// (OGC:CRS84 axis order). Runs on any thread: each call opens its own dataset and PROJ context.

#include "core/geometry.hpp"
#include "geo/network.hpp"
#include "geo/validity_memo.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace corridor::geo {

struct LoadOptions {
    bool allowNetwork = false;                  // /vsicurl/, http(s)://, WMS… are refused unless asked for
    std::atomic<float>* progress = nullptr;     // 0..1 over the whole source, written while loading
    const std::atomic<bool>* cancel = nullptr;  // set to stop early: loadSource then throws LoadError("cancelled")
    // false: polygons are not checked with GEOS here (it changes nothing drawn, and is most of reading polygon
    // data): the caller runs polygonValidityIssues later (the viewer, after its first frame).
    bool checkValidity = true;
    // Where validity verdicts are kept between runs (geo/validity_memo), or none: every check runs GEOS.
    const ValidityMemo* validityMemo = nullptr;
};

// What the source says about a layer as stored, beside the loaded data: what `corridor info` lists.
struct LayerSummary {
    std::map<std::string, std::int64_t> geometryTypes; // OGR type name -> features ("None" for no geometry)
    std::vector<std::string> fields;                    // "name (OGR type)"
    core::Bounds extent; // of every finite coordinate read, dropped or not, in the layer's own CRS and axis order
};

struct LoadedSource {
    std::string path;
    std::string driver;
    std::vector<core::Layer> layers;          // coordinates in lon/lat degrees (OGC:CRS84)
    std::vector<LayerSummary> summaries;      // one per layer
};

// Opens every vector layer of `path`. Throws core::LoadError when the file cannot be opened, holds no vector
// layer, or a layer's CRS is unknown. Problems with single features do not stop the load: each feature that is
// dropped, partly dropped, drawn although wrong or repaired gets one core::FeatureIssue per problem in
// Layer::issues (in feature order), and the layer keeps only what can be drawn:
// - no geometry, an empty one, or a type Corridor cannot draw: not drawn;
// - a point, line or ring with a non-finite coordinate, with a coordinate off the globe (geographic CRSs:
//   latitude beyond ±90°, longitude beyond ±180° unless the layer runs 0..360° or the feature continues across
//   the antimeridian; 1e-6° of rounding allowed), with too few points, or that cannot be reprojected to
//   lon/lat: that part is not drawn (with its holes for an exterior ring);
// - a ring that is not closed: closed;
// - a polygon GEOS finds invalid (self-intersection…), a line of no length: drawn as read.
// `corridor info` (inspectSource) reports these same issues: the checks live here only.
LoadedSource loadSource(const std::string& path, const LoadOptions& options = {});

// The "invalid polygon: …; drawn as read" issues loadSource gives when it checks validity, for a layer loaded
// without (LoadOptions::checkValidity false), in feature order. Safe on any thread while nobody writes `layer`.
// With `memo`: the verdicts kept for this geometry, else checked and kept.
std::vector<core::FeatureIssue> polygonValidityIssues(const core::Layer& layer, const ValidityMemo* memo = nullptr);

// True for paths that would make GDAL reach the network.
bool isNetworkPath(const std::string& path);

// Registers GDAL drivers once and sets process-wide GDAL options; the network stays off until configureNetwork.
void initGdal();

} // namespace corridor::geo

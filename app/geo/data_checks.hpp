#pragma once
// Checks over loaded layers that prove the bundled data (geodata/) right: lines against land, points against
// polygons, source ids against geodata/SOURCES.md. Reusable by `corridor info` or any test.
//
// Contract for everything here: coordinates in are lon/lat degrees on WGS 84 (OGC:CRS84 axis order, which is
// what geo::loadSource produces); lengths and distances out are geodesic on the WGS84 ellipsoid
// (core/geodesy, PROJ's geodesic routines) in kilometres. GEOS does the topology in the lon/lat plane, which is
// exact for "is this inside" and close enough for "where does it cross" on lines densified to short segments
// (the bundled lines have vertices at most 10 km apart; see geodata/README.md).

#include "core/geometry.hpp"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace corridor::geo {

// One stretch of a line that runs inside the polygons.
struct Crossing {
    double lengthKm = 0.0;   // geodesic length of the whole stretch
    double countedKm = 0.0;  // the part of it farther than the end radius from the line's ends (see crossings())
    core::Vec2d at;          // lon/lat of the point halfway along the stretch, to find it on a map
    bool touchesEnd = false; // the stretch starts or ends at the first or last vertex of its line part
};

// The polygons of a layer (every OuterRing with its InnerRings, of every feature) in a GEOS STRtree of prepared
// geometries, so that many lines can be checked against a large layer (the 1.5 MB land layer) quickly.
// Build one per polygon layer and reuse it. Not safe to query from two threads at once (one GEOS handle).
class PolygonIndex {
public:
    explicit PolygonIndex(const core::Layer& polygons);
    ~PolygonIndex();
    PolygonIndex(const PolygonIndex&) = delete;
    PolygonIndex& operator=(const PolygonIndex&) = delete;

    std::size_t polygonCount() const;

    // The stretches of feature `f` of `lines` that lie inside the polygons, in order along each part. Stretches
    // that continue across vertices or polygon boundaries are joined. Crossing::countedKm leaves out whatever
    // lies within `endRadiusKm` (geodesic distance) of the first or last vertex of the stretch's line part: that
    // is where a port or city point sits inland of a generalised coastline. Throws std::runtime_error when GEOS
    // fails (invalid input).
    std::vector<Crossing> crossings(const core::Layer& lines, const core::Feature& f, double endRadiusKm = 0.0) const;

    // True when p lies inside or on the boundary of any polygon.
    bool covers(core::Vec2d p) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Geodesic length in km of the part of line feature `f` that lies inside the polygons of `polygons`; the sum of
// PolygonIndex::crossings(…, 0).lengthKm. Builds the index each call: for many lines, use one PolygonIndex.
double crossingLengthKm(const core::Layer& lines, const core::Feature& f, const core::Layer& polygons);

// Geodesic distance in km from p to the polygons of feature `f`, 0 when p is inside or on them. The nearest
// point is found by GEOS in an equirectangular plane centred on p (exact enough within a few hundred km).
double distanceToPolygonsKm(const core::Layer& polygons, const core::Feature& f, core::Vec2d p);

// True when the polygons of feature `f` cover p (inside or on the boundary).
bool polygonsCover(const core::Layer& polygons, const core::Feature& f, core::Vec2d p);

// Bounds of one feature's coordinates (lon/lat).
core::Bounds featureBounds(const core::Layer& layer, const core::Feature& f);

// The first feature whose `field` holds the text `value` (compared through core::formatValue), or nullptr.
const core::Feature* findFeature(const core::Layer& layer, const std::string& field, const std::string& value);

// The ids of the source table in a SOURCES.md file: the first cell of every Markdown table row, without
// backticks, leaving out the header ("id") and the separator row. Throws core::LoadError if the file cannot
// be read or holds no ids.
std::set<std::string> sourceIds(const std::string& sourcesMarkdownPath);

// A `source` attribute split on ';', each id trimmed of white space; empty pieces are kept as "" so that a
// stray separator ("S2;;S3", "S2;") shows up as an unknown id.
std::vector<std::string> splitSourceIds(const std::string& value);

} // namespace corridor::geo

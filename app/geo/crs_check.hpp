#pragma once
// Which CRSs a map can be drawn in, and PROJ's own set-up. A map is drawn from the two horizontal axes of a
// projected or geographic CRS on the Earth; anything else (geocentric X/Y/Z, a vertical or engineering CRS, a CRS
// of Mars) transforms without error and draws nonsense, so it is refused up front with its kind named.

#include <optional>
#include <string>

namespace corridor::geo {

class ProjContext;

// A PROJ string ("+proj=lcc +lat_1=25 …") without "+type=crs" names a coordinate operation, not a CRS; like
// cs2cs, append "+type=crs". Any other definition (authority code, WKT, PROJJSON) comes back unchanged.
std::string normalizeCrsDefinition(const std::string& definition);

// Why `definition` cannot be a map's CRS, or nullopt when it can: PROJ does not know it, it is not a CRS, it is
// not on the Earth, or it is not projected or geographic (a BoundCRS is judged by its source CRS and a
// CompoundCRS by its horizontal part, whose axes are all a map uses). The text names the CRS and its kind.
std::optional<std::string> mapCrsProblem(const ProjContext& context, const std::string& definition);

// Why PROJ cannot work here (its database proj.db is not found), or nullopt. Without proj.db no EPSG code,
// not even WGS 84, can be resolved, so every layer would fail with the same noise.
std::optional<std::string> projDatabaseProblem();

} // namespace corridor::geo

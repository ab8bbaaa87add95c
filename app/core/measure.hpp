#pragma once
// The measure tool's maths: geodesic distances per segment and in total, the enclosed area, and the geodesic
// drawn as a densified path, all on WGS84 through PROJ's geodesic routines (Karney). Points are lon/lat degrees
// (OGC:CRS84 order). Pure core: the viewer projects the densified path to the view CRS and draws it.

#include "core/geometry.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace corridor::core {

enum class DistanceUnit { Kilometres, NauticalMiles, Miles };
const char* unitSymbol(DistanceUnit unit); // "km", "nmi", "mi"
double metresPerUnit(DistanceUnit unit); // 1000, 1852, 1609.344
// "1,712.4 km" (thousands grouped, one decimal; two under 10 units, metres under 1 km when in km).
std::string formatDistance(double metres, DistanceUnit unit);
// "12,345.6 km²".
std::string formatArea(double squareMetres, DistanceUnit unit);

// What the user has clicked: a path, or the ring of an area.
struct Measurement {
    std::vector<Vec2d> points; // lon/lat
    bool area = false; // area mode: the ring closes from the last point back to the first

    // Geodesic length of each segment, metres; in area mode with 3 or more points, the closing one last.
    std::vector<double> segmentMetres() const;
    double totalMetres() const; // the path's length; in area mode, the perimeter
    // The area enclosed (geod_polygonarea), m², positive either way round; 0 under three points.
    double areaSquareMetres() const;
};

// The geodesic from `a` to `b` as points at most `maxStepMetres` apart (and at most `maxPoints`), starting at `a`
// and ending at `b` exactly, except that longitudes are unrolled (may pass ±180, `b`'s by a multiple of 360) so a
// path across the antimeridian is continuous.
std::vector<Vec2d> geodesicPath(Vec2d a, Vec2d b, double maxStepMetres, std::size_t maxPoints = 1024);

} // namespace corridor::core

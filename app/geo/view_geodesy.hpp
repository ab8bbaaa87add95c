#pragma once
// Geodesic facts about a view, for the map furniture: the scale bar (its round length, how many pixels it takes at
// the view centre, and whether the scale holds across the view) and the direction of north (which follows the
// projection's meridian convergence). Everything is measured on the WGS84 ellipsoid with PROJ (core/geodesy),
// never with planar maths on projected coordinates.
//
// One ViewGeodesy per thread (it owns a PROJ context); building it costs a PROJ transformer, so keep it while the
// view CRS stays the same.

#include "core/camera.hpp"
#include "core/map_document.hpp"
#include "geo/proj.hpp"

#include <optional>
#include <string>

namespace corridor::geo {

enum class DistanceUnit : std::uint8_t { Kilometres, NauticalMiles };

struct ScaleBar {
    double metres = 0.0;        // the round distance the bar stands for
    double lengthPx = 0.0;      // its length on screen, measured along the horizontal through the view centre
    int divisions = 4;          // alternating blocks the bar is cut into
    std::string label;          // "200 km", "500 m", "50 nmi"
    std::string note;           // "at 38°N" where the scale changes by more than 2 % across the view, else ""
    double metresPerPixel = 0.0; // ground metres per pixel at the view centre, along the horizontal
};

class ViewGeodesy {
public:
    // Throws ProjError when PROJ cannot transform between `viewCrs` and lon/lat.
    explicit ViewGeodesy(const std::string& viewCrs);

    const std::string& viewCrs() const { return m_viewCrs; }

    // The screen point's lon/lat; nullopt off the projection's domain.
    std::optional<core::Vec2d> lonLatAt(const core::Camera& camera, core::Vec2d screen) const;
    // The screen point of a lon/lat; nullopt where the projection cannot show it.
    std::optional<core::Vec2d> screenAt(const core::Camera& camera, core::Vec2d lonLat) const;

    // Ground metres per pixel along the horizontal through `screen` (the geodesic over a few pixels either side).
    std::optional<double> metresPerPixelAt(const core::Camera& camera, core::Vec2d screen) const;

    // The longest round bar (1, 2 or 5 times a power of ten, in `unit`) that fits in `maxLengthPx`, centred on the
    // view centre: its two ends are `metres` apart along the geodesic, within 0.1 %. nullopt when the view centre
    // is off the projection or nothing round fits (under a metre).
    std::optional<ScaleBar> scaleBar(const core::Camera& camera, double maxLengthPx, DistanceUnit unit) const;

    // Where north points at the view centre: radians clockwise from straight up on screen (0 on a north-up map; a
    // conic turns it by the meridian convergence east or west of its central meridian). nullopt off the projection.
    std::optional<double> northAngle(const core::Camera& camera) const;

    // The lon/lat extent of a view-CRS box, as geo::unprojectBox gives it, with this object's transformer: no PROJ
    // object is made per call (the furniture asks for every frame of a moving view). Same throws and nullopt.
    std::optional<core::GeoBox> lonLatBox(const core::Bounds& viewBox) const;

private:
    std::string m_viewCrs;
    ProjContext m_context;
    Transformer m_transformer; // view CRS -> lon/lat (inverse: lon/lat -> view CRS)
};

// "200 km", "1.5 km" is never made: labels for 1/2/5 steps ("500 m", "2 km", "10 nmi", "0.5 nmi").
std::string distanceLabel(double metres, DistanceUnit unit);

} // namespace corridor::geo

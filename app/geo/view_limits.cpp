#include "geo/view_limits.hpp"

#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace corridor::geo {

namespace {

// WGS84's equatorial radius: metres per radian of longitude at the equator, for CRSs in angular units.
constexpr double kEarthRadiusMetres = 6378137.0;

// The CRS itself, or null when PROJ does not know it (the caller falls back; the view CRS was checked at load).
PjPtr createCrs(const ProjContext& context, const std::string& definition)
{
    PjPtr crs(proj_create(context.get(), definition.c_str()));
    if (crs && proj_is_crs(crs.get()) == 0) {
        crs.reset();
    }
    return crs;
}
// A ∩ B, empty when they do not meet.
core::Bounds intersection(const core::Bounds& a, const core::Bounds& b)
{
    core::Bounds out;
    if (a.empty() || b.empty()) {
        return out;
    }
    out.minX = std::max(a.minX, b.minX);
    out.minY = std::max(a.minY, b.minY);
    out.maxX = std::min(a.maxX, b.maxX);
    out.maxY = std::min(a.maxY, b.maxY);
    return out.empty() ? core::Bounds{} : out;
}

// Grows `b` about its centre to at least `span` on each side.
void growTo(core::Bounds& b, double span)
{
    const core::Vec2d c = b.center();
    const double halfW = std::max(b.width(), span) * 0.5;
    const double halfH = std::max(b.height(), span) * 0.5;
    b.add(core::Vec2d{c.x - halfW, c.y - halfH});
    b.add(core::Vec2d{c.x + halfW, c.y + halfH});
}

} // namespace

std::optional<core::GeoBox> crsAreaOfUse(const std::string& crs)
{
    const ProjContext context;
    const PjPtr pj = createCrs(context, crs);
    if (!pj) {
        return std::nullopt;
    }
    core::GeoBox box;
    const char* name = nullptr;
    if (proj_get_area_of_use(context.get(), pj.get(), &box.west, &box.south, &box.east, &box.north, &name) == 0 ||
        box.west < -180.0 || box.south < -90.0) { // PROJ answers -1000 for an unknown end
        return std::nullopt;
    }
    if (box.east < box.west) {
        box.east += 360.0; // crosses the antimeridian: keep the box one piece, east of its west edge
    }
    return box;
}

double crsMetresPerUnit(const std::string& crs)
{
    const ProjContext context;
    const PjPtr pj = horizontalCrs(context, createCrs(context, crs));
    if (!pj) {
        return 1.0;
    }
    const PjPtr cs(proj_crs_get_coordinate_system(context.get(), pj.get()));
    if (!cs) {
        return 1.0;
    }
    double factor = 0.0; // to the SI unit of the axis: metres, or radians for an angle
    if (proj_cs_get_axis_info(context.get(), cs.get(), 0, nullptr, nullptr, nullptr, &factor, nullptr, nullptr,
                              nullptr) == 0 ||
        !(factor > 0.0) || !std::isfinite(factor)) {
        return 1.0;
    }
    if (proj_cs_get_type(context.get(), cs.get()) == PJ_CS_TYPE_ELLIPSOIDAL) {
        return factor * kEarthRadiusMetres;
    }
    return factor;
}

core::CameraLimits viewLimits(const core::MapDocument& document, const core::Bounds& framed)
{
    const double metresPerUnit = crsMetresPerUnit(document.viewCrs);
    core::Bounds usable; // the view CRS's area of use, projected
    if (const auto aou = crsAreaOfUse(document.viewCrs)) {
        usable = projectBox(*aou, document.viewCrs);
    }
    const core::Bounds data = dataBounds(document);
    core::Bounds area = intersection(data, usable);
    if (area.empty()) {
        area = !data.empty() ? data : usable;
    }
    core::CameraLimits limits;
    limits.minUnitsPerPixel = kZoomInLimitMetres / metresPerUnit;
    if (!area.empty()) {
        growTo(area, kMinLimitSpanMetres / metresPerUnit);
    }
    area.add(framed);
    limits.area = area;
    return limits;
}

} // namespace corridor::geo

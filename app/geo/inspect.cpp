#include "geo/inspect.hpp"

#include "geo/gdal_util.hpp"

#include <geos_c.h>

#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <sstream>

namespace corridor::geo {

namespace {

void geosMessage(const char* /*fmt*/, ...) {} // GEOS notices are folded into the per-feature reason instead

// GEOS's validity check is near-linear on most input but not all: on a 10^5-vertex star its noder compares most
// segments with each other (14 s and more), and 10^4 holes in a 10^6-vertex ring took minutes. Each feature's check
// gets this long; past it GEOS is interrupted and the feature reported as not checked.
constexpr std::chrono::seconds kValidityBudget {2};
const std::string kNotChecked = "validity not checked: too complex for GEOS within " +
                                std::to_string(kValidityBudget.count()) + " s";

// GEOS's interrupt hook is process-wide and called from whichever thread is working, so the deadline is per thread:
// only the thread that armed one is ever interrupted.
thread_local bool t_armed = false;
thread_local std::chrono::steady_clock::time_point t_deadline;

// GEOS 3.11 locates every hole in its shell by a plain ray-crossing count over the shell, which it does not interrupt:
// holes x shell vertices. Past this many segment tests the check is not run at all.
constexpr double kHoleShellBudget = 2e8;

double holeShellWork(const OGRGeometry& g)
{
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon: {
        const auto* poly = g.toPolygon();
        const OGRLinearRing* ext = poly->getExteriorRing();
        return ext == nullptr ? 0.0 : static_cast<double>(poly->getNumInteriorRings()) * ext->getNumPoints();
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
        double work = 0.0;
        for (const OGRGeometry* child : *g.toGeometryCollection()) {
            work += holeShellWork(*child);
        }
        return work;
    }
    default: return 0.0;
    }
}

void interruptPastDeadline()
{
    if (t_armed && std::chrono::steady_clock::now() > t_deadline) {
        GEOS_interruptRequest();
    }
}

// One GEOS handle per inspection: the reentrant API keeps threads apart.
class GeosContext {
public:
    GeosContext()
        : m_handle(GEOS_init_r())
    {
        GEOSContext_setNoticeHandler_r(m_handle, geosMessage);
        GEOSContext_setErrorHandler_r(m_handle, geosMessage);
        m_previousInterrupt = GEOS_interruptRegisterCallback(interruptPastDeadline);
    }
    ~GeosContext()
    {
        GEOS_interruptRegisterCallback(m_previousInterrupt);
        GEOS_finish_r(m_handle);
    }
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    // The reason a geometry is invalid, or "" when it is valid.
    std::string invalidReason(const OGRGeometry& g) const
    {
        if (holeShellWork(g) > kHoleShellBudget) {
            return "validity not checked: too complex for GEOS (holes x shell vertices over 2e8)";
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(g.WkbSize()));
        if (g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
            return "cannot be converted for validation";
        }
        GEOSGeometry* geos = GEOSGeomFromWKB_buf_r(m_handle, wkb.data(), wkb.size());
        if (geos == nullptr) {
            return "malformed geometry (GEOS cannot read it)";
        }
        std::string reason;
        t_armed = true;
        t_deadline = std::chrono::steady_clock::now() + kValidityBudget;
        const char valid = GEOSisValid_r(m_handle, geos);
        if (valid != 1) {
            char* text = GEOSisValidReason_r(m_handle, geos);
            reason = text != nullptr ? text : "invalid";
            GEOSFree_r(m_handle, text);
            if (std::chrono::steady_clock::now() > t_deadline) {
                // Interrupted: in the check itself, or (invalid) while finding out why.
                reason = valid == 0 ? "the reason was not found within " + std::to_string(kValidityBudget.count()) + " s"
                                    : kNotChecked;
            }
        }
        t_armed = false;
        GEOSGeom_destroy_r(m_handle, geos);
        return reason;
    }

private:
    GEOSContextHandle_t m_handle;
    GEOSInterruptCallback* m_previousInterrupt = nullptr;
};

void checkCurve(const OGRSimpleCurve& c, bool ring, const std::string& what, std::vector<std::string>& out)
{
    const int n = c.getNumPoints();
    for (int i = 0; i < n; ++i) {
        if (!std::isfinite(c.getX(i)) || !std::isfinite(c.getY(i))) {
            out.push_back(what + ": vertex " + std::to_string(i) + " is not a finite number");
            return;
        }
    }
    if (ring) {
        if (n < 4) {
            out.push_back(what + ": has " + std::to_string(n) + " points, a ring needs at least 4");
        } else if (c.getX(0) != c.getX(n - 1) || c.getY(0) != c.getY(n - 1)) {
            out.push_back(what + ": is not closed (first point differs from last)");
        }
    } else if (n < 2) {
        out.push_back(what + ": has " + std::to_string(n) + " point(s), a line needs at least 2");
    }
}

void checkStructure(const OGRGeometry& g, const std::string& where, std::vector<std::string>& out)
{
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
        const auto* p = g.toPoint();
        if (!p->IsEmpty() && (!std::isfinite(p->getX()) || !std::isfinite(p->getY()))) {
            out.push_back(where + "point is not a finite number");
        }
        break;
    }
    case wkbLineString: checkCurve(*g.toLineString(), false, where + "line", out); break;
    case wkbPolygon: {
        const auto* poly = g.toPolygon();
        if (const OGRLinearRing* ext = poly->getExteriorRing(); ext != nullptr && !ext->IsEmpty()) {
            checkCurve(*ext, true, where + "exterior ring", out);
        }
        for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
            checkCurve(*poly->getInteriorRing(i), true, where + "interior ring " + std::to_string(i + 1), out);
        }
        break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
        int index = 0;
        for (const OGRGeometry* child : *g.toGeometryCollection()) {
            checkStructure(*child, where + "part " + std::to_string(++index) + ": ", out);
        }
        break;
    }
    default: break;
    }
}

} // namespace

std::size_t SourceReport::problemCount() const
{
    std::size_t n = 0;
    for (const LayerReport& l : layers) {
        n += l.problems.size();
    }
    return n;
}

SourceReport inspectSource(const std::string& path, bool allowNetwork)
{
    GDALDatasetUniquePtr ds = openVector(path, allowNetwork);
    GdalErrorCollector quiet;
    const GeosContext geos;
    SourceReport report;
    report.path = path;
    report.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
    for (OGRLayer* ol : ds->GetLayers()) {
        LayerReport lr;
        lr.name = ol->GetName();
        lr.crs = crsName(ol->GetSpatialRef());
        const OGRFeatureDefn* defn = ol->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const OGRFieldDefn* fd = defn->GetFieldDefn(i);
            lr.fields.push_back(std::string(fd->GetNameRef()) + " (" + OGRFieldDefn::GetFieldTypeName(fd->GetType()) + ")");
        }
        ol->ResetReading();
        for (const OGRFeatureUniquePtr& f : *ol) {
            ++lr.featureCount;
            const std::int64_t fid = f->GetFID();
            const OGRGeometry* g = f->GetGeometryRef();
            if (g == nullptr) {
                ++lr.geometryTypes["None"];
                lr.problems.push_back({fid, "has no geometry"});
                continue;
            }
            ++lr.geometryTypes[OGRGeometryTypeToName(g->getGeometryType())];
            if (g->IsEmpty()) {
                lr.problems.push_back({fid, "has an empty geometry"});
                continue;
            }
            OGREnvelope env;
            g->getEnvelope(&env);
            if (std::isfinite(env.MinX) && std::isfinite(env.MaxX) && std::isfinite(env.MinY) && std::isfinite(env.MaxY)) {
                lr.extent.add(core::Vec2d{env.MinX, env.MinY});
                lr.extent.add(core::Vec2d{env.MaxX, env.MaxY});
            }
            std::vector<std::string> structural;
            checkStructure(*g, "", structural);
            for (std::string& s : structural) {
                lr.problems.push_back({fid, std::move(s)});
            }
            if (structural.empty()) {
                const std::unique_ptr<OGRGeometry> linear(g->hasCurveGeometry() ? g->getLinearGeometry() : nullptr);
                const std::string reason = geos.invalidReason(linear ? *linear : *g);
                if (!reason.empty()) {
                    lr.problems.push_back({fid, reason.starts_with("validity not checked") ? reason : "invalid geometry: " + reason});
                }
            }
        }
        report.layers.push_back(std::move(lr));
    }
    return report;
}

std::string formatReport(const SourceReport& report, std::size_t maxProblemsPerLayer)
{
    std::ostringstream out;
    out << report.path << " (" << report.driver << "): " << report.layers.size() << " layer(s)\n";
    for (const LayerReport& l : report.layers) {
        out << "\nlayer '" << l.name << "'\n";
        out << "  CRS:       " << l.crs << "\n";
        out << "  features:  " << l.featureCount << "\n";
        out << "  geometry:  ";
        bool first = true;
        for (const auto& [type, count] : l.geometryTypes) {
            out << (first ? "" : ", ") << type << " " << count;
            first = false;
        }
        out << (first ? "none" : "") << "\n";
        if (!l.extent.empty()) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "  extent:    %.6f, %.6f - %.6f, %.6f (minx, miny - maxx, maxy)\n",
                          l.extent.minX, l.extent.minY, l.extent.maxX, l.extent.maxY);
            out << buf;
        }
        out << "  fields:    ";
        for (std::size_t i = 0; i < l.fields.size(); ++i) {
            out << (i ? ", " : "") << l.fields[i];
        }
        out << (l.fields.empty() ? "none" : "") << "\n";
        out << "  problems:  " << l.problems.size() << "\n";
        for (std::size_t i = 0; i < l.problems.size() && i < maxProblemsPerLayer; ++i) {
            out << "    feature " << l.problems[i].featureId << ": " << l.problems[i].message << "\n";
        }
        if (l.problems.size() > maxProblemsPerLayer) {
            out << "    … and " << (l.problems.size() - maxProblemsPerLayer) << " more\n";
        }
    }
    return out.str();
}

} // namespace corridor::geo

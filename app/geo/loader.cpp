#include "geo/loader.hpp"

#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "core/phase_times.hpp"
#include "geo/crs_check.hpp"
#include "geo/gdal_util.hpp"
#include "geo/network.hpp"
#include "geo/proj.hpp"
#include "geo/source_checks.hpp"

#include <geos_c.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <numeric>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <thread>

namespace corridor::geo {

namespace {

// A problem found in one feature, before the action is known: whether dropping a part leaves the feature
// anything to draw is only known once every check has run.
struct Finding {
    enum class Kind : std::uint8_t { Drop, DrawnAsRead, Repaired };
    std::uint32_t feature = 0; // index into Layer::features
    Kind kind = Kind::Drop;
    std::string problem;
    std::string how;           // for Repaired: ": closed"
};

// What the checks decided for each part of a layer.
enum class PartFate : std::uint8_t { Keep, Drop, Close };

// Reads OGR geometries into the layer as they are, every part kept for the checks to judge; only what cannot be
// represented at all (unsupported types) is left out here.
struct GeometryReader {
    core::Layer& layer;
    std::vector<Finding>& findings;
    std::uint32_t feature = 0;
    std::vector<core::Vec2d> scratch;

    void readCurve(const OGRSimpleCurve& curve, core::PartRole role)
    {
        const int n = std::max(curve.getNumPoints(), 0);
        scratch.resize(static_cast<std::size_t>(n));
        if (n > 0) {
            curve.getPoints(&scratch[0].x, sizeof(core::Vec2d), &scratch[0].y, sizeof(core::Vec2d));
        }
        appendPart(layer, role, scratch.data(), scratch.size());
    }

    void add(const OGRGeometry* g)
    {
        if (g == nullptr || g->IsEmpty()) {
            return;
        }
        switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            const auto* p = g->toPoint();
            const core::Vec2d v{p->getX(), p->getY()};
            appendPart(layer, core::PartRole::Point, &v, 1);
            break;
        }
        case wkbLineString: readCurve(*g->toLineString(), core::PartRole::Line); break;
        case wkbPolygon: {
            const auto* poly = g->toPolygon();
            if (poly->getExteriorRing() == nullptr) {
                findings.push_back({feature, Finding::Kind::Drop, "polygon has no exterior ring", {}});
                return;
            }
            readCurve(*poly->getExteriorRing(), core::PartRole::OuterRing);
            for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
                readCurve(*poly->getInteriorRing(i), core::PartRole::InnerRing);
            }
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const OGRGeometry* child : *g->toGeometryCollection()) {
                add(child);
            }
            break;
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbCurvePolygon:
        case wkbMultiCurve:
        case wkbMultiSurface: {
            const std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
            add(linear.get());
            break;
        }
        default:
            findings.push_back({feature, Finding::Kind::Drop,
                                std::string("geometry type ") + OGRGeometryTypeToName(g->getGeometryType()) +
                                    " is not supported",
                                {}});
            break;
        }
    }
};

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// Where coordinates of a geographic CRS may lie. Rounding in the source (180.0000000001) is allowed; so are
// longitudes past ±180 that are the data's own wrap: a layer in the 0..360 convention, or a feature that
// continues across the antimeridian (some vertex within ±180, all within ±360, spanning at most 360°).
class GlobeRange {
public:
    static constexpr double kTolerance = 1e-6; // degrees, about 0.1 m

    // `lonLat`: the bounds of the layer's finite points.
    explicit GlobeRange(const core::Bounds& lonLat)
        : m_zeroTo360(lonLat.minX >= -kTolerance && lonLat.maxX <= 360.0 + kTolerance &&
                      lonLat.maxX > 180.0 + kTolerance)
    {
    }

    // True when no point within `lonLat` can be off the globe: nothing to check point by point.
    static bool holds(const core::Bounds& lonLat)
    {
        return lonLat.empty() || (lonLat.minX >= -180.0 - kTolerance && lonLat.maxX <= 180.0 + kTolerance &&
                                  lonLat.minY >= -90.0 - kTolerance && lonLat.maxY <= 90.0 + kTolerance);
    }

    // Decides, once per feature, whether its longitudes past ±180 are a wrap.
    void startFeature(const core::Layer& layer, const core::Feature& f, const std::vector<PartFate>& fate)
    {
        double minLon = std::numeric_limits<double>::infinity();
        double maxLon = -minLon;
        bool inside = false;
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            if (fate[p] == PartFate::Drop) {
                continue;
            }
            const core::Part& part = layer.parts[p];
            for (std::uint32_t i = part.first; i < part.first + part.count; ++i) {
                const double lon = layer.coords[i].x;
                minLon = std::min(minLon, lon);
                maxLon = std::max(maxLon, lon);
                inside |= std::abs(lon) <= 180.0 + kTolerance;
            }
        }
        m_featureWraps = inside && minLon >= -360.0 - kTolerance && maxLon <= 360.0 + kTolerance &&
                         maxLon - minLon <= 360.0 + kTolerance;
    }

    // "" when p is on the globe, else what is wrong with it: "longitude 500 is outside -180..180, …".
    std::string problem(core::Vec2d p) const
    {
        std::string out;
        if (std::abs(p.x) > 180.0 + kTolerance && !m_featureWraps && !m_zeroTo360) {
            out = "longitude " + number(p.x) + " is outside -180..180";
        }
        if (std::abs(p.y) > 90.0 + kTolerance) {
            out += (out.empty() ? "" : ", ") + ("latitude " + number(p.y) + " is outside -90..90");
        }
        return out;
    }

private:
    bool m_zeroTo360 = false;
    bool m_featureWraps = false;
};

// What one pass over a layer's coordinates says: the bounds of its finite points, and whether all are finite.
// Split over the cores for a big layer. With the bounds on the globe and every point finite (the usual case), the
// checks look at no point one by one, and the layer's bounds are these unless the coordinates change: one pass
// where there were six (bounds twice, finiteness, the globe's range twice, per point).
struct CoordScan {
    core::Bounds bounds;
    bool allFinite = true;
};

CoordScan scanCoords(const std::vector<core::Vec2d>& coords)
{
    const auto scan = [&](std::size_t first, std::size_t last) {
        CoordScan out;
        bool finite = true;
        for (std::size_t i = first; i < last; ++i) { // no branch per point: NaN leaves Bounds::add as it was
            const core::Vec2d& p = coords[i];
            finite = finite && std::isfinite(p.x) && std::isfinite(p.y);
            out.bounds.add(p);
        }
        if (!finite) { // an infinity went into the bounds: again, finite points only
            out = {{}, false};
            for (std::size_t i = first; i < last; ++i) {
                if (std::isfinite(coords[i].x) && std::isfinite(coords[i].y)) {
                    out.bounds.add(coords[i]);
                }
            }
        }
        return out;
    };
    constexpr std::size_t kPerThread = std::size_t{1} << 18;
    const std::size_t parts = std::clamp<std::size_t>(coords.size() / kPerThread, 1, 8);
    std::vector<CoordScan> found(parts);
    core::forEachParallel(parts, [&](std::size_t k) {
        found[k] = scan(coords.size() * k / parts, coords.size() * (k + 1) / parts);
    });
    CoordScan out;
    for (const CoordScan& f : found) {
        out.bounds.add(f.bounds);
        out.allFinite = out.allFinite && f.allFinite;
    }
    return out;
}

// The checks on each part as read (in the source CRS, lon/lat order): a non-finite coordinate, a coordinate
// off the globe (geographic CRSs only), too few points: dropped; an unclosed ring: closed; a line of no length:
// drawn as read. Linear in the number of coordinates; a point is looked at only when `scan` says one may be wrong.
void checkParts(const core::Layer& layer, bool geographic, const CoordScan& scan, std::vector<PartFate>& fate,
                std::vector<Finding>& out)
{
    std::optional<GlobeRange> globe;
    if (geographic && !GlobeRange::holds(scan.bounds)) {
        globe.emplace(scan.bounds);
    }
    for (std::uint32_t fi = 0; fi < layer.features.size(); ++fi) {
        const core::Feature& f = layer.features[fi];
        if (f.partCount == 0) {
            continue;
        }
        std::optional<core::PartNames> names; // built on the first problem only
        auto partName = [&](std::uint32_t p) {
            if (!names) {
                names.emplace(layer, f);
            }
            return names->name(p);
        };
        // Non-finite coordinates first: the range check must not see them.
        for (std::uint32_t p = f.firstPart; !scan.allFinite && p < f.firstPart + f.partCount; ++p) {
            const core::Part& part = layer.parts[p];
            for (std::uint32_t i = 0; i < part.count; ++i) {
                const core::Vec2d& v = layer.coords[part.first + i];
                if (!std::isfinite(v.x) || !std::isfinite(v.y)) {
                    const std::string which = part.role == core::PartRole::Point ? partName(p)
                                                  : partName(p) + " vertex " + std::to_string(i + 1);
                    out.push_back({fi, Finding::Kind::Drop, which + " is not a finite number", {}});
                    fate[p] = PartFate::Drop;
                    break;
                }
            }
        }
        if (globe) {
            globe->startFeature(layer, f, fate);
        }
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            if (fate[p] == PartFate::Drop) {
                continue;
            }
            const core::Part& part = layer.parts[p];
            const core::Vec2d* pts = layer.coords.data() + part.first;
            if (globe) {
                for (std::uint32_t i = 0; i < part.count; ++i) {
                    const std::string problem = globe->problem(pts[i]);
                    if (!problem.empty()) {
                        const std::string which = part.role == core::PartRole::Point
                                                      ? partName(p)
                                                      : partName(p) + " vertex " + std::to_string(i + 1);
                        out.push_back({fi, Finding::Kind::Drop,
                                       which + " " + core::formatPoint(pts[i]) + " is out of range: " + problem, {}});
                        fate[p] = PartFate::Drop;
                        break;
                    }
                }
                if (fate[p] == PartFate::Drop) {
                    continue;
                }
            }
            const std::size_t n = part.count;
            switch (part.role) {
            case core::PartRole::Point: break;
            case core::PartRole::Line:
                if (n < 2) {
                    out.push_back({fi, Finding::Kind::Drop,
                                   partName(p) + " has " + plural(n, "point") + ", a line needs at least 2", {}});
                    fate[p] = PartFate::Drop;
                } else if (std::all_of(pts + 1, pts + n, [&](const core::Vec2d& q) { return q == pts[0]; })) {
                    out.push_back({fi, Finding::Kind::DrawnAsRead,
                                   partName(p) + " has no length (its " + plural(n, "point") + " are all at " +
                                       core::formatPoint(pts[0]) + ")",
                                   {}});
                }
                break;
            case core::PartRole::OuterRing:
            case core::PartRole::InnerRing: {
                const bool closed = n > 0 && pts[0] == pts[n - 1];
                if (closed && n < 4) {
                    out.push_back({fi, Finding::Kind::Drop,
                                   partName(p) + " has " + plural(n, "point") + ", a closed ring needs at least 4",
                                   {}});
                    fate[p] = PartFate::Drop;
                } else if (!closed && n < 3) {
                    out.push_back({fi, Finding::Kind::Drop,
                                   partName(p) + " has " + plural(n, "point") + ", a ring needs at least 3", {}});
                    fate[p] = PartFate::Drop;
                } else if (!closed) {
                    out.push_back({fi, Finding::Kind::Repaired,
                                   partName(p) + " is not closed (first point differs from last)", ": closed"});
                    fate[p] = PartFate::Close;
                }
                break;
            }
            }
        }
    }
}

// Holes go with their exterior ring: a polygon whose exterior is dropped is dropped whole, and its holes need no
// message of their own.
void dropHolesOfDroppedPolygons(const core::Layer& layer, std::vector<PartFate>& fate)
{
    bool outerDropped = false;
    for (std::size_t p = 0; p < layer.parts.size(); ++p) {
        if (layer.parts[p].role == core::PartRole::OuterRing) {
            outerDropped = fate[p] == PartFate::Drop;
        } else if (layer.parts[p].role == core::PartRole::InnerRing && outerDropped) {
            fate[p] = PartFate::Drop;
        } else {
            outerDropped = false;
        }
    }
}

void geosQuiet(const char* /*fmt*/, ...) {} // a failure shows as a null result, reported per feature

// GEOS validity of each feature's polygons, in lon/lat, as they will be drawn (kept rings, closed).
//
// GEOS's IsValid is O(n log n) except for one test: it locates each hole in its shell by walking the whole shell,
// O(holes × shell vertices); an ocean with 500 islands in a 40 000-vertex coast costs 2·10^7 steps, and a
// polygon of 10^4 holes in 10^6 vertices would take minutes. Past kHoleBudget such a polygon is checked in
// parts whose results add up to the same verdict:
//   1. the shell alone (its own crossings);
//   2. the holes inside a frame around everything (holes crossing, overlapping or nested in one another,
//      chains of touching holes that cut the interior);
//   3. each hole against the shell through GEOS's prepared (indexed) shell: a hole strictly inside it cannot
//      interact with it; the few that are not (crossing, touching, outside) are checked with the shell by GEOS;
//   4. for a multipolygon, the polygons against each other, each big polygon keeping only the holes that
//      another of its polygons could lie in.
// The only difference from one IsValid call: which error is named first when there are several, and a chain of
// holes touching each other and the shell through a hole strictly inside is not seen (GEOS's own interior
// connectivity test needs all rings at once).
// GEOS's validity check is near-linear on most input but not all: its noder compares most segments of a 10^5-vertex
// star with each other (20 s). Each feature's check gets kValidityBudget; past it GEOS is interrupted and the
// feature is reported as not checked. GEOS's interrupt hook is process-wide and called from whichever thread is
// working, so the deadline is per thread: only the thread that armed one is ever interrupted.
constexpr std::chrono::seconds kValidityBudget{2};
thread_local bool t_validityArmed = false;
thread_local std::chrono::steady_clock::time_point t_validityDeadline;

void interruptPastDeadline()
{
    if (t_validityArmed && std::chrono::steady_clock::now() > t_validityDeadline) {
        GEOS_interruptRequest();
    }
}

class PolygonValidator {
public:
    static constexpr double kHoleBudget = 1e6; // holes × shell vertices past which a polygon is checked in parts

    PolygonValidator()
        : m_handle(GEOS_init_r())
    {
        GEOSContext_setNoticeHandler_r(m_handle, geosQuiet);
        GEOSContext_setErrorHandler_r(m_handle, geosQuiet);
        // Registered once for the process and left in place: validators run on several threads at once (files
        // and feature ranges in parallel), and one restoring "the previous callback" when it finishes would
        // disarm another's deadline. Unarmed threads are never interrupted (t_validityArmed).
        static std::once_flag once;
        std::call_once(once, [] { GEOS_interruptRegisterCallback(interruptPastDeadline); });
    }
    ~PolygonValidator() { GEOS_finish_r(m_handle); }
    PolygonValidator(const PolygonValidator&) = delete;
    PolygonValidator& operator=(const PolygonValidator&) = delete;

    // Features [first, last) of `layer`. False when a feature's check ran out of time (its finding says so).
    bool check(const core::Layer& layer, const std::vector<PartFate>& fate, std::uint32_t first, std::uint32_t last,
               std::vector<Finding>& out)
    {
        bool allChecked = true;
        std::vector<Polygon> polygons;
        for (std::uint32_t fi = first; fi < last; ++fi) {
            const core::Feature& f = layer.features[fi];
            polygons.clear();
            for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
                if (fate[p] == PartFate::Drop) {
                    continue;
                }
                if (layer.parts[p].role == core::PartRole::OuterRing) {
                    polygons.push_back({p, {}});
                } else if (layer.parts[p].role == core::PartRole::InnerRing && !polygons.empty()) {
                    polygons.back().holes.push_back(p);
                }
            }
            if (polygons.empty()) {
                continue;
            }
            t_validityArmed = true;
            t_validityDeadline = std::chrono::steady_clock::now() + kValidityBudget;
            const std::string reason = featureReason(layer, polygons);
            const bool timedOut = std::chrono::steady_clock::now() > t_validityDeadline;
            t_validityArmed = false;
            if (timedOut) {
                allChecked = false;
                out.push_back({fi, Finding::Kind::DrawnAsRead,
                               "validity not checked: too complex for GEOS within " +
                                   std::to_string(kValidityBudget.count()) + " s",
                               {}});
            } else if (!reason.empty()) {
                out.push_back({fi, Finding::Kind::DrawnAsRead,
                               (polygons.size() > 1 ? "invalid multipolygon: " : "invalid polygon: ") + reason, {}});
            }
        }
        return allChecked;
    }

private:
    struct Polygon {
        std::uint32_t shell = 0;           // part index
        std::vector<std::uint32_t> holes;  // part indices
    };
    struct Destroy {
        GEOSContextHandle_t handle;
        void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(handle, g); }
    };
    using GeomPtr = std::unique_ptr<GEOSGeometry, Destroy>;

    GeomPtr own(GEOSGeometry* g) const { return GeomPtr(g, Destroy{m_handle}); }

    bool big(const core::Layer& layer, const Polygon& p) const
    {
        return static_cast<double>(p.holes.size()) * layer.parts[p.shell].count > kHoleBudget;
    }

    std::string featureReason(const core::Layer& layer, const std::vector<Polygon>& polygons)
    {
        if (std::none_of(polygons.begin(), polygons.end(), [&](const Polygon& p) { return big(layer, p); })) {
            return reason(collection(layer, polygons, nullptr).get()); // the usual case: GEOS in one call
        }
        for (const Polygon& p : polygons) {
            std::string r = big(layer, p) ? bigPolygonReason(layer, p) : reason(polygon(layer, p.shell, p.holes).get());
            if (!r.empty()) {
                return r;
            }
        }
        if (polygons.size() < 2) {
            return {};
        }
        const std::vector<std::vector<std::uint32_t>> holesNearOthers = holesOtherPolygonsMeet(layer, polygons);
        return reason(collection(layer, polygons, &holesNearOthers).get());
    }

    // Steps 1–3 above.
    std::string bigPolygonReason(const core::Layer& layer, const Polygon& p)
    {
        const GeomPtr shell = polygon(layer, p.shell, {});
        std::string r = reason(shell.get());
        if (!r.empty()) {
            return r;
        }
        core::Bounds all = partBounds(layer, p.shell);
        std::vector<GEOSGeometry*> holes;
        for (const std::uint32_t h : p.holes) {
            all.add(partBounds(layer, h));
        }
        const double margin = std::max(all.width(), all.height()) * 0.1 + 1.0;
        r = reason(polygon(own(GEOSGeom_createRectangle_r(m_handle, all.minX - margin, all.minY - margin,
                                                          all.maxX + margin, all.maxY + margin)),
                           layer, p.holes)
                       .get());
        if (!r.empty()) {
            return r;
        }
        const GEOSPreparedGeometry* prepared = GEOSPrepare_r(m_handle, shell.get());
        if (prepared == nullptr) {
            return "GEOS cannot check it";
        }
        std::vector<std::uint32_t> touching;
        for (const std::uint32_t h : p.holes) {
            const GeomPtr ring = own(makeRing(layer, layer.parts[h]));
            if (ring == nullptr || GEOSPreparedContainsProperly_r(m_handle, prepared, ring.get()) != 1) {
                touching.push_back(h);
            }
        }
        GEOSPreparedGeom_destroy_r(m_handle, prepared);
        return touching.empty() ? std::string() : reason(polygon(layer, p.shell, touching).get());
    }

    // For step 4: per polygon, the holes whose bounds meet another polygon's shell bounds (an STR tree of the
    // shells' boxes: (polygons + holes) log polygons).
    std::vector<std::vector<std::uint32_t>> holesOtherPolygonsMeet(const core::Layer& layer,
                                                                  const std::vector<Polygon>& polygons)
    {
        std::vector<std::vector<std::uint32_t>> out(polygons.size());
        std::vector<GeomPtr> boxes;
        GEOSSTRtree* tree = GEOSSTRtree_create_r(m_handle, 10);
        for (std::size_t i = 0; i < polygons.size(); ++i) {
            boxes.push_back(box(partBounds(layer, polygons[i].shell)));
            GEOSSTRtree_insert_r(m_handle, tree, boxes.back().get(), reinterpret_cast<void*>(i));
        }
        struct Query {
            std::size_t self = 0;
            bool hit = false;
        };
        for (std::size_t i = 0; i < polygons.size(); ++i) {
            for (const std::uint32_t h : polygons[i].holes) {
                const GeomPtr holeBox = box(partBounds(layer, h));
                Query q{i, false};
                GEOSSTRtree_query_r(
                    m_handle, tree, holeBox.get(),
                    [](void* item, void* data) {
                        auto* query = static_cast<Query*>(data);
                        query->hit |= reinterpret_cast<std::size_t>(item) != query->self;
                    },
                    &q);
                if (q.hit) {
                    out[i].push_back(h);
                }
            }
        }
        GEOSSTRtree_destroy_r(m_handle, tree);
        return out;
    }

    // The feature's polygons as one GEOS geometry (a polygon, or a multipolygon); with `holes`, polygon i keeps
    // only holes[i] when it is big.
    GeomPtr collection(const core::Layer& layer, const std::vector<Polygon>& polygons,
                       const std::vector<std::vector<std::uint32_t>>* holes)
    {
        std::vector<GEOSGeometry*> parts;
        for (std::size_t i = 0; i < polygons.size(); ++i) {
            const Polygon& p = polygons[i];
            GeomPtr g = polygon(layer, p.shell, holes != nullptr && big(layer, p) ? (*holes)[i] : p.holes);
            if (g == nullptr) {
                for (GEOSGeometry* built : parts) {
                    GEOSGeom_destroy_r(m_handle, built);
                }
                return own(nullptr);
            }
            parts.push_back(g.release());
        }
        if (parts.size() == 1) {
            return own(parts[0]);
        }
        return own(GEOSGeom_createCollection_r(m_handle, GEOS_MULTIPOLYGON, parts.data(),
                                               static_cast<unsigned>(parts.size())));
    }

    GeomPtr polygon(const core::Layer& layer, std::uint32_t shell, const std::vector<std::uint32_t>& holes)
    {
        return polygon(own(makeRing(layer, layer.parts[shell])), layer, holes);
    }

    GeomPtr polygon(GeomPtr shell, const core::Layer& layer, const std::vector<std::uint32_t>& holes)
    {
        if (shell == nullptr) {
            return own(nullptr);
        }
        if (GEOSGeomTypeId_r(m_handle, shell.get()) == GEOS_POLYGON) { // a rectangle: take its ring
            shell = own(GEOSGeom_clone_r(m_handle, GEOSGetExteriorRing_r(m_handle, shell.get())));
        }
        std::vector<GEOSGeometry*> rings;
        for (const std::uint32_t h : holes) {
            GEOSGeometry* ring = makeRing(layer, layer.parts[h]);
            if (ring == nullptr) {
                for (GEOSGeometry* built : rings) {
                    GEOSGeom_destroy_r(m_handle, built);
                }
                return own(nullptr);
            }
            rings.push_back(ring);
        }
        GEOSGeometry* out = GEOSGeom_createPolygon_r(m_handle, shell.release(), rings.data(),
                                                     static_cast<unsigned>(rings.size()));
        return own(out);
    }

    GeomPtr box(const core::Bounds& b) const
    {
        return own(GEOSGeom_createRectangle_r(m_handle, b.minX, b.minY, b.maxX, b.maxY));
    }

    static core::Bounds partBounds(const core::Layer& layer, std::uint32_t part)
    {
        core::Bounds b;
        const core::Part& p = layer.parts[part];
        for (std::uint32_t i = p.first; i < p.first + p.count; ++i) {
            b.add(layer.coords[i]);
        }
        return b;
    }

    GEOSGeometry* makeRing(const core::Layer& layer, const core::Part& part)
    {
        const core::Vec2d* pts = layer.coords.data() + part.first;
        const bool open = !(pts[0] == pts[part.count - 1]);
        const unsigned n = part.count + (open ? 1u : 0u);
        GEOSCoordSequence* seq = nullptr;
        if (open) {
            m_scratch.assign(pts, pts + part.count);
            m_scratch.push_back(pts[0]);
            seq = GEOSCoordSeq_copyFromBuffer_r(m_handle, &m_scratch[0].x, n, 0, 0);
        } else {
            seq = GEOSCoordSeq_copyFromBuffer_r(m_handle, &pts[0].x, n, 0, 0);
        }
        return seq == nullptr ? nullptr : GEOSGeom_createLinearRing_r(m_handle, seq);
    }

    // "Self-intersection at (52.5, 30.5)", or "" when valid.
    std::string reason(const GEOSGeometry* g) const
    {
        if (g == nullptr) {
            return "GEOS cannot build it";
        }
        char* text = nullptr;
        GEOSGeometry* location = nullptr;
        const char valid = GEOSisValidDetail_r(m_handle, g, 0, &text, &location);
        std::string out;
        if (valid == 0) {
            out = text != nullptr ? text : "invalid";
            double x = 0.0;
            double y = 0.0;
            if (location != nullptr && GEOSGeomGetX_r(m_handle, location, &x) == 1 &&
                GEOSGeomGetY_r(m_handle, location, &y) == 1) {
                out += " at " + core::formatPoint({x, y});
            }
        } else if (valid != 1) {
            out = "GEOS cannot check it";
        }
        if (text != nullptr) {
            GEOSFree_r(m_handle, text);
        }
        if (location != nullptr) {
            GEOSGeom_destroy_r(m_handle, location);
        }
        return out;
    }

    GEOSContextHandle_t m_handle;
    std::vector<core::Vec2d> m_scratch;
};

// The key of a layer's validity verdicts (geo/validity_memo): what the check reads, hashed (XXH3, 128 bits).
// kValidityFormat changes with what the check finds or how verdicts are written.
constexpr std::string_view kValidityFormat = "corridor validity 1";

std::string validityKey(const core::Layer& layer, const std::vector<PartFate>& fate)
{
    XXH3_state_t* state = XXH3_createState();
    if (state == nullptr) {
        return {};
    }
    XXH3_128bits_reset(state);
    const auto add = [&](const void* data, std::size_t n) { XXH3_128bits_update(state, data, n); };
    add(kValidityFormat.data(), kValidityFormat.size());
    const std::string geos = GEOSversion();
    add(geos.data(), geos.size() + 1);
    add(layer.coords.data(), layer.coords.size() * sizeof(core::Vec2d));
    for (const core::Part& p : layer.parts) {
        const std::uint32_t fields[3] = {p.first, p.count, static_cast<std::uint32_t>(p.role)};
        add(fields, sizeof fields);
    }
    for (const core::Feature& f : layer.features) {
        const std::uint32_t fields[2] = {f.firstPart, f.partCount};
        add(fields, sizeof fields);
    }
    add(fate.data(), fate.size() * sizeof(PartFate));
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return hex;
}

// Verdicts as kept: the format line, then a line per finding, "feature<TAB>problem" (a problem is one line).
std::string writeVerdicts(std::span<const Finding> findings)
{
    std::string out(kValidityFormat);
    out += '\n';
    for (const Finding& f : findings) {
        std::string problem = f.problem;
        std::replace(problem.begin(), problem.end(), '\n', ' ');
        out += std::to_string(f.feature) + '\t' + problem + '\n';
    }
    return out;
}

// Appends the verdicts `kept` holds to `out`; false (and nothing appended) unless they are whole and fit `layer`.
bool readVerdicts(const std::string& kept, const core::Layer& layer, std::vector<Finding>& out)
{
    std::vector<Finding> found;
    std::size_t at = kept.find('\n');
    if (at == std::string::npos || std::string_view(kept).substr(0, at) != kValidityFormat) {
        return false;
    }
    for (++at; at < kept.size();) {
        const std::size_t end = kept.find('\n', at);
        const std::size_t tab = kept.find('\t', at);
        if (end == std::string::npos || tab == std::string::npos || tab >= end || tab == at || tab + 1 == end) {
            return false;
        }
        std::uint32_t feature = 0;
        const auto [ptr, ec] = std::from_chars(kept.data() + at, kept.data() + tab, feature);
        if (ec != std::errc() || ptr != kept.data() + tab || feature >= layer.features.size() ||
            (!found.empty() && feature < found.back().feature)) {
            return false;
        }
        found.push_back({feature, Finding::Kind::DrawnAsRead, kept.substr(tab + 1, end - tab - 1), {}});
        at = end + 1;
    }
    std::move(found.begin(), found.end(), std::back_inserter(out));
    return true;
}

// Every polygon feature's validity (PolygonValidator), the features cut into runs of about equal vertex counts
// checked on all cores, each run with a GEOS handle of its own; findings in feature order, as one pass gives them.
// With `memo`: the verdicts kept for this geometry when there are some, else checked and kept (unless a feature's
// check ran out of time: that depends on the machine, not on the geometry).
void checkValidity(const core::Layer& layer, const std::vector<PartFate>& fate, std::vector<Finding>& out,
                   const ValidityMemo* memo)
{
    bool polygons = false;
    for (std::size_t p = 0; p < layer.parts.size() && !polygons; ++p) {
        polygons = layer.parts[p].role == core::PartRole::OuterRing && fate[p] != PartFate::Drop;
    }
    if (!polygons) {
        return;
    }
    const std::string key = memo != nullptr ? validityKey(layer, fate) : std::string();
    if (!key.empty()) {
        if (const std::optional<std::string> kept = memo->find(key); kept && readVerdicts(*kept, layer, out)) {
            return;
        }
    }
    constexpr std::size_t kRunVertices = std::size_t{1} << 14; // below this, a run costs more to hand out than it saves
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t runs = std::clamp<std::size_t>(layer.coords.size() / kRunVertices, 1, cores * 16);
    std::vector<std::uint32_t> cuts{0};
    const std::size_t per = layer.coords.size() / runs;
    for (std::uint32_t fi = 1; fi < layer.features.size() && cuts.size() < runs; ++fi) {
        const core::Feature& f = layer.features[fi];
        if (f.partCount > 0 && layer.parts[f.firstPart].first >= per * cuts.size()) {
            cuts.push_back(fi);
        }
    }
    cuts.push_back(static_cast<std::uint32_t>(layer.features.size()));
    // The costliest runs first (a country of 68 000 vertices alone is a third of Natural Earth's check), so the last
    // run to finish is a short one: GEOS's time goes with the vertices, and with the rings (a multipolygon of many
    // islets costs more than its vertices say).
    std::vector<std::size_t> cost(cuts.size() - 1, 0);
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        for (std::uint32_t fi = cuts[k]; fi < cuts[k + 1]; ++fi) {
            const core::Feature& f = layer.features[fi];
            for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
                cost[k] += layer.parts[p].count + 64;
            }
        }
    }
    std::vector<std::size_t> order(cost.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
    std::vector<std::vector<Finding>> found(cuts.size() - 1); // per run: in feature order once joined
    std::atomic<bool> allChecked{true};
    core::forEachParallel(order.size(), [&](std::size_t i) {
        const std::size_t k = order[i];
        PolygonValidator validator;
        if (!validator.check(layer, fate, cuts[k], cuts[k + 1], found[k])) {
            allChecked = false;
        }
    });
    const std::size_t before = out.size();
    for (std::vector<Finding>& f : found) {
        std::move(f.begin(), f.end(), std::back_inserter(out));
    }
    if (!key.empty() && allChecked) {
        memo->keep(key, writeVerdicts(std::span<const Finding>(out).subspan(before)));
    }
}

// Rebuilds the layer without the dropped parts and with the repaired rings closed. Linear; only called when
// something changes.
void applyFates(core::Layer& layer, const std::vector<PartFate>& fate)
{
    std::vector<core::Part> parts;
    std::vector<core::Vec2d> coords;
    parts.reserve(layer.parts.size());
    coords.reserve(layer.coords.size());
    for (core::Feature& f : layer.features) {
        const std::uint32_t first = static_cast<std::uint32_t>(parts.size());
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            if (fate[p] == PartFate::Drop) {
                continue;
            }
            core::Part part = layer.parts[p];
            const auto begin = layer.coords.begin() + part.first;
            part.first = static_cast<std::uint32_t>(coords.size());
            coords.insert(coords.end(), begin, begin + part.count);
            if (fate[p] == PartFate::Close) {
                coords.push_back(*begin);
                ++part.count;
            }
            parts.push_back(part);
        }
        f.firstPart = first;
        f.partCount = static_cast<std::uint32_t>(parts.size()) - first;
    }
    layer.parts = std::move(parts);
    layer.coords = std::move(coords);
}

core::GeometryType typeOfParts(const core::Layer& layer, const core::Feature& f)
{
    if (f.partCount == 0) {
        return core::GeometryType::None;
    }
    switch (layer.parts[f.firstPart].role) {
    case core::PartRole::Point: return core::GeometryType::Point;
    case core::PartRole::Line: return core::GeometryType::Line;
    default: return core::GeometryType::Polygon;
    }
}

// A date, time or date-time field as ISO 8601 text (2018-05-14, 14:30:00, 2022-09-26T02:03:00Z, …+03:30), as the
// data files write them; OGR's own string form is 2018/05/14 02:03:00+00.
std::string isoDateTime(const OGRFeature& f, int i, OGRFieldType t)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz);
    char buf[64];
    std::string out;
    if (t != OFTTime) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
        out += buf;
    }
    if (t == OFTDate) {
        return out;
    }
    const double whole = std::floor(sec);
    if (sec - whole > 0.0005) {
        std::snprintf(buf, sizeof buf, "%02d:%02d:%06.3f", h, mi, static_cast<double>(sec));
    } else {
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, mi, static_cast<int>(whole));
    }
    out += (t == OFTDateTime ? "T" : "") + std::string(buf);
    if (tz == 100) {
        out += "Z";
    } else if (tz > 1) { // 101.. east of UTC, ..99 west, in quarter hours
        const int minutes = std::abs(tz - 100) * 15;
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", tz > 100 ? '+' : '-', minutes / 60, minutes % 60);
        out += buf;
    }
    return out;
}

core::AttrValue readValue(const OGRFeature& f, int i, core::FieldType type)
{
    if (!f.IsFieldSetAndNotNull(i)) {
        return std::monostate{};
    }
    if (type == core::FieldType::String) {
        const OGRFieldType t = f.GetFieldDefnRef(i)->GetType();
        if (t == OFTDate || t == OFTTime || t == OFTDateTime) {
            return isoDateTime(f, i, t);
        }
    }
    switch (type) {
    case core::FieldType::Boolean: return f.GetFieldAsInteger(i) != 0;
    case core::FieldType::Integer: return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
    case core::FieldType::Real: return f.GetFieldAsDouble(i);
    case core::FieldType::String: return std::string(f.GetFieldAsString(i));
    }
    return std::monostate{};
}

core::FieldType fieldTypeOf(OGRFieldType t, OGRFieldSubType sub)
{
    if (t == OFTInteger && sub == OFSTBoolean) {
        return core::FieldType::Boolean;
    }
    switch (t) {
    case OFTInteger:
    case OFTInteger64: return core::FieldType::Integer;
    case OFTReal: return core::FieldType::Real;
    default: return core::FieldType::String;
    }
}

bool looksLikeLonLat(const core::Bounds& b)
{
    return b.empty() || (b.minX >= -180.0 && b.maxX <= 180.0 && b.minY >= -90.0 && b.maxY <= 90.0);
}

core::Bounds finiteBounds(const std::vector<core::Vec2d>& coords)
{
    core::Bounds b;
    for (const core::Vec2d& p : coords) {
        if (std::isfinite(p.x) && std::isfinite(p.y)) {
            b.add(p);
        }
    }
    return b;
}

// True when the coordinates are degrees of longitude and latitude (a geographic CRS in degrees, or none
// declared, which is read as WGS 84): the range of the globe applies.
bool inDegrees(const OGRSpatialReference* srs)
{
    if (srs == nullptr) {
        return true;
    }
    constexpr double kDegree = 0.017453292519943295; // radians
    return srs->IsGeographic() && std::abs(srs->GetAngularUnits() - kDegree) < 1e-12;
}

// Reprojects the layer's coordinates (already in easting-first order) to lon/lat in place. A part with a point
// PROJ cannot transform is dropped with a finding. Returns whether the coordinates changed (not when they are
// lon/lat already).
bool toLonLat(core::Layer& layer, const OGRSpatialReference* srs, const core::Bounds& extent, const ProjContext& proj,
              std::vector<PartFate>& fate, std::vector<Finding>& findings)
{
    const std::string definition = crsDefinition(srs);
    if (definition.empty()) {
        if (!looksLikeLonLat(extent)) {
            throw core::LoadError(layer.sourcePath, layer.name, -1,
                                  "declares no CRS and its coordinates are not longitude/latitude degrees");
        }
        layer.sourceCrs = "none declared (read as WGS 84 longitude/latitude)";
        core::FeatureIssue note;
        note.message = "no CRS declared; coordinates read as WGS 84 longitude/latitude";
        layer.issues.push_back(std::move(note));
        return false;
    }
    // Geocentric, vertical or Martian coordinates transform to lon/lat without an error, and draw nonsense.
    if (auto problem = mapCrsProblem(proj, definition)) {
        throw core::LoadError(layer.sourcePath, layer.name, -1, "its CRS: " + *problem + "; not drawn");
    }
    try {
        const Transformer toLonLat(proj, definition, kLonLat);
        if (toLonLat.forward(layer.coords) == 0) {
            return !toLonLat.isIdentity();
        }
    } catch (const ProjError& e) {
        throw core::LoadError(layer.sourcePath, layer.name, -1, std::string("unknown CRS: ") + e.what());
    }
    for (std::uint32_t fi = 0; fi < layer.features.size(); ++fi) {
        const core::Feature& f = layer.features[fi];
        std::optional<core::PartNames> names;
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            if (fate[p] == PartFate::Drop) {
                continue; // already reported (non-finite, off the globe)
            }
            const core::Part& part = layer.parts[p];
            for (std::uint32_t i = 0; i < part.count; ++i) {
                if (std::isnan(layer.coords[part.first + i].x)) {
                    if (!names) {
                        names.emplace(layer, f);
                    }
                    const std::string which = part.role == core::PartRole::Point
                                                  ? names->name(p)
                                                  : names->name(p) + " vertex " + std::to_string(i + 1);
                    findings.push_back({fi, Finding::Kind::Drop,
                                        which + " lies outside the domain of " + layer.sourceCrs +
                                            " and cannot be reprojected to longitude/latitude",
                                        {}});
                    fate[p] = PartFate::Drop;
                    break;
                }
            }
        }
    }
    return true;
}

// Turns the findings into the layer's issues, in feature order, now that what is left of each feature is known.
void reportFindings(core::Layer& layer, std::vector<Finding>& findings)
{
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& a, const Finding& b) { return a.feature < b.feature; });
    for (const Finding& finding : findings) {
        const core::Feature& f = layer.features[finding.feature];
        core::IssueAction action = core::IssueAction::DrawnAsRead;
        switch (finding.kind) {
        case Finding::Kind::Drop:
            action = f.partCount == 0 ? core::IssueAction::NotDrawn : core::IssueAction::PartNotDrawn;
            break;
        case Finding::Kind::DrawnAsRead: action = core::IssueAction::DrawnAsRead; break;
        case Finding::Kind::Repaired: action = core::IssueAction::Repaired; break;
        }
        layer.issues.push_back(core::makeIssue(layer, f, finding.problem, action, finding.how));
    }
}

// One OGR geometry type's count, kept in a short list: a layer holds a handful of types.
void countType(std::vector<std::pair<OGRwkbGeometryType, std::int64_t>>& counts, OGRwkbGeometryType type)
{
    for (auto& [t, n] : counts) {
        if (t == type) {
            ++n;
            return;
        }
    }
    counts.emplace_back(type, 1);
}

// Room for the coordinates of a layer of the local file `path`: a vertex takes at least 16 bytes in the binary
// formats (FlatGeobuf, shapefile, GeoPackage), so no more than size / 16 vertices. Reserved up front, a 10^7-vertex
// layer is not grown by doubling (each step copying it all into fresh, page-faulted memory: 370 -> 255 ms of
// reading). Room not used is address space only: its pages are never touched. 0 for a path GDAL reaches through
// a virtual file system (/vsizip/, /vsicurl/: its size says little, and asking may go to the network).
std::size_t vertexRoomFor(const std::string& path)
{
    std::error_code ec;
    if (path.rfind("/vsi", 0) == 0 || !std::filesystem::is_regular_file(path, ec)) {
        return 0;
    }
    const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::size_t>(std::min<std::uintmax_t>(bytes / 16, std::uintmax_t{1} << 28));
}

} // namespace

LoadedSource loadSource(const std::string& path, const LoadOptions& options)
{
    const core::PhaseScope reading(core::Phase::Read); // all of it but the open and the reprojection
    std::vector<std::string> openMessages; // a CRS GDAL could not resolve at open is only said here
    GDALDatasetUniquePtr ds =
        core::timed(core::Phase::Open, [&] { return openVector(path, options.allowNetwork, &openMessages); });
    GdalErrorCollector quiet; // GDAL's own warnings would only be stderr noise; the checks below report
    LoadedSource out;
    out.path = path;
    out.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";

    // What GDAL says while it reads each layer's CRS, before anything else touches the layer (a GeoPackage
    // reads its layers' definitions lazily, on the first call of any kind).
    std::vector<std::vector<std::string>> srsMessages;
    for (OGRLayer* ol : ds->GetLayers()) {
        const std::size_t before = quiet.messages().size();
        ol->GetSpatialRef();
        srsMessages.emplace_back(quiet.messages().begin() + static_cast<std::ptrdiff_t>(before),
                                 quiet.messages().end());
    }

    GIntBig total = 0;
    for (OGRLayer* ol : ds->GetLayers()) {
        total += std::max<GIntBig>(0, ol->GetFeatureCount(FALSE));
    }
    GIntBig done = 0;
    const ProjContext proj;

    for (OGRLayer* ol : ds->GetLayers()) {
        core::Layer layer;
        LayerSummary summary;
        layer.name = ol->GetName();
        layer.sourcePath = path;
        const OGRSpatialReference* srs = ol->GetSpatialRef();
        if (auto problem = unresolvedCrs(*ds, *ol, path, srs, openMessages, srsMessages[out.layers.size()])) {
            throw core::LoadError(path, layer.name, -1, *problem);
        }
        layer.sourceCrs = crsName(srs);
        for (const auto& note : {missingAttributes(*ds, *ol, path), unfetchedSchema(*ds, path)}) {
            if (note) {
                core::FeatureIssue issue;
                issue.message = *note;
                layer.issues.push_back(std::move(issue));
            }
        }
        const OGRFeatureDefn* defn = ol->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const OGRFieldDefn* fd = defn->GetFieldDefn(i);
            layer.fields.push_back({fd->GetNameRef(), fieldTypeOf(fd->GetType(), fd->GetSubType())});
            summary.fields.push_back(std::string(fd->GetNameRef()) + " (" +
                                     OGRFieldDefn::GetFieldTypeName(fd->GetType()) + ")");
        }

        std::vector<Finding> findings;
        std::vector<std::pair<OGRwkbGeometryType, std::int64_t>> types;
        GeometryReader reader{layer, findings, 0, {}};
        layer.coords.reserve(vertexRoomFor(path));
        ol->ResetReading();
        const std::size_t beforeRead = quiet.messages().size();
        for (const OGRFeatureUniquePtr& f : *ol) {
            if (options.cancel != nullptr && options.cancel->load()) {
                throw core::LoadError(path, layer.name, -1, "cancelled");
            }
            throwIfNetworkRefused(path, layer.name); // e.g. a VRT's SQL geocoding each row: stop at the first
            core::Feature feature;
            feature.id = f->GetFID() == OGRNullFID ? static_cast<std::int64_t>(layer.features.size()) : f->GetFID();
            feature.values.reserve(layer.fields.size());
            for (std::size_t i = 0; i < layer.fields.size(); ++i) {
                feature.values.push_back(readValue(*f, static_cast<int>(i), layer.fields[i].type));
            }
            feature.firstPart = static_cast<std::uint32_t>(layer.parts.size());
            const std::uint32_t index = static_cast<std::uint32_t>(layer.features.size());
            const OGRGeometry* g = f->GetGeometryRef();
            countType(types, g == nullptr ? wkbNone : g->getGeometryType());
            if (g == nullptr) {
                findings.push_back({index, Finding::Kind::Drop, "has no geometry", {}});
            } else if (g->IsEmpty()) {
                findings.push_back({index, Finding::Kind::Drop, "has an empty geometry", {}});
            }
            reader.feature = index;
            reader.add(g);
            feature.partCount = static_cast<std::uint32_t>(layer.parts.size()) - feature.firstPart;
            layer.features.push_back(std::move(feature));
            ++done;
            if (options.progress != nullptr && total > 0 && (done & 1023) == 0) {
                options.progress->store(static_cast<float>(done) / static_cast<float>(total));
            }
        }
        const std::vector<std::string> readMessages(
            quiet.messages().begin() + static_cast<std::ptrdiff_t>(beforeRead), quiet.messages().end());
        if (auto problem = csvReadProblem(*ds, path, readMessages, static_cast<std::int64_t>(layer.features.size()))) {
            throw core::LoadError(path, layer.name, -1, *problem);
        }
        for (const auto& [type, count] : types) {
            summary.geometryTypes[type == wkbNone ? "None" : OGRGeometryTypeToName(type)] += count;
        }
        CoordScan scan = scanCoords(layer.coords);
        summary.extent = scan.bounds; // as stored

        if (storesNorthingFirst(srs)) {
            for (core::Vec2d& p : layer.coords) {
                std::swap(p.x, p.y);
            }
            std::swap(scan.bounds.minX, scan.bounds.minY);
            std::swap(scan.bounds.maxX, scan.bounds.maxY);
        }
        std::vector<PartFate> fate(layer.parts.size(), PartFate::Keep);
        checkParts(layer, inDegrees(srs), scan, fate, findings);
        const bool moved = toLonLat(layer, srs, summary.extent, proj, fate, findings);
        dropHolesOfDroppedPolygons(layer, fate);
        if (options.checkValidity) {
            checkValidity(layer, fate, findings, options.validityMemo);
        }
        const bool refated = std::any_of(fate.begin(), fate.end(), [](PartFate x) { return x != PartFate::Keep; });
        if (refated) {
            applyFates(layer, fate);
        }
        for (core::Feature& f : layer.features) {
            f.type = typeOfParts(layer, f);
        }
        layer.bounds = moved || refated ? finiteBounds(layer.coords) : scan.bounds;
        reportFindings(layer, findings);
        out.layers.push_back(std::move(layer));
        out.summaries.push_back(std::move(summary));
    }
    if (options.progress != nullptr) {
        options.progress->store(1.0f);
    }
    return out;
}

std::vector<core::FeatureIssue> polygonValidityIssues(const core::Layer& layer, const ValidityMemo* memo)
{
    // The layer as loaded holds only the parts kept: check them all.
    const std::vector<PartFate> keep(layer.parts.size(), PartFate::Keep);
    std::vector<Finding> findings;
    checkValidity(layer, keep, findings, memo);
    std::vector<core::FeatureIssue> out;
    for (const Finding& finding : findings) {
        out.push_back(core::makeIssue(layer, layer.features[finding.feature], finding.problem,
                                      core::IssueAction::DrawnAsRead, finding.how));
    }
    return out;
}

} // namespace corridor::geo

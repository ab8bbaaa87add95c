#include "geo/loader.hpp"

#include "core/errors.hpp"
#include "geo/gdal_util.hpp"
#include "geo/proj.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>

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

    explicit GlobeRange(const core::Layer& layer)
    {
        double minLon = std::numeric_limits<double>::infinity();
        double maxLon = -minLon;
        for (const core::Vec2d& p : layer.coords) {
            if (std::isfinite(p.x)) {
                minLon = std::min(minLon, p.x);
                maxLon = std::max(maxLon, p.x);
            }
        }
        m_zeroTo360 = minLon >= -kTolerance && maxLon <= 360.0 + kTolerance && maxLon > 180.0 + kTolerance;
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

// The checks on each part as read (in the source CRS, lon/lat order): a non-finite coordinate, a coordinate
// off the globe (geographic CRSs only), too few points: dropped; an unclosed ring: closed; a line of no length:
// drawn as read. Linear in the number of coordinates.
void checkParts(const core::Layer& layer, bool geographic, std::vector<PartFate>& fate, std::vector<Finding>& out)
{
    std::optional<GlobeRange> globe;
    if (geographic) {
        globe.emplace(layer);
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
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
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

// GEOS validity of each feature's polygons, in lon/lat, as they will be drawn (kept rings, closed). GEOS's
// IsValid is O(n log n) per polygon: no pairwise ring tests.
class PolygonValidator {
public:
    PolygonValidator()
        : m_handle(GEOS_init_r())
    {
        GEOSContext_setNoticeHandler_r(m_handle, geosQuiet);
        GEOSContext_setErrorHandler_r(m_handle, geosQuiet);
    }
    ~PolygonValidator() { GEOS_finish_r(m_handle); }
    PolygonValidator(const PolygonValidator&) = delete;
    PolygonValidator& operator=(const PolygonValidator&) = delete;

    void check(const core::Layer& layer, const std::vector<PartFate>& fate, std::vector<Finding>& out)
    {
        std::vector<GEOSGeometry*> polygons;
        std::vector<GEOSGeometry*> holes;
        for (std::uint32_t fi = 0; fi < layer.features.size(); ++fi) {
            const core::Feature& f = layer.features[fi];
            GEOSGeometry* shell = nullptr;
            bool failed = false;
            auto flush = [&] {
                if (shell != nullptr) {
                    GEOSGeometry* poly = GEOSGeom_createPolygon_r(m_handle, shell, holes.data(),
                                                                  static_cast<unsigned>(holes.size()));
                    failed |= poly == nullptr;
                    if (poly != nullptr) {
                        polygons.push_back(poly);
                    }
                }
                shell = nullptr;
                holes.clear();
            };
            for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
                const core::Part& part = layer.parts[p];
                if (fate[p] == PartFate::Drop ||
                    (part.role != core::PartRole::OuterRing && part.role != core::PartRole::InnerRing)) {
                    continue;
                }
                if (part.role == core::PartRole::OuterRing) {
                    flush();
                }
                GEOSGeometry* ring = makeRing(layer, part);
                failed |= ring == nullptr;
                if (ring == nullptr) {
                    continue;
                }
                if (part.role == core::PartRole::OuterRing) {
                    shell = ring;
                } else {
                    holes.push_back(ring);
                }
            }
            flush();
            if (polygons.empty() && !failed) {
                continue;
            }
            const bool multi = polygons.size() > 1;
            GEOSGeometry* g = multi ? GEOSGeom_createCollection_r(m_handle, GEOS_MULTIPOLYGON, polygons.data(),
                                                                  static_cast<unsigned>(polygons.size()))
                                    : (polygons.empty() ? nullptr : polygons[0]);
            polygons.clear();
            if (failed || g == nullptr) {
                out.push_back({fi, Finding::Kind::DrawnAsRead, "invalid polygon: GEOS cannot build it", {}});
            } else {
                const std::string reason = invalidReason(g);
                if (!reason.empty()) {
                    out.push_back({fi, Finding::Kind::DrawnAsRead,
                                   std::string(multi ? "invalid multipolygon: " : "invalid polygon: ") + reason, {}});
                }
            }
            if (g != nullptr) {
                GEOSGeom_destroy_r(m_handle, g);
            }
        }
    }

private:
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
    std::string invalidReason(const GEOSGeometry* g) const
    {
        char* reason = nullptr;
        GEOSGeometry* location = nullptr;
        const char valid = GEOSisValidDetail_r(m_handle, g, 0, &reason, &location);
        std::string out;
        if (valid == 0) {
            out = reason != nullptr ? reason : "invalid";
            double x = 0.0;
            double y = 0.0;
            if (location != nullptr && GEOSGeomGetX_r(m_handle, location, &x) == 1 &&
                GEOSGeomGetY_r(m_handle, location, &y) == 1) {
                out += " at " + core::formatPoint({x, y});
            }
        } else if (valid != 1) {
            out = "GEOS cannot check it";
        }
        if (reason != nullptr) {
            GEOSFree_r(m_handle, reason);
        }
        if (location != nullptr) {
            GEOSGeom_destroy_r(m_handle, location);
        }
        return out;
    }

    GEOSContextHandle_t m_handle;
    std::vector<core::Vec2d> m_scratch;
};

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

core::AttrValue readValue(const OGRFeature& f, int i, core::FieldType type)
{
    if (!f.IsFieldSetAndNotNull(i)) {
        return std::monostate{};
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
// PROJ cannot transform is dropped with a finding.
void toLonLat(core::Layer& layer, const OGRSpatialReference* srs, const core::Bounds& extent, const ProjContext& proj,
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
        return;
    }
    try {
        const Transformer toLonLat(proj, definition, kLonLat);
        if (toLonLat.forward(layer.coords) == 0) {
            return;
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

} // namespace

LoadedSource loadSource(const std::string& path, const LoadOptions& options)
{
    GDALDatasetUniquePtr ds = openVector(path, options.allowNetwork);
    GdalErrorCollector quiet; // GDAL's own warnings would only be stderr noise; the checks below report
    LoadedSource out;
    out.path = path;
    out.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";

    GIntBig total = 0;
    for (OGRLayer* ol : ds->GetLayers()) {
        total += std::max<GIntBig>(0, ol->GetFeatureCount(FALSE));
    }
    GIntBig done = 0;
    const ProjContext proj;
    PolygonValidator validator;

    for (OGRLayer* ol : ds->GetLayers()) {
        core::Layer layer;
        LayerSummary summary;
        layer.name = ol->GetName();
        layer.sourcePath = path;
        const OGRSpatialReference* srs = ol->GetSpatialRef();
        layer.sourceCrs = crsName(srs);
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
        ol->ResetReading();
        for (const OGRFeatureUniquePtr& f : *ol) {
            if (options.cancel != nullptr && options.cancel->load()) {
                throw core::LoadError(path, layer.name, -1, "cancelled");
            }
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
        for (const auto& [type, count] : types) {
            summary.geometryTypes[type == wkbNone ? "None" : OGRGeometryTypeToName(type)] += count;
        }
        summary.extent = finiteBounds(layer.coords);

        if (storesNorthingFirst(srs)) {
            for (core::Vec2d& p : layer.coords) {
                std::swap(p.x, p.y);
            }
        }
        std::vector<PartFate> fate(layer.parts.size(), PartFate::Keep);
        checkParts(layer, inDegrees(srs), fate, findings);
        toLonLat(layer, srs, summary.extent, proj, fate, findings);
        dropHolesOfDroppedPolygons(layer, fate);
        validator.check(layer, fate, findings);
        if (std::any_of(fate.begin(), fate.end(), [](PartFate x) { return x != PartFate::Keep; })) {
            applyFates(layer, fate);
        }
        for (core::Feature& f : layer.features) {
            f.type = typeOfParts(layer, f);
        }
        layer.bounds = finiteBounds(layer.coords);
        reportFindings(layer, findings);
        out.layers.push_back(std::move(layer));
        out.summaries.push_back(std::move(summary));
    }
    if (options.progress != nullptr) {
        options.progress->store(1.0f);
    }
    return out;
}

} // namespace corridor::geo

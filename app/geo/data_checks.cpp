#include "geo/data_checks.hpp"

#include "core/ascii.hpp"
#include "core/errors.hpp"
#include "core/geodesy.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <numbers>
#include <stdexcept>

namespace corridor::geo {

namespace {

// Stretches are measured in sub-steps of at most this length, so the end radius is honoured to within half of it.
constexpr double kStepM = 50.0;
// Two pieces of a crossing meet when one starts where the other ends (lon/lat plane, degrees).
constexpr double kJoinEpsDeg = 1e-9;

// One GEOS handle; GEOS errors become exceptions carrying GEOS's own message.
class Geos {
public:
    Geos()
        : m_handle(GEOS_init_r())
    {
        GEOSContext_setNoticeMessageHandler_r(m_handle, &Geos::onNotice, nullptr);
        GEOSContext_setErrorMessageHandler_r(m_handle, &Geos::onError, this);
    }
    ~Geos() { GEOS_finish_r(m_handle); }
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;

    GEOSContextHandle_t handle() const { return m_handle; }

    template <typename T> T* check(T* result, const char* what) const
    {
        if (result == nullptr) {
            fail(what);
        }
        return result;
    }
    [[noreturn]] void fail(const char* what) const
    {
        throw std::runtime_error(std::string("GEOS: ") + what + (m_error.empty() ? "" : ": " + m_error));
    }

private:
    static void onNotice(const char* /*message*/, void* /*self*/) {} // notices say nothing a result does not
    static void onError(const char* message, void* self)
    {
        static_cast<Geos*>(self)->m_error = message != nullptr ? message : "";
    }
    GEOSContextHandle_t m_handle;
    mutable std::string m_error; // written by GEOS through the handler, also during const queries
};

// Owning pointer for a GEOS geometry of one handle.
struct GeomDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeometry* g) const
    {
        if (g != nullptr) {
            GEOSGeom_destroy_r(handle, g);
        }
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GeomPtr own(const Geos& geos, GEOSGeometry* g, const char* what)
{
    return GeomPtr(geos.check(g, what), GeomDeleter{geos.handle()});
}

// Maps lon/lat into the plane GEOS works in: identity, or an equirectangular plane centred on a point.
struct PlaneMap {
    core::Vec2d origin;
    double xScale = 1.0;

    core::Vec2d to(core::Vec2d p) const { return {(p.x - origin.x) * xScale, p.y - origin.y}; }
    core::Vec2d from(core::Vec2d q) const { return {q.x / xScale + origin.x, q.y + origin.y}; }
};

GEOSCoordSequence* makeSequence(const Geos& geos, const core::Vec2d* pts, std::size_t n, bool closeRing,
                                const PlaneMap& map)
{
    const bool addClosing = closeRing && n > 0 && !(pts[0] == pts[n - 1]);
    const auto size = static_cast<unsigned>(n + (addClosing ? 1 : 0));
    GEOSCoordSequence* seq = geos.check(GEOSCoordSeq_create_r(geos.handle(), size, 2), "cannot create coordinates");
    for (unsigned i = 0; i < size; ++i) {
        const core::Vec2d q = map.to(pts[i < n ? i : 0]);
        GEOSCoordSeq_setXY_r(geos.handle(), seq, i, q.x, q.y);
    }
    return seq;
}

GEOSGeometry* makeRing(const Geos& geos, const core::Layer& layer, const core::Part& part, const PlaneMap& map)
{
    GEOSCoordSequence* seq = makeSequence(geos, &layer.coords[part.first], part.count, true, map);
    return geos.check(GEOSGeom_createLinearRing_r(geos.handle(), seq), "cannot create a ring");
}

// Every polygon of a feature: an OuterRing part and the InnerRing parts that follow it.
std::vector<GeomPtr> featurePolygons(const Geos& geos, const core::Layer& layer, const core::Feature& f,
                                     const PlaneMap& map)
{
    std::vector<GeomPtr> out;
    if (f.type != core::GeometryType::Polygon) {
        return out;
    }
    const std::uint32_t end = f.firstPart + f.partCount;
    for (std::uint32_t p = f.firstPart; p < end;) {
        if (layer.parts[p].role != core::PartRole::OuterRing) {
            ++p;
            continue;
        }
        GEOSGeometry* shell = makeRing(geos, layer, layer.parts[p], map);
        std::vector<GEOSGeometry*> holes;
        for (++p; p < end && layer.parts[p].role == core::PartRole::InnerRing; ++p) {
            holes.push_back(makeRing(geos, layer, layer.parts[p], map));
        }
        out.push_back(own(geos,
                          GEOSGeom_createPolygon_r(geos.handle(), shell, holes.data(),
                                                   static_cast<unsigned>(holes.size())),
                          "cannot create a polygon"));
    }
    return out;
}

GeomPtr featureMultiPolygon(const Geos& geos, const core::Layer& layer, const core::Feature& f, const PlaneMap& map)
{
    std::vector<GeomPtr> polys = featurePolygons(geos, layer, f, map);
    std::vector<GEOSGeometry*> raw;
    for (GeomPtr& p : polys) {
        raw.push_back(p.release()); // the collection takes them over
    }
    return own(geos,
               GEOSGeom_createCollection_r(geos.handle(), GEOS_MULTIPOLYGON, raw.data(),
                                           static_cast<unsigned>(raw.size())),
               "cannot create a multipolygon");
}

std::vector<core::Vec2d> lineCoords(const Geos& geos, const GEOSGeometry* line)
{
    const GEOSCoordSequence* seq = geos.check(GEOSGeom_getCoordSeq_r(geos.handle(), line), "no coordinates");
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(geos.handle(), seq, &n);
    std::vector<core::Vec2d> pts(n);
    for (unsigned i = 0; i < n; ++i) {
        GEOSCoordSeq_getXY_r(geos.handle(), seq, i, &pts[i].x, &pts[i].y);
    }
    return pts;
}

// The line strings inside a GEOS result (points, where a line only touches a polygon, are dropped).
void collectLines(const Geos& geos, const GEOSGeometry* g, std::vector<std::vector<core::Vec2d>>& out)
{
    const int type = GEOSGeomTypeId_r(geos.handle(), g);
    if (type == GEOS_LINESTRING) {
        std::vector<core::Vec2d> pts = lineCoords(geos, g);
        if (pts.size() >= 2) {
            out.push_back(std::move(pts));
        }
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(geos.handle(), g);
        for (int i = 0; i < n; ++i) {
            collectLines(geos, GEOSGetGeometryN_r(geos.handle(), g, i), out);
        }
    }
}

// The point halfway along a polyline (by geodesic length; linear in lon/lat within a segment).
core::Vec2d halfway(const std::vector<core::Vec2d>& pts, double totalM)
{
    double walked = 0.0;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const double d = core::geodesicDistance(pts[i], pts[i + 1]);
        if (walked + d >= totalM * 0.5 && d > 0.0) {
            const double t = (totalM * 0.5 - walked) / d;
            return pts[i] + (pts[i + 1] - pts[i]) * t;
        }
        walked += d;
    }
    return pts.empty() ? core::Vec2d{} : pts.back();
}

// Geodesic length of the polyline, in metres, counting only what lies farther than radiusM from both ends.
double lengthAwayFrom(const std::vector<core::Vec2d>& pts, core::Vec2d first, core::Vec2d last, double radiusM)
{
    double counted = 0.0;
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const core::Vec2d a = pts[i];
        const core::Vec2d b = pts[i + 1];
        const double d = core::geodesicDistance(a, b);
        const int steps = std::max(1, static_cast<int>(std::ceil(d / kStepM)));
        for (int k = 0; k < steps; ++k) {
            // segments are short (the data is densified), so lon/lat interpolation stays on the geodesic
            const core::Vec2d p0 = a + (b - a) * (static_cast<double>(k) / steps);
            const core::Vec2d p1 = a + (b - a) * (static_cast<double>(k + 1) / steps);
            const core::Vec2d mid = (p0 + p1) * 0.5;
            if (core::geodesicDistance(mid, first) > radiusM && core::geodesicDistance(mid, last) > radiusM) {
                counted += core::geodesicDistance(p0, p1);
            }
        }
    }
    return counted;
}

void collectItem(void* item, void* userdata)
{
    static_cast<std::vector<std::size_t>*>(userdata)->push_back(*static_cast<const std::size_t*>(item));
}

} // namespace

struct PolygonIndex::Impl {
    Geos geos;
    std::vector<GeomPtr> polygons;
    std::vector<const GEOSPreparedGeometry*> prepared;
    std::vector<std::size_t> items; // the tree's items point here: polygon i is &items[i], which holds i
    GEOSSTRtree* tree = nullptr;

    ~Impl()
    {
        if (tree != nullptr) {
            GEOSSTRtree_destroy_r(geos.handle(), tree);
        }
        for (const GEOSPreparedGeometry* p : prepared) {
            GEOSPreparedGeom_destroy_r(geos.handle(), p);
        }
        polygons.clear(); // before the handle goes
    }

    // Indices of the polygons whose envelope meets g's.
    std::vector<std::size_t> candidates(const GEOSGeometry* g) const
    {
        std::vector<std::size_t> out;
        GEOSSTRtree_query_r(geos.handle(), tree, g, &collectItem, &out);
        std::sort(out.begin(), out.end()); // the tree's order is not stable across GEOS versions
        return out;
    }
};

PolygonIndex::PolygonIndex(const core::Layer& polygons)
    : m_impl(std::make_unique<Impl>())
{
    Impl& m = *m_impl;
    for (const core::Feature& f : polygons.features) {
        for (GeomPtr& p : featurePolygons(m.geos, polygons, f, PlaneMap{})) {
            m.polygons.push_back(std::move(p));
        }
    }
    m.tree = m.geos.check(GEOSSTRtree_create_r(m.geos.handle(), 10), "cannot create an STRtree");
    m.prepared.reserve(m.polygons.size());
    m.items.resize(m.polygons.size()); // sized once: the tree keeps pointers into it
    for (std::size_t i = 0; i < m.polygons.size(); ++i) {
        m.prepared.push_back(m.geos.check(GEOSPrepare_r(m.geos.handle(), m.polygons[i].get()), "cannot prepare"));
        m.items[i] = i;
        GEOSSTRtree_insert_r(m.geos.handle(), m.tree, m.polygons[i].get(), &m.items[i]);
    }
}

PolygonIndex::~PolygonIndex() = default;

std::size_t PolygonIndex::polygonCount() const { return m_impl->polygons.size(); }

bool PolygonIndex::covers(core::Vec2d p) const
{
    const Geos& geos = m_impl->geos;
    const GeomPtr pt = own(geos, GEOSGeom_createPointFromXY_r(geos.handle(), p.x, p.y), "cannot create a point");
    for (std::size_t i : m_impl->candidates(pt.get())) {
        const char r = GEOSPreparedIntersects_r(geos.handle(), m_impl->prepared[i], pt.get());
        if (r == 2) {
            geos.fail("point-in-polygon test failed");
        }
        if (r == 1) {
            return true;
        }
    }
    return false;
}

std::vector<Crossing> PolygonIndex::crossings(const core::Layer& lines, const core::Feature& f,
                                              double endRadiusKm) const
{
    const Geos& geos = m_impl->geos;
    std::vector<Crossing> out;
    for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
        const core::Part& part = lines.parts[p];
        if (part.count < 2) {
            continue;
        }
        const core::Vec2d* pts = &lines.coords[part.first];
        const GeomPtr line = own(
            geos, GEOSGeom_createLineString_r(geos.handle(), makeSequence(geos, pts, part.count, false, PlaneMap{})),
            "cannot create a line");
        const double lineLength = [&] {
            double len = 0.0;
            GEOSLength_r(geos.handle(), line.get(), &len);
            return len;
        }();

        // every piece inside a polygon, with where it starts and ends along the line (planar distance)
        struct Piece {
            double from = 0.0;
            double to = 0.0;
            std::vector<core::Vec2d> pts;
        };
        std::vector<Piece> pieces;
        for (std::size_t i : m_impl->candidates(line.get())) {
            const char hit = GEOSPreparedIntersects_r(geos.handle(), m_impl->prepared[i], line.get());
            if (hit == 2) {
                geos.fail("line-polygon test failed");
            }
            if (hit == 0) {
                continue;
            }
            const GeomPtr inside = own(geos, GEOSIntersection_r(geos.handle(), m_impl->polygons[i].get(), line.get()),
                                       "intersection failed");
            std::vector<std::vector<core::Vec2d>> found;
            collectLines(geos, inside.get(), found);
            for (std::vector<core::Vec2d>& lp : found) {
                auto along = [&](core::Vec2d q) {
                    const GeomPtr pt =
                        own(geos, GEOSGeom_createPointFromXY_r(geos.handle(), q.x, q.y), "cannot create a point");
                    return GEOSProject_r(geos.handle(), line.get(), pt.get());
                };
                Piece piece{along(lp.front()), along(lp.back()), std::move(lp)};
                if (piece.to < piece.from) { // overlay output need not follow the input's direction
                    std::swap(piece.from, piece.to);
                    std::reverse(piece.pts.begin(), piece.pts.end());
                }
                pieces.push_back(std::move(piece));
            }
        }
        std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.from < b.from; });

        // join pieces that meet (across a vertex of the line, or where two polygons share a boundary)
        std::vector<Piece> joined;
        for (Piece& piece : pieces) {
            if (!joined.empty() && piece.from - joined.back().to < kJoinEpsDeg) {
                Piece& last = joined.back();
                last.to = std::max(last.to, piece.to);
                last.pts.insert(last.pts.end(), piece.pts.begin() + 1, piece.pts.end());
            } else {
                joined.push_back(std::move(piece));
            }
        }

        const core::Vec2d first = pts[0];
        const core::Vec2d last = pts[part.count - 1];
        for (const Piece& piece : joined) {
            Crossing c;
            const double lengthM = core::geodesicLength(piece.pts);
            if (lengthM <= 0.0) {
                continue;
            }
            c.lengthKm = lengthM / 1000.0;
            c.countedKm = endRadiusKm > 0.0 ? lengthAwayFrom(piece.pts, first, last, endRadiusKm * 1000.0) / 1000.0
                                            : c.lengthKm;
            c.at = halfway(piece.pts, lengthM);
            c.touchesEnd = piece.from < kJoinEpsDeg || piece.to > lineLength - kJoinEpsDeg;
            out.push_back(c);
        }
    }
    return out;
}

double crossingLengthKm(const core::Layer& lines, const core::Feature& f, const core::Layer& polygons)
{
    const PolygonIndex index(polygons);
    double total = 0.0;
    for (const Crossing& c : index.crossings(lines, f)) {
        total += c.lengthKm;
    }
    return total;
}

double distanceToPolygonsKm(const core::Layer& polygons, const core::Feature& f, core::Vec2d p)
{
    const Geos geos;
    // an equirectangular plane centred on p: a degree of longitude is cos(lat) degrees of latitude long there
    const PlaneMap map{p, std::cos(p.y * std::numbers::pi / 180.0)};
    const GeomPtr shape = featureMultiPolygon(geos, polygons, f, map);
    const GeomPtr origin = own(geos, GEOSGeom_createPointFromXY_r(geos.handle(), 0.0, 0.0), "cannot create a point");
    const char inside = GEOSIntersects_r(geos.handle(), shape.get(), origin.get());
    if (inside == 2) {
        geos.fail("point-in-polygon test failed");
    }
    if (inside == 1) {
        return 0.0;
    }
    GEOSCoordSequence* nearest =
        geos.check(GEOSNearestPoints_r(geos.handle(), shape.get(), origin.get()), "no nearest point");
    core::Vec2d q;
    GEOSCoordSeq_getXY_r(geos.handle(), nearest, 0, &q.x, &q.y); // the first point lies on the polygons
    GEOSCoordSeq_destroy_r(geos.handle(), nearest);
    return core::geodesicDistance(p, map.from(q)) / 1000.0;
}

bool polygonsCover(const core::Layer& polygons, const core::Feature& f, core::Vec2d p)
{
    return distanceToPolygonsKm(polygons, f, p) == 0.0;
}

core::Bounds featureBounds(const core::Layer& layer, const core::Feature& f)
{
    core::Bounds b;
    for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
        const core::Part& part = layer.parts[p];
        for (std::uint32_t i = part.first; i < part.first + part.count; ++i) {
            b.add(layer.coords[i]);
        }
    }
    return b;
}

const core::Feature* findFeature(const core::Layer& layer, const std::string& field, const std::string& value)
{
    if (layer.fieldIndex(field) < 0) {
        return nullptr;
    }
    for (const core::Feature& f : layer.features) {
        if (core::formatValue(*layer.value(f, field)) == value) {
            return &f;
        }
    }
    return nullptr;
}

namespace {

std::string trim(std::string s)
{
    const auto notSpace = [](unsigned char c) { return std::isspace(c) == 0; };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

} // namespace

std::set<std::string> sourceIds(const std::string& sourcesMarkdownPath)
{
    std::ifstream in(sourcesMarkdownPath);
    if (!in) {
        throw core::LoadError(sourcesMarkdownPath, "", -1, "cannot be read");
    }
    std::set<std::string> ids;
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line.front() != '|') {
            continue;
        }
        const std::size_t bar = line.find('|', 1);
        std::string cell = trim(line.substr(1, bar == std::string::npos ? std::string::npos : bar - 1));
        std::erase(cell, '`');
        const bool separator = cell.find_first_not_of("-: ") == std::string::npos;
        if (!separator && core::asciiLower(cell) != "id") {
            ids.insert(cell);
        }
    }
    if (ids.empty()) {
        throw core::LoadError(sourcesMarkdownPath, "", -1, "holds no source table");
    }
    return ids;
}

std::vector<std::string> splitSourceIds(const std::string& value)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t semi = value.find(';', start);
        out.push_back(trim(value.substr(start, semi == std::string::npos ? std::string::npos : semi - start)));
        if (semi == std::string::npos) {
            return out;
        }
        start = semi + 1;
    }
}

} // namespace corridor::geo

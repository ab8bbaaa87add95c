#include "core/hit_test.hpp"

#include "core/map_document.hpp"
#include "core/style.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <unordered_map>

namespace corridor::core {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Entry = std::pair<BBox, std::uint32_t>; // box of a run, index into Impl::runs

bool finite(Vec2d p) { return std::isfinite(p.x) && std::isfinite(p.y); }

double segmentDistance2(Vec2d p, Vec2d a, Vec2d b)
{
    const Vec2d ab = b - a, ap = p - a;
    const double len2 = ab.x * ab.x + ab.y * ab.y;
    double t = len2 > 0.0 ? (ap.x * ab.x + ap.y * ab.y) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const Vec2d d = ap - ab * t;
    return d.x * d.x + d.y * d.y;
}

} // namespace

struct HitIndex::Impl {
    // A run of edges of one part: edges first .. first+count-1, edge e joining vertex e and e+1 of the part (for a
    // ring, the last edge of an open ring wraps to its first vertex). Points are runs of one vertex, count 0.
    struct Run {
        std::uint32_t feature;
        std::uint32_t part;
        std::uint32_t first;
        std::uint32_t count;
    };
    std::vector<Vec2d> coords;
    std::vector<Part> parts;
    struct FeatureRef {
        GeometryType type;
        std::uint32_t firstPart, partCount;
        Bounds bounds;
    };
    std::vector<FeatureRef> features;
    std::vector<Run> runs;
    bgi::rtree<Entry, bgi::rstar<16>> tree;
    Bounds bounds;

    // Vertices of part `p` that edges walk (a closed ring's repeated last vertex is not an extra edge).
    std::uint32_t edgeCount(const Part& part) const
    {
        if (part.role == PartRole::Point) {
            return 0;
        }
        if (part.count < 2) {
            return 0;
        }
        if (part.role == PartRole::Line) {
            return part.count - 1;
        }
        const bool closed = coords[part.first] == coords[part.first + part.count - 1];
        return closed ? part.count - 1 : part.count;
    }
    Vec2d vertex(const Part& part, std::uint32_t i) const { return coords[part.first + (i % part.count)]; }
};

HitIndex::HitIndex(const Layer& projected) : m_impl(std::make_unique<Impl>())
{
    Impl& m = *m_impl;
    m.coords = projected.coords;
    m.parts = projected.parts;
    m.features.reserve(projected.features.size());
    std::vector<Entry> entries;
    for (std::uint32_t fi = 0; fi < projected.features.size(); ++fi) {
        const Feature& f = projected.features[fi];
        Impl::FeatureRef ref{f.type, f.firstPart, f.partCount, {}};
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            const Part& part = m.parts[p];
            if (part.role == PartRole::Point) {
                for (std::uint32_t i = 0; i < part.count; ++i) {
                    const Vec2d v = m.coords[part.first + i];
                    if (!finite(v)) {
                        continue;
                    }
                    ref.bounds.add(v);
                    entries.push_back({BBox(BPoint(v.x, v.y), BPoint(v.x, v.y)),
                                       static_cast<std::uint32_t>(m.runs.size())});
                    m.runs.push_back({fi, p, i, 0});
                }
                continue;
            }
            const std::uint32_t edges = m.edgeCount(part);
            for (std::uint32_t e0 = 0; e0 < edges; e0 += kRunEdges) {
                const std::uint32_t n = std::min(kRunEdges, edges - e0);
                Bounds b;
                for (std::uint32_t i = e0; i <= e0 + n; ++i) {
                    const Vec2d v = m.vertex(part, i);
                    if (finite(v)) {
                        b.add(v);
                    }
                }
                if (b.empty()) {
                    continue;
                }
                ref.bounds.add(b);
                entries.push_back({BBox(BPoint(b.minX, b.minY), BPoint(b.maxX, b.maxY)),
                                   static_cast<std::uint32_t>(m.runs.size())});
                m.runs.push_back({fi, p, e0, n});
            }
        }
        m.bounds.add(ref.bounds);
        m.features.push_back(ref);
    }
    // The range constructor bulk-loads (packing), much faster than inserting one by one and a better tree.
    m.tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

HitIndex::~HitIndex() = default;

std::size_t HitIndex::featureCount() const { return m_impl->features.size(); }

std::size_t HitIndex::byteSize() const
{
    const Impl& m = *m_impl;
    return m.coords.size() * sizeof(Vec2d) + m.parts.size() * sizeof(Part) +
           m.features.size() * sizeof(Impl::FeatureRef) + m.runs.size() * (sizeof(Impl::Run) + sizeof(Entry) * 2);
}

Bounds HitIndex::featureBounds(std::uint32_t feature) const
{
    return feature < m_impl->features.size() ? m_impl->features[feature].bounds : Bounds{};
}

bool segmentMeets(Vec2d a, Vec2d b, const Bounds& box)
{
    double t0 = 0.0, t1 = 1.0;
    const double d[2] = {b.x - a.x, b.y - a.y};
    const double lo[2] = {box.minX - a.x, box.minY - a.y};
    const double hi[2] = {box.maxX - a.x, box.maxY - a.y};
    for (int k = 0; k < 2; ++k) {
        if (d[k] == 0.0) {
            if (lo[k] > 0.0 || hi[k] < 0.0) {
                return false;
            }
            continue;
        }
        double tl = lo[k] / d[k], th = hi[k] / d[k];
        if (tl > th) {
            std::swap(tl, th);
        }
        t0 = std::max(t0, tl);
        t1 = std::min(t1, th);
        if (t0 > t1) {
            return false;
        }
    }
    return true;
}

bool featureMeets(const Layer& layer, const Feature& f, const Bounds& box)
{
    const Vec2d centre = box.center();
    const auto parts = static_cast<std::uint32_t>(layer.parts.size());
    const std::uint32_t end = std::min(f.firstPart + f.partCount, parts);
    bool inside = false; // even–odd over all rings, as the hit test counts holes
    for (std::uint32_t p = f.firstPart; p < end; ++p) {
        const Part& part = layer.parts[p];
        if (part.count == 0 || part.first + std::size_t{part.count} > layer.coords.size()) {
            continue;
        }
        const std::span<const Vec2d> v(layer.coords.data() + part.first, part.count);
        Bounds pb;
        bool allFinite = true;
        for (const Vec2d& x : v) {
            allFinite = allFinite && finite(x);
            pb.add(x);
        }
        if (!allFinite || !pb.intersects(box)) {
            continue; // and a ring whose bounds miss the box misses its centre: even crossings, no change
        }
        if (box.contains({pb.minX, pb.minY}) && box.contains({pb.maxX, pb.maxY})) {
            return true; // wholly in the box
        }
        const bool ring = part.role == PartRole::OuterRing || part.role == PartRole::InnerRing;
        const std::uint32_t edges = ring ? part.count : part.count - 1; // a ring's closing edge (or a zero one)
        for (std::uint32_t i = 0; i < edges; ++i) {
            const Vec2d a = v[i], b = v[(i + 1) % part.count];
            if (segmentMeets(a, b, box)) {
                return true;
            }
            if (ring && (a.y > centre.y) != (b.y > centre.y) &&
                centre.x < a.x + (centre.y - a.y) * (b.x - a.x) / (b.y - a.y)) {
                inside = !inside;
            }
        }
    }
    return inside;
}

std::vector<std::uint32_t> HitIndex::featuresIn(const Bounds& box) const
{
    const Impl& m = *m_impl;
    std::vector<std::uint32_t> out;
    if (box.empty() || m.runs.empty()) {
        return out;
    }
    std::vector<char> in(m.features.size(), 0);
    std::vector<Entry> found;
    m.tree.query(bgi::intersects(BBox(BPoint(box.minX, box.minY), BPoint(box.maxX, box.maxY))),
                 std::back_inserter(found));
    for (const Entry& e : found) {
        const Impl::Run& run = m.runs[e.second];
        if (in[run.feature] != 0) {
            continue;
        }
        const BBox& b = e.first;
        const bool inside = b.min_corner().get<0>() >= box.minX && b.max_corner().get<0>() <= box.maxX &&
                            b.min_corner().get<1>() >= box.minY && b.max_corner().get<1>() <= box.maxY;
        bool meets = inside || run.count == 0; // a point's box is the point
        const Part& part = m.parts[run.part];
        for (std::uint32_t i = run.first; !meets && i < run.first + run.count; ++i) {
            const Vec2d a = m.vertex(part, i), c = m.vertex(part, i + 1);
            meets = finite(a) && finite(c) && segmentMeets(a, c, box);
        }
        in[run.feature] = meets ? 1 : 0;
    }
    for (const Candidate& c : query(box.center(), 0.0)) {
        if (c.inside) {
            in[c.feature] = 1;
        }
    }
    for (std::uint32_t f = 0; f < in.size(); ++f) {
        if (in[f] != 0) {
            out.push_back(f);
        }
    }
    return out;
}

Layer HitIndex::featureGeometry(std::uint32_t feature) const
{
    const Impl& m = *m_impl;
    Layer out;
    if (feature >= m.features.size()) {
        return out;
    }
    const Impl::FeatureRef& ref = m.features[feature];
    Feature f;
    f.type = ref.type;
    f.firstPart = 0;
    for (std::uint32_t p = ref.firstPart; p < ref.firstPart + ref.partCount; ++p) {
        const Part& part = m.parts[p];
        if (part.count == 0) {
            continue; // nothing to draw, and no element to point at
        }
        appendPart(out, part.role, &m.coords[part.first], part.count);
        ++f.partCount;
    }
    out.features.push_back(std::move(f));
    return out;
}

std::vector<HitIndex::Candidate> HitIndex::query(Vec2d p, double radius) const
{
    const Impl& m = *m_impl;
    std::vector<Candidate> out;
    if (!finite(p) || m.runs.empty()) {
        return out;
    }
    std::unordered_map<std::uint32_t, std::size_t> byFeature; // feature → index in out
    const auto candidate = [&](std::uint32_t feature) -> Candidate& {
        const auto [it, added] = byFeature.try_emplace(feature, out.size());
        if (added) {
            out.push_back({feature, m.features[feature].type, std::numeric_limits<double>::infinity(), false});
        }
        return out[it->second];
    };
    const double r2 = radius * radius;
    std::vector<Entry> found;
    // Near: points and edges within the radius.
    m.tree.query(bgi::intersects(BBox(BPoint(p.x - radius, p.y - radius), BPoint(p.x + radius, p.y + radius))),
                 std::back_inserter(found));
    for (const Entry& e : found) {
        const Impl::Run& run = m.runs[e.second];
        const Part& part = m.parts[run.part];
        double best = std::numeric_limits<double>::infinity();
        if (run.count == 0) {
            const Vec2d v = m.coords[part.first + run.first];
            best = (v.x - p.x) * (v.x - p.x) + (v.y - p.y) * (v.y - p.y);
        } else {
            for (std::uint32_t i = run.first; i < run.first + run.count; ++i) {
                const Vec2d a = m.vertex(part, i), b = m.vertex(part, i + 1);
                if (finite(a) && finite(b)) {
                    best = std::min(best, segmentDistance2(p, a, b));
                }
            }
        }
        if (best <= r2) {
            Candidate& c = candidate(run.feature);
            c.distance = std::min(c.distance, std::sqrt(best));
        }
    }
    // Inside: a ray from p towards +x crosses each polygon's rings an odd number of times when p is in its area.
    // Only the runs the ray meets are looked at, so a polygon of 10^7 vertices costs a few tree nodes, not a scan.
    found.clear();
    if (p.x <= m.bounds.maxX) {
        m.tree.query(bgi::intersects(BBox(BPoint(p.x, p.y), BPoint(m.bounds.maxX, p.y))), std::back_inserter(found));
    }
    std::unordered_map<std::uint32_t, std::uint32_t> crossings;
    for (const Entry& e : found) {
        const Impl::Run& run = m.runs[e.second];
        const Part& part = m.parts[run.part];
        if (run.count == 0 || (part.role != PartRole::OuterRing && part.role != PartRole::InnerRing)) {
            continue;
        }
        std::uint32_t n = 0;
        for (std::uint32_t i = run.first; i < run.first + run.count; ++i) {
            const Vec2d a = m.vertex(part, i), b = m.vertex(part, i + 1);
            if (!finite(a) || !finite(b)) {
                continue;
            }
            // Half-open in y, so a ray through a vertex counts it once.
            if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)) {
                ++n;
            }
        }
        if (n != 0) {
            crossings[run.feature] += n;
        }
    }
    for (const auto& [feature, n] : crossings) {
        if (n % 2 == 1) {
            candidate(feature).inside = true;
        }
    }
    return out;
}

std::vector<Hit> hitTest(const MapDocument& document, const Camera& camera, Vec2d screen, double tolerancePx)
{
    std::vector<Hit> hits;
    const Vec2d world = camera.screenToWorld(screen);
    const double upp = camera.unitsPerPixel;
    const auto zoom = static_cast<float>(zoomLevel(upp));
    // The query reaches far enough for the widest marker or line a style is likely to draw; each candidate is then
    // held to its own resolved size.
    constexpr double kMaxReachPx = 40.0;
    struct Ranked {
        Hit hit;
        int kind;        // 0 marker, 1 line, 2 area
        double size;     // areas: bounds area, so the smaller of two nested areas comes first
    };
    std::vector<Ranked> layerHits;
    for (std::size_t li = document.layers.size(); li-- > 0;) {
        const MapLayer& layer = document.layers[li];
        if (!layer.visible || layer.opacity <= 0.0f || !layer.hits) {
            continue;
        }
        layerHits.clear();
        for (const HitIndex::Candidate& c : layer.hits->query(world, (tolerancePx + kMaxReachPx) * upp)) {
            if (c.feature >= layer.data.features.size()) {
                continue;
            }
            const Symbolizer s =
                resolveSymbolizer(layer.style, layer.data, layer.data.features[c.feature], {document.asOf});
            if (!s.visible || zoom < s.minZoom || zoom > s.maxZoom) {
                continue;
            }
            const double px = c.distance / upp;
            const double lineReach = std::max(s.strokeWidth, s.casingWidth) * 0.5 + tolerancePx;
            Ranked r{{li, c.feature, px}, 0, 0.0};
            if (c.type == GeometryType::Point) {
                if (s.markerSize <= 0.0f || px > s.markerSize * 0.5 + tolerancePx) {
                    continue;
                }
                r.kind = 0;
            } else if (c.type == GeometryType::Line) {
                if (px > lineReach) {
                    continue;
                }
                r.kind = 1;
            } else if (c.type == GeometryType::Polygon) {
                const bool onOutline = std::isfinite(px) && px <= lineReach;
                if (!c.inside && !onOutline) {
                    continue;
                }
                r.kind = 2;
                r.hit.distancePx = c.inside ? 0.0 : px;
                const Bounds b = layer.hits->featureBounds(c.feature);
                r.size = b.width() * b.height();
            } else {
                continue;
            }
            layerHits.push_back(r);
        }
        std::sort(layerHits.begin(), layerHits.end(), [](const Ranked& a, const Ranked& b) {
            if (a.kind != b.kind) {
                return a.kind < b.kind;
            }
            if (a.kind == 2 && a.size != b.size) {
                return a.size < b.size;
            }
            if (a.hit.distancePx != b.hit.distancePx) {
                return a.hit.distancePx < b.hit.distancePx;
            }
            return a.hit.feature < b.hit.feature;
        });
        for (const Ranked& r : layerHits) {
            hits.push_back(r.hit);
        }
    }
    return hits;
}

std::optional<Hit> HitCycle::next(Vec2d screen, const std::vector<Hit>& hits, double samePx)
{
    if (hits.empty()) {
        m_hits.clear();
        return std::nullopt;
    }
    const Vec2d d = screen - m_at;
    const bool samePlace = !m_hits.empty() && d.x * d.x + d.y * d.y <= samePx * samePx && hits == m_hits;
    m_index = samePlace ? (m_index + 1) % hits.size() : 0;
    m_at = screen;
    m_hits = hits;
    return hits[m_index];
}

} // namespace corridor::core

#include "core/mesh.hpp"

#include "core/tessellate.hpp"

#include <cmath>

namespace corridor::core {

namespace {

bool finitePart(const Layer& layer, const Part& part)
{
    for (std::uint32_t i = part.first; i < part.first + part.count; ++i) {
        if (!std::isfinite(layer.coords[i].x) || !std::isfinite(layer.coords[i].y)) {
            return false;
        }
    }
    return true;
}


// Chunks collect world-space geometry first; origins are fixed once a chunk is complete.
struct PendingLine {
    std::vector<Vec2d> a, b;
    std::vector<double> distance;
    Bounds bounds;
};

class BatchBuilder {
public:
    BatchBuilder(const Layer& layer, const MeshOptions& options)
        : m_layer(layer)
        , m_options(options)
    {
    }

    void addLine(const Part& part, bool closeRing)
    {
        const Vec2d* p = &m_layer.coords[part.first];
        const std::uint32_t n = part.count;
        if (m_lines.empty() || m_lines.back().a.size() + n > m_options.maxSegmentsPerChunk) {
            m_lines.emplace_back();
        }
        PendingLine& chunk = m_lines.back();
        double along = 0.0;
        auto segment = [&](Vec2d a, Vec2d b) {
            if (a == b) {
                return;
            }
            chunk.a.push_back(a);
            chunk.b.push_back(b);
            chunk.distance.push_back(along);
            chunk.bounds.add(a);
            chunk.bounds.add(b);
            along += std::hypot(b.x - a.x, b.y - a.y);
        };
        for (std::uint32_t i = 0; i + 1 < n; ++i) {
            segment(p[i], p[i + 1]);
        }
        if (closeRing && n > 2 && !(p[0] == p[n - 1])) {
            segment(p[n - 1], p[0]);
        }
    }

    void addPolygon(const Feature& f, std::uint32_t& partIndex)
    {
        // One polygon: this outer ring and the inner rings after it.
        std::vector<RingView> rings;
        const Part& outer = m_layer.parts[partIndex];
        rings.push_back({&m_layer.coords[outer.first], outer.count});
        addLine(outer, true);
        std::uint32_t next = partIndex + 1;
        while (next < f.firstPart + f.partCount && m_layer.parts[next].role == PartRole::InnerRing) {
            const Part& hole = m_layer.parts[next];
            if (finitePart(m_layer, hole)) {
                rings.push_back({&m_layer.coords[hole.first], hole.count});
                addLine(hole, true);
            }
            ++next;
        }
        partIndex = next - 1;

        std::size_t total = 0;
        for (const RingView& r : rings) {
            total += r.count;
        }
        if (m_fills.empty() || m_fills.back().vertices.size() + total > m_options.maxFillVerticesPerChunk) {
            m_fills.emplace_back();
        }
        PendingFill& chunk = m_fills.back();
        const auto base = static_cast<std::uint32_t>(chunk.vertices.size());
        triangulatePolygon(rings, chunk.indices, base);
        for (const RingView& r : rings) {
            for (std::size_t i = 0; i < r.count; ++i) {
                chunk.vertices.push_back(r.points[i]);
                chunk.bounds.add(r.points[i]);
            }
        }
    }

    void addPoint(const Part& part)
    {
        if (m_points.empty() || m_points.back().positions.size() >= m_options.maxSegmentsPerChunk) {
            m_points.emplace_back();
        }
        const Vec2d p = m_layer.coords[part.first];
        m_points.back().positions.push_back(p);
        m_points.back().bounds.add(p);
    }

    void finish(MeshBatch& batch)
    {
        for (PendingFill& pf : m_fills) {
            if (pf.indices.empty()) {
                continue;
            }
            FillChunk& c = batch.fills.emplace_back();
            c.bounds = pf.bounds;
            c.origin = pf.bounds.center();
            c.vertices.reserve(pf.vertices.size() * 2);
            for (const Vec2d& v : pf.vertices) {
                c.vertices.push_back(static_cast<float>(v.x - c.origin.x));
                c.vertices.push_back(static_cast<float>(v.y - c.origin.y));
            }
            c.indices = std::move(pf.indices);
        }
        for (PendingLine& pl : m_lines) {
            if (pl.a.empty()) {
                continue;
            }
            LineChunk& c = batch.lines.emplace_back();
            c.bounds = pl.bounds;
            c.origin = pl.bounds.center();
            c.segments.reserve(pl.a.size());
            for (std::size_t i = 0; i < pl.a.size(); ++i) {
                c.segments.push_back({static_cast<float>(pl.a[i].x - c.origin.x), static_cast<float>(pl.a[i].y - c.origin.y),
                                      static_cast<float>(pl.b[i].x - c.origin.x), static_cast<float>(pl.b[i].y - c.origin.y),
                                      static_cast<float>(pl.distance[i])});
            }
        }
        for (PendingPoints& pp : m_points) {
            PointChunk& c = batch.points.emplace_back();
            c.bounds = pp.bounds;
            c.origin = pp.bounds.center();
            for (const Vec2d& v : pp.positions) {
                c.positions.push_back(static_cast<float>(v.x - c.origin.x));
                c.positions.push_back(static_cast<float>(v.y - c.origin.y));
            }
        }
    }

private:
    struct PendingFill {
        std::vector<Vec2d> vertices;
        std::vector<std::uint32_t> indices;
        Bounds bounds;
    };
    struct PendingPoints {
        std::vector<Vec2d> positions;
        Bounds bounds;
    };

    const Layer& m_layer;
    const MeshOptions& m_options;
    std::vector<PendingFill> m_fills;
    std::vector<PendingLine> m_lines;
    std::vector<PendingPoints> m_points;
};

} // namespace

std::size_t LayerMesh::byteSize() const
{
    std::size_t bytes = 0;
    for (const MeshBatch& b : batches) {
        for (const FillChunk& c : b.fills) {
            bytes += c.vertices.size() * sizeof(float) + c.indices.size() * sizeof(std::uint32_t);
        }
        for (const LineChunk& c : b.lines) {
            bytes += c.segments.size() * sizeof(LineSegment);
        }
        for (const PointChunk& c : b.points) {
            bytes += c.positions.size() * sizeof(float);
        }
    }
    return bytes;
}

LayerMesh buildLayerMesh(const Layer& layer, const LayerStyle& style, const MeshOptions& options)
{
    LayerMesh mesh;
    mesh.inputVertices = layer.coords.size();
    std::vector<Symbolizer> symbolizers;
    std::vector<BatchBuilder> builders;

    for (const Feature& f : layer.features) {
        if (f.partCount == 0) {
            continue;
        }
        const Symbolizer s = resolveSymbolizer(style, layer, f);
        if (!s.visible) {
            continue;
        }
        std::size_t b = 0;
        while (b < symbolizers.size() && !(symbolizers[b] == s)) {
            ++b;
        }
        if (b == symbolizers.size()) {
            symbolizers.push_back(s);
            builders.emplace_back(layer, options);
        }
        BatchBuilder& builder = builders[b];
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            const Part& part = layer.parts[p];
            if (!finitePart(layer, part)) {
                ++mesh.skippedParts;
                continue;
            }
            switch (part.role) {
            case PartRole::Point: builder.addPoint(part); break;
            case PartRole::Line: builder.addLine(part, false); break;
            case PartRole::OuterRing: builder.addPolygon(f, p); break;
            case PartRole::InnerRing: break; // consumed by its outer ring; an orphan hole draws nothing
            }
        }
    }
    for (std::size_t b = 0; b < builders.size(); ++b) {
        MeshBatch& batch = mesh.batches.emplace_back();
        batch.symbolizer = symbolizers[b];
        builders[b].finish(batch);
    }
    for (const MeshBatch& batch : mesh.batches) {
        for (const auto& c : batch.fills) mesh.bounds.add(c.bounds);
        for (const auto& c : batch.lines) mesh.bounds.add(c.bounds);
        for (const auto& c : batch.points) mesh.bounds.add(c.bounds);
    }
    return mesh;
}

} // namespace corridor::core

#pragma once
// Polygon layers made in code for the mesh tests: each polygon an outer ring then its holes, and the fill-only
// style that exercises the fill path alone.

#include "core/geometry.hpp"
#include "core/mesh.hpp"
#include "core/style.hpp"

#include <cmath>
#include <vector>

namespace corridor::test {

using Ring = std::vector<core::Vec2d>;
using Polygon = std::vector<Ring>; // the outer ring, then its holes

// One feature per polygon, ids 0, 1, …; the layer's bounds cover every ring.
inline core::Layer polygonLayer(const std::vector<Polygon>& polygons)
{
    using namespace corridor::core;
    Layer layer;
    for (const Polygon& polygon : polygons) {
        Feature f;
        f.id = static_cast<std::int64_t>(layer.features.size());
        f.type = GeometryType::Polygon;
        f.firstPart = appendPart(layer, PartRole::OuterRing, polygon[0].data(), polygon[0].size());
        for (std::size_t k = 1; k < polygon.size(); ++k) {
            appendPart(layer, PartRole::InnerRing, polygon[k].data(), polygon[k].size());
        }
        f.partCount = static_cast<std::uint32_t>(polygon.size());
        layer.features.push_back(f);
    }
    for (const Vec2d& p : layer.coords) {
        layer.bounds.add(p);
    }
    return layer;
}

// Fill only, no outline: the fill path (triangulation and the crossing-ring check at every level) without the
// outlines' distance fields.
inline core::LayerStyle fillOnly()
{
    core::LayerStyle style;
    style.base.fill = core::Color{0.2f, 0.5f, 0.8f, 1.0f};
    style.base.strokeWidth = 0.0f;
    return style;
}

// The area a level's fill triangles cover, overlaps counted as often as they overlap (in double: the vertices are
// float offsets from each chunk's origin).
inline double fillCover(const core::MeshLevel& level)
{
    double cover = 0.0;
    for (const core::FillChunk& c : level.fills) {
        for (std::size_t t = 0; t + 2 < c.indices.size(); t += 3) {
            const float* a = &c.vertices[2 * c.indices[t]];
            const float* b = &c.vertices[2 * c.indices[t + 1]];
            const float* d = &c.vertices[2 * c.indices[t + 2]];
            cover += std::abs(double(b[0] - a[0]) * (d[1] - a[1]) - double(d[0] - a[0]) * (b[1] - a[1])) * 0.5;
        }
    }
    return cover;
}

} // namespace corridor::test

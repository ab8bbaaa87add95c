#pragma once
// CPU-side draw data for one layer, built once on the loader thread from projected geometry and a style, then
// uploaded to the GPU as static buffers. Vertex positions are floats relative to a per-chunk origin (the chunk's
// bounds centre), so no absolute projected metre ever passes through float.

#include "core/geometry.hpp"
#include "core/style.hpp"

#include <cstdint>
#include <vector>

namespace corridor::core {

// One line segment as the GPU draws it: an instanced quad widened in the vertex shader.
struct LineSegment {
    float x0, y0, x1, y1; // relative to the chunk origin
    float distance;       // length along its line before x0,y0, in world units (dash phase)
};
static_assert(sizeof(LineSegment) == 20);

struct LineChunk {
    Vec2d origin;
    Bounds bounds;
    std::vector<LineSegment> segments;
};

struct FillChunk {
    Vec2d origin;
    Bounds bounds;
    std::vector<float> vertices;          // x, y pairs relative to origin
    std::vector<std::uint32_t> indices;   // triangles
};

struct PointChunk {
    Vec2d origin;
    Bounds bounds;
    std::vector<float> positions;         // x, y pairs relative to origin
};

// Everything drawn with one symbolizer.
struct MeshBatch {
    Symbolizer symbolizer;
    std::vector<FillChunk> fills;
    std::vector<LineChunk> lines;         // polygon outlines and line features
    std::vector<PointChunk> points;
};

struct LayerMesh {
    Bounds bounds;
    std::vector<MeshBatch> batches;       // drawn in order
    std::size_t inputVertices = 0;
    std::size_t skippedParts = 0;         // parts with NaN coordinates (e.g. outside the projection's domain)

    std::size_t byteSize() const;         // CPU bytes held by the vertex/index arrays
};

struct MeshOptions {
    std::size_t maxSegmentsPerChunk = 1u << 16;   // chunk size bounds both culling granularity and float range
    std::size_t maxFillVerticesPerChunk = 1u << 16;
};

// `layer` must already be in the view CRS. Features are grouped into batches by their resolved symbolizer.
LayerMesh buildLayerMesh(const Layer& layer, const LayerStyle& style, const MeshOptions& options = {});

} // namespace corridor::core

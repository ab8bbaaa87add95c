#pragma once
// Draws layer meshes with the GL 3.3 core pipelines in shaders/. The same renderer serves the window and the
// headless export; it draws into whatever framebuffer is bound. Needs a current GL context on this thread.

#include "core/camera.hpp"
#include "core/mesh.hpp"
#include "render/gl.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace corridor::render {

struct LayerView {
    std::size_t slot = 0;
    bool visible = true;
    float opacity = 1.0f;
};

struct FrameStats {
    std::size_t chunksDrawn = 0;
    std::size_t chunksCulled = 0;
    std::size_t segmentsDrawn = 0;
    std::size_t trianglesDrawn = 0;
    std::size_t pointsDrawn = 0;
};

class MapRenderer {
public:
    MapRenderer(); // compiles the programs; throws GlError
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Uploads a mesh into static GPU buffers and returns its slot. The CPU mesh may be dropped afterwards.
    std::size_t addLayer(const core::LayerMesh& mesh);
    void replaceLayer(std::size_t slot, const core::LayerMesh& mesh);
    std::size_t layerCount() const { return m_layers.size(); }
    std::size_t gpuBytes() const;

    // Clears to `background` and draws the listed layers bottom-up into the bound framebuffer of the camera's size.
    void render(const core::Camera& camera, std::span<const LayerView> order, core::Color background);
    const FrameStats& lastFrame() const { return m_stats; }

private:
    struct GpuChunk {
        core::Vec2d origin;
        core::Bounds bounds;
        VertexArray vao;   // fills only; lines and points draw from `texture` with m_emptyVao bound
        Buffer vertices;
        Buffer indices;
        Texture texture;   // buffer texture over `vertices` (lines, points)
        GLsizei count = 0; // vertices (lines), points, or indices (fills)
    };
    struct GpuLevel {
        double tolerance = 0.0;
        std::vector<GpuChunk> fills, lines, fringe;
    };
    struct GpuBatch {
        core::Symbolizer symbolizer;
        std::vector<GpuLevel> levels;
        std::vector<GpuChunk> points;
        const GpuLevel* pick(double unitsPerPixel) const;
    };
    struct GpuLayer {
        std::vector<GpuBatch> batches;
        std::size_t bytes = 0;
    };

    GpuLayer upload(const core::LayerMesh& mesh);
    void drawFills(const core::Camera& camera, const GpuBatch& batch, float opacity);
    enum class LinePass { Casing, Stroke, Fringe };
    void drawLines(const core::Camera& camera, const GpuBatch& batch, float opacity, LinePass pass);
    void drawPoints(const core::Camera& camera, const GpuBatch& batch, float opacity);
    bool visible(const core::Camera& camera, const core::Bounds& bounds, double marginPx);

    VertexArray m_emptyVao; // core profile draws need a VAO even when every input comes from a buffer texture
    Program m_fill;
    Program m_line;
    Program m_point;
    std::vector<GpuLayer> m_layers;
    FrameStats m_stats;
};

} // namespace corridor::render

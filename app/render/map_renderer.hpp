#pragma once
// Draws layer meshes with the GL 3.3 core pipelines in shaders/. The same renderer serves the window and the
// headless export; it draws into whatever framebuffer is bound. Needs a current GL context on this thread.

#include "core/camera.hpp"
#include "core/mesh.hpp"
#include "render/gl.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace corridor::render {

struct LayerView {
    std::size_t slot = 0;
    bool visible = true;
    float opacity = 1.0f;
};

// A rectangle of the bound framebuffer, in pixels from its bottom-left corner (as glViewport takes them).
struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

// A tile of a large image: the pixels x..x+width, y..y+height counted from the image's top-left corner.
struct ImageTile {
    int x = 0, y = 0, width = 0, height = 0;
};
// The camera that draws `tile` of the image `whole` draws: same scale, the tile's size, centred on the tile.
core::Camera tileCamera(const core::Camera& whole, const ImageTile& tile);

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
    // Frees a slot's buffers; every later slot moves down by one. A frame in progress must be begun anew.
    void removeLayer(std::size_t slot);
    std::size_t layerCount() const { return m_layers.size(); }
    std::size_t gpuBytes() const;

    // Clears to `background` and draws the listed layers bottom-up into the bound framebuffer of the camera's size.
    void render(const core::Camera& camera, std::span<const LayerView> order, core::Color background);
    // The same in slices, so a large frame can be spread over several displayed ones: beginFrame clears and plans
    // the frame, each continueFrame draws chunks in order until about `budget` work units (segments, triangles,
    // markers) are spent, always at least one chunk, and says whether the frame is complete. The same framebuffer
    // must be bound for every slice; layers must not be added or replaced between them.
    // `coarseness` > 1 draws levels of detail that many times coarser (still the full level where no coarser one
    // exists): for images of a moving view, which are replaced by a full-detail one when the view rests.
    void beginFrame(const core::Camera& camera, std::span<const LayerView> order, core::Color background,
                    double coarseness = 1.0);
    bool continueFrame(std::size_t budget);
    // Draws the listed layers over what the framebuffer already holds (no clear) into `viewport`, which has the
    // camera's size in pixels; nothing is drawn outside it. For what sits on the map: the furniture (legend
    // swatches, scale bar, panels) and the inset locator map. A frame being drawn in slices is left as it was.
    void overlay(const core::Camera& camera, std::span<const LayerView> order, const PixelRect& viewport);
    // Where the bound framebuffer's bottom-left pixel lies in the whole image being drawn (a tile of a large export,
    // GL's y up): screen-fixed patterns (the hatching) continue across tiles. (0, 0) for a whole image.
    void setImageOrigin(float x, float y) { m_imageOrigin[0] = x; m_imageOrigin[1] = y; }
    // Multiplies every symbol size (line, casing and fringe widths, dashes, markers and their outlines, hatching) by
    // `scale` (core::kMinPixelScale..kMaxPixelScale; else std::invalid_argument, and the scale stays): an image of
    // 2W × 2H pixels drawn at 2 shows what W × H pixels at 1 show, only sharper. Style zoom windows are judged at
    // core::styleZoom (the camera's unitsPerPixel × scale: the 4K image shows its 1080p view's features); levels of
    // detail at the camera's own unitsPerPixel (the real pixels, half as large, need the finer level). Applies from
    // the next beginFrame, render or overlay.
    void setPixelScale(float scale);
    float pixelScale() const { return m_pixelScale; }
    std::uint64_t frameId() const { return m_frameId; } // changes with every beginFrame (and render)
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
        double texel = 0;  // fields: world units per texel
        bool pixelExact = false; // fields: core::DistanceField::pixelExact
        // Outlines of areas that share borders: which cells of a kCells × kCells grid over `bounds` their segments
        // reach (bit x of row y), so their coverage is composited only where there is some.
        std::vector<std::uint32_t> cells;
    };
    static constexpr int kCells = 32;
    struct GpuLevel {
        double tolerance = 0.0;
        std::vector<GpuChunk> fills, lines, fringe;
        std::vector<GpuChunk> fields; // texture: the distance field; bounds: its rectangle; origin: its centre
    };
    struct GpuBatch {
        core::Symbolizer symbolizer;
        std::vector<GpuLevel> levels;
        std::vector<GpuChunk> points;
        // The level to draw at `unitsPerPixel` (the camera's, times the frame's coarseness): the coarsest that fits,
        // unless its distance fields reach the batch's lines (`widthPx` wide at scale 1) at scale 1 but not at
        // `pixelScale`: then the nearest finer level whose fields reach them, or that has none. The camera's
        // `texelUnitsPerPixel` converts field texels to pixels.
        const GpuLevel* pick(double unitsPerPixel, double texelUnitsPerPixel, double widthPx, double pixelScale) const;
    };
    struct GpuLayer {
        std::vector<GpuBatch> batches;
        std::size_t bytes = 0;
        bool sharedOutlines = false; // core::LayerMesh::sharedOutlines: its outlines go through m_coverage
    };

    GpuLayer upload(const core::LayerMesh& mesh);
    enum class Pass : std::uint8_t { Fill, Fringe, FieldCasing, Casing, FieldStroke, Stroke, Points };
    // Sets up the program and uniforms of one pass over a batch; the chunks it draws, nullptr if none.
    const std::vector<GpuChunk>* prepare(const core::Camera& camera, const GpuBatch& batch, Pass pass, float opacity);
    // Draws one chunk unless it is culled; the work it took.
    std::size_t drawChunk(const core::Camera& camera, const GpuBatch& batch, Pass pass, const GpuChunk& chunk);
    void setFrameState(const core::Camera& camera);
    // Fills m_frame's steps for `order` at the camera's zoom.
    void planFrame(const core::Camera& camera, std::span<const LayerView> order);
    bool visible(const core::Camera& camera, const core::Bounds& bounds, double marginPx);

    struct Step {
        std::size_t slot, batch;
        Pass pass;
        float opacity;
    };
    struct Frame {
        core::Camera camera;
        std::vector<Step> steps;
        std::size_t step = 0, chunk = 0; // where continueFrame goes on
        double coarseness = 1.0;
        std::optional<PixelRect> viewport; // overlay(): a part of the framebuffer; else all of it
        std::size_t coverage = 0;          // which of m_coverage it strokes the outlines of areas into
        bool coverageOpen = false;         // a run of outline steps is being stroked into it
    };

    // The outlines (and casings) of areas are drawn as coverage into an image of their own with max blending, then
    // composited once in their colour (shaders/coverage.frag): a border two areas share is stroked by both, and
    // composited twice its anti-aliased edges would be darker than one line. A run of consecutive outline steps of
    // one colour (a layer's batches: the border of an INSTC member and its neighbour lies in two) shares one image
    // and one composite. One image per kind of frame, since an overlay may be drawn between two slices of a frame.
    struct Coverage {
        Framebuffer fbo;
        Texture texture;
        int width = 0, height = 0;
        PixelRect region;       // the marked tiles' bounding box, in the viewport's pixels (GL's y up)
        std::vector<std::uint8_t> tiles; // which kTile-pixel squares of the viewport the run's lines reach
        int tileColumns = 0;
        GLint target = 0;       // the framebuffer the frame draws into
        core::Color color;      // the run's colour, times the layer's opacity
    };
    static constexpr int kTile = 32;
    static bool isField(Pass pass) { return pass == Pass::FieldCasing || pass == Pass::FieldStroke; }
    // A level's chunks a stroke or casing pass draws: its distance fields or its line chunks.
    static const std::vector<GpuChunk>& strokes(const GpuLevel& level, Pass pass);
    // The level of a batch drawn at the camera (see GpuBatch::pick).
    const GpuLevel* levelFor(const core::Camera& camera, const GpuBatch& batch) const;
    // The colour (times the layer's opacity) a step strokes the outlines of areas in, if it does.
    std::optional<core::Color> outlineColor(const core::Camera& camera, const Step& step) const;
    // Binds the coverage image for outline step m_frame.step, first opening the run it starts (sized, and cleared over
    // the region the visible chunks of the run's steps reach); false if none of them is in view.
    bool beginCoverage(const core::Camera& camera);
    // Back to the frame's framebuffer; once the run's last step is done, its coverage composited there.
    void endCoverage(const core::Camera& camera, bool stepDone);

    // Line quads: corners 4k..4k+3 of segment k as two triangles, shared by every chunk, so the vertex shader runs
    // four times per segment rather than six (the post-transform cache reuses the shared corners).
    void reserveQuadIndices(std::size_t segments);

    VertexArray m_emptyVao; // core profile draws need a VAO even when every input comes from a buffer texture
    VertexArray m_quadVao;  // no attributes either; holds m_quadIndices as its element buffer
    Buffer m_quadIndices;
    std::size_t m_quadSegments = 0;
    Program m_fill;
    Program m_line;
    Program m_field;
    Program m_point;
    Program m_coverageProgram;
    VertexArray m_coverageVao; // attribute 0: the corners of the tiles to composite, pixels of the viewport
    Buffer m_coverageRects;
    Coverage m_coverage[2]; // [0] frames, [1] overlays
    std::vector<GpuLayer> m_layers;
    Frame m_frame;
    std::uint64_t m_frameId = 0;
    float m_imageOrigin[2] = {0.0f, 0.0f};
    FrameStats m_stats;
    float m_pixelScale = 1.0f;
};

} // namespace corridor::render

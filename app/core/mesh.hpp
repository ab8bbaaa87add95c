#pragma once
// CPU-side draw data for one layer, built once on the loader thread from projected geometry and a style, then
// uploaded to the GPU as static buffers. Vertex positions are floats relative to a per-chunk origin (the chunk's
// bounds centre), so no absolute projected metre ever passes through float.

#include "core/geometry.hpp"
#include "core/style.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace corridor::core {

// One vertex of a line chunk's vertex stream, one RGBA32F texel on the GPU. A segment is drawn between each two
// consecutive kDraw vertices. A kNeighbour vertex is not drawn to, but tells the segment next to it where its line
// comes from or goes on to, so the join there is drawn although the rest of the line is in another chunk (or the
// line is a ring that closes there). A kBreak ends a line: no segment or join reaches across it.
struct LineVertex {
    // Kinds, as floats so the vertex is one texel
    static constexpr float kDraw = 0.0f;
    static constexpr float kNeighbour = 1.0f;
    static constexpr float kBreak = 2.0f;
    float x, y;     // relative to the chunk origin
    float distance; // length along its line up to here, world units (dash phase); 0 for neighbours and breaks
    float kind;
};
static_assert(sizeof(LineVertex) == 16);

struct LineChunk {
    Vec2d origin;
    Bounds bounds;
    std::vector<LineVertex> vertices;

    std::size_t segmentCount() const; // the segments it draws
};

// A dense line chunk drawn as one image: per texel, the distance to its nearest segment (see core/density.hpp).
struct DistanceField {
    Bounds bounds;                 // world rectangle the texels cover (texel (0, 0) at minX, minY)
    double texel = 0;              // world units per texel
    int width = 0, height = 0;
    std::vector<std::uint8_t> distance; // rows bottom to top
    // The texels are the pixels of the one image the mesh is for (MeshOptions::imagePixelOrigin): each holds the
    // distance from its pixel's centre, drawn unfiltered there, as exact as a segment's own coverage.
    bool pixelExact = false;
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

// One level of detail of a batch: the geometry simplified so that nothing moves by more than `tolerance` world
// units, cut into spatial chunks (each with its own bounds for culling and its own origin for precision).
struct MeshLevel {
    double tolerance = 0.0;               // 0 = the data as read
    std::vector<FillChunk> fills;
    std::vector<LineChunk> lines;         // polygon outlines and line features
    std::vector<DistanceField> fields;    // line chunks too dense to draw segment by segment, as distance fields
    std::vector<LineChunk> fringe;        // outlines of fills that have no stroke: drawn 1 px in the fill colour
                                          // so their edges are anti-aliased like everything else (no MSAA)
    std::size_t vertexCount = 0;          // input vertices this level keeps
};

// Everything drawn with one symbolizer.
struct MeshBatch {
    Symbolizer symbolizer;
    std::vector<MeshLevel> levels;        // [0] full detail, then ever coarser
    std::vector<PointChunk> points;       // markers have no levels
};

// Whether a level simplified to `tolerance` may be drawn at `unitsPerPixel`: its error stays under half a pixel.
inline bool levelFits(double tolerance, double unitsPerPixel) { return tolerance <= 0.5 * unitsPerPixel; }
// The level to draw at `unitsPerPixel`: the coarsest one that fits.
std::size_t pickLevel(const MeshBatch& batch, double unitsPerPixel);

// What a labelled feature offers the label placer, in the view CRS.
struct LabelSource {
    enum class Kind : std::uint8_t { Point, Line, Area };
    Kind kind = Kind::Point;
    std::uint32_t feature = 0;            // index into the layer's features
    std::string text;                     // the `label` field's value (English)
    std::string textFa;                   // the `label-fa` field's value (Persian); empty when the feature has none
    Vec2d anchor;                         // the point, or the area's centroid
    std::vector<Vec2d> path;              // lines: the longest part; areas: the largest outer ring, simplified;
                                          // points drawn without a marker (a sea's name at several points): the
                                          // further places the name may sit, in order of preference
    double areaSize = 0.0;                // areas: the larger side of the bounds, world units
    float priority = 0, size = 13, minZoom = kNoMinZoom, maxZoom = kNoMaxZoom, markerRadius = 0;
    float lineHalfWidth = 0;              // lines: half the drawn width (stroke or casing), pixels
    bool leader = false;                  // points: may move away from a crowded spot, joined by a leader line
    Color color, halo;
};

// A drawn marker, which labels must not cover, whether or not it has a label of its own.
struct MarkerSpot {
    Vec2d at;                             // view CRS
    float radius = 0, minZoom = kNoMinZoom, maxZoom = kNoMaxZoom;
};

struct LayerMesh {
    Bounds bounds;
    std::vector<MeshBatch> batches;       // drawn in order
    std::vector<LabelSource> labels;
    std::vector<MarkerSpot> markers;
    std::size_t inputVertices = 0;
    std::size_t skippedParts = 0;         // parts with NaN coordinates (e.g. outside the projection's domain)
    std::vector<FeatureIssue> issues;     // features drawn simplified (a fill too tangled to draw whole)
    bool sharedOutlines = false;          // two of its stroked rings share a vertex: areas with a common border,
                                          // whose outlines the renderer draws so the border is one line

    std::size_t byteSize() const;         // CPU bytes held by the vertex/index arrays
};

struct MeshOptions {
    std::size_t maxSegmentsPerChunk = 1u << 16;   // chunk size (line vertices, fill vertices, points) bounds
                                                  // culling granularity and float range
    std::size_t targetSegmentsPerChunk = 8192;    // what the spatial grid aims for
    std::size_t maxLevels = 10;
    double levelShrink = 0.75;  // a coarser level is only kept when it has at most this share of the previous one's vertices
    double fieldDensity = 0.4;  // segments per texel near the lines from which a chunk is drawn as a distance field;
                                // 0 turns fields off
    // > 0: build only what views of at least twice this many world units per pixel need (a viewer's first frame,
    // a one-shot export): the finest level built is the coarsest of the pyramid's within this tolerance (the one
    // a full build would draw there), then the coarser ones; the full-detail level and the levels between are not
    // built. 0: every level, full detail first.
    double startTolerance = 0.0;
    // > 0: the mesh is drawn at this many world units per pixel only (one image, an export), its lines
    // `imagePixelScale` times their style's widths: distance fields then hold distances only as far as those widths
    // need at that scale (core::fieldReachFor), which draws the same pixels for less work, and geo::buildMesh
    // reprojects big layers to within 1/32 of that pixel. The scale may be given a little large, never small.
    // 0: any scale (a viewer).
    double imageUnitsPerPixel = 0.0;
    double imagePixelScale = 1.0;
    // Finite: imageUnitsPerPixel is the image's exact scale and this a world point where four of its pixels meet
    // (its lower-left corner). Distance fields then take the image's pixels as their texels (DistanceField::
    // pixelExact): one distance per pixel, from its centre, within only the reach the widths need, where a field
    // of its own grid needs a texel's filtering more (core/density.hpp). NaN: the image's pixel grid is not known.
    Vec2d imagePixelOrigin{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    // Not empty: all that one image can show (its view and a margin, in world units). Features with no point in it
    // are left out of the levels (a world layer in a view of one region tessellates that region's features only);
    // the levels' tolerances and the mesh's bounds stay those of all the features, so the level built is the one
    // the whole layer's pyramid draws there. Empty: every feature.
    Bounds reach;
    // Not empty: what one image shows of the world (its view, and an inset's area), in world units. The fill
    // triangles and line segments of a level that lie wholly outside it, grown by what their symbol may reach past
    // them (a line's half width at the miter limit, the anti-aliased pixel; imageUnitsPerPixel gives the pixel), are
    // left out: they would cost the GPU their set-up and draw no pixel. A segment next to one left out keeps it as
    // its neighbour, so its join is drawn as before. Empty: everything is kept (a viewer, which moves).
    Bounds shown;
    // What the style's pseudo-fields say (core::StyleContext): the date the map is drawn as of, for "@as-of"
    // rules. Part of the mesh cache's key; give it only to layers whose style asks (core::usesAsOf), so the others'
    // meshes do not change with the date.
    StyleContext context;
    // Threads a big layer's simplification, tessellation and fields are spread over: 0 = the machine's cores. The
    // mesh is the same whatever the count (work is cut and joined in a fixed order).
    std::size_t threads = 0;
};

// `layer` must already be in the view CRS. Features are grouped into batches by their resolved symbolizer.
LayerMesh buildLayerMesh(const Layer& layer, const LayerStyle& style, const MeshOptions& options = {});
// The same for a layer the caller is done with (a projected copy): its coordinates are freed once the mesh has
// taken them in, before the levels are made, so the build never holds them twice (10^7 vertices are 160 MB).
LayerMesh buildLayerMesh(Layer&& layer, const LayerStyle& style, const MeshOptions& options = {});

} // namespace corridor::core

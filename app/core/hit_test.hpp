#pragma once
// Identify: which features are under a screen point. Each layer gets a HitIndex when its mesh is built: its
// geometry in the view CRS (the copy the mesh was built from) and a Boost.Geometry R-tree over runs of up to
// kRunEdges edges (and over single points), so a query touches a few tree nodes and a few dozen segments, not the
// layer. hitTest walks the document's layers from the top down and keeps only what is drawn at this view: the
// layer switched on, the feature's resolved style visible and inside its zoom window.
//
// Units: the index and queries are in view-CRS units; tolerances are screen pixels. Immutable once built, so one
// index may be shared by the viewer's thread and a rebuild's worker.

#include "core/camera.hpp"
#include "core/geometry.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace corridor::core {

struct MapDocument;
struct LayerStyle;

class HitIndex {
public:
    static constexpr std::uint32_t kRunEdges = 32;

    // `projected` is the layer in the view CRS (parts and features as in the lon/lat layer). Points or parts whose
    // coordinates PROJ could not project (NaN) are left out.
    explicit HitIndex(const Layer& projected);
    ~HitIndex();
    HitIndex(const HitIndex&) = delete;
    HitIndex& operator=(const HitIndex&) = delete;

    // A feature near `p`, before any style is applied: for points and lines the distance (world units) from `p` to
    // the nearest drawn point or segment within `radius`; for polygons also whether `p` is inside (even–odd over all
    // its rings, so holes are outside).
    struct Candidate {
        std::uint32_t feature = 0;
        GeometryType type = GeometryType::None;
        double distance = 0.0; // to the nearest point, line or ring edge; +inf when only containment holds
        bool inside = false;   // polygons: p lies in the area (not in a hole)
    };
    std::vector<Candidate> query(Vec2d p, double radius) const;

    // The feature's geometry in the view CRS (for the highlight pass) as a one-feature layer, no attributes.
    Layer featureGeometry(std::uint32_t feature) const;
    // The feature's view-CRS bounds (empty when nothing of it could be projected).
    Bounds featureBounds(std::uint32_t feature) const;
    // The features with something drawn in `box` (view CRS): a point or an edge in it, or, for polygons, the box's
    // centre in the area (so an area covering the whole box counts). Ascending, each once. For the map legend
    // (core/legend): a long line whose bounds span the view but that passes beside it is not in it.
    std::vector<std::uint32_t> featuresIn(const Bounds& box) const;
    std::size_t featureCount() const;
    std::size_t byteSize() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Whether the segment a–b has a point in `box` (edges included); Liang–Barsky clipping.
bool segmentMeets(Vec2d a, Vec2d b, const Bounds& box);

// Whether feature `f` of `layer` is in `box` as HitIndex::featuresIn counts it: a point or an edge in the box, or an
// area around the box's centre (even–odd over its rings, so holes are not). A pass over its vertices, for a layer
// without an index; a part with a point that is not finite (one PROJ could not project: not drawn) meets nothing.
bool featureMeets(const Layer& layer, const Feature& f, const Bounds& box);

// A feature found under the pointer, in the order it should be offered: topmost first.
struct Hit {
    std::size_t layer = 0;       // index into MapDocument::layers
    std::uint32_t feature = 0;   // index into that layer's features
    double distancePx = 0.0;     // 0 inside an area

    friend bool operator==(const Hit& a, const Hit& b) { return a.layer == b.layer && a.feature == b.feature; }
};

// Default reach around the pointer, screen pixels.
inline constexpr double kHitTolerancePx = 4.0;

// Every drawn feature under `screen` (pixels, y down) at this camera: a marker within its radius plus
// `tolerancePx`, a line or area outline within half its drawn width plus `tolerancePx`, an area containing the
// point (holes excluded). Layers are taken from the top of the draw order down, skipping layers switched off or
// at zero opacity, features whose style hides them (visible = false, zoom windows); within a layer markers come
// before lines before areas, then the nearest, then the smaller area. Layers without a hit index are skipped.
std::vector<Hit> hitTest(const MapDocument& document, const Camera& camera, Vec2d screen,
                         double tolerancePx = kHitTolerancePx);

// Click cycling: a second click on the same spot offers the next of the overlapping features. Plain state kept by
// the viewer across clicks.
class HitCycle {
public:
    // The hit to select for a click at `screen` with these hits: the first, or, when the click lands within
    // `samePx` of the previous one and finds the same features, the one after the previous choice (wrapping).
    std::optional<Hit> next(Vec2d screen, const std::vector<Hit>& hits, double samePx = 3.0);
    void reset() { m_hits.clear(); }

private:
    Vec2d m_at;
    std::vector<Hit> m_hits;
    std::size_t m_index = 0;
};

} // namespace corridor::core

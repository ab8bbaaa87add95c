#pragma once
// The content of the map's legend as plain data (issue 13): which classes of feature are drawn in the current
// view, under which name and with which look. The viewer and the export draw it; nothing here touches GL.
//
// A feature's name comes from the style (core::legendName: the sheet's `legend` on a rule or a layer, or the
// layer's `legend-field` attribute); its look is its resolved core::Symbolizer, on the document's date (asOf) for
// rules that ask "@as-of". A feature counts when it is drawn
// in the view exactly as the renderer and the hit test decide: its layer switched on and not transparent, its
// resolved style visible and the view's zoom (core::zoomLevel of Camera::unitsPerPixel, as a float) inside its
// zoom window, and its geometry meeting Camera::visibleWorld() (HitIndex::featuresIn: an edge or a point in the
// view, or an area around it; not merely its bounds, which a long route or a multipolygon of scattered lakes
// spreads over views it never enters).
//
// Thread: pure functions over a document nobody writes meanwhile.

#include "core/camera.hpp"
#include "core/map_document.hpp"
#include "core/style.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace corridor::core {

// How an entry's swatch is drawn: a stroke, an area (fill, hatch, outline), a marker.
enum class LegendKind : std::uint8_t { Line, Fill, Point };
const char* legendKindName(LegendKind kind); // "line", "fill", "point"

struct LegendEntry {
    std::string name;
    LegendKind kind = LegendKind::Line;
    Symbolizer symbolizer;    // the resolved look of `feature`, which stands for every feature of the entry
    std::size_t layer = 0;    // index into MapDocument::layers
    std::uint32_t feature = 0;
};

struct Legend {
    // Top layer first (document order reversed); within a layer, the classes in sheet order: first the features no
    // rule shapes, then by the rule that names them (or, unnamed by a rule, the last rule that sets their look),
    // then the plainer class (fewer rules setting its look) first, then by their first feature. One entry per
    // distinct (name, kind, look): the same name with the same look in two layers is listed once, at the upper one.
    //
    // The same name with different looks (two features named "Sea leg" by a data field but drawn differently) is
    // listed once per look, told apart by the condition values of the look-setting rules that some of that name's
    // entries in the layer match and others not: "Sea leg" and "Sea leg (route r08)". Entries still alike (looks
    // that differ only by the features' own simplestyle attributes, or names shared across layers) get "(2)",
    // "(3)"… in order.
    std::vector<LegendEntry> entries;
    // Looks past kMaxLegendLooksPerLayer in one layer (a layer coloured feature by feature), not listed.
    std::size_t unlistedLooks = 0;
};

inline constexpr std::size_t kMaxLegendLooksPerLayer = 32;

// The legend of what is drawn at `camera`. Which features are in view is decided with the layer's identify index
// (MapLayer::hits, view CRS: one R-tree query for the view). A layer without one (the first frames of the viewer,
// a one-shot export, which builds none) is judged by its features' lon/lat geometry against `lonLatView` when
// given (the box the image was framed on; what the image shows beyond it, filling its aspect ratio, is not
// counted), else as a whole by its mesh bounds: every feature of a layer whose extent meets the view counts, so
// the legend may list more than is seen.
// Only names and looks are collected: a 10^5-feature layer costs an R-tree query, then per feature its rules'
// conditions (field positions looked up once) and a hash lookup; each distinct set of matching rules is resolved
// to a look once.
Legend buildLegend(const MapDocument& document, const Camera& camera,
                   const std::optional<GeoBox>& lonLatView = std::nullopt);

// The legend name of one feature: the last matching rule that sets `legend`; else nothing when the layer's
// `legend` is ""; else the feature's legend field (LayerStyle::legendField, by default `legend` when the layer
// has that field) when not empty; else the layer's `legend`; else the layer's name. "" keeps it out of the legend.
std::string legendName(const LayerStyle& style, const Layer& layer, const Feature& feature,
                       const StyleContext& context = {});

// Whether two looks draw the same swatch of `kind`: only what that kind draws is compared (a line's stroke, dash,
// casing, join and cap; an area's fill, hatch and outline; a marker's shape, size and colours), not labels or
// zoom windows.
bool sameLegendLook(LegendKind kind, const Symbolizer& a, const Symbolizer& b);
// Whether the look draws anything at all for `kind` (a marker of size 0, a transparent fill without outline draw
// nothing: sea names that are labels only).
bool drawsSomething(LegendKind kind, const Symbolizer& s);

// One feature drawn in the view (see the header comment), as buildLegend, visibleSources and pointOfViewNote
// see it.
struct DrawnFeature {
    std::size_t layer = 0;          // index into MapDocument::layers
    std::uint32_t feature = 0;
    const Symbolizer* symbolizer = nullptr; // its resolved look; valid during the call only
    // Features of one layer with the same `styleClass` match the same rules (and have no simplestyle attributes
    // of their own): their look and their rule-given legend name are the same.
    std::uint32_t styleClass = 0;
};
// Calls `visit` for every feature drawn at `camera`, layers top first, features in layer order. `lonLatView` as
// for buildLegend.
void forEachDrawnFeature(const MapDocument& document, const Camera& camera, const std::optional<GeoBox>& lonLatView,
                         const std::function<void(const DrawnFeature&)>& visit);

} // namespace corridor::core

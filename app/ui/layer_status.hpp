#pragma once
// Whether the map draws a layer and, when it does not, why: worked out from the document alone (no ImGui, no GL),
// for the layer panel. A layer has two kinds of visibility that must not be confused:
// - MapLayer::visible, the user's switch: the renderer skips the layer while it is off, and switching it back on
//   shows it again at once;
// - the style's `visible` key (Symbolizer::visible), resolved per feature when the mesh is built
//   (core::buildLayerMesh): a feature it hides is left out of the mesh, so no switch can show it until the sheet
//   changes and the mesh is rebuilt (the viewer reloads the sheet when it is saved).
// A layer-level `visible = false` in the sheet (geodata/style.toml hides basemap_seas so) therefore leaves
// MapLayer::visible true while nothing is drawn.

#include "core/map_document.hpp"

#include <cstdint>
#include <string>

namespace corridor::ui {

// What the layer's style does to its features' `visible` key. Exact from the style alone: the layer-level key
// and the rules decide (simplestyle attributes never set `visible`).
enum class StyleVisibility : std::uint8_t {
    Shown,      // no feature is hidden by the style
    SomeHidden, // rules hide some features (visible = false), or the layer is hidden and rules show only some
    AllHidden,  // layer-level visible = false and no rule sets visible = true: the mesh has nothing to draw
};

struct LayerStatus {
    StyleVisibility style = StyleVisibility::Shown;
    bool inZoomWindow = true; // the zoom is inside the layer-level min-zoom..max-zoom (style.base)
    bool drawn = false;       // switched on, opacity > 0, in its zoom window, and not AllHidden
};

// `zoom` is the view's web-map zoom level, core::zoomLevel(camera.unitsPerPixel), compared as the renderer does.
// Cheap and allocation-free: fit for every frame.
LayerStatus layerStatus(const core::MapLayer& layer, float zoom);

// The layer-level zoom window (style.base) as the Layers panel words it: "from zoom 5", "up to zoom 8",
// "zooms 5–8"; "" when the style sets neither end (core::kNoMinZoom, core::kNoMaxZoom), so a layer drawn at every
// zoom says nothing.
std::string zoomWindowText(const core::LayerStyle& style);

} // namespace corridor::ui

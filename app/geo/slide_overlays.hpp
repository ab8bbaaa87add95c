#pragma once
// What a briefing slide draws over the map: copies of its highlighted features in the highlight style, then its
// annotations (callouts, arrows, circles) as one generated layer. Plain layers in lon/lat with styles of their own,
// so the ordinary pipeline projects, meshes, labels and draws them in the window, in present mode and in every
// exported slide alike. Pure CPU work: safe on any thread while nobody writes the document.

#include "core/deck.hpp"
#include "core/map_document.hpp"

#include <string>
#include <vector>

namespace corridor::geo {

// Layer names of the generated layers (core::Layer::name). A deck's `layers` list never hides them.
inline constexpr const char* kSlideHighlightLayerName = "slide highlight";
inline constexpr const char* kSlideAnnotationLayerName = "slide annotations";

// The colour of annotations that set none: a red-orange no layer of the bundled map uses.
inline constexpr const char* kAnnotationColour = "#e4572e";

struct SlideOverlays {
    std::vector<core::MapLayer> layers;  // bottom first: one per highlighted feature, then the annotations (if any)
    std::vector<std::string> problems;   // a highlight naming no layer or feature: "slide 3: highlight …: …"
};

// `slideNumber` (from 1) names the slide in problems. `view`: the slide's extent in lon/lat, which sizes what the
// deck leaves to be placed automatically (an arrow without a tail, a callout without a text position).
SlideOverlays slideOverlays(const core::MapDocument& document, const core::Slide& slide, std::size_t slideNumber,
                            const core::GeoBox& view);

// Whether a document layer was made by slideOverlays.
bool isSlideOverlay(const core::MapLayer& layer);

// The annotations alone as a lon/lat layer (kSlideAnnotationLayerName), in the style slideOverlays gives it:
// - callout: a dot at `at`, its text beside it (or at `from`, joined to the dot by a leader line);
// - arrow: a line from `from` to `at` with a filled head at `at`, its text (if any) at the tail;
// - circle: the geodesic circle of `radiusKm` around `at`, lightly filled, its text (if any) above it.
core::MapLayer annotationLayer(const std::vector<core::DeckAnnotation>& annotations, const core::GeoBox& view);

} // namespace corridor::geo

#pragma once
// The look of a selected feature: drawn again on top of the map in a highlight colour with a halo, by the same
// renderer as the map (render::MapScene::setHighlight), so the window and the viewer's Export PNG both show it.

#include "core/camera.hpp"
#include "core/hit_test.hpp"
#include "core/mesh.hpp"
#include "core/style.hpp"

namespace corridor::core {

// The highlight colour: a saturated amber that no layer of the bundled style uses, readable on land and water.
inline constexpr Color kHighlightColor{1.0f, 0.78f, 0.0f, 1.0f};

// The style that draws a feature of `type` highlighted, given how the map draws it (`drawn`): lines keep their
// colour over a wide amber halo; areas get a light amber wash and an amber outline with a dark core; markers an
// amber ring larger than the marker, whose centre stays see-through.
LayerStyle highlightStyle(GeometryType type, const Symbolizer& drawn);

// The mesh of feature `feature` of the index's layer (view CRS) in the highlight style; empty when the index does
// not have it.
LayerMesh buildHighlightMesh(const HitIndex& index, std::uint32_t feature, const Symbolizer& drawn);

} // namespace corridor::core

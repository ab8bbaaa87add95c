#pragma once
// Dense line chunks as distance fields. Where a coarse level of detail still packs about a segment or more into
// every other texel-sized cell (random walks, GPS tracks, a national rail network seen whole), drawing each segment
// as a quad costs far more than the picture is worth: on llvmpipe triangle set-up dominates. Such a chunk is
// replaced at that level by a small image holding, per texel, the distance to the nearest segment; the renderer
// draws it as one quad and turns distance into coverage for the stroke's width, so casing and stroke still come out
// at their own widths, anti-aliased. Distances are kept up to kFieldReach texels, which bounds the widths a field can
// draw (see fieldDrawsWidth).

#include "core/geometry.hpp"
#include "core/mesh.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace corridor::core {

// (DistanceField itself is declared in core/mesh.hpp, which holds them per level.)
inline constexpr int kFieldReach = 4;         // texels of distance a field holds
inline constexpr float kFieldScale = 255.0f / kFieldReach; // stored byte = distance in texels × this, clamped

// A field for `chunk` with texels `texel` world units wide, when the chunk is dense enough to be worth one: at least
// `density` segments per texel over the texels its lines come near. std::nullopt otherwise, or when the field would
// exceed `maxTexels`. Distances are found for every texel within `reach` texels of a segment (1 to kFieldReach, not
// necessarily whole); texels further from every segment may hold the far value, kFieldReach (the field's size and
// texel grid do not depend on `reach`).
std::optional<DistanceField> makeDistanceField(const LineChunk& chunk, double texel, double density,
                                               std::size_t maxTexels = std::size_t{1} << 22,
                                               double reach = kFieldReach);

// The reach a field needs when it is drawn at `unitsPerPixel` world units per pixel only (one image), for lines at
// most `widthPx` wide: the texels whose distance field.frag can turn into ink, and those it filters together with
// them. kFieldReach when `unitsPerPixel` is 0 (a viewer draws the level over a range of scales).
double fieldReachFor(double texel, double unitsPerPixel, double widthPx);

// Whether a field whose texels are `texelPx` screen pixels wide can draw a line `widthPx` wide (its edge and the
// pixel of anti-aliasing beyond it lie within the field's reach).
inline bool fieldDrawsWidth(double widthPx, double texelPx) { return widthPx * 0.5 + 1.0 <= kFieldReach * texelPx; }

} // namespace corridor::core

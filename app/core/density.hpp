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

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace corridor::core {

// (DistanceField itself is declared in core/mesh.hpp, which holds them per level.)
inline constexpr int kFieldReach = 4;         // texels of distance a field holds
inline constexpr float kFieldScale = 255.0f / kFieldReach; // stored byte = distance in texels × this, clamped

// A field drawn on one image's own pixels (DistanceField::pixelExact) holds this many distances across and down each
// pixel, at the centres of its sub-squares: field.frag averages their coverage, the share of the pixel the lines
// cover (one distance from the pixel's centre would miss what a mass of lines covers around it).
inline constexpr int kPixelSamples = 2;

// A field for `chunk` with texels `texel` world units wide, when the chunk is dense enough to be worth one: at least
// `density` segments per texel over the texels its lines come near. std::nullopt otherwise, or when the field would
// exceed `maxTexels`. Distances are found for every texel within `reach` texels of a segment (1 to kFieldReach, not
// necessarily whole); texels further from every segment may hold the far value, kFieldReach (the field's size and
// texel grid do not depend on `reach`). With a `lattice` (a world point where four of an image's pixels meet, each
// kPixelSamples texels wide), the field's corner is snapped to the pixels and it reaches only `reach` texels beyond
// the chunk's lines: a field for that image's pixels (DistanceField::pixelExact, set here).
// `miter`: the lines are miter-joined, `halfWidth` world units either side (0: any join is drawn round, as a
// distance to segments draws it). Each join whose miter stays within the limit adds its tip as a segment along the
// join's bisector, half as long as the miter's point lies past the round join: a full-width segment that long
// covers the tapering tip's area (a field for one image, whose widths are known; tips under half a texel are left
// out).
struct FieldMiter {
    double halfWidth = 0.0; // world units
    double limit = 0.0;     // Symbolizer::miterLimit: half widths from the corner
};
std::optional<DistanceField> makeDistanceField(const LineChunk& chunk, double texel, double density,
                                               std::size_t maxTexels = std::size_t{1} << 22,
                                               double reach = kFieldReach, std::optional<Vec2d> lattice = std::nullopt,
                                               FieldMiter miter = {});

// The reach a field needs when it is drawn at `unitsPerPixel` world units per pixel only (one image), for lines at
// most `widthPx` wide: the texels whose distance field.frag can turn into ink, and those it filters together with
// them. kFieldReach when `unitsPerPixel` is 0 (a viewer draws the level over a range of scales).
double fieldReachFor(double texel, double unitsPerPixel, double widthPx);
// The reach, in texels, of a pixel-exact field for lines `widthPx` wide: field.frag finds ink at a sample within half
// the width and half a sample of a line (the sample's square is box-filtered). Beyond kFieldReach such a field
// cannot draw them.
inline double pixelFieldReach(double widthPx) { return (0.5 * widthPx + 0.5 / kPixelSamples) * kPixelSamples; }

// Whether a field whose texels are `texelPx` screen pixels wide can draw a line `widthPx` wide (its edge and the
// pixel of anti-aliasing beyond it lie within the field's reach).
inline bool fieldDrawsWidth(double widthPx, double texelPx) { return widthPx * 0.5 + 1.0 <= kFieldReach * texelPx; }

} // namespace corridor::core

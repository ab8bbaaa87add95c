#include "core/density.hpp"

#include "core/phase_times.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace corridor::core {

double fieldReachFor(double texel, double unitsPerPixel, double widthPx)
{
    if (!(unitsPerPixel > 0) || !(texel > 0)) {
        return kFieldReach;
    }
    const double texelPx = texel / unitsPerPixel;
    // field.frag draws no ink where the filtered distance, less its 0.33-texel correction, is half the width plus
    // half a pixel or more. Bilinear filtering takes the four texels around a pixel, whose distances to the lines
    // differ by at most their own spacing (√2 texels): if one of them lies beyond this reach, all four lie beyond
    // `ink`, before and after it is set to the far value, so no pixel changes.
    const double ink = (0.5 * widthPx + 0.5) / texelPx + 0.33;
    return std::clamp(ink + std::sqrt(2.0), 1.0, static_cast<double>(kFieldReach));
}

std::optional<DistanceField> makeDistanceField(const LineChunk& chunk, double texel, double density,
                                               std::size_t maxTexels, double reach, std::optional<Vec2d> lattice,
                                               FieldMiter miter)
{
    const PhaseScope timing(Phase::Fields); // one chunk: on emitLines' worker threads, as its cell is cut
    if (!(texel > 0) || chunk.vertices.size() < 2) {
        return std::nullopt;
    }
    // World segments of the chunk, relative to its origin.
    struct Seg {
        double ax, ay, bx, by;
    };
    std::vector<Seg> segs;
    segs.reserve(chunk.vertices.size());
    for (std::size_t i = 0; i + 1 < chunk.vertices.size(); ++i) {
        const LineVertex& a = chunk.vertices[i];
        const LineVertex& b = chunk.vertices[i + 1];
        if (a.kind == LineVertex::kDraw && b.kind == LineVertex::kDraw) {
            segs.push_back({a.x, a.y, b.x, b.y});
        }
    }
    if (segs.empty()) {
        return std::nullopt;
    }
    const std::size_t drawnSegments = segs.size(); // the density counts these, not the miters' tips
    if (miter.halfWidth > 0.0) {
        // As line.vert draws a join: a miter where its point lies within `limit` half widths of the corner, else a
        // bevel (which the round join a distance draws covers). A join at a chunk's cut is added by both chunks:
        // the same distances, drawn twice over at most a pixel.
        const std::vector<LineVertex>& v = chunk.vertices;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i].kind != LineVertex::kDraw || v[i - 1].kind == LineVertex::kBreak ||
                v[i + 1].kind == LineVertex::kBreak ||
                (v[i - 1].kind != LineVertex::kDraw && v[i + 1].kind != LineVertex::kDraw)) {
                continue;
            }
            const Vec2d at{v[i].x, v[i].y};
            const Vec2d a = Vec2d{v[i - 1].x, v[i - 1].y} - at, b = Vec2d{v[i + 1].x, v[i + 1].y} - at;
            const double la = distance({}, a), lb = distance({}, b);
            if (!(la > 0.0) || !(lb > 0.0)) {
                continue;
            }
            const Vec2d da = a * (1.0 / la), db = b * (1.0 / lb);
            const double sinHalf = std::sqrt(std::max(0.0, (1.0 - (da.x * db.x + da.y * db.y)) * 0.5));
            const Vec2d out = (da + db) * -1.0;
            const double outLength = distance({}, out);
            if (sinHalf * miter.limit < 1.0 || !(outLength > 1e-9)) {
                continue; // bevelled, or (nearly) straight on: no point beyond the round join
            }
            // The miter's point lies this far past the round join's edge. The tip narrows to that point where a
            // segment's distance keeps the full width: a segment half as long covers as much (the tip's area).
            const double tip = 0.5 * (miter.halfWidth / sinHalf - miter.halfWidth);
            if (tip > 0.5 * texel) { // shorter ones add little ink for their cost (a segment each)
                const Vec2d end = at + out * (tip / outLength);
                segs.push_back({at.x, at.y, end.x, end.y});
            }
        }
    }
    DistanceField f;
    f.texel = texel;
    f.pixelExact = lattice.has_value();
    // Room for every texel within reach of a line, and one more: a field drawn only on its own image's pixels
    // needs no more; the others keep the room of the widest reach, so their grid does not depend on `reach`.
    const double pad = ((lattice ? std::ceil(reach) : kFieldReach) + 1) * texel;
    f.bounds = {chunk.bounds.minX - pad, chunk.bounds.minY - pad, chunk.bounds.maxX + pad, chunk.bounds.maxY + pad};
    // Whole pixels of the image when on its pixels (each kPixelSamples texels wide), else whole texels.
    const int step = lattice ? kPixelSamples : 1;
    if (lattice) {
        const double pixel = texel * step;
        f.bounds.minX = lattice->x + std::floor((f.bounds.minX - lattice->x) / pixel) * pixel;
        f.bounds.minY = lattice->y + std::floor((f.bounds.minY - lattice->y) / pixel) * pixel;
    }
    const double w = std::ceil(f.bounds.width() / (texel * step)) * step;
    const double h = std::ceil(f.bounds.height() / (texel * step)) * step;
    if (!(w * h <= static_cast<double>(maxTexels))) {
        return std::nullopt;
    }
    f.width = static_cast<int>(w);
    f.height = static_cast<int>(h);
    f.bounds.maxX = f.bounds.minX + w * texel;
    f.bounds.maxY = f.bounds.minY + h * texel;
    // Texel centres in chunk-relative texel units: texel (i, j) has its centre at (i + 0.5, j + 0.5).
    const double ox = (f.bounds.minX - chunk.origin.x) / texel, oy = (f.bounds.minY - chunk.origin.y) / texel;
    // Visits each segment's rows of texels within `reach` texels of it: visit(row, y, firstX, lastX, seg) where seg
    // holds the segment relative to the centre of texel (firstX, y), in texels. Per row, only the texels within
    // reach of the part of the segment within reach of the row: a long diagonal segment costs its length times the
    // reach, not its bounding box (a star's spikes, a ring crossing itself from side to side, were quadratic in
    // their length here).
    constexpr int kShortSpan = 8;
    using F4 = float __attribute__((vector_size(16)));
    using I4 = int __attribute__((vector_size(16)));
    static constexpr F4 kLanes = {0.0f, 1.0f, 2.0f, 3.0f};
    struct RowSeg {
        float u, v;     // texel (firstX, y)'s centre minus the segment's start
        float dx, dy;   // the segment's vector
        float invLen2;  // 1 / |d|², 0 for a point
    };
    bool stop = false; // set by a visit when the answer is known
    // visitShort(firstRow, lastRow, firstX, count, seg): a segment whose texels within reach span fewer than
    // kShortSpan columns (most of a dense chunk's: a walk's steps, a coast's vertices a pixel or two apart) visits
    // that box whole, kShortSpan texels a row, without trimming each row to the segment.
    auto sweep = [&](double reach, auto&& visit, auto&& visitShort) {
        const double perTexel = 1.0 / texel;
        for (const Seg& s : segs) {
            if (stop) {
                return;
            }
            // In texel units, relative to the field's corner.
            const double ax = s.ax * perTexel - ox, ay = s.ay * perTexel - oy, bx = s.bx * perTexel - ox,
                         by = s.by * perTexel - oy;
            const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            // Every texel whose centre lies within `reach` (a texel more at most: the floors).
            const int x0 = std::max(0, static_cast<int>(std::floor(std::min(ax, bx) - reach)));
            const int x1 = std::min(f.width - 1, static_cast<int>(std::floor(std::max(ax, bx) + reach)));
            const int y0 = std::max(0, static_cast<int>(std::floor(std::min(ay, by) - reach)));
            const int y1 = std::min(f.height - 1, static_cast<int>(std::floor(std::max(ay, by) + reach)));
            // Distances are small numbers relative to the segment: float keeps them to well under the 1/64 texel a
            // stored byte resolves, and lets the per-texel loop run four or eight texels at a time.
            RowSeg r{0, 0, static_cast<float>(dx), static_cast<float>(dy), len2 > 0 ? static_cast<float>(1.0 / len2) : 0.0f};
            if (x1 - x0 < kShortSpan) {
                if (x0 <= x1) {
                    r.u = static_cast<float>(x0 + 0.5 - ax);
                    r.v = static_cast<float>(y0 + 0.5 - ay);
                    visitShort(y0, y1, x0, x1 - x0 + 1, r);
                }
                continue;
            }
            const double lowY = std::min(ay, by), highY = std::max(ay, by);
            const double slope = dy != 0 ? dx / dy : 0.0; // x per row along the segment
            const auto xAt = [&](double y) { return ax + (y - ay) * slope; };
            for (int y = y0; y <= y1; ++y) {
                const double py = y + 0.5;
                const double ya = std::clamp(py - reach, lowY, highY), yb = std::clamp(py + reach, lowY, highY);
                const double xa = dy != 0 ? xAt(ya) : std::min(ax, bx), xb = dy != 0 ? xAt(yb) : std::max(ax, bx);
                const int rowX0 = std::max(x0, static_cast<int>(std::floor(std::min(xa, xb) - reach)));
                const int rowX1 = std::min(x1, static_cast<int>(std::floor(std::max(xa, xb) + reach)));
                if (rowX0 > rowX1) {
                    continue;
                }
                r.u = static_cast<float>(rowX0 + 0.5 - ax);
                r.v = static_cast<float>(py - ay);
                visit(static_cast<std::size_t>(y) * static_cast<std::size_t>(f.width), rowX0, rowX1, r);
            }
        }
    };
    // Squared distance from the centre of the row's i-th texel to the segment.
    const auto distance2 = [](const RowSeg& r, int i) {
        const float u = r.u + static_cast<float>(i);
        // Selects on values, not std::clamp's references: the per-texel loop below then vectorises.
        float t = (u * r.dx + r.v * r.dy) * r.invLen2;
        t = t < 0.0f ? 0.0f : t;
        t = t > 1.0f ? 1.0f : t;
        const float ex = u - t * r.dx, ey = r.v - t * r.dy;
        return ex * ex + ey * ey;
    };
    // Squared distances while searching; one square root per texel at the end.
    const std::size_t texels = static_cast<std::size_t>(f.width) * static_cast<std::size_t>(f.height);
    // kShortSpan more at the end: the last row's short segments read (and leave as they are) that far past it.
    constexpr float kFar = static_cast<float>(kFieldReach * kFieldReach);
    std::vector<float> best(texels + kShortSpan, kFar);
    // Dense means many segments per texel the lines come within a texel of; sparse chunks stay vector lines. The
    // texels within a texel are counted as the search first finds each (its squared distance drops to 1 or less),
    // so the search stops as soon as the chunk is known to be sparse: `near` only grows.
    std::size_t near = 0;
    reach = std::clamp(reach, 1.0, static_cast<double>(kFieldReach)); // 1: every texel within a texel of a line is
                                                                       // counted below
    sweep(reach, [&](std::size_t row, int first, int last, const RowSeg& r) {
        float* out = best.data() + row + first;
        const int n = last - first + 1;
        int found = 0;
        for (int i = 0; i < n; ++i) {
            const float d2 = distance2(r, i);
            found += (d2 <= 1.0f) & (out[i] > 1.0f);
            out[i] = d2 < out[i] ? d2 : out[i];
        }
        near += static_cast<std::size_t>(found);
        stop = static_cast<double>(drawnSegments) < density * static_cast<double>(near);
    }, [&](int firstRow, int lastRow, int firstX, int count, const RowSeg& r) {
        // Four texels at a time in GCC's vector types (SSE2 on any x86-64), as distance2 does for one: a fixed
        // kShortSpan texels a row (one group of four when the box is that narrow), those past `count` (the next
        // row's, or the slack at the end) taking the far value, which changes nothing.
        const F4 dx = F4{} + r.dx, dy = F4{} + r.dy, inv = F4{} + r.invLen2, far = F4{} + kFar, one = F4{} + 1.0f;
        const int groups = count <= 4 ? 1 : 2;
        I4 found{};
        float v = r.v;
        for (int y = firstRow; y <= lastRow; ++y, v += 1.0f) {
            float* out = best.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(f.width) + firstX;
            const F4 vy = F4{} + v;
            for (int g = 0; g < groups; ++g) {
                const F4 lane = kLanes + static_cast<float>(4 * g);
                const F4 u = r.u + lane;
                F4 t = (u * dx + vy * dy) * inv;
                t = t < 0.0f ? F4{} : t;
                t = t > 1.0f ? one : t;
                const F4 ex = u - t * dx, ey = vy - t * dy;
                F4 d2 = ex * ex + ey * ey;
                d2 = lane < static_cast<float>(count) ? d2 : far;
                F4 o;
                std::memcpy(&o, out + 4 * g, sizeof o);
                found -= (d2 <= 1.0f) & (o > 1.0f); // a true comparison is all ones: -1
                o = d2 < o ? d2 : o;
                std::memcpy(out + 4 * g, &o, sizeof o);
            }
        }
        near += static_cast<std::size_t>(found[0] + found[1] + found[2] + found[3]);
        stop = static_cast<double>(drawnSegments) < density * static_cast<double>(near);
    });
    if (static_cast<double>(drawnSegments) < density * static_cast<double>(near)) {
        return std::nullopt;
    }
    f.distance.resize(texels);
    for (std::size_t k = 0; k < texels; ++k) {
        f.distance[k] = static_cast<std::uint8_t>(std::min(std::sqrt(best[k]) * kFieldScale, 255.0f) + 0.5f);
    }
    return f;
}

} // namespace corridor::core

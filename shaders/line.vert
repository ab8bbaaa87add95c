#version 330 core
// Line segments widened in screen space, so widths are pixels at any zoom. Segment k joins vertices k and k+1 of
// the chunk's vertex stream (a buffer texture of RGBA32F texels: x, y relative to the chunk origin, distance along
// the line, kind); it is drawn as one quad (two triangles over four corners) fetched by gl_VertexID. Vertices k-1 and
// k+2 are its neighbours: they say whether a cap or a join ends it. Each segment draws its own body, the caps of
// a line's ends and the join wedge at its far end; the fragment shader cuts these to shape.
// Drawn without instancing: llvmpipe pays a fixed cost per instance that made 10^5 instanced segments take 100+ ms.

uniform samplerBuffer u_vertices;
uniform int u_vertexCount;

uniform vec2 u_scale;        // clip = p * u_scale + u_offset
uniform vec2 u_offset;
uniform vec2 u_viewport;     // pixels
uniform float u_halfWidth;   // pixels
uniform float u_pixelsPerUnit;
uniform int u_join;          // 0 round, 1 miter, 2 bevel
uniform int u_cap;           // 0 round, 1 butt, 2 square
uniform float u_miterLimit;  // in half widths

out vec2 v_pixel;
flat out vec2 v_s0;
flat out vec2 v_s1;
flat out vec2 v_prevDir;     // direction of the segment before, when v_flags has bit 1
flat out vec2 v_nextDir;     // direction of the next segment, when v_flags has bit 2
flat out int v_flags;        // 1: a segment comes before, 2: one follows; 4, 8: the inner side of the join at the
                             // start, at the end, is split with that segment along the corner's bisector
flat out float v_distance0;

const float kDraw = 0.0;
const float kBreak = 2.0;

vec2 toPixels(vec2 p) { return ((p * u_scale + u_offset) * 0.5 + 0.5) * u_viewport; }

vec2 direction(vec2 d, vec2 fallback)
{
    float l = length(d);
    return l > 1e-6 ? d / l : fallback;
}

// Where two segments overlap on the inside of a turn, each keeps its side of the bisector, so a translucent line
// is not darker at its joins. That split is only clean while the overlap (tan(turn / 2) half widths along each
// segment) stays within both; for sharper turns or shorter segments both draw it, as before. Both segments
// compute this with the same numbers, so they agree.
bool splitsJoin(vec2 d0, float l0, vec2 d1, float l1)
{
    float cosHalf = sqrt(max(0.5 * (1.0 + dot(d0, d1)), 0.0));
    float reach = u_halfWidth * sqrt(max(1.0 - cosHalf * cosHalf, 0.0)) / max(cosHalf, 1e-3);
    return cosHalf > 0.2 && reach + 1.0 < min(l0, l1);
}

void main()
{
    int segment = gl_VertexID / 4; // drawn with indices 4k + (0, 1, 2, 2, 1, 3): corners 0..3 of segment k
    vec4 a = texelFetch(u_vertices, segment);
    vec4 b = texelFetch(u_vertices, segment + 1);
    if (a.w != kDraw || b.w != kDraw) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // no segment here: a degenerate triangle outside the clip volume
        return;
    }
    vec4 before = segment > 0 ? texelFetch(u_vertices, segment - 1) : vec4(0.0, 0.0, 0.0, kBreak);
    vec4 after = segment + 2 < u_vertexCount ? texelFetch(u_vertices, segment + 2) : vec4(0.0, 0.0, 0.0, kBreak);
    vec2 s0 = toPixels(a.xy);
    vec2 s1 = toPixels(b.xy);
    float len = length(s1 - s0);
    vec2 dir = direction(s1 - s0, vec2(1.0, 0.0));
    vec2 nrm = vec2(-dir.y, dir.x);

    int flags = (before.w != kBreak ? 1 : 0) | (after.w != kBreak ? 2 : 0);
    vec2 prevDir = dir;
    vec2 nextDir = dir;
    if ((flags & 1) != 0) {
        vec2 p = toPixels(before.xy);
        prevDir = direction(s0 - p, dir);
        flags |= splitsJoin(prevDir, length(s0 - p), dir, len) ? 4 : 0;
    }
    if ((flags & 2) != 0) {
        vec2 n = toPixels(after.xy);
        nextDir = direction(n - s1, dir);
        flags |= splitsJoin(dir, len, nextDir, length(n - s1)) ? 8 : 0;
    }
    // How far the quad reaches past each end: a cap's half width, or the join wedge. A miter's tip lies on this
    // segment's outer edge, tan(turn / 2) half widths past the end; past the limit it is bevelled.
    float r = u_halfWidth + 1.0;
    float startReach = (flags & 1) != 0 ? 0.0 : (u_cap == 1 ? 1.0 : r);
    float endReach = (flags & 2) == 0 ? (u_cap == 1 ? 1.0 : r) : r;
    if ((flags & 2) != 0 && u_join == 1) {
        float cosTurn = clamp(dot(dir, nextDir), -1.0, 1.0);
        float cosHalf = sqrt(0.5 * (1.0 + cosTurn));
        if (cosHalf * u_miterLimit >= 1.0) {
            endReach = u_halfWidth * sqrt(max(1.0 - cosHalf * cosHalf, 0.0)) / max(cosHalf, 1e-3) + 1.0;
            endReach = max(endReach, r);
        }
    }
    int corner = gl_VertexID % 4;
    vec2 along = (corner < 2) ? s0 - dir * startReach : s1 + dir * endReach;
    vec2 pixel = along + nrm * ((corner % 2 == 0) ? -r : r);

    v_pixel = pixel;
    v_s0 = s0;
    v_s1 = s1;
    v_prevDir = prevDir;
    v_nextDir = nextDir;
    v_flags = flags;
    v_distance0 = a.z * u_pixelsPerUnit;
    gl_Position = vec4(pixel / u_viewport * 2.0 - 1.0, 0.0, 1.0);
}

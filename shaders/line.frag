#version 330 core
// Coverage of one segment's share of a line, for anti-aliasing: its body, a cap where the line ends, the join
// wedge on the outer side of the turn at its far end. Edges between shares are cut hard (each pixel belongs to
// one share) so that joins show no seam; outer edges fade over a pixel. Dashes are measured along the whole line,
// so they run on across vertices.

in vec2 v_pixel;
flat in vec2 v_s0;
flat in vec2 v_s1;
flat in vec2 v_prevDir;
flat in vec2 v_nextDir;
flat in int v_flags;
flat in float v_distance0;

uniform vec4 u_color;
uniform float u_halfWidth;
uniform int u_join;          // 0 round, 1 miter, 2 bevel
uniform int u_cap;           // 0 round, 1 butt, 2 square
uniform float u_miterLimit;
uniform float u_dash[8];     // on, off, on, off… in pixels
uniform int u_dashCount;     // 0 = solid
uniform float u_dashLength;  // sum of u_dash
uniform bool u_coverageOnly; // write the coverage alone (the outlines of areas, see coverage.frag)

out vec4 fragColor;

float dashCoverage(float along)
{
    float pos = mod(along, u_dashLength);
    float start = 0.0;
    for (int i = 0; i < 8; i += 2) {
        if (i >= u_dashCount) break;
        float end = start + u_dash[i];
        // 1 inside [start, end], fading over half a pixel either side
        float c = clamp(min(pos - start, end - pos) + 0.5, 0.0, 1.0);
        if (c > 0.0) return c;
        start = end + u_dash[i + 1];
    }
    return 0.0;
}

// 1 within `limit` of a line, fading to 0 over the pixel around it.
float inside(float distance, float limit) { return clamp(limit + 0.5 - distance, 0.0, 1.0); }

// A line end at `end`, with `outward` pointing away from the line and `past` how far the pixel is beyond it.
float cap(vec2 end, float past)
{
    if (u_cap == 0) return inside(length(v_pixel - end), u_halfWidth);
    return inside(past, u_cap == 1 ? 0.0 : u_halfWidth);
}

void main()
{
    vec2 d = v_s1 - v_s0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    vec2 rel = v_pixel - v_s0;
    float along = dot(rel, dir);
    float side = inside(abs(dot(rel, nrm)), u_halfWidth);
    float coverage;
    if (along < 0.0) {
        if ((v_flags & 1) != 0) discard; // the segment before draws the join here
        coverage = side * cap(v_s0, -along);
    } else if (along <= len) {
        // Inside a turn, the pixels past the bisector belong to the other segment (see splitsJoin).
        if ((v_flags & 4) != 0 && dot(rel, v_prevDir + dir) <= 0.0) discard;
        if ((v_flags & 8) != 0 && dot(v_pixel - v_s1, dir + v_nextDir) > 0.0) discard;
        coverage = side;
    } else if ((v_flags & 2) == 0) {
        coverage = side * cap(v_s1, along - len);
    } else {
        // The join wedge: past this segment's end and before the next one's start (that is the outer side of the
        // turn), within both segments' widths (a miter), cut by the bevel line or the round.
        vec2 q = v_pixel - v_s1;
        if (dot(q, v_nextDir) > 0.0) discard;
        vec2 nextNrm = vec2(-v_nextDir.y, v_nextDir.x);
        float cosHalf = sqrt(max(0.5 * (1.0 + dot(dir, v_nextDir)), 0.0));
        if (u_join == 0 || len < 1e-3) {
            coverage = inside(length(q), u_halfWidth);
        } else {
            coverage = side * inside(abs(dot(q, nextNrm)), u_halfWidth);
            if (u_join == 2 || cosHalf * u_miterLimit < 1.0) {
                vec2 bisector = dir - v_nextDir; // points out of the corner
                float lb = length(bisector);
                if (lb > 1e-6) coverage *= inside(dot(q, bisector / lb), u_halfWidth * cosHalf);
            }
        }
    }
    if (u_dashCount > 0) {
        // Caps and joins take the dash state half a pixel inside the segment, so a dash that starts or ends
        // exactly at a vertex does not leave a half-transparent cap there.
        coverage *= dashCoverage(v_distance0 + clamp(along, min(0.5, 0.5 * len), max(len - 0.5, 0.5 * len)));
    }
    if (coverage <= 0.0) discard;
    fragColor = u_coverageOnly ? vec4(coverage) : vec4(u_color.rgb, u_color.a * coverage);
}

#version 330 core
// Line segments: each segment is drawn as a quad (two triangles, six vertices) around it that is widened in
// screen space, so widths are pixels at any zoom. The quad reaches half a width (plus 1 px for anti-aliasing)
// past both ends; the fragment shader cuts it to a capsule, which gives round caps and round joins.
// Segments are fetched from a buffer texture by gl_VertexID rather than drawn instanced: llvmpipe pays a fixed
// cost per instance that made 10^5 instanced segments take 100+ ms; this draw has one instance.

uniform samplerBuffer u_segments; // 5 floats per segment: x0, y0, x1, y1 (relative to the chunk origin), distance

uniform vec2 u_scale;        // clip = p * u_scale + u_offset
uniform vec2 u_offset;
uniform vec2 u_viewport;     // pixels
uniform float u_halfWidth;   // pixels
uniform float u_pixelsPerUnit;

out vec2 v_pixel;
flat out vec2 v_s0;
flat out vec2 v_s1;
flat out float v_distance0;

vec2 toPixels(vec2 p) { return ((p * u_scale + u_offset) * 0.5 + 0.5) * u_viewport; }

void main()
{
    int segment = gl_VertexID / 6;
    int base = segment * 5;
    vec2 a_p0 = vec2(texelFetch(u_segments, base).r, texelFetch(u_segments, base + 1).r);
    vec2 a_p1 = vec2(texelFetch(u_segments, base + 2).r, texelFetch(u_segments, base + 3).r);
    float a_distance = texelFetch(u_segments, base + 4).r;
    vec2 s0 = toPixels(a_p0);
    vec2 s1 = toPixels(a_p1);
    vec2 d = s1 - s0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float r = u_halfWidth + 1.0;
    const int kCorner[6] = int[6](0, 1, 2, 2, 1, 3); // two triangles over the strip order 0..3
    int corner = kCorner[gl_VertexID % 6];
    vec2 along = (corner < 2) ? s0 - dir * r : s1 + dir * r;
    vec2 pixel = along + nrm * ((corner % 2 == 0) ? -r : r);

    v_pixel = pixel;
    v_s0 = s0;
    v_s1 = s1;
    v_distance0 = a_distance * u_pixelsPerUnit;
    gl_Position = vec4(pixel / u_viewport * 2.0 - 1.0, 0.0, 1.0);
}

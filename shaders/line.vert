#version 330 core
// Instanced line segments: each instance is one segment, drawn as a quad around it that is widened in screen
// space, so widths are pixels at any zoom. The quad reaches half a width (plus 1 px for anti-aliasing) past
// both ends; the fragment shader cuts it to a capsule, which gives round caps and round joins.

layout(location = 0) in vec2 a_p0;        // segment start, world units relative to the chunk origin
layout(location = 1) in vec2 a_p1;        // segment end
layout(location = 2) in float a_distance; // world distance along the line before a_p0

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
    vec2 s0 = toPixels(a_p0);
    vec2 s1 = toPixels(a_p1);
    vec2 d = s1 - s0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    float r = u_halfWidth + 1.0;
    int corner = gl_VertexID;                       // 0..3 as a triangle strip
    vec2 along = (corner < 2) ? s0 - dir * r : s1 + dir * r;
    vec2 pixel = along + nrm * ((corner % 2 == 0) ? -r : r);

    v_pixel = pixel;
    v_s0 = s0;
    v_s1 = s1;
    v_distance0 = a_distance * u_pixelsPerUnit;
    gl_Position = vec4(pixel / u_viewport * 2.0 - 1.0, 0.0, 1.0);
}

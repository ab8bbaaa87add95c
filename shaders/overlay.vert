#version 330 core
// Screen-space strokes over the map (label leaders): one quad per segment, corners placed on the CPU in pixels
// (origin top-left, y down); the fragment shader measures each pixel's distance to the segment.

layout(location = 0) in vec2 a_position;  // this corner, pixels
layout(location = 1) in vec4 a_segment;   // from.xy, to.xy, pixels
layout(location = 2) in float a_halfWidth; // pixels
layout(location = 3) in vec4 a_color;     // straight alpha

uniform vec2 u_viewport; // pixels
uniform vec2 u_origin;   // where this framebuffer's top-left lies in the whole image, pixels (tiled exports)

out vec2 v_pixel;
flat out vec4 v_segment;
flat out float v_halfWidth;
flat out vec4 v_color;

void main()
{
    v_pixel = a_position;
    v_segment = a_segment;
    v_halfWidth = a_halfWidth;
    v_color = a_color;
    vec2 p = a_position - u_origin;
    gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
}

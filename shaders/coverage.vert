#version 330 core
// The rectangles of the viewport where outlines of areas left coverage, composited once (see coverage.frag).

layout(location = 0) in vec2 a_pixel; // a corner, pixels from the viewport's bottom-left corner

uniform vec2 u_size; // the viewport, pixels

void main() { gl_Position = vec4(a_pixel / u_size * 2.0 - 1.0, 0.0, 1.0); }

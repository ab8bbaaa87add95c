#version 330 core
layout(location = 0) in vec2 a_position; // world units relative to the chunk origin

uniform vec2 u_scale;
uniform vec2 u_offset;

void main() { gl_Position = vec4(a_position * u_scale + u_offset, 0.0, 1.0); }

#version 330 core
// Instanced point markers: a screen-aligned quad per point, shaped by a signed distance in the fragment shader.

layout(location = 0) in vec2 a_position; // world units relative to the chunk origin

uniform vec2 u_scale;
uniform vec2 u_offset;
uniform vec2 u_viewport;
uniform float u_size;    // marker diameter in pixels

out vec2 v_local;        // pixels from the marker centre

void main()
{
    float r = u_size * 0.5 + 2.0; // room for the outline and anti-aliasing
    vec2 corner = vec2((gl_VertexID % 2 == 0) ? -r : r, (gl_VertexID < 2) ? -r : r);
    vec2 centre = ((a_position * u_scale + u_offset) * 0.5 + 0.5) * u_viewport;
    v_local = corner;
    gl_Position = vec4((centre + corner) / u_viewport * 2.0 - 1.0, 0.0, 1.0);
}

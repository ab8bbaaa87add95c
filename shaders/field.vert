#version 330 core
// A dense line chunk drawn as one quad over its distance field (see core/density.hpp).

uniform vec2 u_scale;   // clip = p * u_scale + u_offset, p relative to the field's centre
uniform vec2 u_offset;
uniform vec4 u_rect;    // the field's corners relative to its centre: minX, minY, maxX, maxY

out vec2 v_uv;

void main()
{
    const vec2 kCorner[6] = vec2[6](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(0, 1), vec2(1, 0), vec2(1, 1));
    vec2 c = kCorner[gl_VertexID % 6];
    v_uv = c;
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, c) * u_scale + u_offset, 0.0, 1.0);
}

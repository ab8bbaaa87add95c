#version 330 core
// A textured quad: the cached map image placed on screen by the current camera (view_cache).
uniform vec4 u_rect; // clip-space x0, y0, x1, y1 of the image's corners

out vec2 v_uv;

void main()
{
    const vec2 kCorner[6] = vec2[6](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(0, 1), vec2(1, 0), vec2(1, 1));
    vec2 c = kCorner[gl_VertexID];
    v_uv = c;
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, c), 0.0, 1.0);
}

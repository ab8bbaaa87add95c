#version 330 core
// Point markers: a screen-aligned quad (six vertices) per point, shaped by a signed distance in the fragment
// shader. Positions come from a buffer texture by gl_VertexID (see line.vert for why not instancing).

uniform samplerBuffer u_points; // x, y per point, world units relative to the chunk origin

uniform vec2 u_scale;
uniform vec2 u_offset;
uniform vec2 u_viewport;
uniform float u_size;    // marker diameter in pixels
uniform float u_pixelScale; // MapRenderer::setPixelScale (u_size includes it)

out vec2 v_local;        // pixels from the marker centre

void main()
{
    const int kCorner[6] = int[6](0, 1, 2, 2, 1, 3);
    int id = kCorner[gl_VertexID % 6];
    vec2 a_position = texelFetch(u_points, gl_VertexID / 6).rg;
    // Room for the outline (the icons' halo lies outside their shape) and anti-aliasing: the outline scales, the
    // anti-aliasing does not (and the anchor's ring reaches 2 % of the size past it).
    float r = u_size * 0.5 + 2.0 * max(u_pixelScale, 1.0);
    vec2 corner = vec2((id % 2 == 0) ? -r : r, (id < 2) ? -r : r);
    vec2 centre = ((a_position * u_scale + u_offset) * 0.5 + 0.5) * u_viewport;
    v_local = corner;
    gl_Position = vec4((centre + corner) / u_viewport * 2.0 - 1.0, 0.0, 1.0);
}

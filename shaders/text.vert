#version 330 core
// Instanced glyph quads for map labels: one instance per glyph, placed in screen pixels (origin top-left, y down)
// about a rotation centre, textured from the signed-distance-field atlas.

layout(location = 0) in vec2 a_anchor;   // rotation centre, screen pixels
layout(location = 1) in vec2 a_offset;   // quad top-left from the anchor, pixels, before rotation
layout(location = 2) in vec2 a_size;     // quad size, pixels
layout(location = 3) in vec2 a_rotation; // cos, sin: the baseline direction (y down, so positive is clockwise)
layout(location = 4) in vec4 a_texel;    // atlas rect x, y, w, h in texels
layout(location = 5) in vec4 a_color;    // straight alpha
layout(location = 6) in vec4 a_halo;
layout(location = 7) in vec2 a_params;   // halo width in pixels, screen pixels per atlas texel

uniform vec2 u_viewport;  // pixels
uniform vec2 u_origin;    // where this framebuffer's top-left lies in the whole image, pixels (tiled exports)
uniform vec2 u_atlasSize; // texels (the atlas grows, so texel rects are normalised here)
uniform float u_spread;   // atlas texels of padding around each glyph's ink
uniform int u_pass;       // 0 = halo, 1 = fill

out vec2 v_uv;
flat out vec4 v_color;
flat out vec4 v_halo;
flat out vec2 v_params;

void main()
{
    vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1)); // triangle strip 0..3
    // The atlas rect carries the full spread around the ink; this pass needs only its halo (if any) plus a pixel
    // for anti-aliasing, so the quad is inset: far fewer fragments, which is what llvmpipe pays for.
    float pad = (u_pass == 0 ? a_params.x : 0.0) + 1.0;
    float inset = max(u_spread * a_params.y - pad, 0.0); // pixels
    float insetTexels = inset / a_params.y;
    vec2 local = a_offset + inset + corner * (a_size - 2.0 * inset);
    vec2 pixel = a_anchor + vec2(local.x * a_rotation.x - local.y * a_rotation.y,
                                 local.x * a_rotation.y + local.y * a_rotation.x);
    v_uv = (a_texel.xy + insetTexels + corner * (a_texel.zw - 2.0 * insetTexels)) / u_atlasSize;
    v_color = a_color;
    v_halo = a_halo;
    v_params = a_params;
    pixel -= u_origin;
    gl_Position = vec4(pixel.x / u_viewport.x * 2.0 - 1.0, 1.0 - pixel.y / u_viewport.y * 2.0, 0.0, 1.0);
}

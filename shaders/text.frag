#version 330 core
// Signed-distance-field text. The atlas stores 128 + d / spread * 128 with d the distance to the outline in atlas
// texels (inside positive), so the distance in screen pixels is known exactly and the edge is anti-aliased over
// one pixel about the outline. The halo is the same field cut at -haloWidth; it is drawn in
// its own pass, before every fill, so a glyph's halo never covers its neighbour's ink.

in vec2 v_uv;
flat in vec4 v_color;
flat in vec4 v_halo;
flat in vec2 v_params; // halo width (pixels), pixels per atlas texel

uniform sampler2D u_atlas;
uniform float u_spread; // atlas texels of distance at full range
uniform int u_pass;     // 0 = halo, 1 = fill

out vec4 fragColor;

void main()
{
    float texel = (texture(u_atlas, v_uv).r * 255.0 - 128.0) / 128.0 * u_spread;
    float d = texel * v_params.y; // screen pixels, positive inside the glyph
    // Half a pixel either side of the outline. d is already in screen pixels (the quad is the atlas rect scaled by
    // v_params.y and turned, never skewed), so this is a constant. It must not be estimated from dFdx/dFdy of d:
    // those are differences within a 2x2 pixel quad, and on the ridge of a stroke about a pixel wide (the stems of
    // n, r, m at 10-12 px) the two pixels of a quad sit either side of the stroke's middle with equal d, so the
    // differences vanish, the edge became a hard step, and a stem straddling two pixels (d just below 0 at both
    // centres) was not drawn at all.
    const float aa = 0.5;
    vec4 color;
    float coverage;
    if (u_pass == 0) {
        // Where this glyph's own opaque fill will cover the pixel completely, its halo would be overdrawn anyway.
        if (v_params.x <= 0.0 || (v_color.a >= 1.0 && d >= aa)) discard;
        color = v_halo;
        coverage = smoothstep(-aa, aa, d + v_params.x);
    } else {
        color = v_color;
        coverage = smoothstep(-aa, aa, d);
    }
    float alpha = color.a * coverage;
    if (alpha <= 0.0) discard;
    fragColor = vec4(color.rgb, alpha);
}

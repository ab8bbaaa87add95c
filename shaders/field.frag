#version 330 core
// Distance to the nearest line, from the field, to coverage for a line `u_halfWidth` pixels either side.

in vec2 v_uv;

uniform sampler2D u_field;    // R8: distance in texels × u_fieldScale / 255
uniform float u_fieldScale;   // core::kFieldScale
uniform float u_fieldReach;   // core::kFieldReach: texels of distance the field holds
uniform float u_texelPx;      // screen pixels per texel
uniform float u_halfWidth;
uniform vec4 u_color;

uniform bool u_coverageOnly; // write the coverage alone (the outlines of areas, see coverage.frag)

out vec4 fragColor;

void main()
{
    float texels = texture(u_field, v_uv).r * 255.0 / u_fieldScale;
    // Bilinear filtering of the distance's V-shaped valley raises its floor where a line runs between texel centres
    // (by up to half a texel): take a third of a texel off, so lines keep their width on average.
    texels = max(texels - 0.33, 0.0);
    // A line wider than the field reaches (only when no level can draw it, see MapRenderer::GpuBatch::pick) is drawn
    // as wide as it reaches, rather than filling the field's whole rectangle where distances saturate.
    float halfWidth = min(u_halfWidth, (u_fieldReach - 0.33) * u_texelPx - 0.5);
    float coverage = clamp(halfWidth + 0.5 - texels * u_texelPx, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    fragColor = u_coverageOnly ? vec4(coverage) : vec4(u_color.rgb, u_color.a * coverage);
}

#version 330 core
// Distance to the nearest line, from the field, to coverage for a line `u_halfWidth` pixels either side.

in vec2 v_uv;

uniform sampler2D u_field;    // R8: distance in texels × u_fieldScale / 255
uniform float u_fieldScale;   // core::kFieldScale
uniform float u_fieldReach;   // core::kFieldReach: texels of distance the field holds
uniform float u_texelPx;      // screen pixels per texel
uniform float u_halfWidth;
uniform vec4 u_color;
uniform bool u_exact;         // the field was made on this image's pixels, core::kPixelSamples² distances in each

uniform bool u_coverageOnly; // write the coverage alone (the outlines of areas, see coverage.frag)

out vec4 fragColor;

const int kPixelSamples = 2; // core::kPixelSamples

void main()
{
    float coverage;
    if (u_exact) {
        // The share of the pixel the lines cover: the mean of its samples' coverage, each sample a square
        // 1/kPixelSamples of a pixel wide, box-filtered. The pixel's centre lies where its samples' squares meet.
        ivec2 first = ivec2(floor(v_uv * vec2(textureSize(u_field, 0)) - 0.5 * float(kPixelSamples - 1)));
        float halfWidth = min(u_halfWidth, u_fieldReach * u_texelPx - 0.5 * u_texelPx);
        float sum = 0.0;
        for (int j = 0; j < kPixelSamples; ++j) {
            for (int i = 0; i < kPixelSamples; ++i) {
                float px = texelFetch(u_field, first + ivec2(i, j), 0).r * 255.0 / u_fieldScale * u_texelPx;
                sum += clamp((halfWidth - px) / u_texelPx + 0.5, 0.0, 1.0);
            }
        }
        coverage = sum / float(kPixelSamples * kPixelSamples);
    } else {
        float texels = texture(u_field, v_uv).r * 255.0 / u_fieldScale;
        // Bilinear filtering of the distance's V-shaped valley raises its floor where a line runs between texel
        // centres (by up to half a texel): take a third of a texel off, so lines keep their width on average.
        texels = max(texels - 0.33, 0.0);
        // A line wider than the field reaches (only when no level can draw it, see MapRenderer::GpuBatch::pick) is
        // drawn as wide as it reaches, rather than filling the field's whole rectangle where distances saturate.
        float halfWidth = min(u_halfWidth, (u_fieldReach - 0.33) * u_texelPx - 0.5);
        coverage = clamp(halfWidth + 0.5 - texels * u_texelPx, 0.0, 1.0);
    }
    if (coverage <= 0.0) discard;
    fragColor = u_coverageOnly ? vec4(coverage) : vec4(u_color.rgb, u_color.a * coverage);
}

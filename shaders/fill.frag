#version 330 core
// Flat fill, optionally with diagonal hatching fixed to the screen (disputed territory).

uniform vec4 u_color;
uniform int u_hatch;
uniform vec4 u_hatchColor;
uniform float u_hatchSpacing; // pixels between hatch lines
uniform float u_hatchWidth;   // pixels
uniform vec2 u_imageOrigin;   // where this framebuffer's bottom-left pixel lies in the whole image (tiled exports)

out vec4 fragColor;

void main()
{
    vec4 color = u_color;
    if (u_hatch != 0) {
        // distance to the nearest 45° line, measured perpendicular to it
        // in whole-image pixels, so the hatching runs on unbroken across the tiles of a large export
        float s = (gl_FragCoord.x + u_imageOrigin.x + gl_FragCoord.y + u_imageOrigin.y) * 0.70710678;
        float spacing = u_hatchSpacing * 0.70710678 * 1.41421356;
        float d = abs(mod(s, spacing) - spacing * 0.5);
        float c = clamp(u_hatchWidth * 0.5 + 0.5 - d, 0.0, 1.0) * u_hatchColor.a;
        float a = c + color.a * (1.0 - c);
        color = vec4(a > 0.0 ? (u_hatchColor.rgb * c + color.rgb * color.a * (1.0 - c)) / a : color.rgb, a);
    }
    if (color.a <= 0.0) discard;
    fragColor = color;
}

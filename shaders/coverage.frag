#version 330 core
// Paints the outlines of a batch of areas once: their colour at the coverage the line pass left in u_coverage
// (the largest of the strokes over each pixel), so a border two areas share is as dark as one stroke.

uniform sampler2D u_coverage; // R: coverage, one texel per pixel of the viewport
uniform ivec2 u_origin;       // the viewport's bottom-left pixel in the bound framebuffer
uniform vec4 u_color;

out vec4 fragColor;

void main()
{
    float coverage = texelFetch(u_coverage, ivec2(gl_FragCoord.xy) - u_origin, 0).r;
    if (coverage <= 0.0) discard;
    fragColor = vec4(u_color.rgb, u_color.a * coverage);
}

#version 330 core
// Coverage of a capsule (segment plus round ends) for anti-aliasing, and a dash pattern measured along the
// whole line so dashes run on across vertices.

in vec2 v_pixel;
flat in vec2 v_s0;
flat in vec2 v_s1;
flat in float v_distance0;

uniform vec4 u_color;
uniform float u_halfWidth;
uniform float u_dash[8];     // on, off, on, off… in pixels
uniform int u_dashCount;     // 0 = solid
uniform float u_dashLength;  // sum of u_dash

out vec4 fragColor;

float dashCoverage(float along)
{
    float pos = mod(along, u_dashLength);
    float start = 0.0;
    for (int i = 0; i < 8; i += 2) {
        if (i >= u_dashCount) break;
        float end = start + u_dash[i];
        // 1 inside [start, end], fading over half a pixel either side
        float c = clamp(min(pos - start, end - pos) + 0.5, 0.0, 1.0);
        if (c > 0.0) return c;
        start = end + u_dash[i + 1];
    }
    return 0.0;
}

void main()
{
    vec2 d = v_s1 - v_s0;
    float len2 = dot(d, d);
    float t = len2 > 1e-12 ? clamp(dot(v_pixel - v_s0, d) / len2, 0.0, 1.0) : 0.0;
    float dist = length(v_pixel - (v_s0 + d * t));
    float coverage = clamp(u_halfWidth + 0.5 - dist, 0.0, 1.0);
    if (u_dashCount > 0) {
        coverage *= dashCoverage(v_distance0 + t * sqrt(len2));
    }
    if (coverage <= 0.0) discard;
    fragColor = vec4(u_color.rgb, u_color.a * coverage);
}

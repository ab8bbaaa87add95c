#version 330 core
// Coverage of a round-ended stroke from the pixel centre's distance to its segment: one pixel of anti-aliasing.

in vec2 v_pixel;
flat in vec4 v_segment;
flat in float v_halfWidth;
flat in vec4 v_color;

out vec4 o_color;

void main()
{
    vec2 a = v_segment.xy, b = v_segment.zw;
    vec2 ab = b - a;
    float t = dot(ab, ab) > 0.0 ? clamp(dot(v_pixel - a, ab) / dot(ab, ab), 0.0, 1.0) : 0.0;
    float d = length(v_pixel - (a + ab * t));
    float coverage = clamp(v_halfWidth + 0.5 - d, 0.0, 1.0);
    if (coverage <= 0.0) {
        discard;
    }
    o_color = vec4(v_color.rgb, v_color.a * coverage);
}

#version 330 core
in vec2 v_local;

uniform float u_size;
uniform int u_shape;          // 0 circle, 1 square, 2 triangle, 3 diamond, 4 port (anchor), 5 city
uniform vec4 u_fill;
uniform vec4 u_outline;
uniform float u_outlineWidth; // pixels
uniform float u_pixelScale;   // MapRenderer::setPixelScale: u_size and u_outlineWidth include it already

out vec4 fragColor;

float segmentDistance(vec2 p, vec2 a, vec2 b)
{
    vec2 pa = p - a, ba = b - a;
    return length(pa - ba * clamp(dot(pa, ba) / dot(ba, ba), 0.0, 1.0));
}

// An anchor drawn with strokes `t` thick: a ring on top, the shank, the stock across it, and the arms curving
// up from the crown to two flukes.
float anchorDistance(vec2 p, float r)
{
    float t = max(r * 0.14, 0.9 * u_pixelScale);
    float ring = abs(length(p - vec2(0.0, r * 0.68)) - r * 0.2) - t;
    float shank = segmentDistance(p, vec2(0.0, r * 0.48), vec2(0.0, -r * 0.85)) - t;
    float stock = segmentDistance(p, vec2(-r * 0.45, r * 0.3), vec2(r * 0.45, r * 0.3)) - t;
    vec2 c = vec2(0.0, -r * 0.05);
    float R = r * 0.8;
    vec2 q = p - c;
    // the lower half of a circle, ending at its two flukes
    float arms = q.y < 0.0 ? abs(length(q) - R) - t : length(vec2(abs(q.x) - R, q.y)) - t;
    float flukes = segmentDistance(vec2(abs(p.x), p.y), vec2(R, c.y), vec2(R - r * 0.3, c.y + r * 0.08)) - t;
    return min(min(min(ring, shank), min(stock, arms)), flukes);
}

float shapeDistance(vec2 p, float r)
{
    if (u_shape == 4) {
        return anchorDistance(p, r);
    }
    if (u_shape == 5) { // a ring around a dot
        float d = length(p);
        return min(abs(d - r * 0.8) - r * 0.2, d - r * 0.32);
    }
    if (u_shape == 1) {
        vec2 q = abs(p) - vec2(r * 0.85);
        return length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
    }
    if (u_shape == 2) { // equilateral triangle pointing up (screen y is up here)
        const float k = 1.7320508;
        vec2 q = vec2(abs(p.x) - r, p.y + r / k);
        if (q.x + k * q.y > 0.0) q = vec2(q.x - k * q.y, -k * q.x - q.y) / 2.0;
        q.x -= clamp(q.x, -2.0 * r, 0.0);
        return -length(q) * sign(q.y);
    }
    if (u_shape == 3) {
        return (abs(p.x) + abs(p.y) - r * 1.1) * 0.70710678;
    }
    return length(p) - r;
}

void main()
{
    float r = u_size * 0.5;
    float d = shapeDistance(v_local, r);
    // Solid shapes take their outline inside the edge; the line-drawn icons (port, city) take it outside, as a
    // halo, or it would eat their thin strokes.
    float halo = u_shape >= 4 ? u_outlineWidth : 0.0;
    float outer = clamp(0.5 - (d - halo), 0.0, 1.0);
    if (outer <= 0.0) discard;
    float inner = clamp(0.5 - (d + u_outlineWidth - halo), 0.0, 1.0);
    vec4 color = mix(u_outline, u_fill, inner);
    fragColor = vec4(color.rgb, color.a * outer);
}

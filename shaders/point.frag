#version 330 core
in vec2 v_local;

uniform float u_size;
uniform int u_shape;          // 0 circle, 1 square, 2 triangle, 3 diamond
uniform vec4 u_fill;
uniform vec4 u_outline;
uniform float u_outlineWidth; // pixels

out vec4 fragColor;

float shapeDistance(vec2 p, float r)
{
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
    float outer = clamp(0.5 - d, 0.0, 1.0);
    if (outer <= 0.0) discard;
    float inner = clamp(0.5 - (d + u_outlineWidth), 0.0, 1.0);
    vec4 color = mix(u_outline, u_fill, inner);
    fragColor = vec4(color.rgb, color.a * outer);
}

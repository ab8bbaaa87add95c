#version 330 core
// One triangle over the whole viewport (the scissor box limits it): the outlines' coverage image composited once.

void main()
{
    vec2 c = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    gl_Position = vec4(c * 2.0 - 1.0, 0.0, 1.0);
}

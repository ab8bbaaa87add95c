#include "render/overlay_renderer.hpp"

#include <cmath>
#include <cstddef>
#include <cstring>

namespace corridor::render {

OverlayRenderer::OverlayRenderer()
    : m_program(loadProgram("overlay"))
    , m_vao(makeVertexArray())
    , m_buffer(makeBuffer())
{
    glBindVertexArray(m_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m_buffer.id());
    constexpr GLsizei stride = sizeof(Vertex);
    auto attribute = [](GLuint index, GLint count, std::size_t offset) {
        glEnableVertexAttribArray(index);
        glVertexAttribPointer(index, count, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
    };
    attribute(0, 2, offsetof(Vertex, x));
    attribute(1, 4, offsetof(Vertex, ax));
    attribute(2, 1, offsetof(Vertex, halfWidth));
    attribute(3, 4, offsetof(Vertex, r));
    glBindVertexArray(0);
}

void OverlayRenderer::addSegment(core::Vec2d from, core::Vec2d to, float width, core::Color color)
{
    const double dx = to.x - from.x, dy = to.y - from.y;
    const double len = std::hypot(dx, dy);
    // Along and across unit vectors; a zero-length segment is a dot.
    const double ux = len > 0 ? dx / len : 1.0, uy = len > 0 ? dy / len : 0.0;
    // The quad covers the stroke plus a pixel for the anti-aliased edge.
    const double reach = width * 0.5 + 1.0;
    const core::Vec2d along{ux * reach, uy * reach}, across{-uy * reach, ux * reach};
    const core::Vec2d corners[4] = {from - along + across, from - along - across, to + along + across,
                                    to + along - across};
    auto vertex = [&](const core::Vec2d& p) {
        m_vertices.push_back({static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(from.x),
                              static_cast<float>(from.y), static_cast<float>(to.x), static_cast<float>(to.y),
                              width * 0.5f, color.r, color.g, color.b, color.a});
    };
    for (const int i : {0, 1, 2, 2, 1, 3}) {
        vertex(corners[i]);
    }
}

void OverlayRenderer::draw(int viewportWidth, int viewportHeight, float originX, float originY)
{
    if (m_vertices.empty() || viewportWidth <= 0 || viewportHeight <= 0) {
        m_vertices.clear();
        return;
    }
    glBindVertexArray(m_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m_buffer.id());
    const bool same = m_vertices.size() == m_uploaded.size() &&
                      std::memcmp(m_vertices.data(), m_uploaded.data(), m_vertices.size() * sizeof(Vertex)) == 0;
    if (!same) {
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_vertices.size() * sizeof(Vertex)), m_vertices.data(),
                     GL_DYNAMIC_DRAW);
        m_uploaded = m_vertices;
    }
    glViewport(0, 0, viewportWidth, viewportHeight);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    m_program.use();
    glUniform2f(m_program.uniform("u_viewport"), static_cast<float>(viewportWidth), static_cast<float>(viewportHeight));
    glUniform2f(m_program.uniform("u_origin"), originX, originY);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(m_vertices.size()));
    glBindVertexArray(0);
    m_vertices.clear();
}

} // namespace corridor::render

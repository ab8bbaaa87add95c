#pragma once
// Screen-space strokes drawn over the map: label leader lines now, map furniture (scale bars, frames) later.
// Segments are queued in pixels (origin top-left, y down) and drawn in one call, anti-aliased by their distance in
// the fragment shader, so they match the rest of the map with or without MSAA. Needs a current GL context.

#include "core/geometry.hpp"
#include "core/style.hpp"
#include "render/gl.hpp"

#include <vector>

namespace corridor::render {

class OverlayRenderer {
public:
    OverlayRenderer(); // compiles the program; throws GlError

    // A straight stroke `width` pixels wide with round ends, in straight-alpha `color`.
    void addSegment(core::Vec2d from, core::Vec2d to, float width, core::Color color);
    bool empty() const { return m_vertices.empty(); }
    // Draws the queued strokes into the bound framebuffer (viewport w x h), in the order queued, then empties the
    // queue. `originX/Y`: where the framebuffer's top-left lies in the image the strokes were queued for (a tile of
    // a large export); 0 for the whole image.
    void draw(int viewportWidth, int viewportHeight, float originX = 0.0f, float originY = 0.0f);

private:
    struct Vertex {
        float x, y;           // this corner, pixels
        float ax, ay, bx, by; // the segment, pixels
        float halfWidth;
        float r, g, b, a;
    };

    Program m_program;
    VertexArray m_vao;
    Buffer m_buffer;
    std::vector<Vertex> m_vertices;
    std::vector<Vertex> m_uploaded; // what the buffer holds: an idle frame re-queues the same leaders, uploads nothing
};

} // namespace corridor::render

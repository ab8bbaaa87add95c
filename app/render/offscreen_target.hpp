#pragma once
// A framebuffer object to render into without a window: 4x multisampled colour (MSAA smooths polygon edges;
// lines and markers are also anti-aliased by shader coverage), resolved for read-back.

#include "render/gl.hpp"

#include <cstdint>
#include <vector>

namespace corridor::render {

class OffscreenTarget {
public:
    // Throws GlError when the size exceeds GL_MAX_RENDERBUFFER_SIZE or the FBO is incomplete.
    OffscreenTarget(int width, int height, int samples = 4);

    void bind() const; // makes it the draw framebuffer
    int width() const { return m_width; }
    int height() const { return m_height; }
    // Resolves and reads the image: RGBA8, rows top to bottom.
    std::vector<std::uint8_t> read() const;

    static int maxSize(); // GL_MAX_RENDERBUFFER_SIZE of the current context

private:
    int m_width;
    int m_height;
    Framebuffer m_msaa;
    Renderbuffer m_msaaColor;
    Framebuffer m_resolved;
    Renderbuffer m_resolvedColor;
};

} // namespace corridor::render

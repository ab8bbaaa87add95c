#pragma once
// A framebuffer object to render into without a window, read back as an image. Single-sampled by default:
// every edge the map draws is anti-aliased by shader coverage (lines, markers, glyphs, and the 1 px fringe around
// fills without a stroke), and MSAA doubled llvmpipe's frame time. `samples` > 1 multisamples and resolves.

#include "render/gl.hpp"

#include <cstdint>
#include <vector>

namespace corridor::render {

class OffscreenTarget {
public:
    // Throws GlError when the size exceeds GL_MAX_RENDERBUFFER_SIZE or the FBO is incomplete.
    OffscreenTarget(int width, int height, int samples = 1);

    void bind() const; // makes it the draw framebuffer
    int width() const { return m_width; }
    int height() const { return m_height; }
    // Resolves and reads the image: RGBA8, rows top to bottom.
    std::vector<std::uint8_t> read() const;
    // The same into `pixels` (resized; its memory reused from one call to the next) with GL's rows, bottom to top:
    // for a caller that copies the rows anyway (a tiled export's bands) and need not have them flipped first.
    void readBottomUp(std::vector<std::uint8_t>& pixels) const;

    static int maxSize(); // GL_MAX_RENDERBUFFER_SIZE of the current context

private:
    int m_width;
    int m_height;
    Framebuffer m_draw;
    Renderbuffer m_drawColor;
    // Multisampled only: the image resolved, to read from (a single-sampled one is read where it was drawn).
    Framebuffer m_resolved;
    Renderbuffer m_resolvedColor;
    bool m_multisampled = false;
};

} // namespace corridor::render

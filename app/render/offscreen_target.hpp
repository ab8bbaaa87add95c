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
    // The same into memory the caller holds: row y (from the top) at `rows + y * rowBytes`, width() * 4 bytes of it
    // written (`rowBytes` ≥ that: a tile read straight into its place in a band of the whole image's rows, with no
    // copy of its own). GL reads rows bottom to top; Mesa's GL_MESA_pack_invert turns them over as it reads (no
    // pass of its own), elsewhere they are swapped afterwards.
    void readInto(std::uint8_t* rows, std::size_t rowBytes) const;

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

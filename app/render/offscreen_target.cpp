#include "render/offscreen_target.hpp"

#include "core/phase_times.hpp"

#include <cstring>
#include <string>

namespace corridor::render {

namespace {

void attachColor(const Framebuffer& fbo, const Renderbuffer& rb, int w, int h, int samples)
{
    glBindRenderbuffer(GL_RENDERBUFFER, rb.id());
    if (samples > 1) {
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, w, h);
    } else {
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb.id());
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        throw GlError("offscreen framebuffer " + std::to_string(w) + "x" + std::to_string(h) +
                      " is incomplete (status 0x" + std::to_string(status) + "); the GL driver may be out of memory");
    }
}

} // namespace

int OffscreenTarget::maxSize()
{
    GLint size = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &size);
    return size;
}

OffscreenTarget::OffscreenTarget(int width, int height, int samples)
    : m_width(width)
    , m_height(height)
    , m_msaa(makeFramebuffer())
    , m_msaaColor(makeRenderbuffer())
    , m_resolved(makeFramebuffer())
    , m_resolvedColor(makeRenderbuffer())
{
    const int limit = maxSize();
    if (width <= 0 || height <= 0 || width > limit || height > limit) {
        throw GlError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                      " is outside what this GL driver renders (1.." + std::to_string(limit) + " per side)");
    }
    GLint maxSamples = 1;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    attachColor(m_msaa, m_msaaColor, width, height, std::min(samples, static_cast<int>(maxSamples)));
    attachColor(m_resolved, m_resolvedColor, width, height, 1);
    bind();
}

void OffscreenTarget::bind() const
{
    glBindFramebuffer(GL_FRAMEBUFFER, m_msaa.id());
    glViewport(0, 0, m_width, m_height);
}

std::vector<std::uint8_t> OffscreenTarget::read() const
{
    const core::PhaseScope timing(core::Phase::ReadBack); // the MSAA resolve too: it is done for the read alone
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_msaa.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_resolved.id());
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_resolved.id());
    const std::size_t row = static_cast<std::size_t>(m_width) * 4;
    std::vector<std::uint8_t> pixels(row * static_cast<std::size_t>(m_height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL's rows run bottom-up; images run top-down.
    std::vector<std::uint8_t> flipped(pixels.size());
    for (int y = 0; y < m_height; ++y) {
        std::memcpy(&flipped[static_cast<std::size_t>(y) * row],
                    &pixels[static_cast<std::size_t>(m_height - 1 - y) * row], row);
    }
    bind();
    return flipped;
}

} // namespace corridor::render

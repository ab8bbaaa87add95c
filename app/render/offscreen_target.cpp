#include "render/offscreen_target.hpp"

#include "core/phase_times.hpp"

#include <algorithm>
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
    , m_draw(makeFramebuffer())
    , m_drawColor(makeRenderbuffer())
{
    const int limit = maxSize();
    if (width <= 0 || height <= 0 || width > limit || height > limit) {
        throw GlError("image size " + std::to_string(width) + "x" + std::to_string(height) +
                      " is outside what this GL driver renders (1.." + std::to_string(limit) + " per side)");
    }
    GLint maxSamples = 1;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    samples = std::min(samples, static_cast<int>(maxSamples));
    attachColor(m_draw, m_drawColor, width, height, samples);
    m_multisampled = samples > 1;
    if (m_multisampled) {
        m_resolved = makeFramebuffer();
        m_resolvedColor = makeRenderbuffer();
        attachColor(m_resolved, m_resolvedColor, width, height, 1);
    }
    bind();
}

void OffscreenTarget::bind() const
{
    glBindFramebuffer(GL_FRAMEBUFFER, m_draw.id());
    glViewport(0, 0, m_width, m_height);
}

void OffscreenTarget::readBottomUp(std::vector<std::uint8_t>& pixels) const
{
    const core::PhaseScope timing(core::Phase::ReadBack); // the MSAA resolve too: it is done for the read alone
    if (m_multisampled) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, m_draw.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_resolved.id());
        glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_multisampled ? m_resolved.id() : m_draw.id());
    pixels.resize(static_cast<std::size_t>(m_width) * 4 * static_cast<std::size_t>(m_height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    bind();
}

std::vector<std::uint8_t> OffscreenTarget::read() const
{
    std::vector<std::uint8_t> pixels;
    readBottomUp(pixels);
    const core::PhaseScope timing(core::Phase::ReadBack);
    // GL's rows run bottom-up; images run top-down: swapped in place, a row at a time.
    const std::size_t row = static_cast<std::size_t>(m_width) * 4;
    const auto rowStart = [&](int y) {
        return pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row);
    };
    for (int y = 0; y < m_height / 2; ++y) {
        std::swap_ranges(rowStart(y), rowStart(y + 1), rowStart(m_height - 1 - y));
    }
    return pixels;
}

} // namespace corridor::render

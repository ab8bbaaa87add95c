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

void OffscreenTarget::readInto(std::uint8_t* rows, std::size_t rowBytes) const
{
    const core::PhaseScope timing(core::Phase::ReadBack); // the MSAA resolve too: it is done for the read alone
    const std::size_t row = static_cast<std::size_t>(m_width) * 4;
    if (rowBytes < row || rowBytes % 4 != 0) {
        throw GlError("read-back rows of " + std::to_string(rowBytes) + " bytes cannot hold " +
                      std::to_string(m_width) + " pixels");
    }
    if (m_multisampled) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, m_draw.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_resolved.id());
        glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_multisampled ? m_resolved.id() : m_draw.id());
    static const bool inverts = epoxy_has_gl_extension("GL_MESA_pack_invert");
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glPixelStorei(GL_PACK_ROW_LENGTH, static_cast<GLint>(rowBytes / 4));
    if (inverts) {
        glPixelStorei(GL_PACK_INVERT_MESA, GL_TRUE);
    }
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, rows);
    if (inverts) {
        glPixelStorei(GL_PACK_INVERT_MESA, GL_FALSE);
    }
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    bind();
    if (!inverts) {
        const auto rowAt = [&](int y) { return rows + static_cast<std::size_t>(y) * rowBytes; };
        for (int y = 0; y < m_height / 2; ++y) {
            std::swap_ranges(rowAt(y), rowAt(y) + row, rowAt(m_height - 1 - y));
        }
    }
}

std::vector<std::uint8_t> OffscreenTarget::read() const
{
    const std::size_t row = static_cast<std::size_t>(m_width) * 4;
    std::vector<std::uint8_t> pixels(row * static_cast<std::size_t>(m_height));
    readInto(pixels.data(), row);
    return pixels;
}

} // namespace corridor::render

#include "render/view_cache.hpp"

#include <cmath>

namespace corridor::render {

namespace {

bool sameOrder(std::span<const LayerView> a, const std::vector<LayerView>& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].slot != b[i].slot || a[i].visible != b[i].visible || a[i].opacity != b[i].opacity) {
            return false;
        }
    }
    return true;
}

} // namespace

ViewCache::ViewCache(double margin)
    : m_margin(margin)
    , m_blit(loadProgram("blit"))
    , m_vao(makeVertexArray())
{
}

bool ViewCache::covers(const core::Camera& camera) const
{
    const double ratio = camera.unitsPerPixel / m_cached.unitsPerPixel;
    if (ratio < 1.0 / std::sqrt(2.0) || ratio > std::sqrt(2.0)) {
        return false;
    }
    const core::Bounds cached = m_cached.visibleWorld();
    const core::Bounds view = camera.visibleWorld();
    return view.minX >= cached.minX && view.maxX <= cached.maxX && view.minY >= cached.minY && view.maxY <= cached.maxY;
}

bool ViewCache::cachedViewIsExact(const core::Camera& camera) const
{
    return m_valid && m_cached.center == camera.center && m_cached.unitsPerPixel == camera.unitsPerPixel;
}

void ViewCache::renderCache(MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                            core::Color background, GLint target)
{
    // Whole-pixel margins: the view then sits on the image's texel grid and an unmoved view copies exactly.
    const int w = static_cast<int>(camera.widthPx) + 2 * static_cast<int>(std::lround(camera.widthPx * m_margin));
    const int h = static_cast<int>(camera.heightPx) + 2 * static_cast<int>(std::lround(camera.heightPx * m_margin));
    if (w != m_width || h != m_height) {
        m_width = w;
        m_height = h;
        // Single-sampled, like the export (see OffscreenTarget): edges are anti-aliased in the shaders, so the
        // layers render straight into the texture.
        m_image = makeTexture();
        glBindTexture(GL_TEXTURE_2D, m_image.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        m_framebuffer = makeFramebuffer();
        glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_image.id(), 0);
    }
    m_cached = camera;
    m_cached.resize(w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer.id());
    renderer.render(m_cached, order, background);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
    m_order.assign(order.begin(), order.end());
    m_background = background;
    m_valid = true;
}

void ViewCache::render(MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                       core::Color background, bool exact)
{
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    m_rendered = false;
    const bool stale = !m_valid || !sameOrder(order, m_order) || !(background == m_background) || !covers(camera) ||
                       (exact && !cachedViewIsExact(camera));
    if (stale) {
        renderCache(renderer, camera, order, background, target);
        m_rendered = true;
    }
    // The cached image's corners, placed by the current camera.
    const core::Bounds world = m_cached.visibleWorld();
    const core::Vec2d a = camera.worldToScreen({world.minX, world.minY});
    const core::Vec2d b = camera.worldToScreen({world.maxX, world.maxY});
    auto clipX = [&](double x) { return static_cast<float>(x / camera.widthPx * 2.0 - 1.0); };
    auto clipY = [&](double y) { return static_cast<float>(1.0 - y / camera.heightPx * 2.0); };
    glViewport(0, 0, static_cast<GLsizei>(camera.widthPx), static_cast<GLsizei>(camera.heightPx));
    glDisable(GL_BLEND);
    m_blit.use();
    glUniform4f(m_blit.uniform("u_rect"), clipX(a.x), clipY(a.y), clipX(b.x), clipY(b.y));
    glUniform1i(m_blit.uniform("u_image"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_image.id());
    glBindVertexArray(m_vao.id());
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBindVertexArray(0);
    glEnable(GL_BLEND);
}

} // namespace corridor::render

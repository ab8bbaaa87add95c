#include "render/view_cache.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

namespace corridor::render {

namespace {

// How much coarser the levels of detail of a moving view's image are: one level (levels grow fourfold).
constexpr double kMovingCoarseness = 4.0;

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

// The view lies inside the image and within a √2 zoom step of it.
bool covers(const core::Camera& image, const core::Camera& view)
{
    const double ratio = view.unitsPerPixel / image.unitsPerPixel;
    if (ratio < 1.0 / std::sqrt(2.0) || ratio > std::sqrt(2.0)) {
        return false;
    }
    const core::Bounds cached = image.visibleWorld();
    const core::Bounds seen = view.visibleWorld();
    return seen.minX >= cached.minX && seen.maxX <= cached.maxX && seen.minY >= cached.minY && seen.maxY <= cached.maxY;
}

} // namespace

ViewCache::ViewCache(double margin, double sliceMs)
    : m_margin(margin)
    , m_sliceMs(sliceMs)
    , m_blit(loadProgram("blit"))
    , m_vao(makeVertexArray())
{
}

void ViewCache::invalidate()
{
    m_frontStale = true;
    m_pending = false; // what was being rendered shows the old layers too
}

bool ViewCache::fits(const Image& image, const core::Camera& camera, std::span<const LayerView> order,
                     core::Color background, bool exact) const
{
    const bool exactView = image.camera.center == camera.center && image.camera.unitsPerPixel == camera.unitsPerPixel;
    return sameOrder(order, image.order) && image.background == background && covers(image.camera, camera) &&
           (!exact || (exactView && image.fullDetail));
}

void ViewCache::start(Image& image, MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                      core::Color background, bool fullDetail, bool margined)
{
    // Whole-pixel margins: the view then sits on the image's texel grid and an unmoved view copies exactly.
    const double margin = margined ? m_margin : 0.0;
    const int w = static_cast<int>(camera.widthPx) + 2 * static_cast<int>(std::lround(camera.widthPx * margin));
    const int h = static_cast<int>(camera.heightPx) + 2 * static_cast<int>(std::lround(camera.heightPx * margin));
    if (w != image.width || h != image.height) {
        image.width = w;
        image.height = h;
        // Single-sampled, like the export (see OffscreenTarget): edges are anti-aliased in the shaders, so the
        // layers render straight into the texture.
        image.texture = makeTexture();
        glBindTexture(GL_TEXTURE_2D, image.texture.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        image.framebuffer = makeFramebuffer();
        glBindFramebuffer(GL_FRAMEBUFFER, image.framebuffer.id());
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, image.texture.id(), 0);
    }
    image.camera = camera;
    image.camera.resize(w, h);
    image.order.assign(order.begin(), order.end());
    image.background = background;
    image.fullDetail = fullDetail;
    image.margined = margined;
    glBindFramebuffer(GL_FRAMEBUFFER, image.framebuffer.id());
    renderer.beginFrame(image.camera, order, background, fullDetail ? 1.0 : kMovingCoarseness);
}

void ViewCache::render(MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                       core::Color background, bool exact)
{
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    m_rendered = false;
    const bool shown = m_frontValid && !m_frontStale && fits(m_front, camera, order, background, exact);
    // The first image is the viewport alone: once it is on screen, the view with its margin renders behind it.
    if (!shown || !m_front.margined) {
        if (!m_pending || renderer.frameId() != m_frameId || !fits(m_back, camera, order, background, exact)) {
            // With nothing on screen yet (the window has just opened), only what the window shows: sooner.
            start(m_back, renderer, camera, order, background, exact, m_frontValid);
            m_frameId = renderer.frameId();
            m_pending = true;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, m_back.framebuffer.id());
        // Nothing on screen yet (the window has just opened): the first image is rendered whole, so a map that
        // renders in a fraction of a second is complete in the first frame instead of filling in over many, each
        // paying a frame's overhead (slices only pay off when there is a picture to keep moving meanwhile).
        const bool progressive = m_sliceMs > 0.0 && m_frontValid;
        const auto t0 = std::chrono::steady_clock::now();
        const bool done = renderer.continueFrame(progressive ? m_budget : std::numeric_limits<std::size_t>::max());
        if (progressive && m_adaptive) {
            // Steer the next slice's budget towards sliceMs (llvmpipe draws when flushed, hence the glFinish).
            glFinish();
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            const double scale = std::clamp(m_sliceMs / std::max(ms, 0.1), 0.5, 2.0);
            if (!done || scale < 1.0) {
                m_budget = std::clamp<std::size_t>(static_cast<std::size_t>(static_cast<double>(m_budget) * scale), 1000,
                                                   std::size_t{1} << 30);
            }
        }
        m_rendered = true;
        if (done) {
            std::swap(m_front, m_back);
            m_frontValid = true;
            m_frontStale = false;
            m_pending = false;
            ++m_completed;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
    }
    // The view may reach past the image shown (it is the previous one while a new one renders): background there.
    glViewport(0, 0, static_cast<GLsizei>(camera.widthPx), static_cast<GLsizei>(camera.heightPx));
    glClearColor(background.r, background.g, background.b, background.a);
    glClear(GL_COLOR_BUFFER_BIT);
    if (m_frontValid) {
        blit(m_front, camera);
    }
}

void ViewCache::blit(const Image& image, const core::Camera& camera) const
{
    // The image's corners, placed by the current camera.
    const core::Bounds world = image.camera.visibleWorld();
    const core::Vec2d a = camera.worldToScreen({world.minX, world.minY});
    const core::Vec2d b = camera.worldToScreen({world.maxX, world.maxY});
    auto clipX = [&](double x) { return static_cast<float>(x / camera.widthPx * 2.0 - 1.0); };
    auto clipY = [&](double y) { return static_cast<float>(1.0 - y / camera.heightPx * 2.0); };
    glDisable(GL_BLEND);
    m_blit.use();
    glUniform4f(m_blit.uniform("u_rect"), clipX(a.x), clipY(a.y), clipX(b.x), clipY(b.y));
    glUniform1i(m_blit.uniform("u_image"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, image.texture.id());
    glBindVertexArray(m_vao.id());
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBindVertexArray(0);
    glEnable(GL_BLEND);
}

} // namespace corridor::render

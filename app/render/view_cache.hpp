#pragma once
// An interactive frame's shortcut, as map viewers do it (QGIS shows its last rendered image panned and scaled
// while it renders anew): the map layers are rendered into an image larger than the viewport, and while the view
// stays inside that image and within a √2 zoom step of it, a frame just draws the image moved and scaled. The
// image is rendered anew when the view leaves it, when the zoom drifts further, when the layers' visibility
// changes, or when asked to (the viewer asks once the view rests, so a still map is always exact).
// Labels are not cached: they are drawn over it every frame, placed for the exact view.
// Exports never use it. Needs a current GL context.

#include "core/camera.hpp"
#include "render/gl.hpp"
#include "render/map_renderer.hpp"

#include <span>
#include <vector>

namespace corridor::render {

class ViewCache {
public:
    explicit ViewCache(double margin = 0.25); // extra share of the viewport rendered on each side

    // Draws the map for `camera` into the bound framebuffer (of the camera's size), through the cache.
    // `exact` forces a fresh render at exactly this view when the cached image is moved or scaled.
    void render(MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                core::Color background, bool exact);
    void invalidate() { m_valid = false; }
    bool lastFrameRendered() const { return m_rendered; } // false: the frame was drawn from the cached image

private:
    bool cachedViewIsExact(const core::Camera& camera) const;
    bool covers(const core::Camera& camera) const;
    void renderCache(MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                     core::Color background, GLint target);

    double m_margin;
    Program m_blit;
    VertexArray m_vao;
    Framebuffer m_framebuffer;
    Texture m_image;
    int m_width = 0, m_height = 0;
    core::Camera m_cached;         // the camera the image was rendered with (its size is the image's)
    std::vector<LayerView> m_order;
    core::Color m_background;
    bool m_valid = false;
    bool m_rendered = false;
};

} // namespace corridor::render

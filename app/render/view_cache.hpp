#pragma once
// An interactive frame's shortcut, as map viewers do it (QGIS shows its last rendered image panned and scaled
// while it renders anew): the map layers are rendered into an image larger than the viewport, and while the view
// stays inside that image and within a √2 zoom step of it, a frame just draws the image moved and scaled. The
// image is rendered anew when the view leaves it, when the zoom drifts further, when the layers' visibility
// changes, or when asked to (the viewer asks once the view rests, so a still map is always exact).
// An image for a moving view is drawn with levels of detail one step coarser (error up to 2 px instead of half a
// pixel), as Google Earth lowers detail in motion; the exact image the viewer asks for at rest has full detail.
// A new image is rendered progressively: a slice of the layers' chunks per frame, within a time budget, into a
// second image, while frames go on showing the previous one moved and scaled; the two swap when the new one is
// complete. So a view of 10^7 vertices that takes seconds to draw never freezes the window: it shows the old
// picture until the new one is done. The very first image, with nothing yet on screen, is rendered whole and
// without the margin (only what the window shows: at 1600×1000 that took 180 ms where the image with its margin,
// 2.25 times the pixels, took 260); the same view with its margin then renders in slices behind it, ready for the
// first pan.
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
    // `margin`: extra share of the viewport rendered on each side. `sliceMs`: the map-drawing time a frame may take
    // while a new image is rendered; 0 renders each new image whole, in the frame that needs it.
    explicit ViewCache(double margin = 0.25, double sliceMs = 25.0);

    // Draws the map for `camera` into the bound framebuffer (of the camera's size), through the cache.
    // `exact` asks for an image rendered at exactly this view when the cached one is moved or scaled.
    void render(MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
                core::Color background, bool exact);
    // The layers' content changed: render anew (the old image is shown until the new one is complete).
    void invalidate();
    bool lastFrameRendered() const { return m_rendered; } // false: the frame only drew a cached image
    bool busy() const { return m_pending; }               // a new image is still being rendered: keep drawing frames
    std::size_t completedImages() const { return m_completed; }
    std::size_t sliceBudget() const { return m_budget; }  // work units per frame, adapted to sliceMs
    void fixSliceBudget(std::size_t units) { m_budget = units; m_adaptive = false; } // for tests: no adapting

private:
    struct Image {
        Framebuffer framebuffer;
        Texture texture;
        int width = 0, height = 0;
        core::Camera camera;           // the camera it is (being) rendered with; its size is the image's
        bool fullDetail = true;        // false: rendered with coarser levels of detail, for a moving view
        bool margined = true;          // false: the first image, the viewport alone
        std::vector<LayerView> order;
        core::Color background;
    };
    bool fits(const Image& image, const core::Camera& camera, std::span<const LayerView> order, core::Color background,
              bool exact) const;
    void start(Image& image, MapRenderer& renderer, const core::Camera& camera, std::span<const LayerView> order,
               core::Color background, bool fullDetail, bool margined);
    void blit(const Image& image, const core::Camera& camera) const;

    double m_margin;
    double m_sliceMs;
    std::size_t m_budget = 50000; // about 25 ms of dense lines on llvmpipe; adapted from the first slice on
    bool m_adaptive = true;
    Program m_blit;
    VertexArray m_vao;
    Image m_front;              // the image frames show
    Image m_back;               // the image being rendered
    bool m_frontValid = false;  // m_front holds a complete image
    bool m_frontStale = false;  // ... of layers that have changed since
    bool m_pending = false;     // m_back is being rendered
    std::uint64_t m_frameId = 0; // the renderer's frame that renders m_back: anything else rendering restarts it
    bool m_rendered = false;
    std::size_t m_completed = 0;
};

} // namespace corridor::render

#include "platform/tiled_render.hpp"

#include "platform/furniture_content.hpp"

#include "core/phase_times.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace corridor::platform {

BandRenderer::BandRenderer(const core::Camera& camera, core::Color background, const TileOptions& options)
    : m_camera(camera), m_background(background), m_options(options), m_width(static_cast<int>(camera.widthPx)),
      m_height(static_cast<int>(camera.heightPx))
{
}

double BandRenderer::progress() const
{
    if (m_tileSide == 0) {
        return done() ? 1.0 : 0.0;
    }
    const std::size_t columns = static_cast<std::size_t>((m_width + m_tileSide - 1) / m_tileSide);
    const std::size_t bands = static_cast<std::size_t>((m_height + m_bandRows - 1) / m_bandRows);
    return static_cast<double>(m_drawn) / static_cast<double>(std::max<std::size_t>(columns * bands, 1));
}

bool BandRenderer::next(render::MapScene& scene, FurnitureView* furniture, const RowSink& sink)
{
    if (done()) {
        return false;
    }
    const std::size_t rowBytes = static_cast<std::size_t>(m_width) * 4;
    if (m_tileSide == 0) {
        const int side = std::max(1, std::min(m_options.maxTile, render::OffscreenTarget::maxSize()));
        // As many rows as the band budget holds, at least one, at most a tile's height.
        const std::size_t budget = m_options.bandBytes / std::max<std::size_t>(rowBytes, 1);
        const int rows = static_cast<int>(std::clamp<std::size_t>(budget, 1, static_cast<std::size_t>(side)));
        // Columns and bands of equal sizes, as far as they divide: tiles of one size draw into one target (a new
        // one per tile size: 36 MB for llvmpipe to allocate and fault in at 8K).
        const int columns = (m_width + side - 1) / side, bands = (m_height + rows - 1) / rows;
        m_tileSide = (m_width + columns - 1) / columns;
        m_bandRows = (m_height + bands - 1) / bands;
    }
    const int rows = std::min(m_bandRows, m_height - m_top);
    m_band.resize(rowBytes * static_cast<std::size_t>(rows));
    const render::ImageTile tile{m_left, m_top, std::min(m_tileSide, m_width - m_left), rows};
    if (!m_target || m_target->width() != tile.width || m_target->height() != tile.height) {
        m_target.emplace(tile.width, tile.height);
    }
    m_target->bind();
    {
        // Finished here, so the read-back counts the reading alone.
        const core::PhaseScope rendering(core::Phase::Render);
        scene.renderTile(m_camera, tile, m_background);
        if (furniture != nullptr) {
            furniture->draw(scene, tile);
        }
        glFinish();
    }
    // Straight into the tile's columns of the band: no copy of the tile of its own.
    m_target->readInto(m_band.data() + static_cast<std::size_t>(m_left) * 4, rowBytes);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    ++m_drawn;
    m_left += tile.width;
    if (m_left >= m_width) {
        sink(m_band, m_top, rows);
        m_left = 0;
        m_top += rows;
    }
    return !done();
}

void renderInBands(render::MapScene& scene, const core::Camera& camera, core::Color background,
                   FurnitureView* furniture, const RowSink& sink, const TileOptions& options,
                   const std::function<void(double)>& progress)
{
    BandRenderer bands(camera, background, options);
    while (bands.next(scene, furniture, sink)) {
        if (progress) {
            progress(bands.progress());
        }
    }
    if (progress) {
        progress(1.0);
    }
}

} // namespace corridor::platform

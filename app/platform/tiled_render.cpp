#include "platform/tiled_render.hpp"

#include "platform/furniture_content.hpp"
#include "render/offscreen_target.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

namespace corridor::platform {

void renderInBands(render::MapScene& scene, const core::Camera& camera, core::Color background,
                   FurnitureView* furniture, const RowSink& sink, const TileOptions& options,
                   const std::function<void(double)>& progress)
{
    const int width = static_cast<int>(camera.widthPx), height = static_cast<int>(camera.heightPx);
    const int tileSide = std::max(1, std::min(options.maxTile, render::OffscreenTarget::maxSize()));
    const std::size_t rowBytes = static_cast<std::size_t>(width) * 4;
    // As many rows as the band budget holds, at least one, at most a tile's height.
    const int bandRows = static_cast<int>(std::clamp<std::size_t>(options.bandBytes / std::max<std::size_t>(rowBytes, 1), 1,
                                                                  static_cast<std::size_t>(tileSide)));
    const int columns = (width + tileSide - 1) / tileSide;
    const int bands = (height + bandRows - 1) / bandRows;
    std::vector<std::uint8_t> band;
    std::optional<render::OffscreenTarget> target;
    int done = 0;
    for (int top = 0; top < height; top += bandRows) {
        const int rows = std::min(bandRows, height - top);
        band.resize(rowBytes * static_cast<std::size_t>(rows));
        for (int left = 0; left < width; left += tileSide) {
            const render::ImageTile tile{left, top, std::min(tileSide, width - left), rows};
            if (!target || target->width() != tile.width || target->height() != tile.height) {
                target.emplace(tile.width, tile.height);
            }
            target->bind();
            scene.renderTile(camera, tile, background);
            if (furniture != nullptr) {
                furniture->draw(scene, tile);
            }
            const std::vector<std::uint8_t> pixels = target->read();
            const std::size_t tileRow = static_cast<std::size_t>(tile.width) * 4;
            for (int y = 0; y < rows; ++y) {
                std::memcpy(band.data() + static_cast<std::size_t>(y) * rowBytes + static_cast<std::size_t>(left) * 4,
                            pixels.data() + static_cast<std::size_t>(y) * tileRow, tileRow);
            }
            if (progress) {
                progress(static_cast<double>(++done) / (static_cast<double>(columns) * bands));
            }
        }
        sink(band, top, rows);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

} // namespace corridor::platform

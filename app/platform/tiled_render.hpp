#pragma once
// Images larger than the GPU can draw at once (llvmpipe's renderbuffers stop at 16384 px a side), or than memory
// should hold: the image is drawn in tiles and handed on in bands of rows, top to bottom, so a writer can stream
// them to disk (render::PngStreamWriter, GDAL's GeoTIFF) with only one band in memory. Labels are placed once for the
// whole image and the hatching is anchored to the whole image, so tiles join with no seam.

#include "core/camera.hpp"
#include "core/map_document.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace corridor::platform {

class FurnitureView;

struct TileOptions {
    int maxTile = 4096;                        // a tile's largest side (also capped by the GPU's limit)
    std::size_t bandBytes = std::size_t(64) << 20; // rows handed on at once: about this many bytes of RGBA
};

// A band of finished rows: `rgba` holds rows `firstRow`… of the whole image, each camera.widthPx * 4 bytes. The
// sink may take the vector (swap it with one of its own): the renderer sizes it again for the next band, so a band
// handed on is not copied (64 MB of an 8K image).
using RowSink = std::function<void(std::vector<std::uint8_t>& rgba, int firstRow, int rows)>;

// The same, a tile at a time: for a window that must stay responsive while it exports (platform::ExportJob).
class BandRenderer {
public:
    BandRenderer(const core::Camera& camera, core::Color background, const TileOptions& options = {});
    // Draws the next tile (labels and furniture included) and, when it completes a band, hands the band to `sink`.
    // Returns false once every tile is drawn. Needs the scene's GL context current; leaves framebuffer 0 bound.
    bool next(render::MapScene& scene, FurnitureView* furniture, const RowSink& sink);
    bool done() const { return m_top >= m_height; }
    // A band the sink took and is done with: the next band is drawn into it (one band's memory, not two).
    void reuse(std::vector<std::uint8_t>& spent)
    {
        if (spent.capacity() > m_band.capacity()) {
            m_band.swap(spent);
        }
    }
    double progress() const; // tiles drawn over all tiles

private:
    core::Camera m_camera;
    core::Color m_background;
    TileOptions m_options;
    int m_width = 0, m_height = 0;
    int m_tileSide = 0, m_bandRows = 0; // worked out at the first tile (the GPU's limit needs the context)
    int m_top = 0, m_left = 0;          // the next tile
    std::size_t m_drawn = 0;
    std::vector<std::uint8_t> m_band;
    std::optional<render::OffscreenTarget> m_target;
};

// Draws `camera`'s image of the scene (map, labels and, when given, the furniture `furniture` has prepared for
// this camera) tile by tile and hands each band of rows to `sink`, top to bottom. `progress` (may be empty) hears
// the share done after each tile. Needs the scene's GL context current; leaves framebuffer 0 bound.
void renderInBands(render::MapScene& scene, const core::Camera& camera, core::Color background,
                   FurnitureView* furniture, const RowSink& sink, const TileOptions& options = {},
                   const std::function<void(double)>& progress = {});

} // namespace corridor::platform

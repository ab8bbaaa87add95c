#pragma once
// GeoTIFF output through GDAL's GTiff driver: RGBA (unassociated alpha, as the PNG), DEFLATE with the horizontal
// predictor, 256×256 tiles, compressed on all cores; the geotransform and the SRS as GeoTIFF keys; the metadata
// as TIFF tags and GDAL metadata. Written atomically: into a hidden temporary file beside the target
// (core::TempSibling), renamed over it once complete.
//
// The rows come band by band, top to bottom, so an image larger than memory can be fed strip by strip as it is
// rendered; writeGeoTiff is the whole-image call.

#include "core/image_metadata.hpp"
#include "geo/georef.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

class GDALDataset;

namespace corridor::core {
class TempSibling;
}

namespace corridor::geo {

class GeoTiffWriter {
public:
    // Starts the file: creates the temporary file and the dataset (width × height, 1..2^31 each), sets
    // `transform`, the SRS of `crs` (anything OGRSpatialReference reads, x = longitude/easting) and `metadata`
    // (textEntries as GDAL metadata items, plus TIFFTAG_IMAGEDESCRIPTION = title and subtitle on the next line,
    // TIFFTAG_SOFTWARE, TIFFTAG_DATETIME). Throws std::runtime_error naming `path` and the reason (the folder and
    // the system's words when the file cannot be created, GDAL's otherwise, the CRS when GDAL cannot read it).
    GeoTiffWriter(const std::string& path, int width, int height, const GeoTransform& transform,
                  const std::string& crs, const core::ImageMetadata& metadata);
    // Unfinished (no finish(), or a failure): the temporary file is removed and nothing appears at `path`.
    ~GeoTiffWriter();
    GeoTiffWriter(const GeoTiffWriter&) = delete;
    GeoTiffWriter& operator=(const GeoTiffWriter&) = delete;

    // The next `rows` rows, top to bottom: RGBA8, width × 4 bytes a row, `rgba` exactly rows × width × 4 bytes.
    // Bands may have any height; multiples of 256 rows (the tile height) keep GDAL's block cache smallest. Throws
    // naming `path` when the band does not fit (too many rows, wrong size) or GDAL fails to write it.
    void writeRows(std::span<const std::uint8_t> rgba, int rows);
    int rowsWritten() const { return m_rowsWritten; }

    // Closes the dataset (GDAL writes the tiles it still holds), flushes it to disk and renames it over `path`.
    // Throws naming `path` when rows are missing or anything fails; the temporary file is then removed.
    void finish();

private:
    std::string m_path;
    int m_width = 0, m_height = 0;
    int m_rowsWritten = 0;
    bool m_finished = false;
    struct Closer {
        void operator()(GDALDataset* dataset) const; // GDALClose
    };
    std::unique_ptr<core::TempSibling> m_temp;
    std::unique_ptr<GDALDataset, Closer> m_dataset;
};

// The whole image at once: `rgba` is width × height × 4 bytes, rows top to bottom.
void writeGeoTiff(const std::string& path, int width, int height, std::span<const std::uint8_t> rgba,
                  const GeoTransform& transform, const std::string& crs, const core::ImageMetadata& metadata);

} // namespace corridor::geo

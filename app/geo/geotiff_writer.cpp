#include "geo/geotiff_writer.hpp"

#include "core/atomic_file.hpp"
#include "geo/gdal_util.hpp"
#include "geo/loader.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <stdexcept>

namespace corridor::geo {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& reason)
{
    throw std::runtime_error(path + ": writing the GeoTIFF failed: " + reason);
}

// GDAL's PAM would write a `.NAME.XXXXXX.aux.xml` beside the temporary file for anything the TIFF cannot hold;
// everything here fits the TIFF (GeoTIFF keys, TIFF tags, the GDAL_METADATA tag), and a stray sidecar of a
// temporary name would only be litter.
class NoPam {
public:
    NoPam() : m_setter("GDAL_PAM_ENABLED", "NO", true) {}

private:
    CPLConfigOptionSetter m_setter;
};

} // namespace

void GeoTiffWriter::Closer::operator()(GDALDataset* dataset) const
{
    GDALClose(GDALDataset::ToHandle(dataset));
}

GeoTiffWriter::GeoTiffWriter(const std::string& path, int width, int height, const GeoTransform& transform,
                             const std::string& crs, const core::ImageMetadata& metadata)
    : m_path(path), m_width(width), m_height(height)
{
    if (width <= 0 || height <= 0) {
        fail(path, "no image to write (" + std::to_string(width) + "×" + std::to_string(height) + ")");
    }
    initGdal();
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    {
        GdalErrorCollector errors;
        if (srs.SetFromUserInput(crs.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) !=
            OGRERR_NONE) {
            fail(path, "GDAL cannot read the view CRS '" + crs + "': " + errors.lastError("not a CRS it knows"));
        }
    }
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (driver == nullptr) {
        fail(path, "this GDAL has no GTiff driver");
    }
    m_temp = std::make_unique<core::TempSibling>(path, "GeoTIFF"); // throws naming the folder and the reason

    GdalErrorCollector errors;
    const NoPam noPam;
    // Tiles and the predictor: maps are flat areas and straight edges, which DEFLATE after horizontal differencing
    // packs well; 256×256 tiles let a reader (QGIS panning a large export) read only what it shows. BIGTIFF only
    // when the file could pass 4 GiB.
    const char* const options[] = {"TILED=YES",       "BLOCKXSIZE=256",     "BLOCKYSIZE=256", "COMPRESS=DEFLATE",
                                   "PREDICTOR=2",     "ZLEVEL=6",           "NUM_THREADS=ALL_CPUS",
                                   "PHOTOMETRIC=RGB", "ALPHA=UNASSOCIATED", "INTERLEAVE=PIXEL", "BIGTIFF=IF_SAFER",
                                   nullptr};
    m_dataset.reset(driver->Create(m_temp->tempPath().c_str(), width, height, 4, GDT_Byte, const_cast<char**>(options)));
    if (!m_dataset) {
        fail(path, errors.lastError("GDAL could not create it"));
    }
    GeoTransform t = transform;
    if (m_dataset->SetGeoTransform(t.data()) != CE_None || m_dataset->SetSpatialRef(&srs) != CE_None) {
        fail(path, errors.lastError("GDAL could not store the georeferencing"));
    }
    // The TIFF tags readers outside GIS show; GDAL maps these names to the tags themselves.
    std::string description = metadata.title;
    if (!metadata.subtitle.empty()) {
        description += (description.empty() ? "" : "\n") + metadata.subtitle;
    }
    if (!description.empty()) {
        m_dataset->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", description.c_str());
    }
    if (!metadata.software.empty()) {
        m_dataset->SetMetadataItem("TIFFTAG_SOFTWARE", metadata.software.c_str());
    }
    if (metadata.created) {
        m_dataset->SetMetadataItem("TIFFTAG_DATETIME", core::tiffDateTime(*metadata.created).c_str());
    }
    // Every item by the PNG's keywords, so both formats read back the same through GDAL (GDAL_METADATA tag).
    for (const core::TextEntry& entry : core::textEntries(metadata)) {
        m_dataset->SetMetadataItem(entry.key.c_str(), entry.value.c_str());
    }
    for (int band = 1; band <= 4; ++band) {
        static constexpr GDALColorInterp kInterp[] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand};
        m_dataset->GetRasterBand(band)->SetColorInterpretation(kInterp[band - 1]);
    }
    if (!errors.lastError("").empty()) {
        fail(path, errors.lastError(""));
    }
}

GeoTiffWriter::~GeoTiffWriter()
{
    if (!m_finished) {
        // The name first, so the file is gone at once; GDAL then flushes what it holds into the nameless file.
        m_temp.reset();
        const GdalErrorCollector quiet;
        m_dataset.reset();
    }
}

void GeoTiffWriter::writeRows(std::span<const std::uint8_t> rgba, int rows)
{
    if (m_finished || !m_dataset) {
        fail(m_path, "rows given after the file was finished");
    }
    if (rows <= 0 || rows > m_height - m_rowsWritten) {
        fail(m_path, std::to_string(rows) + " rows given at row " + std::to_string(m_rowsWritten) + " of a " +
                         std::to_string(m_height) + "-row image");
    }
    const std::size_t rowBytes = static_cast<std::size_t>(m_width) * 4;
    if (rgba.size() != rowBytes * static_cast<std::size_t>(rows)) {
        fail(m_path, "a band of " + std::to_string(rows) + " rows needs " +
                         std::to_string(rowBytes * static_cast<std::size_t>(rows)) + " bytes, not " +
                         std::to_string(rgba.size()));
    }
    GdalErrorCollector errors;
    int bands[] = {1, 2, 3, 4};
    // Pixel-interleaved RGBA straight from the caller's rows: bytes 4 apart, rows width × 4 apart, bands 1 apart.
    const CPLErr err = m_dataset->RasterIO(GF_Write, 0, m_rowsWritten, m_width, rows,
                                           const_cast<std::uint8_t*>(rgba.data()), m_width, rows, GDT_Byte, 4, bands,
                                           4, static_cast<GSpacing>(rowBytes), 1, nullptr);
    if (err != CE_None) {
        fail(m_path, errors.lastError("GDAL could not write rows " + std::to_string(m_rowsWritten) + " to " +
                                      std::to_string(m_rowsWritten + rows - 1)));
    }
    m_rowsWritten += rows;
}

void GeoTiffWriter::finish()
{
    if (m_finished || !m_dataset) {
        fail(m_path, "finished twice");
    }
    if (m_rowsWritten != m_height) {
        fail(m_path, "only " + std::to_string(m_rowsWritten) + " of " + std::to_string(m_height) +
                         " rows were given; nothing was written");
    }
    {
        GdalErrorCollector errors;
        const NoPam noPam;
        m_dataset.reset(); // GDALClose: the tiles still cached, the directory (GDAL 3.6's close reports no status)
        if (!errors.lastError("").empty()) {
            fail(m_path, errors.lastError(""));
        }
    }
    m_temp->place(); // fsync, rename; throws naming the path
    m_finished = true;
}

void writeGeoTiff(const std::string& path, int width, int height, std::span<const std::uint8_t> rgba,
                  const GeoTransform& transform, const std::string& crs, const core::ImageMetadata& metadata)
{
    if (width <= 0 || height <= 0 || rgba.size() != static_cast<std::size_t>(width) * height * 4) {
        fail(path, "no image to write");
    }
    GeoTiffWriter writer(path, width, height, transform, crs, metadata);
    writer.writeRows(rgba, height);
    writer.finish();
}

} // namespace corridor::geo

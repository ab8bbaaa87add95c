#pragma once
// Small GDAL helpers shared by the loader and the inspector.

#include "geo/network.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace corridor::geo {

// Has GDAL set up its per-thread state on this thread now, by opening a name that cannot exist (quietly). A thread's
// first open (and first CRS) registers a thread-exit destructor, which takes glibc's loader lock: while another thread loads a big
// library (the export's GL driver, platform::prepareExportGpu: 20-40 ms of LLVM) that first open would wait.
void registerGdalThreadState();

// Collects GDAL's error messages on this thread for its lifetime instead of printing them to stderr.
class GdalErrorCollector {
public:
    GdalErrorCollector();
    ~GdalErrorCollector();
    GdalErrorCollector(const GdalErrorCollector&) = delete;
    GdalErrorCollector& operator=(const GdalErrorCollector&) = delete;

    const std::vector<std::string>& messages() const { return m_messages; }
    // The last error (not warning) message, or `fallback`.
    std::string lastError(const std::string& fallback) const;
    void clear() { m_messages.clear(); m_errors.clear(); }

private:
    static void handler(CPLErr level, CPLErrorNum number, const char* message);
    std::vector<std::string> m_messages;
    std::vector<std::string> m_errors;
};

// Opens a vector dataset read-only; throws core::LoadError with GDAL's own reason when it cannot, or naming the
// network access it refused (configureNetwork) while opening the file or the sources its layers name. Reading
// features can reach for the network too (geocoding): readers call throwIfNetworkRefused as they go. `messages`,
// when given, receives what GDAL reported while opening it (a GeoJSON "crs" PROJ cannot resolve is one).
GDALDatasetUniquePtr openVector(const std::string& path, bool allowNetwork,
                                std::vector<std::string>* messages = nullptr);

// The layer's CRS as a definition PROJ accepts (WKT2), or "" when the layer declares none.
std::string crsDefinition(const OGRSpatialReference* srs);
// "WGS 84 (EPSG:4326)" style name, or "none declared".
std::string crsName(const OGRSpatialReference* srs);
// True when the layer stores its coordinates in the CRS's authority axis order with latitude/northing first,
// so they must be swapped to reach longitude/easting-first order.
bool storesNorthingFirst(const OGRSpatialReference* srs);

} // namespace corridor::geo

#include "geo/gdal_util.hpp"

#include "core/errors.hpp"
#include "core/file_kind.hpp"
#include "geo/loader.hpp"
#include "geo/network.hpp"

#include <cpl_error.h>

#include <cstring>
#include <filesystem>

namespace corridor::geo {

void registerGdalThreadState()
{
    initGdal();
    const GdalErrorCollector quiet;
    GDALDatasetUniquePtr(GDALDataset::Open("/nonexistent/corridor/thread-state", GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRSpatialReference crs; // and the thread's PROJ context, which reading a layer's CRS makes
    crs.importFromEPSG(4326);
}

GdalErrorCollector::GdalErrorCollector()
{
    CPLPushErrorHandlerEx(&GdalErrorCollector::handler, this);
}

GdalErrorCollector::~GdalErrorCollector() { CPLPopErrorHandler(); }

void GdalErrorCollector::handler(CPLErr level, CPLErrorNum /*number*/, const char* message)
{
    auto* self = static_cast<GdalErrorCollector*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || message == nullptr) {
        return;
    }
    self->m_messages.emplace_back(message);
    // GDAL refuses some URLs on its own (a GeoJSON crs named by URL): with the network off, that is the same
    // refusal as ours, and the data must not load as if it had no CRS.
    static constexpr const char kGdalRefusal[] = " due to ALLOW_NETWORK_ACCESS=NO";
    static constexpr const char kCannotImport[] = "Cannot import ";
    if (const char* end = std::strstr(message, kGdalRefusal); end != nullptr && !networkAllowed()) {
        const char* start = std::strstr(message, kCannotImport);
        start = start != nullptr && start < end ? start + std::strlen(kCannotImport) : message;
        recordRefusedNetworkAccess(std::string(start, end));
    }
    if (level >= CE_Failure) {
        self->m_errors.emplace_back(message);
    }
}

std::string GdalErrorCollector::lastError(const std::string& fallback) const
{
    return m_errors.empty() ? fallback : m_errors.back();
}

bool isNetworkPath(const std::string& path)
{
    static constexpr const char* kPrefixes[] = {"/vsicurl", "/vsis3", "/vsigs", "/vsiaz", "/vsioss", "/vsiswift",
                                                "/vsiwebhdfs", "/vsiadls", "http://", "https://", "ftp://",
                                                "WFS:", "OAPIF:", "WMS:", "PG:", "MySQL:", "MSSQL:"};
    for (const char* prefix : kPrefixes) {
        if (path.rfind(prefix, 0) == 0 || path.find(std::string("/") + prefix) != std::string::npos) {
            return true;
        }
    }
    return false;
}

namespace {
// Reading never writes beside the user's files: the GML driver would save the schema it guessed as NAME.gfs.
const char* const kReadOnlyOpenOptions[] = {"WRITE_GFS=NO", nullptr};
} // namespace

GDALDatasetUniquePtr openVector(const std::string& path, bool allowNetwork, std::vector<std::string>* messages)
{
    initGdal();
    if ((!allowNetwork || !networkAllowed()) && isNetworkPath(path)) {
        throw core::LoadError(path, "", -1, "network sources are off; open it with --allow-network to fetch it");
    }
    if (!isNetworkPath(path) && path.rfind("/vsi", 0) != 0) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            throw core::LoadError(path, "", -1, "no such file");
        }
        // A folder is a source (shapefiles); a FIFO would block GDAL's first read, /dev/zero never end.
        if (const auto why = core::notRegularFileReason(path, /*allowDirectory=*/true)) {
            throw core::LoadError(path, "", -1, *why);
        }
    }
    GdalErrorCollector errors; // also takes the warning of each driver that has no WRITE_GFS option
    clearRefusedNetworkAccess();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                              kReadOnlyOpenOptions));
    if (ds) {
        // Layers that open their sources on first use (VRT, unions) open them now, so a source the network
        // guard refused fails here with its reason.
        for (OGRLayer* layer : ds->GetLayers()) {
            layer->GetLayerDefn();
            layer->GetSpatialRef();
        }
    }
    throwIfNetworkRefused(path);
    if (!ds) {
        throw core::LoadError(path, "", -1, errors.lastError("not a vector format GDAL can read"));
    }
    if (ds->GetLayerCount() == 0) {
        throw core::LoadError(path, "", -1, "holds no vector layer");
    }
    if (messages != nullptr) {
        *messages = errors.messages();
    }
    return ds;
}

std::string crsDefinition(const OGRSpatialReference* srs)
{
    if (srs == nullptr) {
        return {};
    }
    char* wkt = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
    std::string out;
    if (srs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt != nullptr) {
        out = wkt;
    }
    CPLFree(wkt);
    return out;
}

std::string crsName(const OGRSpatialReference* srs)
{
    if (srs == nullptr) {
        return "none declared";
    }
    std::string name = srs->GetName() != nullptr ? srs->GetName() : "unnamed CRS";
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (authority != nullptr && code != nullptr) {
        name += std::string(" (") + authority + ":" + code + ")";
    }
    return name;
}

bool storesNorthingFirst(const OGRSpatialReference* srs)
{
    if (srs == nullptr) {
        return false;
    }
    OGRSpatialReference traditional(*srs);
    traditional.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::vector<int>& actual = srs->GetDataAxisToSRSAxisMapping();
    const std::vector<int>& wanted = traditional.GetDataAxisToSRSAxisMapping();
    return actual.size() >= 2 && wanted.size() >= 2 && actual[0] == wanted[1] && actual[1] == wanted[0];
}

} // namespace corridor::geo

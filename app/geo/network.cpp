#include "geo/network.hpp"

#include "core/errors.hpp"
#include "geo/loader.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>
#include <cpl_string.h>
#include <cpl_vsi_virtual.h>
#include <gdal_priv.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace corridor::geo {

namespace {

std::atomic<bool> g_allowed {false};
// What each thread was refused since it last cleared it (opening a source clears it first). Not a thread_local
// std::optional<std::string>: a thread's first use of one registers its destructor (__cxa_thread_atexit_impl) under
// glibc's loader lock, so opening the data waited while another thread loaded the export's GL driver (20-40 ms).
std::mutex g_refusedMutex;
std::unordered_map<std::thread::id, std::string> g_refused;

std::string refusalMessage(const std::string& what)
{
    return "network access is off, and this reaches for " + what + "; open it with --allow-network to let it";
}

// Notes the refusal for this thread (the first one is what the user is told about) and reports it as a GDAL
// error, so GDAL's own message says why the request failed.
void refuse(const std::string& what, bool reportError = true)
{
    {
        const std::lock_guard lock(g_refusedMutex);
        g_refused.try_emplace(std::this_thread::get_id(), what); // the first reach is the one to name
    }
    if (reportError) {
        CPLError(CE_Failure, CPLE_AppDefined, "%s", refusalMessage(what).c_str());
    }
}

// Every HTTP(S) request GDAL makes through CPLHTTPFetch (GeoJSON crs links, OSR's URL import, GML's schema
// download, geocoding, the WFS/OAPIF/Carto/Elasticsearch… drivers) comes here first when the network is off.
// The result is a failed transfer with no data: callers treat it as a network error and write nothing (the
// geocoder caches only answers that have data).
CPLHTTPResult* refuseHttp(const char* url, CSLConstList /*options*/, GDALProgressFunc /*progress*/,
    void* /*progressArg*/, CPLHTTPFetchWriteFunc /*write*/, void* /*writeArg*/, void* /*userData*/)
{
    const std::string what = url != nullptr ? url : "a URL";
    refuse(what);
    auto* result = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
    result->nStatus = 1; // like a curl error: no HTTP status
    result->pszErrBuf = CPLStrdup(refusalMessage(what).c_str());
    return result;
}

// Stands in for GDAL's network file systems (/vsicurl/, /vsis3/…) while the network is off, wherever the path
// comes from: the command line, a VRT's source, a file inside /vsizip/, a geocoding cache name.
class RefusingFilesystem final : public VSIFilesystemHandler {
public:
    using VSIFilesystemHandler::Open;
    VSIVirtualHandle* Open(const char* path, const char* /*access*/, bool setError, CSLConstList /*options*/) override
    {
        refuse(path, setError);
        errno = EACCES;
        return nullptr;
    }
    int Stat(const char* path, VSIStatBufL* /*stat*/, int flags) override
    {
        refuse(path, (flags & VSI_STAT_SET_ERROR_FLAG) != 0);
        errno = EACCES;
        return -1;
    }
    char** ReadDirEx(const char* path, int /*maxFiles*/) override
    {
        refuse(path, false);
        return nullptr;
    }
    char** SiblingFiles(const char* path) override
    {
        refuse(path, false);
        return nullptr;
    }
    bool IsLocal(const char* /*path*/) override { return false; }
};

// GDAL 3.6's network file systems; a prefix this build lacks is left alone (GDAL then reads it as a local name).
// "/vsicurl?" (/vsicurl?url=…) is a handler of its own that GDAL's prefix list leaves out.
constexpr const char* kNetworkPrefixes[] = {
    "/vsicurl/",
    "/vsicurl?",
    "/vsicurl_streaming/",
    "/vsis3/",
    "/vsis3_streaming/",
    "/vsigs/",
    "/vsigs_streaming/",
    "/vsiaz/",
    "/vsiaz_streaming/",
    "/vsiadls/",
    "/vsioss/",
    "/vsioss_streaming/",
    "/vsiswift/",
    "/vsiswift_streaming/",
    "/vsiwebhdfs/",
    "/vsihdfs/",
};

// Drivers that open connections of their own, which neither the fetch callback nor the file systems above see:
// database clients (libpq, MySQL, ODBC, Oracle, HANA, MongoDB), OGDI's gltp:// protocol, TileDB's cloud I/O, and
// the raster web services (batch requests through CPLHTTPMultiFetch). They are deregistered while the network is
// off, as is any other driver with a connection prefix ("XYZ:") not listed below.
constexpr const char* kOwnConnectionDrivers[] = {
    "PostgreSQL",
    "PostGISRaster",
    "MySQL",
    "MSSQLSpatial",
    "ODBC",
    "OGR_OGDI",
    "OCI",
    "HANA",
    "MongoDBv3",
    "TileDB",
    "GNMDatabase",
    "WMS",
    "WMTS",
    "WCS",
    "EEDAI",
    "PLMOSAIC",
    "DAAS",
};
// Drivers with a connection prefix that stay: web-service drivers whose every request goes through
// CPLHTTPFetch or /vsicurl/ (refused above, naming the URL), and two local ones (GPSBabel runs a local program on
// local files; GMLAS reads local GML).
constexpr const char* kKeptConnectionDrivers[] = {
    "WFS",
    "OAPIF",
    "OGCAPI",
    "CSW",
    "EEDA",
    "Elasticsearch",
    "Carto",
    "AmigoCloud",
    "PLSCENES",
    "NGW",
    "GPSBabel",
    "GMLAS",
};
// Names a deregistered driver takes besides its connection prefix.
constexpr std::pair<const char*, const char*> kExtraPrefixes[] = {{"OGR_OGDI", "gltp:"}};
// Deregistered drivers whose files can be local (.mdb for ODBC): only their connection strings are claimed.
constexpr const char* kMatchByPrefixOnly[] = {"ODBC", "OGR_OGDI"};

bool listed(const char* name, const auto& list)
{
    return std::any_of(std::begin(list), std::end(list), [&](const char* n) { return EQUAL(n, name); });
}

struct State {
    std::mutex mutex;
    std::map<std::string, VSIFilesystemHandler*> originalHandlers; // prefix → GDAL's own handler
    VSIFilesystemHandler* refusing = nullptr; // owned by GDAL while installed
    std::vector<GDALDriver*> networkDrivers; // deregistered while the network is off
    GDALDriver* guardDriver = nullptr; // registered while the network is off
};

// Never destroyed: GDAL deletes the handlers and drivers installed at exit, and the ones set aside must stay
// reachable until then.
State& state()
{
    static State* s = new State();
    return *s;
}

// Last in GDAL's driver list while the network is off: claims what the deregistered drivers would have opened
// ("PG:…", "MYSQL:…", "ODBC:…" connections, a WMS service description), so it fails with the reason instead of
// "not a supported format".
GDALDataset* guardOpen(GDALOpenInfo* info)
{
    for (GDALDriver* driver : state().networkDrivers) {
        const char* prefix = driver->GetMetadataItem(GDAL_DMD_CONNECTION_PREFIX);
        bool claims = prefix != nullptr && STARTS_WITH_CI(info->pszFilename, prefix);
        for (const auto& [name, extra] : kExtraPrefixes) {
            claims = claims || (EQUAL(driver->GetDescription(), name) && STARTS_WITH_CI(info->pszFilename, extra));
        }
        if (!claims && !listed(driver->GetDescription(), kMatchByPrefixOnly)) {
            const int identified = driver->pfnIdentify != nullptr ? driver->pfnIdentify(info)
                : driver->pfnIdentifyEx != nullptr                ? driver->pfnIdentifyEx(driver, info)
                                                                  : FALSE;
            claims = identified == TRUE;
        }
        if (claims) {
            // Named by its driver: GDAL's OGDI driver, say, opens sockets for gltp:// even when the data is local.
            refuse(std::string(info->pszFilename) + " (read by GDAL's " + driver->GetDescription() +
                   " driver, which opens network connections of its own)");
            return nullptr;
        }
    }
    return nullptr;
}

void initialise(State& s)
{
    GDALAllRegister();
    std::vector<std::string> candidates(std::begin(kNetworkPrefixes), std::end(kNetworkPrefixes));
    char** prefixes = VSIFileManager::GetPrefixes();
    for (int i = 0; prefixes != nullptr && prefixes[i] != nullptr; ++i) {
        candidates.emplace_back(prefixes[i]);
    }
    CSLDestroy(prefixes);
    VSIFilesystemHandler* local = VSIFileManager::GetHandler("/corridor/a/local/name");
    for (const std::string& prefix : candidates) {
        VSIFilesystemHandler* handler = VSIFileManager::GetHandler(prefix.c_str());
        if (handler != local && (listed(prefix.c_str(), kNetworkPrefixes) || !handler->IsLocal(prefix.c_str()))) {
            s.originalHandlers[prefix] = handler;
        }
    }
    s.refusing = new RefusingFilesystem();

    GDALDriverManager* manager = GetGDALDriverManager();
    for (int i = 0; i < manager->GetDriverCount(); ++i) {
        GDALDriver* driver = manager->GetDriver(i);
        const char* name = driver->GetDescription();
        const bool connects
            = driver->GetMetadataItem(GDAL_DMD_CONNECTION_PREFIX) != nullptr && !listed(name, kKeptConnectionDrivers);
        if (listed(name, kOwnConnectionDrivers) || connects) {
            s.networkDrivers.push_back(driver);
        }
    }
    s.guardDriver = new GDALDriver();
    s.guardDriver->SetDescription("CorridorNetworkOff");
    s.guardDriver->SetMetadataItem(GDAL_DMD_LONGNAME, "Refuses network sources while the network is off");
    s.guardDriver->SetMetadataItem(GDAL_DCAP_VECTOR, "YES");
    s.guardDriver->SetMetadataItem(GDAL_DCAP_RASTER, "YES");
    s.guardDriver->pfnOpen = guardOpen;

    // PROJ: grid downloads stay off in every context, GDAL's per-thread ones included (they read PROJ_NETWORK
    // when created; ours also switch it off themselves, see proj.cpp).
    setenv("PROJ_NETWORK", "OFF", 1);
    CPLSetConfigOption("PROJ_NETWORK", "OFF");
    OSRSetPROJEnableNetwork(FALSE);
    // A slow server should not hang a load for minutes.
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "10");
    // The geocoder's default cache is a file in the working folder; keep it in memory (a VRT naming its own
    // cache still writes there, but only after an answer came back, which needs the network).
    CPLSetConfigOption("OGR_GEOCODE_CACHE_FILE", "/vsimem/corridor_geocode_cache.sqlite");
}

void apply(State& s, bool allow)
{
    for (const auto& [prefix, original] : s.originalHandlers) {
        VSIFileManager::InstallHandler(prefix, allow ? original : s.refusing);
    }
    GDALDriverManager* manager = GetGDALDriverManager();
    for (GDALDriver* driver : s.networkDrivers) {
        const bool registered = manager->GetDriverByName(driver->GetDescription()) == driver;
        if (allow && !registered) {
            manager->RegisterDriver(driver);
        } else if (!allow && registered) {
            manager->DeregisterDriver(driver);
        }
    }
    const bool guardRegistered = manager->GetDriverByName(s.guardDriver->GetDescription()) == s.guardDriver;
    if (allow && guardRegistered) {
        manager->DeregisterDriver(s.guardDriver);
    } else if (!allow && !guardRegistered) {
        manager->RegisterDriver(s.guardDriver);
    }
    CPLHTTPSetFetchCallback(allow ? nullptr : refuseHttp, nullptr);
    // GML asks for a WFS DescribeFeatureType schema when the file names one; without it GML reads the schema
    // from the data, so it loads instead of failing on the refused request.
    CPLSetConfigOption("GML_DOWNLOAD_WFS_SCHEMA", allow ? nullptr : "NO");
    g_allowed = allow;
}

} // namespace

void initGdal()
{
    static std::once_flag once;
    std::call_once(once, [] {
        State& s = state();
        const std::lock_guard lock(s.mutex);
        initialise(s);
        apply(s, false);
    });
}

void configureNetwork(bool allow)
{
    initGdal();
    State& s = state();
    const std::lock_guard lock(s.mutex);
    apply(s, allow);
}

bool networkAllowed()
{
    return g_allowed;
}

std::optional<std::string> refusedNetworkAccess()
{
    const std::lock_guard lock(g_refusedMutex);
    const auto found = g_refused.find(std::this_thread::get_id());
    return found == g_refused.end() ? std::nullopt : std::optional<std::string>(found->second);
}

void clearRefusedNetworkAccess()
{
    const std::lock_guard lock(g_refusedMutex);
    g_refused.erase(std::this_thread::get_id());
}

void recordRefusedNetworkAccess(const std::string& what)
{
    refuse(what, false);
}

void throwIfNetworkRefused(const std::string& file, const std::string& layer)
{
    if (const std::optional<std::string> what = refusedNetworkAccess()) {
        throw core::LoadError(file, layer, -1, refusalMessage(*what));
    }
}

} // namespace corridor::geo

#include "geo/source_checks.hpp"

#include "core/ascii.hpp"
#include "core/text_clip.hpp"
#include "geo/network.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace corridor::geo {

namespace {

namespace fs = std::filesystem;

std::string lower(const std::string& text) { return core::asciiLower(text); }

// GDAL relays PROJ's errors as "PROJ: …"; its own CRS messages name the SRS, the CRS or the WKT.
bool isCrsMessage(const std::string& message)
{
    const std::string text = lower(message);
    for (const char* word : {"proj:", "srs", "crs", "spatial reference", "coordinate system", "well-known text",
                             "wkt", "projection"}) {
        if (text.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

bool isShapefile(GDALDataset& dataset)
{
    const GDALDriver* driver = dataset.GetDriver();
    return driver != nullptr && std::string(driver->GetDescription()) == "ESRI Shapefile";
}

// The shapefile's own file with this extension ("x.dbf", "x.DBF"), or "" when there is none. GDAL leaves a
// sidecar it could not read out of GetFileList, so the folder is asked.
std::string shapefileSidecar(OGRLayer& layer, const std::string& path, const std::string& extension)
{
    std::error_code ec;
    const fs::path base = fs::is_directory(path, ec) ? fs::path(path) / layer.GetName() : fs::path(path);
    for (const std::string& ext : {lower(extension), extension}) {
        fs::path file = base;
        file.replace_extension(ext);
        if (fs::exists(file, ec)) {
            return file.string();
        }
    }
    return {};
}

long long csvLineLimit(GDALDataset& dataset)
{
    constexpr long long kGdalDefault = 10'000'000; // GDAL 3.6's OGR_CSV_DEFAULT_MAX_LINE_SIZE
    GDALDriver* driver = dataset.GetDriver();
    const char* options = driver != nullptr ? driver->GetMetadataItem(GDAL_DMD_OPENOPTIONLIST) : nullptr;
    if (options == nullptr) {
        return kGdalDefault;
    }
    const std::string list = options;
    const std::size_t option = list.find("MAX_LINE_SIZE");
    const std::size_t def = option == std::string::npos ? option : list.find("default=", option);
    if (def == std::string::npos || def + 9 >= list.size()) {
        return kGdalDefault;
    }
    const long long value = std::atoll(list.c_str() + def + 9); // past default=' or default="
    return value > 0 ? value : kGdalDefault;
}

// The first line of `path` longer than `limit` bytes (1-based), or 0 when there is none or the file cannot be read.
std::int64_t firstLineLongerThan(const std::string& path, long long limit)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return 0;
    }
    std::vector<char> buffer(1 << 20);
    std::int64_t line = 1;
    long long length = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const std::streamsize n = in.gcount();
        for (std::streamsize i = 0; i < n; ++i) {
            if (buffer[static_cast<std::size_t>(i)] == '\n') {
                ++line;
                length = 0;
            } else if (++length > limit) {
                return line;
            }
        }
    }
    return 0;
}

std::string withThousands(long long value)
{
    std::string digits = std::to_string(value);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

} // namespace

std::optional<std::string> unresolvedCrs(GDALDataset& dataset, OGRLayer& layer, const std::string& path,
                                         const OGRSpatialReference* srs, const std::vector<std::string>& openMessages,
                                         const std::vector<std::string>& srsMessages)
{
    const std::string suffix = "; not drawn rather than guessed";
    if (!srsMessages.empty()) {
        return "its CRS cannot be resolved (GDAL: " + core::clipEcho(srsMessages.back()) + ")" + suffix;
    }
    // An open-time message cannot name its layer: it belongs to a file's only layer, or to one left without a CRS.
    if (dataset.GetLayerCount() == 1 || srs == nullptr) {
        for (const std::string& m : openMessages) {
            if (isCrsMessage(m)) {
                const std::string fallback = srs != nullptr && srs->GetName() != nullptr
                                                 ? "; GDAL falls back to " + std::string(srs->GetName())
                                                 : "";
                return "its CRS cannot be resolved (GDAL: " + core::clipEcho(m) + fallback + ")" + suffix;
            }
        }
    }
    if (srs == nullptr && isShapefile(dataset)) {
        if (const std::string prj = shapefileSidecar(layer, path, ".PRJ"); !prj.empty()) {
            return "its CRS cannot be resolved: " + fs::path(prj).filename().string() +
                   " is not a CRS that GDAL can read" + suffix;
        }
    }
    return std::nullopt;
}

std::optional<std::string> csvReadProblem(GDALDataset& dataset, const std::string& path,
                                          const std::vector<std::string>& readMessages, std::int64_t featuresRead)
{
    GDALDriver* driver = dataset.GetDriver();
    if (driver == nullptr || std::string(driver->GetDescription()) != "CSV" || readMessages.empty()) {
        return std::nullopt;
    }
    // GDAL's message does not say where; the file does. (Only a line that really is too long is reported: GDAL
    // also warns about harmless things while reading a CSV.)
    const long long limit = csvLineLimit(dataset);
    if (const std::int64_t line = firstLineLongerThan(path, limit); line > 0) {
        return "line " + std::to_string(line) + " is longer than " + withThousands(limit) +
               " bytes (GDAL's CSV line limit); GDAL stopped there after " + std::to_string(featuresRead) +
               " feature(s), so the file was not loaded";
    }
    return std::nullopt;
}

std::optional<std::string> missingAttributes(GDALDataset& dataset, OGRLayer& layer, const std::string& path)
{
    if (!isShapefile(dataset)) {
        return std::nullopt;
    }
    // GDAL stamps the .dbf's date on a layer whose .dbf it opened, and a .dbf has at least one field; a layer with
    // neither was read without its .dbf.
    if (layer.GetMetadataItem("DBF_DATE_LAST_UPDATE") != nullptr || layer.GetLayerDefn()->GetFieldCount() > 0) {
        return std::nullopt;
    }
    if (const std::string dbf = shapefileSidecar(layer, path, ".DBF"); !dbf.empty()) {
        return "attributes missing: " + fs::path(dbf).filename().string() +
               " corrupt (GDAL cannot read it); geometry only";
    }
    std::error_code ec;
    const fs::path shp = fs::is_directory(path, ec) ? fs::path(path) / layer.GetName() : fs::path(path);
    return "attributes missing: " + shp.stem().string() + ".dbf not found; geometry only";
}

std::optional<std::string> unfetchedSchema(GDALDataset& dataset, const std::string& path)
{
    if (networkAllowed() || dataset.GetDriver() == nullptr ||
        std::string(dataset.GetDriver()->GetDescription()) != "GML") {
        return std::nullopt;
    }
    // The root element's attributes are in the first few kilobytes.
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (f == nullptr) {
        return std::nullopt;
    }
    std::string head(8192, '\0');
    head.resize(VSIFReadL(head.data(), 1, head.size(), f));
    VSIFCloseL(f);
    const std::size_t at = head.find("schemaLocation=");
    if (at == std::string::npos || at + 16 > head.size()) {
        return std::nullopt;
    }
    const char quote = head[at + 15];
    const std::size_t end = head.find(quote, at + 16);
    const std::string locations = head.substr(at + 16, end == std::string::npos ? std::string::npos : end - at - 16);
    // Pairs of "namespace location": the locations are the second of each pair.
    std::istringstream tokens(locations);
    std::string ns, location;
    while (tokens >> ns >> location) {
        if (location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0) {
            for (std::size_t a = location.find("&amp;"); a != std::string::npos; a = location.find("&amp;", a + 1)) {
                location.replace(a, 5, "&"); // as XML escapes it
            }
            return "its schema " + core::clipEcho(location) +
                   " was not fetched (network off; --allow-network fetches it): fields as GDAL reads them from the data";
        }
    }
    return std::nullopt;
}

} // namespace corridor::geo

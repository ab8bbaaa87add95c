#include "geo/georef.hpp"

#include "core/atomic_file.hpp"
#include "core/file_kind.hpp"
#include "geo/gdal_util.hpp"
#include "geo/loader.hpp"

#include <cpl_minixml.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <charconv>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace corridor::geo {

namespace {

// The shortest decimal that reads back as the same double, in fixed notation (world file readers are not all
// happy with exponents).
std::string exactDecimal(double value)
{
    char text[512];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value == 0.0 ? 0.0 : value, std::chars_format::fixed);
    if (ec != std::errc()) {
        throw std::runtime_error("a world file value cannot be written: " + std::to_string(value));
    }
    return std::string(text, end);
}

// `crs` read by GDAL, x = longitude/easting whatever the CRS's axis order, without file or network access.
OGRSpatialReference readCrs(const std::string& crs)
{
    initGdal();
    GdalErrorCollector errors;
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (crs.empty() || srs.SetFromUserInput(crs.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) !=
                           OGRERR_NONE) {
        throw std::runtime_error("the view CRS '" + crs + "' cannot be written as WKT: " +
                                 errors.lastError("GDAL does not recognise it"));
    }
    return srs;
}

std::optional<std::string> exportWkt(const OGRSpatialReference& srs, const char* format)
{
    const GdalErrorCollector quiet; // a format that cannot express the CRS says so: that is an answer, not noise
    const char* const options[] = {format, nullptr};
    char* wkt = nullptr;
    const OGRErr err = srs.exportToWkt(&wkt, options);
    std::unique_ptr<char, decltype(&CPLFree)> owned(wkt, &CPLFree);
    if (err != OGRERR_NONE || wkt == nullptr || *wkt == '\0') {
        return std::nullopt;
    }
    return std::string(wkt);
}

// True when `wkt`, read back as GDAL reads a sidecar, is the same CRS as `srs` (OSRIsSame: names aside, and the
// axis order of a geographic CRS aside: ESRI's GEOGCS has no axes and means longitude first, EPSG:4326 declares
// latitude first, and both are read with x = longitude).
bool saysTheSame(const std::string& wkt, const OGRSpatialReference& srs)
{
    const GdalErrorCollector quiet;
    OGRSpatialReference back;
    back.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const char* const options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    return back.importFromWkt(wkt.c_str()) == OGRERR_NONE && back.IsSame(&srs, options);
}

// The first of `formats` that says the same CRS; the last one that could be written at all otherwise.
std::string bestWkt(const std::string& crs, std::initializer_list<const char*> formats)
{
    const OGRSpatialReference srs = readCrs(crs);
    std::optional<std::string> fallback;
    for (const char* format : formats) {
        if (std::optional<std::string> wkt = exportWkt(srs, format)) {
            if (saysTheSame(*wkt, srs)) {
                return *wkt;
            }
            fallback = std::move(wkt);
        }
    }
    if (!fallback) {
        throw std::runtime_error("the view CRS '" + crs + "' cannot be written as WKT by GDAL");
    }
    return *fallback;
}

bool allUpper(const std::string& text)
{
    bool letters = false;
    for (const char c : text) {
        if (std::islower(static_cast<unsigned char>(c))) {
            return false;
        }
        letters = letters || std::isupper(static_cast<unsigned char>(c));
    }
    return letters;
}

// The input among `inputs` whose CRS file `prj` would replace or become: the same folder (by device and inode,
// whatever the paths) and the same name before the extension, where a .prj is there already or the input's
// driver reads one (GDAL's Shapefile and CSV drivers take `NAME.prj` as the data's CRS).
std::optional<std::string> inputOwningPrj(const std::string& prj, const std::vector<std::string>& inputs)
{
    namespace fs = std::filesystem;
    const auto folderOf = [](const fs::path& p) { return p.has_parent_path() ? p.parent_path() : fs::path("."); };
    const fs::path side(prj);
    struct stat sideFolder {};
    if (::stat(folderOf(side).c_str(), &sideFolder) != 0) {
        return std::nullopt;
    }
    struct stat existing {};
    const bool prjExists = ::stat(prj.c_str(), &existing) == 0;
    for (const std::string& input : inputs) {
        const fs::path in(input);
        struct stat inFolder {};
        if (input.empty() || in.stem() != side.stem() || ::stat(folderOf(in).c_str(), &inFolder) != 0 ||
            inFolder.st_dev != sideFolder.st_dev || inFolder.st_ino != sideFolder.st_ino) {
            continue;
        }
        std::string ext = in.extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (prjExists || ext == ".shp" || ext == ".shx" || ext == ".dbf" || ext == ".csv") {
            return input;
        }
    }
    return std::nullopt;
}

} // namespace

GeoTransform geoTransform(const core::Camera& camera)
{
    const core::Vec2d corner = camera.screenToWorld({0.0, 0.0});
    return {corner.x, camera.unitsPerPixel, 0.0, corner.y, 0.0, -camera.unitsPerPixel};
}

std::string worldFileText(const GeoTransform& t)
{
    // The world file names the centre of the top-left pixel: half a pixel in from the corner, along both axes.
    const double cx = t[0] + 0.5 * t[1] + 0.5 * t[2];
    const double cy = t[3] + 0.5 * t[4] + 0.5 * t[5];
    std::string text;
    for (const double v : {t[1], t[4], t[2], t[5], cx, cy}) {
        text += exactDecimal(v) + "\n";
    }
    return text;
}

std::string prjWkt(const std::string& crs) { return bestWkt(crs, {"FORMAT=WKT1_ESRI", "FORMAT=WKT1", "FORMAT=WKT2_2019"}); }

std::string pamWkt(const std::string& crs) { return bestWkt(crs, {"FORMAT=WKT1", "FORMAT=WKT2_2019"}); }

std::string pamAuxXml(const std::string& crs)
{
    const std::string wkt = pamWkt(crs);
    OGRSpatialReference srs = readCrs(crs);
    std::string mapping;
    for (const int axis : srs.GetDataAxisToSRSAxisMapping()) {
        if (!mapping.empty()) {
            mapping += ','; // not `"," + to_string(…)`: GCC 12's -Wrestrict misreads that once inlined (PR105651)
        }
        mapping += std::to_string(axis);
    }
    const CPLXMLTreeCloser root(CPLCreateXMLNode(nullptr, CXT_Element, "PAMDataset"));
    CPLXMLNode* node = CPLCreateXMLElementAndValue(root.get(), "SRS", wkt.c_str());
    CPLAddXMLAttributeAndValue(node, "dataAxisToSRSAxisMapping", mapping.c_str());
    std::unique_ptr<char, decltype(&CPLFree)> text(CPLSerializeXMLTree(root.get()), &CPLFree);
    if (!text) {
        throw std::runtime_error("the .aux.xml for the view CRS '" + crs + "' cannot be made");
    }
    return text.get();
}

Sidecars sidecarsOf(const std::string& imagePath)
{
    namespace fs = std::filesystem;
    const fs::path image(imagePath);
    std::string ext = image.extension().string();
    if (!ext.empty()) {
        ext.erase(0, 1); // the dot
    }
    std::string worldExt = "wld";
    if (ext.size() >= 2) {
        worldExt = {ext.front(), ext.back(), allUpper(ext) ? 'W' : 'w'};
    }
    fs::path world = image, prj = image;
    world.replace_extension(worldExt);
    prj.replace_extension(allUpper(ext) ? "PRJ" : "prj");
    return {world.string(), prj.string(), imagePath + ".aux.xml"};
}

std::optional<std::string> sidecarProblem(const std::string& imagePath, const std::vector<std::string>& inputs)
{
    const Sidecars s = sidecarsOf(imagePath);
    const std::pair<const std::string*, const char*> all[] = {
        {&s.worldFile, "world file"}, {&s.prj, ".prj"}, {&s.auxXml, ".aux.xml"}};
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(imagePath).has_parent_path() ? fs::path(imagePath).parent_path() : fs::path(".");
    const long nameMax = ::pathconf(folder.c_str(), _PC_NAME_MAX);
    const std::size_t limit = nameMax > 0 ? static_cast<std::size_t>(nameMax) : NAME_MAX;
    for (const auto& [path, what] : all) {
        const std::size_t length = fs::path(*path).filename().string().size();
        if (length > limit) {
            // `NAME.png.aux.xml` is 8 bytes longer than a name that may itself be at the limit.
            return *path + ", the " + what + " of " + imagePath + ", would be a " + std::to_string(length) +
                   "-byte name, longer than the " + std::to_string(limit) + " bytes the file system allows; give the "
                   "image a name " + std::to_string(length - limit) + " bytes shorter";
        }
        if (*path == imagePath) {
            return imagePath + ": its " + what + " would have the same name and replace it; give the image another "
                               "extension (.png)";
        }
        if (path == &s.prj) {
            if (std::optional<std::string> input = inputOwningPrj(*path, inputs)) {
                return *path + ", the .prj of " + imagePath + ", would be read as the CRS of the input " + *input +
                       " (same folder, same name); export under another name";
            }
        }
        struct stat st {};
        if (::stat(path->c_str(), &st) != 0) {
            continue; // nothing there (or unreadable: writing says why)
        }
        if (!S_ISREG(st.st_mode)) {
            return *path + ", the " + what + " of " + imagePath + ", is " + std::string(core::fileKindName(st.st_mode)) +
                   "; remove it or export under another name";
        }
    }
    return std::nullopt;
}

SidecarTexts sidecarTexts(const std::string& crs) { return {prjWkt(crs) + "\n", pamAuxXml(crs)}; }

void writeSidecars(const std::string& imagePath, const core::Camera& camera, const std::string& crs)
{
    if (std::optional<std::string> problem = sidecarProblem(imagePath)) {
        throw std::runtime_error(*problem + "; nothing was written");
    }
    writeSidecars(imagePath, camera, sidecarTexts(crs)); // made first: a CRS GDAL cannot write fails before any file
}

void writeSidecars(const std::string& imagePath, const core::Camera& camera, const SidecarTexts& texts)
{
    if (std::optional<std::string> problem = sidecarProblem(imagePath)) {
        throw std::runtime_error(*problem + "; nothing was written");
    }
    const Sidecars s = sidecarsOf(imagePath);
    core::AtomicWriteOptions options;
    options.what = "world file";
    core::writeFileAtomically(s.worldFile, worldFileText(geoTransform(camera)), options);
    options.what = ".prj";
    core::writeFileAtomically(s.prj, texts.prj, options);
    options.what = ".aux.xml";
    core::writeFileAtomically(s.auxXml, texts.auxXml, options);
}

} // namespace corridor::geo

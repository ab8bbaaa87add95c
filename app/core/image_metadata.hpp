#pragma once
// What an exported map says about itself: the text a PNG carries in tEXt/iTXt chunks and a GeoTIFF in its TIFF
// tags and GDAL metadata. Plain data and formatting, no I/O.

#include "core/map_document.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace corridor::core {

struct ImageMetadata {
    // The caller's (the slide's words); empty ones are left out.
    std::string title;
    std::string subtitle; // "Description" in the file
    std::string sources;  // the sources line: "Source" in the file
    std::string comment;
    // The export's own (platform::exportMap fills them).
    std::string software;                                         // softwareName()
    std::optional<std::chrono::system_clock::time_point> created; // when the image was made
    std::string crs;                                              // the view CRS as given (EPSG code, PROJ, WKT)
    std::optional<GeoBox> bbox;                                   // the view's lon/lat extent, degrees
};

// "Corridor <version>": the version CMake's project() declares (`corridor --version` prints the same number).
std::string softwareName();

// RFC 1123 in UTC, as the PNG specification recommends for Creation Time: "Sun, 06 Nov 1994 08:49:37 GMT".
// Independent of the locale.
std::string rfc1123(std::chrono::system_clock::time_point time);
// TIFF's DateTime tag (TIFF 6.0): "1994:11:06 08:49:37", UTC.
std::string tiffDateTime(std::chrono::system_clock::time_point time);
// "west,south,east,north" in degrees with 6 decimals (about 0.1 m), "." as the decimal point.
std::string bboxText(const GeoBox& box);

// One key and its UTF-8 value.
struct TextEntry {
    std::string key;
    std::string value;
};

// The metadata as PNG text keywords, in this order, empty values left out: the registered keywords Title,
// Description (subtitle), Software, Creation Time (rfc1123), Source (sources); then CRS, BBox (bboxText) and
// Comment (the registered keyword; last because it is the least structured).
std::vector<TextEntry> textEntries(const ImageMetadata& metadata);

} // namespace corridor::core

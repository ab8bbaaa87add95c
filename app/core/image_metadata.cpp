#include "core/image_metadata.hpp"

#include <cstdio>
#include <ctime>

#ifndef CORRIDOR_VERSION
#error "CORRIDOR_VERSION must be defined (app/CMakeLists.txt: the project's version)"
#endif

namespace corridor::core {

namespace {

std::tm utc(std::chrono::system_clock::time_point time)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

} // namespace

std::string softwareName() { return std::string("Corridor ") + CORRIDOR_VERSION; }

std::string rfc1123(std::chrono::system_clock::time_point time)
{
    // Not strftime's %a/%b: they follow the locale, and the format wants the English names.
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::tm tm = utc(time);
    char text[96]; // ints print up to 11 characters each: room for any tm
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7], tm.tm_mday,
                  kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return text;
}

std::string tiffDateTime(std::chrono::system_clock::time_point time)
{
    const std::tm tm = utc(time);
    char text[96];
    std::snprintf(text, sizeof text, "%04d:%02d:%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    return text;
}

std::string bboxText(const GeoBox& box)
{
    // snprintf follows LC_NUMERIC; the program never sets it, so "." stays the decimal point.
    char text[128];
    std::snprintf(text, sizeof text, "%.6f,%.6f,%.6f,%.6f", box.west, box.south, box.east, box.north);
    return text;
}

std::vector<TextEntry> textEntries(const ImageMetadata& metadata)
{
    std::vector<TextEntry> out;
    const auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            out.push_back({key, value});
        }
    };
    add("Title", metadata.title);
    add("Description", metadata.subtitle);
    add("Software", metadata.software);
    add("Creation Time", metadata.created ? rfc1123(*metadata.created) : std::string());
    add("Source", metadata.sources);
    add("CRS", metadata.crs);
    add("BBox", metadata.bbox ? bboxText(*metadata.bbox) : std::string());
    add("Comment", metadata.comment);
    return out;
}

} // namespace corridor::core

#include "core/map_document.hpp"

#include "core/style.hpp"

#include <charconv>
#include <cmath>
#include <span>

namespace corridor::core {

namespace {

// The comma-separated numbers of `text` ("needs four numbers lon0,lat0,lon1,lat1") into `v`; an error naming what
// they are (`what`: "bbox") and the one that is not a number, else nullopt.
std::optional<std::string> parseNumbers(const std::string& text, std::span<double> v, const std::string& what,
                                        const char* count, const char* form)
{
    std::size_t pos = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::size_t comma = i + 1 < v.size() ? text.find(',', pos) : text.size();
        if (comma == std::string::npos) {
            return what + " needs " + count + " numbers " + form + "; got '" + text + "'";
        }
        const char* begin = text.data() + pos;
        const char* end = text.data() + comma;
        while (begin < end && *begin == ' ') {
            ++begin;
        }
        const auto [ptr, ec] = std::from_chars(begin, end, v[i]);
        if (ec != std::errc() || ptr != end || !std::isfinite(v[i])) {
            return what + " value " + std::to_string(i + 1) + " is not a number in '" + text + "'";
        }
        pos = comma + 1;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> parseGeoBox(const std::string& text, GeoBox& out)
{
    double v[4] = {};
    if (auto error = parseNumbers(text, v, "bbox", "four", "lon0,lat0,lon1,lat1")) {
        return error;
    }
    if (v[0] < -180.0 || v[2] > 180.0 || v[0] > 180.0 || v[2] < -180.0) {
        return "bbox longitudes must lie in -180..180; got '" + text + "'";
    }
    if (v[1] < -90.0 || v[3] > 90.0 || v[1] > 90.0 || v[3] < -90.0) {
        return "bbox latitudes must lie in -90..90; got '" + text + "'";
    }
    if (!(v[0] < v[2])) {
        return "bbox lon0 must be less than lon1 (west before east); got '" + text + "'";
    }
    if (!(v[1] < v[3])) {
        return "bbox lat0 must be less than lat1 (south before north); got '" + text + "'";
    }
    out = {v[0], v[1], v[2], v[3]};
    return std::nullopt;
}

std::optional<std::string> parseViewCentre(const std::string& text, ViewCentre& out)
{
    double v[3] = {};
    if (auto error = parseNumbers(text, v, "view", "three", "lon,lat,zoom")) {
        return error;
    }
    if (v[0] < -180.0 || v[0] > 180.0) {
        return "view longitude must lie in -180..180; got '" + text + "'";
    }
    if (v[1] < -90.0 || v[1] > 90.0) {
        return "view latitude must lie in -90..90; got '" + text + "'";
    }
    if (v[2] < 0.0 || v[2] > 30.0) {
        return "view zoom must lie in 0..30 (web-map levels); got '" + text + "'";
    }
    out = {v[0], v[1], v[2]};
    return std::nullopt;
}

double unitsPerPixelAtZoom(double zoom)
{
    return kZoom0MetresPerPixel / std::exp2(zoom);
}

std::optional<std::string> parseImageSize(const std::string& text, ImageSize& out, int maxSide)
{
    const std::size_t x = text.find_first_of("xX");
    if (x == std::string::npos) {
        return "size must be WIDTHxHEIGHT, e.g. 1920x1080; got '" + text + "'";
    }
    long long v[2] = {};
    const std::string parts[2] = {text.substr(0, x), text.substr(x + 1)};
    for (int i = 0; i < 2; ++i) {
        const char* begin = parts[i].data();
        const char* end = begin + parts[i].size();
        const auto [ptr, ec] = std::from_chars(begin, end, v[i]);
        if (parts[i].empty() || ec != std::errc() || ptr != end) {
            return "size must be WIDTHxHEIGHT with whole numbers, e.g. 1920x1080; got '" + text + "'";
        }
    }
    if (v[0] < 1 || v[1] < 1 || v[0] > maxSide || v[1] > maxSide) {
        return "size " + text + " is out of range: each side must be 1.." + std::to_string(maxSide) + " pixels";
    }
    out = {static_cast<int>(v[0]), static_cast<int>(v[1])};
    return std::nullopt;
}

bool FeaturesInView::answers(const Bounds& view) const
{
    const bool same = view.minX == box.minX && view.minY == box.minY && view.maxX == box.maxX && view.maxY == box.maxY;
    const bool holds = whole && (box.empty() || (view.contains({box.minX, box.minY}) && view.contains({box.maxX, box.maxY})));
    return same || holds;
}

} // namespace corridor::core

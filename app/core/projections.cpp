#include "core/projections.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>
#include <vector>

namespace corridor::core {

namespace {

constexpr std::array<ProjectionPreset, 4> kPresets{{
    {"corridor", "Corridor conic (Lambert, 25°/55°N)",
     "+proj=lcc +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"},
    {"mercator", "Web Mercator (EPSG:3857)", "EPSG:3857"},
    // Equal-area on the same parallels as the corridor conic: areas of the basins and fields compare truly.
    {"albers", "Equal-area conic (Albers, 25°/55°N)",
     "+proj=aea +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"},
    {"platecarree", "Plate carrée (equirectangular)",
     "+proj=eqc +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"},
}};

// The words of a definition, without the flags that do not change the CRS, for comparing two spellings.
std::vector<std::string> words(const std::string& definition)
{
    std::istringstream in(definition);
    std::vector<std::string> out;
    for (std::string w; in >> w;) {
        if (w != "+no_defs" && w != "+type=crs") {
            out.push_back(w);
        }
    }
    return out;
}

} // namespace

std::span<const ProjectionPreset> projectionPresets()
{
    return kPresets;
}

const ProjectionPreset* findPreset(const std::string& key)
{
    for (const ProjectionPreset& p : kPresets) {
        if (key == p.key) {
            return &p;
        }
    }
    return nullptr;
}

const ProjectionPreset* presetFor(const std::string& definition)
{
    const std::vector<std::string> w = words(definition);
    for (const ProjectionPreset& p : kPresets) {
        if (words(p.definition) == w) {
            return &p;
        }
    }
    return nullptr;
}

std::optional<std::string> normaliseCrsInput(const std::string& typed, std::string& why)
{
    const auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
    const auto first = std::find_if_not(typed.begin(), typed.end(), blank);
    const auto last = std::find_if_not(typed.rbegin(), typed.rend(), blank).base();
    if (first >= last) {
        why = "no CRS given: type an EPSG code (3857, EPSG:3035), a PROJ string (+proj=…) or WKT";
        return std::nullopt;
    }
    std::string text(first, last);
    if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return "EPSG:" + text;
    }
    if (text.size() > 5 && (text.compare(0, 5, "epsg:") == 0 || text.compare(0, 5, "Epsg:") == 0)) {
        return "EPSG:" + text.substr(5);
    }
    return text;
}

} // namespace corridor::core

#pragma once
// Geographic coordinates as people type and read them: "26.27 55.03", "26.27, 55.03", "55.03E 26.27N",
// "26°16'N 55°02'E", "26°16′12″N 55°1′48″E", "-33.9 18.4", "33 52 S 151 12 E". Latitude first unless hemisphere
// letters say otherwise. Output lon/lat in degrees (OGC:CRS84 order, as everywhere in core). Pure text work.

#include "core/geometry.hpp"

#include <string>
#include <string_view>

namespace corridor::core {

struct CoordParse {
    enum class Kind {
        NotCoordinates, // the text is not trying to be coordinates (a place name): search names instead
        Ok,
        Invalid, // it looks like coordinates but is wrong; `error` says how
    };
    Kind kind = Kind::NotCoordinates;
    Vec2d lonLat; // when Ok: x = longitude, y = latitude, degrees
    std::string error; // when Invalid: one sentence naming the part that is wrong
};

// Numbers may use '.' as decimal mark (',' separates the two coordinates), ASCII or Persian/Arabic digits,
// a leading '-' or '+' on degrees only; degree marks ° º; minute marks ' ′ ’; second marks " ″ ” (or '').
// Components without marks are degrees, minutes, seconds in order. Hemisphere letters N S E W (either case)
// before or after each coordinate; with them the order is free, and a sign as well as a letter is an error.
// Text with any other letter is NotCoordinates.
CoordParse parseCoordinates(std::string_view text);

// "26°16′12″N" / "55°01′48″E" with seconds to `secondDecimals` places (rounding carries into minutes and
// degrees). formatDms(lonLat) gives "lat lon" as above, joined by a space.
// 1234567 as "1,234,567".
std::string groupThousands(long long value);
std::string formatLatitudeDms(double latitude, int secondDecimals = 0);
std::string formatLongitudeDms(double longitude, int secondDecimals = 0);
std::string formatDms(Vec2d lonLat, int secondDecimals = 0);
// "26.27000° N, 55.03000° E" style decimal degrees with `decimals` places: "26.27000, 55.03000" (lat, lon).
std::string formatDecimal(Vec2d lonLat, int decimals = 5);

} // namespace corridor::core

#include "core/coords.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace corridor::core;
using Kind = CoordParse::Kind;

namespace {

Vec2d ok(const std::string& text)
{
    const CoordParse r = parseCoordinates(text);
    INFO("text: ", text, " error: ", r.error);
    REQUIRE(r.kind == Kind::Ok);
    return r.lonLat;
}

std::string invalid(const std::string& text)
{
    const CoordParse r = parseCoordinates(text);
    INFO("text: ", text);
    REQUIRE(r.kind == Kind::Invalid);
    CHECK_FALSE(r.error.empty());
    return r.error;
}

} // namespace

TEST_CASE("parseCoordinates: decimal degrees, latitude first unless letters say otherwise")
{
    for (const char* text : {"26.27 55.03", "26.27, 55.03", "26.27,55.03", "  26.27 ,  55.03 ", "55.03E 26.27N",
             "26.27N 55.03E", "N26.27 E55.03", "n 26.27, e 55.03", "+26.27 +55.03", "26.27; 55.03", "26.27° 55.03°",
             "26.27°N, 55.03°E", "۲۶٫۲۷ ۵۵٫۰۳"}) {
        const Vec2d p = ok(text);
        CHECK(p.y == doctest::Approx(26.27));
        CHECK(p.x == doctest::Approx(55.03));
    }
}

TEST_CASE("parseCoordinates: degrees, minutes and seconds in every usual notation")
{
    const Vec2d a = ok("26°16'N 55°02'E");
    CHECK(a.y == doctest::Approx(26.0 + 16.0 / 60.0));
    CHECK(a.x == doctest::Approx(55.0 + 2.0 / 60.0));
    const Vec2d b = ok("26°16′12″N 55°1′48″E");
    CHECK(b.y == doctest::Approx(26.27));
    CHECK(b.x == doctest::Approx(55.03));
    CHECK(ok("26°16'12\"N 55°1'48\"E") == b);
    CHECK(ok("26°16’12”N, 55°1’48”E").y == doctest::Approx(26.27));
    CHECK(ok("26°16'12''N 55°1'48''E").x == doctest::Approx(55.03));
    CHECK(ok("26 16 12 N 55 1 48 E").y == doctest::Approx(26.27));
    CHECK(ok("26°16' 55°02'").x == doctest::Approx(55.0 + 2.0 / 60.0)); // no letters: latitude first
    CHECK(ok("55°1′48″E 26°16′12″N").y == doctest::Approx(26.27)); // letters: any order
    CHECK(ok("26°16.2'N 55°1.8'E").y == doctest::Approx(26.27)); // decimal minutes
    CHECK(ok("26 16, 55 2").x == doctest::Approx(55.0 + 2.0 / 60.0));
}

TEST_CASE("parseCoordinates: southern and western hemispheres, by sign or by letter")
{
    const Vec2d sydney = ok("33°52′S 151°12′E");
    CHECK(sydney.y == doctest::Approx(-(33.0 + 52.0 / 60.0)));
    CHECK(sydney.x == doctest::Approx(151.2));
    CHECK(ok("-33.8667 151.2").y == doctest::Approx(-33.8667));
    const Vec2d rio = ok("22.9S 43.2W");
    CHECK(rio.y == doctest::Approx(-22.9));
    CHECK(rio.x == doctest::Approx(-43.2));
    CHECK(ok("-22°54' -43°12'").x == doctest::Approx(-43.2));
    CHECK(ok("−22.9, −43.2").y == doctest::Approx(-22.9)); // U+2212 minus sign
    CHECK(ok("0 0") == Vec2d {0.0, 0.0});
    CHECK(ok("90N 180W") == Vec2d {-180.0, 90.0});
}

TEST_CASE("parseCoordinates: names are not coordinates")
{
    for (const char* text : {"Astara", "astara", "Nowshahr", "Sea of Oman", "E40", "آستارا", "", "   ", "N", ",",
             "Route 66", "Bandar Abbas 2"}) {
        INFO("text: ", text);
        CHECK(parseCoordinates(text).kind == Kind::NotCoordinates);
    }
}

TEST_CASE("parseCoordinates: coordinates that are wrong say what is wrong")
{
    CHECK(invalid("95 55").find("latitude 95") != std::string::npos);
    CHECK(ok("55.03 126.27") == Vec2d {126.27, 55.03}); // latitude first, even where the other order is plausible
    CHECK(invalid("26 190").find("longitude 190") != std::string::npos);
    CHECK(invalid("26.27").find("two coordinates") != std::string::npos);
    CHECK(invalid("26.27 55.03 12.5").find("latitude ends") != std::string::npos);
    CHECK(invalid("26°75'N 55°E").find("minutes must be under 60") != std::string::npos);
    CHECK(invalid("26°16'75\"N 55°E").find("seconds must be under 60") != std::string::npos);
    CHECK(invalid("26.5°30'N 55E").find("decimals") != std::string::npos);
    CHECK(invalid("26N 55N").find("both coordinates are latitudes") != std::string::npos);
    CHECK(invalid("26E 55W").find("longitudes") != std::string::npos);
    CHECK(invalid("-26N 55E").find("sign and a hemisphere") != std::string::npos);
    CHECK(invalid("26°-16'N 55E").find("only the degrees") != std::string::npos);
    CHECK(invalid("26.2.7 55").find("two decimal points") != std::string::npos);
    CHECK(invalid("26, 55, 1").find("more than one comma") != std::string::npos);
    CHECK(invalid("26,").find("missing") != std::string::npos);
    CHECK(invalid("N E 55").find("has no number") != std::string::npos);
    CHECK(invalid("26 - 55").find("sign") != std::string::npos);
}

TEST_CASE("formatDms: rounding carries, hemispheres follow the sign")
{
    CHECK(formatDms({55.03, 26.27}) == "26°16′12″N 55°01′48″E");
    CHECK(formatLatitudeDms(-33.8667) == "33°52′00″S");
    CHECK(formatLongitudeDms(-43.2) == "43°12′00″W");
    CHECK(formatLatitudeDms(25.9999999) == "26°00′00″N"); // 59.99964″ rounds up through minutes into degrees
    CHECK(formatLatitudeDms(-0.0000001) == "0°00′00″N"); // no "S" on a value that rounds to zero
    CHECK(formatLatitudeDms(26.27, 2) == "26°16′12.00″N");
    CHECK(formatDecimal({55.03, 26.27}, 3) == "26.270, 55.030");
    // What formatDms writes, parseCoordinates reads back.
    for (const Vec2d p : {Vec2d {55.0312, 26.2741}, Vec2d {-122.4194, 37.7749}, Vec2d {151.2093, -33.8688}}) {
        const Vec2d back = ok(formatDms(p, 2));
        CHECK(back.x == doctest::Approx(p.x).epsilon(1e-6));
        CHECK(back.y == doctest::Approx(p.y).epsilon(1e-6));
    }
}

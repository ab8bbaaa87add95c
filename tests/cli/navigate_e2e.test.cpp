// Search, fly-to and the measure tool in the real viewer with the bundled data, under Xvfb, driven by xdotool
// (navigate_e2e.sh). The measure tool's clicks land on the window's centre after each search, so the points it
// prints are where each search centred the map.

#include "geo/loader.hpp"
#include "render/image.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <geodesic.h>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct LatLon {
    double lat = 0.0, lon = 0.0;
};

// The numbers after `prefix` on the line that starts with it, separators ';' and spaces.
std::vector<double> numbersAfter(const std::string& text, const std::string& prefix)
{
    std::vector<double> out;
    const std::size_t at = text.find(prefix);
    if (at == std::string::npos) {
        return out;
    }
    std::string line = text.substr(at + prefix.size(), text.find('\n', at) - at - prefix.size());
    for (char& c : line) {
        if (c == ';') {
            c = ' ';
        }
    }
    std::istringstream in(line);
    for (double v = 0.0; in >> v;) {
        out.push_back(v);
    }
    return out;
}

double geodesicMetres(LatLon a, LatLon b)
{
    geod_geodesic g {};
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    double s12 = 0.0;
    geod_inverse(&g, a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
    return s12;
}

// The point of the bundled feature whose `id` is `id`, read from geodata/LAYER.geojson as the viewer reads it.
LatLon bundledPoint(const std::string& layer, const std::string& id)
{
    const corridor::geo::LoadedSource src = corridor::geo::loadSource(std::string(CORRIDOR_GEODATA_DIR) + "/" + layer + ".geojson");
    REQUIRE(src.layers.size() == 1);
    const corridor::core::Layer& l = src.layers[0];
    for (const corridor::core::Feature& f : l.features) {
        const corridor::core::AttrValue* v = l.value(f, "id");
        if (v != nullptr && corridor::core::formatValue(*v) == id) {
            const corridor::core::Vec2d p = l.coords[l.parts[f.firstPart].first];
            return {p.y, p.x};
        }
    }
    FAIL("no feature " << id << " in " << layer);
    return {};
}

} // namespace

TEST_CASE("viewer under Xvfb: search centres Rasht and Astara, the measure between them reads PROJ's geodesic")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/navigate";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/navigate_e2e.sh";
    const std::string cmd
        = "xvfb-run -a -s '-screen 0 1600x1000x24' " + script + " " + CORRIDOR_BINARY + " " + out + " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);

    for (const char* name : {"nav-search.png", "nav-measure.png"}) {
        const corridor::render::Image image = corridor::render::readPng(out + "/" + name);
        CHECK(image.width == 1024);
        CHECK(image.height == 640);
    }
    std::ifstream file(out + "/nav-stdout.txt");
    const std::string printed((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    INFO("stdout: " << printed);
    const std::vector<double> points = numbersAfter(printed, "measure points (lat, lon):");
    const std::vector<double> segments = numbersAfter(printed, "measure segments (m):");
    REQUIRE(points.size() == 6);
    REQUIRE(segments.size() == 2);

    // geodata/railway_stations.geojson: Rasht and Astara (IR); geodata/instc_nodes.geojson: Astara (Azerbaijan),
    // the first match for "Astara" (its name_az is exactly "Astara", and nodes outrank stations).
    const LatLon rasht = bundledPoint("railway_stations", "st_rasht");
    const LatLon astaraIr = bundledPoint("railway_stations", "st_astara");
    const LatLon astaraAz = bundledPoint("instc_nodes", "n09");
    const LatLon expected[] = {rasht, astaraIr, astaraAz};
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        // The click hit the centre pixel, which is the camera's centre: each search centred its place exactly.
        CHECK(points[2 * i] == doctest::Approx(expected[i].lat).epsilon(1e-6));
        CHECK(points[2 * i + 1] == doctest::Approx(expected[i].lon).epsilon(1e-6));
    }
    // Rasht to Astara as the Measure tool read it, against PROJ's geodesic for the stations' coordinates.
    const double reference = geodesicMetres(rasht, astaraIr);
    CHECK(reference > 140e3);
    CHECK(std::abs(segments[0] - reference) < 0.01 * reference);
    CHECK(std::abs(segments[1] - geodesicMetres(astaraIr, astaraAz)) < 0.01 * geodesicMetres(astaraIr, astaraAz));
}

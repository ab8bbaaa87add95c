// The georeferencing an export writes beside its image: the geotransform of a camera, the world file's numbers,
// the sidecars' names, the .prj and .aux.xml saying the view CRS (in the dialect each reader wants), the view's
// lon/lat extent, and sidecar failures that name the file and leave nothing half-written.

#include "core/image_metadata.hpp"
#include "test_folders.hpp"
#include "geo/georef.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"
#include "render/read_only_folder.hpp"

#include <doctest/doctest.h>

#include <cpl_minixml.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name)
{
    return test::freshFolder("georef", name);
}

using test::folderContents;
std::string readAll(const fs::path& p)
{
    return test::fileBytes(p);
}

core::Camera camera(double cx, double cy, double unitsPerPixel, double w, double h)
{
    core::Camera c;
    c.center = {cx, cy};
    c.unitsPerPixel = unitsPerPixel;
    c.widthPx = w;
    c.heightPx = h;
    return c;
}

// A definition as GDAL reads it by default (authority axis order): OSRIsSame then compares what the CRS says.
OGRSpatialReference srsOf(const std::string& definition)
{
    OGRSpatialReference srs;
    REQUIRE(srs.SetFromUserInput(definition.c_str()) == OGRERR_NONE);
    return srs;
}

// The WKT of the <SRS> element of an .aux.xml.
std::string auxSrs(const std::string& xml)
{
    const CPLXMLTreeCloser tree(CPLParseXMLString(xml.c_str()));
    REQUIRE(tree.get() != nullptr);
    const char* wkt = CPLGetXMLValue(tree.get(), "=PAMDataset.SRS", nullptr);
    REQUIRE(wkt != nullptr);
    return wkt;
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kTowgs84Lcc =
    "+proj=lcc +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +ellps=intl +towgs84=-87,-98,-121 +units=m +no_defs";
const std::string kEqualEarth = "+proj=eqearth +lon_0=55 +datum=WGS84 +units=m +no_defs";
const std::string kTowgs84EqualEarth = "+proj=eqearth +lon_0=55 +ellps=intl +towgs84=-87,-98,-121 +units=m +no_defs";

} // namespace

TEST_CASE("the geotransform's corner and the world file's pixel centre are half a pixel apart")
{
    // 400×300 px of 250 m around (1000, 2000): the top-left corner is 200 px west and 150 px north of the centre.
    const geo::GeoTransform t = geo::geoTransform(camera(1000.0, 2000.0, 250.0, 400.0, 300.0));
    CHECK(t[0] == 1000.0 - 200.0 * 250.0);
    CHECK(t[1] == 250.0);
    CHECK(t[2] == 0.0);
    CHECK(t[3] == 2000.0 + 150.0 * 250.0);
    CHECK(t[4] == 0.0);
    CHECK(t[5] == -250.0);
    CHECK(geo::worldFileText(t) == "250\n0\n0\n-250\n-48875\n39375\n");

    // Degrees: every digit survives, in fixed notation (no exponent a world file reader might not take).
    const geo::GeoTransform d = geo::geoTransform(camera(55.123456789, 35.5, 0.0001234567890123, 1001.0, 777.0));
    std::istringstream lines(geo::worldFileText(d));
    std::vector<double> values;
    for (std::string line; std::getline(lines, line);) {
        CHECK(line.find_first_of("eE") == std::string::npos);
        values.push_back(std::stod(line));
    }
    REQUIRE(values.size() == 6);
    CHECK(values[0] == d[1]);
    CHECK(values[3] == d[5]);
    CHECK(values[4] == d[0] + 0.5 * d[1]);
    CHECK(values[5] == d[3] + 0.5 * d[5]);
}

TEST_CASE("sidecar names follow the image's as ESRI and GDAL look for them")
{
    const geo::Sidecars png = geo::sidecarsOf("/maps/corridor.png");
    CHECK(png.worldFile == "/maps/corridor.pgw");
    CHECK(png.prj == "/maps/corridor.prj");
    CHECK(png.auxXml == "/maps/corridor.png.aux.xml");
    CHECK(geo::sidecarsOf("MAP.PNG").worldFile == "MAP.PGW");
    CHECK(geo::sidecarsOf("MAP.PNG").prj == "MAP.PRJ");
    CHECK(geo::sidecarsOf("a.b/c.d.png").worldFile == "a.b/c.d.pgw");
    CHECK(geo::sidecarsOf("map.tif").worldFile == "map.tfw");
    CHECK(geo::sidecarsOf("map").worldFile == "map.wld");
    CHECK(geo::sidecarsOf("map.p").worldFile == "map.wld");
}

TEST_CASE("the .prj and the .aux.xml say the view CRS, in ESRI WKT where it can, else WKT1, else WKT2")
{
    geo::initGdal();
    struct Case {
        std::string crs;
        std::string prjStarts; // the dialect chosen for the .prj
        std::string prjHas;
        std::string auxStarts;
    };
    // The WKT2 of the corridor conic, as a user might paste it under Other CRS…
    const std::string lccWkt2 = [] {
        OGRSpatialReference srs = srsOf(geo::kCorridorLcc);
        char* wkt = nullptr;
        const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
        REQUIRE(srs.exportToWkt(&wkt, options) == OGRERR_NONE);
        std::string out = wkt;
        CPLFree(wkt);
        return out;
    }();
    const std::vector<Case> cases = {
        {"EPSG:3857", "PROJCS[", "Mercator_Auxiliary_Sphere", "PROJCS["},
        {"EPSG:4326", "GEOGCS[", "GCS_WGS_1984", "GEOGCS["},
        {"EPSG:32640", "PROJCS[", "WGS_1984_UTM_Zone_40N", "PROJCS["},
        {geo::kCorridorLcc, "PROJCS[", "D_WGS_1984", "PROJCS["},
        {lccWkt2, "PROJCS[", "D_WGS_1984", "PROJCS["},
        // ESRI WKT has no TOWGS84: the .prj falls back to GDAL's WKT1, which keeps the datum shift.
        {kTowgs84Lcc, "PROJCS[", "TOWGS84[-87,-98,-121", "PROJCS["},
        // WKT1 has no Equal Earth: the .aux.xml is WKT2 (ESRI has one, so the .prj stays ESRI)…
        {kEqualEarth, "PROJCS[", "Equal_Earth", "PROJCRS["},
        // …and with a TOWGS84 neither WKT1 can say it: WKT2 for both.
        {kTowgs84EqualEarth, "BOUNDCRS[", "Equal Earth", "BOUNDCRS["},
    };
    for (const Case& c : cases) {
        CAPTURE(c.crs);
        const OGRSpatialReference view = srsOf(c.crs);
        const std::string prj = geo::prjWkt(c.crs);
        CHECK(prj.rfind(c.prjStarts, 0) == 0);
        CHECK(contains(prj, c.prjHas));
        OGRSpatialReference fromPrj;
        REQUIRE(fromPrj.SetFromUserInput(prj.c_str()) == OGRERR_NONE);
        CHECK(OSRIsSame(OGRSpatialReference::ToHandle(&fromPrj), OGRSpatialReference::ToHandle(
                                                                      const_cast<OGRSpatialReference*>(&view))));

        const std::string aux = geo::pamAuxXml(c.crs);
        const std::string auxWkt = auxSrs(aux);
        CHECK(auxWkt.rfind(c.auxStarts, 0) == 0);
        OGRSpatialReference fromAux;
        REQUIRE(fromAux.SetFromUserInput(auxWkt.c_str()) == OGRERR_NONE);
        CHECK(OSRIsSame(OGRSpatialReference::ToHandle(&fromAux),
                        OGRSpatialReference::ToHandle(const_cast<OGRSpatialReference*>(&view))));
    }
    // The image's x is longitude even where the CRS puts latitude first.
    CHECK(contains(geo::pamAuxXml("EPSG:4326"), "dataAxisToSRSAxisMapping=\"2,1\""));
    CHECK(contains(geo::pamAuxXml("EPSG:3857"), "dataAxisToSRSAxisMapping=\"1,2\""));
    CHECK(contains(errorOf([] { geo::prjWkt("+proj=nonsense"); }), "the view CRS '+proj=nonsense' cannot be written"));
}

TEST_CASE("writeSidecars writes the world file, the .prj and the .aux.xml beside the image")
{
    const fs::path dir = freshDir("written");
    const std::string image = (dir / "map.png").string();
    const core::Camera c = camera(-231586.9, -354371.5, 10017.6, 800.0, 600.0);
    geo::writeSidecars(image, c, geo::kCorridorLcc);
    CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw", "map.png.aux.xml", "map.prj"});
    CHECK(readAll(dir / "map.pgw") == geo::worldFileText(geo::geoTransform(c)));
    CHECK(readAll(dir / "map.prj") == geo::prjWkt(geo::kCorridorLcc) + "\n");
    CHECK(readAll(dir / "map.png.aux.xml") == geo::pamAuxXml(geo::kCorridorLcc));
}

TEST_CASE("a sidecar that cannot be written is named with the reason, and nothing is left half-written")
{
    const core::Camera c = camera(0.0, 0.0, 1000.0, 64.0, 48.0);

    // A directory where the world file goes: refused before anything is written.
    const fs::path dir = freshDir("directory");
    fs::create_directory(dir / "map.pgw");
    const std::string image = (dir / "map.png").string();
    CHECK(errorOf([&] { geo::writeSidecars(image, c, "EPSG:3857"); }) ==
          (dir / "map.pgw").string() + ", the world file of " + image +
              ", is a directory; remove it or export under another name; nothing was written");
    CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw"});
    fs::remove(dir / "map.pgw");
    fs::create_directory(dir / "map.png.aux.xml");
    CHECK(contains(errorOf([&] { geo::writeSidecars(image, c, "EPSG:3857"); }),
                   (dir / "map.png.aux.xml").string() + ", the .aux.xml of " + image + ", is a directory"));
    CHECK(folderContents(dir) == std::vector<std::string>{"map.png.aux.xml"});

    // An image named like its own .prj.
    CHECK(errorOf([&] { geo::writeSidecars((dir / "map.prj").string(), c, "EPSG:3857"); }) ==
          (dir / "map.prj").string() +
              ": its .prj would have the same name and replace it; give the image another extension (.png); "
              "nothing was written");

    // A CRS GDAL cannot write: nothing written either.
    const fs::path crsDir = freshDir("crs");
    CHECK(contains(errorOf([&] { geo::writeSidecars((crsDir / "map.png").string(), c, "+proj=nonsense"); }),
                   "the view CRS '+proj=nonsense' cannot be written as WKT"));
    CHECK(folderContents(crsDir).empty());

    // A missing folder: the world file's path, the folder and the system's reason.
    const std::string missing = (dir / "none" / "map.png").string();
    CHECK(errorOf([&] { geo::writeSidecars(missing, c, "EPSG:3857"); }) ==
          (dir / "none" / "map.pgw").string() + ": cannot create a file in folder " + (dir / "none").string() +
              ": No such file or directory");
}

TEST_CASE("a sidecar that fills the disk names itself and the reason, and leaves no temporary file")
{
    // A one-page tmpfs in a private mount namespace (needs root): the world file fits, the .prj does not.
    const fs::path dir = freshDir("full");
    int pipeFd[2];
    REQUIRE(::pipe(pipeFd) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(pipeFd[0]);
        if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            ::mount("corridor-test", dir.c_str(), "tmpfs", 0, "size=4k") != 0) {
            ::_exit(3);
        }
        std::string report = errorOf([&] {
            geo::writeSidecars((dir / "map.png").string(), camera(0.0, 0.0, 1000.0, 64.0, 48.0), "EPSG:3857");
        });
        report += "\n";
        for (const std::string& name : folderContents(dir)) {
            report += name + " ";
        }
        const ssize_t written = ::write(pipeFd[1], report.data(), report.size());
        ::_exit(written == static_cast<ssize_t>(report.size()) ? 0 : 4);
    }
    ::close(pipeFd[1]);
    std::string report;
    char buf[512];
    for (ssize_t n; (n = ::read(pipeFd[0], buf, sizeof buf)) > 0;) {
        report.append(buf, static_cast<std::size_t>(n));
    }
    ::close(pipeFd[0]);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3) {
        MESSAGE("skipped: cannot mount a tmpfs in a private namespace here (not root?)");
        return;
    }
    CHECK(report == (dir / "map.prj").string() + ": writing the .prj failed: No space left on device\nmap.pgw ");
}

TEST_CASE("unprojectBox: the lon/lat extent of a view, edges included, poles when inside")
{
    const geo::ProjContext proj;
    // A Web Mercator box: its corners are its extent.
    std::vector<core::Vec2d> corners = {{40.0, 10.0}, {80.0, 50.0}};
    geo::Transformer(proj, geo::kLonLat, "EPSG:3857").forward(corners);
    core::Bounds box;
    box.add(corners[0]);
    box.add(corners[1]);
    const std::optional<core::GeoBox> mercator = geo::unprojectBox(box, "EPSG:3857");
    REQUIRE(mercator);
    CHECK(mercator->west == doctest::Approx(40.0));
    CHECK(mercator->south == doctest::Approx(10.0));
    CHECK(mercator->east == doctest::Approx(80.0));
    CHECK(mercator->north == doctest::Approx(50.0));

    // In the corridor conic a view's top edge bows north between the corners: the extent reaches past them.
    std::vector<core::Vec2d> conic = {{30.0, 20.0}, {80.0, 50.0}};
    geo::Transformer(proj, geo::kLonLat, geo::kCorridorLcc).forward(conic);
    core::Bounds view;
    view.add(conic[0]);
    view.add(conic[1]);
    const std::optional<core::GeoBox> bowed = geo::unprojectBox(view, geo::kCorridorLcc);
    REQUIRE(bowed);
    std::vector<core::Vec2d> edge = {{view.minX, view.maxY}, {view.maxX, view.maxY}, {view.minX, view.minY},
                                     {view.maxX, view.minY}, {(view.minX + view.maxX) / 2.0, view.maxY}};
    geo::Transformer(proj, geo::kLonLat, geo::kCorridorLcc).inverse(edge);
    const double cornersNorth = std::max({edge[0].y, edge[1].y, edge[2].y, edge[3].y});
    CHECK(edge[4].y > cornersNorth + 0.5);
    CHECK(bowed->north >= edge[4].y - 1e-9);
    CHECK(bowed->west <= std::min(edge[0].x, edge[2].x) + 1e-9);

    // A view around the conic's north pole: up to 90° and round every longitude.
    std::vector<core::Vec2d> pole = {{0.0, 90.0}};
    geo::Transformer(proj, geo::kLonLat, geo::kCorridorLcc).forward(pole);
    core::Bounds polar;
    polar.add(pole[0] + core::Vec2d{-500000.0, -500000.0});
    polar.add(pole[0] + core::Vec2d{500000.0, 500000.0});
    const std::optional<core::GeoBox> arctic = geo::unprojectBox(polar, geo::kCorridorLcc);
    REQUIRE(arctic);
    CHECK(arctic->north == 90.0);
    CHECK(arctic->west == -180.0);
    CHECK(arctic->east == 180.0);
    CHECK(arctic->south > 80.0);

    CHECK(!geo::unprojectBox(core::Bounds{}, "EPSG:3857"));
}

TEST_CASE("metadata text: the PNG keywords in order, empty ones left out, times independent of the locale")
{
    core::ImageMetadata m;
    m.title = "INSTC";
    m.software = core::softwareName();
    // 1994-11-06 08:49:37 UTC, the RFC's own example.
    m.created = std::chrono::system_clock::time_point(std::chrono::seconds(784111777));
    m.crs = "EPSG:3857";
    m.bbox = core::GeoBox{28.0, 10.0, 78.5, 62.0};
    m.comment = "draft";
    const std::vector<core::TextEntry> entries = core::textEntries(m);
    std::vector<std::string> keys;
    for (const core::TextEntry& e : entries) {
        keys.push_back(e.key);
    }
    CHECK(keys == std::vector<std::string>{"Title", "Software", "Creation Time", "CRS", "BBox", "Comment"});
    CHECK(entries[2].value == "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(core::tiffDateTime(*m.created) == "1994:11:06 08:49:37");
    CHECK(entries[4].value == "28.000000,10.000000,78.500000,62.000000");
    CHECK(core::softwareName().rfind("Corridor ", 0) == 0);
    CHECK(core::softwareName().size() > std::string("Corridor ").size());
}

TEST_CASE("sidecarProblem: a name too long for the file system, and a .prj that an input would read as its CRS")
{
    const fs::path dir = freshDir("problems");
    // NAME.png at the 255-byte limit has a 263-byte NAME.png.aux.xml.
    const std::string longest = (dir / (std::string(251, 'n') + ".png")).string();
    const std::optional<std::string> tooLong = geo::sidecarProblem(longest);
    REQUIRE(tooLong);
    CHECK(*tooLong == longest + ".aux.xml, the .aux.xml of " + longest +
                          ", would be a 263-byte name, longer than the 255 bytes the file system allows; give the "
                          "image a name 8 bytes shorter");
    CHECK(!geo::sidecarProblem((dir / (std::string(243, 'n') + ".png")).string()));

    // A shapefile (its driver reads NAME.prj as its CRS) beside the image, reached through another path.
    std::ofstream(dir / "roads.shp") << "";
    const std::string image = (dir / "roads.png").string();
    const std::string shp = (dir / "." / "roads.shp").string();
    const std::optional<std::string> prj = geo::sidecarProblem(image, {"/vsimem/x.gpkg", shp});
    REQUIRE(prj);
    CHECK(*prj == (dir / "roads.prj").string() + ", the .prj of " + image + ", would be read as the CRS of the input " +
                      shp + " (same folder, same name); export under another name");
    // A GeoJSON does not read a .prj: the export may sit beside it, until a .prj is there to be replaced.
    std::ofstream(dir / "nodes.geojson") << "{}";
    const std::string nodes = (dir / "nodes.png").string();
    CHECK(!geo::sidecarProblem(nodes, {(dir / "nodes.geojson").string()}));
    std::ofstream(dir / "nodes.prj") << "GEOGCS[]";
    CHECK(geo::sidecarProblem(nodes, {(dir / "nodes.geojson").string()}));
    // Elsewhere, or under another name, no problem.
    CHECK(!geo::sidecarProblem((dir / "map.png").string(), {shp}));
    fs::create_directories(dir / "out");
    CHECK(!geo::sidecarProblem((dir / "out" / "roads.png").string(), {shp}));
}

TEST_CASE("sidecars into a read-only file system: the world file and the folder named with the reason")
{
    const fs::path dir = freshDir("read-only");
    const auto message = test::inReadOnlyFolder(dir, [&] {
        return errorOf([&] {
            geo::writeSidecars((dir / "map.png").string(), camera(0.0, 0.0, 1000.0, 64.0, 48.0), "EPSG:3857");
        });
    });
    if (message) {
        CHECK(*message == (dir / "map.pgw").string() + ": cannot create a file in folder " + dir.string() +
                              ": Read-only file system");
    }
    CHECK(folderContents(dir).empty());
}

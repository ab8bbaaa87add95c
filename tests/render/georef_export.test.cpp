// Exports that GIS software puts in the right place and that say what they show: markers at Tehran, Baku and
// Mumbai exported in several view CRSs come back, through GDAL's reading of the PNG and its sidecars, within a
// pixel of where they are; the GeoTIFF holds the PNG's pixels, georeferencing and metadata, written band by band or
// at once; the PNG's text chunks read back through libpng exactly, Persian included.

#include "core/image_metadata.hpp"
#include "test_folders.hpp"
#include "core/style_file.hpp"
#include "geo/georef.hpp"
#include "geo/geotiff_writer.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "platform/map_export.hpp"
#include "render/map_scene.hpp"
#include "render/image.hpp"

#include <doctest/doctest.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <png.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csetjmp>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <span>
#include <sstream>
#include <string>
#include <vector>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name)
{
    return test::freshFolder("georef_export", name);
}

using test::folderContents;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct City {
    const char* name;
    double lon, lat;
};
constexpr City kCities[] = {{"Tehran", 51.389, 35.689}, {"Baku", 49.867, 40.409}, {"Mumbai", 72.878, 19.076}};

// Red dots at the three cities on white, nothing else: what is drawn is where each marker is.
core::MapDocument markerDocument(const std::string& viewCrs, const fs::path& dir)
{
    const fs::path file = dir / "cities.geojson";
    {
        std::ofstream out(file);
        out << "{\"type\":\"FeatureCollection\",\"features\":[";
        for (std::size_t i = 0; i < std::size(kCities); ++i) {
            out << (i ? "," : "") << "{\"type\":\"Feature\",\"properties\":{\"name\":\"" << kCities[i].name
                << "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" << kCities[i].lon << ","
                << kCities[i].lat << "]}}";
        }
        out << "]}";
    }
    core::MapDocument doc;
    doc.viewCrs = viewCrs;
    doc.background = {1.0f, 1.0f, 1.0f, 1.0f};
    doc.layers = geo::loadLayers(file.string(), 0);
    core::Symbolizer& s = doc.layers[0].style.base;
    s.marker = core::MarkerShape::Circle;
    s.markerSize = 9.0f;
    s.markerFill = {1.0f, 0.0f, 0.0f, 1.0f};
    s.markerOutline = {1.0f, 0.0f, 0.0f, 0.0f};
    s.labelField.clear();
    geo::buildMeshes(doc);
    return doc;
}

// An image as GDAL reads it with whatever georeferencing it finds (the PNG's sidecars, the GeoTIFF's keys).
struct GdalImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba; // pixel-interleaved, rows top to bottom
    bool hasTransform = false;
    geo::GeoTransform transform{};
    std::string wkt;                // "" when GDAL found no SRS
    std::vector<int> axisMapping;
    std::map<std::string, std::string> metadata;
    std::map<std::string, std::string> structure; // IMAGE_STRUCTURE
    std::vector<std::string> files;
    int blockX = 0, blockY = 0;
    std::vector<GDALColorInterp> interp;
};

GdalImage readWithGdal(const std::string& path)
{
    geo::initGdal();
    GdalImage out;
    const GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE_MESSAGE(ds, "GDAL cannot open " << path);
    out.width = ds->GetRasterXSize();
    out.height = ds->GetRasterYSize();
    // RGBA, or RGB where every pixel is opaque (an export's PNG over an opaque background): alpha 255 then.
    const int count = ds->GetRasterCount();
    REQUIRE((count == 3 || count == 4));
    out.rgba.assign(static_cast<std::size_t>(out.width) * out.height * 4, 255);
    int bands[] = {1, 2, 3, 4};
    REQUIRE(ds->RasterIO(GF_Read, 0, 0, out.width, out.height, out.rgba.data(), out.width, out.height, GDT_Byte, count,
                         bands, 4, static_cast<GSpacing>(out.width) * 4, 1, nullptr) == CE_None);
    out.hasTransform = ds->GetGeoTransform(out.transform.data()) == CE_None;
    if (const OGRSpatialReference* srs = ds->GetSpatialRef()) {
        char* wkt = nullptr;
        const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
        srs->exportToWkt(&wkt, options);
        out.wkt = wkt;
        CPLFree(wkt);
        out.axisMapping = srs->GetDataAxisToSRSAxisMapping();
    }
    for (const char* domain : {"", "IMAGE_STRUCTURE"}) {
        for (char** item = ds->GetMetadata(domain); item != nullptr && *item != nullptr; ++item) {
            const std::string kv = *item;
            const std::size_t eq = kv.find('=');
            (*domain ? out.structure : out.metadata)[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
    }
    char** files = ds->GetFileList();
    for (char** f = files; f != nullptr && *f != nullptr; ++f) {
        out.files.push_back(fs::path(*f).filename().string());
    }
    CSLDestroy(files);
    ds->GetRasterBand(1)->GetBlockSize(&out.blockX, &out.blockY);
    for (int b = 1; b <= count; ++b) {
        out.interp.push_back(ds->GetRasterBand(b)->GetColorInterpretation());
    }
    return out;
}

// Where each red dot is: the coverage-weighted centroid of each 8-connected blob, in pixel coordinates (the
// top-left corner of the image is (0, 0), a pixel's centre is +0.5). On white, red coverage is 1 - green.
std::vector<core::Vec2d> redDots(const GdalImage& img)
{
    const auto weight = [&](int x, int y) {
        const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(y) * img.width + x) * 4];
        return p[0] > 200 && p[1] < 250 && std::abs(int(p[1]) - int(p[2])) < 8 ? 1.0 - p[1] / 255.0 : 0.0;
    };
    std::vector<char> seen(static_cast<std::size_t>(img.width) * img.height, 0);
    std::vector<core::Vec2d> dots;
    for (int y0 = 0; y0 < img.height; ++y0) {
        for (int x0 = 0; x0 < img.width; ++x0) {
            if (seen[static_cast<std::size_t>(y0) * img.width + x0] || weight(x0, y0) <= 0.0) {
                continue;
            }
            double sw = 0.0, sx = 0.0, sy = 0.0;
            std::vector<std::pair<int, int>> stack{{x0, y0}};
            seen[static_cast<std::size_t>(y0) * img.width + x0] = 1;
            while (!stack.empty()) {
                const auto [x, y] = stack.back();
                stack.pop_back();
                const double w = weight(x, y);
                sw += w, sx += w * (x + 0.5), sy += w * (y + 0.5);
                for (int dy = -1; dy <= 1; ++dy) {
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= img.width || ny >= img.height) {
                            continue;
                        }
                        char& s = seen[static_cast<std::size_t>(ny) * img.width + nx];
                        if (!s && weight(nx, ny) > 0.0) {
                            s = 1;
                            stack.push_back({nx, ny});
                        }
                    }
                }
            }
            dots.push_back({sx / sw, sy / sw});
        }
    }
    return dots;
}

core::Vec2d pixelToWorld(const geo::GeoTransform& t, core::Vec2d p)
{
    return {t[0] + p.x * t[1] + p.y * t[2], t[3] + p.x * t[4] + p.y * t[5]};
}

// Pixel → view CRS (the geotransform GDAL found) → lon/lat (OGR, with the SRS GDAL found).
struct PixelToLonLat {
    geo::GeoTransform transform;
    OGRSpatialReference srs, wgs84;
    std::unique_ptr<OGRCoordinateTransformation> toLonLat;

    explicit PixelToLonLat(const GdalImage& img) : transform(img.transform)
    {
        REQUIRE(srs.SetFromUserInput(img.wkt.c_str()) == OGRERR_NONE);
        srs.SetDataAxisToSRSAxisMapping(img.axisMapping);
        wgs84.SetWellKnownGeogCS("WGS84");
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        toLonLat.reset(OGRCreateCoordinateTransformation(&srs, &wgs84));
        REQUIRE(toLonLat);
    }
    core::Vec2d operator()(core::Vec2d pixel) const
    {
        core::Vec2d w = pixelToWorld(transform, pixel);
        REQUIRE(toLonLat->Transform(1, &w.x, &w.y));
        return w;
    }
};

render::Image toImage(const GdalImage& img) { return {img.width, img.height, img.rgba}; }

// The bundled map as `corridor export` loads it, meshed for one 640×400 view.
core::MapDocument bundledDocument(const core::GeoBox& view, int w, int h)
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    const std::string dir = CORRIDOR_GEODATA_DIR;
    for (const std::string& f : geo::dataFilesIn(dir)) {
        for (core::MapLayer& l : geo::loadLayers(f, doc.layers.size())) {
            doc.layers.push_back(std::move(l));
        }
    }
    geo::applyStyleSheet(doc, core::loadStyleSheet(dir + "/style.toml"));
    geo::buildMeshes(doc, geo::OutputView{view, static_cast<double>(w), static_cast<double>(h), std::nullopt});
    return doc;
}

// The text chunks libpng finds before the image data, as stored (tEXt in Latin-1, iTXt in UTF-8), by keyword.
struct PngChunk {
    std::string value;
    bool international = false;
};
// Up to the first IDAT; kept apart so that no C++ object lives across the setjmp (-Wclobbered).
bool readPngInfo(png_structp png, png_infop info, FILE* f)
{
    if (setjmp(png_jmpbuf(png)) != 0) {
        return false;
    }
    png_init_io(png, f);
    png_read_info(png, info); // stops at the first IDAT
    return true;
}

std::map<std::string, PngChunk> pngTextBeforeIdat(const std::string& path)
{
    std::map<std::string, PngChunk> out;
    FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE(f != nullptr);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    const bool ok = readPngInfo(png, info, f);
    if (ok) {
        png_textp text = nullptr;
        const int n = png_get_text(png, info, &text, nullptr);
        for (int i = 0; i < n; ++i) {
            const bool itxt = text[i].compression == PNG_ITXT_COMPRESSION_NONE || text[i].compression == PNG_ITXT_COMPRESSION_zTXt;
            const std::size_t length = itxt ? text[i].itxt_length : text[i].text_length;
            out[text[i].key] = {std::string(text[i].text, length), itxt};
        }
    }
    png_destroy_read_struct(&png, &info, nullptr);
    std::fclose(f);
    REQUIRE(ok);
    return out;
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

} // namespace

TEST_CASE("world file round trip: markers at Tehran, Baku and Mumbai come back within a pixel through GDAL")
{
    for (const std::string& crs : {std::string("EPSG:3857"), std::string("EPSG:4326"), std::string(geo::kCorridorLcc)}) {
        CAPTURE(crs);
        const fs::path dir = freshDir("round-trip-" + std::to_string(std::hash<std::string>{}(crs) % 100000));
        core::MapDocument doc = markerDocument(crs, dir);
        platform::ExportOptions options;
        options.out = (dir / "map.png").string();
        options.size = {480, 360};
        options.bbox = core::GeoBox{44.0, 14.0, 80.0, 46.0};
        const platform::ExportResult result = platform::exportMap(doc, options);
        CHECK(result.sidecars == std::vector<std::string>{(dir / "map.pgw").string(), (dir / "map.prj").string(),
                                                          (dir / "map.png.aux.xml").string()});

        const GdalImage img = readWithGdal(options.out);
        CHECK(std::find(img.files.begin(), img.files.end(), "map.pgw") != img.files.end());
        CHECK(std::find(img.files.begin(), img.files.end(), "map.png.aux.xml") != img.files.end());
        REQUIRE(img.hasTransform);
        REQUIRE(!img.wkt.empty());
        OGRSpatialReference found, view;
        REQUIRE(found.SetFromUserInput(img.wkt.c_str()) == OGRERR_NONE);
        REQUIRE(view.SetFromUserInput(crs.c_str()) == OGRERR_NONE);
        CHECK(OSRIsSame(OGRSpatialReference::ToHandle(&found), OGRSpatialReference::ToHandle(&view)));
        CHECK(img.transform[2] == 0.0);
        CHECK(img.transform[4] == 0.0);
        CHECK(img.transform[1] == doctest::Approx(-img.transform[5]));

        const std::vector<core::Vec2d> dots = redDots(img);
        REQUIRE(dots.size() == std::size(kCities));
        const PixelToLonLat lonLatOf(img);
        for (const City& city : kCities) {
            CAPTURE(city.name);
            // The dot nearest the city's lon/lat, in degrees.
            const core::Vec2d* nearest = nullptr;
            double best = 1e300;
            for (const core::Vec2d& d : dots) {
                const core::Vec2d ll = lonLatOf(d);
                const double dist = std::hypot(ll.x - city.lon, ll.y - city.lat);
                if (dist < best) {
                    best = dist, nearest = &d;
                }
            }
            REQUIRE(nearest != nullptr);
            // How far that is in pixels: the lon/lat error over the local size of a pixel (the Jacobian of
            // pixel → lon/lat at the dot, inverted).
            const core::Vec2d at = lonLatOf(*nearest);
            const core::Vec2d dx = lonLatOf(*nearest + core::Vec2d{1.0, 0.0}) - at;
            const core::Vec2d dy = lonLatOf(*nearest + core::Vec2d{0.0, 1.0}) - at;
            const core::Vec2d err = core::Vec2d{city.lon, city.lat} - at;
            const double det = dx.x * dy.y - dx.y * dy.x;
            REQUIRE(std::abs(det) > 0.0);
            const double px = (err.x * dy.y - err.y * dy.x) / det;
            const double py = (dx.x * err.y - dx.y * err.x) / det;
            INFO("dot at pixel (" << nearest->x << ", " << nearest->y << "), lon/lat (" << at.x << ", " << at.y
                                  << "); off by (" << px << ", " << py << ") px");
            CHECK(std::hypot(px, py) < 1.0); // the check
            // The dots land within a few hundredths of a pixel: a half-pixel slip (the world file's pixel centre
            // taken for the corner) would show here.
            CHECK(std::hypot(px, py) < 0.1);
        }
    }
}

TEST_CASE("an export drawn with a GL context made on another thread while the data loaded equals one made after")
{
    const fs::path dir = freshDir("prepared-gpu");
    core::MapDocument doc = markerDocument("EPSG:3857", dir);
    platform::ExportOptions options;
    options.size = {480, 360};
    options.bbox = core::GeoBox{44.0, 14.0, 80.0, 46.0};
    options.out = (dir / "after.png").string();
    platform::exportMap(doc, options);
    std::future<std::unique_ptr<platform::ExportGpu>> gpu = platform::prepareExportGpu();
    options.out = (dir / "prepared.png").string();
    platform::exportMap(doc, options, gpu.get());
    const GdalImage after = readWithGdal((dir / "after.png").string());
    const GdalImage prepared = readWithGdal((dir / "prepared.png").string());
    CHECK(prepared.rgba == after.rgba);
    // One made and never used (the data failed to load) is let go with its scene's GL objects, from this thread.
    { const std::future<std::unique_ptr<platform::ExportGpu>> unused = platform::prepareExportGpu(); }
    std::unique_ptr<platform::ExportGpu> taken = platform::prepareExportGpu().get();
    taken.reset();
}

TEST_CASE("a PNG export carries its metadata as text chunks before the image data, Persian as iTXt")
{
    const fs::path dir = freshDir("png-metadata");
    core::MapDocument doc = markerDocument(geo::kCorridorLcc, dir);
    platform::ExportOptions options;
    options.out = (dir / "map.png").string();
    options.size = {320, 240};
    options.bbox = core::GeoBox{44.0, 14.0, 80.0, 46.0};
    options.metadata.title = "راهگذر شمال–جنوب";                     // Persian: iTXt
    options.metadata.subtitle = "Mumbai → Bandar Abbas → Baku";       // an arrow is not Latin-1: iTXt
    options.metadata.sources = "Natural Earth; Café de Flore survey"; // Latin-1: tEXt
    options.metadata.comment = "line one\nline two";
    options.metadata.crs = "overwritten by the export";
    const auto before = std::chrono::system_clock::now();
    platform::exportMap(doc, options);
    const auto after = std::chrono::system_clock::now();

    const std::map<std::string, PngChunk> text = pngTextBeforeIdat(options.out);
    std::vector<std::string> keys;
    for (const auto& [key, chunk] : text) {
        keys.push_back(key);
    }
    CHECK(keys == std::vector<std::string>{"BBox", "CRS", "Comment", "Creation Time", "Description", "Software",
                                           "Source", "Title"});
    CHECK(text.at("Title").value == options.metadata.title);
    CHECK(text.at("Title").international);
    CHECK(text.at("Description").value == options.metadata.subtitle);
    CHECK(text.at("Description").international);
    CHECK(text.at("Source").value == "Natural Earth; Caf\xe9" " de Flore survey"); // stored in Latin-1
    CHECK_FALSE(text.at("Source").international);
    CHECK(text.at("Comment").value == "line one\nline two");
    CHECK_FALSE(text.at("Comment").international);
    CHECK(text.at("Software").value == core::softwareName());
    CHECK(text.at("CRS").value == geo::kCorridorLcc);
    // Creation Time: RFC 1123 in UTC, SOURCE_DATE_EPOCH's time where it is set (test_main sets it), else between
    // the moments around the export.
    std::tm tm{};
    const std::string created = text.at("Creation Time").value;
    REQUIRE(strptime(created.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) != nullptr);
    const auto when = std::chrono::system_clock::from_time_t(timegm(&tm));
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        CHECK(when == std::chrono::system_clock::from_time_t(static_cast<std::time_t>(std::atoll(epoch))));
    } else {
        CHECK(when >= std::chrono::floor<std::chrono::seconds>(before));
        CHECK(when <= after);
    }
    // BBox: west,south,east,north of the whole image, which takes in the asked box (and more: the image's aspect
    // is not the box's); the same as the image's edges, densely sampled through GDAL's georeferencing, give.
    double w = 0, s = 0, e = 0, n = 0;
    REQUIRE(std::sscanf(text.at("BBox").value.c_str(), "%lf,%lf,%lf,%lf", &w, &s, &e, &n) == 4);
    CHECK(w <= 44.0);
    CHECK(s <= 14.0);
    CHECK(e >= 80.0);
    CHECK(n >= 46.0);
    const GdalImage img = readWithGdal(options.out);
    const PixelToLonLat lonLatOf(img);
    core::Bounds edges;
    for (int i = 0; i <= 1000; ++i) {
        const double t = i / 1000.0;
        for (const core::Vec2d p : {core::Vec2d{t * img.width, 0.0}, core::Vec2d{t * img.width, 1.0 * img.height},
                                    core::Vec2d{0.0, t * img.height}, core::Vec2d{1.0 * img.width, t * img.height}}) {
            edges.add(lonLatOf(p));
        }
    }
    CHECK(std::abs(w - edges.minX) < 0.01);
    CHECK(std::abs(s - edges.minY) < 0.01);
    CHECK(std::abs(e - edges.maxX) < 0.01);
    CHECK(std::abs(n - edges.maxY) < 0.01);

    // GDAL reads the same chunks as metadata.
    CHECK(img.metadata.at("Title") == options.metadata.title);
    CHECK(img.metadata.at("Software") == core::softwareName());
}

TEST_CASE("writePng text chunks: exact values, tEXt for Latin-1, iTXt for the rest, bad keys and values refused")
{
    const fs::path dir = freshDir("png-text");
    render::Image image{3, 2, std::vector<std::uint8_t>(3 * 2 * 4, 200)};
    const std::vector<core::TextEntry> entries = {
        {"Title", "تهران – باکو"}, {"Source", "a\nb"}, {"Comment", "tab\there"}, {"Description", "Ünïcödé in Latin-1"}};
    render::writePng((dir / "t.png").string(), image, 3, render::TempFile::Auto, entries);
    const std::map<std::string, PngChunk> text = pngTextBeforeIdat((dir / "t.png").string());
    CHECK(text.at("Title").value == "تهران – باکو");
    CHECK(text.at("Title").international);
    CHECK(text.at("Source").value == "a\nb");
    CHECK_FALSE(text.at("Source").international);
    CHECK(text.at("Comment").value == "tab\there"); // a tab is no Latin-1 text character: iTXt
    CHECK(text.at("Comment").international);
    CHECK(text.at("Description").value == "\xdc" "n" "\xef" "c" "\xf6" "d" "\xe9" " in Latin-1");
    CHECK_FALSE(text.at("Description").international);
    CHECK(render::readPng((dir / "t.png").string()).rgba == image.rgba);

    const std::string bad = (dir / "bad.png").string();
    CHECK(errorOf([&] {
              const std::vector<core::TextEntry> e = {{"Title", std::string("\xff\xfe", 2)}};
              render::writePng(bad, image, 3, render::TempFile::Auto, e);
          }) == bad + ": the Title text is not valid UTF-8");
    CHECK(errorOf([&] {
              const std::vector<core::TextEntry> e = {{"Title", std::string("a\0b", 3)}};
              render::writePng(bad, image, 3, render::TempFile::Auto, e);
          }) == bad + ": the Title text holds a NUL character, which PNG text cannot store");
    CHECK(contains(errorOf([&] {
                       const std::vector<core::TextEntry> e = {{" Title", "x"}};
                       render::writePng(bad, image, 3, render::TempFile::Auto, e);
                   }),
                   "' Title' cannot be a PNG text keyword"));
    CHECK(contains(errorOf([&] {
                       const std::vector<core::TextEntry> e = {{"Creation  Time", "x"}};
                       render::writePng(bad, image, 3, render::TempFile::Auto, e);
                   }),
                   "cannot be a PNG text keyword"));
    CHECK(contains(errorOf([&] {
                       const std::vector<core::TextEntry> e = {{"Title", "\xed\xa0\x80"}}; // a surrogate
                       render::writePng(bad, image, 3, render::TempFile::Auto, e);
                   }),
                   "not valid UTF-8"));
    CHECK(folderContents(dir) == std::vector<std::string>{"t.png"});
}

TEST_CASE("a GeoTIFF export holds the PNG export's pixels, georeferencing and metadata")
{
    const fs::path dir = freshDir("geotiff");
    const core::GeoBox view{44.0, 24.0, 60.0, 42.0};
    core::MapDocument doc = bundledDocument(view, 640, 400);
    platform::ExportOptions options;
    options.size = {640, 400};
    options.bbox = view;
    options.metadata.title = "راهگذر شمال–جنوب";
    options.metadata.subtitle = "Rasht–Astara";
    options.metadata.sources = "Natural Earth";
    options.metadata.comment = "draft";
    options.out = (dir / "map.png").string();
    platform::exportMap(doc, options);
    options.out = (dir / "map.tif").string();
    options.format = platform::ExportFormat::GeoTiff;
    const platform::ExportResult tiffResult = platform::exportMap(doc, options);
    CHECK(tiffResult.sidecars.empty());
    CHECK(folderContents(dir) ==
          std::vector<std::string>{"map.pgw", "map.png", "map.png.aux.xml", "map.prj", "map.tif"});

    const GdalImage png = readWithGdal((dir / "map.png").string());
    const GdalImage tif = readWithGdal((dir / "map.tif").string());
    CHECK(tif.files == std::vector<std::string>{"map.tif"}); // georeferenced by itself
    REQUIRE(tif.width == 640);
    REQUIRE(tif.height == 400);
    CHECK(render::compareImages(toImage(tif), toImage(png), 0).differingPixels == 0);
    CHECK(render::compareImages(toImage(tif), render::readPng((dir / "map.png").string()), 0).differingPixels == 0);
    REQUIRE(tif.hasTransform);
    for (int i = 0; i < 6; ++i) {
        CHECK(tif.transform[static_cast<std::size_t>(i)] ==
              doctest::Approx(png.transform[static_cast<std::size_t>(i)]).epsilon(1e-12));
    }
    OGRSpatialReference a, b, v;
    REQUIRE(a.SetFromUserInput(tif.wkt.c_str()) == OGRERR_NONE);
    REQUIRE(b.SetFromUserInput(png.wkt.c_str()) == OGRERR_NONE);
    REQUIRE(v.SetFromUserInput(geo::kCorridorLcc) == OGRERR_NONE);
    CHECK(a.IsSame(&b));
    CHECK(a.IsSame(&v));
    // The metadata: GDAL items by the PNG's keywords, and the TIFF tags other readers show.
    CHECK(tif.metadata.at("Title") == options.metadata.title);
    CHECK(tif.metadata.at("Description") == "Rasht–Astara");
    CHECK(tif.metadata.at("Source") == "Natural Earth");
    CHECK(tif.metadata.at("Comment") == "draft");
    CHECK(tif.metadata.at("Software") == core::softwareName());
    CHECK(tif.metadata.at("CRS") == geo::kCorridorLcc);
    CHECK(tif.metadata.at("BBox") == png.metadata.at("BBox"));
    CHECK(tif.metadata.count("Creation Time") == 1);
    CHECK(tif.metadata.at("TIFFTAG_SOFTWARE") == core::softwareName());
    CHECK(tif.metadata.at("TIFFTAG_IMAGEDESCRIPTION") == options.metadata.title + "\nRasht–Astara");
    CHECK(tif.metadata.at("TIFFTAG_DATETIME").size() == 19);
    // How it is stored.
    CHECK(tif.structure.at("COMPRESSION") == "DEFLATE");
    CHECK(tif.structure.at("INTERLEAVE") == "PIXEL");
    CHECK(tif.blockX == 256);
    CHECK(tif.blockY == 256);
    CHECK(tif.interp == std::vector<GDALColorInterp>{GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand});
}

TEST_CASE("a GeoTIFF written band by band equals the one-shot write, and a short or bad band is refused")
{
    const fs::path dir = freshDir("geotiff-bands");
    const int w = 700, h = 530; // not a multiple of the 256-pixel tiles either way
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4);
    std::uint32_t seed = 99;
    for (std::size_t i = 0; i < rgba.size(); ++i) {
        seed = seed * 1664525u + 1013904223u;
        rgba[i] = static_cast<std::uint8_t>((i / 4 / w) % 50 < 25 ? seed >> 24 : (i % 4) * 60);
    }
    const geo::GeoTransform t = geo::geoTransform([] {
        core::Camera c;
        c.center = {6122571.99, 2875744.62};
        c.unitsPerPixel = 812.5;
        c.widthPx = 700;
        c.heightPx = 530;
        return c;
    }());
    core::ImageMetadata m;
    m.title = "bands";
    geo::writeGeoTiff((dir / "once.tif").string(), w, h, rgba, t, "EPSG:3857", m);
    {
        geo::GeoTiffWriter writer((dir / "bands.tif").string(), w, h, t, "EPSG:3857", m);
        const std::size_t row = static_cast<std::size_t>(w) * 4;
        for (int y = 0; y < h;) {
            const int rows = std::min(100 + y % 7, h - y); // uneven bands across tile rows
            writer.writeRows(std::span(rgba).subspan(row * static_cast<std::size_t>(y), row * static_cast<std::size_t>(rows)), rows);
            y += rows;
        }
        CHECK(writer.rowsWritten() == h);
        const std::vector<std::string> during = folderContents(dir); // the temporary file, hidden, beside once.tif
        REQUIRE(during.size() == 2);
        CHECK(during[0].rfind(".bands.tif.", 0) == 0);
        writer.finish();
    }
    CHECK(folderContents(dir) == std::vector<std::string>{"bands.tif", "once.tif"});
    const GdalImage once = readWithGdal((dir / "once.tif").string());
    const GdalImage bands = readWithGdal((dir / "bands.tif").string());
    CHECK(once.rgba == rgba);
    CHECK(bands.rgba == rgba);
    CHECK(bands.transform == once.transform);
    CHECK(bands.transform == t);
    CHECK(bands.wkt == once.wkt);
    CHECK(bands.metadata.at("Title") == "bands");

    // Missing rows: nothing appears, the temporary file goes.
    const std::string shortPath = (dir / "short.tif").string();
    {
        geo::GeoTiffWriter writer(shortPath, w, h, t, "EPSG:3857", m);
        writer.writeRows(std::span(rgba).first(static_cast<std::size_t>(w) * 4 * 10), 10);
        CHECK(errorOf([&] { writer.finish(); }) ==
              shortPath + ": writing the GeoTIFF failed: only 10 of 530 rows were given; nothing was written");
        CHECK(errorOf([&] { writer.writeRows(std::span(rgba).first(8), 1); }) ==
              shortPath + ": writing the GeoTIFF failed: a band of 1 rows needs 2800 bytes, not 8");
        CHECK(errorOf([&] { writer.writeRows(std::span(rgba), h); }) ==
              shortPath + ": writing the GeoTIFF failed: 530 rows given at row 10 of a 530-row image");
    }
    CHECK(folderContents(dir) == std::vector<std::string>{"bands.tif", "once.tif"});
    CHECK(contains(errorOf([&] { geo::GeoTiffWriter((dir / "crs.tif").string(), w, h, t, "+proj=nonsense", m); }),
                   "crs.tif: writing the GeoTIFF failed: GDAL cannot read the view CRS '+proj=nonsense'"));
    CHECK(errorOf([&] { geo::GeoTiffWriter((dir / "none" / "x.tif").string(), w, h, t, "EPSG:3857", m); }) ==
          (dir / "none" / "x.tif").string() + ": cannot create a file in folder " + (dir / "none").string() +
              ": No such file or directory");
    CHECK(folderContents(dir) == std::vector<std::string>{"bands.tif", "once.tif"});
}

TEST_CASE("an export whose world file name is taken by a directory fails before anything is written")
{
    const fs::path dir = freshDir("sidecar-directory");
    core::MapDocument doc = markerDocument("EPSG:3857", dir);
    fs::remove(dir / "cities.geojson");
    fs::create_directory(dir / "map.pgw");
    platform::ExportOptions options;
    options.out = (dir / "map.png").string();
    options.size = {64, 48};
    CHECK(errorOf([&] { platform::exportMap(doc, options); }) ==
          (dir / "map.pgw").string() + ", the world file of " + options.out +
              ", is a directory; remove it or export under another name; nothing was written");
    CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw"});
    // Without sidecars the same export goes through, and leaves the directory alone.
    options.worldFile = false;
    const platform::ExportResult r = platform::exportMap(doc, options);
    CHECK(r.sidecars.empty());
    CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw", "map.png"});

    // An image named after its data, beside it: its .prj would be read as the data's CRS. Refused, nothing written.
    std::ofstream(dir / "cities.prj") << "GEOGCS[\"WGS 84\"]";
    options.worldFile = true;
    options.out = (dir / "cities.png").string();
    CHECK(errorOf([&] { platform::exportMap(doc, options); }) ==
          (dir / "cities.prj").string() + ", the .prj of " + options.out + ", would be read as the CRS of the input " +
              doc.layers[0].sourcePath + " (same folder, same name); export under another name; nothing was written");
    CHECK(folderContents(dir) == std::vector<std::string>{"cities.prj", "map.pgw", "map.png"});
}

TEST_CASE("the viewer's export writes the same sidecars and metadata, for the view CRS it is given")
{
    const fs::path dir = freshDir("viewer");
    const platform::HeadlessContext context;
    core::MapDocument doc = markerDocument("EPSG:3857", dir);
    fs::remove(dir / "cities.geojson");
    render::MapScene scene;
    scene.load(doc);
    const core::Camera camera = geo::frameView(doc, core::GeoBox{44.0, 14.0, 80.0, 46.0}, 300, 200);
    platform::OutputOptions output;
    output.out = platform::exportFileName(dir.string());
    output.metadata.title = "view";
    const platform::ExportResult r = platform::exportView(scene, doc, camera, core::noFurniture({}), output);
    CHECK(r.sidecars.size() == 3);
    CHECK(folderContents(dir).size() == 4);

    const GdalImage img = readWithGdal(output.out);
    REQUIRE(img.hasTransform);
    CHECK(img.transform == geo::geoTransform(camera));
    OGRSpatialReference found, view;
    REQUIRE(found.SetFromUserInput(img.wkt.c_str()) == OGRERR_NONE);
    REQUIRE(view.SetFromUserInput("EPSG:3857") == OGRERR_NONE);
    CHECK(found.IsSame(&view));
    CHECK(redDots(img).size() == std::size(kCities));
    const std::map<std::string, PngChunk> text = pngTextBeforeIdat(output.out);
    CHECK(text.at("Title").value == "view");
    CHECK(text.at("CRS").value == "EPSG:3857");
    CHECK(text.at("Software").value == core::softwareName());
    CHECK(text.count("BBox") == 1);
}

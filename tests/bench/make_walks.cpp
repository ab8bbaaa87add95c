// Writes a synthetic line layer for the benchmarks: random walks in 40–60°E, 20–50°N with a fixed seed, so the
// same file comes out on every machine. Usage: make_walks VERTICES OUT.fgb [VERTICES_PER_WALK]

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: make_walks VERTICES OUT.fgb [VERTICES_PER_WALK]\n");
        return 2;
    }
    const long long total = std::atoll(argv[1]);
    const std::string out = argv[2];
    const long long perWalk = argc > 3 ? std::atoll(argv[3]) : 1000;
    if (total < 2 || perWalk < 2) {
        std::fprintf(stderr, "make_walks: VERTICES and VERTICES_PER_WALK must be at least 2\n");
        return 2;
    }
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("FlatGeobuf");
    if (driver == nullptr) {
        std::fprintf(stderr, "make_walks: GDAL has no FlatGeobuf driver\n");
        return 1;
    }
    GDALDatasetUniquePtr ds(driver->Create(out.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) {
        std::fprintf(stderr, "make_walks: cannot create %s\n", out.c_str());
        return 1;
    }
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("walks", &wgs84, wkbLineString, nullptr);
    OGRFieldDefn id("walk", OFTInteger);
    layer->CreateField(&id);

    std::mt19937_64 rng(20261128);
    std::uniform_real_distribution<double> lon(40.0, 60.0), lat(20.0, 50.0);
    std::normal_distribution<double> step(0.0, 0.01); // about 1 km per step
    long long written = 0;
    int walk = 0;
    while (written < total) {
        const long long n = std::min(perWalk, total - written);
        if (n < 2) {
            break;
        }
        OGRLineString line;
        double x = lon(rng), y = lat(rng);
        for (long long i = 0; i < n; ++i) {
            line.addPoint(x, y);
            x = std::min(60.0, std::max(40.0, x + step(rng)));
            y = std::min(50.0, std::max(20.0, y + step(rng)));
        }
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("walk", walk++);
        f.SetGeometry(&line);
        if (layer->CreateFeature(&f) != OGRERR_NONE) {
            std::fprintf(stderr, "make_walks: writing failed\n");
            return 1;
        }
        written += n;
    }
    std::printf("make_walks: %lld vertices in %d walks -> %s\n", written, walk, out.c_str());
    return 0;
}

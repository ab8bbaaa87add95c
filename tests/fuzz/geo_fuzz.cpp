// libFuzzer target: a vector file's bytes through GDAL (from /vsimem/, the network off) into the core layer model,
// then each layer projected and meshed as the viewer does. loadSource may throw core::LoadError for a file it
// cannot read; anything else (another exception, a crash, a sanitizer report) is a bug.
#include "core/errors.hpp"
#include "core/style.hpp"
#include "geo/layer_builder.hpp"
#include "geo/loader.hpp"
#include "geo/network.hpp"

#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

namespace {

// Only the text formats GeoJSON files arrive in: GDAL's other drivers are not built with the sanitizers, so time
// spent in them finds little in Corridor's own code.
void keepJsonDrivers()
{
    static const std::set<std::string> keep{"GeoJSON", "GeoJSONSeq", "ESRIJSON", "TopoJSON", "CSV"};
    GDALDriverManager* manager = GetGDALDriverManager();
    for (int i = manager->GetDriverCount() - 1; i >= 0; --i) {
        GDALDriver* driver = manager->GetDriver(i);
        if (keep.count(driver->GetDescription()) == 0) {
            manager->DeregisterDriver(driver);
            GDALDestroyDriver(driver); // deregistering alone leaves it to the leak checker
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    corridor::geo::configureNetwork(false);
    keepJsonDrivers();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = "/vsimem/fuzz.geojson";
    // bTakeOwnership = FALSE: the buffer stays libFuzzer's; GDAL only reads it.
    VSILFILE* file = VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data), size, FALSE);
    if (file == nullptr) {
        return 0;
    }
    VSIFCloseL(file);
    try {
        const corridor::geo::LoadedSource source = corridor::geo::loadSource(path);
        for (std::size_t i = 0; i < source.layers.size(); ++i) {
            const corridor::core::Layer& layer = source.layers[i];
            const corridor::core::LayerStyle style = corridor::core::defaultLayerStyle(layer, i);
            std::vector<corridor::core::FeatureIssue> failures;
            (void)corridor::geo::buildMesh(layer, style, "EPSG:3857", &failures);
        }
    } catch (const corridor::core::LoadError&) {
        // the documented outcome for a file GDAL cannot read
    }
    VSIUnlink(path.c_str());
    return 0;
}

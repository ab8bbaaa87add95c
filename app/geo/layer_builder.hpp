#pragma once
// From a file to draw-ready layers: load through GDAL (lon/lat), project through PROJ to the view CRS, build
// the meshes. Runs on any thread (own GDAL dataset and PROJ context per call).

#include "core/camera.hpp"
#include "core/hit_test.hpp"
#include "core/map_document.hpp"
#include "core/style_file.hpp"
#include "geo/loader.hpp"
#include "geo/proj.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::geo {

// Loads every layer of `path` (lon/lat) and gives each core::defaultLayerStyle from palette index `paletteIndex`
// on; meshes are not built yet (buildMeshes). Throws core::LoadError when the file cannot be read.
std::vector<core::MapLayer> loadLayers(const std::string& path, std::size_t paletteIndex,
                                       const LoadOptions& options = {});

// Projects a layer into the view CRS and builds its mesh with `style`. Pure CPU work with its own PROJ context:
// safe on any thread while nobody writes `layer`. Throws ProjError when the view CRS is unknown. Parts with a
// point PROJ cannot project are not drawn; when `failures` is given, each gets an issue there
// (viewProjectionIssues).
// When `hits` is given, the identify index (core::HitIndex) over the same projected geometry is built into it.
// `options`: the mesh's levels of detail (core::MeshOptions; startTolerance for a one-shot image).
core::LayerMesh buildMesh(const core::Layer& layer, const core::LayerStyle& style, const std::string& viewCrs,
                          std::vector<core::FeatureIssue>* failures = nullptr,
                          std::shared_ptr<const core::HitIndex>* hits = nullptr, const core::MeshOptions& options = {});

// One issue per part of `source` that has a point left NaN in `projected` (its copy in the view CRS, as
// projectLayer makes it): "line vertex 3 (x, y) cannot be projected to the view CRS; that part is not drawn,
// the rest is". Holes of a polygon whose exterior fails go with it. Marked FeatureIssue::viewProjection.
std::vector<core::FeatureIssue> viewProjectionIssues(const core::Layer& source, const core::Layer& projected);

// The one view an image is made for (an export, the viewer's first frame): `centre` (else `box`, else the
// document's initial view, else all its data) at width × height pixels.
struct OutputView {
    std::optional<core::GeoBox> box;
    double width = 0.0, height = 0.0;
    std::optional<core::ViewCentre> centre;
    // An export: the meshes draw this image and nothing else, its lines `pixelScale` times their style's widths
    // (core::MeshOptions::imageUnitsPerPixel). Not the viewer's first view, which it zooms away from before its
    // refined meshes arrive.
    bool onlyThisImage = false;
    double pixelScale = 1.0;
    // The image may have an inset map (core::FurnitureOptions::inset), which draws the polygon layers over the
    // document's initial view, or over all the data when it has none: their features there are kept too.
    bool inset = false;
};

// The start tolerance (core::MeshOptions::startTolerance) for meshes that draw `view` and coarser views: half a
// pixel of that view, the error core::levelFits allows, so the level built is the one a full pyramid would draw.
// When the view frames all the data, its extent is estimated from the layers' lon/lat bounds (the meshes that
// would give it exactly are what is being built).
double startToleranceFor(const core::MapDocument& document, const OutputView& view);

// Where built meshes may be kept between runs (platform::CachedMeshStore: an on-disk cache). Called from several
// threads at once.
class MeshStore {
public:
    virtual ~MeshStore() = default;
    // The mesh built earlier for `layer` with this CRS and these options (its issues include the view-projection
    // ones, marked so), or std::nullopt.
    virtual std::optional<core::LayerMesh> load(const core::MapLayer& layer, const std::string& viewCrs,
                                                const core::MeshOptions& options) = 0;
    virtual void store(const core::MapLayer& layer, const std::string& viewCrs, const core::MeshOptions& options,
                       const core::LayerMesh& mesh) = 0;
};

// Builds every layer's mesh and identify index (MapLayer::hits) for the document's view CRS and date (asOf), the
// layers spread over the machine's cores. Each layer's Layer::issues then holds its view-projection issues (those of
// an earlier build are replaced): log the issues after this call to include them.
// With `view`: only the level of detail that view draws (startToleranceFor), and no identify index: what one image
// needs, in a fraction of the time (the full pyramid's other levels are most of the work). A viewer that zooms out
// before its background refinement is done draws that level (finer than needed there: slower, still right).
// With `store` (used with a `view` only: the full pyramid also needs the identify index, made from the projected
// data): each layer's mesh is taken from it when there, else built and given to it.
void buildMeshes(core::MapDocument& document, const std::optional<OutputView>& view = std::nullopt,
                 MeshStore* store = nullptr);

// `options` with the map's date for a layer of this style: `asOf` when a rule asks "@as-of" (core::usesAsOf), else
// none, so a layer the date does not change keeps its meshes (and its mesh cache entries) whatever the date.
core::MeshOptions optionsFor(const core::LayerStyle& style, const std::optional<core::Date>& asOf,
                             core::MeshOptions options = {});

// Lays a style sheet over the document: each layer's style (the sheet's keys over its default look), the draw
// order, the background and the initial view. Meshes must be rebuilt afterwards.
void applyStyleSheet(core::MapDocument& document, const core::StyleSheet& sheet);

// The look a layer has before a sheet's keys go over it: core::defaultLayerStyle, or the graticule's own.
core::LayerStyle baseLayerStyle(const core::MapLayer& layer);

// The styles the sheet gives each layer of the document, in the order the sheet draws them: what the viewer
// needs to rebuild on a reload without touching the document from another thread.
std::vector<std::size_t> sheetOrder(const core::MapDocument& document, const core::StyleSheet& sheet);

// The box, densified along its edges, projected into the view CRS.
core::Bounds projectBox(const core::GeoBox& box, const std::string& viewCrs);
// The other way: the lon/lat extent of a view-CRS box (an image's view), from its corners and its edges densified
// as projectBox does, inverse-projected; a pole inside the box takes the extent to that pole and to every longitude.
// Points PROJ cannot invert are left out; std::nullopt when none can be. A view across the antimeridian comes out
// as west -180, east 180. Throws ProjError when the view CRS is unknown.
std::optional<core::GeoBox> unprojectBox(const core::Bounds& box, const std::string& viewCrs);
// The same with a transformer the caller keeps (view CRS -> lon/lat, as ViewGeodesy holds it): no PROJ context or
// transformer is made, so a view that moves every frame can ask every frame.
std::optional<core::GeoBox> unprojectBox(const core::Bounds& box, const Transformer& viewToLonLat);

// The camera the map opens with at this viewport size: `box` when given, else the document's initial view,
// else all layers' extent with a small margin. Its zoom and pan limits are set (geo::viewLimits), taking in the
// framed view.
core::Camera frameView(const core::MapDocument& document, const std::optional<core::GeoBox>& box, double width,
                       double height);

// The camera of an output view: frameView for its box, or its centre and zoom exactly (throws ProjError when the
// view CRS cannot show the centre).
core::Camera frameOutput(const core::MapDocument& document, const OutputView& view);

// The projected extent of every layer's mesh, the graticule's aside.
core::Bounds dataBounds(const core::MapDocument& document);

// The vector files in a folder, in draw order: basemap layers first, then the rest by name.
std::vector<std::string> dataFilesIn(const std::string& directory);

} // namespace corridor::geo

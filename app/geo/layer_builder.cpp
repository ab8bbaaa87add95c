#include "geo/layer_builder.hpp"

#include "core/furniture.hpp"
#include "core/hit_test.hpp"
#include "core/parallel.hpp"
#include "core/graticule.hpp"
#include "geo/proj.hpp"
#include "geo/view_limits.hpp"

#include <algorithm>
#include <numeric>
#include <cmath>
#include <filesystem>
#include <utility>

namespace corridor::geo {

std::vector<core::MapLayer> loadLayers(const std::string& path, std::size_t paletteIndex, const LoadOptions& options)
{
    LoadedSource source = loadSource(path, options);
    const std::string file = std::filesystem::path(path).filename().string();
    std::vector<core::MapLayer> out;
    for (core::Layer& layer : source.layers) {
        core::MapLayer m;
        m.title = source.layers.size() == 1 && layer.name == std::filesystem::path(path).stem().string()
                      ? layer.name
                      : file + " › " + layer.name;
        m.sourcePath = path;
        m.paletteIndex = paletteIndex++;
        m.style = core::defaultLayerStyle(layer, m.paletteIndex);
        m.data = std::move(layer);
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

// The issues of the parts of `projected` (in the view CRS) left with a point NaN: "line vertex 3 (x, y) cannot be
// projected to the view CRS; that part is not drawn, the rest is", the point as it was in lon/lat: lonLat(index).
template <class LonLat>
std::vector<core::FeatureIssue> unprojectedParts(const core::Layer& projected, const LonLat& lonLat)
{
    std::vector<core::FeatureIssue> out;
    const auto failed = [&](std::uint32_t i) {
        return !std::isfinite(projected.coords[i].x) || !std::isfinite(projected.coords[i].y);
    };
    if (std::none_of(projected.coords.begin(), projected.coords.end(),
                     [](const core::Vec2d& p) { return !std::isfinite(p.x) || !std::isfinite(p.y); })) {
        return out; // the usual case: one pass, nothing to name
    }
    struct Failure {
        std::uint32_t part;
        std::uint32_t vertex;
    };
    std::vector<Failure> failures;
    for (const core::Feature& f : projected.features) {
        failures.clear();
        std::uint32_t drawn = 0;
        bool outerFailed = false;
        for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
            const core::Part& part = projected.parts[p];
            if (part.role == core::PartRole::InnerRing && outerFailed) {
                continue; // goes with its exterior ring
            }
            bool ok = true;
            for (std::uint32_t i = 0; i < part.count; ++i) {
                if (failed(part.first + i)) {
                    failures.push_back({p, i});
                    ok = false;
                    break;
                }
            }
            if (part.role == core::PartRole::OuterRing) {
                outerFailed = !ok;
            }
            drawn += ok ? 1 : 0;
        }
        if (failures.empty()) {
            continue;
        }
        core::PartNames names(projected, f);
        for (const Failure& x : failures) {
            const core::Part& part = projected.parts[x.part];
            const std::string which = part.role == core::PartRole::Point
                                          ? names.name(x.part)
                                          : names.name(x.part) + " vertex " + std::to_string(x.vertex + 1);
            core::FeatureIssue issue = core::makeIssue(
                projected, f, which + " " + core::formatPoint(lonLat(part.first + x.vertex)) +
                               " cannot be projected to the view CRS",
                drawn == 0 ? core::IssueAction::NotDrawn : core::IssueAction::PartNotDrawn);
            issue.viewProjection = true;
            out.push_back(std::move(issue));
        }
    }
    return out;
}

// `layer` in the view CRS (for a one-shot image, each point within a 32nd of its pixel: what PROJ point by point
// draws, to that much, for less time), and into `failures` when given, an issue per part PROJ could not project.
core::Layer projectForView(const core::Layer& layer, const std::string& viewCrs, const core::MeshOptions& options,
                           std::vector<core::FeatureIssue>* failures)
{
    const ProjContext proj;
    const Transformer toView(proj, kLonLat, viewCrs);
    std::size_t failed = 0;
    core::Layer projected = projectLayer(layer, toView, options.imageUnitsPerPixel / 32.0, &failed);
    if (failures != nullptr) {
        // Each part with a point left NaN: none to look for when PROJ (or the grid) took every point (an identity
        // counts nothing: looked for).
        *failures = failed > 0 || toView.isIdentity() ? viewProjectionIssues(layer, projected)
                                                       : std::vector<core::FeatureIssue>{};
    }
    return projected;
}

// projectForView for a layer whose lon/lat points are needed no more (a one-shot image's): `layer`'s points are taken
// and projected where they are, and `layer` keeps the rest (names, values, parts: the furniture's).
core::Layer takeForView(core::Layer& layer, const std::string& viewCrs, const core::MeshOptions& options,
                        std::vector<core::FeatureIssue>* failures)
{
    std::vector<core::Vec2d> points = std::move(layer.coords);
    layer.coords.clear();
    core::Layer projected = layer; // all but the points
    projected.coords = std::move(points);
    const ProjContext proj;
    const Transformer toView(proj, kLonLat, viewCrs);
    std::vector<FailedPoint> failedAt;
    projectLayerInPlace(projected, toView, options.imageUnitsPerPixel / 32.0, failedAt);
    if (failures != nullptr) {
        // As projectForView; the failed points' lon/lat from failedAt (an identity changed no point).
        *failures = !failedAt.empty() || toView.isIdentity()
                        ? unprojectedParts(projected, [&](std::uint32_t i) {
                              const auto at = std::lower_bound(
                                  failedAt.begin(), failedAt.end(), std::size_t{i},
                                  [](const FailedPoint& f, std::size_t index) { return f.index < index; });
                              return at != failedAt.end() && at->index == i ? at->was : projected.coords[i];
                          })
                        : std::vector<core::FeatureIssue>{};
    }
    return projected;
}

// Which features of `projected` meet `view`; with no view (an image that frames all the data), which have a part
// that is drawn, tested against the layer's own extent.
core::FeaturesInView featuresInView(const core::Layer& projected, const std::optional<core::Bounds>& view)
{
    core::FeaturesInView out;
    out.whole = !view;
    if (view) {
        out.box = *view;
    } else {
        for (const core::Vec2d& p : projected.coords) {
            if (std::isfinite(p.x) && std::isfinite(p.y)) {
                out.box.add(p);
            }
        }
    }
    const std::size_t count = projected.features.size();
    out.in.resize(count);
    constexpr std::size_t kPieces = 16;
    core::forEachParallel(kPieces, [&](std::size_t k) {
        for (std::size_t f = count * k / kPieces; f < count * (k + 1) / kPieces; ++f) {
            out.in[f] = core::featureMeets(projected, projected.features[f], out.box) ? 1 : 0;
        }
    });
    return out;
}

} // namespace

core::LayerMesh buildMesh(const core::Layer& layer, const core::LayerStyle& style, const std::string& viewCrs,
                          std::vector<core::FeatureIssue>* failures, std::shared_ptr<const core::HitIndex>* hits,
                          const core::MeshOptions& options)
{
    core::Layer projected = projectForView(layer, viewCrs, options, failures);
    if (hits != nullptr) {
        *hits = std::make_shared<const core::HitIndex>(projected);
    }
    return core::buildLayerMesh(std::move(projected), style, options);
}

std::vector<core::FeatureIssue> viewProjectionIssues(const core::Layer& source, const core::Layer& projected)
{
    return unprojectedParts(projected, [&](std::uint32_t i) { return source.coords[i]; });
}

double startToleranceFor(const core::MapDocument& document, const OutputView& view)
{
    if (view.centre) {
        return 0.5 * core::unitsPerPixelAtZoom(view.centre->zoom);
    }
    core::Bounds framed;
    if (view.box || document.initialView) {
        framed = projectBox(view.box ? *view.box : *document.initialView, document.viewCrs);
    } else {
        core::Bounds lonLat;
        for (const core::MapLayer& layer : document.layers) {
            lonLat.add(layer.data.bounds);
        }
        if (!lonLat.empty()) {
            framed = projectBox({lonLat.minX, lonLat.minY, lonLat.maxX, lonLat.maxY}, document.viewCrs);
        }
    }
    if (framed.empty() || view.width <= 0.0 || view.height <= 0.0) {
        return 0.0; // nothing to size it by: every level
    }
    const double unitsPerPixel = std::max(framed.width() / view.width, framed.height() / view.height);
    // Half a pixel: core::levelFits. An estimate that errs large (the lon/lat box's image holds the data's) picks
    // a level one step coarser than the view needs at worst, within a pixel; that view then reads from its
    // finest level, which is what a zoomed-in view does anyway.
    return std::isfinite(unitsPerPixel) ? 0.5 * unitsPerPixel : 0.0;
}

namespace {

// What an image's inset map shows (render/furniture.cpp): the extent it frames (platform's insetExtent: the
// document's initial view with the image's view) fitted into its box, which shows more of the world across the
// extent's narrower side when their shapes differ, and an eighth more (the inset's lines, in pixels of its own
// scale, and the margin it fits the extent with).
core::Bounds insetShows(const core::MapDocument& document, const core::Bounds& view)
{
    core::Bounds framed = projectBox(*document.initialView, document.viewCrs);
    framed.add(view);
    const double aspect = core::kInsetMaxHeightPx / core::kInsetWidthPx; // the box's height over its width, at most
    const double w = std::max(framed.width(), framed.height() / aspect);
    const double h = std::max(framed.height(), framed.width() * aspect);
    const double m = 0.125 * std::max(w, h);
    const core::Vec2d c = framed.center();
    return {c.x - w / 2 - m, c.y - h / 2 - m, c.x + w / 2 + m, c.y + h / 2 + m};
}

// What one image framed by `camera` can show of the layers: its view and a quarter of it more on each side (wide
// strokes and casings, markers and labels whose features lie just outside), and with an inset, what the inset shows
// (the document has an initial view: an inset of all the data needs all of it).
core::Bounds imageReach(const core::MapDocument& document, const core::Camera& camera, bool inset)
{
    const core::Bounds view = camera.visibleWorld();
    const double mx = 0.25 * view.width(), my = 0.25 * view.height();
    core::Bounds reach{view.minX - mx, view.minY - my, view.maxX + mx, view.maxY + my};
    if (inset && document.initialView) {
        reach.add(insetShows(document, view));
    }
    return reach;
}

// What one image framed by `camera` shows of the world (core::MeshOptions::shown): its view, and what its inset shows.
core::Bounds imageShown(const core::MapDocument& document, const core::Camera& camera, bool inset)
{
    core::Bounds shown = camera.visibleWorld();
    if (inset && document.initialView) {
        shown.add(insetShows(document, shown));
    }
    return shown;
}

} // namespace

void buildMeshes(core::MapDocument& document, const std::optional<OutputView>& view, MeshStore* store)
{
    if (!view) {
        store = nullptr;
    }
    core::MeshOptions common;
    // An export's image: the view it frames, in the view CRS (none when it frames all the data: known once built).
    std::optional<core::Bounds> imageView;
    const bool oneShot = view && view->onlyThisImage;
    if (view) {
        common.startTolerance = startToleranceFor(document, *view);
        if (view->onlyThisImage) {
            common.imageUnitsPerPixel = 2.0 * common.startTolerance; // the image's scale, or a little larger
            common.imagePixelScale = view->pixelScale;
            if (view->box || view->centre || document.initialView) {
                // Framed without the meshes (frameOutput frames all the data only when none of these is given):
                // the image's exact pixel grid, for distance fields on its pixels.
                const core::Camera camera = frameOutput(document, *view);
                common.imageUnitsPerPixel = camera.unitsPerPixel;
                common.imagePixelOrigin = camera.screenToWorld({0.0, camera.heightPx});
                imageView = camera.visibleWorld();
                if (!view->inset || document.initialView) {
                    common.reach = imageReach(document, camera, view->inset);
                    common.shown = imageShown(document, camera, view->inset);
                }
            }
        }
        common.maxLevels = 1;
    }
    // Layers are independent: build them two (or more) at a time; the biggest first so they finish together.
    std::vector<std::size_t> order(document.layers.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return document.layers[a].data.coords.size() > document.layers[b].data.coords.size();
    });
    core::forEachParallel(order.size(), [&](std::size_t i) {
        core::MapLayer& l = document.layers[order[i]];
        const core::MeshOptions options = optionsFor(l.style, document.asOf, common);
        std::vector<core::FeatureIssue> failures;
        std::optional<core::LayerMesh> kept = store != nullptr ? store->load(l, document.viewCrs, options) : std::nullopt;
        if (kept) {
            // The view-projection issues travel in the stored mesh's issues, marked: back to the layer's.
            l.mesh = std::move(*kept);
            const auto split = std::stable_partition(l.mesh.issues.begin(), l.mesh.issues.end(),
                                                     [](const core::FeatureIssue& x) { return !x.viewProjection; });
            failures.assign(std::make_move_iterator(split), std::make_move_iterator(l.mesh.issues.end()));
            l.mesh.issues.erase(split, l.mesh.issues.end());
        } else if (oneShot && store == nullptr) {
            // Drawn once: the points are projected where they lie (no copy), what the furniture needs of them is
            // found now, and the mesh is built over them (the build's peak: 160 MB of 10^7 points each copy).
            core::Layer projected = takeForView(l.data, document.viewCrs, options, &failures);
            l.inView = featuresInView(projected, imageView);
            l.mesh = core::buildLayerMesh(std::move(projected), l.style, options);
        } else {
            l.mesh = buildMesh(l.data, l.style, document.viewCrs, &failures, view ? nullptr : &l.hits, options);
            if (store != nullptr) {
                const std::size_t own = l.mesh.issues.size();
                l.mesh.issues.insert(l.mesh.issues.end(), failures.begin(), failures.end());
                store->store(l, document.viewCrs, options, l.mesh);
                l.mesh.issues.resize(own);
            }
        }
        if (view) {
            l.hits.reset();
        }
        std::vector<core::FeatureIssue>& issues = l.data.issues;
        issues.erase(std::remove_if(issues.begin(), issues.end(),
                                    [](const core::FeatureIssue& x) { return x.viewProjection; }),
                     issues.end());
        issues.insert(issues.end(), std::make_move_iterator(failures.begin()), std::make_move_iterator(failures.end()));
    }, 8);
}

core::MeshOptions optionsFor(const core::LayerStyle& style, const std::optional<core::Date>& asOf,
                             core::MeshOptions options)
{
    options.context.asOf = core::usesAsOf(style) ? asOf : std::nullopt;
    return options;
}

core::LayerStyle baseLayerStyle(const core::MapLayer& layer)
{
    return core::isGraticule(layer) ? core::graticuleStyle(layer.data)
                                    : core::defaultLayerStyle(layer.data, layer.paletteIndex);
}

std::vector<std::size_t> sheetOrder(const core::MapDocument& document, const core::StyleSheet& sheet)
{
    std::vector<std::string> names;
    for (const core::MapLayer& l : document.layers) {
        names.push_back(l.data.name);
    }
    return core::drawOrder(sheet, names);
}

void applyStyleSheet(core::MapDocument& document, const core::StyleSheet& sheet)
{
    for (core::MapLayer& l : document.layers) {
        l.style = core::styleFor(sheet, l.data.name, baseLayerStyle(l));
    }
    const std::vector<std::size_t> order = sheetOrder(document, sheet);
    std::vector<core::MapLayer> sorted;
    sorted.reserve(document.layers.size());
    for (const std::size_t i : order) {
        sorted.push_back(std::move(document.layers[i]));
    }
    document.layers = std::move(sorted);
    if (sheet.background) {
        document.background = *sheet.background;
    }
    if (sheet.view) {
        document.initialView = sheet.view;
    }
}

namespace {

// The corners and edges of the box (x0, y0)–(x1, y1), densified: projections bend a box's edges, so its image's
// extent is not its corners'.
std::vector<core::Vec2d> boxOutline(double x0, double y0, double x1, double y1)
{
    constexpr int kSteps = 32;
    std::vector<core::Vec2d> ring;
    ring.reserve(4 * (kSteps + 1));
    for (int i = 0; i <= kSteps; ++i) {
        const double t = static_cast<double>(i) / kSteps;
        const double x = x0 + (x1 - x0) * t;
        const double y = y0 + (y1 - y0) * t;
        ring.push_back({x, y0});
        ring.push_back({x, y1});
        ring.push_back({x0, y});
        ring.push_back({x1, y});
    }
    return ring;
}

core::Bounds finiteBounds(const std::vector<core::Vec2d>& points)
{
    core::Bounds b;
    for (const core::Vec2d& p : points) {
        if (std::isfinite(p.x) && std::isfinite(p.y)) {
            b.add(p);
        }
    }
    return b;
}

} // namespace

core::Bounds projectBox(const core::GeoBox& box, const std::string& viewCrs)
{
    std::vector<core::Vec2d> ring = boxOutline(box.west, box.south, box.east, box.north);
    const ProjContext proj;
    Transformer(proj, kLonLat, viewCrs).forward(ring);
    return finiteBounds(ring);
}

std::optional<core::GeoBox> unprojectBox(const core::Bounds& box, const std::string& viewCrs)
{
    if (box.empty()) {
        return std::nullopt;
    }
    const ProjContext proj;
    return unprojectBox(box, Transformer(proj, viewCrs, kLonLat));
}

std::optional<core::GeoBox> unprojectBox(const core::Bounds& box, const Transformer& viewToLonLat)
{
    if (box.empty()) {
        return std::nullopt;
    }
    std::vector<core::Vec2d> ring = boxOutline(box.minX, box.minY, box.maxX, box.maxY);
    viewToLonLat.forward(ring);
    const core::Bounds lonLat = finiteBounds(ring);
    if (lonLat.empty()) {
        return std::nullopt;
    }
    core::GeoBox out{lonLat.minX, lonLat.minY, lonLat.maxX, lonLat.maxY};
    // A pole inside the box is on no edge: the box then reaches it, across every longitude.
    std::vector<core::Vec2d> poles = {{0.0, 90.0}, {0.0, -90.0}};
    viewToLonLat.inverse(poles);
    if (std::isfinite(poles[0].x) && box.contains(poles[0])) {
        out.north = 90.0, out.west = -180.0, out.east = 180.0;
    }
    if (std::isfinite(poles[1].x) && box.contains(poles[1])) {
        out.south = -90.0, out.west = -180.0, out.east = 180.0;
    }
    return out;
}

core::Bounds dataBounds(const core::MapDocument& document)
{
    core::Bounds all;
    for (const core::MapLayer& layer : document.layers) {
        if (!core::isGraticule(layer)) { // it frames nothing: it is drawn around the data
            all.add(layer.mesh.bounds);
        }
    }
    return all;
}

core::Camera frameView(const core::MapDocument& document, const std::optional<core::GeoBox>& box, double width,
                       double height)
{
    core::Camera camera;
    camera.resize(width, height);
    core::Bounds framed;
    double margin = 0.0;
    if (box || document.initialView) {
        framed = projectBox(box ? *box : *document.initialView, document.viewCrs);
    } else {
        framed = dataBounds(document);
        if (framed.empty()) {
            framed = projectBox(core::kCorridorView, document.viewCrs);
        }
        margin = core::Camera::kFitMarginPx;
    }
    // Limits first, so every later zoom and pan (and this fit) stays inside them; they take in `framed`.
    camera.setLimits(viewLimits(document, framed));
    camera.fit(framed, margin);
    return camera;
}

core::Camera frameOutput(const core::MapDocument& document, const OutputView& view)
{
    core::Camera camera = frameView(document, view.box, view.width, view.height);
    if (view.centre) {
        const ProjContext context;
        const Transformer toView(context, kLonLat, document.viewCrs);
        core::Vec2d centre{view.centre->lon, view.centre->lat};
        if (toView.forward({&centre, 1}) != 0 || !std::isfinite(centre.x) || !std::isfinite(centre.y)) {
            throw ProjError("the view centre " + core::formatPoint({view.centre->lon, view.centre->lat}) +
                            " cannot be shown in the view CRS");
        }
        // Exactly what was asked: no pan or zoom limit moves an explicit view.
        camera.limits.reset();
        camera.center = centre;
        camera.unitsPerPixel = core::unitsPerPixelAtZoom(view.centre->zoom);
    }
    return camera;
}

std::vector<std::string> dataFilesIn(const std::string& directory)
{
    static constexpr const char* kExtensions[] = {".gpkg", ".geojson", ".json", ".shp", ".fgb", ".kml", ".gml"};
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions)) {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        const bool baseA = std::filesystem::path(a).filename().string().rfind("basemap", 0) == 0;
        const bool baseB = std::filesystem::path(b).filename().string().rfind("basemap", 0) == 0;
        return baseA != baseB ? baseA : a < b;
    });
    return files;
}

} // namespace corridor::geo

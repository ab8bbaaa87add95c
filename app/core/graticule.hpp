#pragma once
// The graticule: meridians and parallels as an ordinary line layer in lon/lat, so the renderer, the label engine,
// the view cache, the export and a projection switch treat it like any other layer (docs/architecture.md says why
// not a per-view pass). Each spacing (30°, 10°, 5°…) is a set of lines with its own zoom window, so the lines on
// screen stay about kMinSpacingPx or more apart at any zoom. Each line is densified (every kDensifyDegrees), so it
// curves as it should in a conic. Pure data: no PROJ here; a projection is passed in as a function.

#include "core/geometry.hpp"
#include "core/map_document.hpp"
#include "core/style.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace corridor::core {

inline constexpr const char* kGraticuleLayerName = "graticule"; // Layer::name (a style sheet may style it)
inline constexpr const char* kGraticuleTitle = "Graticule";     // the layer list's name
// A spacing is drawn once its lines would stand at least this far apart on screen (along a parallel at the equator,
// about 111.32 km per degree), until the next finer spacing's lines would.
inline constexpr double kMinSpacingPx = 120.0;
// Points along each line: fine enough that the chords of a parallel in a conic stay under a pixel at the zoom its
// spacing is drawn at.
inline constexpr double kDensifyDegrees = 0.5;
// A spacing with more lines than this over the graticule's extent is left out (the vertex budget): the finest
// spacing kept is drawn at every zoom finer than its window.
inline constexpr std::size_t kMaxLinesPerSpacing = 1000;
// Latitudes beyond this are left out: Web Mercator cannot show the poles.
inline constexpr double kMaxGraticuleLatitude = 85.0;

// The spacings offered, coarse to fine, in degrees.
std::span<const double> graticuleSpacings();

// One spacing and the zoom window (web-map zoom levels, core::zoomLevel) it is drawn in.
struct GraticuleLevel {
    double spacing = 0.0;
    float minZoom = kNoMinZoom;
    float maxZoom = kNoMaxZoom;
};

// The zoom windows for these spacings (coarse to fine): the coarsest is open below, the finest above, and each
// hands over to the next where that one's lines come kMinSpacingPx apart.
std::vector<GraticuleLevel> graticuleLevels(std::span<const double> spacings);
// The spacing drawn at `metresPerPixel` among `levels`.
double graticuleSpacing(std::span<const GraticuleLevel> levels, double metresPerPixel);

// "30°E", "40°N", "0°", "180°", "12°30′W", "0°15′S": a line's label. `degrees` is a multiple of a spacing (whole
// minutes at most); longitudes are taken into -180..180.
std::string graticuleLabel(double degrees, bool longitude);

// The lon/lat box the graticule covers for `document`: its initial view, else its layers' extent, else the
// corridor, grown by half its size on every side, then cut to ±180° and ±kMaxGraticuleLatitude.
GeoBox graticuleExtent(const MapDocument& document);

// Projects points in place (lon/lat in, view CRS out); a point that cannot be projected becomes NaN.
using ProjectFn = std::function<void(std::span<Vec2d>)>;

// The graticule over `box` as a lon/lat line layer named kGraticuleLayerName: one feature per line, with the fields
// `degrees` (graticuleLabel; not a name field, so search leaves the lines out), `step` (its spacing, "%g" degrees) and `axis` ("meridian" or "parallel"). Each spacing
// whose lines fit kMaxLinesPerSpacing is included. When `project` is given, each line is cut into the runs the view
// CRS can draw: points it cannot project are left out, and the line is split where it jumps across the projection's
// cut (a conic's antimeridian), so no chord is drawn across the map.
Layer makeGraticule(const GeoBox& box, const ProjectFn& project = {});

// The zoom windows of the spacings a graticule layer holds.
std::vector<GraticuleLevel> graticuleLevelsOf(const Layer& graticule);
// Thin, light lines and small labels that give way to every other label; one rule per spacing gives its zoom window.
LayerStyle graticuleStyle(const Layer& graticule);

bool isGraticule(const MapLayer& layer); // made by makeGraticule (not a file's layer that happens to share its name)
std::optional<std::size_t> findGraticule(const MapDocument& document);
// Where the graticule goes in the draw order: above the basemap (the layers named basemap_*), under the rest.
std::size_t graticuleSlot(const MapDocument& document);
// A map layer for `graticule`, styled by graticuleStyle.
MapLayer makeGraticuleLayer(Layer graticule, bool visible);

} // namespace corridor::core

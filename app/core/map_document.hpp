#pragma once
// What a map is, independent of how it is shown: its layers in draw order (bottom first), their styles and
// visibility, the view CRS and the initial view. Shared by the viewer and the export; plain data.

#include "core/geometry.hpp"
#include "core/mesh.hpp"
#include "core/style.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::core {

class HitIndex;

// Which features of a layer are in one image's view, found from its view-CRS geometry while its one-shot mesh was
// built (geo::buildMeshes for an export), so that the layer's coordinates need not be kept for the legend, the
// sources line and the point-of-view note.
struct FeaturesInView {
    Bounds box;         // the view-CRS box tested (core::featureMeets)
    bool whole = false; // `box` holds every drawable part of the layer: `in` holds for any view that holds `box`
    std::vector<char> in; // per feature

    // Whether `in` answers for `view`.
    bool answers(const Bounds& view) const;
};

struct MapLayer {
    std::string title;        // shown in the layer list: "file › layer"
    std::string sourcePath;   // the file (or GDAL source) it was read from, as given; "" for layers made in code
    Layer data;               // lon/lat (OGC:CRS84); a one-shot export's without coordinates once built (inView)
    LayerStyle style;
    LayerMesh mesh;           // in the view CRS; emptied once uploaded to the GPU
    std::shared_ptr<const HitIndex> hits; // view-CRS geometry for identify (core/hit_test), built with the mesh
    std::optional<FeaturesInView> inView; // a one-shot export's, in place of `hits` and of data.coords
    std::size_t paletteIndex = 0; // the default style's colour, kept so a restyle can fall back to it
    bool visible = true;
    float opacity = 1.0f;
};

// A lon/lat box: west, south, east, north in degrees.
struct GeoBox {
    double west = 0.0, south = 0.0, east = 0.0, north = 0.0;
};
// Parses "lon0,lat0,lon1,lat1"; returns an error text when malformed or out of range, else nullopt.
std::optional<std::string> parseGeoBox(const std::string& text, GeoBox& out);

// A view given by its centre and zoom (--view lon,lat,zoom): the centre in degrees, the zoom in web-map levels of
// the view CRS's units, as the status bar and the style's zoom windows count them (zoom z: 156543.03 / 2^z view-CRS
// units per pixel).
struct ViewCentre {
    double lon = 0.0, lat = 0.0;
    double zoom = 0.0;
};
// Parses "lon,lat,zoom" (zoom 0..30); returns an error text when malformed or out of range, else nullopt.
std::optional<std::string> parseViewCentre(const std::string& text, ViewCentre& out);
// The view-CRS units per pixel of a zoom level (the inverse of zoomLevel).
double unitsPerPixelAtZoom(double zoom);
// Parses "WIDTHxHEIGHT" (e.g. 1920x1080) with each side in 1..maxSide; returns an error text or nullopt.
struct ImageSize {
    int width = 0, height = 0;
};
inline constexpr int kMaxImageSide = 16384; // GL_MAX_RENDERBUFFER_SIZE on llvmpipe; larger needs tiling
std::optional<std::string> parseImageSize(const std::string& text, ImageSize& out, int maxSide = kMaxImageSide);

struct MapDocument {
    std::vector<MapLayer> layers;
    std::string viewCrs;
    std::string stylePath;                          // the style sheet the layers follow, "" for none
    Color background{0.80f, 0.88f, 0.93f, 1.0f}; // water
    std::optional<GeoBox> initialView;              // when unset, the view fits all layers
    LabelLanguage labelLanguage = LabelLanguage::En; // --lang, else the sheet's [map] lang; the View menu edits it
    // The date the map is drawn as of (--as-of, the viewer's timeline): "@as-of" style rules see each feature's state
    // then (core/as_of.hpp); meshes, legend and identify follow it. Unset: today, and those rules do nothing.
    std::optional<Date> asOf;
};

// The corridor as the bundled map opens on it: Mumbai to St Petersburg, the Gulf to the Volga.
inline constexpr GeoBox kCorridorView{28.0, 10.0, 78.0, 62.0};

} // namespace corridor::core

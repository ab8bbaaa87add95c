#pragma once
// Where an exported image lies on the Earth, in the forms GIS software reads: GDAL's geotransform, the ESRI world
// file (`map.pgw`), the CRS as WKT in a `.prj`, and GDAL's own PAM sidecar (`map.png.aux.xml`). GDAL (3.6) reads a
// PNG's geotransform from its world file but not its CRS from the `.prj`: QGIS, which opens the PNG through GDAL,
// finds the CRS only in the `.aux.xml`. The `.prj` is for ESRI software and for people.

#include "core/camera.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace corridor::geo {

// GDAL's affine geotransform, pixel (column, row) corner to view-CRS coordinates:
// x = t[0] + column * t[1] + row * t[2], y = t[3] + column * t[4] + row * t[5]; (0, 0) is the image's top-left
// corner (not the first pixel's centre).
using GeoTransform = std::array<double, 6>;

// The geotransform of an image rendered with `camera` (widthPx × heightPx, screen y down): north up, no rotation,
// square pixels of camera.unitsPerPixel view-CRS units.
GeoTransform geoTransform(const core::Camera& camera);

// The world file's six lines: A (x size of a pixel), D and B (rotation terms), E (y size, negative: rows go
// south), C and F (the centre of the top-left pixel, the world file's convention, half a pixel in from the
// geotransform's corner). Each number is the shortest decimal that reads back as the same double.
std::string worldFileText(const GeoTransform& transform);

// The CRS definitions the sidecars carry, from `crs` as the view CRS is given (an EPSG code, a PROJ string, WKT,
// PROJJSON: what OGRSpatialReference::SetFromUserInput accepts, without file or network access). Each throws
// std::runtime_error naming `crs` when GDAL cannot read it.
// For the .prj: ESRI WKT1 when it says the same CRS (read back, it is OSRIsSame with `crs`), since that is the
// dialect .prj files come from and the only one ESRI software reads; else GDAL's WKT1, which GDAL and QGIS read
// (ESRI WKT has no TOWGS84, so `+ellps=intl +towgs84=…` would lose its datum shift; it has no tilted perspective);
// else WKT2:2019, for a CRS neither WKT1 can express (Equal Earth or the vertical perspective with a TOWGS84: WKT1
// has no name for those methods). Not ESRI's dialect alone, as an ESRI .prj that says another CRS is worse than
// one ArcGIS cannot read.
std::string prjWkt(const std::string& crs);
// For the .aux.xml: what GDAL's PAM writes itself, WKT1 when it says the same CRS, else WKT2:2019 (Equal Earth,
// Bertin 1953, the vertical perspective…), which GDAL reads as well.
std::string pamWkt(const std::string& crs);
// The whole `.aux.xml`: <PAMDataset><SRS dataAxisToSRSAxisMapping="…">WKT</SRS></PAMDataset>, the mapping saying
// that the image's x is longitude/easting whatever the CRS's axis order (EPSG:4326 declares latitude first).
std::string pamAuxXml(const std::string& crs);

// The sidecars of the image at `imagePath`: the world file `map.pgw` (the image's extension's first and last
// letters + "w", as ESRI and GDAL derive it; `.wld` when the extension is shorter than two letters), `map.prj`
// and `map.png.aux.xml`.
struct Sidecars {
    std::string worldFile;
    std::string prj;
    std::string auxXml;
};
Sidecars sidecarsOf(const std::string& imagePath);

// Why the sidecars of `imagePath` could not be written, checked before anything is: one would be the image itself
// (`--out map.prj`), its name is longer than the folder's file system allows (a 255-byte `NAME.png` has a 263-byte
// `NAME.png.aux.xml`), or it is there and is not a regular file (a directory named map.pgw): "DIR/map.pgw, the world
// file of DIR/map.png, is a directory; remove it or export under another name", or the .prj would be read as the CRS
// of one of `inputs` (the data read for the image): same folder, same name before the extension, and a .prj there
// already or an input GDAL reads a .prj for (Shapefile, CSV): `--data roads.shp --out roads.png` would replace
// roads.prj and change the shapefile's CRS. An input that cannot be examined (a /vsi… path, a connection) is
// skipped. nullopt when none.
std::optional<std::string> sidecarProblem(const std::string& imagePath, const std::vector<std::string>& inputs = {});

// Writes the three sidecars of `imagePath` for an image rendered with `camera` in `crs`, each atomically
// (core::writeFileAtomically: complete or not at all; a temporary file never stays after a failure or TERM/INT/HUP),
// the world file first. Before writing any: sidecarProblem, and the CRS must be one GDAL can write as WKT (else
// "the view CRS 'X' cannot be written as WKT: REASON"); then it stops at the first failure and throws its message,
// which names the sidecar and the reason ("DIR/map.prj: writing the .prj failed: No space left on device", "…:
// cannot create a file in folder DIR: Read-only file system"). The image itself is not touched.
void writeSidecars(const std::string& imagePath, const core::Camera& camera, const std::string& crs);

// What the .prj and the .aux.xml say of `crs` (prjWkt and a newline, pamAuxXml): the part of the sidecars that asks
// PROJ's and GDAL's CRS database (about 10 ms for the Web Mercator), made on its own so an export can have it made
// while it draws. Throws as prjWkt does.
struct SidecarTexts {
    std::string prj;
    std::string auxXml;
};
SidecarTexts sidecarTexts(const std::string& crs);
// writeSidecars with those texts made already.
void writeSidecars(const std::string& imagePath, const core::Camera& camera, const SidecarTexts& texts);

} // namespace corridor::geo

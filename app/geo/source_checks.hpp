#pragma once
// What GDAL reads without complaint but not as the file means it: a layer CRS it could not resolve (GDAL falls
// back to WGS 84 or to none), a CSV it stopped reading at an over-long line, a shapefile whose .dbf it skipped.
// The loader asks these, so `corridor export` and `corridor info` (which loads the same way) report them.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corridor::geo {

// Why the CRS `layer` declares could not be resolved, or nullopt. `openMessages` are GDAL's messages while the
// dataset opened (GeoJSON and GML resolve their CRS then, and fall back to WGS 84 or none), `srsMessages` those
// while the layer's CRS was read (GeoPackage), `srs` what GDAL made of it. A shapefile .prj that GDAL silently
// ignores counts too.
std::optional<std::string> unresolvedCrs(GDALDataset& dataset, OGRLayer& layer, const std::string& path,
                                         const OGRSpatialReference* srs, const std::vector<std::string>& openMessages,
                                         const std::vector<std::string>& srsMessages);

// GDAL's CSV driver reads lines up to its MAX_LINE_SIZE open option (10,000,000 bytes by default) and stops
// quietly at a longer one. Given the messages GDAL gave while the layer was read, the reason the file was not
// read in full ("line 3 is longer than …"), or nullopt.
std::optional<std::string> csvReadProblem(GDALDataset& dataset, const std::string& path,
                                          const std::vector<std::string>& readMessages, std::int64_t featuresRead);

// A shapefile layer whose .dbf is missing or unreadable loads with its geometry and no attributes: the text of
// the layer-level warning ("attributes missing: x.dbf not found; geometry only"), or nullopt.
std::optional<std::string> missingAttributes(GDALDataset& dataset, OGRLayer& layer, const std::string& path);

// A GML file whose xsi:schemaLocation points at a remote schema (a WFS DescribeFeatureType) that was not fetched
// because the network is off: GDAL then reads the fields as it guesses them from the data. The text of the
// layer-level note, or nullopt (network on, not GML, no remote schema).
std::optional<std::string> unfetchedSchema(GDALDataset& dataset, const std::string& path);

} // namespace corridor::geo

#pragma once
// What the Inspector says about a feature, as plain data and without any UI: readable field names, the feature's
// geodesic length or area (PROJ's geodesic routines, core/geodesy) beside the figure its data publishes, and its
// sources resolved from a SOURCES.md table. Pure functions over the lon/lat layer, so they are unit-tested.

#include "core/geometry.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// "area_km2_published" -> "Area km2 published"; "NAME_FA" -> "Name fa"; camelCase is left as it is.
std::string readableFieldName(std::string_view field);

// The leading number of a value: 12.8, "162", "9,700 (Iran 3,700, Qatar 6,000)" -> 9700; nullopt when the value
// does not start with one (null, "about 5", "n/a").
std::optional<double> leadingNumber(const AttrValue& value);

// The feature's size measured on the WGS84 ellipsoid, and the published figure for it when the data has one.
struct MeasureFacts {
    enum class Kind { None, Length, Area };
    Kind kind = Kind::None;
    double computed = 0.0;               // km (Length) or km² (Area)
    std::string publishedField;          // the field the published figure came from, "" when none
    std::optional<double> published;     // km or km²
    // (computed - published) / published × 100, when there is a published figure other than 0.
    std::optional<double> differencePercent;
};
// Lines: length; polygons: area (outer rings minus holes); points: nothing. The published figure is read from the
// first field, in field order, whose name says it is one: a length for lines ("length" and "km" in its name), an
// area for polygons ("area" and "km2"), that is not itself computed or an alternative ("computed", "alt", "in_box"
// in its name), preferring names with "published" or "claimed". `layer` is in lon/lat (OGC:CRS84).
MeasureFacts measureFeature(const Layer& layer, const Feature& feature);

// One publication cited for a source id.
struct SourceRef {
    std::string publisher;  // the text before the first comma: "TASS", "Wikipedia"
    std::string title;      // the quoted title, when there is one
    std::string date;       // "17 May 2023", "2018"…, when there is one
    std::string address;    // the URL(s), as text
    std::string text;       // the whole citation as written
};
struct SourceEntry {
    std::string id;
    std::vector<SourceRef> refs; // one per citation in the cell (separated by " ; ")
    std::string terms;           // the licence / terms column
};
struct SourceCatalog {
    std::map<std::string, SourceEntry> entries;
    std::string path; // where it was read from
};
// Parses the markdown table of a SOURCES.md: rows "| id | source | terms |" after a header row whose first cell is
// "id"; other lines are ignored.
SourceCatalog parseSourceCatalog(std::string_view markdown);
// The SOURCES.md beside `dataFile` (same folder), or nullopt when there is none or it cannot be read.
std::optional<SourceCatalog> loadSourceCatalogFor(const std::string& dataFile);

// "S18;S19; GN" -> {"S18", "S19", "GN"}.
std::vector<std::string> splitSourceIds(std::string_view value);

// Whether the text holds Hebrew, Arabic or Persian letters (right-to-left scripts that need shaping).
bool hasRtlScript(std::string_view utf8);

} // namespace corridor::core

#pragma once
// The layer model every module shares. Coordinates are doubles; which CRS they are in is stated by the
// owner (a loaded Layer holds lon/lat in OGC:CRS84 order, a projected copy holds view-CRS metres).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

namespace corridor::core {

struct Vec2d {
    double x = 0.0;
    double y = 0.0;

    friend bool operator==(const Vec2d&, const Vec2d&) = default;
};

inline Vec2d operator+(Vec2d a, Vec2d b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2d operator-(Vec2d a, Vec2d b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2d operator*(Vec2d a, double s) { return {a.x * s, a.y * s}; }
// The distance from a to b. Not std::hypot, whose care for overflow and rounding costs several times as much in
// loops over millions of vertices; coordinates here are far from overflowing.
inline double distance(Vec2d a, Vec2d b) { return std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)); }

// Axis-aligned box; empty until something is added.
struct Bounds {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(minX <= maxX && minY <= maxY); }
    double width() const { return empty() ? 0.0 : maxX - minX; }
    double height() const { return empty() ? 0.0 : maxY - minY; }
    Vec2d center() const { return {(minX + maxX) * 0.5, (minY + maxY) * 0.5}; }
    // Inline: loops over millions of points call it (reading, projecting, simplifying). A NaN coordinate is ignored.
    void add(Vec2d p)
    {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    void add(const Bounds& b);
    bool intersects(const Bounds& b) const;
    bool contains(Vec2d p) const;
};

enum class GeometryType : std::uint8_t { None, Point, Line, Polygon };
const char* typeName(GeometryType t);

// A run of coordinates: one point, one line string, or one polygon ring.
enum class PartRole : std::uint8_t { Point, Line, OuterRing, InnerRing };

struct Part {
    std::uint32_t first = 0; // index into Layer::coords
    std::uint32_t count = 0;
    PartRole role = PartRole::Point;
};

using AttrValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
// Attribute values as text: null is "", booleans "true"/"false", reals with up to 10 significant digits.
std::string formatValue(const AttrValue& v);

enum class FieldType : std::uint8_t { Boolean, Integer, Real, String };

struct Field {
    std::string name;
    FieldType type = FieldType::String;
};

// One feature. Multi-geometries are folded into one feature with several parts; a polygon is an OuterRing
// part followed by its InnerRing parts. Rings are stored closed or open as read: consumers must not rely on it.
struct Feature {
    std::int64_t id = -1;             // the source's feature id (FID), -1 when it has none
    GeometryType type = GeometryType::None;
    std::uint32_t firstPart = 0;      // index into Layer::parts
    std::uint32_t partCount = 0;
    std::vector<AttrValue> values;    // one per Layer::fields entry
};

// What was done about a problem found in a feature.
enum class IssueAction : std::uint8_t {
    Note,         // nothing dropped or changed (a remark about the whole layer, such as "no CRS declared")
    NotDrawn,     // nothing of the feature is drawn
    PartNotDrawn, // one part (point, line, ring) is left out; the rest of the feature is drawn
    DrawnAsRead,  // drawn as the source has it, although it is wrong
    Repaired,     // changed so that it draws as meant
};
// The words the messages end with: "not drawn", "that part is not drawn, the rest is", "drawn as read",
// "repaired", "" for Note.
const char* actionText(IssueAction action);

// A problem found in one feature while reading or projecting it (kept beside the layer: the rest of the layer
// still loads and draws). Every feature the loader drops or changes gets one per problem.
struct FeatureIssue {
    std::int64_t featureId = -1;       // -1 for a problem with the whole layer
    std::string message;               // what is wrong, then what was done: "…; not drawn"
    std::string featureName;           // the feature's name (featureName()), "" when it has none
    IssueAction action = IssueAction::Note;
    bool viewProjection = false;       // found projecting to the view CRS, not while loading
};

struct Layer {
    std::string name;
    std::string sourcePath;           // file the layer came from
    std::string sourceCrs;            // the CRS as the source declared it (description), for the UI and info
    std::vector<Field> fields;
    std::vector<Feature> features;
    std::vector<Part> parts;
    std::vector<Vec2d> coords;
    std::vector<FeatureIssue> issues;
    Bounds bounds;

    int fieldIndex(const std::string& fieldName) const; // -1 when absent
    const AttrValue* value(const Feature& f, const std::string& fieldName) const;
    std::size_t vertexCount() const { return coords.size(); }
    GeometryType dominantType() const;
};

// Appends a part to a layer and keeps bounds current; returns the part index.
std::uint32_t appendPart(Layer& layer, PartRole role, const Vec2d* points, std::size_t count);

// The feature's name for messages: the value of its "name" field (any case), else of the first field whose
// name starts with "name" ("name_en", "NAME_FA"); "" when there is none or it is empty.
std::string featureName(const Layer& layer, const Feature& f);

// An issue about `f`: `problem` (what is wrong), then what `action` did and `how` (": closed"), with the
// feature's id and name.
FeatureIssue makeIssue(const Layer& layer, const Feature& f, const std::string& problem, IssueAction action,
                       const std::string& how = "");

// Names the parts of one feature for messages: "point", "line", "exterior ring", "interior ring 2"; with a
// number when the feature has several of a kind: "point 3", "line 2", "polygon 2 exterior ring",
// "polygon 2 interior ring 1". Building it walks the feature's parts once; asking for parts in increasing order
// costs O(1) each, so a feature with a million bad points is still named in linear time.
class PartNames {
public:
    PartNames(const Layer& layer, const Feature& f);
    std::string name(std::uint32_t part); // `part` indexes Layer::parts and lies within f's parts

private:
    const Layer* m_layer;
    const Feature* m_feature;
    std::uint32_t m_points = 0, m_lines = 0, m_polygons = 0; // how many the feature has
    std::uint32_t m_next = 0;                                 // next part to walk
    std::uint32_t m_point = 0, m_line = 0, m_polygon = 0, m_hole = 0; // ordinals of the part last walked
};

// "(x, y)" with up to 10 significant digits.
std::string formatPoint(Vec2d p);

// "file: layer 'name': feature 3 'feature name': message", leaving out what is empty: one line for a log.
std::string formatIssue(const Layer& layer, const FeatureIssue& issue);

} // namespace corridor::core

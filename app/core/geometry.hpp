#pragma once
// The layer model every module shares. Coordinates are doubles; which CRS they are in is stated by the
// owner (a loaded Layer holds lon/lat in OGC:CRS84 order, a projected copy holds view-CRS metres).

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
    void add(Vec2d p);
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

// A problem found in one feature while reading it (kept beside the layer: the rest of the layer still loads).
struct FeatureIssue {
    std::int64_t featureId = -1;
    std::string message;
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

} // namespace corridor::core

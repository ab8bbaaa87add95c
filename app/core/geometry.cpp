#include "core/geometry.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace corridor::core {

void Bounds::add(Vec2d p)
{
    minX = std::min(minX, p.x);
    minY = std::min(minY, p.y);
    maxX = std::max(maxX, p.x);
    maxY = std::max(maxY, p.y);
}

void Bounds::add(const Bounds& b)
{
    if (b.empty()) {
        return;
    }
    add(Vec2d{b.minX, b.minY});
    add(Vec2d{b.maxX, b.maxY});
}

bool Bounds::intersects(const Bounds& b) const
{
    return !empty() && !b.empty() && minX <= b.maxX && b.minX <= maxX && minY <= b.maxY && b.minY <= maxY;
}

bool Bounds::contains(Vec2d p) const { return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY; }

const char* typeName(GeometryType t)
{
    switch (t) {
    case GeometryType::None: return "none";
    case GeometryType::Point: return "point";
    case GeometryType::Line: return "line";
    case GeometryType::Polygon: return "polygon";
    }
    return "?";
}

std::string formatValue(const AttrValue& v)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const
        {
            std::array<char, 32> buf{};
            std::snprintf(buf.data(), buf.size(), "%.10g", d);
            return buf.data();
        }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visitor{}, v);
}

int Layer::fieldIndex(const std::string& fieldName) const
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == fieldName) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

const AttrValue* Layer::value(const Feature& f, const std::string& fieldName) const
{
    const int i = fieldIndex(fieldName);
    if (i < 0 || static_cast<std::size_t>(i) >= f.values.size()) {
        return nullptr;
    }
    return &f.values[static_cast<std::size_t>(i)];
}

GeometryType Layer::dominantType() const
{
    std::array<std::size_t, 4> counts{};
    for (const Feature& f : features) {
        ++counts[static_cast<std::size_t>(f.type)];
    }
    const auto best = std::max_element(counts.begin() + 1, counts.end());
    return *best == 0 ? GeometryType::None : static_cast<GeometryType>(best - counts.begin());
}

std::uint32_t appendPart(Layer& layer, PartRole role, const Vec2d* points, std::size_t count)
{
    Part part;
    part.first = static_cast<std::uint32_t>(layer.coords.size());
    part.count = static_cast<std::uint32_t>(count);
    part.role = role;
    for (std::size_t i = 0; i < count; ++i) {
        layer.coords.push_back(points[i]);
        layer.bounds.add(points[i]);
    }
    layer.parts.push_back(part);
    return static_cast<std::uint32_t>(layer.parts.size() - 1);
}

} // namespace corridor::core

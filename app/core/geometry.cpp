#include "core/geometry.hpp"

#include "core/errors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace corridor::core {

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

const char* actionText(IssueAction action)
{
    switch (action) {
    case IssueAction::Note: return "";
    case IssueAction::NotDrawn: return "not drawn";
    case IssueAction::PartNotDrawn: return "that part is not drawn, the rest is";
    case IssueAction::DrawnAsRead: return "drawn as read";
    case IssueAction::Repaired: return "repaired";
    }
    return "";
}

std::string featureName(const Layer& layer, const Feature& f)
{
    auto lower = [](std::string s) {
        for (char& c : s) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return s;
    };
    int best = -1;
    for (std::size_t i = 0; i < layer.fields.size() && i < f.values.size(); ++i) {
        const std::string name = lower(layer.fields[i].name);
        if (name == "name") {
            best = static_cast<int>(i);
            break;
        }
        if (best < 0 && name.rfind("name", 0) == 0) {
            best = static_cast<int>(i);
        }
    }
    return best < 0 ? std::string() : formatValue(f.values[static_cast<std::size_t>(best)]);
}

FeatureIssue makeIssue(const Layer& layer, const Feature& f, const std::string& problem, IssueAction action,
                       const std::string& how)
{
    FeatureIssue issue;
    issue.featureId = f.id;
    issue.featureName = featureName(layer, f);
    issue.action = action;
    issue.message = problem;
    if (action != IssueAction::Note) {
        issue.message += std::string("; ") + actionText(action) + how;
    }
    return issue;
}

PartNames::PartNames(const Layer& layer, const Feature& f)
    : m_layer(&layer)
    , m_feature(&f)
    , m_next(f.firstPart)
{
    for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
        switch (layer.parts[p].role) {
        case PartRole::Point: ++m_points; break;
        case PartRole::Line: ++m_lines; break;
        case PartRole::OuterRing: ++m_polygons; break;
        case PartRole::InnerRing: break;
        }
    }
}

std::string PartNames::name(std::uint32_t part)
{
    if (part < m_next) { // asked out of order: walk again from the start
        m_next = m_feature->firstPart;
        m_point = m_line = m_polygon = m_hole = 0;
    }
    for (; m_next <= part; ++m_next) {
        switch (m_layer->parts[m_next].role) {
        case PartRole::Point: ++m_point; break;
        case PartRole::Line: ++m_line; break;
        case PartRole::OuterRing:
            ++m_polygon;
            m_hole = 0;
            break;
        case PartRole::InnerRing: ++m_hole; break;
        }
    }
    const std::string polygon = m_polygons > 1 ? "polygon " + std::to_string(m_polygon) + " " : std::string();
    switch (m_layer->parts[part].role) {
    case PartRole::Point: return m_points > 1 ? "point " + std::to_string(m_point) : "point";
    case PartRole::Line: return m_lines > 1 ? "line " + std::to_string(m_line) : "line";
    case PartRole::OuterRing: return polygon + "exterior ring";
    case PartRole::InnerRing: return polygon + "interior ring " + std::to_string(m_hole);
    }
    return "part";
}

std::string formatPoint(Vec2d p)
{
    std::array<char, 64> buf{};
    std::snprintf(buf.data(), buf.size(), "(%.10g, %.10g)", p.x, p.y);
    return buf.data();
}

std::string formatIssue(const Layer& layer, const FeatureIssue& issue)
{
    std::string where = formatLocation(layer.sourcePath, layer.name, issue.featureId);
    if (issue.featureId >= 0 && !issue.featureName.empty()) {
        where += " '" + issue.featureName + "'";
    }
    return where.empty() ? issue.message : where + ": " + issue.message;
}

} // namespace corridor::core

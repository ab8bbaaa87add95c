#include "core/graticule.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

namespace corridor::core {

namespace {

constexpr double kMetresPerDegree = 111320.0; // along the equator
// A projected step longer than this many times both its neighbours crosses the projection's cut.
constexpr double kJumpFactor = 20.0;

constexpr std::array<double, 11> kSpacings{30.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.05, 1.0 / 30.0, 1.0 / 60.0};

std::string stepText(double spacing)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", spacing);
    return buf;
}

// The multiples of `spacing` within [lo, hi], computed from integers so 0.1 steps do not drift.
std::vector<double> multiples(double lo, double hi, double spacing)
{
    std::vector<double> out;
    const auto first = static_cast<long long>(std::ceil(lo / spacing - 1e-9));
    const auto last = static_cast<long long>(std::floor(hi / spacing + 1e-9));
    for (long long k = first; k <= last; ++k) {
        out.push_back(static_cast<double>(k) * spacing);
    }
    return out;
}

std::vector<Vec2d> densified(Vec2d from, Vec2d to)
{
    const double span = std::max(std::abs(to.x - from.x), std::abs(to.y - from.y));
    const auto steps = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(span / kDensifyDegrees - 1e-9)));
    std::vector<Vec2d> out;
    out.reserve(steps + 1);
    for (std::size_t i = 0; i <= steps; ++i) {
        const double t = static_cast<double>(i) / static_cast<double>(steps);
        out.push_back({from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t});
    }
    return out;
}

// The runs of `line` the view can draw: split at points `projected` holds as NaN and across jumps.
std::vector<std::pair<std::size_t, std::size_t>> drawableRuns(const std::vector<Vec2d>& projected)
{
    const auto finite = [](Vec2d p) { return std::isfinite(p.x) && std::isfinite(p.y); };
    const std::size_t n = projected.size();
    std::vector<double> step(n, std::numeric_limits<double>::quiet_NaN()); // step[i]: from point i-1 to i
    for (std::size_t i = 1; i < n; ++i) {
        if (finite(projected[i - 1]) && finite(projected[i])) {
            step[i] = std::hypot(projected[i].x - projected[i - 1].x, projected[i].y - projected[i - 1].y);
        }
    }
    const auto jumps = [&](std::size_t i) {
        double around = 0.0;
        bool any = false;
        for (const std::size_t j : {i - 1, i + 1}) {
            if (j >= 1 && j < n && std::isfinite(step[j])) {
                around = std::max(around, step[j]);
                any = true;
            }
        }
        return any && step[i] > kJumpFactor * around;
    };
    std::vector<std::pair<std::size_t, std::size_t>> runs; // [first, last)
    std::size_t start = 0;
    for (std::size_t i = 0; i <= n; ++i) {
        const bool breakHere = i == n || !finite(projected[i]) || (i > start && std::isfinite(step[i]) && jumps(i));
        if (!breakHere) {
            continue;
        }
        if (i - start >= 2) {
            runs.emplace_back(start, i);
        }
        start = (i < n && finite(projected[i])) ? i : i + 1;
    }
    return runs;
}

void addLine(Layer& layer, std::vector<Vec2d> points, const ProjectFn& project, std::vector<AttrValue> values)
{
    std::vector<std::pair<std::size_t, std::size_t>> runs{{0, points.size()}};
    if (project) {
        std::vector<Vec2d> projected = points;
        project(projected);
        runs = drawableRuns(projected);
    }
    if (runs.empty()) {
        return; // nothing of it can be shown in this view CRS
    }
    Feature f;
    f.id = static_cast<std::int64_t>(layer.features.size());
    f.type = GeometryType::Line;
    f.firstPart = static_cast<std::uint32_t>(layer.parts.size());
    for (const auto& [first, last] : runs) {
        appendPart(layer, PartRole::Line, points.data() + first, last - first);
    }
    f.partCount = static_cast<std::uint32_t>(runs.size());
    f.values = std::move(values);
    layer.features.push_back(std::move(f));
}

} // namespace

std::span<const double> graticuleSpacings()
{
    return kSpacings;
}

std::vector<GraticuleLevel> graticuleLevels(std::span<const double> spacings)
{
    // Spacing s is due once its lines come kMinSpacingPx apart: at s * kMetresPerDegree / kMinSpacingPx m/px.
    const auto dueAt = [](double spacing) { return zoomLevel(spacing * kMetresPerDegree / kMinSpacingPx); };
    std::vector<GraticuleLevel> out;
    for (std::size_t i = 0; i < spacings.size(); ++i) {
        GraticuleLevel level;
        level.spacing = spacings[i];
        if (i > 0) {
            level.minZoom = static_cast<float>(dueAt(spacings[i]));
        }
        if (i + 1 < spacings.size()) {
            level.maxZoom = static_cast<float>(dueAt(spacings[i + 1]));
        }
        out.push_back(level);
    }
    return out;
}

double graticuleSpacing(std::span<const GraticuleLevel> levels, double metresPerPixel)
{
    const auto zoom = static_cast<float>(zoomLevel(metresPerPixel));
    for (const GraticuleLevel& l : levels) {
        if (zoom >= l.minZoom && zoom < l.maxZoom) {
            return l.spacing;
        }
    }
    return levels.empty() ? 0.0 : levels.back().spacing;
}

std::string graticuleLabel(double degrees, bool longitude)
{
    if (longitude) {
        degrees = std::remainder(degrees, 360.0); // -180..180
    }
    const long long minutes = std::llround(std::abs(degrees) * 60.0);
    const long long whole = minutes / 60;
    const long long rest = minutes % 60;
    std::string text = std::to_string(whole) + "°";
    if (rest != 0) {
        text += std::to_string(rest) + "′";
    }
    if (minutes == 0 || (longitude && minutes == 180 * 60)) {
        return text; // the equator, the prime meridian and the antimeridian have no side
    }
    const bool positive = degrees > 0.0;
    text += longitude ? (positive ? "E" : "W") : (positive ? "N" : "S");
    return text;
}

GeoBox graticuleExtent(const MapDocument& document)
{
    GeoBox box = kCorridorView;
    if (document.initialView) {
        box = *document.initialView;
    } else {
        Bounds all;
        for (const MapLayer& l : document.layers) {
            if (!isGraticule(l)) {
                all.add(l.data.bounds);
            }
        }
        if (!all.empty()) {
            box = {all.minX, all.minY, all.maxX, all.maxY};
        }
    }
    const double growX = (box.east - box.west) * 0.5;
    const double growY = (box.north - box.south) * 0.5;
    return {std::max(-180.0, box.west - growX), std::max(-kMaxGraticuleLatitude, box.south - growY),
            std::min(180.0, box.east + growX), std::min(kMaxGraticuleLatitude, box.north + growY)};
}

Layer makeGraticule(const GeoBox& box, const ProjectFn& project)
{
    Layer layer;
    layer.name = kGraticuleLayerName;
    layer.sourceCrs = "OGC:CRS84";
    layer.fields = {{"degrees", FieldType::String}, {"step", FieldType::String}, {"axis", FieldType::String}};
    for (const double spacing : kSpacings) {
        const std::vector<double> lons = multiples(box.west, box.east, spacing);
        const std::vector<double> lats = multiples(box.south, box.north, spacing);
        if (lons.size() + lats.size() > kMaxLinesPerSpacing) {
            break; // finer spacings have more lines still
        }
        const std::string step = stepText(spacing);
        for (const double lon : lons) {
            addLine(layer, densified({lon, box.south}, {lon, box.north}), project,
                    {graticuleLabel(lon, true), step, std::string("meridian")});
        }
        for (const double lat : lats) {
            addLine(layer, densified({box.west, lat}, {box.east, lat}), project,
                    {graticuleLabel(lat, false), step, std::string("parallel")});
        }
    }
    return layer;
}

std::vector<GraticuleLevel> graticuleLevelsOf(const Layer& graticule)
{
    const int stepField = graticule.fieldIndex("step");
    std::set<double, std::greater<>> spacings; // coarse to fine
    if (stepField >= 0) {
        for (const Feature& f : graticule.features) {
            if (const auto* text = std::get_if<std::string>(&f.values[static_cast<std::size_t>(stepField)])) {
                spacings.insert(std::strtod(text->c_str(), nullptr));
            }
        }
    }
    const std::vector<double> list(spacings.begin(), spacings.end());
    return graticuleLevels(list);
}

LayerStyle graticuleStyle(const Layer& graticule)
{
    LayerStyle style;
    style.honourSimplestyle = false;
    style.legend = ""; // map furniture, not a subject of the map: no legend entry (a sheet may still name it)
    Symbolizer& s = style.base;
    s.stroke = {0.29f, 0.42f, 0.53f, 0.42f}; // a light slate: legible on the land and on the water
    s.strokeWidth = 0.7f;
    s.cap = LineCap::Butt;
    s.labelField = "degrees";
    s.labelFaField = "degrees"; // degrees read the same in the Persian view
    s.labelPriority = -1000.0f; // every other label wins a collision
    s.labelSize = 10.5f;
    s.labelColor = {0.22f, 0.33f, 0.43f, 1.0f};
    s.labelHalo = {1.0f, 1.0f, 1.0f, 0.8f};
    for (const GraticuleLevel& level : graticuleLevelsOf(graticule)) {
        StyleRule rule;
        rule.when = {{"step", {stepText(level.spacing)}}};
        rule.minZoom = level.minZoom;
        rule.maxZoom = level.maxZoom;
        style.rules.push_back(std::move(rule));
    }
    return style;
}

bool isGraticule(const MapLayer& layer)
{
    return layer.sourcePath.empty() && layer.data.sourcePath.empty() && layer.data.name == kGraticuleLayerName;
}

std::optional<std::size_t> findGraticule(const MapDocument& document)
{
    for (std::size_t i = 0; i < document.layers.size(); ++i) {
        if (isGraticule(document.layers[i])) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t graticuleSlot(const MapDocument& document)
{
    std::size_t slot = 0;
    for (std::size_t i = 0; i < document.layers.size(); ++i) {
        if (document.layers[i].data.name.rfind("basemap", 0) == 0) {
            slot = i + 1;
        }
    }
    return slot;
}

MapLayer makeGraticuleLayer(Layer graticule, bool visible)
{
    MapLayer m;
    m.title = kGraticuleTitle;
    m.style = graticuleStyle(graticule);
    m.data = std::move(graticule);
    m.visible = visible;
    return m;
}

} // namespace corridor::core

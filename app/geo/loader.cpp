#include "geo/loader.hpp"

#include "core/errors.hpp"
#include "geo/gdal_util.hpp"
#include "geo/network.hpp"
#include "geo/proj.hpp"

#include <cmath>
#include <memory>

namespace corridor::geo {

namespace {

struct GeometryReader {
    core::Layer& layer;
    std::vector<std::string>& problems;
    std::vector<core::Vec2d> scratch;

    bool readCurve(const OGRSimpleCurve& curve, std::size_t minPoints, const char* what)
    {
        const int n = curve.getNumPoints();
        scratch.resize(static_cast<std::size_t>(std::max(n, 0)));
        if (n > 0) {
            curve.getPoints(&scratch[0].x, sizeof(core::Vec2d), &scratch[0].y, sizeof(core::Vec2d));
        }
        for (int i = 0; i < n; ++i) {
            const core::Vec2d& p = scratch[static_cast<std::size_t>(i)];
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
                problems.push_back(std::string(what) + " has a non-finite coordinate at vertex " + std::to_string(i) +
                                   "; that part is not drawn");
                return false;
            }
        }
        if (static_cast<std::size_t>(n) < minPoints) {
            problems.push_back(std::string(what) + " has " + std::to_string(n) + " point(s), needs at least " +
                               std::to_string(minPoints) + "; not drawn");
            return false;
        }
        return true;
    }

    void add(const OGRGeometry* g, core::Feature& feature)
    {
        if (g == nullptr || g->IsEmpty()) {
            return;
        }
        switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            const auto* p = g->toPoint();
            const core::Vec2d v{p->getX(), p->getY()};
            if (!std::isfinite(v.x) || !std::isfinite(v.y)) {
                problems.emplace_back("point has a non-finite coordinate; not drawn");
                return;
            }
            appendPart(layer, core::PartRole::Point, &v, 1);
            break;
        }
        case wkbLineString:
            if (readCurve(*g->toLineString(), 2, "line")) {
                appendPart(layer, core::PartRole::Line, scratch.data(), scratch.size());
            }
            break;
        case wkbPolygon: {
            const auto* poly = g->toPolygon();
            const OGRLinearRing* exterior = poly->getExteriorRing();
            if (exterior == nullptr || !readCurve(*exterior, 3, "exterior ring")) {
                return; // without its exterior the holes mean nothing
            }
            appendPart(layer, core::PartRole::OuterRing, scratch.data(), scratch.size());
            for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
                if (readCurve(*poly->getInteriorRing(i), 3, "interior ring")) {
                    appendPart(layer, core::PartRole::InnerRing, scratch.data(), scratch.size());
                }
            }
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const OGRGeometry* child : *g->toGeometryCollection()) {
                add(child, feature);
            }
            break;
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbCurvePolygon:
        case wkbMultiCurve:
        case wkbMultiSurface: {
            const std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
            add(linear.get(), feature);
            break;
        }
        default:
            problems.push_back(std::string("geometry type ") + OGRGeometryTypeToName(g->getGeometryType()) +
                               " is not supported; not drawn");
            break;
        }
    }
};

core::GeometryType typeOfParts(const core::Layer& layer, const core::Feature& f)
{
    if (f.partCount == 0) {
        return core::GeometryType::None;
    }
    switch (layer.parts[f.firstPart].role) {
    case core::PartRole::Point: return core::GeometryType::Point;
    case core::PartRole::Line: return core::GeometryType::Line;
    default: return core::GeometryType::Polygon;
    }
}

core::AttrValue readValue(const OGRFeature& f, int i, core::FieldType type)
{
    if (!f.IsFieldSetAndNotNull(i)) {
        return std::monostate{};
    }
    switch (type) {
    case core::FieldType::Boolean: return f.GetFieldAsInteger(i) != 0;
    case core::FieldType::Integer: return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
    case core::FieldType::Real: return f.GetFieldAsDouble(i);
    case core::FieldType::String: return std::string(f.GetFieldAsString(i));
    }
    return std::monostate{};
}

core::FieldType fieldTypeOf(OGRFieldType t, OGRFieldSubType sub)
{
    if (t == OFTInteger && sub == OFSTBoolean) {
        return core::FieldType::Boolean;
    }
    switch (t) {
    case OFTInteger:
    case OFTInteger64: return core::FieldType::Integer;
    case OFTReal: return core::FieldType::Real;
    default: return core::FieldType::String;
    }
}

bool looksLikeLonLat(const core::Bounds& b)
{
    return b.empty() || (b.minX >= -180.0 && b.maxX <= 180.0 && b.minY >= -90.0 && b.maxY <= 90.0);
}

// Reprojects the layer's coordinates to lon/lat in place, and recomputes the bounds.
void toLonLat(core::Layer& layer, const OGRSpatialReference* srs, const ProjContext& proj)
{
    if (storesNorthingFirst(srs)) {
        for (core::Vec2d& p : layer.coords) {
            std::swap(p.x, p.y);
        }
    }
    const std::string definition = crsDefinition(srs);
    if (definition.empty()) {
        if (!looksLikeLonLat(layer.bounds)) {
            throw core::LoadError(layer.sourcePath, layer.name, -1,
                                  "declares no CRS and its coordinates are not longitude/latitude degrees");
        }
        layer.sourceCrs = "none declared (read as WGS 84 longitude/latitude)";
        layer.issues.push_back({-1, "no CRS declared; coordinates read as WGS 84 longitude/latitude"});
        return;
    }
    try {
        const Transformer toLonLat(proj, definition, kLonLat);
        if (toLonLat.forward(layer.coords) > 0) {
            for (const core::Feature& f : layer.features) {
                for (std::uint32_t p = f.firstPart; p < f.firstPart + f.partCount; ++p) {
                    const core::Part& part = layer.parts[p];
                    for (std::uint32_t i = part.first; i < part.first + part.count; ++i) {
                        if (std::isnan(layer.coords[i].x)) {
                            layer.issues.push_back({f.id, "a coordinate lies outside the CRS's domain and "
                                                          "could not be reprojected; that part is not drawn"});
                            p = f.firstPart + f.partCount;
                            break;
                        }
                    }
                }
            }
        }
    } catch (const ProjError& e) {
        throw core::LoadError(layer.sourcePath, layer.name, -1, std::string("unknown CRS: ") + e.what());
    }
    layer.bounds = {};
    for (const core::Vec2d& p : layer.coords) {
        if (!std::isnan(p.x)) {
            layer.bounds.add(p);
        }
    }
}

} // namespace

LoadedSource loadSource(const std::string& path, const LoadOptions& options)
{
    GDALDatasetUniquePtr ds = openVector(path, options.allowNetwork);
    GdalErrorCollector quiet; // per-feature GDAL warnings become per-feature issues, not stderr noise
    LoadedSource out;
    out.path = path;
    out.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";

    GIntBig total = 0;
    for (OGRLayer* ol : ds->GetLayers()) {
        total += std::max<GIntBig>(0, ol->GetFeatureCount(FALSE));
    }
    GIntBig done = 0;
    const ProjContext proj;

    for (OGRLayer* ol : ds->GetLayers()) {
        core::Layer layer;
        layer.name = ol->GetName();
        layer.sourcePath = path;
        const OGRSpatialReference* srs = ol->GetSpatialRef();
        layer.sourceCrs = crsName(srs);
        const OGRFeatureDefn* defn = ol->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const OGRFieldDefn* fd = defn->GetFieldDefn(i);
            layer.fields.push_back({fd->GetNameRef(), fieldTypeOf(fd->GetType(), fd->GetSubType())});
        }

        std::vector<std::string> problems;
        GeometryReader reader{layer, problems, {}};
        ol->ResetReading();
        for (const OGRFeatureUniquePtr& f : *ol) {
            if (options.cancel != nullptr && options.cancel->load()) {
                throw core::LoadError(path, layer.name, -1, "cancelled");
            }
            throwIfNetworkRefused(path, layer.name); // e.g. a VRT's SQL geocoding each row: stop at the first
            core::Feature feature;
            feature.id = f->GetFID() == OGRNullFID ? static_cast<std::int64_t>(layer.features.size()) : f->GetFID();
            feature.values.reserve(layer.fields.size());
            for (std::size_t i = 0; i < layer.fields.size(); ++i) {
                feature.values.push_back(readValue(*f, static_cast<int>(i), layer.fields[i].type));
            }
            feature.firstPart = static_cast<std::uint32_t>(layer.parts.size());
            problems.clear();
            const OGRGeometry* g = f->GetGeometryRef();
            if (g == nullptr) {
                problems.emplace_back("has no geometry");
            } else if (g->IsEmpty()) {
                problems.emplace_back("has an empty geometry");
            }
            reader.add(g, feature);
            feature.partCount = static_cast<std::uint32_t>(layer.parts.size()) - feature.firstPart;
            feature.type = typeOfParts(layer, feature);
            for (std::string& p : problems) {
                layer.issues.push_back({feature.id, std::move(p)});
            }
            layer.features.push_back(std::move(feature));
            ++done;
            if (options.progress != nullptr && total > 0 && (done & 1023) == 0) {
                options.progress->store(static_cast<float>(done) / static_cast<float>(total));
            }
        }
        toLonLat(layer, srs, proj);
        out.layers.push_back(std::move(layer));
    }
    if (options.progress != nullptr) {
        options.progress->store(1.0f);
    }
    return out;
}

} // namespace corridor::geo

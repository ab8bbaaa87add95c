#include "geo/inspect.hpp"

#include "geo/loader.hpp"

#include "core/errors.hpp"
#include "geo/gdal_util.hpp"

#include <iomanip>
#include <sstream>

namespace corridor::geo {

std::size_t SourceReport::problemCount() const
{
    std::size_t n = loadErrors.size();
    for (const LayerReport& l : layers) {
        n += l.problems.size();
    }
    return n;
}

SourceReport inspectSource(const std::string& path, bool allowNetwork)
{
    // The loader is the one place that checks features: what info reports is what the viewer drops or repairs,
    // and a source the loader refuses (so export fails) is a problem here too, in the same words.
    LoadOptions options;
    options.allowNetwork = allowNetwork;
    SourceReport report;
    report.path = path;
    LoadedSource source;
    try {
        source = loadSource(path, options);
    } catch (const core::LoadError& e) {
        report.loadErrors.emplace_back(e.what());
        // Still say what the source holds, as far as GDAL can open it (throws when it cannot at all).
        GDALDatasetUniquePtr ds = openVector(path, allowNetwork);
        GdalErrorCollector quiet;
        report.driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
        for (OGRLayer* ol : ds->GetLayers()) {
            LayerReport lr;
            lr.name = ol->GetName();
            lr.crs = crsName(ol->GetSpatialRef());
            lr.featureCount = std::max<std::int64_t>(0, ol->GetFeatureCount(TRUE));
            report.layers.push_back(std::move(lr));
        }
        return report;
    }
    report.driver = source.driver;
    for (std::size_t i = 0; i < source.layers.size(); ++i) {
        core::Layer& layer = source.layers[i];
        LayerSummary& summary = source.summaries[i];
        LayerReport lr;
        lr.name = layer.name;
        lr.crs = layer.sourceCrs;
        lr.featureCount = static_cast<std::int64_t>(layer.features.size());
        lr.geometryTypes = std::move(summary.geometryTypes);
        lr.fields = std::move(summary.fields);
        lr.extent = summary.extent;
        lr.problems = std::move(layer.issues);
        report.layers.push_back(std::move(lr));
    }
    return report;
}

std::string formatReport(const SourceReport& report, std::size_t maxProblemsPerLayer)
{
    std::ostringstream out;
    out << report.path << " (" << report.driver << "): " << report.layers.size() << " layer(s)\n";
    for (const std::string& e : report.loadErrors) {
        out << "not loadable (export refuses it too): " << e << "\n";
    }
    for (const LayerReport& l : report.layers) {
        out << "\nlayer '" << l.name << "'\n";
        out << "  CRS:       " << l.crs << "\n";
        out << "  features:  " << l.featureCount << "\n";
        out << "  geometry:  ";
        bool first = true;
        for (const auto& [type, count] : l.geometryTypes) {
            out << (first ? "" : ", ") << type << " " << count;
            first = false;
        }
        out << (first ? "none" : "") << "\n";
        if (!l.extent.empty()) {
            // Streamed, not into a fixed buffer: 1e100 in a metre CRS is 101 digits, and the line was cut.
            std::ostringstream extent;
            extent << std::fixed << std::setprecision(6) << l.extent.minX << ", " << l.extent.minY << " - "
                   << l.extent.maxX << ", " << l.extent.maxY;
            out << "  extent:    " << extent.str() << " (minx, miny - maxx, maxy)\n";
        }
        out << "  fields:    ";
        for (std::size_t i = 0; i < l.fields.size(); ++i) {
            out << (i ? ", " : "") << l.fields[i];
        }
        out << (l.fields.empty() ? "none" : "") << "\n";
        out << "  problems:  " << l.problems.size() << "\n";
        for (std::size_t i = 0; i < l.problems.size() && i < maxProblemsPerLayer; ++i) {
            const core::FeatureIssue& p = l.problems[i];
            if (p.featureId < 0) {
                out << "    layer: " << p.message << "\n";
                continue;
            }
            out << "    feature " << p.featureId;
            if (!p.featureName.empty()) {
                out << " '" << p.featureName << "'";
            }
            out << ": " << p.message << "\n";
        }
        if (l.problems.size() > maxProblemsPerLayer) {
            out << "    … and " << (l.problems.size() - maxProblemsPerLayer) << " more\n";
        }
    }
    return out.str();
}

} // namespace corridor::geo

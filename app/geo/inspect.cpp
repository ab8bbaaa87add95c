#include "geo/inspect.hpp"

#include "geo/loader.hpp"

#include <cstdio>
#include <sstream>

namespace corridor::geo {

std::size_t SourceReport::problemCount() const
{
    std::size_t n = 0;
    for (const LayerReport& l : layers) {
        n += l.problems.size();
    }
    return n;
}

SourceReport inspectSource(const std::string& path, bool allowNetwork)
{
    // The loader is the one place that checks features: what info reports is what the viewer drops or repairs.
    LoadOptions options;
    options.allowNetwork = allowNetwork;
    LoadedSource source = loadSource(path, options);
    SourceReport report;
    report.path = path;
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
            char buf[160];
            std::snprintf(buf, sizeof buf, "  extent:    %.6f, %.6f - %.6f, %.6f (minx, miny - maxx, maxy)\n",
                          l.extent.minX, l.extent.minY, l.extent.maxX, l.extent.maxY);
            out << buf;
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

#include "platform/document_loader.hpp"

#include "core/errors.hpp"
#include "core/style_file.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"

#include <filesystem>
#include <optional>

namespace corridor::platform {

LoadResult loadDocument(const DocumentSources& o, core::MapDocument& doc, std::vector<core::LogEntry>& log,
                        BrokenStyle broken)
{
    LoadResult result;
    const std::string bundled = o.dataDir + "/style.toml";
    const bool haveBundled = !o.noDefaults && std::filesystem::exists(bundled);
    std::string stylePath = o.style;
    if (stylePath.empty() && haveBundled) {
        stylePath = bundled;
    }
    result.watchStyle = stylePath;
    std::optional<core::StyleSheet> sheet;
    if (!stylePath.empty()) {
        try {
            sheet = core::loadStyleSheet(stylePath);
            doc.stylePath = stylePath;
        } catch (const core::StyleError& e) {
            result.styleFailed = true;
            if (broken == BrokenStyle::Fail) {
                log.push_back({core::Severity::Error, e.what()});
            } else if (haveBundled && stylePath != bundled) {
                // The bundled layers look as intended meanwhile, instead of unstyled (grey land, seas shown, no
                // labels). Not with --no-defaults: that sheet styles the bundled layers, and its view frames them.
                try {
                    sheet = core::loadStyleSheet(bundled);
                    doc.stylePath = bundled;
                    log.push_back({core::Severity::Error, std::string(e.what()) +
                                                               " (the bundled style is used until this sheet is "
                                                               "fixed; it is applied when saved)"});
                } catch (const core::StyleError& bundledError) {
                    log.push_back({core::Severity::Error, std::string(e.what()) + " (the default look is used until "
                                                                                   "this sheet is fixed)"});
                    log.push_back({core::Severity::Error, bundledError.what()});
                }
            } else {
                log.push_back({core::Severity::Error,
                               std::string(e.what()) + " (the default look is used until this sheet is fixed)"});
            }
        }
    }
    const std::string crs = !o.crs.empty()             ? o.crs
                            : (sheet && sheet->crs) ? *sheet->crs
                                                    : std::string(geo::kCorridorLcc);
    if (auto problem = geo::mapCrsProblem(geo::ProjContext(), crs)) {
        if (!o.crs.empty()) {
            throw OptionError("--crs: " + *problem);
        }
        throw std::runtime_error(doc.stylePath + ": map.crs: " + *problem);
    }
    doc.viewCrs = geo::normalizeCrsDefinition(crs); // every later PROJ call sees a CRS, not an operation

    std::vector<std::string> files;
    if (!o.noDefaults) {
        files = geo::dataFilesIn(o.dataDir);
        if (files.empty()) {
            log.push_back({core::Severity::Warning, "no bundled layers found in " + o.dataDir});
        }
        doc.initialView = core::kCorridorView;
    }
    files.insert(files.end(), o.data.begin(), o.data.end());
    geo::LoadOptions load;
    load.allowNetwork = o.allowNetwork;
    for (const std::string& file : files) {
        try {
            for (core::MapLayer& layer : geo::loadLayers(file, doc.layers.size(), load)) {
                doc.layers.push_back(std::move(layer));
            }
        } catch (const std::exception& e) {
            log.push_back({core::Severity::Error, e.what()});
            ++result.failedSources;
        }
    }
    if (sheet) {
        geo::applyStyleSheet(doc, *sheet);
        // The bundled sheet names the bundled layers only; say so for the user's own sheet.
        if (!o.style.empty() && doc.stylePath == o.style) {
            std::vector<const core::Layer*> layers;
            for (const core::MapLayer& l : doc.layers) {
                layers.push_back(&l.data);
            }
            for (const std::string& w : core::styleWarnings(*sheet, layers)) {
                log.push_back({core::Severity::Warning, stylePath + ": " + w});
            }
        }
    }
    doc.labelLanguage = o.lang ? *o.lang : (sheet && sheet->lang) ? *sheet->lang : core::LabelLanguage::En;
    geo::buildMeshes(doc);
    // After buildMeshes, which adds the parts that cannot be projected to the view CRS to the loader's issues, and
    // says which features were too complex to fill (drawn simplified).
    for (const core::MapLayer& layer : doc.layers) {
        for (const core::FeatureIssue& issue : layer.data.issues) {
            log.push_back({core::Severity::Warning, core::formatIssue(layer.data, issue)});
        }
        for (const core::FeatureIssue& issue : layer.mesh.issues) {
            log.push_back({core::Severity::Warning,
                           core::formatLocation(layer.data.sourcePath, layer.data.name, issue.featureId) + ": " +
                               issue.message});
        }
    }
    return result;
}


} // namespace corridor::platform

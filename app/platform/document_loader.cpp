#include "platform/document_loader.hpp"

#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "core/style_file.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"

#include <algorithm>
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
    load.checkValidity = !o.deferValidity;
    load.validityMemo = o.validityMemo;
    // Files are independent (each read opens its own GDAL dataset): read them on every core, the largest first so
    // the reads end together, each into its own slot so the layers keep the command line's order.
    struct Slot {
        std::vector<core::MapLayer> layers;
        std::optional<std::string> error;
    };
    std::vector<Slot> slots(files.size());
    std::vector<std::size_t> bySize(files.size());
    std::vector<std::uintmax_t> sizes(files.size(), 0);
    for (std::size_t i = 0; i < files.size(); ++i) {
        bySize[i] = i;
        std::error_code ec;
        const std::uintmax_t size = std::filesystem::file_size(files[i], ec);
        sizes[i] = ec ? 0 : size;
    }
    std::stable_sort(bySize.begin(), bySize.end(), [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
    core::forEachParallel(files.size(), [&](std::size_t k) {
        const std::size_t i = bySize[k];
        try {
            slots[i].layers = geo::loadLayers(files[i], 0, load);
        } catch (const std::exception& e) {
            slots[i].error = e.what();
        }
    });
    for (Slot& slot : slots) {
        if (slot.error) {
            log.push_back({core::Severity::Error, *slot.error});
            ++result.failedSources;
            continue;
        }
        for (core::MapLayer& layer : slot.layers) {
            // The palette follows the order of the layers, as if the files had been read one after the other.
            layer.paletteIndex = doc.layers.size();
            layer.style = core::defaultLayerStyle(layer.data, layer.paletteIndex);
            doc.layers.push_back(std::move(layer));
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
    doc.asOf = o.asOf;
    if (doc.asOf) {
        // Dates the map cannot read are said once here, not silently taken as no date.
        for (const core::MapLayer& layer : doc.layers) {
            for (std::string& problem : core::layerDateProblems(layer.data)) {
                log.push_back({core::Severity::Warning, std::move(problem)});
            }
        }
    }
    geo::buildMeshes(doc, o.view, o.meshStore);
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

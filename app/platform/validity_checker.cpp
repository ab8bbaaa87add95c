#include "platform/validity_checker.hpp"

#include "geo/loader.hpp"
#include "platform/validity_cache.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

namespace corridor::platform {

namespace {

bool hasPolygons(const core::Layer& layer)
{
    return std::any_of(layer.parts.begin(), layer.parts.end(),
                       [](const core::Part& p) { return p.role == core::PartRole::OuterRing; });
}

} // namespace

ValidityChecker::~ValidityChecker()
{
    m_cancel->store(true); // the window is closing: its warnings would reach no one
    if (m_pending.valid()) {
        m_pending.wait();
    }
}

void ValidityChecker::start(const core::MapDocument& document)
{
    auto copies = std::make_shared<std::vector<core::Layer>>();
    for (const core::MapLayer& l : document.layers) {
        if (!l.data.sourcePath.empty() && hasPolygons(l.data)) {
            copies->push_back(l.data);
        }
    }
    if (copies->empty()) {
        return;
    }
    m_pending = std::async(std::launch::async, [copies, cancel = m_cancel] {
        const ValidityCache verdicts(ValidityCache::defaultDir()); // data checked before is not checked again
        std::vector<Result> out;
        for (const core::Layer& layer : *copies) {
            if (cancel->load()) {
                break;
            }
            out.push_back({layer.sourcePath, layer.name, layer.coords.size(), layer.features.size(),
                           geo::polygonValidityIssues(layer, &verdicts)});
        }
        return out;
    });
}

bool ValidityChecker::poll(core::AppState& app)
{
    if (!m_pending.valid() || m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return false;
    }
    std::vector<Result> results;
    try {
        results = m_pending.get();
    } catch (const std::exception& e) {
        app.report(core::Severity::Error, std::string("checking polygon validity: ") + e.what());
        return true;
    }
    bool logged = false;
    for (Result& r : results) {
        for (core::MapLayer& l : app.document.layers) {
            if (l.data.sourcePath != r.sourcePath || l.data.name != r.name || l.data.coords.size() != r.coords ||
                l.data.features.size() != r.features) {
                continue;
            }
            for (core::FeatureIssue& issue : r.issues) {
                app.report(core::Severity::Warning, core::formatIssue(l.data, issue));
                l.data.issues.push_back(std::move(issue));
                logged = true;
            }
            break;
        }
    }
    return logged;
}

} // namespace corridor::platform

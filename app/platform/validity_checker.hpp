#pragma once
// Polygon validity (GEOS) checked in the background once the viewer's first frame is on screen. The check changes
// nothing drawn (an invalid polygon is drawn as read, with an issue saying so) and is most of the time it takes to
// read polygon data, so the first frame does not wait for it (docs/benchmarks.md, "The viewer").
// The worker checks copies of the polygon layers (the document's layers may be restyled, reordered or removed
// meanwhile); their issues go to the layers that are still there, to the log and to stderr, as the loader's do.

#include "core/app_state.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <vector>

namespace corridor::platform {

class ValidityChecker {
public:
    ValidityChecker() = default;
    ValidityChecker(const ValidityChecker&) = delete;
    ValidityChecker& operator=(const ValidityChecker&) = delete;
    ~ValidityChecker(); // stops a check in flight after the layer it is on, and waits for that

    // Starts checking every polygon layer of the document as it is now (loaded without the check).
    void start(const core::MapDocument& document);
    bool busy() const { return m_pending.valid(); }
    // When the check is done: its issues into the matching layers (same file, layer name and geometry size) and
    // the log. True when it logged something.
    bool poll(core::AppState& app);

private:
    struct Result {
        std::string sourcePath, name;
        std::size_t coords = 0, features = 0;
        std::vector<core::FeatureIssue> issues;
    };
    std::future<std::vector<Result>> m_pending;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
};

} // namespace corridor::platform

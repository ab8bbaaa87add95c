#pragma once
// Polygon validity verdicts kept between runs. GEOS's check is most of reading polygon data (the bundled basemap's,
// Natural Earth's countries), and the same geometry always gets the same verdict: loadSource and
// polygonValidityIssues look a layer's verdicts up by a key made of the geometry checked (every point, the parts'
// roles and sizes, the features' parts, which parts are kept), GEOS's version and the check's own, and keep them
// after checking. platform::ValidityCache keeps them on disk.

#include <optional>
#include <string>

namespace corridor::geo {

class ValidityMemo {
public:
    virtual ~ValidityMemo() = default;
    // What keep stored under `key`, or std::nullopt. Called from several threads at once.
    virtual std::optional<std::string> find(const std::string& key) const = 0;
    // Stores `verdicts` under `key` (a file name: hex digits and '-'); a failure is not an error (a cache).
    virtual void keep(const std::string& key, const std::string& verdicts) const = 0;
};

} // namespace corridor::geo

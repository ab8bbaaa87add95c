// Polygon validity verdicts kept between runs (geo/validity_memo): a load with a memo keeps what GEOS found under
// a key of the geometry, and a later load of the same geometry reads it back instead of running GEOS (a planted
// verdict shows through), gives the same issues, ignores and replaces a damaged entry, and a different geometry
// gets a key of its own. Layers without polygons are never hashed.

#include "geo/loader.hpp"

#include <doctest/doctest.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

using corridor::geo::loadSource;

namespace {

std::string fixture(const char* name) { return std::string(CORRIDOR_TEST_DATA) + "/" + name; }

class MapMemo final : public corridor::geo::ValidityMemo {
public:
    std::optional<std::string> find(const std::string& key) const override
    {
        const std::lock_guard lock(m_mutex);
        ++finds;
        const auto it = entries.find(key);
        return it == entries.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    void keep(const std::string& key, const std::string& verdicts) const override
    {
        const std::lock_guard lock(m_mutex);
        entries[key] = verdicts;
    }
    mutable std::map<std::string, std::string> entries;
    mutable int finds = 0;

private:
    mutable std::mutex m_mutex;
};

std::vector<std::string> messages(const corridor::core::Layer& layer)
{
    std::vector<std::string> out;
    for (const auto& issue : layer.issues) {
        out.push_back(std::to_string(issue.featureId) + " " + issue.message);
    }
    return out;
}

corridor::geo::LoadedSource loadWith(const std::string& path, const MapMemo& memo)
{
    corridor::geo::LoadOptions options;
    options.validityMemo = &memo;
    return loadSource(path, options);
}

} // namespace

TEST_CASE("validity verdicts are kept by geometry and read back instead of checked again")
{
    const std::string path = fixture("broken.geojson"); // feature 2, a bow tie: invalid
    const auto plain = loadSource(path);
    REQUIRE(plain.layers.size() == 1);

    MapMemo memo;
    const auto first = loadWith(path, memo);
    REQUIRE(memo.entries.size() == 1);
    const std::string key = memo.entries.begin()->first;
    CHECK(key.size() == 32);
    CHECK(memo.entries.begin()->second.find("Self-intersection") != std::string::npos);
    CHECK(messages(first.layers[0]) == messages(plain.layers[0]));

    const auto second = loadWith(path, memo); // from the memo
    CHECK(messages(second.layers[0]) == messages(plain.layers[0]));
    CHECK(memo.entries.size() == 1);

    SUBCASE("a verdict in the memo is what the load reports: GEOS did not run")
    {
        memo.entries[key] = "corridor validity 1\n1\tplanted verdict\n";
        const auto planted = loadWith(path, memo);
        bool sawPlanted = false;
        bool sawBowTie = false;
        for (const auto& issue : planted.layers[0].issues) {
            sawPlanted |= issue.message.find("planted verdict") != std::string::npos;
            sawBowTie |= issue.message.find("Self-intersection") != std::string::npos;
        }
        CHECK(sawPlanted);
        CHECK_FALSE(sawBowTie);
    }
    SUBCASE("a damaged entry is checked afresh and replaced")
    {
        for (const std::string& damaged : {std::string("corridor validity 0\n"), std::string("garbage"),
                                          std::string("corridor validity 1\n99\tno such feature\n"),
                                          std::string("corridor validity 1\n2\tcut off")}) {
            CAPTURE(damaged);
            memo.entries[key] = damaged;
            const auto again = loadWith(path, memo);
            CHECK(messages(again.layers[0]) == messages(plain.layers[0]));
            CHECK(memo.entries[key].find("Self-intersection") != std::string::npos); // the real verdicts now
        }
    }
}

TEST_CASE("validity verdicts: another geometry gets another key, and the layer as loaded one of its own")
{
    MapMemo memo;
    loadWith(fixture("broken.geojson"), memo);
    loadWith(fixture("polygons_holes.geojson"), memo);
    const std::size_t polygonLayers = memo.entries.size();
    CHECK(polygonLayers >= 2);

    // The viewer's check after its first frame: the layer as loaded (kept parts only).
    const auto loaded = loadSource(fixture("broken.geojson"), {.checkValidity = false});
    const auto issues = corridor::geo::polygonValidityIssues(loaded.layers[0], &memo);
    CHECK(memo.entries.size() == polygonLayers + 1);
    CHECK(corridor::geo::polygonValidityIssues(loaded.layers[0], &memo).size() == issues.size());
    bool bowTie = false;
    for (const auto& issue : issues) {
        bowTie |= issue.featureId == 2 && issue.message.find("Self-intersection") != std::string::npos;
    }
    CHECK(bowTie);
}

TEST_CASE("validity verdicts: layers without polygons are neither hashed nor kept")
{
    MapMemo memo;
    loadWith(fixture("nodes.geojson"), memo);
    CHECK(memo.finds == 0);
    CHECK(memo.entries.empty());
}

// The legend names of a style (core/legend) draw nothing, so the mesh cache's style fingerprint leaves them out:
// renaming a legend entry must not cost a mesh rebuild. Styles that differ by them are still different styles.

#include "platform/mesh_cache.hpp"

#include <doctest/doctest.h>

using namespace corridor;

TEST_CASE("mesh cache style fingerprint: legend names are not part of it, the look is")
{
    core::LayerStyle style;
    core::StyleRule rule;
    rule.when = {{"mode", {"sea"}}};
    rule.patch.stroke = {0.1f, 0.2f, 0.3f, 1.0f};
    rule.sets = {"stroke"};
    style.rules.push_back(rule);
    const std::string print = platform::styleFingerprint(style);

    core::LayerStyle named = style;
    named.legend = "INSTC rail (operational)";
    named.legendField = "";
    named.rules[0].legend = "Sea leg";
    CHECK(platform::styleFingerprint(named) == print);
    CHECK_FALSE(named == style);

    named.rules[0].patch.stroke.g = 0.5f;
    CHECK(platform::styleFingerprint(named) != print);
}

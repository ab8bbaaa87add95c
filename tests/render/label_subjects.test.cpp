// The subjects of the bundled map (the disputed islands, the corridor's nodes, the Rasht–Astara railway) are named
// at the views a briefer uses, and every label beside a feature is unambiguously nearer its own feature than any
// other (or joined to it by a leader).

#include "render/map_scene.hpp"

#include "bundled_scene.hpp"
#include "golden.hpp"

#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

using namespace corridor;

namespace {

// The bundled map as `corridor` opens it, with what these tests ask of it.
struct BundledMap : test::BundledScene {
    std::size_t layerSlot(const std::string& name) const
    {
        for (std::size_t i = 0; i < doc.layers.size(); ++i) {
            if (doc.layers[i].data.name == name) {
                return i;
            }
        }
        FAIL("no layer " << name);
        return 0;
    }

    // Places the labels of this view (drawing them) and returns what is shown.
    std::vector<render::MapLabels::Shown> labelsAt(const core::Camera& camera)
    {
        draw(camera);
        return scene.labels.shown();
    }
};

BundledMap& bundled()
{
    static BundledMap map;
    return map;
}

core::ScreenBox featureBox(const render::MapLabels::Shown& s)
{
    return {s.anchor.x - s.featureHalf.x, s.anchor.y - s.featureHalf.y, s.anchor.x + s.featureHalf.x,
            s.anchor.y + s.featureHalf.y};
}

double gap(const core::ScreenBox& a, const core::ScreenBox& b)
{
    const double dx = std::max({0.0, a.minX - b.maxX, b.minX - a.maxX});
    const double dy = std::max({0.0, a.minY - b.maxY, b.minY - a.maxY});
    return std::hypot(dx, dy);
}

double gap(const core::ScreenBox& a, core::Vec2d p) { return gap(a, core::ScreenBox{p.x, p.y, p.x, p.y}); }

// Every label beside a feature is nearer its own feature than any other spot-like feature named beside itself (a
// marker, an island; not a country); a label with a leader starts at its own feature. Features at the same spot (within 1.5 px: a city and its station) are one.
void checkAssociation(const std::vector<render::MapLabels::Shown>& shown, const std::string& view)
{
    for (const auto& l : shown) {
        if (!l.point) {
            continue;
        }
        const core::ScreenBox own = featureBox(l);
        const double ownGap = l.placed.hasLeader ? gap(own, l.placed.leaderFrom) : gap(l.placed.box, own);
        CHECK_MESSAGE(ownGap <= 5.0, view << ": " << l.text << " is " << ownGap << " px from its feature");
        for (const auto& m : shown) {
            if (&m == &l || !m.landmark || std::hypot(m.anchor.x - l.anchor.x, m.anchor.y - l.anchor.y) < 1.5) {
                continue;
            }
            const core::ScreenBox other = featureBox(m);
            if (l.placed.hasLeader) {
                CHECK_MESSAGE(gap(other, l.placed.leaderFrom) > ownGap, view << ": the leader of " << l.text
                                                                              << " starts nearer " << m.text);
            } else {
                CHECK_MESSAGE(gap(l.placed.box, other) > ownGap, view << ": " << l.text << " sits nearer " << m.text
                                                                     << " (" << gap(l.placed.box, other) << " px) than its own feature ("
                                                                     << ownGap << " px)");
            }
        }
    }
}

core::Camera zoomed(core::Camera c, double factor)
{
    c.zoomAbout({c.widthPx / 2, c.heightPx / 2}, factor);
    return c;
}

const std::vector<std::string> kIslands{"Abu Musa", "Greater Tunb", "Lesser Tunb"};

} // namespace

TEST_CASE("the three disputed islands are each named, nearest their own island, at the islands view and around it")
{
    BundledMap& map = bundled();
    const std::size_t islands = map.layerSlot("islands");
    const core::Camera base = geo::frameView(map.doc, core::GeoBox{54.5, 25.5, 56.5, 26.6}, 1600, 1000);
    const core::Camera overview = geo::frameView(map.doc, std::nullopt, 1920, 1080);
    const std::map<std::string, core::Camera> views{
        {"islands view", base},           {"islands ×0.5", zoomed(base, 0.5)}, {"islands ×0.7", zoomed(base, 0.7)},
        {"islands ×1.5", zoomed(base, 1.5)}, {"islands ×2", zoomed(base, 2.0)},   {"default view", overview},
        {"overview 35,10,75,62", geo::frameView(map.doc, core::GeoBox{35, 10, 75, 62}, 1920, 1080)}};
    for (const auto& [name, camera] : views) {
        CAPTURE(name);
        const auto shown = map.labelsAt(camera);
        for (const std::string& island : kIslands) {
            const auto it = std::find_if(shown.begin(), shown.end(), [&](const auto& s) {
                return s.slot == islands && s.text == island;
            });
            CHECK_MESSAGE(it != shown.end(), name << ": " << island << " is not named");
        }
        checkAssociation(shown, name);
    }
}

TEST_CASE("the planned Rasht–Astara railway is named at the Rasht–Astara view and around it, stations shown")
{
    BundledMap& map = bundled();
    const std::size_t railways = map.layerSlot("railways");
    const std::size_t stations = map.layerSlot("railway_stations");
    const core::Camera base = geo::frameView(map.doc, core::GeoBox{48.0, 36.5, 49.8, 38.6}, 1600, 1000);
    for (const double factor : {1.0, 0.7, 1.5}) {
        CAPTURE(factor);
        const auto shown = map.labelsAt(zoomed(base, factor));
        const bool named = std::any_of(shown.begin(), shown.end(), [&](const auto& s) {
            return s.slot == railways && s.text.find("Rasht") != std::string::npos &&
                   s.text.find("Astara") != std::string::npos;
        });
        CHECK(named);
        CHECK(std::count_if(shown.begin(), shown.end(), [&](const auto& s) { return s.slot == stations; }) >= 5);
        checkAssociation(shown, "Rasht–Astara ×" + std::to_string(factor));
    }
}

TEST_CASE("the corridor's own waters are named at the overview and the Caspian view")
{
    BundledMap& map = bundled();
    const std::size_t seas = map.layerSlot("basemap_sea_labels");
    const core::Camera overview = geo::frameView(map.doc, core::GeoBox{35, 10, 75, 62}, 1920, 1080);
    const auto named = [&](const std::vector<render::MapLabels::Shown>& shown, const std::string& sea) {
        return std::any_of(shown.begin(), shown.end(), [&](const auto& s) {
            return s.slot == seas && s.text == sea;
        });
    };
    for (const auto& [name, camera] : std::map<std::string, core::Camera>{
             {"overview 35,10,75,62", overview},
             {"overview at 1600x1000", geo::frameView(map.doc, core::GeoBox{35, 10, 75, 62}, 1600, 1000)},
             {"default view", geo::frameView(map.doc, std::nullopt, 1920, 1080)}}) {
        CHECK_MESSAGE(named(map.labelsAt(camera), "Persian Gulf"), name << ": the Persian Gulf is not named");
    }
    // "Caspian Sea" had one name point, in the middle of the Caspian, which the ports and lanes there crowd until
    // the view is at the scale of the Caspian itself. Its second point, in the open north, and the name on two
    // lines where one does not fit, name it from 1.6 times the overview's scale on. (At the overview itself the
    // Caspian is 80 px wide and carries ten named ports; the corridor's names come first there.)
    for (const auto& [name, camera] : std::map<std::string, core::Camera>{
             {"overview ×1.6", zoomed(overview, 1.6)},
             {"overview ×2", zoomed(overview, 2.0)},
             {"Caspian 45,36,56,48", geo::frameView(map.doc, core::GeoBox{45, 36, 56, 48}, 1600, 1000)},
             {"Caspian ×0.7", zoomed(geo::frameView(map.doc, core::GeoBox{45, 36, 56, 48}, 1600, 1000), 0.7)}}) {
        CHECK_MESSAGE(named(map.labelsAt(camera), "Caspian Sea"), name << ": the Caspian Sea is not named");
    }
}

TEST_CASE("golden: the bundled map at the corridor overview, the islands, Rasht–Astara, the Caspian and Astara")
{
    BundledMap& map = bundled();
    // Looked at and approved: every subject named, each label beside its own feature.
    test::checkGolden(map.draw(geo::frameView(map.doc, core::GeoBox{35, 10, 75, 62}, 1920, 1080)), "bundled_overview");
    test::checkGolden(map.draw(geo::frameView(map.doc, core::GeoBox{54.5, 25.5, 56.5, 26.6}, 1600, 1000)),
                      "bundled_islands");
    test::checkGolden(map.draw(geo::frameView(map.doc, core::GeoBox{48.0, 36.5, 49.8, 38.6}, 1600, 1000)),
                      "bundled_rasht_astara");
    test::checkGolden(map.draw(geo::frameView(map.doc, core::GeoBox{45, 36, 56, 48}, 1600, 1000)), "bundled_caspian");
    test::checkGolden(map.draw(geo::frameView(map.doc, core::GeoBox{48.6, 38.2, 49.1, 38.6}, 1600, 1000)),
                      "bundled_astara");
}

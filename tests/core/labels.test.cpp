#include "core/labels.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace corridor::core;

namespace {

std::vector<LabelRequest> randomRequests(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> x(0, 800), y(0, 600), w(20, 140), h(10, 24), p(0, 100);
    std::vector<LabelRequest> out;
    for (std::uint32_t i = 0; i < n; ++i) {
        LabelRequest r;
        r.id = i;
        r.anchor = {x(rng), y(rng)};
        r.width = w(rng);
        r.height = h(rng);
        r.priority = std::floor(p(rng) / 10.0);
        r.markerRadius = 4;
        r.pointLabel = i % 5 != 0;
        r.angle = r.pointLabel ? 0.0 : 0.3;
        out.push_back(r);
    }
    return out;
}

LabelRequest pointRequest(std::uint32_t id, double priority, Vec2d anchor, double width, double height, double markerRadius)
{
    LabelRequest r;
    r.id = id;
    r.priority = priority;
    r.anchor = anchor;
    r.width = width;
    r.height = height;
    r.markerRadius = markerRadius;
    return r;
}

} // namespace

TEST_CASE("placed labels never overlap each other, stay in the viewport and clear every marker")
{
    for (unsigned seed = 1; seed <= 5; ++seed) {
        const auto requests = randomRequests(600, seed);
        const PlacementOptions options{800, 600, 3.0, 2.0};
        const auto placed = placeLabels(requests, options);
        CHECK(placed.size() > 50);
        CHECK(placed.size() < requests.size()); // 600 labels cannot all fit in 800×600
        for (std::size_t i = 0; i < placed.size(); ++i) {
            CHECK(placed[i].box.inside(800, 600));
            for (std::size_t j = i + 1; j < placed.size(); ++j) {
                CHECK_FALSE(placed[i].box.overlaps(placed[j].box));
            }
            if (placed[i].slot != LabelSlot::Centre) {
                for (const LabelRequest& r : requests) {
                    if (!r.pointLabel) {
                        continue;
                    }
                    const ScreenBox marker{r.anchor.x - 4, r.anchor.y - 4, r.anchor.x + 4, r.anchor.y + 4};
                    CHECK_FALSE(placed[i].box.overlaps(marker));
                }
            }
        }
    }
}

TEST_CASE("priority decides a conflict, then the id — the first free slot is to the right")
{
    const LabelRequest a = pointRequest(1, 10.0, {200, 200}, 80, 16, 4);
    const LabelRequest b = pointRequest(2, 50.0, {210, 200}, 80, 16, 4);
    const std::vector<LabelRequest> requests{a, b};
    const auto placed = placeLabels(requests, {800, 600, 3, 2});
    REQUIRE(!placed.empty());
    CHECK(placed[0].id == 2); // higher priority first
    CHECK(placed[0].slot == LabelSlot::Right);
    CHECK(placed[0].topLeft.x == doctest::Approx(210 + 4 + 3));
    if (placed.size() == 2) {
        CHECK(placed[1].id == 1);
        CHECK(placed[1].slot != LabelSlot::Right); // its right slot is taken
    }
}

TEST_CASE("labels that would leave the viewport move to another slot or are dropped")
{
    const LabelRequest edge = pointRequest(7, 1.0, {795, 300}, 60, 14, 3);
    const std::vector<LabelRequest> one{edge};
    const auto placed = placeLabels(one, {800, 600, 3, 2});
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].slot != LabelSlot::Right);
    CHECK(placed[0].box.inside(800, 600));

    const LabelRequest huge = pointRequest(8, 1.0, {400, 300}, 900, 14, 3);
    const std::vector<LabelRequest> two{huge};
    CHECK(placeLabels(two, {800, 600, 3, 2}).empty());
}

TEST_CASE("placement is deterministic and ignores degenerate requests")
{
    auto requests = randomRequests(300, 9);
    requests[3].width = 0;
    requests[4].anchor.x = std::nan("");
    const auto first = placeLabels(requests, {800, 600, 3, 2});
    const auto second = placeLabels(requests, {800, 600, 3, 2});
    REQUIRE(first.size() == second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].id == second[i].id);
        CHECK(first[i].slot == second[i].slot);
        CHECK(first[i].id != 3);
        CHECK(first[i].id != 4);
    }
}

TEST_CASE("rotated bounds grow with the angle")
{
    const ScreenBox flat = rotatedBounds({100, 100}, 80, 10, 0.0);
    CHECK(flat.maxX - flat.minX == doctest::Approx(80));
    const ScreenBox upright = rotatedBounds({100, 100}, 80, 10, M_PI / 2);
    CHECK(upright.maxY - upright.minY == doctest::Approx(80));
    const ScreenBox diagonal = rotatedBounds({100, 100}, 80, 10, M_PI / 4);
    CHECK(diagonal.maxX - diagonal.minX == doctest::Approx(90 / std::sqrt(2.0)));
}

TEST_CASE("line labels sit on stretches straight enough to carry them, from the middle outwards")
{
    // A straight path: the middle first, then alternately either side.
    const std::vector<Vec2d> straight{{0, 0}, {100, 0}, {200, 0}, {300, 0}, {400, 0}};
    const std::vector<double> spots = lineLabelSpots(straight, 100, 0.5, 50);
    REQUIRE(spots.size() == 7); // the centre may move 150 px either way: 50, 100 and 150
    CHECK(spots[0] == doctest::Approx(200));
    CHECK(spots[1] == doctest::Approx(150));
    CHECK(spots[2] == doctest::Approx(250));
    CHECK(spots.back() == doctest::Approx(350));
    // An L: a right angle at distance 200. No spot's stretch reaches over the corner.
    const std::vector<Vec2d> bent{{0, 0}, {200, 0}, {200, 200}};
    for (const double d : lineLabelSpots(bent, 80, 0.5, 10)) {
        CHECK((d + 40 <= 200 || d - 40 >= 200));
    }
    CHECK_FALSE(lineLabelSpots(bent, 80, 0.5, 10).empty());
    // Gentle turns pass one by one but not when they add up past twice the limit over the label.
    std::vector<Vec2d> arc;
    for (int i = 0; i <= 12; ++i) {
        const double a = i * 0.2; // 11.5° a vertex
        arc.push_back({100 * std::sin(a), 100 * (1 - std::cos(a))});
    }
    CHECK(lineLabelSpots(arc, 60, 0.5, 5).size() > 0);   // 60 px spans three vertices: 34°
    CHECK(lineLabelSpots(arc, 150, 0.5, 5).empty());     // 150 px spans seven: 80°
    // Too short, or nonsense sizes: nothing.
    CHECK(lineLabelSpots(straight, 500, 0.5, 10).empty());
    CHECK(lineLabelSpots(straight, 0, 0.5, 10).empty());
    // A step that overshoots still gets the ends: 400 px, a 100 px label, steps of 100: 200, 100, 300, 50, 350.
    const std::vector<double> coarse = lineLabelSpots(straight, 100, 0.5, 100);
    REQUIRE(coarse.size() == 5);
    CHECK(coarse[3] == doctest::Approx(50));
    CHECK(coarse[4] == doctest::Approx(350));
    CHECK(lineLabelSpots({}, 10, 0.5, 10).empty());
}

TEST_CASE("a centred label takes its first free spot, and avoids markers")
{
    PlacementOptions options{400, 200};
    LabelRequest taken;
    taken.id = 0;
    taken.priority = 10;
    taken.anchor = {100, 100};
    taken.width = 60;
    taken.height = 14;
    taken.pointLabel = false;
    LabelRequest line;
    line.id = 1;
    line.pointLabel = false;
    line.width = 60;
    line.height = 14;
    line.spots = {{{70, 93, 100, 107}, {100, 93, 130, 107}}, {{200, 93, 230, 107}, {230, 93, 260, 107}}}; // the first overlaps `taken`
    line.anchor = {100, 100};
    const std::vector<PlacedLabel> placed = placeLabels(std::vector{taken, line}, options);
    REQUIRE(placed.size() == 2);
    CHECK(placed[1].id == 1);
    CHECK(placed[1].spot == 1);
    CHECK(placed[1].box.minX == 200);

    // A marker of a label-less point in the way of the only spot: no label.
    const ScreenBox marker{225, 95, 235, 105};
    const std::vector<PlacedLabel> blocked = placeLabels(std::vector{taken, line}, options, std::span(&marker, 1));
    CHECK(blocked.size() == 1);
}

TEST_CASE("two labels with the same text are kept apart, so a place is not named twice")
{
    PlacementOptions options{800, 400};
    options.repeatDistance = 100;
    auto request = [](std::uint32_t id, double x, std::uint32_t group) {
        LabelRequest r;
        r.id = id;
        r.anchor = {x, 200};
        r.width = 40;
        r.height = 12;
        r.markerRadius = 3;
        r.group = group;
        return r;
    };
    // The city and its station 30 px apart: one label. The same name 300 px away, and another name: labelled.
    const std::vector<LabelRequest> requests{request(0, 100, 7), request(1, 130, 7), request(2, 400, 7), request(3, 160, 9)};
    const std::vector<PlacedLabel> placed = placeLabels(requests, options);
    std::vector<std::uint32_t> ids;
    for (const PlacedLabel& p : placed) {
        ids.push_back(p.id);
    }
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<std::uint32_t>{0, 2, 3});
}

TEST_CASE("labels with footprints along lines never overlap other labels, markers or the viewport's edge")
{
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> x(-50, 850), y(-50, 650), angle(0, 6.283), len(60, 200);
    for (int round = 0; round < 3; ++round) {
        std::vector<LabelRequest> requests = randomRequests(300, 20 + round);
        std::vector<ScreenBox> obstacles;
        for (int k = 0; k < 40; ++k) {
            const double cx = x(rng), cy = y(rng);
            obstacles.push_back({cx - 4, cy - 4, cx + 4, cy + 4});
        }
        // Line labels: straight runs of 12-px pieces, a few candidate spots each.
        for (std::uint32_t i = 0; i < 200; ++i) {
            LabelRequest r;
            r.id = static_cast<std::uint32_t>(requests.size());
            r.pointLabel = false;
            r.priority = 5 + i % 7; // among the point labels' priorities (0..9)
            r.group = i % 3 == 0 ? 0 : 1000 + i % 10;
            for (int s = 0; s < 3; ++s) {
                const double a = angle(rng), l = len(rng), sx = 400 + (x(rng) - 400) * 0.7, sy = 300 + (y(rng) - 300) * 0.7;
                std::vector<ScreenBox>& footprint = r.spots.emplace_back();
                for (double t = 0; t < l; t += 12) {
                    const double px = sx + std::cos(a) * t, py = sy + std::sin(a) * t;
                    footprint.push_back({px - 7, py - 7, px + 7, py + 7});
                }
            }
            r.anchor = {r.spots[0][0].minX + 7, r.spots[0][0].minY + 7};
            r.width = 60;
            r.height = 14;
            requests.push_back(r);
        }
        const PlacementOptions options{800, 600, 3.0, 2.0};
        const auto placed = placeLabels(requests, options, obstacles);
        // Every placed label's boxes: its footprint's pieces, or its one box.
        std::vector<std::vector<ScreenBox>> boxes;
        std::size_t lines = 0;
        for (const PlacedLabel& p : placed) {
            const LabelRequest& r = requests[p.id];
            if (r.spots.empty()) {
                boxes.push_back({p.box});
            } else {
                ++lines;
                REQUIRE(p.spot < r.spots.size());
                boxes.push_back(r.spots[p.spot]);
            }
        }
        CHECK(lines > 10);
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            for (const ScreenBox& b : boxes[i]) {
                CHECK(b.inside(800, 600));
                for (const ScreenBox& o : obstacles) {
                    CHECK_FALSE(b.overlaps(o));
                }
                for (std::size_t j = i + 1; j < boxes.size(); ++j) {
                    for (const ScreenBox& c : boxes[j]) {
                        CHECK_FALSE(b.overlaps(c));
                    }
                }
            }
        }
    }
}

TEST_CASE("a marker that is not an obstacle keeps only its own label clear")
{
    // A tiny area named beside itself (markerIsObstacle = false) inside a larger area whose name is centred there.
    LabelRequest dot = pointRequest(0, 1.0, {200, 100}, 50, 12, 3);
    dot.markerIsObstacle = false;
    LabelRequest big = pointRequest(1, 2.0, {175, 100}, 50, 14, 0); // 150..200: over the dot's left half
    big.pointLabel = false;
    const auto placed = placeLabels(std::vector{dot, big}, {400, 200, 3, 2});
    REQUIRE(placed.size() == 2);
    CHECK(placed[0].id == 1); // the big area's name sits over the dot
    CHECK(placed[0].box.maxX > 197);
    const ScreenBox dotBox{197, 97, 203, 103};
    CHECK_FALSE(placed[1].box.overlaps(dotBox)); // the dot's own label keeps clear of it
    dot.markerIsObstacle = true;
    CHECK(placeLabels(std::vector{dot, big}, {400, 200, 3, 2}).size() == 1); // as an obstacle it blocks the name
}

namespace {

bool insideRing(Vec2d p, const std::vector<Vec2d>& ring)
{
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
            p.x < ring[i].x + (p.y - ring[i].y) * (ring[j].x - ring[i].x) / (ring[j].y - ring[i].y)) {
            in = !in;
        }
    }
    return in;
}

} // namespace

TEST_CASE("an area whose centroid is off screen is named inside the part the view shows")
{
    // A C opening to the right, mostly off the left of a 400×300 view: its visible part's centroid falls in the
    // mouth of the C, outside the area; the spot must still be inside it and on screen.
    const std::vector<Vec2d> c{{-900, 0}, {150, 0}, {150, 80}, {-100, 80}, {-100, 220}, {150, 220}, {150, 300}, {-900, 300}};
    const auto spot = visibleAreaSpot(c, 400, 300);
    REQUIRE(spot);
    CHECK(insideRing(spot->at, c));
    CHECK(spot->at.x >= 0);
    CHECK(spot->at.x <= 400);
    CHECK(spot->at.y >= 0);
    CHECK(spot->at.y <= 300);
    CHECK(spot->size == doctest::Approx(300));
    // Entirely off screen, or degenerate: nothing.
    CHECK_FALSE(visibleAreaSpot(std::vector<Vec2d>{{-500, 0}, {-100, 0}, {-100, 100}, {-500, 100}}, 400, 300));
    CHECK_FALSE(visibleAreaSpot(std::vector<Vec2d>{{0, 0}, {100, 100}}, 400, 300));
    // A view entirely inside a huge area: the middle row of the view.
    const auto all = visibleAreaSpot(std::vector<Vec2d>{{-1e5, -1e5}, {1e5, -1e5}, {1e5, 1e5}, {-1e5, 1e5}}, 400, 300);
    REQUIRE(all);
    CHECK(all->at.x == doctest::Approx(200));
    CHECK(all->at.y == doctest::Approx(150));
}

TEST_CASE("a point with no marker (a sea's name) is named centred on it, and other labels never count it as a feature")
{
    // "Gulf of Oman" sat left of its name point, over the UAE; and name points took part in the test of which
    // feature a label beside an island is nearest, crowding the islands' slots.
    LabelRequest sea = pointRequest(0, 40, {450, 300}, 90, 14, 0);
    sea.pointLabel = true;
    sea.landmark = true;
    const std::vector<LabelRequest> one{sea};
    const auto placed = placeLabels(one, {800, 600, 3.0, 2.0});
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].slot == LabelSlot::Centre);
    CHECK(placed[0].box.minX == doctest::Approx(405));
    CHECK(placed[0].box.maxX == doctest::Approx(495));
    CHECK((placed[0].box.minY + placed[0].box.maxY) / 2 == doctest::Approx(300));

    // A name point right beside an island's first slot (its own name too long to place) does not push the island's
    // name elsewhere.
    LabelRequest wide = pointRequest(0, 40, {340, 310}, 2000, 14, 0);
    wide.pointLabel = true;
    wide.landmark = true;
    LabelRequest island = pointRequest(1, 80, {300, 300}, 60, 14, 3);
    island.pointLabel = true;
    island.landmark = true;
    const std::vector<LabelRequest> two{wide, island};
    const auto both = placeLabels(two, {800, 600, 3.0, 2.0});
    REQUIRE(both.size() == 1);
    CHECK(both[0].id == 1);
    CHECK(both[0].slot == LabelSlot::Right);
}

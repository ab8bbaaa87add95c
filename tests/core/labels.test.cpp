#include "core/labels.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("priority decides a conflict, then the id; the first free slot is to the right")
{
    LabelRequest a{1, 10.0, {200, 200}, 80, 16, 4, true, 0};
    LabelRequest b{2, 50.0, {210, 200}, 80, 16, 4, true, 0};
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
    LabelRequest edge{7, 1.0, {795, 300}, 60, 14, 3, true, 0};
    const std::vector<LabelRequest> one{edge};
    const auto placed = placeLabels(one, {800, 600, 3, 2});
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].slot != LabelSlot::Right);
    CHECK(placed[0].box.inside(800, 600));

    LabelRequest huge{8, 1.0, {400, 300}, 900, 14, 3, true, 0};
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

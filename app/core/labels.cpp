#include "core/labels.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <unordered_map>

namespace corridor::core {

namespace {

// Uniform grid over the viewport: cell lists of indices, so a collision test looks at a few neighbours instead of
// everything placed.
class CellGrid {
public:
    CellGrid(double width, double height, double cell)
        : m_cell(cell)
        , m_cols(std::max(1, static_cast<int>(std::ceil(width / cell))))
        , m_rows(std::max(1, static_cast<int>(std::ceil(height / cell))))
        , m_cells(static_cast<std::size_t>(m_cols) * m_rows)
    {
    }

    // Calls f(cell list) for every cell the box touches (cells past the edges are clamped to the border ones).
    template <typename F>
    void visit(const ScreenBox& b, F&& f) const
    {
        forCells(b, [&](std::size_t c) { f(m_cells[c]); });
    }
    void add(const ScreenBox& b, std::uint32_t index)
    {
        forCells(b, [&](std::size_t c) { m_cells[c].push_back(index); });
    }

private:
    template <typename F>
    void forCells(const ScreenBox& b, F&& f) const
    {
        const int x0 = col(b.minX), x1 = col(b.maxX), y0 = row(b.minY), y1 = row(b.maxY);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                f(static_cast<std::size_t>(y) * m_cols + x);
            }
        }
    }
    int col(double v) const { return std::clamp(static_cast<int>(std::floor(v / m_cell)), 0, m_cols - 1); }
    int row(double v) const { return std::clamp(static_cast<int>(std::floor(v / m_cell)), 0, m_rows - 1); }

    double m_cell;
    int m_cols, m_rows;
    std::vector<std::vector<std::uint32_t>> m_cells;
};

// Occupied boxes (placed labels, markers).
class BoxGrid {
public:
    BoxGrid(double width, double height, double cell) : m_grid(width, height, cell) {}

    bool collides(const ScreenBox& b) const
    {
        bool hit = false;
        m_grid.visit(b, [&](const std::vector<std::uint32_t>& cell) {
            hit = hit || std::any_of(cell.begin(), cell.end(), [&](std::uint32_t i) { return m_boxes[i].overlaps(b); });
        });
        return hit;
    }

    void insert(const ScreenBox& b)
    {
        m_grid.add(b, static_cast<std::uint32_t>(m_boxes.size()));
        m_boxes.push_back(b);
    }

private:
    CellGrid m_grid;
    std::vector<ScreenBox> m_boxes;
};

// Half extents of what a point label keeps clear of: its marker, or a wider feature's bounds.
Vec2d featureHalf(const LabelRequest& r)
{
    return {std::max(r.markerRadius, r.markerHalf.x), std::max(r.markerRadius, r.markerHalf.y)};
}

// A point drawn with no marker (a sea's or a strait's name point): the label is the feature, centred on it; there is
// nothing beside which to place it, and nothing another label could be mistaken for.
bool nameAnchor(const LabelRequest& r)
{
    const Vec2d half = featureHalf(r);
    return r.pointLabel && !(half.x > 0) && !(half.y > 0);
}

ScreenBox pointSlotBox(const LabelRequest& r, LabelSlot slot, double gap, Vec2d& topLeft)
{
    const Vec2d half = featureHalf(r);
    const double offX = half.x + gap, offY = half.y + gap;
    // Diagonal slots touch a round marker at 45°, and a box-shaped feature (an island's bounds) at its corner.
    const double k = (r.markerHalf.x > r.markerRadius || r.markerHalf.y > r.markerRadius) ? 1.0 : 0.7;
    const double w = r.width, h = r.height;
    const double x = r.anchor.x, y = r.anchor.y;
    switch (slot) {
    case LabelSlot::Right: topLeft = {x + offX, y - h / 2}; break;
    case LabelSlot::UpperRight: topLeft = {x + offX * k, y - offY * k - h}; break;
    case LabelSlot::LowerRight: topLeft = {x + offX * k, y + offY * k}; break;
    case LabelSlot::Above: topLeft = {x - w / 2, y - offY - h}; break;
    case LabelSlot::Below: topLeft = {x - w / 2, y + offY}; break;
    case LabelSlot::UpperLeft: topLeft = {x - offX * k - w, y - offY * k - h}; break;
    case LabelSlot::LowerLeft: topLeft = {x - offX * k - w, y + offY * k}; break;
    case LabelSlot::Left: topLeft = {x - offX - w, y - h / 2}; break;
    case LabelSlot::Centre: topLeft = {x - w / 2, y - h / 2}; break;
    }
    return {topLeft.x, topLeft.y, topLeft.x + w, topLeft.y + h};
}

// Gap between two boxes (0 when they touch or overlap).
double boxGap(const ScreenBox& a, const ScreenBox& b)
{
    const double dx = std::max({0.0, a.minX - b.maxX, b.minX - a.maxX});
    const double dy = std::max({0.0, a.minY - b.maxY, b.minY - a.maxY});
    return std::hypot(dx, dy);
}

// The point of `b` nearest to `p`.
Vec2d nearestIn(const ScreenBox& b, Vec2d p) { return {std::clamp(p.x, b.minX, b.maxX), std::clamp(p.y, b.minY, b.maxY)}; }

// What a reader may take a point label for: every marker and every named point or dot, as boxes on screen, with
// the request that owns each (kNoOwner for markers without a label of their own).
class FeatureIndex {
public:
    static constexpr std::uint32_t kNoOwner = 0xffffffffu;

    FeatureIndex(double width, double height, double cell) : m_grid(width, height, cell) {}

    void insert(const ScreenBox& b, std::uint32_t owner)
    {
        m_grid.add(b, static_cast<std::uint32_t>(m_items.size()));
        m_items.push_back({b, owner});
    }

    // Whether a feature other than request `self` (at `anchor`) comes within `reach` of `box`. Features centred on
    // the anchor itself (the request's own marker, drawn by its layer) do not count.
    bool anyOtherWithin(const ScreenBox& box, double reach, std::uint32_t self, Vec2d anchor) const
    {
        const ScreenBox area{box.minX - reach, box.minY - reach, box.maxX + reach, box.maxY + reach};
        bool found = false;
        m_grid.visit(area, [&](const std::vector<std::uint32_t>& cell) {
            for (const std::uint32_t i : cell) {
                const Item& it = m_items[i];
                if (found || it.owner == self) {
                    continue;
                }
                const double cx = (it.box.minX + it.box.maxX) / 2, cy = (it.box.minY + it.box.maxY) / 2;
                if (std::hypot(cx - anchor.x, cy - anchor.y) < 1.0) {
                    continue;
                }
                found = boxGap(box, it.box) <= reach;
            }
        });
        return found;
    }

private:
    struct Item {
        ScreenBox box;
        std::uint32_t owner;
    };
    CellGrid m_grid;
    std::vector<Item> m_items;
};

ScreenBox padded(const ScreenBox& b, double p) { return {b.minX - p, b.minY - p, b.maxX + p, b.maxY + p}; }

// A place for a point label farther from its feature, joined by a leader: nearest distance first, then the
// directions in the order of the eight slots. Inserts the label and its leader into `placed` when it finds one.
template <typename Fits, typename Clear>
std::optional<PlacedLabel> leaderPlacement(const LabelRequest& r, Vec2d half, std::span<const double> distances,
                                           Fits&& fits, Clear&& clearOfOthers, BoxGrid& placed, const BoxGrid& markers)
{
    // Degrees, y down: right, upper right, lower right, up, down, upper left, lower left, left, and between.
    static constexpr double kAngles[] = {0, -45, 45, -90, 90, -135, 135, 180, -22.5, 22.5, -67.5, 67.5,
                                         -112.5, 112.5, -157.5, 157.5};
    constexpr double kPi = 3.14159265358979323846;
    const double w = r.width, h = r.height;
    std::vector<ScreenBox> pieces;
    for (const double dist : distances) {
        for (const double deg : kAngles) {
            const Vec2d u{std::cos(deg * kPi / 180), std::sin(deg * kPi / 180)};
            const double featureReach = std::abs(u.x) * half.x + std::abs(u.y) * half.y;
            const double boxReach = std::abs(u.x) * w / 2 + std::abs(u.y) * h / 2;
            const Vec2d c = r.anchor + u * (featureReach + dist + boxReach);
            const ScreenBox box{c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2};
            if (!fits(box) || !clearOfOthers(box)) {
                continue;
            }
            // From the feature's edge (a pixel and a half out) to the nearest point of the box.
            const Vec2d to = nearestIn(box, r.anchor);
            const Vec2d d = to - r.anchor;
            const double len = std::hypot(d.x, d.y);
            if (len < 1e-9) {
                continue;
            }
            const Vec2d dir = d * (1.0 / len);
            const double exit = std::min(std::abs(dir.x) > 1e-9 ? half.x / std::abs(dir.x) : INFINITY,
                                         std::abs(dir.y) > 1e-9 ? half.y / std::abs(dir.y) : INFINITY);
            const Vec2d from = r.anchor + dir * (std::min(exit, len) + 1.5);
            const double run = std::hypot(to.x - from.x, to.y - from.y);
            pieces.clear();
            const int n = std::max(1, static_cast<int>(std::ceil(run / 6.0)));
            bool clear = run > 0;
            for (int k = 0; k < n && clear; ++k) {
                const Vec2d a = from + (to - from) * (static_cast<double>(k) / n);
                const Vec2d b = from + (to - from) * (static_cast<double>(k + 1) / n);
                const ScreenBox piece{std::min(a.x, b.x) - 1, std::min(a.y, b.y) - 1, std::max(a.x, b.x) + 1,
                                      std::max(a.y, b.y) + 1};
                clear = !markers.collides(piece) && !placed.collides(piece);
                pieces.push_back(piece);
            }
            if (!clear) {
                continue;
            }
            placed.insert(box);
            for (const ScreenBox& piece : pieces) {
                placed.insert(piece);
            }
            PlacedLabel p{r.id, LabelSlot::Centre, c, box};
            p.hasLeader = true;
            p.leaderFrom = from;
            p.leaderTo = to;
            return p;
        }
    }
    return std::nullopt;
}

} // namespace

ScreenBox rotatedBounds(Vec2d centre, double width, double height, double angle)
{
    const double c = std::abs(std::cos(angle)), s = std::abs(std::sin(angle));
    const double hw = (width * c + height * s) / 2, hh = (width * s + height * c) / 2;
    return {centre.x - hw, centre.y - hh, centre.x + hw, centre.y + hh};
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const PlacementOptions& options,
                                     std::span<const ScreenBox> obstacles)
{
    std::vector<std::uint32_t> order(requests.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (requests[a].priority != requests[b].priority) {
            return requests[a].priority > requests[b].priority;
        }
        return requests[a].id < requests[b].id;
    });

    BoxGrid placed(options.width, options.height, 64.0);
    BoxGrid markers(options.width, options.height, 64.0);
    FeatureIndex features(options.width, options.height, 64.0);
    for (const ScreenBox& b : obstacles) {
        markers.insert(b);
        features.insert(b, FeatureIndex::kNoOwner);
    }
    for (std::uint32_t i = 0; i < requests.size(); ++i) {
        const LabelRequest& r = requests[i];
        if (!r.pointLabel) {
            continue;
        }
        const Vec2d half = featureHalf(r);
        const ScreenBox own{r.anchor.x - half.x, r.anchor.y - half.y, r.anchor.x + half.x, r.anchor.y + half.y};
        if (r.landmark && !nameAnchor(r)) {
            features.insert(own, i);
        }
        if (r.markerRadius > 0 && r.markerIsObstacle) {
            markers.insert(own);
        }
    }

    static constexpr LabelSlot kPointSlots[] = {LabelSlot::Right,     LabelSlot::UpperRight, LabelSlot::LowerRight,
                                                LabelSlot::Above,     LabelSlot::Below,      LabelSlot::UpperLeft,
                                                LabelSlot::LowerLeft, LabelSlot::Left};
    std::vector<PlacedLabel> out;
    std::unordered_multimap<std::uint32_t, Vec2d> groups; // anchors of the placed labels, by group
    for (const std::uint32_t i : order) {
        const LabelRequest& r = requests[i];
        if (!(r.width > 0) || !(r.height > 0) || !std::isfinite(r.anchor.x) || !std::isfinite(r.anchor.y)) {
            continue;
        }
        if (r.group != 0) {
            const auto near = [&](const Vec2d& a) {
                return std::hypot(a.x - r.anchor.x, a.y - r.anchor.y) < options.repeatDistance;
            };
            const auto [first, last] = groups.equal_range(r.group);
            if (std::any_of(first, last, [&](const auto& g) { return near(g.second); })) {
                continue;
            }
        }
        const std::size_t before = out.size();
        auto fits = [&](const ScreenBox& box) {
            const ScreenBox clear = padded(box, options.padding);
            return box.inside(options.width, options.height) && !placed.collides(clear) && !markers.collides(box);
        };
        if (nameAnchor(r)) {
            const ScreenBox box{r.anchor.x - r.width / 2, r.anchor.y - r.height / 2, r.anchor.x + r.width / 2,
                                r.anchor.y + r.height / 2};
            if (fits(box)) {
                placed.insert(box);
                out.push_back({r.id, LabelSlot::Centre, r.anchor, box}); // Centre: `topLeft` holds the centre
            }
        } else if (r.pointLabel) {
            const Vec2d half = featureHalf(r);
            const ScreenBox own{r.anchor.x - half.x, r.anchor.y - half.y, r.anchor.x + half.x, r.anchor.y + half.y};
            // Unambiguous: no other feature as near the label as its own, give or take the margin.
            auto unambiguous = [&](const ScreenBox& box) {
                return !features.anyOtherWithin(box, boxGap(box, own) + options.associationMargin, i, r.anchor);
            };
            for (const LabelSlot slot : kPointSlots) {
                Vec2d topLeft;
                const ScreenBox box = pointSlotBox(r, slot, options.gap, topLeft);
                if (fits(box) && unambiguous(box)) {
                    placed.insert(box);
                    out.push_back({r.id, slot, topLeft, box});
                    break;
                }
            }
            if (out.size() == before && r.leader) {
                // Farther out, joined by a leader that crosses no label or marker; the box itself keeps clear of
                // every other feature, so the leader is what a reader follows.
                auto clearOfOthers = [&](const ScreenBox& box) {
                    return !features.anyOtherWithin(box, options.associationMargin, i, r.anchor);
                };
                if (auto p = leaderPlacement(r, half, options.leaderDistances, fits, clearOfOthers, placed, markers)) {
                    out.push_back(*p);
                }
            }
        } else if (r.spots.empty()) {
            const ScreenBox box = rotatedBounds(r.anchor, r.width, r.height, r.angle);
            if (fits(box)) {
                placed.insert(box);
                out.push_back({r.id, LabelSlot::Centre, r.anchor, box});
            }
        } else {
            for (std::uint32_t k = 0; k < r.spots.size(); ++k) {
                const std::vector<ScreenBox>& footprint = r.spots[k];
                if (footprint.empty() || !std::all_of(footprint.begin(), footprint.end(), fits)) {
                    continue;
                }
                ScreenBox all = footprint.front();
                for (const ScreenBox& b : footprint) {
                    placed.insert(b);
                    all = {std::min(all.minX, b.minX), std::min(all.minY, b.minY), std::max(all.maxX, b.maxX),
                           std::max(all.maxY, b.maxY)};
                }
                out.push_back({r.id, LabelSlot::Centre, {(all.minX + all.maxX) / 2, (all.minY + all.maxY) / 2}, all, k});
                break;
            }
        }
        if (r.group != 0 && out.size() > before) {
            groups.emplace(r.group, r.anchor);
        }
    }
    return out;
}

std::optional<VisibleSpot> visibleAreaSpot(std::span<const Vec2d> ring, double width, double height)
{
    // Sutherland–Hodgman: the ring clipped to the viewport, one edge of it at a time.
    std::vector<Vec2d> poly(ring.begin(), ring.end());
    std::vector<Vec2d> next;
    auto clip = [&](auto inside, auto cross) {
        next.clear();
        for (std::size_t i = 0; i < poly.size(); ++i) {
            const Vec2d a = poly[i], b = poly[(i + 1) % poly.size()];
            if (inside(a)) {
                next.push_back(a);
                if (!inside(b)) {
                    next.push_back(cross(a, b));
                }
            } else if (inside(b)) {
                next.push_back(cross(a, b));
            }
        }
        poly.swap(next);
    };
    auto atX = [](double x) {
        return [x](Vec2d a, Vec2d b) { return Vec2d{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)}; };
    };
    auto atY = [](double y) {
        return [y](Vec2d a, Vec2d b) { return Vec2d{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y}; };
    };
    clip([](Vec2d p) { return p.x >= 0; }, atX(0));
    clip([&](Vec2d p) { return p.x <= width; }, atX(width));
    clip([](Vec2d p) { return p.y >= 0; }, atY(0));
    clip([&](Vec2d p) { return p.y <= height; }, atY(height));
    if (poly.size() < 3) {
        return std::nullopt;
    }
    // The clipped part's centroid height and bounds.
    double a = 0, cy = 0;
    double minX = poly[0].x, maxX = poly[0].x, minY = poly[0].y, maxY = poly[0].y;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const Vec2d p = poly[i], q = poly[(i + 1) % poly.size()];
        const double c = p.x * q.y - q.x * p.y;
        a += c;
        cy += (p.y + q.y) * c;
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    if (std::abs(a) < 1e-9) {
        return std::nullopt;
    }
    // Crossings of a row with the whole outline (the clipped one has edges along the viewport's sides that are not
    // the area's), paired into runs inside it (even–odd), cut to the viewport: the middle of the widest run.
    std::vector<double> xs;
    auto widestRun = [&](double y, double& bestX) {
        xs.clear();
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Vec2d p = ring[i], q = ring[(i + 1) % ring.size()];
            if ((p.y > y) != (q.y > y)) {
                xs.push_back(p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y));
            }
        }
        std::sort(xs.begin(), xs.end());
        double bestWidth = 0;
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
            const double from = std::max(xs[i], 0.0), to = std::min(xs[i + 1], width);
            if (to - from > bestWidth) {
                bestWidth = to - from;
                bestX = (from + to) / 2;
            }
        }
        return bestWidth;
    };
    // The row through the visible part's centroid first; if that row misses the area (the mouth of a C), rows
    // ever farther above and below it.
    const double centreY = cy / (3 * a);
    const double step = std::max(1.0, (maxY - minY) / 16);
    double y = centreY, bestX = 0;
    for (int k = 0; k <= 32; ++k) {
        y = centreY + (k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * step;
        if (y > minY && y < maxY && widestRun(y, bestX) > 0) {
            break;
        }
        if (k == 32) {
            return std::nullopt;
        }
    }
    return VisibleSpot{{bestX, y}, std::max(maxX - minX, maxY - minY)};
}

std::vector<double> lineLabelSpots(std::span<const Vec2d> path, double length, double maxTurn, double step)
{
    // Cumulative distance at each vertex, and the turn at each inner vertex.
    std::vector<double> at(path.size(), 0.0);
    std::vector<double> turn(path.size(), 0.0);
    for (std::size_t i = 1; i < path.size(); ++i) {
        at[i] = at[i - 1] + std::hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
    }
    for (std::size_t i = 1; i + 1 < path.size(); ++i) {
        const Vec2d a = path[i] - path[i - 1], b = path[i + 1] - path[i];
        if ((a.x == 0 && a.y == 0) || (b.x == 0 && b.y == 0)) {
            continue;
        }
        turn[i] = std::abs(std::atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y));
    }
    std::vector<double> out;
    const double total = path.empty() ? 0.0 : at.back();
    if (!(length > 0) || !(step > 0) || total < length) {
        return out;
    }
    auto straightEnough = [&](double centre) {
        const double from = centre - length / 2, to = centre + length / 2;
        double sum = 0;
        for (std::size_t i = 1; i + 1 < path.size(); ++i) {
            if (at[i] > from && at[i] < to) {
                if (turn[i] > maxTurn) {
                    return false;
                }
                sum += turn[i];
            }
        }
        return sum <= 2 * maxTurn;
    };
    const double middle = total / 2;
    const double reach = (total - length) / 2; // how far the centre may move either way
    // Steps out from the middle, and the two ends, which a step may overshoot.
    for (int k = 0;; ++k) {
        const double offset = std::min(k * step, reach);
        for (const double centre : {middle - offset, middle + offset}) {
            if (straightEnough(centre)) {
                out.push_back(centre);
            }
            if (offset == 0) {
                break;
            }
        }
        if (offset >= reach) {
            break;
        }
    }
    return out;
}

LabelLines labelLines(std::string_view en, std::string_view fa, LabelLanguage language)
{
    if (fa.empty() || fa == en) {
        return {en, {}};
    }
    switch (language) {
    case LabelLanguage::En: return {en, {}};
    case LabelLanguage::Fa: return {fa, {}};
    case LabelLanguage::EnFa: return en.empty() ? LabelLines{fa, {}} : LabelLines{en, fa};
    }
    return {en, {}};
}

} // namespace corridor::core

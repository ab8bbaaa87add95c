#include "core/labels.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace corridor::core {

namespace {

// Uniform grid over the viewport holding indices of occupied boxes, so a collision test looks at a few
// neighbours instead of every placed label.
class BoxGrid {
public:
    BoxGrid(double width, double height, double cell)
        : m_cell(cell)
        , m_cols(std::max(1, static_cast<int>(std::ceil(width / cell))))
        , m_rows(std::max(1, static_cast<int>(std::ceil(height / cell))))
        , m_cells(static_cast<std::size_t>(m_cols) * m_rows)
    {
    }

    bool collides(const ScreenBox& b) const
    {
        bool hit = false;
        visit(b, [&](const std::vector<std::uint32_t>& cell) {
            for (const std::uint32_t i : cell) {
                if (m_boxes[i].overlaps(b)) {
                    hit = true;
                    return;
                }
            }
        });
        return hit;
    }

    void insert(const ScreenBox& b)
    {
        const auto index = static_cast<std::uint32_t>(m_boxes.size());
        m_boxes.push_back(b);
        visitMutable(b, [&](std::vector<std::uint32_t>& cell) { cell.push_back(index); });
    }

private:
    template <typename F>
    void visit(const ScreenBox& b, F&& f) const
    {
        const int x0 = clampCol(b.minX), x1 = clampCol(b.maxX), y0 = clampRow(b.minY), y1 = clampRow(b.maxY);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                f(m_cells[static_cast<std::size_t>(y) * m_cols + x]);
            }
        }
    }
    template <typename F>
    void visitMutable(const ScreenBox& b, F&& f)
    {
        const int x0 = clampCol(b.minX), x1 = clampCol(b.maxX), y0 = clampRow(b.minY), y1 = clampRow(b.maxY);
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                f(m_cells[static_cast<std::size_t>(y) * m_cols + x]);
            }
        }
    }
    int clampCol(double v) const { return std::clamp(static_cast<int>(std::floor(v / m_cell)), 0, m_cols - 1); }
    int clampRow(double v) const { return std::clamp(static_cast<int>(std::floor(v / m_cell)), 0, m_rows - 1); }

    double m_cell;
    int m_cols, m_rows;
    std::vector<std::vector<std::uint32_t>> m_cells;
    std::vector<ScreenBox> m_boxes;
};

ScreenBox pointSlotBox(const LabelRequest& r, LabelSlot slot, double gap, Vec2d& topLeft)
{
    const double off = r.markerRadius + gap;
    const double w = r.width, h = r.height;
    const double x = r.anchor.x, y = r.anchor.y;
    switch (slot) {
    case LabelSlot::Right: topLeft = {x + off, y - h / 2}; break;
    case LabelSlot::UpperRight: topLeft = {x + off * 0.7, y - off * 0.7 - h}; break;
    case LabelSlot::LowerRight: topLeft = {x + off * 0.7, y + off * 0.7}; break;
    case LabelSlot::Above: topLeft = {x - w / 2, y - off - h}; break;
    case LabelSlot::Below: topLeft = {x - w / 2, y + off}; break;
    case LabelSlot::UpperLeft: topLeft = {x - off * 0.7 - w, y - off * 0.7 - h}; break;
    case LabelSlot::LowerLeft: topLeft = {x - off * 0.7 - w, y + off * 0.7}; break;
    case LabelSlot::Left: topLeft = {x - off - w, y - h / 2}; break;
    case LabelSlot::Centre: topLeft = {x - w / 2, y - h / 2}; break;
    }
    return {topLeft.x, topLeft.y, topLeft.x + w, topLeft.y + h};
}

ScreenBox padded(const ScreenBox& b, double p) { return {b.minX - p, b.minY - p, b.maxX + p, b.maxY + p}; }

} // namespace

ScreenBox rotatedBounds(Vec2d centre, double width, double height, double angle)
{
    const double c = std::abs(std::cos(angle)), s = std::abs(std::sin(angle));
    const double hw = (width * c + height * s) / 2, hh = (width * s + height * c) / 2;
    return {centre.x - hw, centre.y - hh, centre.x + hw, centre.y + hh};
}

std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const PlacementOptions& options)
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
    for (const LabelRequest& r : requests) {
        if (r.pointLabel && r.markerRadius > 0) {
            markers.insert({r.anchor.x - r.markerRadius, r.anchor.y - r.markerRadius, r.anchor.x + r.markerRadius,
                            r.anchor.y + r.markerRadius});
        }
    }

    static constexpr LabelSlot kPointSlots[] = {LabelSlot::Right,     LabelSlot::UpperRight, LabelSlot::LowerRight,
                                                LabelSlot::Above,     LabelSlot::Below,      LabelSlot::UpperLeft,
                                                LabelSlot::LowerLeft, LabelSlot::Left};
    std::vector<PlacedLabel> out;
    for (const std::uint32_t i : order) {
        const LabelRequest& r = requests[i];
        if (!(r.width > 0) || !(r.height > 0) || !std::isfinite(r.anchor.x) || !std::isfinite(r.anchor.y)) {
            continue;
        }
        auto fits = [&](const ScreenBox& box) {
            const ScreenBox clear = padded(box, options.padding);
            return box.inside(options.width, options.height) && !placed.collides(clear) && !markers.collides(box);
        };
        if (r.pointLabel) {
            for (const LabelSlot slot : kPointSlots) {
                Vec2d topLeft;
                const ScreenBox box = pointSlotBox(r, slot, options.gap, topLeft);
                if (fits(box)) {
                    placed.insert(box);
                    out.push_back({r.id, slot, topLeft, box});
                    break;
                }
            }
        } else {
            const ScreenBox box = rotatedBounds(r.anchor, r.width, r.height, r.angle);
            if (box.inside(options.width, options.height) && !placed.collides(padded(box, options.padding))) {
                placed.insert(box);
                out.push_back({r.id, LabelSlot::Centre, r.anchor, box});
            }
        }
    }
    return out;
}

} // namespace corridor::core

#pragma once
// Label placement: which labels show and where, for one view. Pure screen-space geometry: no text shaping, no GL
// (the caller measures text and draws it). Deterministic for the same inputs, so a view's placement can be
// computed once and reused, by the window and by an export of that view alike.

#include "core/geometry.hpp"
#include "core/style.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace corridor::core {

struct ScreenBox {
    double minX = 0, minY = 0, maxX = 0, maxY = 0; // pixels, y down

    bool overlaps(const ScreenBox& o) const { return minX < o.maxX && o.minX < maxX && minY < o.maxY && o.minY < maxY; }
    bool inside(double w, double h) const { return minX >= 0 && minY >= 0 && maxX <= w && maxY <= h; }
};

// Where a point label may sit relative to its marker, in the order cartographers prefer (Imhof): right, upper
// right, upper left… The label's box is offset from the marker by `gap` pixels.
enum class LabelSlot : std::uint8_t { Right, UpperRight, LowerRight, Above, Below, UpperLeft, LowerLeft, Left, Centre };

struct LabelRequest {
    std::uint32_t id = 0;          // the caller's handle, echoed back
    double priority = 0.0;         // higher is placed first
    Vec2d anchor;                  // screen pixels: the point, or a point on the line
    double width = 0, height = 0;  // the label's box in pixels (ink plus halo)
    double markerRadius = 0;       // pixels kept clear around the anchor (its marker)
    Vec2d markerHalf;              // a wider feature's half extents about the anchor (an island's bounds on
                                   // screen), pixels; where larger than markerRadius, the label keeps outside them
    bool markerIsObstacle = true;  // false: only this label keeps clear of it (a tiny area named beside itself,
                                   // which other labels may cover)
    bool landmark = true;          // point labels: other labels must not be mistaken for this feature's (false
                                   // for an area too large to read as a spot)
    bool pointLabel = true;        // false: centred on the anchor (line and area labels), rotated by `angle`
    double angle = 0.0;            // radians, for centred labels; the collision box is the rotated box's bounds
    bool leader = false;           // point labels: when no place beside the marker is free and unambiguous, the
                                   // label may sit farther away, joined to its feature by a leader line
    std::uint32_t group = 0;       // labels of one group (the same text) stay PlacementOptions::repeatDistance
                                   // apart, so a place is not named twice; 0: no group
    // Centred labels that may sit in several places (along a line): each place's footprint, in order of preference,
    // tried in turn; empty = the one box at the anchor. A footprint is a few boxes along the text, so a slanted or
    // curved label does not claim the whole rectangle around it.
    std::vector<std::vector<ScreenBox>> spots;
};

struct PlacedLabel {
    std::uint32_t id = 0;
    LabelSlot slot = LabelSlot::Centre;
    Vec2d topLeft;                 // the unrotated box's top-left corner for point labels; the centre otherwise
    ScreenBox box;                 // what it occupies (for a footprint of several boxes, their bounds)
    std::uint32_t spot = 0;        // which of the request's spots it took
    bool hasLeader = false;        // a leader line runs from `leaderFrom` (the feature's edge) to `leaderTo` (the
    Vec2d leaderFrom{}, leaderTo{};  // label's box)
};

struct PlacementOptions {
    double width = 0, height = 0;  // the viewport
    double gap = 3.0;              // pixels between a marker and its label
    double padding = 2.0;          // extra clearance between labels
    double repeatDistance = 120.0; // pixels between the anchors of two labels of one group
    // A point label must be nearer its own feature than any other feature (marker or named dot) by this many
    // pixels, so no reader takes it for its neighbour's name.
    double associationMargin = 4.0;
    // How far from its feature a label with a leader may sit, nearest first (pixels between the two).
    std::vector<double> leaderDistances{14.0, 24.0, 36.0, 52.0, 72.0};
};

// Places labels greedily by priority (ties: lower id first). A label is shown only when its box lies inside the
// viewport and overlaps neither a placed label (nor its leader) nor any marker; markers of every request (and
// `obstacles`, markers without a label) are obstacles from the start. A point label takes the first of its eight
// slots that is free and nearer its own feature than any other feature (by associationMargin); failing that, a
// label with `leader` takes the nearest free spot farther out whose leader crosses nothing. Returns the placed
// labels in placement order.
std::vector<PlacedLabel> placeLabels(std::span<const LabelRequest> requests, const PlacementOptions& options,
                                     std::span<const ScreenBox> obstacles = {});

// Where along a screen polyline a label `length` pixels long may be centred, as distances from the path's start,
// from its middle outwards in steps of `step` and the two ends: stretches whose every vertex turns by at most `maxTurn` radians
// and which turn by at most twice that in all, so the text never folds round a corner. Empty when none does.
std::vector<double> lineLabelSpots(std::span<const Vec2d> path, double length, double maxTurn, double step);

// Where to name the part of a polygon (`ring`, screen pixels) that a width×height viewport shows: the middle of the
// widest horizontal run inside it, at the height of the visible part's centroid; with the visible part's larger
// side. std::nullopt when none of it is on screen.
struct VisibleSpot {
    Vec2d at;
    double size = 0;
};
std::optional<VisibleSpot> visibleAreaSpot(std::span<const Vec2d> ring, double width, double height);

// The lines a label shows in `language`: English alone; Persian alone; or English over Persian (one label, one
// collision box). A feature with no Persian name shows its English one in every language, and a Persian name the
// same as the English one (a code, a number) is shown once. An empty `first` means no label.
struct LabelLines {
    std::string_view first, second;
};
LabelLines labelLines(std::string_view en, std::string_view fa, LabelLanguage language);

// A centred label's collision box: the bounds of a width×height box rotated by `angle` about `centre`.
ScreenBox rotatedBounds(Vec2d centre, double width, double height, double angle);

} // namespace corridor::core

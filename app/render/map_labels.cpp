#include "render/map_labels.hpp"

#include "core/style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace corridor::render {

namespace {

constexpr float kHaloPx = 1.5f;
// Text along a line follows it through turns of up to 30° a vertex (60° in all over the label), not round corners.
constexpr double kMaxLabelTurn = 0.5236;
// Joined scripts (Persian, Arabic) only follow nearly straight stretches: 10° a vertex, 20° over the label. Each glyph
// is turned on its own, and where two joined letters turn apart their connecting stroke, which runs about a third
// of an em off the line, opens by that much times the angle: 2 px at 12 px and 30°, a visible break in the word;
// 0.7 px at 10°, which the halo covers.
constexpr double kMaxJoinedTurn = 0.1745;

// Whether a shaped text has runs of a script whose letters join (Arabic script), see kMaxJoinedTurn.
bool joinsLetters(const ShapedText& t)
{
    return std::any_of(t.runs.begin(), t.runs.end(), [](const ShapedRun& r) { return r.script == kScriptArabic; });
}
// An area smaller than this on screen reads as a dot, and is named beside itself like a point.
constexpr double kDotAreaPx = 12.0;
// An area named beside itself up to this size on screen reads as a spot (an island) that labels keep off.
constexpr double kSpotAreaPx = 96.0;

// The longest run of consecutive path points on (or near) the screen, as screen points.
std::vector<TextPoint> longestVisibleRun(const core::Camera& camera, const std::vector<core::Vec2d>& path)
{
    std::vector<TextPoint> best, run;
    double bestLength = 0, runLength = 0;
    const double margin = 8;
    auto flush = [&] {
        if (runLength > bestLength) {
            bestLength = runLength;
            best = run;
        }
        run.clear();
        runLength = 0;
    };
    for (const core::Vec2d& p : path) {
        const core::Vec2d s = camera.worldToScreen(p);
        const bool on = s.x >= -margin && s.y >= -margin && s.x <= camera.widthPx + margin && s.y <= camera.heightPx + margin;
        if (!on) {
            flush();
            continue;
        }
        if (!run.empty()) {
            runLength += std::hypot(s.x - run.back().x, s.y - run.back().y);
        }
        run.push_back({static_cast<float>(s.x), static_cast<float>(s.y)});
    }
    flush();
    return best;
}

double pathLength(const std::vector<TextPoint>& p)
{
    double total = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
        total += std::hypot(p[i].x - p[i - 1].x, p[i].y - p[i - 1].y);
    }
    return total;
}

// Bounds of the band `halfHeight` either side of the path between two distances along it: what a piece of text laid
// along the path covers. With from == to, the point at that distance.
core::ScreenBox spanBounds(const std::vector<TextPoint>& p, double from, double to, double halfHeight)
{
    core::ScreenBox b{INFINITY, INFINITY, -INFINITY, -INFINITY};
    auto add = [&](double x, double y) {
        b.minX = std::min(b.minX, x);
        b.minY = std::min(b.minY, y);
        b.maxX = std::max(b.maxX, x);
        b.maxY = std::max(b.maxY, y);
    };
    double along = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
        const double dx = p[i].x - p[i - 1].x, dy = p[i].y - p[i - 1].y;
        const double len = std::hypot(dx, dy);
        const double a = along, c = along + len;
        if (c >= from && a <= to && len > 0) {
            const double nx = -dy / len * halfHeight, ny = dx / len * halfHeight;
            for (const double t : {std::clamp((from - a) / len, 0.0, 1.0), std::clamp((to - a) / len, 0.0, 1.0)}) {
                const double x = p[i - 1].x + dx * t, y = p[i - 1].y + dy * t;
                add(x + nx, y + ny);
                add(x - nx, y - ny);
            }
        }
        along = c;
    }
    return b;
}

// A parallel to `path` at `offset` pixels to its left (negative: right), for text beside a line rather than on it.
// Corners are mitred (at most twice the offset), so a parallel of a gently turning path is smooth; sharp corners
// give kinks, which lineLabelSpots then avoids like any corner.
std::vector<TextPoint> parallelPath(const std::vector<TextPoint>& path, double offset)
{
    std::vector<TextPoint> out;
    out.reserve(path.size());
    auto normal = [&](std::size_t i) { // left normal of segment i → i+1, y down
        const double dx = path[i + 1].x - path[i].x, dy = path[i + 1].y - path[i].y;
        const double len = std::hypot(dx, dy);
        return len > 0 ? core::Vec2d{dy / len, -dx / len} : core::Vec2d{0, 0};
    };
    for (std::size_t i = 0; i < path.size(); ++i) {
        core::Vec2d n = i == 0 ? normal(0) : i + 1 == path.size() ? normal(i - 1) : normal(i - 1) + normal(i);
        const double len = std::hypot(n.x, n.y);
        if (len < 1e-9) {
            n = i > 0 ? normal(i - 1) : core::Vec2d{0, 0};
        } else if (i > 0 && i + 1 < path.size()) {
            // The mitre: the averaged normal scaled so both neighbours' parallels meet, within 2× the offset.
            const core::Vec2d m = n * (1.0 / len);
            const core::Vec2d prev = normal(i - 1);
            const double cosHalf = std::max(0.5, m.x * prev.x + m.y * prev.y);
            n = m * (1.0 / cosHalf);
        }
        out.push_back({static_cast<float>(path[i].x + n.x * offset), static_cast<float>(path[i].y + n.y * offset)});
    }
    return out;
}

// A line label's candidate spots along the visible stretch of its line: on the line, and beside it on either side
// (where markers on the line leave no room on it, as stations along a railway do): false when none can carry the
// text.
bool planLineLabel(const core::Camera& camera, const core::LabelSource& s, double maxTurn,
                   std::vector<std::vector<TextPoint>>& paths, std::vector<std::pair<std::uint8_t, float>>& spots,
                   core::LabelRequest& r)
{
    const double w = r.width, h = r.height;
    const std::vector<TextPoint> line = longestVisibleRun(camera, s.path);
    if (pathLength(line) < w * 1.2) {
        return false; // the visible stretch is too short to carry the text
    }
    // Beside the line: clear of its stroke and of a small marker on it, by a pixel and a half.
    const double beside = h / 2 + std::max<double>(s.lineHalfWidth, 3.0) + 1.5;
    paths = {line, parallelPath(line, beside), parallelPath(line, -beside)};
    // Stretches straight enough to carry the text, from the middle out, a little clear of the line's ends so the
    // text does not run up to where the line stops.
    const double clear = 8;
    std::vector<std::vector<double>> along(paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) {
        std::vector<core::Vec2d> screen;
        screen.reserve(paths[k].size());
        for (const TextPoint& q : paths[k]) {
            screen.push_back({q.x, q.y});
        }
        along[k] = core::lineLabelSpots(screen, w + 2 * clear, maxTurn, std::max(w / 3, 24.0));
    }
    // Interleaved: each step along the line is tried on it, then beside it, before the next step out.
    for (std::size_t i = 0;; ++i) {
        bool any = false;
        for (std::uint8_t k = 0; k < paths.size(); ++k) {
            if (i >= along[k].size()) {
                continue;
            }
            any = true;
            const double d = along[k][i];
            spots.emplace_back(k, static_cast<float>(d));
            // The footprint: the band along the path piece by piece, each about as long as the text is high.
            std::vector<core::ScreenBox>& footprint = r.spots.emplace_back();
            const int pieces = std::max(1, static_cast<int>(std::ceil(w / h)));
            for (int j = 0; j < pieces; ++j) {
                const double from = d - w / 2 + w * j / pieces, to = d - w / 2 + w * (j + 1) / pieces;
                footprint.push_back(spanBounds(paths[k], from, to, h / 2));
            }
        }
        if (!any) {
            break;
        }
    }
    if (r.spots.empty()) {
        return false;
    }
    r.pointLabel = false;
    const core::ScreenBox at = spanBounds(paths[spots[0].first], spots[0].second, spots[0].second, 0);
    r.anchor = {at.minX, at.minY};
    return true;
}

// An area's label: inside it when it can hold the name; otherwise beside it, like a point whose marker is the area's
// extent on screen (an island at a regional view), so the name stays next to the area it names. False when none
// of it is on screen.
bool planAreaLabel(const core::Camera& camera, const core::LabelSource& s, core::LabelRequest& r)
{
    r.anchor = camera.worldToScreen(s.anchor);
    double sizePx = s.areaSize / camera.unitsPerPixel;
    const bool anchorOnScreen = r.anchor.x >= 0 && r.anchor.y >= 0 && r.anchor.x <= camera.widthPx &&
                                r.anchor.y <= camera.heightPx;
    std::vector<core::Vec2d> ring;
    ring.reserve(s.path.size());
    for (const core::Vec2d& q : s.path) {
        ring.push_back(camera.worldToScreen(q));
    }
    if (!anchorOnScreen && ring.size() >= 3) {
        // The centroid is off screen (Russia in a Caspian close-up): name the part in view.
        const auto spot = core::visibleAreaSpot(ring, camera.widthPx, camera.heightPx);
        if (!spot) {
            return false;
        }
        r.anchor = spot->at;
        sizePx = spot->size;
        ring.clear(); // named inside the part in view, or not at all
    }
    // Among areas of one priority and layer, the larger is named first: Italy before San Marino.
    r.priority += 0.9e-3 * sizePx / (sizePx + 100.0);
    if (sizePx >= r.width) {
        r.pointLabel = false; // named inside
        return true;
    }
    r.leader = s.leader;
    if (sizePx < kDotAreaPx || ring.size() < 3) {
        // A dot on screen: named beside it, clear of the dot itself, which other labels may cover.
        if (sizePx >= kDotAreaPx) {
            return false;
        }
        r.markerRadius = std::max(2.0, sizePx * 0.5);
        r.markerIsObstacle = false;
        return true;
    }
    // Larger than a dot, too small for its name: beside its bounds on screen. In a layer of discrete things whose
    // names may take leaders (islands, fields), a small one reads as a spot, which no other label covers or is
    // taken for; a region (a small country) is only kept clear of by its own label: its bounds are no obstacle.
    core::Bounds b;
    for (const core::Vec2d& q : ring) {
        b.add(q);
    }
    r.anchor = {(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2};
    r.markerHalf = {b.width() / 2, b.height() / 2};
    r.markerRadius = 1.0;
    r.landmark = r.markerIsObstacle = s.leader && std::max(b.width(), b.height()) <= kSpotAreaPx;
    return true;
}

// Where a name's one line is split into two ("Caspian / Sea"): at the space nearest its middle; npos when it has none.
std::size_t wrapPoint(std::string_view text)
{
    std::size_t best = std::string_view::npos;
    for (std::size_t i = text.find(' '); i != std::string_view::npos; i = text.find(' ', i + 1)) {
        const auto off = [&](std::size_t k) { return std::abs(static_cast<double>(k) - text.size() / 2.0); };
        if (i > 0 && i + 1 < text.size() && (best == std::string_view::npos || off(i) < off(best))) {
            best = i;
        }
    }
    return best;
}

// `wrapped`: the label's size on two lines, for a name with no marker (nullopt: one line only). Such a name at
// several points, or on two lines, becomes a centred label with a spot per place: its points in order on one line,
// then the same points on two lines (from `firstWrappedSpot` on).
bool planPointLabel(const core::Camera& camera, const core::LabelSource& s, const std::optional<core::Vec2d>& wrapped,
                    core::LabelRequest& r, std::size_t& firstWrappedSpot)
{
    r.anchor = camera.worldToScreen(s.anchor);
    r.markerRadius = s.markerRadius;
    r.leader = s.leader;
    if (!(s.markerRadius > 0) && (!s.path.empty() || wrapped)) {
        r.pointLabel = false;
        const auto addSpots = [&](double w, double h) {
            for (std::size_t k = 0; k <= s.path.size(); ++k) {
                const core::Vec2d at = k == 0 ? r.anchor : camera.worldToScreen(s.path[k - 1]);
                r.spots.push_back({{at.x - w / 2, at.y - h / 2, at.x + w / 2, at.y + h / 2}});
            }
        };
        addSpots(r.width, r.height);
        firstWrappedSpot = r.spots.size();
        if (wrapped) {
            addSpots(wrapped->x, wrapped->y);
        }
    }
    return true;
}

} // namespace

MapLabels::MapLabels(const std::string& fontPath)
    : m_text(fontPath)
{
    if (const std::string arabic = arabicFontPath(); !arabic.empty()) {
        m_text.setScriptFont(kScriptArabic, arabic, kArabicFontScale);
    }
}

void MapLabels::setLanguage(core::LabelLanguage language)
{
    if (language != m_language) {
        m_language = language;
        invalidate();
    }
}

void MapLabels::setLayer(std::size_t slot, std::vector<core::LabelSource> sources, std::vector<core::MarkerSpot> markers)
{
    if (m_sources.size() <= slot) {
        m_sources.resize(slot + 1);
        m_markers.resize(slot + 1);
    }
    m_sources[slot] = std::move(sources);
    m_markers[slot] = std::move(markers);
    invalidate();
}

void MapLabels::removeLayer(std::size_t slot)
{
    if (slot < m_sources.size()) {
        m_sources.erase(m_sources.begin() + static_cast<std::ptrdiff_t>(slot));
        m_markers.erase(m_markers.begin() + static_cast<std::ptrdiff_t>(slot));
    }
    invalidate(); // the placement's requests name slots that moved
}

void MapLabels::setKeepOut(std::vector<core::ScreenBox> boxes)
{
    m_keepOut = std::move(boxes);
}

void MapLabels::setPixelScale(float scale)
{
    m_scale = core::checkedPixelScale(scale); // the placements are keyed by it: no need to drop them
}

bool MapLabels::sameView(const Placement& p, const core::Camera& c, std::span<const LayerView> order) const
{
    const auto sameBox = [](const core::ScreenBox& a, const core::ScreenBox& b) {
        return a.minX == b.minX && a.minY == b.minY && a.maxX == b.maxX && a.maxY == b.maxY;
    };
    if (!p.valid || p.scale != m_scale || c.center != p.camera.center || c.unitsPerPixel != p.camera.unitsPerPixel ||
        c.widthPx != p.camera.widthPx || c.heightPx != p.camera.heightPx || order.size() != p.order.size() ||
        !std::equal(m_keepOut.begin(), m_keepOut.end(), p.keepOut.begin(), p.keepOut.end(), sameBox)) {
        return false;
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i].slot != p.order[i].slot || order[i].visible != p.order[i].visible ||
            (order[i].opacity > 0) != (p.order[i].opacity > 0)) {
            return false;
        }
    }
    return true;
}

void MapLabels::place(const core::Camera& realCamera, std::span<const LayerView> order)
{
    ++m_placementRuns;
    m_current.requests.clear();
    std::vector<core::LabelRequest> requests;
    // Placed on the view as pixels m_scale times larger show it, where every size below (text, halos, marker radii,
    // the placer's gaps and margins, the line and area thresholds) is in pixels at scale 1; the result is then
    // scaled to the framebuffer's pixels. So a 2W × 2H image at scale 2 gets exactly the labels W × H gets at 1.
    core::Camera camera = realCamera;
    camera.widthPx /= m_scale;
    camera.heightPx /= m_scale;
    camera.unitsPerPixel *= m_scale;
    const auto zoom = static_cast<float>(core::styleZoom(realCamera.unitsPerPixel, m_scale));
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const LayerView& view = order[rank];
        if (!view.visible || view.opacity <= 0 || view.slot >= m_sources.size()) {
            continue;
        }
        const std::vector<core::LabelSource>& sources = m_sources[view.slot];
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const core::LabelSource& s = sources[i];
            if (zoom < s.minZoom || zoom > s.maxZoom) {
                continue;
            }
            const core::LabelLines lines = core::labelLines(s.text, s.textFa, m_language);
            if (lines.first.empty()) {
                continue; // a Persian name only, and English asked for
            }
            Request req;
            req.slot = view.slot;
            req.source = i;
            req.handle = m_text.prepare(lines.first);
            TextMetrics m = m_text.measure(req.handle, s.size);
            if (!lines.second.empty()) {
                // Two lines, one box: the second line's box stacked under the first's, as wide as the wider.
                req.second = m_text.prepare(lines.second);
                const TextMetrics m2 = m_text.measure(req.second, s.size);
                m.width = std::max(m.width, m2.width);
                m.height += m2.height;
            }
            core::LabelRequest r;
            r.id = static_cast<std::uint32_t>(m_current.requests.size());
            // Layers higher in the stack win ties with the same style priority.
            r.priority = s.priority + static_cast<double>(rank) * 1e-3;
            // One name, one label nearby: a city and its station, a route and its parallel branch.
            r.group = static_cast<std::uint32_t>(std::hash<std::string_view>{}(lines.first)) | 1u;
            r.width = m.width + 2 * kHaloPx;
            r.height = m.height + 2 * kHaloPx;
            const bool joined = joinsLetters(m_text.cache().shaped(req.handle)) ||
                                (req.second != kNoLabel && joinsLetters(m_text.cache().shaped(req.second)));
            const double maxTurn = joined ? kMaxJoinedTurn : kMaxLabelTurn;
            std::optional<core::Vec2d> wrapped;
            if (s.kind == core::LabelSource::Kind::Point && !(s.markerRadius > 0) && lines.second.empty()) {
                // A name with no marker (a sea's) may take two lines where one does not fit: "Caspian / Sea".
                if (const std::size_t cut = wrapPoint(lines.first); cut != std::string_view::npos) {
                    req.wrapped = {m_text.prepare(lines.first.substr(0, cut)), m_text.prepare(lines.first.substr(cut + 1))};
                    const TextMetrics a = m_text.measure(req.wrapped[0], s.size);
                    const TextMetrics b = m_text.measure(req.wrapped[1], s.size);
                    wrapped = core::Vec2d{std::max(a.width, b.width) + 2 * kHaloPx, a.height + b.height + 2 * kHaloPx};
                }
            }
            const bool placeable = s.kind == core::LabelSource::Kind::Line   ? planLineLabel(camera, s, maxTurn, req.paths, req.spots, r)
                                   : s.kind == core::LabelSource::Kind::Area ? planAreaLabel(camera, s, r)
                                                                             : planPointLabel(camera, s, wrapped, r, req.firstWrappedSpot);
            if (!placeable) {
                continue;
            }
            req.point = r.pointLabel;
            req.landmark = r.pointLabel && r.landmark;
            req.anchor = r.anchor;
            req.featureHalf = {std::max(r.markerRadius, r.markerHalf.x), std::max(r.markerRadius, r.markerHalf.y)};
            requests.push_back(r);
            m_current.requests.push_back(std::move(req));
        }
    }
    // Every marker on screen is an obstacle, whether it has a label or not.
    std::vector<core::ScreenBox> obstacles;
    for (const LayerView& view : order) {
        if (!view.visible || view.opacity <= 0 || view.slot >= m_markers.size()) {
            continue;
        }
        for (const core::MarkerSpot& m : m_markers[view.slot]) {
            // A point drawn without a marker (a sea's name point) has nothing a label could cover.
            if (zoom < m.minZoom || zoom > m.maxZoom || !(m.radius > 0)) {
                continue;
            }
            const core::Vec2d s = camera.worldToScreen(m.at);
            if (s.x >= -m.radius && s.y >= -m.radius && s.x <= camera.widthPx + m.radius && s.y <= camera.heightPx + m.radius) {
                obstacles.push_back({s.x - m.radius, s.y - m.radius, s.x + m.radius, s.y + m.radius});
            }
        }
    }
    for (const core::ScreenBox& b : m_keepOut) {
        obstacles.push_back({b.minX / m_scale, b.minY / m_scale, b.maxX / m_scale, b.maxY / m_scale});
    }
    core::PlacementOptions options{camera.widthPx, camera.heightPx};
    m_current.placed = core::placeLabels(requests, options, obstacles);
    if (m_scale != 1.0f) {
        toFramebufferPixels();
    }
    m_current.camera = realCamera;
    m_current.order.assign(order.begin(), order.end());
    m_current.keepOut = m_keepOut;
    m_current.scale = m_scale;
    m_current.valid = true;
}

void MapLabels::toFramebufferPixels()
{
    const double k = m_scale;
    const auto scaled = [k](const core::ScreenBox& b) {
        return core::ScreenBox{b.minX * k, b.minY * k, b.maxX * k, b.maxY * k};
    };
    for (core::PlacedLabel& p : m_current.placed) {
        p.topLeft = p.topLeft * k;
        p.box = scaled(p.box);
        p.leaderFrom = p.leaderFrom * k;
        p.leaderTo = p.leaderTo * k;
    }
    for (Request& r : m_current.requests) {
        for (std::vector<TextPoint>& path : r.paths) {
            for (TextPoint& q : path) {
                q = {q.x * m_scale, q.y * m_scale};
            }
        }
        for (auto& spot : r.spots) {
            spot.second *= m_scale;
        }
        r.anchor = r.anchor * k;
        r.featureHalf = r.featureHalf * k;
    }
}

std::vector<MapLabels::Shown> MapLabels::shown() const
{
    std::vector<Shown> out;
    out.reserve(m_current.placed.size());
    for (const core::PlacedLabel& p : m_current.placed) {
        const Request& req = m_current.requests[p.id];
        const core::LabelSource& s = m_sources[req.slot][req.source];
        const core::LabelLines lines = core::labelLines(s.text, s.textFa, m_language);
        out.push_back({std::string(lines.first), req.second != kNoLabel ? std::string(lines.second) : std::string(),
                       req.handle, req.second, req.slot, s.feature, p, req.point, req.landmark, req.anchor,
                       req.featureHalf});
    }
    return out;
}

void MapLabels::render(const core::Camera& camera, std::span<const LayerView> order)
{
    renderTile(camera, order, {0, 0, static_cast<int>(camera.widthPx), static_cast<int>(camera.heightPx)});
}

void MapLabels::renderTile(const core::Camera& camera, std::span<const LayerView> order, const ImageTile& tile)
{
    if (!sameView(m_current, camera, order)) {
        std::swap(m_current, m_other); // the placement drawn until now is kept
        if (!sameView(m_current, camera, order)) {
            place(camera, order);
        }
    }
    for (const core::PlacedLabel& p : m_current.placed) {
        const Request& req = m_current.requests[p.id];
        const core::LabelSource& s = m_sources[req.slot][req.source];
        // Placed in the framebuffer's pixels (toFramebufferPixels), sized at the pixel scale.
        const float size = s.size * m_scale, halo = kHaloPx * m_scale;
        LabelDraw d;
        d.shaped = req.handle;
        d.sizePx = size;
        d.color = s.color;
        d.halo = s.halo;
        d.haloWidthPx = halo;
        const bool twoLines = req.second != kNoLabel;
        LabelDraw d2 = d;
        d2.shaped = req.second;
        if (!req.paths.empty()) {
            const auto [path, distance] = req.spots[p.spot];
            if (twoLines) {
                // English just above the line, Persian just below it: together they fill the band placed.
                d.anchor = {HAlign::Center, VAlign::Bottom};
                d2.anchor = {HAlign::Center, VAlign::Top};
                const float span = std::max(m_text.measure(req.handle, size).width,
                                            m_text.measure(req.second, size).width);
                m_text.addAlongPath(d, req.paths[path], distance, span);
                m_text.addAlongPath(d2, req.paths[path], distance, span);
            } else {
                d.anchor = {HAlign::Center, VAlign::Middle};
                m_text.addAlongPath(d, req.paths[path], distance);
            }
        } else if (!twoLines && p.spot >= req.firstWrappedSpot) {
            // A name placed on two lines (planPointLabel): both centred on the place taken.
            const TextMetrics a = m_text.measure(req.wrapped[0], size);
            const TextMetrics b = m_text.measure(req.wrapped[1], size);
            LabelDraw lower = d;
            d.shaped = req.wrapped[0];
            lower.shaped = req.wrapped[1];
            d.anchor = lower.anchor = {HAlign::Center, VAlign::Top};
            d.x = lower.x = static_cast<float>(p.topLeft.x);
            d.y = static_cast<float>(p.topLeft.y) - 0.5f * (a.height + b.height);
            lower.y = d.y + a.height;
            m_text.add(d);
            m_text.add(lower);
        } else if (!twoLines) {
            if (p.slot == core::LabelSlot::Centre) {
                d.anchor = {HAlign::Center, VAlign::Middle};
                d.x = static_cast<float>(p.topLeft.x);
                d.y = static_cast<float>(p.topLeft.y);
            } else {
                d.anchor = {HAlign::Left, VAlign::Top};
                d.x = static_cast<float>(p.topLeft.x + halo);
                d.y = static_cast<float>(p.topLeft.y + halo);
            }
            m_text.add(d);
        } else {
            // Two lines in the placed box: flush towards the feature (left beside it on its right, right on its
            // left), centred above, below and inside it.
            const TextMetrics m1 = m_text.measure(req.handle, size);
            const TextMetrics m2 = m_text.measure(req.second, size);
            const float width = std::max(m1.width, m2.width);
            float left = static_cast<float>(p.topLeft.x) + halo;
            float top = static_cast<float>(p.topLeft.y) + halo;
            if (p.slot == core::LabelSlot::Centre) {
                left = static_cast<float>(p.topLeft.x) - 0.5f * width;
                top = static_cast<float>(p.topLeft.y) - 0.5f * (m1.height + m2.height);
            }
            HAlign h = HAlign::Center;
            float x = left + 0.5f * width;
            switch (p.slot) {
            case core::LabelSlot::Right:
            case core::LabelSlot::UpperRight:
            case core::LabelSlot::LowerRight:
                h = HAlign::Left;
                x = left;
                break;
            case core::LabelSlot::Left:
            case core::LabelSlot::UpperLeft:
            case core::LabelSlot::LowerLeft:
                h = HAlign::Right;
                x = left + width;
                break;
            default: break;
            }
            d.anchor = d2.anchor = {h, VAlign::Top};
            d.x = d2.x = x;
            d.y = top;
            d2.y = top + m1.height;
            m_text.add(d);
            m_text.add(d2);
        }
        if (p.hasLeader) {
            // The label's own colour on a halo, under the text: thin, so it reads as a pointer, not a feature.
            m_overlay.addSegment(p.leaderFrom, p.leaderTo, 3.0f * m_scale, s.halo);
            m_overlay.addSegment(p.leaderFrom, p.leaderTo, 1.0f * m_scale, s.color);
        }
    }
    const auto x = static_cast<float>(tile.x), y = static_cast<float>(tile.y);
    m_overlay.draw(tile.width, tile.height, x, y);
    m_text.draw(tile.width, tile.height, x, y);
}

} // namespace corridor::render

#include "render/furniture.hpp"

#include "core/furniture.hpp"
#include "core/mesh.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

namespace corridor::render {

namespace {

// Sizes at scale 1, in pixels; every one is multiplied by FurnitureContent::scale.
constexpr double kMargin = 12.0;       // from the image edge and between items
constexpr double kPad = 8.0;           // inside a panel
constexpr float kTitleSize = 22.0f;
constexpr float kSubtitleSize = 14.0f;
constexpr float kLegendHeadSize = 13.0f;
constexpr float kLegendTextSize = 12.0f;
constexpr double kLegendRow = 20.0;
constexpr double kSwatchWidth = 30.0;
constexpr double kSwatchHeight = 14.0;
constexpr float kScaleTextSize = 11.0f;
constexpr double kBarHeight = 6.0;
constexpr double kNorthHeight = 30.0;
constexpr float kSourcesSize = 10.0f;
constexpr float kPovSize = 11.0f;
constexpr double kInsetWidth = core::kInsetWidthPx;
constexpr double kInsetMaxHeight = core::kInsetMaxHeightPx;
constexpr float kMinShrink = 0.75f; // text is narrowed to this share of its size before it is cut
constexpr std::size_t kPovLines = 3; // disputed areas listed one a line; more are counted
constexpr float kCaptionSize = 15.0f;
constexpr double kCaptionMaxWidth = 440.0; // a caption column of about 60 characters
constexpr float kSlideNumberSize = 12.0f;

const core::Color kInk{0.13f, 0.13f, 0.13f, 1.0f};
const core::Color kMutedInk{0.30f, 0.30f, 0.30f, 1.0f};
const core::Color kPanelFill{1.0f, 1.0f, 1.0f, 0.86f};
const core::Color kPanelStroke{0.55f, 0.55f, 0.55f, 1.0f};
const core::Color kFrame{0.75f, 0.10f, 0.08f, 1.0f};

struct TextItem {
    std::string text;
    float x = 0.0f, y = 0.0f; // the anchor
    float size = 12.0f;
    TextAnchor anchor{HAlign::Left, VAlign::Baseline};
    FontId font = 0;
    core::Color color = kInk;
};

struct Shape {
    core::Symbolizer symbol;
    core::GeometryType type = core::GeometryType::Line;
    std::vector<std::vector<core::Vec2d>> parts; // screen pixels, y down; polygon rings closed
    bool under = false;                           // drawn before the inset map (panels)
};

struct Plan {
    FurnitureLayout layout;
    std::vector<TextItem> texts;
    std::vector<Shape> shapes;
    std::optional<core::Camera> insetCamera; // inset: its own camera, drawn at layout.inset
};

std::string siblingFont(const std::string& regular, const char* file)
{
    const std::filesystem::path path = std::filesystem::path(regular).parent_path() / file;
    std::error_code error;
    return std::filesystem::exists(path, error) ? path.string() : regular;
}

struct Fonts {
    FontId regular = 0, bold = 0, italic = 0;
};

Fonts fontsOf(TextRenderer& text)
{
    const std::string& regular = text.cache().fontPath(0);
    return {0, text.addFont(siblingFont(regular, "DejaVuSans-Bold.ttf")),
            text.addFont(siblingFont(regular, "DejaVuSans-Oblique.ttf"))};
}

// Drops whole UTF-8 characters from the end until `fits` accepts the text with "…" appended.
template <typename Fits>
std::string cutToFit(const std::string& text, Fits fits)
{
    std::string cut = text;
    while (!cut.empty()) {
        std::size_t end = cut.size() - 1;
        while (end > 0 && (static_cast<unsigned char>(cut[end]) & 0xC0) == 0x80) {
            --end;
        }
        cut.erase(end);
        while (!cut.empty() && cut.back() == ' ') {
            cut.pop_back();
        }
        if (fits(cut + "…")) {
            return cut + "…";
        }
    }
    return "…";
}

// The text at `size` or smaller (down to kMinShrink of it) so that it is at most `maxWidth` wide; cut with "…"
// when even the smallest size is too wide. Returns the size used.
float fitText(TextRenderer& text, std::string& value, float size, FontId font, double maxWidth)
{
    const float width = text.measure(value, size, font).width;
    if (width <= maxWidth) {
        return size;
    }
    const float shrunk = std::max(size * kMinShrink, static_cast<float>(size * maxWidth / width));
    if (text.measure(value, shrunk, font).width <= maxWidth) {
        return shrunk;
    }
    value = cutToFit(value, [&](const std::string& t) { return text.measure(t, shrunk, font).width <= maxWidth; });
    return shrunk;
}

// "Sources: A; B; C and 12 more  ·  TAIL": as many names as fit in `maxWidth` at `size`, in their order.
std::string sourcesLine(TextRenderer& text, const std::vector<std::string>& names, const std::string& tail, float size,
                        FontId font, double maxWidth)
{
    const std::string end = tail.empty() ? std::string() : "  ·  " + tail;
    if (names.empty()) {
        return tail;
    }
    const auto compose = [&](std::size_t shown) {
        std::string line = "Sources: ";
        for (std::size_t i = 0; i < shown; ++i) {
            line += (i > 0 ? "; " : "") + names[i];
        }
        if (shown < names.size()) {
            line += (shown > 0 ? " and " : "") + std::to_string(names.size() - shown) + " more";
        }
        return line + end;
    };
    std::size_t shown = names.size();
    while (shown > 1 && text.measure(compose(shown), size, font).width > maxWidth) {
        --shown;
    }
    return compose(shown);
}

std::vector<core::Vec2d> rect(double x, double y, double w, double h)
{
    return {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}};
}

core::Symbolizer panelSymbol()
{
    core::Symbolizer s;
    s.fill = kPanelFill;
    s.stroke = kPanelStroke;
    s.strokeWidth = 0.8f;
    s.casingWidth = 0.0f;
    s.dash.clear();
    return s;
}

core::Symbolizer solidFill(core::Color fill, core::Color stroke, float strokeWidth)
{
    core::Symbolizer s;
    s.fill = fill;
    s.stroke = stroke;
    s.strokeWidth = strokeWidth;
    s.join = core::LineJoin::Miter;
    return s;
}

// Shapes' widths are at scale 1: the shapes' renderer draws them at the furniture's scale (setPixelScale).
void addPanel(Plan& plan, const FurnitureBox& box)
{
    Shape panel{panelSymbol(), core::GeometryType::Polygon, {rect(box.x, box.y, box.width, box.height)}, true};
    plan.shapes.push_back(std::move(panel));
}

// The swatch of one legend entry, in the box (x, y, w, h): a line across it, a filled rectangle, a marker.
void addSwatch(Plan& plan, const LegendSwatch& entry, double x, double y, double w, double h, double scale)
{
    core::Symbolizer s = entry.symbol;
    s.minZoom = core::kNoMinZoom;
    s.maxZoom = core::kNoMaxZoom;
    s.visible = true;
    s.labelField.clear();
    s.labelFaField.clear();
    switch (entry.kind) {
    case core::LegendKind::Line:
        s.fill.a = 0.0f;
        plan.shapes.push_back({s, core::GeometryType::Line, {{{x + 2.0, y + h / 2.0}, {x + w - 2.0, y + h / 2.0}}}, false});
        break;
    case core::LegendKind::Fill:
        plan.shapes.push_back({s, core::GeometryType::Polygon, {rect(x + 1.0, y + 1.0, w - 2.0, h - 2.0)}, false});
        break;
    case core::LegendKind::Point:
        s.markerSize = std::min(s.markerSize, static_cast<float>((h + 4.0) / scale)); // drawn × scale
        plan.shapes.push_back({s, core::GeometryType::Point, {{{x + w / 2.0, y + h / 2.0}}}, false});
        break;
    }
}

// A caption's lines wrapped to `maxWidth`: each word (a run of one style) is a text item at its place. Bullet items
// hang after a bullet; an empty line is a paragraph gap. Returns the laid-out lines, each its items and height.
struct CaptionRow {
    std::vector<TextItem> items; // x relative to the caption's left edge, y unset
    double height = 0.0;
    bool gap = false;
};

std::vector<CaptionRow> wrapCaption(const std::vector<core::CaptionLine>& caption, double maxWidth, float size,
                                    const Fonts& fonts, TextRenderer& text)
{
    const auto fontOf = [&](const core::Span& span) {
        return span.bold ? fonts.bold : span.italic ? fonts.italic : fonts.regular;
    };
    const double lineHeight = text.measure("Ag", size, fonts.regular).height * 1.2;
    const double space = text.measure("a a", size, fonts.regular).width - text.measure("aa", size, fonts.regular).width;
    std::vector<CaptionRow> rows;
    for (const core::CaptionLine& line : caption) {
        if (line.spans.empty()) {
            rows.push_back({{}, lineHeight * 0.5, true});
            continue;
        }
        const double indent = line.bullet ? text.measure("•  ", size, fonts.regular).width : 0.0;
        CaptionRow row{{}, lineHeight, false};
        if (line.bullet) {
            row.items.push_back({"•", 0.0f, 0.0f, size, {HAlign::Left, VAlign::Baseline}, fonts.regular, kInk});
        }
        double x = indent;
        bool pendingSpace = false; // a space before the next word, within a span or where two spans meet
        for (const core::Span& span : line.spans) {
            const FontId font = fontOf(span);
            std::size_t at = 0;
            while (at < span.text.size()) {
                if (span.text[at] == ' ') {
                    pendingSpace = true;
                    ++at;
                    continue;
                }
                const std::size_t end = std::min(span.text.find(' ', at), span.text.size());
                std::string word = span.text.substr(at, end - at);
                at = end;
                double w = text.measure(word, size, font).width;
                double start = x + (pendingSpace && x > indent ? space : 0.0);
                if (start + w > maxWidth && x > indent) {
                    rows.push_back(std::move(row));
                    row = {{}, lineHeight, false};
                    start = indent;
                }
                if (w > maxWidth - indent) { // one word wider than the column
                    word = cutToFit(word, [&](const std::string& t) { return text.measure(t, size, font).width <= maxWidth - indent; });
                    w = text.measure(word, size, font).width;
                }
                row.items.push_back({word, static_cast<float>(start), 0.0f, size, {HAlign::Left, VAlign::Baseline}, font, kInk});
                x = start + w;
                pendingSpace = false;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

Plan planOnce(const FurnitureContent& c, int width, int height, TextRenderer& text)
{
    Plan plan;
    FurnitureLayout& out = plan.layout;
    const double s = std::max(0.1, c.scale);
    const double W = width, H = height;
    const double margin = kMargin * s, pad = kPad * s;
    const Fonts fonts = fontsOf(text);
    const auto size = [&](float base) { return static_cast<float>(base * s); };

    // Bottom strip: the sources line across the whole width.
    double bottom = H - std::max(0.0, c.reservedBottom); // the lowest free y for the items above the strip
    const double top = std::max(0.0, c.reservedTop);      // the highest free y
    if (!c.sourceNames.empty() || !c.sourcesTail.empty()) {
        std::string line = sourcesLine(text, c.sourceNames, c.sourcesTail, size(kSourcesSize), fonts.regular,
                                       W - 2.0 * pad);
        const float textSize = fitText(text, line, size(kSourcesSize), fonts.regular, W - 2.0 * pad);
        const TextMetrics m = text.measure(line, textSize, fonts.regular);
        const double stripHeight = m.height + 0.8 * pad;
        FurnitureBox box{0.0, bottom - stripHeight, W, stripHeight};
        plan.shapes.push_back({solidFill({1.0f, 1.0f, 1.0f, 0.80f}, {0.0f, 0.0f, 0.0f, 0.0f}, 0.0f),
                               core::GeometryType::Polygon, {rect(box.x, box.y, box.width, box.height)}, true});
        plan.texts.push_back({line, static_cast<float>(pad), static_cast<float>(box.y + box.height / 2.0), textSize,
                              {HAlign::Left, VAlign::Middle}, fonts.regular, kMutedInk});
        out.sources = box;
        bottom = box.y;
    }

    // Bottom right, above the strip: the slide's number.
    double rightBottom = bottom; // the lowest free y of the right-hand column
    if (!c.slideNumber.empty()) {
        const float textSize = size(kSlideNumberSize);
        const TextMetrics m = text.measure(c.slideNumber, textSize, fonts.bold);
        FurnitureBox box{W - margin - m.width - 2.0 * pad, bottom - margin - m.height - pad, m.width + 2.0 * pad,
                         m.height + pad};
        addPanel(plan, box);
        plan.texts.push_back({c.slideNumber, static_cast<float>(box.x + box.width / 2.0),
                              static_cast<float>(box.y + box.height / 2.0), textSize, {HAlign::Center, VAlign::Middle},
                              fonts.bold, kInk});
        out.slideNumber = box;
        rightBottom = box.y;
    }

    // Bottom left, bottom up: scale bar with the north arrow beside it, then the point-of-view note.
    double leftTop = bottom; // the top of the bottom-left block
    double leftWidth = 0.0;
    if (c.scaleBar || c.northAngle) {
        const double rowHeight = std::max(kNorthHeight * s, kScaleTextSize * s * 1.3 + kBarHeight * s + pad * 0.5);
        double x = margin + pad;
        const double y = bottom - margin - pad - rowHeight;
        double right = x;
        if (c.scaleBar) {
            const auto& bar = *c.scaleBar;
            const double length = bar.lengthPx; // a length on the map: not scaled
            const double barY = y + rowHeight - kBarHeight * s;
            const float textSize = size(kScaleTextSize);
            const double textY = barY - 0.4 * pad;
            // Alternating dark and light blocks under one outline, the classic bar.
            const core::Color dark{0.15f, 0.15f, 0.15f, 1.0f}, light{1.0f, 1.0f, 1.0f, 1.0f};
            for (int i = 0; i < bar.divisions; ++i) {
                const double x0 = x + length * i / bar.divisions, x1 = x + length * (i + 1) / bar.divisions;
                plan.shapes.push_back({solidFill(i % 2 == 0 ? dark : light, {0, 0, 0, 0}, 0.0f),
                                       core::GeometryType::Polygon, {rect(x0, barY, x1 - x0, kBarHeight * s)}, false});
            }
            core::Symbolizer outline = solidFill({0, 0, 0, 0}, dark, 1.0f);
            outline.join = core::LineJoin::Miter;
            plan.shapes.push_back({outline, core::GeometryType::Line, {rect(x, barY, length, kBarHeight * s)}, false});
            plan.texts.push_back({"0", static_cast<float>(x), static_cast<float>(textY), textSize,
                                  {HAlign::Center, VAlign::Baseline}, fonts.regular, kInk});
            std::string label = bar.label + (bar.note.empty() ? "" : " " + bar.note);
            plan.texts.push_back({label, static_cast<float>(x + length), static_cast<float>(textY), textSize,
                                  {HAlign::Left, VAlign::Baseline}, fonts.regular, kInk});
            // The label starts at the bar's end, so the panel holds both.
            const double labelStart = x + length - text.measure(bar.label, textSize, fonts.regular).width / 2.0;
            plan.texts.back().x = static_cast<float>(std::max(x + 4.0 * s, labelStart));
            right = std::max<double>(x + length, plan.texts.back().x + text.measure(label, textSize, fonts.regular).width);
            out.scaleBar = FurnitureBox{x, y, right - x, rowHeight};
        }
        if (c.northAngle) {
            const double h = kNorthHeight * s, w = 0.45 * h;
            const double cx = right + (c.scaleBar ? 2.0 * pad : 0.0) + w / 2.0;
            const double cy = y + rowHeight - h / 2.0 + 0.15 * h;
            const double a = *c.northAngle;
            const auto turn = [&](double dx, double dy) {
                return core::Vec2d{cx + dx * std::cos(a) - dy * std::sin(a), cy + dx * std::sin(a) + dy * std::cos(a)};
            };
            // A split arrowhead: dark west half, light east half, tip at north; "N" beyond the tip.
            const double tip = -0.45 * h, tail = 0.25 * h, half = w / 2.0;
            const core::Color dark{0.15f, 0.15f, 0.15f, 1.0f};
            plan.shapes.push_back({solidFill(dark, dark, 0.8f), core::GeometryType::Polygon,
                                   {{turn(0, tip), turn(-half, tail), turn(0, 0.5 * tail), turn(0, tip)}}, false});
            plan.shapes.push_back({solidFill({1, 1, 1, 1}, dark, 0.8f), core::GeometryType::Polygon,
                                   {{turn(0, tip), turn(0, 0.5 * tail), turn(half, tail), turn(0, tip)}}, false});
            const core::Vec2d n = turn(0, tip - 0.28 * h);
            plan.texts.push_back({"N", static_cast<float>(n.x), static_cast<float>(n.y), size(kScaleTextSize),
                                  {HAlign::Center, VAlign::Middle}, fonts.bold, kInk});
            out.north = FurnitureBox{cx - h / 2.0, cy - h / 2.0 - 0.3 * h, h, 1.2 * h};
            right = cx + w / 2.0;
        }
        FurnitureBox panel{margin, y - pad, right - margin + pad, rowHeight + 2.0 * pad};
        if (out.north) {
            panel.y = std::min(panel.y, out.north->y - 0.2 * pad);
            panel.height = bottom - margin - panel.y;
        }
        addPanel(plan, panel);
        leftTop = panel.y;
        leftWidth = panel.width;
    }
    if (!c.pointOfView.empty()) {
        // One line per disputed area, at most kPovLines ("and N more disputed areas" for the rest).
        std::vector<std::string> lines(c.pointOfView.begin(),
                                       c.pointOfView.begin() + static_cast<std::ptrdiff_t>(std::min(c.pointOfView.size(), kPovLines)));
        if (c.pointOfView.size() > kPovLines) {
            lines.back() = "and " + std::to_string(c.pointOfView.size() - kPovLines + 1) + " more disputed areas";
        }
        const double maxWidth = std::max(120.0 * s, 0.55 * W - margin - 2.0 * pad);
        float textSize = size(kPovSize);
        for (std::string& line : lines) {
            textSize = std::min(textSize, fitText(text, line, size(kPovSize), fonts.italic, maxWidth));
        }
        double widest = 0.0;
        for (std::string& line : lines) {
            if (text.measure(line, textSize, fonts.italic).width > maxWidth) {
                line = cutToFit(line, [&](const std::string& t) { return text.measure(t, textSize, fonts.italic).width <= maxWidth; });
            }
            widest = std::max<double>(widest, text.measure(line, textSize, fonts.italic).width);
        }
        const double lineHeight = text.measure("Ag", textSize, fonts.italic).height * 1.15;
        const double height = lineHeight * static_cast<double>(lines.size()) + 1.2 * pad;
        const double boxBottom = (out.scaleBar || out.north) ? leftTop - 0.5 * margin : bottom - margin;
        FurnitureBox box{margin, boxBottom - height, widest + 2.0 * pad, height};
        addPanel(plan, box);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            plan.texts.push_back({lines[i], static_cast<float>(box.x + pad),
                                  static_cast<float>(box.y + 0.6 * pad + lineHeight * (static_cast<double>(i) + 0.5)),
                                  textSize, {HAlign::Left, VAlign::Middle}, fonts.italic, {0.48f, 0.10f, 0.06f, 1.0f}});
        }
        out.pointOfView = box;
        leftTop = box.y;
        leftWidth = std::max(leftWidth, box.width);
    }

    // Right-hand column, top down: the inset, then the legend.
    double columnWidth = 0.0;
    double columnTop = top + margin;
    std::vector<std::string> names;
    double legendWidth = 0.0, legendHeight = 0.0;
    const float headSize = size(kLegendHeadSize), nameSize = size(kLegendTextSize);
    if (!c.legend.empty()) {
        const double maxName = std::max(80.0 * s, 0.3 * W);
        for (const LegendSwatch& e : c.legend) {
            std::string name = e.name;
            if (text.measure(name, nameSize, fonts.regular).width > maxName) {
                name = cutToFit(name, [&](const std::string& t) { return text.measure(t, nameSize, fonts.regular).width <= maxName; });
            }
            legendWidth = std::max<double>(legendWidth, text.measure(name, nameSize, fonts.regular).width);
            names.push_back(std::move(name));
        }
        legendWidth = std::max<double>(legendWidth + kSwatchWidth * s + pad, text.measure("Legend", headSize, fonts.bold).width)
            + 2.0 * pad;
        legendHeight = 2.0 * pad + headSize * 1.5 + kLegendRow * s * static_cast<double>(names.size());
    }
    // Where the column must stop: above the bottom strip, and above the bottom-left block where they would meet.
    const auto columnFloor = [&](double width) {
        const bool meetsLeft = leftWidth > 0.0 && margin + leftWidth + margin > W - margin - width;
        return std::min(meetsLeft ? leftTop : bottom, rightBottom) - margin;
    };
    double insetHeight = 0.0;
    if (!c.insetWorld.empty() && c.insetWorld.width() > 0.0 && c.insetWorld.height() > 0.0) {
        const double w = kInsetWidth * s;
        insetHeight = std::min(kInsetMaxHeight * s, w * c.insetWorld.height() / c.insetWorld.width());
        const double floorY = columnFloor(std::max(w, legendWidth));
        const double needed = top + margin + insetHeight + (names.empty() ? 0.0 : margin + legendHeight);
        // The inset gives way when the legend needs the room, and when the image is too small for a useful one.
        const bool room = needed <= floorY && W >= 3.0 * w && H >= 2.5 * insetHeight;
        if (room) {
            FurnitureBox box{W - margin - w, top + margin, w, insetHeight};
            out.inset = box;
            plan.shapes.push_back({solidFill(c.insetBackground, kPanelStroke, 0.8f),
                                   core::GeometryType::Polygon, {rect(box.x, box.y, box.width, box.height)}, true});
            core::Camera camera;
            camera.widthPx = std::max(1.0, std::round(w));
            camera.heightPx = std::max(1.0, std::round(insetHeight));
            camera.fit(c.insetWorld, 2.0 * s);
            plan.insetCamera = camera;
            // The view's frame, never smaller than a few pixels so a zoomed-in view still shows where it is.
            core::Vec2d a = camera.worldToScreen({c.viewWorld.minX, c.viewWorld.maxY});
            core::Vec2d b = camera.worldToScreen({c.viewWorld.maxX, c.viewWorld.minY});
            const double minSide = 6.0 * s;
            const core::Vec2d mid{(a.x + b.x) / 2.0, (a.y + b.y) / 2.0};
            const double fw = std::max(b.x - a.x, minSide), fh = std::max(b.y - a.y, minSide);
            a = {std::clamp(mid.x - fw / 2.0, 0.0, w), std::clamp(mid.y - fh / 2.0, 0.0, insetHeight)};
            b = {std::clamp(mid.x + fw / 2.0, 0.0, w), std::clamp(mid.y + fh / 2.0, 0.0, insetHeight)};
            core::Symbolizer frame = solidFill({kFrame.r, kFrame.g, kFrame.b, 0.12f}, kFrame, 1.6f);
            plan.shapes.push_back({frame, core::GeometryType::Polygon,
                                   {rect(box.x + a.x, box.y + a.y, b.x - a.x, b.y - a.y)}, false});
            // The inset's border on top of its map.
            plan.shapes.push_back({solidFill({0, 0, 0, 0}, kPanelStroke, 1.0f),
                                   core::GeometryType::Line, {rect(box.x, box.y, box.width, box.height)}, false});
            columnTop = box.y + box.height + margin;
            columnWidth = w;
        }
    }
    if (!names.empty()) {
        const double floorY = columnFloor(legendWidth);
        const double rows = std::floor((floorY - columnTop - 2.0 * pad - headSize * 1.5) / (kLegendRow * s));
        std::size_t shown = names.size();
        if (rows < static_cast<double>(names.size())) {
            shown = rows >= 2.0 ? static_cast<std::size_t>(rows) - 1 : 0; // one row says "+N more"
        }
        if (rows >= 1.0) {
            const bool more = shown < names.size();
            const double height = 2.0 * pad + headSize * 1.5 + kLegendRow * s * static_cast<double>(shown + (more ? 1 : 0));
            FurnitureBox box{W - margin - legendWidth, columnTop, legendWidth, height};
            addPanel(plan, box);
            plan.texts.push_back({"Legend", static_cast<float>(box.x + pad), static_cast<float>(box.y + pad + headSize),
                                  headSize, {HAlign::Left, VAlign::Baseline}, fonts.bold, kInk});
            double rowY = box.y + pad + headSize * 1.5;
            for (std::size_t i = 0; i < shown; ++i, rowY += kLegendRow * s) {
                const double swatchY = rowY + (kLegendRow - kSwatchHeight) * s / 2.0;
                addSwatch(plan, c.legend[i], box.x + pad, swatchY, kSwatchWidth * s, kSwatchHeight * s, s);
                plan.texts.push_back({names[i], static_cast<float>(box.x + pad + kSwatchWidth * s + pad),
                                      static_cast<float>(rowY + kLegendRow * s / 2.0), nameSize,
                                      {HAlign::Left, VAlign::Middle}, fonts.regular, kInk});
            }
            if (more) {
                plan.texts.push_back({"+" + std::to_string(names.size() - shown) + " more",
                                      static_cast<float>(box.x + pad), static_cast<float>(rowY + kLegendRow * s / 2.0),
                                      nameSize, {HAlign::Left, VAlign::Middle}, fonts.italic, kMutedInk});
            }
            out.legend = box;
            out.legendShown = shown;
            columnWidth = std::max(columnWidth, legendWidth);
        }
    }

    // Top left: the title block, narrowed so it stops short of the right-hand column.
    if (!c.title.empty() || !c.subtitle.empty()) {
        const double maxText = std::max(60.0 * s, W - 2.0 * margin - 2.0 * pad - (columnWidth > 0.0 ? columnWidth + margin : 0.0));
        std::string title = c.title, subtitle = c.subtitle;
        const float titleSize = title.empty() ? 0.0f : fitText(text, title, size(kTitleSize), fonts.bold, maxText);
        const float subtitleSize = subtitle.empty() ? 0.0f : fitText(text, subtitle, size(kSubtitleSize), fonts.regular, maxText);
        const TextMetrics tm = text.measure(title, std::max(titleSize, 1.0f), fonts.bold);
        const TextMetrics sm = text.measure(subtitle, std::max(subtitleSize, 1.0f), fonts.regular);
        double y = top + margin + pad;
        double widest = 0.0;
        if (!title.empty()) {
            plan.texts.push_back({title, static_cast<float>(margin + pad), static_cast<float>(y + tm.ascent), titleSize,
                                  {HAlign::Left, VAlign::Baseline}, fonts.bold, kInk});
            y += tm.height + 0.25 * pad;
            widest = tm.width;
        }
        if (!subtitle.empty()) {
            plan.texts.push_back({subtitle, static_cast<float>(margin + pad), static_cast<float>(y + sm.ascent),
                                  subtitleSize, {HAlign::Left, VAlign::Baseline}, fonts.regular, kMutedInk});
            y += sm.height;
            widest = std::max<double>(widest, sm.width);
        }
        FurnitureBox box{margin, top + margin, widest + 2.0 * pad, y + pad - top - margin};
        addPanel(plan, box);
        out.title = box;
        out.titleSize = titleSize;
    }

    // Under the title: the slide's caption, wrapped to its column, cut with "…" above the bottom-left block.
    if (!c.caption.empty()) {
        const double columnRight = W - margin - (columnWidth > 0.0 ? columnWidth + margin : 0.0);
        const double maxText = std::min(kCaptionMaxWidth * s, columnRight - 2.0 * margin - 2.0 * pad);
        const double boxTop = out.title ? out.title->y + out.title->height + 0.5 * margin : top + margin;
        const double floorY = (leftWidth > 0.0 ? leftTop : bottom) - margin;
        if (maxText > 60.0 * s && floorY - boxTop > 3.0 * pad) {
            const float textSize = size(kCaptionSize);
            std::vector<CaptionRow> rows = wrapCaption(c.caption, maxText, textSize, fonts, text);
            double y = boxTop + 0.6 * pad, widest = 0.0;
            std::size_t shown = 0;
            for (const CaptionRow& row : rows) {
                if (y + row.height + 0.6 * pad > floorY) {
                    break;
                }
                y += row.height;
                ++shown;
            }
            while (shown > 0 && rows[shown - 1].gap) {
                y -= rows[--shown].height; // no paragraph gap at the end
            }
            if (shown < rows.size() && shown > 0) {
                // Cut: the last line shown ends in "…".
                std::vector<TextItem>& last = rows[shown - 1].items;
                if (!last.empty()) {
                    last.back().text += "…";
                }
            }
            double rowTop = boxTop + 0.6 * pad;
            for (std::size_t i = 0; i < shown; ++i) {
                const TextMetrics m = text.measure("Ag", textSize, fonts.regular);
                for (TextItem item : rows[i].items) {
                    item.x += static_cast<float>(margin + pad);
                    item.y = static_cast<float>(rowTop + (rows[i].height - m.height) / 2.0 + m.ascent);
                    widest = std::max<double>(widest, item.x - margin - pad + text.measure(item.text, item.size, item.font).width);
                    plan.texts.push_back(std::move(item));
                }
                rowTop += rows[i].height;
            }
            if (shown > 0) {
                FurnitureBox box{margin, boxTop, widest + 2.0 * pad, y - boxTop + 0.6 * pad};
                addPanel(plan, box);
                out.caption = box;
                out.captionLines = shown;
            }
        }
    }
    return plan;
}

bool anyOverlap(const FurnitureLayout& layout)
{
    // The north arrow stands inside the scale bar's panel by design; every other pair must stand apart.
    std::vector<FurnitureBox> boxes;
    for (const auto* box : {&layout.title, &layout.legend, &layout.sources, &layout.pointOfView, &layout.inset,
                            &layout.caption, &layout.slideNumber}) {
        if (*box) {
            boxes.push_back(**box);
        }
    }
    if (layout.scaleBar || layout.north) {
        FurnitureBox both = layout.scaleBar ? *layout.scaleBar : *layout.north;
        if (layout.scaleBar && layout.north) {
            const double right = std::max(both.x + both.width, layout.north->x + layout.north->width);
            const double bottom = std::max(both.y + both.height, layout.north->y + layout.north->height);
            both.x = std::min(both.x, layout.north->x);
            both.y = std::min(both.y, layout.north->y);
            both.width = right - both.x;
            both.height = bottom - both.y;
        }
        boxes.push_back(both);
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            if (boxes[i].overlaps(boxes[j])) {
                return true;
            }
        }
    }
    return false;
}

// The plan with every item that fits: where the image is too small for all of them (a thumbnail, a large --scale),
// items are left out, the least needed first, until none overlaps another.
Plan makePlan(const FurnitureContent& content, int width, int height, TextRenderer& text)
{
    FurnitureContent c = content;
    Plan plan = planOnce(c, width, height, text);
    const std::function<bool(FurnitureContent&)> dropOrder[] = {
        [](FurnitureContent& x) { return !x.insetWorld.empty() && (x.insetWorld = {}, true); },
        [](FurnitureContent& x) { return !x.pointOfView.empty() && (x.pointOfView.clear(), true); },
        [](FurnitureContent& x) { return !x.subtitle.empty() && (x.subtitle.clear(), true); },
        [](FurnitureContent& x) { return x.northAngle && (x.northAngle.reset(), true); },
        [](FurnitureContent& x) { return !x.legend.empty() && (x.legend.clear(), true); },
        [](FurnitureContent& x) { return x.scaleBar && (x.scaleBar.reset(), true); },
        [](FurnitureContent& x) { return !x.slideNumber.empty() && (x.slideNumber.clear(), true); },
        [](FurnitureContent& x) { return !x.caption.empty() && (x.caption.clear(), true); },
        [](FurnitureContent& x) {
            const bool any = !x.sourceNames.empty() || !x.sourcesTail.empty();
            x.sourceNames.clear();
            x.sourcesTail.clear();
            return any;
        },
    };
    for (const auto& drop : dropOrder) {
        if (!anyOverlap(plan.layout)) {
            break;
        }
        if (drop(c)) {
            plan = planOnce(c, width, height, text);
        }
    }
    return plan;
}

core::Layer shapesLayer(const std::vector<Shape>& shapes, bool under, const std::vector<std::int64_t>& symbolOf)
{
    core::Layer layer;
    layer.name = "furniture";
    layer.fields.push_back({"k", core::FieldType::Integer});
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const Shape& shape = shapes[i];
        if (shape.under != under) {
            continue;
        }
        core::Feature f;
        f.id = static_cast<std::int64_t>(i);
        f.type = shape.type;
        f.firstPart = static_cast<std::uint32_t>(layer.parts.size());
        f.values.emplace_back(symbolOf[i]);
        for (std::size_t p = 0; p < shape.parts.size(); ++p) {
            std::vector<core::Vec2d> world;
            for (const core::Vec2d& v : shape.parts[p]) {
                world.push_back({v.x, -v.y}); // screen y runs down, world y up
            }
            const core::PartRole role = shape.type == core::GeometryType::Point   ? core::PartRole::Point
                : shape.type == core::GeometryType::Line                          ? core::PartRole::Line
                : p == 0                                                          ? core::PartRole::OuterRing
                                                                                  : core::PartRole::InnerRing;
            core::appendPart(layer, role, world.data(), world.size());
        }
        f.partCount = static_cast<std::uint32_t>(shape.parts.size());
        layer.features.push_back(std::move(f));
    }
    return layer;
}

// One rule per distinct symbol, setting every property the map draws with: each shape gets its symbol exactly.
core::LayerStyle shapesStyle(const std::vector<core::Symbolizer>& table)
{
    core::LayerStyle style;
    style.honourSimplestyle = false;
    for (std::size_t k = 0; k < table.size(); ++k) {
        core::StyleRule rule;
        rule.when.push_back({"k", {std::to_string(k)}});
        rule.patch = table[k];
        rule.sets = {"stroke", "stroke-opacity", "stroke-width", "dash", "casing", "casing-width", "join", "cap",
                     "miter-limit", "fill", "fill-opacity", "hatch", "hatch-color", "marker", "marker-size",
                     "marker-color", "marker-outline", "visible"};
        style.rules.push_back(std::move(rule));
    }
    return style;
}

bool sameBounds(const core::Bounds& a, const core::Bounds& b)
{
    return (a.empty() && b.empty()) || (a.minX == b.minX && a.minY == b.minY && a.maxX == b.maxX && a.maxY == b.maxY);
}

bool sameContent(const FurnitureContent& a, const FurnitureContent& b)
{
    const auto sameBar = [](const auto& x, const auto& y) {
        return x.has_value() == y.has_value()
            && (!x || (x->lengthPx == y->lengthPx && x->divisions == y->divisions && x->label == y->label && x->note == y->note));
    };
    const auto sameLayers = [](const std::vector<LayerView>& x, const std::vector<LayerView>& y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const LayerView& p, const LayerView& q) {
            return p.slot == q.slot && p.visible == q.visible && p.opacity == q.opacity;
        });
    };
    return a.title == b.title && a.subtitle == b.subtitle && a.legend == b.legend && sameBar(a.scaleBar, b.scaleBar)
        && a.northAngle == b.northAngle && a.sourceNames == b.sourceNames && a.sourcesTail == b.sourcesTail && a.pointOfView == b.pointOfView && a.caption == b.caption && a.slideNumber == b.slideNumber
        && sameBounds(a.insetWorld, b.insetWorld) && sameBounds(a.viewWorld, b.viewWorld)
        && sameLayers(a.insetLayers, b.insetLayers) && a.insetBackground == b.insetBackground && a.scale == b.scale
        && a.reservedTop == b.reservedTop && a.reservedBottom == b.reservedBottom;
}

} // namespace

bool FurnitureBox::overlaps(const FurnitureBox& o) const
{
    return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
}

std::vector<FurnitureBox> FurnitureLayout::all() const
{
    std::vector<FurnitureBox> boxes;
    for (const auto* box : {&title, &legend, &scaleBar, &north, &sources, &pointOfView, &inset, &caption, &slideNumber}) {
        if (*box) {
            boxes.push_back(**box);
        }
    }
    return boxes;
}

struct FurnitureRenderer::Kept {
    Plan plan;
    FurnitureContent content;
    int width = 0, height = 0;
    const TextRenderer* text = nullptr;
};

FurnitureRenderer::FurnitureRenderer() = default;
FurnitureRenderer::~FurnitureRenderer() = default;

FurnitureLayout FurnitureRenderer::layout(const FurnitureContent& content, int width, int height, TextRenderer& text)
{
    return makePlan(content, width, height, text).layout;
}

const FurnitureLayout& FurnitureRenderer::layOut(const FurnitureContent& content, int width, int height,
                                                 TextRenderer& text)
{
    if (!m_kept || m_kept->width != width || m_kept->height != height || m_kept->text != &text ||
        !sameContent(content, m_kept->content)) {
        m_kept = std::make_unique<Kept>(Kept{makePlan(content, width, height, text), content, width, height, &text});
        ++m_layouts;
    }
    return m_kept->plan.layout;
}

FurnitureLayout FurnitureRenderer::draw(const FurnitureContent& content, int width, int height, MapRenderer& map,
                                        TextRenderer& text, const std::optional<ImageTile>& tile)
{
    layOut(content, width, height, text);
    const Plan& plan = m_kept->plan;
    const ImageTile part = tile ? *tile : ImageTile{0, 0, width, height};
    // Screen pixels as world units (y up), framing this part of the image.
    core::Camera screen;
    screen.widthPx = part.width;
    screen.heightPx = part.height;
    screen.unitsPerPixel = 1.0;
    screen.center = {part.x + part.width / 2.0, -(part.y + part.height / 2.0)};
    m_shapes.setImageOrigin(static_cast<float>(part.x), static_cast<float>(height - part.y - part.height));
    m_shapes.setPixelScale(static_cast<float>(std::clamp(content.scale, double(core::kMinPixelScale), double(core::kMaxPixelScale))));

    if (m_uploadedFor != m_layouts) { // a new layout: its shapes go to the GPU
        std::vector<core::Symbolizer> table;
        std::vector<std::int64_t> symbolOf;
        for (const Shape& shape : plan.shapes) {
            auto it = std::find(table.begin(), table.end(), shape.symbol);
            if (it == table.end()) {
                table.push_back(shape.symbol);
                it = table.end() - 1;
            }
            symbolOf.push_back(it - table.begin());
        }
        const core::LayerStyle style = shapesStyle(table);
        core::MeshOptions options;
        options.maxLevels = 1;
        options.fieldDensity = 0.0;
        options.threads = 1;
        for (const bool under : {true, false}) {
            const core::LayerMesh mesh = core::buildLayerMesh(shapesLayer(plan.shapes, under, symbolOf), style, options);
            const std::size_t slot = under ? 0 : 1;
            if (m_uploadedFor != 0) {
                m_shapes.replaceLayer(slot, mesh);
            } else {
                m_shapes.addLayer(mesh);
            }
        }
        m_uploadedFor = m_layouts;
    }
    const PixelRect whole{0, 0, part.width, part.height};
    const LayerView under[] = {{0, true, 1.0f}};
    const LayerView over[] = {{1, true, 1.0f}};
    m_shapes.overlay(screen, under, whole);
    if (plan.insetCamera && plan.layout.inset) {
        const FurnitureBox& box = *plan.layout.inset;
        const PixelRect r{static_cast<int>(std::lround(box.x)) - part.x,
                          static_cast<int>(std::lround(part.y + part.height - box.y - plan.insetCamera->heightPx)),
                          static_cast<int>(plan.insetCamera->widthPx), static_cast<int>(plan.insetCamera->heightPx)};
        map.overlay(*plan.insetCamera, content.insetLayers, r);
    }
    m_shapes.overlay(screen, over, whole);
    for (const TextItem& t : plan.texts) {
        LabelDraw label;
        label.text = t.text;
        label.x = t.x;
        label.y = t.y;
        label.sizePx = t.size;
        label.anchor = t.anchor;
        label.color = t.color;
        label.haloWidthPx = 0.0f;
        label.font = t.font;
        text.add(label);
    }
    text.draw(part.width, part.height, static_cast<float>(part.x), static_cast<float>(part.y));
    m_shapes.setImageOrigin(0.0f, 0.0f);
    return plan.layout;
}

} // namespace corridor::render

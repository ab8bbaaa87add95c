#pragma once
// Map furniture drawn by the map renderer, so the window, every export and the present mode show the same pixels:
// title block (top left), inset locator map and legend (top right, stacked), point-of-view note, scale bar and north
// arrow (bottom left), sources line (along the bottom edge). Items are placed in corners that avoid each other:
// the title is narrowed (smaller text, then cut with "…") where it would reach the right-hand column, the inset
// gives way to the legend, and a legend too long for the height left lists what fits and "+N more".
//
// Shapes (panels, legend swatches, scale bar blocks, the arrow, the inset's frame) are a small layer in screen
// pixels drawn with a MapRenderer, so a legend swatch is the map's own symbol (dash, casing, hatch, marker), not a
// picture of it. Text goes through the map's TextRenderer. Needs a current GL context.

#include "core/camera.hpp"
#include "core/deck_text.hpp"
#include "core/labels.hpp"
#include "core/legend.hpp"
#include "core/style.hpp"
#include "render/map_renderer.hpp"
#include "render/text_renderer.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::render {

struct LegendSwatch {
    std::string name;
    core::LegendKind kind = core::LegendKind::Line;
    core::Symbolizer symbol; // drawn as the map draws it (zoom window ignored)
    friend bool operator==(const LegendSwatch&, const LegendSwatch&) = default;
};

// What the furniture says, worked out for one view (geo::furnitureContent): every item that is absent is not drawn.
struct FurnitureContent {
    std::string title;
    std::string subtitle;
    std::vector<LegendSwatch> legend;  // empty: no legend
    struct ScaleBar {
        double lengthPx = 0.0;         // on screen: it measures the map, so the scale does not change it
        int divisions = 4;
        std::string label;             // "200 km"
        std::string note;              // "at 38°N" or ""
    };
    std::optional<ScaleBar> scaleBar;
    std::optional<double> northAngle;  // radians clockwise from up
    // The bottom line: "Sources: " and as many names as fit ("and N more" for the rest), then the tail ("CRS: …  ·
    // date"). No names and no tail: no line.
    std::vector<std::string> sourceNames;
    std::string sourcesTail;
    std::vector<std::string> pointOfView; // one line per disputed area ("Disputed: …"), or none
    // A briefing slide's caption (bold, italics, bullets; core::parseCaption), in a panel under the title block,
    // wrapped to its width; and the slide's number ("3 / 10"), bottom right above the sources line.
    std::vector<core::CaptionLine> caption;
    std::string slideNumber;
    // The inset locator map: the world rectangle it shows and the view's rectangle in it (both view-CRS units),
    // and which of the map's layers it draws. Empty insetWorld: no inset.
    core::Bounds insetWorld;
    core::Bounds viewWorld;
    std::vector<LayerView> insetLayers;
    core::Color insetBackground{0.78f, 0.86f, 0.91f, 1.0f};
    double scale = 1.0;                // multiplies every size
    // Pixels along the top and bottom edges the furniture keeps clear (the viewer's menu and status bars).
    double reservedTop = 0.0;
    double reservedBottom = 0.0;
};

// Where the items went, in screen pixels (origin top left, y down): for tests, and for the viewer to know what the
// furniture covers.
struct FurnitureBox {
    double x = 0.0, y = 0.0, width = 0.0, height = 0.0;
    bool overlaps(const FurnitureBox& other) const;
    core::ScreenBox screen() const { return {x, y, x + width, y + height}; }
};
struct FurnitureLayout {
    std::optional<FurnitureBox> title, legend, scaleBar, north, sources, pointOfView, inset, caption, slideNumber;
    std::size_t captionLines = 0; // lines of the wrapped caption drawn (a caption too long for its room is cut)
    std::size_t legendShown = 0; // legend entries listed (the rest are "+N more")
    float titleSize = 0.0f;      // the title's font size after narrowing
    std::vector<FurnitureBox> all() const;
};

class FurnitureRenderer {
public:
    FurnitureRenderer(); // compiles the map programs; throws GlError
    ~FurnitureRenderer();
    FurnitureRenderer(const FurnitureRenderer&) = delete;
    FurnitureRenderer& operator=(const FurnitureRenderer&) = delete;

    // Lays `content` out for a `width` x `height` image and draws it over the bound framebuffer: the inset's layers
    // with `map` (the scene's renderer, whose slots `content.insetLayers` name), text with `text` (queued and drawn
    // here). A frame that repeats the last content and size (and text renderer) neither lays out nor rebuilds
    // anything. With `tile`, the bound framebuffer holds only that part of the width × height image (a large export
    // drawn in tiles: every tile uses the one layout).
    FurnitureLayout draw(const FurnitureContent& content, int width, int height, MapRenderer& map, TextRenderer& text,
                         const std::optional<ImageTile>& tile = std::nullopt);

    // The layout draw() would make, kept for it: the viewer lays out before the labels (they keep clear of it) and
    // draws after them, measuring the text once.
    const FurnitureLayout& layOut(const FurnitureContent& content, int width, int height, TextRenderer& text);
    // How many layouts this renderer has made (layOut and draw together): a still view makes one.
    std::size_t layouts() const { return m_layouts; }

    // The layout alone (text measured with `text`), as draw() would place it; keeps nothing.
    static FurnitureLayout layout(const FurnitureContent& content, int width, int height, TextRenderer& text);

private:
    struct Kept; // the last layout and what it was made for

    MapRenderer m_shapes;       // slot 0: panels (under the inset map), slot 1: everything on top
    std::unique_ptr<Kept> m_kept;
    std::size_t m_layouts = 0;
    std::size_t m_uploadedFor = 0; // the layout (count) the shapes on the GPU were built for; 0: none yet
};

} // namespace corridor::render

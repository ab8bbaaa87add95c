#pragma once
// Map label drawing: shaped text (text_shaper) drawn from a signed-distance-field glyph atlas (glyph_atlas) as
// instanced quads, one instance per glyph, all labels of a frame in two draw calls (every halo, then every fill,
// so no glyph's halo covers a neighbouring glyph's ink: Persian joins stay unbroken). Crisp from 8 to 64 px and
// beyond; any rotation.
//
// Usage per frame: add() each label (screen pixels, origin top-left, y down), then draw(w, h) into the bound
// framebuffer, which also empties the queue. Strings are shaped once and cached; glyphs are rasterised on first
// use; a frame that repeats the previous one reshapes nothing, allocates nothing and uploads nothing.
// Placement and collision are not done here: measure() gives the exact boxes to place with.
// Thread: needs the GL context current on the calling thread for construction, draw() and destruction.

#include "core/style.hpp"
#include "render/gl.hpp"
#include "render/glyph_atlas.hpp"
#include "render/text_shaper.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::render {

struct LabelDraw {
    std::string_view text;          // UTF-8, used when `shaped` is kNoLabel; shaped once per (font, text)
    LabelHandle shaped = kNoLabel;  // from TextRenderer::prepare(): skips the string lookup
    float x = 0.0f;                 // the anchor point, screen pixels from the top-left corner, y down
    float y = 0.0f;
    float sizePx = 16.0f;           // font size (the em) in pixels
    float angle = 0.0f;             // radians: the baseline runs along (cos, sin) in y-down screen pixels, so
                                    // positive turns clockwise on screen; atan2(dy, dx) of a screen segment fits
    TextAnchor anchor;              // which point of the label sits at (x, y); rotation is about that point
    core::Color color{0.0f, 0.0f, 0.0f, 1.0f};
    core::Color halo{1.0f, 1.0f, 1.0f, 1.0f};
    float haloWidthPx = 0.0f;       // 0: no halo. At most maxHaloWidth(sizePx), clamped to it.
    FontId font = 0;
};

struct TextFrameStats {
    std::size_t labels = 0;
    std::size_t droppedLabels = 0;   // not drawn because the glyph atlas is full (see GlyphAtlasOptions)
    std::size_t glyphs = 0;          // instances drawn (blanks are not drawn)
    std::size_t drawCalls = 0;
    std::size_t shapedStrings = 0;   // cache misses this frame
    std::size_t rasterisedGlyphs = 0; // new atlas entries this frame
    bool instancesUploaded = false;  // false when the frame repeated the previous one
    std::size_t atlasBytesUploaded = 0;
};

class TextRenderer {
public:
    // Compiles shaders/text.*; opens `fontPath` as font 0. Throws GlError or FontError.
    explicit TextRenderer(const std::string& fontPath = defaultFontPath(), GlyphAtlasOptions atlasOptions = {});
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    FontId addFont(const std::string& path); // e.g. DejaVuSans-Bold.ttf; the same path twice gives the same id
    // Runs of `script` are shaped and drawn with the font at `path` (ShapedTextCache::setScriptFont), e.g.
    // kScriptArabic with arabicFontPath(). Forgets every shaped string: call it before preparing labels.
    void setScriptFont(std::uint32_t script, const std::string& path, float scale = 1.0f);

    // Shapes and caches a string; the handle skips the string lookup in add() and measure().
    LabelHandle prepare(std::string_view text, FontId font = 0) { return m_cache.prepare(text, font); }
    TextMetrics measure(std::string_view text, float sizePx, FontId font = 0)
    {
        return m_cache.measure(text, sizePx, font);
    }
    TextMetrics measure(LabelHandle handle, float sizePx) const { return m_cache.measure(handle, sizePx); }
    // The widest halo the distance field holds at this size (the spread, less a pixel for anti-aliasing).
    float maxHaloWidth(float sizePx) const;

    // Queues a straight label. Unrotated labels have their baseline start snapped to whole pixels (crisper, and
    // stable from frame to frame). When the atlas cannot take the label's new glyphs the label is dropped and
    // counted in lastFrame().droppedLabels (nothing throws through a frame).
    void add(const LabelDraw& label);
    // Queues a label whose glyphs follow a polyline (screen pixels, y down), each glyph centred on the line at its
    // distance and turned to the line's local direction. The label's horizontal anchor sits at `distancePx` along
    // the path; the vertical anchor is offset across it (VAlign::Middle centres the text on the line). Kept
    // upright: where the path runs leftwards the label is laid along it backwards. label.x, y and angle are
    // ignored. Returns false and queues nothing when the label does not fit on the path. `uprightSpanPx` > 0 judges
    // which way is upright over that span centred at `distancePx` instead of over this text: the lines of a
    // two-line label judge the same span, so they never turn opposite ways (and onto each other) on a steep path.
    bool addAlongPath(const LabelDraw& label, std::span<const TextPoint> path, float distancePx,
                      float uprightSpanPx = 0.0f);

    // Draws the queued labels into the bound framebuffer (viewport set to w x h), blending like MapRenderer
    // (straight alpha), then empties the queue. `originX/Y`: where the framebuffer's top-left lies in the image the
    // labels were queued for (a tile of a large export); 0 for the whole image.
    void draw(int viewportWidth, int viewportHeight, float originX = 0.0f, float originY = 0.0f);
    void clearQueue();

    const TextFrameStats& lastFrame() const { return m_stats; }
    const ShapedTextCache& cache() const { return m_cache; }
    // Forgets every shaped string (handles from prepare() become invalid); atlas glyphs stay.
    void clearCache();
    GlyphAtlas& atlas() { return m_atlas; }

    // Per-glyph GPU instance (56 bytes); public for tests and tools that inspect a frame.
    struct GlyphInstance {
        float anchor[2];        // screen pixels: the rotation centre
        float offset[2];        // quad top-left from the anchor, pixels, before rotation
        float size[2];          // quad size, pixels
        float rotation[2];      // cos, sin
        std::uint16_t texel[4]; // atlas rect x, y, w, h
        std::uint8_t color[4];  // straight-alpha sRGB
        std::uint8_t halo[4];
        float haloWidth;        // pixels (0: none)
        float pxPerTexel;       // sizePx / atlas base size: converts atlas distances to screen pixels
    };
    std::span<const GlyphInstance> queued() const { return m_instances; }

private:
    struct GlyphSpan {
        std::uint32_t first = 0;
        std::uint32_t count = 0;
        bool resolved = false;
    };
    const std::uint32_t* atlasEntries(LabelHandle handle); // per glyph of the shaped string, resolved once
    const std::uint32_t* tryAtlasEntries(LabelHandle handle); // nullptr when the atlas is full
    LabelHandle resolve(const LabelDraw& label);
    void pushGlyph(const LabelDraw& label, const AtlasGlyph& e, float anchorX, float anchorY, float offsetX,
                   float offsetY, float cosA, float sinA);

    ShapedTextCache m_cache;
    GlyphAtlas m_atlas;
    FontHandle atlasFont(FontId font, FaceIndex face);
    std::vector<std::vector<FontHandle>> m_atlasFonts; // FontId, face -> atlas font (kNoAtlasFont: not yet added)
    std::vector<GlyphSpan> m_spans;        // LabelHandle -> range in m_entries
    std::vector<std::uint32_t> m_entries;  // atlas entry per shaped glyph
    Program m_program;
    VertexArray m_vao;
    Buffer m_instanceBuffer;
    std::size_t m_bufferCapacity = 0; // instances
    std::vector<GlyphInstance> m_instances;
    std::vector<GlyphInstance> m_uploaded; // what the buffer holds, to skip re-sending an unchanged frame
    bool m_anyHalo = false;
    std::size_t m_labelCount = 0;
    std::size_t m_droppedLabels = 0;
    std::size_t m_shapeCallsAtFrameStart = 0;
    std::size_t m_atlasGlyphsAtFrameStart = 0;
    std::size_t m_atlasBytesAtFrameStart = 0;
    TextFrameStats m_stats;
};

} // namespace corridor::render

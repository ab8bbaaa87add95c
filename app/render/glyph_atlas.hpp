#pragma once
// Signed-distance-field glyphs packed into one single-channel texture, so labels of any size (8 to 64 px and
// beyond) are drawn crisp from one rendering of each glyph. Glyphs are rasterised at a base size on first use,
// packed on shelves into a CPU copy of the atlas, and sent to the GL texture by upload(): only the rows that
// changed, or the whole texture when the atlas grew (it doubles in height, so packed glyphs never move).
//
// Texel values: 128 is the outline; each step of 128/spread is one base pixel of distance, inside is brighter.
// Texel rects are in atlas texels; offsets in pixels at the base size, y down, from the glyph's origin.
// Thread: the CPU side may be used without a GL context; upload() and texture() need the context current.
// Not thread-safe (the FreeType faces are shared by every call).

#include "render/gl.hpp"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace corridor::render {

enum class SdfMethod : std::uint8_t {
    // Render the coverage at 4x the base size, run an exact Euclidean distance transform on it, sample back down.
    // The default: on DejaVu Sans about 0.25 ms a glyph, 10x faster than FreeType's outline SDF, and within
    // 0.05 px of it on average (0.44 px at worst) near the outline.
    SupersampledEdt,
    // FreeType's own renderer (FT_RENDER_MODE_SDF, the 'sdf' module, from the outline). Exact but slow, and
    // documented to break on self-intersecting contours.
    FreeType,
};

struct GlyphAtlasOptions {
    int basePx = 32;     // glyphs are rasterised at this pixel size
    int spreadPx = 8;    // distance range either side of the outline, base pixels (also each glyph's padding)
    int width = 1024;    // texture width; the height starts equal to it and doubles when full
    int maxHeight = 8192; // throws AtlasFull beyond this (and never beyond GL_MAX_TEXTURE_SIZE)
    SdfMethod method = SdfMethod::SupersampledEdt;
};

class AtlasFull : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct AtlasGlyph {
    std::uint16_t x = 0; // texel rect in the atlas; w == 0 means nothing to draw (a space)
    std::uint16_t y = 0;
    std::uint16_t w = 0;
    std::uint16_t h = 0;
    float left = 0.0f;   // offset of the rect's top-left corner from the glyph origin, base pixels, y down
    float top = 0.0f;
};

using FontHandle = std::uint16_t;

struct AtlasStats {
    std::size_t glyphs = 0;        // entries, blanks included
    std::size_t uploads = 0;       // glTexSubImage2D / glTexImage2D calls so far
    std::size_t uploadedBytes = 0; // bytes sent to GL so far
    double rasterMs = 0.0;         // time spent making distance fields so far
    int usedHeight = 0;            // texel rows holding glyphs
};

class GlyphAtlas {
public:
    explicit GlyphAtlas(GlyphAtlasOptions options = {});
    ~GlyphAtlas();
    GlyphAtlas(const GlyphAtlas&) = delete;
    GlyphAtlas& operator=(const GlyphAtlas&) = delete;

    // Opens a font for glyph rendering, its glyphs drawn `scale` times the base size (a script font scaled to
    // match the main one, see TextShaper::setScriptFont). The same path and scale twice give the same handle.
    // Throws FontError.
    FontHandle addFont(const std::string& path, float scale = 1.0f);
    const std::string& fontPath(FontHandle font) const;

    // Index of the glyph's entry, rasterising and packing it on first use. Indices are stable for the atlas's
    // lifetime. Throws AtlasFull when the atlas cannot grow any more.
    std::uint32_t glyphIndex(FontHandle font, std::uint32_t glyph);
    // References stay valid until the next glyphIndex() call that adds a glyph.
    const AtlasGlyph& entry(std::uint32_t index) const { return m_entries[index]; }
    const AtlasGlyph& glyph(FontHandle font, std::uint32_t glyph) { return m_entries[glyphIndex(font, glyph)]; }

    // Sends pending changes to the texture (GL_R8, linear filtering, clamped), creating or regrowing it.
    void upload();
    bool dirty() const { return m_dirtyEnd > m_dirtyBegin || m_resized; }
    GLuint texture() const { return m_texture.id(); }

    int width() const { return m_options.width; }
    int height() const { return m_height; }
    int basePx() const { return m_options.basePx; }
    int spreadPx() const { return m_options.spreadPx; }
    const std::vector<std::uint8_t>& pixels() const { return m_pixels; } // width() x height(), rows top down
    AtlasStats stats() const;

private:
    struct Font;
    struct Shelf {
        int y = 0;
        int height = 0;
        int x = 0; // next free column
    };
    struct Bitmap {
        int w = 0;
        int h = 0;
        float left = 0.0f;
        float top = 0.0f;
        std::vector<std::uint8_t> pixels;
    };

    void rasterise(Font& font, std::uint32_t glyph, Bitmap& out);
    void rasteriseEdt(Font& font, std::uint32_t glyph, Bitmap& out);
    void rasteriseFreeType(Font& font, std::uint32_t glyph, Bitmap& out);
    void place(int w, int h, int& x, int& y);

    GlyphAtlasOptions m_options;
    std::vector<std::unique_ptr<Font>> m_fonts;
    std::vector<AtlasGlyph> m_entries;
    std::unordered_map<std::uint64_t, std::uint32_t> m_lookup; // (font << 32 | glyph) -> entry
    std::vector<Shelf> m_shelves;
    std::vector<std::uint8_t> m_pixels;
    int m_height = 0;
    int m_usedHeight = 0;
    int m_dirtyBegin = 0; // texel rows [begin, end) changed since the last upload
    int m_dirtyEnd = 0;
    bool m_resized = true; // the texture must be (re)allocated
    Bitmap m_scratch;
    // Distance-transform scratch, kept so rasterising allocates only while glyphs keep getting bigger.
    std::vector<float> m_edtScratch, m_line, m_lineOut, m_z;
    std::vector<int> m_v;
    std::vector<std::uint8_t> m_inside;
    Texture m_texture;
    int m_textureHeight = 0;
    AtlasStats m_stats;
};

} // namespace corridor::render

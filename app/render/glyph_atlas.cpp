#include "render/glyph_atlas.hpp"

#include "render/text_shaper.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace corridor::render {

namespace {

constexpr int kSupersample = 4; // EDT resolution: hi-res pixels per base pixel (even, so base pixel centres
                                // fall on hi-res pixel corners)
constexpr float kFar = 1e20f;   // "no feature here" for the distance transform
constexpr int kGap = 1;         // empty texels between packed glyphs, so bilinear taps never read a neighbour

struct FtLibraryDeleter {
    void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FtFaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};

// Calls f(i) for the i in [0, n) with i % step in [first, first + 1]: the hi-res rows and columns the glyph's
// downsampling reads (a base pixel's centre is the corner between the two).
template <typename F>
void forEachRead(int n, int step, int first, F f)
{
    for (int from = first; from < n; from += step) {
        for (int i = from; i < std::min(from + 2, n); ++i) {
            f(i);
        }
    }
}

// Squared distance transform of one line (Felzenszwalb & Huttenlocher's lower envelope of parabolas):
// d[q] = min over p of (q - p)^2 + f[p], for the q with q % step in [first, first + 1] only (the others are not
// written: the glyph's downsampling reads no more). Samples with f >= kFar are not features. `v`, `z` are scratch of
// n, n + 1.
void distanceTransform1d(const float* f, float* d, int n, int step, int first, int* v, float* z)
{
    int k = -1;
    for (int q = 0; q < n; ++q) {
        if (f[q] >= kFar) {
            continue;
        }
        const auto fq = f[q] + static_cast<float>(q) * static_cast<float>(q);
        float s = 0.0f;
        while (k >= 0) {
            const int p = v[k];
            s = (fq - (f[p] + static_cast<float>(p) * static_cast<float>(p))) / static_cast<float>(2 * (q - p));
            if (s > z[k]) {
                break;
            }
            --k;
        }
        ++k;
        v[k] = q;
        z[k] = k == 0 ? -kFar : s;
        z[k + 1] = kFar;
    }
    if (k < 0) {
        forEachRead(n, step, first, [&](int q) { d[q] = kFar; });
        return;
    }
    int j = 0;
    forEachRead(n, step, first, [&](int q) {
        while (z[j + 1] < static_cast<float>(q)) {
            ++j;
        }
        const auto dq = static_cast<float>(q - v[j]);
        d[q] = dq * dq + f[v[j]];
    });
}

// In place 2D squared Euclidean distance transform of a w x h grid (columns, then rows), finished only where the
// downsampling reads: rows and columns whose index % step is in [first, first + 1] (the other cells keep column
// distances or their input). Half the writes of the whole transform at 4x supersampling.
void distanceTransform2d(float* grid, int w, int h, int step, int first, std::vector<float>& line,
                         std::vector<float>& out, std::vector<int>& v, std::vector<float>& z)
{
    const int n = std::max(w, h);
    line.resize(static_cast<std::size_t>(n));
    out.resize(static_cast<std::size_t>(n));
    v.resize(static_cast<std::size_t>(n));
    z.resize(static_cast<std::size_t>(n) + 1);
    for (int x = 0; x < w; ++x) {
        for (int y = 0; y < h; ++y) {
            line[static_cast<std::size_t>(y)] = grid[static_cast<std::size_t>(y) * w + x];
        }
        distanceTransform1d(line.data(), out.data(), h, step, first, v.data(), z.data());
        forEachRead(h, step, first,
                    [&](int y) { grid[static_cast<std::size_t>(y) * w + x] = out[static_cast<std::size_t>(y)]; });
    }
    forEachRead(h, step, first, [&](int y) {
        float* row = grid + static_cast<std::size_t>(y) * w;
        distanceTransform1d(row, out.data(), w, step, first, v.data(), z.data());
        forEachRead(w, step, first, [&](int x) { row[x] = out[static_cast<std::size_t>(x)]; });
    });
}

std::uint8_t encodeDistance(float distancePx, int spread)
{
    // Same packing as FreeType's SDF output: 128 + d / spread * 128, clamped.
    const long q = std::lround(128.0f + distancePx / static_cast<float>(spread) * 128.0f);
    return static_cast<std::uint8_t>(std::clamp(q, 0L, 255L));
}

} // namespace

struct GlyphAtlas::Font {
    std::string path;
    float scale = 1.0f;
    std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter> library;
    std::unique_ptr<FT_FaceRec_, FtFaceDeleter> face;
};

GlyphAtlas::GlyphAtlas(GlyphAtlasOptions options)
    : m_options(options)
{
    m_options.basePx = std::clamp(m_options.basePx, 8, 256);
    m_options.spreadPx = std::clamp(m_options.spreadPx, 2, 32); // FreeType's accepted range
    m_options.width = std::clamp(m_options.width, 64, 16384);
    m_options.maxHeight = std::max(m_options.maxHeight, m_options.width);
    m_height = m_options.width;
    m_pixels.assign(static_cast<std::size_t>(m_options.width) * static_cast<std::size_t>(m_height), 0);
}

GlyphAtlas::~GlyphAtlas() = default;

FontHandle GlyphAtlas::addFont(const std::string& path, float scale)
{
    scale = scale > 0.0f ? scale : 1.0f;
    for (std::size_t i = 0; i < m_fonts.size(); ++i) {
        if (m_fonts[i]->path == path && m_fonts[i]->scale == scale) {
            return static_cast<FontHandle>(i);
        }
    }
    if (m_fonts.size() >= 0xFFFF) {
        throw FontError("too many fonts in one glyph atlas");
    }
    auto font = std::make_unique<Font>();
    font->path = path;
    font->scale = scale;
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) {
        throw FontError("FreeType failed to initialise");
    }
    font->library.reset(lib);
    FT_Face face = nullptr;
    if (const FT_Error err = FT_New_Face(lib, path.c_str(), 0, &face); err != 0) {
        throw FontError("cannot open font " + path + " (FreeType error " + std::to_string(err) + ")");
    }
    font->face.reset(face);
    const int sizePx = m_options.method == SdfMethod::SupersampledEdt ? m_options.basePx * kSupersample
                                                                       : m_options.basePx;
    // 26.6 fixed point at 72 dpi: pixels, fractional when scaled.
    if (!FT_IS_SCALABLE(face) ||
        FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(static_cast<float>(sizePx) * scale * 64.0f)),
                         72, 72) != 0) {
        throw FontError("font " + path + " has no scalable outlines (SDF labels need TrueType or CFF outlines)");
    }
    if (m_options.method == SdfMethod::FreeType) {
        const FT_Int spread = m_options.spreadPx;
        FT_Property_Set(lib, "sdf", "spread", &spread);
        FT_Property_Set(lib, "bsdf", "spread", &spread);
    }
    m_fonts.push_back(std::move(font));
    return static_cast<FontHandle>(m_fonts.size() - 1);
}

const std::string& GlyphAtlas::fontPath(FontHandle font) const { return m_fonts.at(font)->path; }

AtlasStats GlyphAtlas::stats() const
{
    AtlasStats s = m_stats;
    s.glyphs = m_entries.size();
    s.usedHeight = m_usedHeight;
    return s;
}

std::uint32_t GlyphAtlas::glyphIndex(FontHandle font, std::uint32_t glyph)
{
    const std::uint64_t key = (static_cast<std::uint64_t>(font) << 32) | glyph;
    if (const auto it = m_lookup.find(key); it != m_lookup.end()) {
        return it->second;
    }
    Font& f = *m_fonts.at(font);
    const auto start = std::chrono::steady_clock::now();
    rasterise(f, glyph, m_scratch);
    m_stats.rasterMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    AtlasGlyph entry;
    if (m_scratch.w > 0 && m_scratch.h > 0) {
        int x = 0;
        int y = 0;
        place(m_scratch.w, m_scratch.h, x, y);
        for (int row = 0; row < m_scratch.h; ++row) {
            std::memcpy(&m_pixels[static_cast<std::size_t>(y + row) * m_options.width + x],
                        &m_scratch.pixels[static_cast<std::size_t>(row) * m_scratch.w],
                        static_cast<std::size_t>(m_scratch.w));
        }
        if (m_dirtyEnd <= m_dirtyBegin) {
            m_dirtyBegin = y;
            m_dirtyEnd = y + m_scratch.h;
        } else {
            m_dirtyBegin = std::min(m_dirtyBegin, y);
            m_dirtyEnd = std::max(m_dirtyEnd, y + m_scratch.h);
        }
        entry.x = static_cast<std::uint16_t>(x);
        entry.y = static_cast<std::uint16_t>(y);
        entry.w = static_cast<std::uint16_t>(m_scratch.w);
        entry.h = static_cast<std::uint16_t>(m_scratch.h);
        entry.left = m_scratch.left;
        entry.top = m_scratch.top;
    }
    m_entries.push_back(entry);
    const auto index = static_cast<std::uint32_t>(m_entries.size() - 1);
    m_lookup.emplace(key, index);
    return index;
}

void GlyphAtlas::place(int w, int h, int& x, int& y)
{
    const int width = m_options.width;
    if (w + kGap > width) {
        throw AtlasFull("glyph of " + std::to_string(w) + " texels is wider than the atlas");
    }
    // Best fit among shelves not much taller than the glyph, so small glyphs do not waste tall shelves.
    Shelf* best = nullptr;
    for (Shelf& s : m_shelves) {
        if (s.height >= h && s.height <= h + h / 4 + 2 && s.x + w + kGap <= width &&
            (best == nullptr || s.height < best->height)) {
            best = &s;
        }
    }
    if (best == nullptr) {
        const int shelfHeight = h + kGap;
        while (m_usedHeight + shelfHeight > m_height && m_height < m_options.maxHeight) {
            // Doubling keeps every packed glyph where it is; only the texture has to be reallocated.
            m_height = std::min(m_height * 2, m_options.maxHeight);
            m_pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(m_height), 0);
            m_resized = true;
        }
        if (m_usedHeight + shelfHeight <= m_height) {
            m_shelves.push_back({m_usedHeight, shelfHeight, 0});
            m_usedHeight += shelfHeight;
            best = &m_shelves.back();
        } else {
            for (Shelf& s : m_shelves) { // last resort: any shelf that still has room
                if (s.height >= h && s.x + w + kGap <= width && (best == nullptr || s.height < best->height)) {
                    best = &s;
                }
            }
            if (best == nullptr) {
                throw AtlasFull("glyph atlas is full at " + std::to_string(width) + "x" + std::to_string(m_height));
            }
        }
    }
    x = best->x;
    y = best->y;
    best->x += w + kGap;
}

void GlyphAtlas::rasterise(Font& font, std::uint32_t glyph, Bitmap& out)
{
    out.w = 0;
    out.h = 0;
    out.pixels.clear();
    if (m_options.method == SdfMethod::FreeType) {
        rasteriseFreeType(font, glyph, out);
    } else {
        rasteriseEdt(font, glyph, out);
    }
}

void GlyphAtlas::rasteriseFreeType(Font& font, std::uint32_t glyph, Bitmap& out)
{
    FT_Face face = font.face.get();
    if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0 ||
        face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || face->glyph->outline.n_points == 0 ||
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_SDF) != 0) {
        return;
    }
    const FT_Bitmap& bm = face->glyph->bitmap;
    out.w = static_cast<int>(bm.width);
    out.h = static_cast<int>(bm.rows);
    out.left = static_cast<float>(face->glyph->bitmap_left);
    out.top = static_cast<float>(-face->glyph->bitmap_top);
    out.pixels.resize(static_cast<std::size_t>(out.w) * static_cast<std::size_t>(out.h));
    for (int row = 0; row < out.h; ++row) {
        std::memcpy(&out.pixels[static_cast<std::size_t>(row) * out.w],
                    bm.buffer + static_cast<std::ptrdiff_t>(row) * bm.pitch, static_cast<std::size_t>(out.w));
    }
}

void GlyphAtlas::rasteriseEdt(Font& font, std::uint32_t glyph, Bitmap& out)
{
    FT_Face face = font.face.get();
    if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0 ||
        face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || face->glyph->outline.n_points == 0 ||
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
        return;
    }
    const FT_Bitmap& bm = face->glyph->bitmap;
    if (bm.width == 0 || bm.rows == 0) {
        return;
    }
    const int s = kSupersample;
    const int spread = m_options.spreadPx;
    const int left = face->glyph->bitmap_left;
    const int top = -face->glyph->bitmap_top; // y down
    auto floorDiv = [](int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
    auto ceilDiv = [&](int a, int b) { return -floorDiv(-a, b); };
    // The base-pixel box covering the ink, padded by the spread on every side.
    const int bx0 = floorDiv(left, s) - spread;
    const int by0 = floorDiv(top, s) - spread;
    const int bx1 = ceilDiv(left + static_cast<int>(bm.width), s) + spread;
    const int by1 = ceilDiv(top + static_cast<int>(bm.rows), s) + spread;
    const int bw = bx1 - bx0;
    const int bh = by1 - by0;
    const int hw = bw * s;
    const int hh = bh * s;
    const int ox = left - bx0 * s; // where the FreeType bitmap sits in the hi-res grid
    const int oy = top - by0 * s;

    const std::size_t cells = static_cast<std::size_t>(hw) * static_cast<std::size_t>(hh);
    m_inside.assign(cells, 0);
    for (unsigned row = 0; row < bm.rows; ++row) {
        const unsigned char* src = bm.buffer + static_cast<std::ptrdiff_t>(row) * bm.pitch;
        std::uint8_t* dst = &m_inside[(static_cast<std::size_t>(oy) + row) * hw + static_cast<std::size_t>(ox)];
        for (unsigned col = 0; col < bm.width; ++col) {
            dst[col] = src[col] >= 128 ? 1 : 0;
        }
    }
    // Two transforms: distance to the nearest inside pixel (for outside pixels) and to the nearest outside pixel.
    m_edtScratch.resize(cells * 2);
    float* toInside = m_edtScratch.data();
    float* toOutside = m_edtScratch.data() + cells;
    for (std::size_t i = 0; i < cells; ++i) {
        toInside[i] = m_inside[i] != 0 ? 0.0f : kFar;
        toOutside[i] = m_inside[i] != 0 ? kFar : 0.0f;
    }
    distanceTransform2d(toInside, hw, hh, s, s / 2 - 1, m_line, m_lineOut, m_v, m_z);
    distanceTransform2d(toOutside, hw, hh, s, s / 2 - 1, m_line, m_lineOut, m_v, m_z);
    // Signed distance at a hi-res pixel centre, the outline taken half a pixel from the last pixel on its side.
    auto signedAt = [&](int x, int y) {
        const std::size_t i = static_cast<std::size_t>(y) * hw + static_cast<std::size_t>(x);
        return m_inside[i] != 0 ? std::sqrt(toOutside[i]) - 0.5f : 0.5f - std::sqrt(toInside[i]);
    };

    out.w = bw;
    out.h = bh;
    out.left = static_cast<float>(bx0);
    out.top = static_cast<float>(by0);
    out.pixels.resize(static_cast<std::size_t>(bw) * static_cast<std::size_t>(bh));
    const float toBase = 1.0f / static_cast<float>(s);
    for (int y = 0; y < bh; ++y) {
        const int cy = y * s + s / 2; // the base pixel centre is the corner between hi-res pixels cy-1 and cy
        for (int x = 0; x < bw; ++x) {
            const int cx = x * s + s / 2;
            const float d = 0.25f * (signedAt(cx - 1, cy - 1) + signedAt(cx, cy - 1) + signedAt(cx - 1, cy) +
                                     signedAt(cx, cy));
            out.pixels[static_cast<std::size_t>(y) * bw + x] = encodeDistance(d * toBase, spread);
        }
    }
}

void GlyphAtlas::upload()
{
    if (!dirty() && m_texture) {
        return;
    }
    if (!m_texture) {
        m_texture = makeTexture();
        m_resized = true;
    }
    GLint previousAlignment = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &previousAlignment);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glBindTexture(GL_TEXTURE_2D, m_texture.id());
    if (m_resized || m_textureHeight != m_height) {
        GLint maxSize = 0;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxSize);
        if (m_height > maxSize || m_options.width > maxSize) {
            glPixelStorei(GL_UNPACK_ALIGNMENT, previousAlignment);
            throw GlError("glyph atlas of " + std::to_string(m_options.width) + "x" + std::to_string(m_height) +
                          " exceeds GL_MAX_TEXTURE_SIZE " + std::to_string(maxSize));
        }
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, m_options.width, m_height, 0, GL_RED, GL_UNSIGNED_BYTE, m_pixels.data());
        m_textureHeight = m_height;
        m_stats.uploadedBytes += m_pixels.size();
    } else {
        const int rows = m_dirtyEnd - m_dirtyBegin;
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, m_dirtyBegin, m_options.width, rows, GL_RED, GL_UNSIGNED_BYTE,
                        &m_pixels[static_cast<std::size_t>(m_dirtyBegin) * m_options.width]);
        m_stats.uploadedBytes += static_cast<std::size_t>(rows) * m_options.width;
    }
    ++m_stats.uploads;
    glPixelStorei(GL_UNPACK_ALIGNMENT, previousAlignment);
    m_resized = false;
    m_dirtyBegin = 0;
    m_dirtyEnd = 0;
}

} // namespace corridor::render

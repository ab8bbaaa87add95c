#pragma once
// FreeType's own anti-aliased coverage of a glyph: the reference the render tests compare the SDF atlas's glyphs
// with (glyph_coverage for the main font, persian_labels for the Arabic one).

#include <doctest/doctest.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace corridor::test {

struct FtLibraryDeleter {
    void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FtFaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};

// FreeType's coverage of one glyph, unhinted (as the shaper and the atlas use the outlines), with its pen at a
// fractional screen position (y down). Pixels are placed on the screen grid: (x0, y0) is the top-left pixel.
struct Coverage {
    int x0 = 0;
    int y0 = 0;
    int w = 0;
    int h = 0;
    std::vector<std::uint8_t> pixels;
    std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y - y0) * w + (x - x0)]; }
};

class ReferenceRasteriser {
public:
    explicit ReferenceRasteriser(const std::string& fontPath)
    {
        FT_Library lib = nullptr;
        REQUIRE(FT_Init_FreeType(&lib) == 0);
        m_library.reset(lib);
        FT_Face face = nullptr;
        REQUIRE(FT_New_Face(lib, fontPath.c_str(), 0, &face) == 0);
        m_face.reset(face);
    }

    Coverage render(std::uint32_t glyph, float sizePx, float penX, float penY)
    {
        FT_Face face = m_face.get();
        REQUIRE(FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(sizePx * 64.0f)), 72, 72) == 0);
        REQUIRE(FT_Load_Glyph(face, glyph, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0);
        Coverage c;
        if (face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || face->glyph->outline.n_points == 0) {
            return c;
        }
        const float ix = std::floor(penX);
        const float iy = std::floor(penY);
        // FreeType's y runs up: a pen lower on the screen moves the outline down.
        FT_Outline_Translate(&face->glyph->outline, static_cast<FT_Pos>(std::lround((penX - ix) * 64.0f)),
                             -static_cast<FT_Pos>(std::lround((penY - iy) * 64.0f)));
        REQUIRE(FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) == 0);
        const FT_Bitmap& bm = face->glyph->bitmap;
        c.x0 = static_cast<int>(ix) + face->glyph->bitmap_left;
        c.y0 = static_cast<int>(iy) - face->glyph->bitmap_top;
        c.w = static_cast<int>(bm.width);
        c.h = static_cast<int>(bm.rows);
        c.pixels.resize(static_cast<std::size_t>(c.w) * static_cast<std::size_t>(c.h));
        for (int row = 0; row < c.h; ++row) {
            std::copy_n(bm.buffer + static_cast<std::ptrdiff_t>(row) * bm.pitch, c.w,
                        c.pixels.begin() + static_cast<std::ptrdiff_t>(row) * c.w);
        }
        return c;
    }

private:
    std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter> m_library;
    std::unique_ptr<FT_FaceRec_, FtFaceDeleter> m_face;
};

} // namespace corridor::test

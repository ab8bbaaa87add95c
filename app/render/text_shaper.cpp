#include "render/text_shaper.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_BBOX_H
#include FT_OUTLINE_H
#include <fribidi.h>
#include <hb-ft.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

namespace corridor::render {

namespace {

constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kNotoSansArabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
constexpr char32_t kReplacement = 0xFFFD;

struct FtLibraryDeleter {
    void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FtFaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct HbBufferDeleter {
    void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};

bool isUnresolvedScript(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

} // namespace

std::string defaultFontPath()
{
    if (const char* env = std::getenv("CORRIDOR_FONT"); env != nullptr && *env != '\0') {
        if (!std::filesystem::is_regular_file(env)) {
            throw FontError(std::string("CORRIDOR_FONT names a font file that does not exist: ") + env);
        }
        return env;
    }
    if (!std::filesystem::is_regular_file(kDejaVuSans)) {
        throw FontError(std::string("no label font: ") + kDejaVuSans +
                        " is missing (install Debian's fonts-dejavu-core, or set CORRIDOR_FONT to a .ttf/.otf file)");
    }
    return kDejaVuSans;
}

std::string arabicFontPath()
{
    if (const char* env = std::getenv("CORRIDOR_ARABIC_FONT"); env != nullptr && *env != '\0') {
        if (!std::filesystem::is_regular_file(env)) {
            throw FontError(std::string("CORRIDOR_ARABIC_FONT names a font file that does not exist: ") + env);
        }
        return env;
    }
    return std::filesystem::is_regular_file(kNotoSansArabic) ? kNotoSansArabic : "";
}

void TextBox::add(const TextBox& other)
{
    if (other.empty()) {
        return;
    }
    if (empty()) {
        *this = other;
        return;
    }
    minX = std::min(minX, other.minX);
    minY = std::min(minY, other.minY);
    maxX = std::max(maxX, other.maxX);
    maxY = std::max(maxY, other.maxY);
}

TextBox TextBox::scaled(float factor) const
{
    if (empty()) {
        return *this;
    }
    TextBox b{minX * factor, minY * factor, maxX * factor, maxY * factor};
    if (factor < 0.0f) {
        std::swap(b.minX, b.maxX);
        std::swap(b.minY, b.maxY);
    }
    return b;
}

TextBox TextBox::translated(float dx, float dy) const
{
    return empty() ? *this : TextBox{minX + dx, minY + dy, maxX + dx, maxY + dy};
}

bool ShapedText::hasMissingGlyphs() const
{
    return std::any_of(glyphs.begin(), glyphs.end(), [](const ShapedGlyph& g) { return g.glyph == 0; });
}

void decodeUtf8(std::string_view utf8, std::vector<char32_t>& out)
{
    out.clear();
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            out.push_back(c);
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
            minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
            minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
            minimum = 0x10000;
        } else {
            out.push_back(kReplacement); // stray continuation byte or 0xF8..0xFF
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        int taken = 0;
        while (taken < extra && j < n && (s[j] & 0xC0) == 0x80) {
            cp = (cp << 6) | (s[j] & 0x3F);
            ++j;
            ++taken;
        }
        // A truncated sequence is replaced as one unit and decoding resumes at the byte that broke it.
        const bool valid = taken == extra && cp >= minimum && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        out.push_back(valid ? cp : kReplacement);
        i = j;
    }
}

struct TextShaper::Impl {
    // Exact outline boxes in font units, computed on first use (a face has a few thousand glyphs: a flat table is
    // cheap).
    struct CachedInk {
        TextBox box;
        bool known = false;
    };
    struct Face {
        std::string path;
        float scale = 1.0f;     // of the label size
        float unitsToPx = 0.0f; // font units to reference pixels
        std::unique_ptr<FT_FaceRec_, FtFaceDeleter> face;
        std::unique_ptr<hb_font_t, HbFontDeleter> font;
        std::vector<CachedInk> ink;
    };

    float referenceSizePx = 32.0f;
    std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter> library; // declared before the faces: destroyed after them
    std::vector<Face> faces;                                    // [0] the main font
    std::vector<std::pair<hb_script_t, FaceIndex>> scriptFaces;
    std::unique_ptr<hb_buffer_t, HbBufferDeleter> buffer;

    Face openFace(const std::string& fontPath, float scale) const;
    FaceIndex faceFor(hb_script_t script) const
    {
        for (const auto& [s, f] : scriptFaces) {
            if (s == script) {
                return f;
            }
        }
        return 0;
    }

    // Scratch reused by every shape() call, so shaping a repeated label does not allocate once warmed up.
    std::vector<char32_t> text;
    std::vector<FriBidiCharType> types;
    std::vector<FriBidiBracketType> brackets;
    std::vector<FriBidiLevel> levels;
    std::vector<hb_script_t> scripts;
    std::vector<ShapedRun> logicalRuns;
};

TextShaper::Impl::Face TextShaper::Impl::openFace(const std::string& fontPath, float scale) const
{
    Face f;
    f.path = fontPath;
    f.scale = scale;
    const float sizePx = referenceSizePx * scale;
    FT_Face face = nullptr;
    if (const FT_Error err = FT_New_Face(library.get(), fontPath.c_str(), 0, &face); err != 0) {
        throw FontError("cannot open font " + fontPath + " (FreeType error " + std::to_string(err) + ")");
    }
    f.face.reset(face);
    if (!FT_IS_SCALABLE(face) || face->units_per_EM == 0) {
        throw FontError("font " + fontPath + " has no scalable outlines (SDF labels need TrueType or CFF outlines)");
    }
    // 26.6 fixed point: HarfBuzz positions come back in 1/64 px of the reference size.
    if (FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(sizePx * 64.0f)), 72, 72) != 0) {
        throw FontError("font " + fontPath + " cannot be scaled to " + std::to_string(sizePx) + " px");
    }
    f.unitsToPx = sizePx / static_cast<float>(face->units_per_EM);
    f.font.reset(hb_ft_font_create_referenced(face));
    // Unhinted advances keep shaping linear in the size: labels are drawn at any size from one shaping.
    hb_ft_font_set_load_flags(f.font.get(), FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP);
    f.ink.resize(static_cast<std::size_t>(face->num_glyphs));
    return f;
}

TextShaper::TextShaper(const std::string& fontPath, float referenceSizePx)
    : m_impl(std::make_unique<Impl>())
{
    Impl& m = *m_impl;
    m.referenceSizePx = referenceSizePx > 0.0f ? referenceSizePx : 32.0f;
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) {
        throw FontError("FreeType failed to initialise");
    }
    m.library.reset(lib);
    m.faces.push_back(m.openFace(fontPath, 1.0f));
    m.buffer.reset(hb_buffer_create());
    if (!hb_buffer_allocation_successful(m.buffer.get())) {
        throw FontError("HarfBuzz could not allocate a buffer");
    }
}

FaceIndex TextShaper::setScriptFont(std::uint32_t script, const std::string& path, float scale)
{
    Impl& m = *m_impl;
    scale = scale > 0.0f ? scale : 1.0f;
    FaceIndex face = 0;
    while (face < m.faces.size() && (m.faces[face].path != path || m.faces[face].scale != scale)) {
        ++face;
    }
    if (face == m.faces.size()) {
        if (m.faces.size() >= 0xFF) {
            throw FontError("too many script fonts");
        }
        m.faces.push_back(m.openFace(path, scale));
    }
    const auto tag = static_cast<hb_script_t>(script);
    auto it = std::find_if(m.scriptFaces.begin(), m.scriptFaces.end(), [&](const auto& e) { return e.first == tag; });
    if (it == m.scriptFaces.end()) {
        m.scriptFaces.emplace_back(tag, face);
    } else {
        it->second = face;
    }
    return face;
}

std::size_t TextShaper::faceCount() const { return m_impl->faces.size(); }
const std::string& TextShaper::facePath(FaceIndex face) const { return m_impl->faces.at(face).path; }
float TextShaper::faceScale(FaceIndex face) const { return m_impl->faces.at(face).scale; }

TextShaper::~TextShaper() = default;
TextShaper::TextShaper(TextShaper&&) noexcept = default;
TextShaper& TextShaper::operator=(TextShaper&&) noexcept = default;

const std::string& TextShaper::fontPath() const { return m_impl->faces[0].path; }
float TextShaper::referenceSizePx() const { return m_impl->referenceSizePx; }

std::string TextShaper::familyName(FaceIndex face) const
{
    const FT_Face f = m_impl->faces.at(face).face.get();
    return f->family_name != nullptr ? f->family_name : "";
}

std::uint32_t TextShaper::nominalGlyph(char32_t codepoint, FaceIndex face) const
{
    return FT_Get_Char_Index(m_impl->faces.at(face).face.get(), codepoint);
}

std::string TextShaper::glyphName(std::uint32_t glyph, FaceIndex faceIndex) const
{
    const FT_Face face = m_impl->faces.at(faceIndex).face.get();
    char name[64] = {};
    if (!FT_HAS_GLYPH_NAMES(face) || FT_Get_Glyph_Name(face, glyph, name, sizeof name) != 0) {
        return {};
    }
    return name;
}

TextBox TextShaper::glyphInk(std::uint32_t glyph, FaceIndex faceIndex)
{
    Impl::Face& f = m_impl->faces.at(faceIndex);
    if (glyph >= f.ink.size()) {
        return {};
    }
    Impl::CachedInk& cached = f.ink[glyph];
    if (!cached.known) {
        cached.known = true;
        FT_Face face = f.face.get();
        // Font units and FT_Outline_Get_BBox: the exact extrema of the curves, not the control-point box.
        if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_BITMAP) == 0 &&
            face->glyph->format == FT_GLYPH_FORMAT_OUTLINE && face->glyph->outline.n_points > 0) {
            FT_BBox box{};
            FT_Outline_Get_BBox(&face->glyph->outline, &box);
            // y flips: font units grow upwards, text pixels downwards.
            cached.box = {static_cast<float>(box.xMin), static_cast<float>(-box.yMax), static_cast<float>(box.xMax),
                          static_cast<float>(-box.yMin)};
        }
    }
    return cached.box.scaled(f.unitsToPx);
}

ShapedText TextShaper::shape(std::string_view utf8)
{
    ShapedText out;
    shape(utf8, out);
    return out;
}

void TextShaper::shape(std::string_view utf8, ShapedText& out)
{
    Impl& m = *m_impl;
    const Impl::Face& main = m.faces[0];
    const FT_Face face = main.face.get();
    out.referenceSizePx = m.referenceSizePx;
    out.glyphs.clear();
    out.runs.clear();
    out.advance = 0.0f;
    out.ascent = static_cast<float>(face->ascender) * main.unitsToPx;
    out.descent = static_cast<float>(-face->descender) * main.unitsToPx;
    out.ink = {};
    out.direction = TextDirection::LeftToRight;

    decodeUtf8(utf8, m.text);
    // Control characters (tabs, line breaks) have no glyph and would show as .notdef boxes: a label is one line.
    for (char32_t& c : m.text) {
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
            c = U' ';
        }
    }
    // FriBiDi and HarfBuzz index with int; a label longer than that is not a label.
    if (m.text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 4)) {
        m.text.resize(static_cast<std::size_t>(std::numeric_limits<int>::max() / 4));
    }
    const auto len = static_cast<FriBidiStrIndex>(m.text.size());
    out.codepointCount = m.text.size();
    if (len == 0) {
        return;
    }

    // Bidi levels (UAX #9 P2..I2 and L1 parts 1-3), paragraph direction from the first strong character.
    const auto* str = reinterpret_cast<const FriBidiChar*>(m.text.data());
    m.types.resize(m.text.size());
    m.brackets.resize(m.text.size());
    m.levels.resize(m.text.size());
    fribidi_get_bidi_types(str, len, m.types.data());
    fribidi_get_bracket_types(str, len, m.types.data(), m.brackets.data());
    FriBidiParType baseDir = FRIBIDI_PAR_ON;
    if (fribidi_get_par_embedding_levels_ex(m.types.data(), m.brackets.data(), len, &baseDir, m.levels.data()) == 0) {
        std::fill(m.levels.begin(), m.levels.end(), FriBidiLevel{0}); // allocation failure: shape as plain LTR
        baseDir = FRIBIDI_PAR_LTR;
    }
    const FriBidiLevel baseLevel = FRIBIDI_IS_RTL(baseDir) ? 1 : 0;
    out.direction = baseLevel != 0 ? TextDirection::RightToLeft : TextDirection::LeftToRight;
    // L1 part 4: whitespace at the end of the line takes the paragraph level, so it stays at the line's end.
    for (auto i = static_cast<std::ptrdiff_t>(len) - 1; i >= 0 && FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS(m.types[i]); --i) {
        m.levels[static_cast<std::size_t>(i)] = baseLevel;
    }

    // Scripts: Common and Inherited characters (spaces, digits, marks) join the script before them, or the first
    // real script after them at the start of the text.
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    m.scripts.resize(m.text.size());
    hb_script_t current = HB_SCRIPT_COMMON;
    for (std::size_t i = 0; i < m.text.size(); ++i) {
        const hb_script_t s = hb_unicode_script(unicode, m.text[i]);
        if (!isUnresolvedScript(s)) {
            if (isUnresolvedScript(current)) {
                std::fill(m.scripts.begin(), m.scripts.begin() + static_cast<std::ptrdiff_t>(i), s);
            }
            current = s;
        }
        m.scripts[i] = current;
    }

    // Runs of one level, one script and one face, logical order. A character of a script-font run that the
    // script font lacks (a dash or a symbol among Persian words) is a run of its own in the main font, so one
    // missing character does not send the whole word back to the main font.
    m.logicalRuns.clear();
    for (std::size_t i = 0; i < m.text.size(); ++i) {
        FaceIndex face = m.faceFor(m.scripts[i]);
        if (face != 0 && FT_Get_Char_Index(m.faces[face].face.get(), m.text[i]) == 0 &&
            FT_Get_Char_Index(main.face.get(), m.text[i]) != 0) {
            face = 0;
        }
        if (m.logicalRuns.empty() || m.levels[i] != m.logicalRuns.back().level ||
            m.scripts[i] != static_cast<hb_script_t>(m.logicalRuns.back().script) ||
            face != m.logicalRuns.back().face) {
            ShapedRun run;
            run.firstCodepoint = static_cast<std::uint32_t>(i);
            run.level = static_cast<std::uint8_t>(m.levels[i]);
            run.script = static_cast<std::uint32_t>(m.scripts[i]);
            run.direction = (run.level & 1) != 0 ? TextDirection::RightToLeft : TextDirection::LeftToRight;
            run.face = face;
            m.logicalRuns.push_back(run);
        }
        ++m.logicalRuns.back().codepointCount;
    }

    // L2: from the highest level down to the lowest odd level, reverse every maximal sequence of runs at that
    // level or higher. Within a run HarfBuzz already emits right-to-left glyphs in visual order.
    std::uint8_t highest = 0;
    std::uint8_t lowestOdd = std::numeric_limits<std::uint8_t>::max();
    for (const ShapedRun& r : m.logicalRuns) {
        highest = std::max(highest, r.level);
        if ((r.level & 1) != 0) {
            lowestOdd = std::min(lowestOdd, r.level);
        }
    }
    out.runs = m.logicalRuns;
    for (int level = highest; level >= static_cast<int>(lowestOdd) && level > 0; --level) {
        auto it = out.runs.begin();
        while (it != out.runs.end()) {
            if (it->level < level) {
                ++it;
                continue;
            }
            auto end = it;
            while (end != out.runs.end() && end->level >= level) {
                ++end;
            }
            std::reverse(it, end);
            it = end;
        }
    }

    // Shape run by run in visual order; the whole text is given as context so joining sees across run borders.
    hb_buffer_t* buffer = m.buffer.get();
    const auto* codepoints = reinterpret_cast<const std::uint32_t*>(m.text.data());
    float pen = 0.0f;
    auto shapeRun = [&](const ShapedRun& run, FaceIndex face) {
        hb_buffer_clear_contents(buffer);
        hb_buffer_add_codepoints(buffer, codepoints, static_cast<int>(len), run.firstCodepoint,
                                 static_cast<int>(run.codepointCount));
        hb_buffer_set_direction(buffer,
                                run.direction == TextDirection::RightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer, static_cast<hb_script_t>(run.script));
        hb_buffer_set_language(buffer, hb_language_get_default());
        hb_shape(m.faces[face].font.get(), buffer, nullptr, 0);
    };
    for (ShapedRun& run : out.runs) {
        shapeRun(run, run.face);
        unsigned count = 0;
        const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
        if (run.face != 0 && std::any_of(infos, infos + count, [](const hb_glyph_info_t& g) { return g.codepoint == 0; })) {
            // Shaping asked the script font for a glyph it lacks all the same (a decomposed or substituted form):
            // the main font draws the whole run.
            run.face = 0;
            shapeRun(run, 0);
            infos = hb_buffer_get_glyph_infos(buffer, &count);
        }
        const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
        run.firstGlyph = static_cast<std::uint32_t>(out.glyphs.size());
        run.glyphCount = count;
        for (unsigned i = 0; i < count; ++i) {
            ShapedGlyph g;
            g.glyph = infos[i].codepoint;
            g.cluster = infos[i].cluster;
            g.x = pen + static_cast<float>(positions[i].x_offset) / 64.0f;
            g.y = -static_cast<float>(positions[i].y_offset) / 64.0f;
            g.advance = static_cast<float>(positions[i].x_advance) / 64.0f;
            g.face = run.face;
            pen += g.advance;
            out.glyphs.push_back(g);
        }
    }
    out.advance = pen;
    for (const ShapedGlyph& g : out.glyphs) {
        const TextBox ink = glyphInk(g.glyph, g.face).translated(g.x, g.y);
        out.ink.add(ink);
        if (g.face != 0 && !ink.empty()) {
            // A script font's glyphs sit on the same baseline but may reach past the main font's line: the line
            // box (what labels are placed with) grows to hold them.
            out.ascent = std::max(out.ascent, -ink.minY);
            out.descent = std::max(out.descent, ink.maxY);
        }
    }
}

TextPoint TextMetrics::originFromAnchor(TextAnchor anchor) const
{
    TextPoint o;
    switch (anchor.h) {
    case HAlign::Left:
        o.x = 0.0f;
        break;
    case HAlign::Center:
        o.x = -0.5f * width;
        break;
    case HAlign::Right:
        o.x = -width;
        break;
    }
    switch (anchor.v) {
    case VAlign::Top:
        o.y = ascent;
        break;
    case VAlign::Middle:
        o.y = 0.5f * (ascent - descent);
        break;
    case VAlign::Baseline:
        o.y = 0.0f;
        break;
    case VAlign::Bottom:
        o.y = -descent;
        break;
    }
    return o;
}

TextMetrics metricsAt(const ShapedText& shaped, float sizePx)
{
    const float scale = shaped.referenceSizePx > 0.0f ? sizePx / shaped.referenceSizePx : 0.0f;
    TextMetrics m;
    m.width = shaped.advance * scale;
    m.ascent = shaped.ascent * scale;
    m.descent = shaped.descent * scale;
    m.height = m.ascent + m.descent;
    m.box = {0.0f, -m.ascent, m.width, m.descent};
    m.ink = shaped.ink.scaled(scale);
    m.direction = shaped.direction;
    return m;
}

ShapedTextCache::ShapedTextCache(const std::string& fontPath, float referenceSizePx)
    : m_referenceSizePx(referenceSizePx)
{
    addFont(fontPath);
}

void ShapedTextCache::setScriptFont(std::uint32_t script, const std::string& path, float scale)
{
    for (FontEntry& f : m_fonts) {
        f.shaper.setScriptFont(script, path, scale);
    }
    m_scriptFonts.push_back({script, path, scale});
    clear();
}

FontId ShapedTextCache::addFont(const std::string& path)
{
    for (std::size_t i = 0; i < m_fonts.size(); ++i) {
        if (m_fonts[i].shaper.fontPath() == path) {
            return static_cast<FontId>(i);
        }
    }
    if (m_fonts.size() >= 0xFFFF) {
        throw FontError("too many fonts");
    }
    TextShaper shaper(path, m_referenceSizePx);
    for (const ScriptFont& f : m_scriptFonts) {
        shaper.setScriptFont(f.script, f.path, f.scale);
    }
    m_fonts.push_back({std::move(shaper), {}});
    return static_cast<FontId>(m_fonts.size() - 1);
}

LabelHandle ShapedTextCache::prepare(std::string_view utf8, FontId font)
{
    FontEntry& f = m_fonts.at(font);
    if (const auto it = f.index.find(utf8); it != f.index.end()) {
        return it->second;
    }
    Entry entry;
    entry.font = font;
    f.shaper.shape(utf8, entry.text);
    ++m_shapeCalls;
    m_entries.push_back(std::move(entry));
    const auto handle = static_cast<LabelHandle>(m_entries.size() - 1);
    f.index.emplace(std::string(utf8), handle);
    return handle;
}

void ShapedTextCache::clear()
{
    m_entries.clear();
    for (FontEntry& f : m_fonts) {
        f.index.clear();
    }
}

} // namespace corridor::render

#pragma once
// Text shaping for map labels. FriBiDi resolves the bidirectional levels of a string (paragraph direction taken
// from its first strong character) and the string is cut into runs of one level and one script, put in visual
// order; HarfBuzz shapes each run with that run's script and direction, so Persian and Arabic come out joined
// (contextual forms) and right to left, and Latin and Cyrillic get their kerning.
//
// Units: pixels at the shaper's reference size, x to the right, y DOWN (screen convention), origin at the start
// (left end) of the baseline. Outlines are not hinted, so every number scales linearly to any other size.
// Fonts per script: a shaper has its main font (face 0) and may give a script a font of its own (setScriptFont):
// Persian and Arabic runs are shaped and drawn with Noto Sans Arabic, a face made for the script (the main font,
// DejaVu Sans, has Arabic glyphs, but drawn as a Latin face's afterthought: small, and with a Latin rhythm). Each
// glyph says which face it comes from, so the glyph atlas holds glyphs of both fonts.
// Thread: a TextShaper owns a FreeType library and faces and a HarfBuzz buffer, none of which may be shared
// between threads: use one shaper per thread. One line only: control characters (tabs, line breaks) are shaped
// as spaces.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace corridor::render {

class FontError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The label font: $CORRIDOR_FONT when set (it must exist), else DejaVu Sans from Debian's fonts-dejavu-core, which
// covers Latin, Cyrillic and Arabic-script Persian in one file. Throws FontError naming what was tried.
std::string defaultFontPath();

// The font for Arabic-script runs (Persian labels): $CORRIDOR_ARABIC_FONT when set (it must exist, else FontError),
// else Noto Sans Arabic from Debian's fonts-noto-core when installed, else "" (the main font shapes them itself).
// Noto Sans rather than Noto Naskh: its even strokes and open counters read at 10-12 px with a halo, where Naskh's
// thin strokes and deep descenders do not, and it sits beside DejaVu Sans's Latin without changing the map's voice.
std::string arabicFontPath();

// ISO 15924 script tags as HarfBuzz spells them (hb_script_t), for setScriptFont.
inline constexpr std::uint32_t kScriptArabic = 0x41726162u; // 'Arab'
// Noto Sans Arabic's letters are small beside DejaVu Sans's large x-height: at one label size the Persian name
// looked a size smaller than the English one over it, its bowls and dots 4 px tall at 10 px. Scaled by this they
// match DejaVu's x-height by eye (as its own Arabic glyphs, drawn to it, do).
inline constexpr float kArabicFontScale = 1.2f;

using FaceIndex = std::uint8_t; // a shaper's face: 0 is its main font, then the script fonts in the order added

enum class TextDirection : std::uint8_t { LeftToRight, RightToLeft };

// An axis-aligned box in text pixels (y down). Default-constructed it is empty (min > max).
struct TextBox {
    float minX = 0.0f;
    float minY = 0.0f;
    float maxX = -1.0f;
    float maxY = -1.0f;

    bool empty() const { return !(minX <= maxX && minY <= maxY); }
    float width() const { return empty() ? 0.0f : maxX - minX; }
    float height() const { return empty() ? 0.0f : maxY - minY; }
    void add(const TextBox& other);             // union; an empty box adds nothing
    TextBox scaled(float factor) const;         // about the origin; an empty box stays empty
    TextBox translated(float dx, float dy) const;
};

struct ShapedGlyph {
    std::uint32_t glyph = 0;   // glyph index in the font; 0 is .notdef (the font lacks the character)
    float x = 0.0f;            // glyph origin relative to the baseline start (HarfBuzz offsets included)
    float y = 0.0f;            // y down: negative is above the baseline
    float advance = 0.0f;      // horizontal advance of this glyph
    std::uint32_t cluster = 0; // index of the first code point (in the decoded string) this glyph shows
    FaceIndex face = 0;        // the shaper's face `glyph` indexes (TextShaper::facePath)
};

struct ShapedRun {
    std::uint32_t firstGlyph = 0; // into ShapedText::glyphs
    std::uint32_t glyphCount = 0;
    std::uint32_t firstCodepoint = 0; // logical range of the run in the decoded string
    std::uint32_t codepointCount = 0;
    TextDirection direction = TextDirection::LeftToRight;
    std::uint32_t script = 0; // ISO 15924 tag as HarfBuzz spells it (hb_script_t), e.g. 'Arab', 'Latn', 'Cyrl'
    std::uint8_t level = 0;   // bidi embedding level (odd = right to left)
    FaceIndex face = 0;       // the face the run was shaped with
};

struct ShapedText {
    float referenceSizePx = 0.0f;
    TextDirection direction = TextDirection::LeftToRight; // paragraph direction
    std::vector<ShapedGlyph> glyphs; // visual order, left to right, spaces included
    std::vector<ShapedRun> runs;     // visual order
    float advance = 0.0f;            // total advance width (the pen's travel)
    float ascent = 0.0f;             // the main font's ascender above the baseline (positive), or more where
    float descent = 0.0f;            // glyphs of a script font reach higher (lower): the line box holds the ink
    TextBox ink;                     // exact union of the glyph outlines; empty for blank text
    std::size_t codepointCount = 0;  // of the decoded string (invalid UTF-8 bytes count as U+FFFD each)

    bool empty() const { return glyphs.empty(); }
    bool hasMissingGlyphs() const; // any .notdef
};

class TextShaper {
public:
    // Opens the font file (face 0). Throws FontError when FreeType cannot read it or it has no outlines.
    explicit TextShaper(const std::string& fontPath, float referenceSizePx = 32.0f);
    ~TextShaper();
    TextShaper(TextShaper&&) noexcept;
    TextShaper& operator=(TextShaper&&) noexcept;
    TextShaper(const TextShaper&) = delete;
    TextShaper& operator=(const TextShaper&) = delete;

    // Shapes one line of UTF-8 (invalid sequences become U+FFFD). `out` is overwritten; its storage is reused.
    void shape(std::string_view utf8, ShapedText& out);
    ShapedText shape(std::string_view utf8);

    // Runs of `script` (an hb_script_t tag such as kScriptArabic) are shaped with the font at `path` from now on,
    // its glyphs `scale` times the label size (to match the main font's visual size); a character that font lacks
    // is shaped with the main font. Returns the font's face index. The same path and scale again reuse the face.
    // Throws FontError like the constructor.
    FaceIndex setScriptFont(std::uint32_t script, const std::string& path, float scale = 1.0f);
    std::size_t faceCount() const;
    const std::string& facePath(FaceIndex face) const; // throws std::out_of_range
    float faceScale(FaceIndex face) const;             // 1 for the main font

    const std::string& fontPath() const; // the main font's
    float referenceSizePx() const;
    std::string familyName(FaceIndex face = 0) const;
    // The glyph the font's character map gives a code point, i.e. its isolated (unshaped) form; 0 when missing.
    std::uint32_t nominalGlyph(char32_t codepoint, FaceIndex face = 0) const;
    // The glyph's PostScript name (e.g. "uniFEA7"), for diagnostics and tests; empty when the font has none.
    std::string glyphName(std::uint32_t glyph, FaceIndex face = 0) const;
    // Exact outline bounds of one glyph at the reference size relative to its origin (y down); empty for blanks.
    TextBox glyphInk(std::uint32_t glyph, FaceIndex face = 0);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

using FontId = std::uint16_t;       // index of a font in a ShapedTextCache (0 = the first font)
using LabelHandle = std::uint32_t;  // a cached shaped string
inline constexpr LabelHandle kNoLabel = 0xFFFFFFFFu;

enum class HAlign : std::uint8_t { Left, Center, Right };
// Top and Bottom are the font's ascender and descender lines, Middle halfway between them: the same for every
// label in a font, so labels of mixed scripts line up.
enum class VAlign : std::uint8_t { Top, Middle, Baseline, Bottom };
struct TextAnchor {
    HAlign h = HAlign::Center;
    VAlign v = VAlign::Middle;
};

struct TextPoint {
    float x = 0.0f;
    float y = 0.0f;
};

// A label's size at one font size, in pixels, relative to the start of its baseline (y down), before rotation.
struct TextMetrics {
    float width = 0.0f;   // advance width
    float height = 0.0f;  // ascent + descent
    float ascent = 0.0f;  // positive, above the baseline
    float descent = 0.0f; // positive, below the baseline
    TextBox box;          // layout box: (0, -ascent) to (width, descent)
    TextBox ink;          // exact outline bounds (halo not included: grow by its width); empty for blank text
    TextDirection direction = TextDirection::LeftToRight;

    // Where the baseline start lies relative to the anchor point for this alignment (unrotated).
    TextPoint originFromAnchor(TextAnchor anchor) const;
};

TextMetrics metricsAt(const ShapedText& shaped, float sizePx);

// Shaped strings by (font, text), so a label repeated every frame is shaped once. Looking up a cached string does
// not allocate. Handles stay valid until clear(). Same thread rules as TextShaper.
class ShapedTextCache {
public:
    explicit ShapedTextCache(const std::string& fontPath, float referenceSizePx = 32.0f); // throws FontError
    FontId addFont(const std::string& path); // the same path twice gives the same id
    // TextShaper::setScriptFont for every font, present and added later. Forgets every cached string (handles
    // become invalid), since they were shaped without it: call it before preparing labels.
    void setScriptFont(std::uint32_t script, const std::string& path, float scale = 1.0f);
    std::size_t fontCount() const { return m_fonts.size(); }
    const std::string& fontPath(FontId font) const { return m_fonts.at(font).shaper.fontPath(); }
    TextShaper& shaper(FontId font) { return m_fonts.at(font).shaper; }
    const TextShaper& shaper(FontId font) const { return m_fonts.at(font).shaper; }

    LabelHandle prepare(std::string_view utf8, FontId font = 0); // throws std::out_of_range for an unknown font
    const ShapedText& shaped(LabelHandle handle) const { return m_entries.at(handle).text; }
    FontId font(LabelHandle handle) const { return m_entries.at(handle).font; }
    TextMetrics measure(LabelHandle handle, float sizePx) const { return metricsAt(shaped(handle), sizePx); }
    TextMetrics measure(std::string_view utf8, float sizePx, FontId font = 0)
    {
        return measure(prepare(utf8, font), sizePx);
    }

    std::size_t size() const { return m_entries.size(); }
    std::size_t shapeCalls() const { return m_shapeCalls; } // strings shaped so far (cache misses)
    void clear();                                          // forgets every string; handles become invalid

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    struct FontEntry {
        TextShaper shaper;
        std::unordered_map<std::string, LabelHandle, Hash, std::equal_to<>> index;
    };
    struct Entry {
        ShapedText text;
        FontId font = 0;
    };
    float m_referenceSizePx;
    std::vector<FontEntry> m_fonts;
    struct ScriptFont {
        std::uint32_t script = 0;
        std::string path;
        float scale = 1.0f;
    };
    std::vector<ScriptFont> m_scriptFonts;
    std::vector<Entry> m_entries;
    std::size_t m_shapeCalls = 0;
};

// Decodes UTF-8, replacing each invalid or truncated sequence (and surrogates, overlongs) by U+FFFD.
void decodeUtf8(std::string_view utf8, std::vector<char32_t>& out);

} // namespace corridor::render

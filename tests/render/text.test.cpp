#include "render/glyph_atlas.hpp"
#include "render/text_renderer.hpp"
#include "render/text_shaper.hpp"

#include "platform/headless_context.hpp"
#include "render/golden.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <new>
#include <numbers>
#include <string>
#include <vector>

// Counts C++ heap allocations so a test can show that an idle frame makes none. The count is global; tests read
// it only around code that runs on their own thread.
namespace {
std::atomic<std::size_t> g_allocations{0};
}

// GCC's -O2 inlining sees free() on memory from this operator new and warns of a mismatch; the pair is ours and
// consistent (malloc in every new, free in every delete), so the warning is a false positive here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size)
{
    ++g_allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
// Every non-aligned form is replaced, so whatever any library allocates with new is freed by the matching delete.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    ++g_allocations;
    return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop

using namespace corridor;
using render::HAlign;
using render::TextDirection;
using render::VAlign;

namespace {

// Script tags as HarfBuzz spells them (HB_TAG), so the test needs no HarfBuzz header.
constexpr std::uint32_t tag(char a, char b, char c, char d)
{
    return (static_cast<std::uint32_t>(a) << 24) | (static_cast<std::uint32_t>(b) << 16) |
           (static_cast<std::uint32_t>(c) << 8) | static_cast<std::uint32_t>(d);
}

render::TextShaper& shaper()
{
    static render::TextShaper s(render::defaultFontPath());
    return s;
}

std::vector<std::string> glyphNames(const render::ShapedText& t)
{
    std::vector<std::string> names;
    for (const render::ShapedGlyph& g : t.glyphs) {
        names.push_back(shaper().glyphName(g.glyph));
    }
    return names;
}

std::string join(const std::vector<std::string>& names)
{
    std::string s;
    for (const std::string& n : names) {
        s += (s.empty() ? "" : " ") + n;
    }
    return s;
}

// The distance in pixels encoded by an atlas texel.
float texelDistance(std::uint8_t v, int spread) { return (static_cast<float>(v) - 128.0f) / 128.0f * spread; }

} // namespace

TEST_CASE("the default font is DejaVu Sans unless CORRIDOR_FONT says otherwise")
{
    const std::string path = render::defaultFontPath();
    CHECK(!path.empty());
    CHECK(shaper().familyName() == "DejaVu Sans");
    CHECK_THROWS_AS(render::TextShaper("/nonexistent/font.ttf"), render::FontError);
}

TEST_CASE("Latin shapes left to right with a positive advance")
{
    const render::ShapedText t = shaper().shape("Tehran");
    CHECK(t.direction == TextDirection::LeftToRight);
    REQUIRE(t.glyphs.size() == 6);
    REQUIRE(t.runs.size() == 1);
    CHECK(t.runs[0].script == tag('L', 'a', 't', 'n'));
    CHECK(t.advance > 0.0f);
    CHECK(!t.hasMissingGlyphs());
    for (std::size_t i = 1; i < t.glyphs.size(); ++i) {
        CHECK(t.glyphs[i].x > t.glyphs[i - 1].x);
        CHECK(t.glyphs[i].cluster > t.glyphs[i - 1].cluster);
    }
    // Ink sits on the baseline: "T" and "h" rise about 0.73 em; round letters overshoot it by under half a pixel.
    CHECK(t.ink.minY == doctest::Approx(-0.73f * 32.0f).epsilon(0.05));
    CHECK(t.ink.maxY > 0.0f);
    CHECK(t.ink.maxY < 0.5f);
    CHECK(t.ink.maxX <= t.advance + 1.0f);
}

TEST_CASE("Cyrillic shapes with Cyrillic glyphs")
{
    const render::ShapedText t = shaper().shape("Москва");
    REQUIRE(t.glyphs.size() == 6);
    CHECK(!t.hasMissingGlyphs());
    REQUIRE(t.runs.size() == 1);
    CHECK(t.runs[0].script == tag('C', 'y', 'r', 'l'));
    // hb-shape DejaVuSans.ttf "Москва" gives these glyphs.
    CHECK(join(glyphNames(t)) == "uni041C uni043E uni0441 uni043A uni0432 uni0430");
    // Not the Latin look-alikes: the Cyrillic "о" and "а" are their own glyphs.
    CHECK(t.glyphs[1].glyph != shaper().nominalGlyph(U'o'));
    CHECK(t.glyphs[5].glyph != shaper().nominalGlyph(U'a'));
}

TEST_CASE("Persian shapes right to left with contextual forms, in visual order")
{
    const std::string text = "خلیج فارس"; // logical: khah lam yeh jeem, space, feh alef reh seen
    const render::ShapedText t = shaper().shape(text);
    CHECK(t.direction == TextDirection::RightToLeft);
    REQUIRE(t.runs.size() == 1);
    CHECK(t.runs[0].direction == TextDirection::RightToLeft);
    CHECK(t.runs[0].script == tag('A', 'r', 'a', 'b'));
    REQUIRE(t.glyphs.size() == 9);
    CHECK(!t.hasMissingGlyphs());
    // Visual order: the last letter (seen, cluster 8) is leftmost, the first (khah, cluster 0) rightmost.
    for (std::size_t i = 0; i < t.glyphs.size(); ++i) {
        CHECK(t.glyphs[i].cluster == 8 - i);
    }
    // The reference: hb-shape --direction=rtl --script=arab DejaVuSans.ttf "خلیج فارس" (HarfBuzz 6.0.0).
    CHECK(join(glyphNames(t)) == "uni0633 uni0631 uniFE8E uniFED3 space uniFE9E uniFBFF uniFEE0 uniFEA7");
    // Joined letters take contextual forms, not the isolated glyphs of the character map; reh and seen follow
    // letters that never join forwards (alef, reh), so they rightly stay isolated.
    const char32_t logical[] = {U'خ', U'ل', U'ی', U'ج', U' ', U'ف', U'ا', U'ر', U'س'};
    const bool joined[] = {true, true, true, true, false, true, true, false, false};
    for (std::size_t i = 0; i < t.glyphs.size(); ++i) {
        const std::uint32_t cluster = t.glyphs[i].cluster;
        INFO("cluster " << cluster);
        CHECK((t.glyphs[i].glyph != shaper().nominalGlyph(logical[cluster])) == joined[cluster]);
    }
}

TEST_CASE("mixed Latin and Persian: two runs, the Persian one reversed")
{
    const render::ShapedText t = shaper().shape("Astara آستارا");
    CHECK(t.direction == TextDirection::LeftToRight); // the first strong letter is Latin
    REQUIRE(t.runs.size() == 2);
    CHECK(t.runs[0].direction == TextDirection::LeftToRight);
    CHECK(t.runs[0].script == tag('L', 'a', 't', 'n'));
    CHECK(t.runs[1].direction == TextDirection::RightToLeft);
    CHECK(t.runs[1].script == tag('A', 'r', 'a', 'b'));
    CHECK(!t.hasMissingGlyphs());
    // "Astara " then آستارا as hb-shape --direction=rtl --script=arab shapes it alone.
    CHECK(join(glyphNames(t)) == "A s t a r a space uni0627 uni0631 uniFE8E uniFE98 uniFEB3 uni0622");

    // A Persian paragraph with a Latin word: the paragraph runs right to left, so the Latin run is leftmost.
    const render::ShapedText p = shaper().shape("بندر Abbas");
    CHECK(p.direction == TextDirection::RightToLeft);
    REQUIRE(p.runs.size() >= 2);
    CHECK(p.runs.front().script == tag('L', 'a', 't', 'n'));
    CHECK(p.runs.front().direction == TextDirection::LeftToRight);
    CHECK(p.runs.back().script == tag('A', 'r', 'a', 'b'));
    CHECK(shaper().glyphName(p.glyphs.front().glyph) == "A");
    CHECK(shaper().glyphName(p.glyphs.back().glyph) == "uniFE91"); // initial beh, rightmost
}

TEST_CASE("blank, empty and broken strings shape without trouble")
{
    const render::ShapedText empty = shaper().shape("");
    CHECK(empty.glyphs.empty());
    CHECK(empty.advance == 0.0f);
    CHECK(empty.ink.empty());
    CHECK(empty.ascent > 0.0f);

    const render::ShapedText spaces = shaper().shape("   ");
    CHECK(spaces.glyphs.size() == 3);
    CHECK(spaces.advance > 0.0f);
    CHECK(spaces.ink.empty());

    const render::ShapedText broken = shaper().shape(std::string("A\xff\xe2\x82", 4)); // stray and truncated bytes
    CHECK(broken.codepointCount == 3);                                                 // A, U+FFFD, U+FFFD
    std::vector<char32_t> decoded;
    // The euro sign, a 4-byte emoji, an encoded surrogate, an overlong slash.
    render::decodeUtf8("\xe2\x82\xac\xf0\x9f\x97\xba\xed\xa0\x80\xc0\xaf", decoded);
    REQUIRE(decoded.size() == 4);
    CHECK(decoded[0] == U'€');
    CHECK(decoded[1] == U'\U0001F5FA');
    CHECK(decoded[2] == 0xFFFD);
    CHECK(decoded[3] == 0xFFFD);

    const render::ShapedText control = shaper().shape("\xD8\xA7\n\tA"); // a line break and a tab become spaces
    CHECK(control.codepointCount == 4);
    CHECK(!control.hasMissingGlyphs());
}

TEST_CASE("measurements scale linearly with the size")
{
    render::ShapedTextCache cache(render::defaultFontPath());
    for (const char* text : {"Bandar Abbas", "Астрахань", "بندر عباس", "Tehran تهران"}) {
        INFO(text);
        const render::TextMetrics m12 = cache.measure(text, 12.0f);
        const render::TextMetrics m24 = cache.measure(text, 24.0f);
        const render::TextMetrics m60 = cache.measure(text, 60.0f);
        CHECK(m12.width > 0.0f);
        CHECK(m24.width == doctest::Approx(2.0f * m12.width).epsilon(1e-5));
        CHECK(m60.width == doctest::Approx(5.0f * m12.width).epsilon(1e-5));
        CHECK(m60.height == doctest::Approx(5.0f * m12.height).epsilon(1e-5));
        CHECK(m60.ink.width() == doctest::Approx(5.0f * m12.ink.width()).epsilon(1e-5));
        CHECK(m12.height == doctest::Approx(m12.ascent + m12.descent));
        // The ink lies within the advance, give or take the side bearings, and under the ascender. Arabic reh and
        // noon reach below DejaVu's descender line: that is why placement should use the ink box.
        CHECK(m24.ink.minX >= -1.0f);
        CHECK(m24.ink.maxX <= m24.width + 1.0f);
        CHECK(m24.ink.minY >= -m24.ascent);
        CHECK(m24.ink.maxY <= m24.descent + 0.1f * 24.0f);
        const render::TextPoint centre = m24.originFromAnchor({HAlign::Center, VAlign::Middle});
        CHECK(centre.x == doctest::Approx(-0.5f * m24.width));
        CHECK(centre.y == doctest::Approx(0.5f * (m24.ascent - m24.descent)));
    }
    // Repeating a string reuses its shaping.
    const std::size_t before = cache.shapeCalls();
    const render::LabelHandle a = cache.prepare("Bandar Abbas");
    CHECK(cache.prepare("Bandar Abbas") == a);
    CHECK(cache.shapeCalls() == before);
    CHECK(cache.measure("", 16.0f).width == 0.0f);
    CHECK(cache.measure("   ", 16.0f).ink.empty());
}

TEST_CASE("the glyph atlas packs without overlap, reuses glyphs and grows without moving them")
{
    render::GlyphAtlasOptions options;
    options.width = 128; // small, to force growth
    options.maxHeight = 4096;
    render::GlyphAtlas atlas(options);
    const render::FontHandle font = atlas.addFont(render::defaultFontPath());
    CHECK(atlas.addFont(render::defaultFontPath()) == font);

    const render::ShapedText t = shaper().shape("Bandar Abbas Астрахань بندر عباس Tehran تهران 0123456789");
    std::vector<std::uint32_t> indices;
    for (const render::ShapedGlyph& g : t.glyphs) {
        indices.push_back(atlas.glyphIndex(font, g.glyph));
    }
    CHECK(atlas.height() > options.width); // grew
    const std::vector<std::uint8_t> snapshot(atlas.pixels().begin(), atlas.pixels().begin() + 128 * 128);
    for (int i = 0; i < 40; ++i) { // more glyphs: the first page's texels must not change
        atlas.glyphIndex(font, shaper().nominalGlyph(static_cast<char32_t>(U'А' + i)));
    }
    CHECK(std::equal(snapshot.begin(), snapshot.end(), atlas.pixels().begin()));
    for (std::size_t i = 0; i < t.glyphs.size(); ++i) {
        CHECK(atlas.glyphIndex(font, t.glyphs[i].glyph) == indices[i]);
    }
    const std::size_t count = atlas.stats().glyphs;
    for (std::uint32_t i = 0; i < count; ++i) {
        const render::AtlasGlyph& a = atlas.entry(i);
        if (a.w == 0) {
            continue;
        }
        CHECK(a.x + a.w <= atlas.width());
        CHECK(a.y + a.h <= atlas.height());
        for (std::uint32_t j = i + 1; j < count; ++j) {
            const render::AtlasGlyph& b = atlas.entry(j);
            const bool apart = b.w == 0 || a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            CHECK(apart);
        }
    }
    // Spaces take no texels.
    CHECK(atlas.glyph(font, shaper().nominalGlyph(U' ')).w == 0);
}

TEST_CASE("the supersampled distance transform agrees with FreeType's outline SDF")
{
    render::GlyphAtlasOptions edtOptions;
    render::GlyphAtlasOptions ftOptions;
    ftOptions.method = render::SdfMethod::FreeType;
    render::GlyphAtlas edt(edtOptions);
    render::GlyphAtlas ft(ftOptions);
    const render::FontHandle fe = edt.addFont(render::defaultFontPath());
    const render::FontHandle ff = ft.addFont(render::defaultFontPath());
    const render::ShapedText t = shaper().shape("Bandar Абба خلیج فارس");
    double sum = 0.0;
    double worst = 0.0;
    std::size_t n = 0;
    for (const render::ShapedGlyph& g : t.glyphs) {
        const render::AtlasGlyph& a = edt.glyph(fe, g.glyph);
        const render::AtlasGlyph& b = ft.glyph(ff, g.glyph);
        REQUIRE(a.w == b.w); // same padded box, same placement
        REQUIRE(a.h == b.h);
        CHECK(a.left == b.left);
        CHECK(a.top == b.top);
        for (int y = 0; y < a.h; ++y) {
            for (int x = 0; x < a.w; ++x) {
                const std::uint8_t va = edt.pixels()[static_cast<std::size_t>(a.y + y) * edt.width() + a.x + x];
                const std::uint8_t vb = ft.pixels()[static_cast<std::size_t>(b.y + y) * ft.width() + b.x + x];
                const float db = texelDistance(vb, ftOptions.spreadPx);
                if (std::abs(db) <= 3.0f) { // the band that the fill and halos use
                    const double diff = std::abs(texelDistance(va, edtOptions.spreadPx) - db);
                    sum += diff;
                    worst = std::max(worst, diff);
                    ++n;
                }
            }
        }
    }
    REQUIRE(n > 1000);
    MESSAGE("EDT vs FreeType SDF within 3 px of the outline: mean " << sum / n << " px, worst " << worst
                                                                      << " px; raster ms EDT "
                                                                      << edt.stats().rasterMs << ", FreeType "
                                                                      << ft.stats().rasterMs);
    CHECK(sum / n < 0.1);
    CHECK(worst < 0.75);
}

namespace {

struct Scene {
    platform::HeadlessContext context;
    render::OffscreenTarget target;
    explicit Scene(int w, int h)
        : target(w, h)
    {
    }
};

// A land colour with a band of sea, so halos are judged over two backgrounds.
void clearBackground(int w, int h)
{
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, w, h);
    glClearColor(0.80f, 0.78f, 0.66f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, w, h / 3); // GL rows run bottom-up: the bottom third
    glClearColor(0.56f, 0.71f, 0.84f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glScissor(w * 3 / 4, 0, w / 4, h);
    glClearColor(0.45f, 0.47f, 0.45f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
}

// A 1 px line strip in screen pixels (y down), to show the path a label follows.
void drawPolyline(const std::vector<render::TextPoint>& points, int w, int h)
{
    const char* vs = "#version 330 core\nlayout(location = 0) in vec2 a_p;\nuniform vec2 u_viewport;\n"
                     "void main() { gl_Position = vec4(a_p.x / u_viewport.x * 2.0 - 1.0, "
                     "1.0 - a_p.y / u_viewport.y * 2.0, 0.0, 1.0); }\n";
    const char* fs = "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(0.30, 0.55, 0.85, 1.0); }\n";
    const render::Program program("polyline.vert", vs, "polyline.frag", fs);
    const render::VertexArray vao = render::makeVertexArray();
    const render::Buffer buffer = render::makeBuffer();
    glBindVertexArray(vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, buffer.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(points.size() * sizeof(render::TextPoint)), points.data(),
                 GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(render::TextPoint), nullptr);
    program.use();
    glUniform2f(program.uniform("u_viewport"), static_cast<float>(w), static_cast<float>(h));
    glDrawArrays(GL_LINE_STRIP, 0, static_cast<GLsizei>(points.size()));
    glBindVertexArray(0);
    glUseProgram(0);
}

} // namespace

TEST_CASE("labels in three scripts, three sizes, rotated and along a path match the golden image")
{
    const int w = 800;
    const int h = 460;
    Scene scene(w, h);
    render::TextRenderer text;
    clearBackground(w, h);

    const core::Color ink{0.12f, 0.12f, 0.14f, 1.0f};
    const core::Color white{1.0f, 1.0f, 1.0f, 1.0f};
    auto row = [&](std::initializer_list<const char*> names, float x, float y, float size) {
        for (const char* name : names) {
            render::LabelDraw label;
            label.text = name;
            label.x = x;
            label.y = y;
            label.sizePx = size;
            label.anchor = {HAlign::Left, VAlign::Baseline};
            label.color = ink;
            label.halo = white;
            label.haloWidthPx = size < 14.0f ? 1.5f : 2.0f;
            text.add(label);
            x += text.measure(name, size).width + size * 1.5f;
        }
    };
    row({"Bandar Abbas", "Астрахань", "بندر عباس", "Tehran تهران"}, 16.0f, 30.0f, 12.0f);
    row({"Bandar Abbas", "Астрахань", "بندر عباس", "Tehran تهران"}, 16.0f, 62.0f, 16.0f);
    row({"Bandar Abbas", "Астрахань"}, 16.0f, 110.0f, 28.0f);
    row({"بندر عباس", "Tehran تهران"}, 16.0f, 156.0f, 28.0f);

    // A bold, coloured Persian name across the sea, centred on its anchor, with a translucent halo.
    const render::FontId bold = text.addFont("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    render::LabelDraw sea;
    sea.text = "خلیج فارس Persian Gulf";
    sea.font = bold;
    sea.x = 300.0f;
    sea.y = 400.0f;
    sea.sizePx = 26.0f;
    sea.color = {0.10f, 0.30f, 0.60f, 1.0f};
    sea.halo = {0.85f, 0.92f, 1.0f, 0.9f};
    sea.haloWidthPx = 2.5f;
    text.add(sea);

    // A rotated label (a road name at -25 degrees, crossing the coast) and small ones at 9 and 10 px.
    render::LabelDraw road;
    road.text = "Qazvin — Rasht قزوین";
    road.x = 190.0f;
    road.y = 290.0f;
    road.sizePx = 15.0f;
    road.angle = -25.0f * std::numbers::pi_v<float> / 180.0f;
    road.color = {0.55f, 0.08f, 0.05f, 1.0f};
    road.halo = white;
    road.haloWidthPx = 2.0f;
    text.add(road);

    render::LabelDraw small = road;
    small.angle = 0.0f;
    small.anchor = {HAlign::Left, VAlign::Baseline};
    small.text = "Ардабиль اردبیل 9 px";
    small.x = 380.0f;
    small.y = 215.0f;
    small.sizePx = 9.0f;
    small.haloWidthPx = 1.0f;
    text.add(small);
    small.text = "Ардабиль اردبیل 10 px";
    small.y = 240.0f;
    small.sizePx = 10.0f;
    text.add(small);

    // Along a winding river in the grey column, Latin and Persian on one curved baseline.
    std::vector<render::TextPoint> river;
    for (int i = 0; i <= 40; ++i) {
        const float t = static_cast<float>(i) / 40.0f;
        river.push_back({605.0f + 190.0f * t, 190.0f + 120.0f * t + 28.0f * std::sin(t * 5.0f)});
    }
    drawPolyline(river, w, h);
    render::LabelDraw riverLabel;
    riverLabel.text = "Karun کارون";
    riverLabel.anchor = {HAlign::Center, VAlign::Bottom}; // above the river, clear of it
    riverLabel.sizePx = 16.0f;
    riverLabel.color = {0.05f, 0.25f, 0.55f, 1.0f};
    riverLabel.halo = white;
    riverLabel.haloWidthPx = 1.5f;
    CHECK(text.addAlongPath(riverLabel, river, 120.0f));
    CHECK_FALSE(text.addAlongPath(riverLabel, river, 5.0f)); // would run off the start

    text.draw(w, h);
    CHECK(text.lastFrame().drawCalls == 2);
    CHECK(text.lastFrame().labels == 17);
    const render::Image image{w, h, scene.target.read()};
    test::checkGolden(image, "text_scripts");
}

TEST_CASE("an idle frame reshapes nothing, rasterises nothing and uploads nothing")
{
    Scene scene(320, 120);
    render::TextRenderer text;
    auto frame = [&] {
        for (int i = 0; i < 20; ++i) {
            render::LabelDraw label;
            label.text = i % 2 == 0 ? "Bandar Abbas" : "بندر عباس";
            label.x = 10.0f + static_cast<float>(i) * 12.0f;
            label.y = 20.0f + static_cast<float>(i) * 4.0f;
            label.sizePx = 14.0f;
            label.haloWidthPx = 1.5f;
            text.add(label);
        }
        text.draw(320, 120);
    };
    frame();
    CHECK(text.lastFrame().shapedStrings == 2);
    CHECK(text.lastFrame().rasterisedGlyphs > 0);
    CHECK(text.lastFrame().instancesUploaded);
    CHECK(text.lastFrame().atlasBytesUploaded > 0);
    const std::size_t allocationsBefore = g_allocations.load();
    frame();
    CHECK(g_allocations.load() == allocationsBefore); // shaping cache, instance vectors and GL buffer all reused
    CHECK(text.lastFrame().shapedStrings == 0);
    CHECK(text.lastFrame().rasterisedGlyphs == 0);
    CHECK_FALSE(text.lastFrame().instancesUploaded);
    CHECK(text.lastFrame().atlasBytesUploaded == 0);
    CHECK(text.lastFrame().glyphs == 10 * (11 + 8)); // blanks are not drawn

    // Empty and blank labels queue nothing and draw nothing.
    render::LabelDraw blank;
    blank.text = "";
    text.add(blank);
    blank.text = "    ";
    text.add(blank);
    text.draw(320, 120);
    CHECK(text.lastFrame().glyphs == 0);
    CHECK(text.lastFrame().drawCalls == 0);
}

TEST_CASE("a full atlas drops labels instead of throwing through the frame")
{
    Scene scene(64, 64);
    render::GlyphAtlasOptions tiny;
    tiny.width = 64;
    tiny.maxHeight = 64; // room for one shelf of 32 px glyphs
    render::TextRenderer text(render::defaultFontPath(), tiny);
    render::LabelDraw label;
    label.text = "Bandar Abbas";
    CHECK_NOTHROW(text.add(label));
    text.draw(64, 64);
    CHECK(text.lastFrame().droppedLabels == 1);
    CHECK(text.lastFrame().labels == 0);
}

TEST_CASE("rotated labels turn about their anchor, and path labels follow the path and stay upright")
{
    Scene scene(200, 200);
    render::TextRenderer text;
    render::LabelDraw label;
    label.text = "Rasht رشت";
    label.x = 100.0f;
    label.y = 100.0f;
    label.sizePx = 20.0f;
    label.angle = 0.5f;
    text.add(label);
    REQUIRE(!text.queued().empty());
    for (const auto& g : text.queued()) {
        CHECK(g.anchor[0] == 100.0f);
        CHECK(g.anchor[1] == 100.0f);
        CHECK(g.rotation[0] == doctest::Approx(std::cos(0.5f)));
        CHECK(g.rotation[1] == doctest::Approx(std::sin(0.5f)));
    }
    text.clearQueue();

    // A path drawn right to left: the label must not come out upside down.
    const std::vector<render::TextPoint> path = {{190.0f, 120.0f}, {100.0f, 100.0f}, {10.0f, 120.0f}};
    label.anchor = {HAlign::Center, VAlign::Baseline};
    REQUIRE(text.addAlongPath(label, path, 95.0f));
    const auto glyphs = text.queued();
    REQUIRE(glyphs.size() == 8); // R a s h t and reh, sheen, teh; the space is not drawn
    float previousX = -1.0f;
    for (const auto& g : glyphs) {
        CHECK(g.rotation[0] > 0.9f); // reading left to right
        CHECK(g.anchor[0] > previousX);  // glyphs advance along the path from its left end
        previousX = g.anchor[0];
        // Baseline anchors lie on the path: on one of its two segments.
        const float t = g.anchor[0] < 100.0f ? (100.0f - g.anchor[0]) / 90.0f : (g.anchor[0] - 100.0f) / 90.0f;
        CHECK(g.anchor[1] == doctest::Approx(100.0f + 20.0f * t).epsilon(0.01));
    }
    text.clearQueue();
    CHECK_FALSE(text.addAlongPath(label, path, 10.0f)); // runs off the end
    CHECK(text.queued().empty());
}

TEST_CASE("costs: shaping, atlas for 200 labels, 500 labels at 1920x1080 (run with --no-skip)" * doctest::skip())
{
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    // 200 distinct two-word names drawn from whole alphabets, so the atlas holds what a real map needs:
    // Latin, Cyrillic and every contextual form of the Persian letters.
    const std::vector<std::u32string> alphabets = {
        U"abcdefghijklmnopqrstuvwxyz", U"абвгдежзийклмнопрстуфхцчшщыьэюя", U"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"};
    const std::u32string capitals[] = {U"ABCDEFGHIJKLMNOPQRSTUVWXYZ", U"АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ", U""};
    std::vector<std::string> names;
    std::uint32_t seed = 12345;
    auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    auto utf8 = [](const std::u32string& s) {
        std::string out;
        for (char32_t c : s) {
            if (c < 0x80) {
                out += static_cast<char>(c);
            } else if (c < 0x800) {
                out += static_cast<char>(0xC0 | (c >> 6));
                out += static_cast<char>(0x80 | (c & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (c >> 12));
                out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (c & 0x3F));
            }
        }
        return out;
    };
    for (int i = 0; i < 200; ++i) {
        const std::size_t script = static_cast<std::size_t>(i) % 3;
        std::u32string name;
        for (int word = 0; word < 2; ++word) {
            if (word > 0) {
                name += U' ';
            }
            if (!capitals[script].empty()) {
                name += capitals[script][next() % capitals[script].size()];
            }
            const int letters = 3 + static_cast<int>(next() % 6);
            for (int k = 0; k < letters; ++k) {
                name += alphabets[script][next() % alphabets[script].size()];
            }
        }
        names.push_back(utf8(name));
    }

    render::TextShaper s(render::defaultFontPath());
    render::ShapedText out;
    s.shape(names[0], out); // warm the scratch buffers
    const auto t0 = Clock::now();
    for (const std::string& n : names) {
        s.shape(n, out);
    }
    const double shapeUs = ms(Clock::now() - t0) * 1000.0 / static_cast<double>(names.size());

    Scene scene(1920, 1080);
    render::TextRenderer text;
    const auto t1 = Clock::now();
    for (const std::string& n : names) {
        render::LabelDraw label;
        label.text = n;
        text.add(label);
    }
    text.clearQueue();
    text.atlas().upload();
    glFinish();
    const double atlasMs = ms(Clock::now() - t1);

    double addMs = 0.0;
    auto frame = [&] {
        const auto a = Clock::now();
        for (int i = 0; i < 500; ++i) {
            render::LabelDraw label;
            label.text = names[static_cast<std::size_t>(i) % names.size()];
            label.x = static_cast<float>((i * 197) % 1800 + 60);
            label.y = static_cast<float>((i * 113) % 1040 + 20);
            label.sizePx = 11.0f + static_cast<float>(i % 4) * 3.0f;
            label.angle = i % 7 == 0 ? 0.3f : 0.0f;
            label.haloWidthPx = 1.5f;
            text.add(label);
        }
        addMs += ms(Clock::now() - a);
        text.draw(1920, 1080);
        glFinish();
    };
    frame(); // first frame: instance buffer allocation, shader variants
    addMs = 0.0;
    const int frames = 5;
    const auto t2 = Clock::now();
    for (int i = 0; i < frames; ++i) {
        frame();
    }
    const double drawMs = ms(Clock::now() - t2) / frames;
    const render::AtlasStats atlas = text.atlas().stats();
    MESSAGE("shaping " << shapeUs << " us per label; atlas for 200 labels " << atlasMs << " ms (" << atlas.glyphs
                       << " glyphs, " << atlas.rasterMs << " ms of it rasterising; " << text.atlas().width() << "x"
                       << atlas.usedHeight << " texels used); 500 labels (" << text.lastFrame().glyphs
                       << " glyphs) at 1920x1080: " << drawMs << " ms per frame incl. glFinish, of which add() "
                       << addMs / frames << " ms");
    CHECK(text.lastFrame().glyphs > 4000);
}

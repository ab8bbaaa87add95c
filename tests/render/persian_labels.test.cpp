// Labels in Persian (issue 10): Arabic-script runs are shaped and drawn with a font made for them (Noto Sans
// Arabic), joined and right to left; --lang fa shows the Persian names, en+fa English over Persian in one box;
// joined letters only follow nearly straight lines.

#include "render/map_scene.hpp"

#include "core/style_file.hpp"
#include "geo/crs_check.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include "bundled_scene.hpp"
#include "reference_raster.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace corridor;
using test::Coverage;
using test::ReferenceRasteriser;

namespace {

bool isArabicText(const std::string& t)
{
    // UTF-8 lead bytes D8-DB start the Arabic block (U+0600-U+06FF).
    return std::any_of(t.begin(), t.end(), [](char ch) {
        const auto b = static_cast<unsigned char>(ch);
        return b >= 0xD8 && b <= 0xDB;
    });
}

std::string arabicFont()
{
    const std::string path = render::arabicFontPath();
    REQUIRE_MESSAGE(!path.empty(), "Noto Sans Arabic is missing: install fonts-noto-core (scripts/setup.sh)");
    return path;
}

// The bundled map as `corridor export --lang LANG` draws it.
struct BundledMap : test::BundledScene {
    std::vector<render::MapLabels::Shown> labelsAt(core::LabelLanguage language, const core::GeoBox& box)
    {
        doc.labelLanguage = language;
        scene.sync(doc);
        const core::Camera camera = geo::frameView(doc, box, 1600, 1000);
        const render::OffscreenTarget target(1600, 1000);
        target.bind();
        scene.render(camera, doc.background);
        return scene.labels.shown();
    }
};

BundledMap& bundled()
{
    static BundledMap map;
    return map;
}

// A pixel FreeType covers at least half must be drawn with at least 0.15 ink (glyph_coverage.test.cpp says why),
// forgiving a shift of the whole glyph by a pixel. Returns the pixels lost at the best shift.
int lostInk(const Coverage& c, const std::vector<std::uint8_t>& rgba, int width, int height, int& ink)
{
    auto rendered = [&](int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0.0f;
        }
        return 1.0f - static_cast<float>(rgba[(static_cast<std::size_t>(y) * width + x) * 4]) / 255.0f;
    };
    int best = -1;
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            int lost = 0;
            ink = 0;
            for (int y = c.y0; y < c.y0 + c.h; ++y) {
                for (int x = c.x0; x < c.x0 + c.w; ++x) {
                    if (c.at(x, y) >= 128) {
                        ++ink;
                        lost += rendered(x + dx, y + dy) < 0.15f ? 1 : 0;
                    }
                }
            }
            best = best < 0 ? lost : std::min(best, lost);
        }
    }
    return best;
}

// A layer of lines or points in lon/lat near the equator, drawn in Mercator (conformal, and there 1° of longitude
// is 1° of latitude on screen), labelled from `label` and `label_fa`.
struct Named {
    std::string en, fa;
    std::vector<core::Vec2d> points; // one point, or a line's vertices
};

core::MapLayer namedLayer(const std::vector<Named>& items)
{
    core::MapLayer l;
    l.title = "named";
    l.data.name = "named";
    l.data.fields = {core::Field{"label", core::FieldType::String}, core::Field{"label_fa", core::FieldType::String}};
    for (const Named& n : items) {
        core::Feature f;
        const bool point = n.points.size() == 1;
        f.type = point ? core::GeometryType::Point : core::GeometryType::Line;
        f.values = {n.en.empty() ? core::AttrValue{} : core::AttrValue{n.en},
                    n.fa.empty() ? core::AttrValue{} : core::AttrValue{n.fa}};
        f.firstPart = core::appendPart(l.data, point ? core::PartRole::Point : core::PartRole::Line, n.points.data(),
                                       n.points.size());
        f.partCount = 1;
        l.data.features.push_back(std::move(f));
    }
    l.style.base.labelField = "label";
    l.style.base.labelSize = 12.0f;
    l.style.base.labelColor = {0.0f, 0.0f, 0.0f, 1.0f};
    l.style.base.labelHalo = {1.0f, 1.0f, 1.0f, 0.0f};
    l.style.base.stroke = {0.5f, 0.5f, 0.5f, 1.0f};
    l.style.base.strokeWidth = 1.0f;
    l.style.base.markerSize = 4.0f;
    return l;
}

struct SmallMap {
    platform::HeadlessContext context;
    core::MapDocument doc;
    render::MapScene scene;
    core::Camera camera;

    SmallMap(const std::vector<Named>& items, const core::GeoBox& box, int w, int h)
    {
        doc.viewCrs = geo::normalizeCrsDefinition("+proj=merc +datum=WGS84");
        doc.background = {1.0f, 1.0f, 1.0f, 1.0f};
        doc.layers.push_back(namedLayer(items));
        geo::buildMeshes(doc);
        scene.load(doc);
        camera = geo::frameView(doc, box, w, h);
    }

    render::Image draw(core::LabelLanguage language)
    {
        doc.labelLanguage = language;
        scene.sync(doc);
        const render::OffscreenTarget target(static_cast<int>(camera.widthPx), static_cast<int>(camera.heightPx));
        target.bind();
        scene.render(camera, doc.background);
        return {target.width(), target.height(), target.read()};
    }
};

} // namespace

TEST_CASE("Arabic-script runs are shaped with the Arabic font, joined and right to left, Latin with the main font")
{
    const std::string arabic = arabicFont();
    CHECK(arabic.find("NotoSansArabic") != std::string::npos);
    render::TextShaper shaper(render::defaultFontPath());
    const render::FaceIndex face = shaper.setScriptFont(render::kScriptArabic, arabic);
    REQUIRE(face == 1);
    CHECK(shaper.familyName(face) == "Noto Sans Arabic");

    const render::ShapedText t = shaper.shape("Tehran تهران");
    REQUIRE(t.runs.size() >= 2);
    CHECK(t.direction == render::TextDirection::LeftToRight);
    CHECK(!t.hasMissingGlyphs());
    std::size_t arabicGlyphs = 0;
    for (const render::ShapedRun& run : t.runs) {
        const bool isArabic = run.script == render::kScriptArabic;
        CHECK(run.face == (isArabic ? face : 0));
        for (std::uint32_t i = run.firstGlyph; i < run.firstGlyph + run.glyphCount; ++i) {
            CHECK(t.glyphs[i].face == run.face);
            arabicGlyphs += isArabic ? 1 : 0;
        }
        if (isArabic) {
            // Right to left: the leftmost glyph shows the last letter.
            CHECK(run.direction == render::TextDirection::RightToLeft);
            CHECK(t.glyphs[run.firstGlyph].cluster > t.glyphs[run.firstGlyph + run.glyphCount - 1].cluster);
        }
    }
    CHECK(arabicGlyphs >= 4);

    // Joined: the first letter of تهران takes its initial form, not the isolated one of the character map.
    const render::ShapedText word = shaper.shape("تهران");
    REQUIRE(!word.glyphs.empty());
    const render::ShapedGlyph& first = word.glyphs.back(); // visual order: the first letter is on the right
    CHECK(first.face == face);
    CHECK(first.glyph != shaper.nominalGlyph(U'\u062A', face));
    // Without a script font the main font shapes everything (one face), as before.
    render::TextShaper plain(render::defaultFontPath());
    for (const render::ShapedGlyph& g : plain.shape("Tehran تهران").glyphs) {
        CHECK(g.face == 0);
    }
}

TEST_CASE("a character the Arabic font lacks is drawn by the main font, and the words around it stay Arabic")
{
    render::TextShaper shaper(render::defaultFontPath());
    const render::FaceIndex face = shaper.setScriptFont(render::kScriptArabic, arabicFont());
    // The en dash of "Qazvin–Rasht" in Persian is not in Noto Sans Arabic (nor the snowman); both are in DejaVu.
    for (const char32_t missing : {U'\u2013', U'\u2603'}) {
        REQUIRE(shaper.nominalGlyph(missing, face) == 0);
        REQUIRE(shaper.nominalGlyph(missing, 0) != 0);
    }
    for (const char* text : {"قزوین–رشت", "رشت \u2603"}) {
        CAPTURE(text);
        const render::ShapedText t = shaper.shape(text);
        CHECK(!t.hasMissingGlyphs());
        std::size_t fromMain = 0, fromArabic = 0;
        for (const render::ShapedGlyph& g : t.glyphs) {
            (g.face == face ? fromArabic : fromMain) += 1;
        }
        CHECK(fromMain == 1);    // the dash, the snowman
        CHECK(fromArabic >= 3);  // every letter
    }
}

TEST_CASE("--lang fa: the bundled map's Persian labels are drawn with the Arabic font and keep their ink")
{
    BundledMap& map = bundled();
    const std::string arabic = arabicFont();
    const std::vector<render::MapLabels::Shown> shown =
        map.labelsAt(core::LabelLanguage::Fa, core::GeoBox{48.0, 36.5, 49.8, 38.6});
    render::TextRenderer& text = map.scene.labels.text();
    std::size_t persian = 0;
    for (const auto& s : shown) {
        CHECK(s.second.empty());
        if (!isArabicText(s.text)) {
            continue;
        }
        ++persian;
        const render::ShapedText& shaped = text.cache().shaped(s.handle);
        const render::TextShaper& shaper = text.cache().shaper(text.cache().font(s.handle));
        std::vector<char32_t> codepoints;
        render::decodeUtf8(s.text, codepoints);
        for (const render::ShapedGlyph& g : shaped.glyphs) {
            // Every letter from the Arabic font; only what it lacks (the en dash of "Rasht–Astara") from DejaVu.
            const char32_t c = codepoints.at(g.cluster);
            if (c >= 0x600 && c <= 0x6FF) {
                CHECK_MESSAGE(shaper.facePath(g.face) == arabic, s.text);
            }
        }
    }
    // Rasht, Astara, the stations, Iran, the railways: their Persian names.
    CHECK(persian >= 10);
    CHECK(std::any_of(shown.begin(), shown.end(), [](const auto& s) { return s.text == "رشت"; }));

    // Each Persian label drawn on its own (black, no halo) against FreeType's coverage of the same glyphs of the
    // Arabic font at the same pen positions: no stroke, dot or join may go missing.
    const int w = 1024, h = 512;
    const render::OffscreenTarget target(w, h);
    target.bind();
    glViewport(0, 0, w, h);
    glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    struct Drawn {
        const render::MapLabels::Shown* label;
        float size;
        int x, y;
    };
    std::vector<Drawn> drawn;
    int x = 4, y = 24;
    for (const float size : {10.0f, 12.0f}) {
        for (const auto& s : shown) {
            if (!isArabicText(s.text)) {
                continue;
            }
            const int width = static_cast<int>(std::ceil(text.measure(s.handle, size).width)) + 8;
            if (x + width > w) {
                x = 4;
                y += 28;
            }
            REQUIRE(y < h);
            render::LabelDraw d;
            d.shaped = s.handle;
            d.x = static_cast<float>(x);
            d.y = static_cast<float>(y);
            d.sizePx = size;
            d.anchor = {render::HAlign::Left, render::VAlign::Baseline};
            text.add(d);
            drawn.push_back({&s, size, x, y});
            x += width;
        }
    }
    text.draw(w, h);
    const std::vector<std::uint8_t> rgba = target.read();
    std::map<std::string, ReferenceRasteriser> references;
    std::size_t glyphs = 0;
    std::vector<std::string> failures;
    for (const Drawn& d : drawn) {
        const render::ShapedText& shaped = text.cache().shaped(d.label->handle);
        const render::TextShaper& shaper = text.cache().shaper(text.cache().font(d.label->handle));
        const float scale = d.size / shaped.referenceSizePx;
        for (const render::ShapedGlyph& g : shaped.glyphs) {
            const std::string& path = shaper.facePath(g.face);
            ReferenceRasteriser& reference = references.try_emplace(path, path).first->second;
            const Coverage c = reference.render(g.glyph, d.size * shaper.faceScale(g.face), static_cast<float>(d.x) + g.x * scale,
                                                static_cast<float>(d.y) + g.y * scale);
            if (c.w == 0) {
                continue;
            }
            int ink = 0;
            const int lost = lostInk(c, rgba, w, h, ink);
            ++glyphs;
            if (lost > 0) {
                std::ostringstream m;
                m << "glyph " << g.glyph << " of " << d.label->text << " at " << d.size << " px: " << lost << " of "
                  << ink << " inked pixels lost";
                failures.push_back(m.str());
            }
        }
    }
    CHECK(glyphs > 60);
    for (const std::string& f : failures) {
        MESSAGE(f);
    }
    if (!failures.empty()) {
        std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
        render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/persian_coverage.png", {w, h, rgba});
    }
    CHECK(failures.empty());
}

TEST_CASE("en+fa: English over Persian is one label with one collision box, and Persian falls back to English")
{
    // Rasht has both names; Astara has none in Persian.
    SmallMap map({{"Rasht", "رشت", {{0.0, 0.0}}}, {"Astara", "", {{0.0, -0.5}}}}, core::GeoBox{-1.0, -1.0, 1.0, 0.5},
                 400, 300);
    map.draw(core::LabelLanguage::En);
    const auto en = map.scene.labels.shown();
    map.draw(core::LabelLanguage::Fa);
    const auto fa = map.scene.labels.shown();
    const render::Image image = map.draw(core::LabelLanguage::EnFa);
    const auto both = map.scene.labels.shown();
    REQUIRE(en.size() == 2);
    REQUIRE(fa.size() == 2);
    REQUIRE(both.size() == 2);
    auto find = [](const std::vector<render::MapLabels::Shown>& v, std::uint32_t feature) {
        const auto it = std::find_if(v.begin(), v.end(), [&](const auto& s) { return s.feature == feature; });
        REQUIRE(it != v.end());
        return *it;
    };
    CHECK(find(en, 0).text == "Rasht");
    CHECK(find(fa, 0).text == "رشت");
    CHECK(find(fa, 1).text == "Astara"); // no Persian name: English
    const auto rasht = find(both, 0);
    CHECK(rasht.text == "Rasht");
    CHECK(rasht.second == "رشت");
    CHECK(find(both, 1).second.empty());
    // One box, two lines high.
    const core::ScreenBox one = find(en, 0).placed.box;
    const core::ScreenBox two = rasht.placed.box;
    CHECK(two.maxY - two.minY > 1.8 * (one.maxY - one.minY));
    // Both lines' ink lies inside that box: nothing of the label is drawn where the placement did not reserve room.
    // Labels are black on white, the marker grey; count the black pixels near Rasht outside its box.
    int inside = 0, outside = 0;
    const core::Vec2d at = rasht.anchor;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* px = &image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4];
            if (px[0] > 60 || std::hypot(x - at.x, y - at.y) > 80 || std::hypot(x - at.x, y - at.y) < 4) {
                continue;
            }
            const bool in = x >= two.minX - 1 && x <= two.maxX + 1 && y >= two.minY - 1 && y <= two.maxY + 1;
            (in ? inside : outside) += 1;
            if (!in) {
                // The other label (Astara) is elsewhere: it must not be within Rasht's box either.
                CHECK(!(x >= two.minX && x <= two.maxX && y >= two.minY && y <= two.maxY));
            }
        }
    }
    const core::ScreenBox astara = find(both, 1).placed.box;
    CHECK(!astara.overlaps(two));
    CHECK(inside > 30);
    // What lies outside Rasht's box within 80 px is Astara's label only.
    int astaraInk = 0;
    for (int y = static_cast<int>(astara.minY) - 1; y <= static_cast<int>(astara.maxY) + 1; ++y) {
        for (int x = static_cast<int>(astara.minX) - 1; x <= static_cast<int>(astara.maxX) + 1; ++x) {
            if (x >= 0 && y >= 0 && x < image.width && y < image.height &&
                image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4] <= 60 &&
                std::hypot(x - at.x, y - at.y) <= 80 && std::hypot(x - at.x, y - at.y) >= 4) {
                ++astaraInk;
            }
        }
    }
    CHECK(outside == astaraInk);
}

TEST_CASE("Persian line labels follow only nearly straight stretches: a 20 degree bend is for Latin text only")
{
    // Two lines of the same length: one bent by 20° halfway, one straight.
    const double c = std::cos(0.349), s = std::sin(0.349);
    SmallMap map({{"Qazvin–Rasht", "قزوین–رشت", {{0.0, 0.0}, {0.35, 0.0}, {0.35 + 0.35 * c, 0.35 * s}}},
                  {"Rasht–Astara", "رشت–آستارا", {{0.0, -0.8}, {0.7, -0.8}}}},
                 core::GeoBox{-0.1, -1.0, 1.0, 0.4}, 260, 240);
    map.draw(core::LabelLanguage::En);
    const auto en = map.scene.labels.shown();
    map.draw(core::LabelLanguage::Fa);
    const auto fa = map.scene.labels.shown();
    auto has = [](const std::vector<render::MapLabels::Shown>& v, const std::string& t) {
        return std::any_of(v.begin(), v.end(), [&](const auto& l) { return l.text == t; });
    };
    // The bend is where the English name has to sit (the line is too short for it on either leg)…
    CHECK(has(en, "Qazvin–Rasht"));
    CHECK(has(en, "Rasht–Astara"));
    // …and where the Persian name would break its joins; the straight line carries its Persian name.
    CHECK(!has(fa, "قزوین–رشت"));
    CHECK(has(fa, "رشت–آستارا"));
}

// Every glyph the bundled map labels use must keep its ink when drawn from the SDF atlas: the rendered glyph is
// compared with FreeType's own anti-aliased coverage of the same outline at the same size and pen position.
// (Issue 8: the "n" of "Iran" and "Yemen" and the "r" of "Syria" lost their stems in the overview.)

#include "render/text_renderer.hpp"

#include "core/style_file.hpp"
#include "geo/loader.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/offscreen_target.hpp"

#include <doctest/doctest.h>

#include "reference_raster.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace corridor;
using test::Coverage;
using test::ReferenceRasteriser;

namespace {

// The label texts of the bundled data and the label sizes its style sheet draws them at.
struct BundledLabels {
    std::set<std::string> texts;
    std::set<float> sizes;
};

BundledLabels bundledLabels()
{
    const std::string dir = CORRIDOR_GEODATA_DIR;
    const core::StyleSheet sheet = core::loadStyleSheet(dir + "/style.toml");
    BundledLabels out;
    for (const auto& [name, layer] : sheet.layers) {
        auto addSize = [&](const core::StyleRule& rule) {
            if (std::find(rule.sets.begin(), rule.sets.end(), "label-size") != rule.sets.end()) {
                out.sizes.insert(rule.patch.labelSize);
            }
        };
        addSize(layer.base);
        for (const core::StyleRule& rule : layer.rules) {
            addSize(rule);
        }
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".geojson") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& file : files) {
        for (const core::Layer& layer : geo::loadSource(file.string()).layers) {
            // The field the sheet labels with, and every label_* field beside it: label_fa holds the Persian
            // names a Persian sheet shows, so its glyphs (contextual forms included) must draw as well.
            std::set<std::string> fields;
            const core::LayerStyle style = core::styleFor(sheet, layer.name, core::LayerStyle{});
            if (!style.base.labelField.empty()) {
                fields.insert(style.base.labelField);
            }
            for (const core::Field& f : layer.fields) {
                if (f.name.rfind("label", 0) == 0 && f.type == core::FieldType::String) {
                    fields.insert(f.name);
                }
            }
            for (const core::Feature& feature : layer.features) {
                for (const std::string& field : fields) {
                    if (const core::AttrValue* v = layer.value(feature, field)) {
                        const std::string text = core::formatValue(*v);
                        if (!text.empty()) {
                            out.texts.insert(text);
                        }
                    }
                }
            }
        }
    }
    return out;
}


struct Placed {
    render::LabelHandle handle = render::kNoLabel;
    const std::string* text = nullptr;
    float sizePx = 0.0f;
    int x = 0; // baseline start, whole pixels (unrotated labels are drawn from a whole-pixel baseline anyway)
    int y = 0;
};

// The metric. A pixel FreeType covers at least half is ink the map must show. With an exact distance field its
// centre lies inside the outline, where the text shader's smoothstep(-0.5, 0.5, d) gives at least 0.5, or, at an
// inner right-angled corner, up to 1 - sqrt(1/2) = 0.21 px outside it, which still gives 0.20. The atlas's field
// is off by 0.05 base px on average (0.44 at worst, see text.test.cpp): 0.02 px (0.17) at 12 px. A lost stroke, or
// one whose edge became a hard step, leaves such pixels at or near 0. 0.15 lies between; a correct render draws
// at least 0.27 on every such pixel of the bundled labels. A shift of the whole glyph by up to 1 px either way is
// forgiven (two rasterisers may round a pen position differently), but not a per-pixel search, so a missing stem
// cannot be "found" in its neighbour. Neighbouring glyphs only add ink, so checking each glyph inside its label
// (where the map shows it, at the sub-pixel phases its advances give) hides no loss of its own.
constexpr std::uint8_t kInkedByFreeType = 128; // coverage >= 50 %
constexpr float kMinRenderedInk = 0.15f;

struct GlyphCheck {
    int ink = 0;  // pixels FreeType covers at least half
    int lost = 0; // of those, drawn under kMinRenderedInk at the best shift
    float worst = 1.0f; // least rendered ink on such a pixel at that shift
};

template <typename Rendered>
GlyphCheck checkGlyph(const Coverage& c, const Rendered& rendered)
{
    GlyphCheck best;
    best.lost = -1;
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            GlyphCheck r;
            for (int y = c.y0; y < c.y0 + c.h; ++y) {
                for (int x = c.x0; x < c.x0 + c.w; ++x) {
                    if (c.at(x, y) < kInkedByFreeType) {
                        continue;
                    }
                    ++r.ink;
                    const float v = rendered(x + dx, y + dy);
                    r.worst = std::min(r.worst, v);
                    r.lost += v < kMinRenderedInk ? 1 : 0;
                }
            }
            if (best.lost < 0 || r.lost < best.lost || (r.lost == best.lost && r.worst > best.worst)) {
                best = r;
            }
        }
    }
    return best;
}

} // namespace

TEST_CASE("every glyph of the bundled labels keeps its ink at every label size the style uses")
{
    const BundledLabels labels = bundledLabels();
    REQUIRE(labels.texts.size() > 50);
    REQUIRE(!labels.sizes.empty());
    // The label_fa names are part of the set: UTF-8 lead bytes D8-DB start the Arabic block (U+0600-U+06FF).
    const bool persian = std::any_of(labels.texts.begin(), labels.texts.end(), [](const std::string& t) {
        return std::any_of(t.begin(), t.end(), [](char ch) {
            const auto b = static_cast<unsigned char>(ch);
            return b >= 0xD8 && b <= 0xDB;
        });
    });
    REQUIRE(persian);

    const int w = 1024;
    const int h = 1024;
    platform::HeadlessContext context;
    render::OffscreenTarget target(w, h);
    render::TextRenderer text;
    render::TextShaper names(render::defaultFontPath());
    ReferenceRasteriser reference(render::defaultFontPath());

    std::size_t glyphsChecked = 0;
    std::size_t inkPixels = 0;
    float worst = 1.0f;
    std::vector<std::string> failures;
    std::vector<Placed> page;
    int pageNumber = 0;

    // Draws the queued labels (black on white, no halo: the red channel is 255 * (1 - coverage)) and checks each
    // glyph of each against FreeType at its own pen position.
    auto checkPage = [&]() {
        text.draw(w, h);
        const std::vector<std::uint8_t> rgba = target.read();
        auto rendered = [&](int x, int y) {
            if (x < 0 || y < 0 || x >= w || y >= h) {
                return 0.0f;
            }
            return 1.0f - static_cast<float>(rgba[(static_cast<std::size_t>(y) * w + x) * 4]) / 255.0f;
        };
        std::vector<std::uint8_t> expected(rgba.size(), 255); // FreeType's coverage, written out on failure
        const std::size_t failuresBefore = failures.size();
        for (const Placed& p : page) {
            const render::ShapedText& shaped = text.cache().shaped(p.handle);
            const float scale = p.sizePx / shaped.referenceSizePx;
            for (const render::ShapedGlyph& g : shaped.glyphs) {
                const float penX = static_cast<float>(p.x) + g.x * scale;
                const Coverage c = reference.render(g.glyph, p.sizePx, penX, static_cast<float>(p.y) + g.y * scale);
                if (c.w == 0) {
                    continue;
                }
                for (int y = std::max(c.y0, 0); y < std::min(c.y0 + c.h, h); ++y) {
                    for (int x = std::max(c.x0, 0); x < std::min(c.x0 + c.w, w); ++x) {
                        std::uint8_t* px = &expected[(static_cast<std::size_t>(y) * w + x) * 4];
                        px[0] = px[1] = px[2] = static_cast<std::uint8_t>(px[0] * (255 - c.at(x, y)) / 255);
                    }
                }
                const GlyphCheck r = checkGlyph(c, rendered);
                ++glyphsChecked;
                inkPixels += static_cast<std::size_t>(r.ink);
                worst = std::min(worst, r.worst);
                if (r.lost > 0) {
                    std::ostringstream s;
                    s << names.glyphName(g.glyph) << " (glyph " << g.glyph << ") of \"" << *p.text << "\" at "
                      << p.sizePx << " px, pen (" << penX << ", " << p.y << ") on page " << pageNumber << ": "
                      << r.lost << " of " << r.ink << " inked pixels drawn under " << kMinRenderedInk
                      << " (least " << r.worst << ")";
                    failures.push_back(s.str());
                }
            }
        }
        if (failures.size() > failuresBefore) {
            const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/glyph_coverage_page" +
                                    std::to_string(pageNumber);
            std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
            render::writePng(out + ".png", {w, h, rgba});
            render::writePng(out + ".freetype.png", {w, h, expected});
        }
        page.clear();
        ++pageNumber;
    };
    auto clear = [&]() {
        target.bind();
        glViewport(0, 0, w, h);
        glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
    };

    // Every text at every size, in rows; each label's glyphs land at the sub-pixel phases its own advances give,
    // as on the map.
    clear();
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    for (const float size : labels.sizes) {
        for (const std::string& t : labels.texts) {
            const render::LabelHandle handle = text.prepare(t);
            const int width = static_cast<int>(std::ceil(text.measure(handle, size).width)) + 8;
            if (x + width > w || y == 0) {
                x = 4;
                y += rowHeight;
                rowHeight = static_cast<int>(std::ceil(size * 2.0f));
                if (y == 0) {
                    y = rowHeight;
                }
            }
            if (y + rowHeight > h) {
                checkPage();
                clear();
                y = rowHeight;
            }
            render::LabelDraw d;
            d.shaped = handle;
            d.x = static_cast<float>(x);
            d.y = static_cast<float>(y);
            d.sizePx = size;
            d.anchor = {render::HAlign::Left, render::VAlign::Baseline};
            d.color = {0.0f, 0.0f, 0.0f, 1.0f};
            d.haloWidthPx = 0.0f;
            text.add(d);
            page.push_back({handle, &t, size, x, y});
            x += width;
        }
    }
    checkPage();
    CHECK(text.lastFrame().droppedLabels == 0);

    MESSAGE(labels.texts.size() << " label texts at " << labels.sizes.size() << " sizes: " << glyphsChecked
                                << " glyphs, " << inkPixels << " inked pixels, least ink drawn on one " << worst);
    REQUIRE(glyphsChecked > 1000);
    for (std::size_t i = 0; i < std::min<std::size_t>(failures.size(), 30); ++i) {
        MESSAGE(failures[i]);
    }
    CHECK_MESSAGE(failures.empty(), failures.size() << " glyphs lost ink (pages written to " << CORRIDOR_TEST_OUTPUT
                                                    << "/glyph_coverage_page*.png)");
}

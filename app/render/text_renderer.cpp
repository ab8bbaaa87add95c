#include "render/text_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace corridor::render {

static_assert(sizeof(TextRenderer::GlyphInstance) == 56, "GlyphInstance must stay tightly packed (memcmp, stride)");

namespace {

constexpr FontHandle kNoAtlasFont = 0xFFFF;

std::uint8_t toByte(float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

void setColor(std::uint8_t (&out)[4], const core::Color& c)
{
    out[0] = toByte(c.r);
    out[1] = toByte(c.g);
    out[2] = toByte(c.b);
    out[3] = toByte(c.a);
}

} // namespace

TextRenderer::TextRenderer(const std::string& fontPath, GlyphAtlasOptions atlasOptions)
    : m_cache(fontPath)
    , m_atlas(atlasOptions)
    , m_program(loadProgram("text"))
    , m_vao(makeVertexArray())
    , m_instanceBuffer(makeBuffer())
{
    m_atlasFonts.push_back({m_atlas.addFont(fontPath)});

    glBindVertexArray(m_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m_instanceBuffer.id());
    constexpr GLsizei stride = sizeof(GlyphInstance);
    auto attribute = [](GLuint index, GLint count, GLenum type, GLboolean normalized, std::size_t offset) {
        glEnableVertexAttribArray(index);
        glVertexAttribPointer(index, count, type, normalized, stride, reinterpret_cast<const void*>(offset));
        glVertexAttribDivisor(index, 1);
    };
    attribute(0, 2, GL_FLOAT, GL_FALSE, offsetof(GlyphInstance, anchor));
    attribute(1, 2, GL_FLOAT, GL_FALSE, offsetof(GlyphInstance, offset));
    attribute(2, 2, GL_FLOAT, GL_FALSE, offsetof(GlyphInstance, size));
    attribute(3, 2, GL_FLOAT, GL_FALSE, offsetof(GlyphInstance, rotation));
    attribute(4, 4, GL_UNSIGNED_SHORT, GL_FALSE, offsetof(GlyphInstance, texel));
    attribute(5, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(GlyphInstance, color));
    attribute(6, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(GlyphInstance, halo));
    attribute(7, 2, GL_FLOAT, GL_FALSE, offsetof(GlyphInstance, haloWidth));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

FontId TextRenderer::addFont(const std::string& path)
{
    return m_cache.addFont(path); // its faces join the atlas as their glyphs are first drawn
}

void TextRenderer::setScriptFont(std::uint32_t script, const std::string& path, float scale)
{
    clearCache();
    m_cache.setScriptFont(script, path, scale);
}

FontHandle TextRenderer::atlasFont(FontId font, FaceIndex face)
{
    if (m_atlasFonts.size() <= font) {
        m_atlasFonts.resize(static_cast<std::size_t>(font) + 1);
    }
    std::vector<FontHandle>& faces = m_atlasFonts[font];
    if (faces.size() <= face) {
        faces.resize(static_cast<std::size_t>(face) + 1, kNoAtlasFont);
    }
    if (faces[face] == kNoAtlasFont) {
        const TextShaper& shaper = m_cache.shaper(font);
        faces[face] = m_atlas.addFont(shaper.facePath(face), shaper.faceScale(face)); // one per path and scale
    }
    return faces[face];
}

float TextRenderer::maxHaloWidth(float sizePx) const
{
    const float pxPerTexel = sizePx / static_cast<float>(m_atlas.basePx());
    return std::max(0.0f, static_cast<float>(m_atlas.spreadPx()) * pxPerTexel - 1.0f);
}

const std::uint32_t* TextRenderer::atlasEntries(LabelHandle handle)
{
    if (handle >= m_spans.size()) {
        m_spans.resize(static_cast<std::size_t>(handle) + 1);
    }
    GlyphSpan& span = m_spans[handle];
    if (!span.resolved) {
        const ShapedText& shaped = m_cache.shaped(handle);
        const FontId font = m_cache.font(handle);
        span.first = static_cast<std::uint32_t>(m_entries.size());
        span.count = static_cast<std::uint32_t>(shaped.glyphs.size());
        for (const ShapedGlyph& g : shaped.glyphs) {
            m_entries.push_back(m_atlas.glyphIndex(atlasFont(font, g.face), g.glyph));
        }
        span.resolved = true;
    }
    return m_entries.data() + span.first;
}

const std::uint32_t* TextRenderer::tryAtlasEntries(LabelHandle handle)
{
    try {
        return atlasEntries(handle);
    } catch (const AtlasFull&) {
        // A full atlas drops the label rather than throwing through the frame; the stats say so.
        ++m_droppedLabels;
        return nullptr;
    }
}

LabelHandle TextRenderer::resolve(const LabelDraw& label)
{
    if (label.shaped != kNoLabel) {
        return label.shaped;
    }
    return m_cache.prepare(label.text, label.font);
}

void TextRenderer::pushGlyph(const LabelDraw& label, const AtlasGlyph& e, float anchorX, float anchorY, float offsetX,
                             float offsetY, float cosA, float sinA)
{
    const float pxPerTexel = label.sizePx / static_cast<float>(m_atlas.basePx());
    GlyphInstance g{};
    g.anchor[0] = anchorX;
    g.anchor[1] = anchorY;
    g.offset[0] = offsetX + e.left * pxPerTexel;
    g.offset[1] = offsetY + e.top * pxPerTexel;
    g.size[0] = static_cast<float>(e.w) * pxPerTexel;
    g.size[1] = static_cast<float>(e.h) * pxPerTexel;
    g.rotation[0] = cosA;
    g.rotation[1] = sinA;
    g.texel[0] = e.x;
    g.texel[1] = e.y;
    g.texel[2] = e.w;
    g.texel[3] = e.h;
    setColor(g.color, label.color);
    setColor(g.halo, label.halo);
    g.haloWidth = label.halo.a > 0.0f ? std::clamp(label.haloWidthPx, 0.0f, maxHaloWidth(label.sizePx)) : 0.0f;
    g.pxPerTexel = pxPerTexel;
    m_anyHalo = m_anyHalo || g.haloWidth > 0.0f;
    m_instances.push_back(g);
}

void TextRenderer::add(const LabelDraw& label)
{
    if (!(label.sizePx > 0.0f)) {
        return;
    }
    const LabelHandle handle = resolve(label);
    const ShapedText& shaped = m_cache.shaped(handle);
    if (shaped.empty()) {
        return;
    }
    const std::uint32_t* entries = tryAtlasEntries(handle);
    if (entries == nullptr) {
        return;
    }
    const float scale = label.sizePx / shaped.referenceSizePx;
    const TextPoint origin = metricsAt(shaped, label.sizePx).originFromAnchor(label.anchor);
    const float cosA = std::cos(label.angle);
    const float sinA = std::sin(label.angle);
    float anchorX = label.x;
    float anchorY = label.y;
    float originX = origin.x;
    float originY = origin.y;
    if (label.angle == 0.0f) {
        // Whole-pixel baselines: horizontal strokes land on pixel rows the same way every frame.
        anchorX = std::round(label.x + origin.x);
        anchorY = std::round(label.y + origin.y);
        originX = 0.0f;
        originY = 0.0f;
    }
    for (std::size_t i = 0; i < shaped.glyphs.size(); ++i) {
        const AtlasGlyph& e = m_atlas.entry(entries[i]);
        if (e.w == 0) {
            continue;
        }
        const ShapedGlyph& g = shaped.glyphs[i];
        pushGlyph(label, e, anchorX, anchorY, originX + g.x * scale, originY + g.y * scale, cosA, sinA);
    }
    ++m_labelCount;
}

bool TextRenderer::addAlongPath(const LabelDraw& label, std::span<const TextPoint> path, float distancePx,
                                float uprightSpanPx)
{
    if (!(label.sizePx > 0.0f) || path.size() < 2) {
        return false;
    }
    const LabelHandle handle = resolve(label);
    const ShapedText& shaped = m_cache.shaped(handle);
    if (shaped.empty()) {
        return false;
    }
    const std::uint32_t* entries = tryAtlasEntries(handle);
    if (entries == nullptr) {
        return false;
    }
    const float scale = label.sizePx / shaped.referenceSizePx;
    const TextMetrics metrics = metricsAt(shaped, label.sizePx);
    const TextPoint origin = metrics.originFromAnchor(label.anchor);

    // Cumulative lengths; no allocation per frame would need a scratch vector, but paths are short and this keeps
    // the function reentrant. The walk below is linear in the path.
    float total = 0.0f;
    for (std::size_t i = 1; i < path.size(); ++i) {
        total += std::hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
    }
    const float start = distancePx + origin.x;
    const float end = start + metrics.width;
    if (start < 0.0f || end > total) {
        return false;
    }
    // Point and unit direction at distance s along the path, walked forwards or backwards.
    auto at = [&](float s, bool reversed, TextPoint& p, TextPoint& dir) {
        if (reversed) {
            s = total - s;
        }
        float walked = 0.0f;
        for (std::size_t i = 1; i < path.size(); ++i) {
            const TextPoint a = path[i - 1];
            const TextPoint b = path[i];
            const float len = std::hypot(b.x - a.x, b.y - a.y);
            if (len <= 0.0f) {
                continue;
            }
            if (walked + len >= s || i + 1 == path.size()) {
                const float t = std::clamp((s - walked) / len, 0.0f, 1.0f);
                p = {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
                dir = {(b.x - a.x) / len, (b.y - a.y) / len};
                if (reversed) {
                    dir = {-dir.x, -dir.y};
                }
                return;
            }
            walked += len;
        }
        p = path.back();
        dir = {1.0f, 0.0f};
    };
    // Upright: read the chord over the label's extent; if it points left, lay the label from the other end.
    TextPoint p0, p1, d;
    if (uprightSpanPx > 0.0f) {
        at(std::max(0.0f, distancePx - 0.5f * uprightSpanPx), false, p0, d);
        at(std::min(total, distancePx + 0.5f * uprightSpanPx), false, p1, d);
    } else {
        at(start, false, p0, d);
        at(end, false, p1, d);
    }
    const bool reversed = p1.x < p0.x;
    const float base = reversed ? total - end : start; // distance of the label's left end, in walking direction

    for (std::size_t i = 0; i < shaped.glyphs.size(); ++i) {
        const AtlasGlyph& e = m_atlas.entry(entries[i]);
        if (e.w == 0) {
            continue;
        }
        const ShapedGlyph& g = shaped.glyphs[i];
        // Each glyph pivots about the middle of its advance on the baseline.
        const float mid = (g.x + 0.5f * g.advance) * scale;
        TextPoint p, dir;
        at(base + mid, reversed, p, dir);
        // The baseline sits origin.y below the path (across it, in the label's own y-down frame).
        const float nx = -dir.y;
        const float ny = dir.x;
        const float ax = p.x + nx * origin.y;
        const float ay = p.y + ny * origin.y;
        pushGlyph(label, e, ax, ay, g.x * scale - mid, g.y * scale, dir.x, dir.y);
    }
    ++m_labelCount;
    return true;
}

void TextRenderer::clearCache()
{
    clearQueue();
    m_cache.clear();
    m_spans.clear();
    m_entries.clear();
    m_shapeCallsAtFrameStart = m_cache.shapeCalls();
}

void TextRenderer::clearQueue()
{
    m_instances.clear();
    m_anyHalo = false;
    m_labelCount = 0;
    m_droppedLabels = 0;
}

void TextRenderer::draw(int viewportWidth, int viewportHeight, float originX, float originY)
{
    m_stats = {};
    m_stats.labels = m_labelCount;
    m_stats.droppedLabels = m_droppedLabels;
    m_stats.glyphs = m_instances.size();
    m_stats.shapedStrings = m_cache.shapeCalls() - m_shapeCallsAtFrameStart;
    m_stats.rasterisedGlyphs = m_atlas.stats().glyphs - m_atlasGlyphsAtFrameStart;

    if (!m_instances.empty() && viewportWidth > 0 && viewportHeight > 0) {
        m_atlas.upload();
        glBindVertexArray(m_vao.id());
        glBindBuffer(GL_ARRAY_BUFFER, m_instanceBuffer.id());
        const bool same = m_instances.size() == m_uploaded.size() &&
                          std::memcmp(m_instances.data(), m_uploaded.data(),
                                      m_instances.size() * sizeof(GlyphInstance)) == 0;
        if (!same) {
            const auto bytes = static_cast<GLsizeiptr>(m_instances.size() * sizeof(GlyphInstance));
            if (m_instances.size() > m_bufferCapacity) {
                // Grow with headroom so a slowly growing label count does not reallocate every frame.
                m_bufferCapacity = std::max<std::size_t>(m_instances.size() + m_instances.size() / 2, 256);
                glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_bufferCapacity * sizeof(GlyphInstance)),
                             nullptr, GL_DYNAMIC_DRAW);
            }
            glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, m_instances.data());
            m_uploaded.assign(m_instances.begin(), m_instances.end());
            m_stats.instancesUploaded = true;
        }

        glViewport(0, 0, viewportWidth, viewportHeight);
        // The shader anti-aliases every edge and quads are transparent at their borders, so multisampling adds
        // nothing but cost (on llvmpipe it doubles the time of a 4x MSAA target).
        const GLboolean multisample = glIsEnabled(GL_MULTISAMPLE);
        glDisable(GL_MULTISAMPLE);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_CULL_FACE);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        m_program.use();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, m_atlas.texture());
        glUniform1i(m_program.uniform("u_atlas"), 0);
        glUniform2f(m_program.uniform("u_viewport"), static_cast<float>(viewportWidth),
                    static_cast<float>(viewportHeight));
        glUniform2f(m_program.uniform("u_origin"), originX, originY);
        glUniform2f(m_program.uniform("u_atlasSize"), static_cast<float>(m_atlas.width()),
                    static_cast<float>(m_atlas.height()));
        glUniform1f(m_program.uniform("u_spread"), static_cast<float>(m_atlas.spreadPx()));
        const GLint pass = m_program.uniform("u_pass");
        const auto count = static_cast<GLsizei>(m_instances.size());
        // Every halo first, then every fill: a glyph's halo must not cover the ink of the glyph before it.
        if (m_anyHalo) {
            glUniform1i(pass, 0);
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count);
            ++m_stats.drawCalls;
        }
        glUniform1i(pass, 1);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count);
        ++m_stats.drawCalls;
        if (multisample == GL_TRUE) {
            glEnable(GL_MULTISAMPLE);
        }
        glBindVertexArray(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
        glUseProgram(0);
    }
    const AtlasStats atlasStats = m_atlas.stats();
    m_stats.atlasBytesUploaded = atlasStats.uploadedBytes - m_atlasBytesAtFrameStart;
    m_shapeCallsAtFrameStart = m_cache.shapeCalls();
    m_atlasGlyphsAtFrameStart = atlasStats.glyphs;
    m_atlasBytesAtFrameStart = atlasStats.uploadedBytes;
    clearQueue();
}

} // namespace corridor::render

#include "render/map_renderer.hpp"

#include "core/density.hpp"
#include "core/phase_times.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>

namespace corridor::render {

namespace {

void setColor(GLint location, const core::Color& c, float opacity)
{
    glUniform4f(location, c.r, c.g, c.b, c.a * opacity);
}

void setTransform(const Program& p, const core::Camera& camera, core::Vec2d origin)
{
    const core::ClipTransform t = core::clipTransform(camera, origin);
    glUniform2f(p.uniform("u_scale"), t.scale[0], t.scale[1]);
    glUniform2f(p.uniform("u_offset"), t.offset[0], t.offset[1]);
}

// Static data read by the vertex shader through texelFetch on a buffer texture.
void uploadTexelBuffer(Buffer& buffer, Texture& texture, const void* data, std::size_t bytes, GLenum format)
{
    buffer = makeBuffer();
    glBindBuffer(GL_TEXTURE_BUFFER, buffer.id());
    glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(bytes), data, GL_STATIC_DRAW);
    texture = makeTexture();
    glBindTexture(GL_TEXTURE_BUFFER, texture.id());
    glTexBuffer(GL_TEXTURE_BUFFER, format, buffer.id());
    glBindTexture(GL_TEXTURE_BUFFER, 0);
    glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

// Which cells of a cells × cells grid over the chunk's bounds its segments reach: bit x of word y, each segment
// marking the cells of its bounding box.
std::vector<std::uint32_t> segmentCells(const core::LineChunk& c, int cells)
{
    std::vector<std::uint32_t> bits(static_cast<std::size_t>(cells), 0);
    const double x0 = c.bounds.minX - c.origin.x, y0 = c.bounds.minY - c.origin.y;
    const double sx = cells / std::max(c.bounds.width(), 1e-9), sy = cells / std::max(c.bounds.height(), 1e-9);
    const auto cell = [&](double v, double origin, double scale) {
        return std::clamp(static_cast<int>((v - origin) * scale), 0, cells - 1);
    };
    for (std::size_t k = 0; k + 1 < c.vertices.size(); ++k) {
        const core::LineVertex& a = c.vertices[k];
        const core::LineVertex& b = c.vertices[k + 1];
        if (a.kind != core::LineVertex::kDraw || b.kind != core::LineVertex::kDraw) {
            continue;
        }
        const int cx0 = cell(std::min(a.x, b.x), x0, sx), cx1 = cell(std::max(a.x, b.x), x0, sx);
        const int cy0 = cell(std::min(a.y, b.y), y0, sy), cy1 = cell(std::max(a.y, b.y), y0, sy);
        const std::uint32_t row = (cx1 - cx0 + 1 >= 32 ? ~0u : ((1u << (cx1 - cx0 + 1)) - 1u)) << cx0;
        for (int y = cy0; y <= cy1; ++y) {
            bits[static_cast<std::size_t>(y)] |= row;
        }
    }
    return bits;
}

// Whether a pixel-exact field over `bounds` with texels `texel` wide was made for the camera's pixels: they are
// core::kPixelSamples texels wide, and the field's corner is where four of them meet.
bool onFieldPixels(const core::Camera& camera, const core::Bounds& bounds, double texel)
{
    const double pixel = texel * core::kPixelSamples;
    if (!(std::abs(pixel - camera.unitsPerPixel) <= 1e-9 * camera.unitsPerPixel)) {
        return false;
    }
    const double x = (bounds.minX - (camera.center.x - 0.5 * camera.widthPx * camera.unitsPerPixel)) / pixel;
    const double y = (bounds.minY - (camera.center.y - 0.5 * camera.heightPx * camera.unitsPerPixel)) / pixel;
    return std::abs(x - std::round(x)) < 1e-3 && std::abs(y - std::round(y)) < 1e-3;
}

// The widest line a batch draws (stroke or casing), pixels at pixel scale 1: what its distance fields must reach.
float drawnLineWidth(const core::Symbolizer& s)
{
    const float stroke = s.stroke.a > 0.0f ? s.strokeWidth : 0.0f;
    const float casing = s.casing.a > 0.0f ? s.casingWidth : 0.0f;
    return std::max(stroke, casing);
}

} // namespace

MapRenderer::MapRenderer()
    : m_emptyVao(makeVertexArray())
    , m_quadVao(makeVertexArray())
    , m_quadIndices(makeBuffer())
    , m_fill(loadProgram("fill"))
    , m_line(loadProgram("line"))
    , m_field(loadProgram("field"))
    , m_point(loadProgram("point"))
    , m_coverageProgram(loadProgram("coverage"))
    , m_coverageVao(makeVertexArray())
    , m_coverageRects(makeBuffer())
{
    glBindVertexArray(m_coverageVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m_coverageRects.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

MapRenderer::GpuLayer MapRenderer::upload(const core::LayerMesh& mesh)
{
    GpuLayer layer;
    layer.sharedOutlines = mesh.sharedOutlines;
    for (const core::MeshBatch& b : mesh.batches) {
        GpuBatch& gb = layer.batches.emplace_back();
        gb.symbolizer = b.symbolizer;
        for (const core::MeshLevel& level : b.levels) {
        GpuLevel& gl = gb.levels.emplace_back();
        gl.tolerance = level.tolerance;
        for (const core::FillChunk& c : level.fills) {
            GpuChunk& g = gl.fills.emplace_back();
            g.origin = c.origin;
            g.bounds = c.bounds;
            g.vao = makeVertexArray();
            g.vertices = makeBuffer();
            g.indices = makeBuffer();
            glBindVertexArray(g.vao.id());
            glBindBuffer(GL_ARRAY_BUFFER, g.vertices.id());
            glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(c.vertices.size() * sizeof(float)), c.vertices.data(),
                         GL_STATIC_DRAW);
            glEnableVertexAttribArray(0);
            glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
            glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.indices.id());
            glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(c.indices.size() * sizeof(std::uint32_t)),
                         c.indices.data(), GL_STATIC_DRAW);
            g.count = static_cast<GLsizei>(c.indices.size());
            layer.bytes += c.vertices.size() * sizeof(float) + c.indices.size() * sizeof(std::uint32_t);
        }
        for (const core::DistanceField& f : level.fields) {
            GpuChunk& g = gl.fields.emplace_back();
            g.bounds = f.bounds;
            g.origin = f.bounds.center();
            g.texture = makeTexture();
            glBindTexture(GL_TEXTURE_2D, g.texture.id());
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, f.width, f.height, 0, GL_RED, GL_UNSIGNED_BYTE, f.distance.data());
            glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            glBindTexture(GL_TEXTURE_2D, 0);
            g.texel = f.texel;
            g.pixelExact = f.pixelExact;
            layer.bytes += f.distance.size();
        }
        // The outlines of areas that share borders go through the coverage image (see Coverage).
        const bool covered = mesh.sharedOutlines && (!level.fills.empty() || !level.fringe.empty());
        for (const auto* source : {&level.lines, &level.fringe}) {
            for (const core::LineChunk& c : *source) {
                GpuChunk& g = (source == &level.lines ? gl.lines : gl.fringe).emplace_back();
                g.origin = c.origin;
                g.bounds = c.bounds;
                if (covered && source == &level.lines) {
                    g.cells = segmentCells(c, kCells);
                }
                uploadTexelBuffer(g.vertices, g.texture, c.vertices.data(), c.vertices.size() * sizeof(core::LineVertex),
                                  GL_RGBA32F);
                g.count = static_cast<GLsizei>(c.vertices.size());
                layer.bytes += c.vertices.size() * sizeof(core::LineVertex);
                reserveQuadIndices(c.vertices.size() - 1);
            }
        }
        }
        for (const core::PointChunk& c : b.points) {
            GpuChunk& g = gb.points.emplace_back();
            g.origin = c.origin;
            g.bounds = c.bounds;
            uploadTexelBuffer(g.vertices, g.texture, c.positions.data(), c.positions.size() * sizeof(float), GL_RG32F);
            g.count = static_cast<GLsizei>(c.positions.size() / 2);
            layer.bytes += c.positions.size() * sizeof(float);
        }
    }
    glBindVertexArray(0);
    return layer;
}

void MapRenderer::reserveQuadIndices(std::size_t segments)
{
    if (segments <= m_quadSegments) {
        return;
    }
    std::vector<std::uint32_t> indices;
    indices.reserve(segments * 6);
    for (std::uint32_t k = 0; k < segments; ++k) {
        for (const std::uint32_t corner : {0u, 1u, 2u, 2u, 1u, 3u}) {
            indices.push_back(4 * k + corner);
        }
    }
    glBindVertexArray(m_quadVao.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_quadIndices.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)), indices.data(),
                 GL_STATIC_DRAW);
    glBindVertexArray(0);
    m_quadSegments = segments;
}

std::size_t MapRenderer::addLayer(const core::LayerMesh& mesh)
{
    const core::PhaseScope timing(core::Phase::Upload);
    m_layers.push_back(upload(mesh));
    return m_layers.size() - 1;
}

void MapRenderer::replaceLayer(std::size_t slot, const core::LayerMesh& mesh)
{
    const core::PhaseScope timing(core::Phase::Upload);
    if (slot < m_layers.size()) {
        m_layers[slot] = upload(mesh);
    }
}

void MapRenderer::removeLayer(std::size_t slot)
{
    if (slot < m_layers.size()) {
        m_layers.erase(m_layers.begin() + static_cast<std::ptrdiff_t>(slot));
    }
}

std::size_t MapRenderer::gpuBytes() const
{
    std::size_t bytes = m_quadSegments * 6 * sizeof(std::uint32_t);
    for (const GpuLayer& l : m_layers) {
        bytes += l.bytes;
    }
    return bytes;
}

bool MapRenderer::visible(const core::Camera& camera, const core::Bounds& bounds, double marginPx)
{
    core::Bounds view = camera.visibleWorld();
    const double margin = marginPx * camera.unitsPerPixel;
    view.minX -= margin;
    view.minY -= margin;
    view.maxX += margin;
    view.maxY += margin;
    const bool in = view.intersects(bounds);
    ++(in ? m_stats.chunksDrawn : m_stats.chunksCulled);
    return in;
}

void MapRenderer::setPixelScale(float scale)
{
    m_pixelScale = core::checkedPixelScale(scale);
}

const MapRenderer::GpuLevel* MapRenderer::GpuBatch::pick(double unitsPerPixel, double texelUnitsPerPixel,
                                                          double widthPx, double pixelScale) const
{
    if (levels.empty()) {
        return nullptr;
    }
    std::size_t fits = 0;
    for (std::size_t i = 1; i < levels.size(); ++i) {
        if (core::levelFits(levels[i].tolerance, unitsPerPixel)) {
            fits = i;
        }
    }
    // The mesh made a level's dense chunks fields only for lines that a field reaches at pixel scale 1 where the
    // level is drawn (core::buildLayerMesh); drawn wider, at a larger pixel scale, it would paint its whole
    // rectangle. Those chunks have no segments at that level, so a finer one is drawn: finer fields have smaller
    // texels still, so in practice the nearest level without fields (the data as read has none; an export's
    // one-shot mesh may have none, and then its fields draw the lines as wide as they reach, see field.frag).
    // A level whose fields do not reach at scale 1 either (the coarsest of a pyramid that stopped early, far out)
    // is drawn as it always was, so scale 1 draws what it did.
    const auto reaches = [&](const GpuLevel& l, double width) {
        return l.fields.empty() || core::fieldDrawsWidth(width, l.fields.front().texel / texelUnitsPerPixel);
    };
    if (widthPx <= 0.0 || reaches(levels[fits], widthPx * pixelScale) || !reaches(levels[fits], widthPx)) {
        return &levels[fits];
    }
    for (std::size_t i = fits; i-- > 0;) {
        if (reaches(levels[i], widthPx * pixelScale)) {
            return &levels[i];
        }
    }
    return &levels[fits];
}

const std::vector<MapRenderer::GpuChunk>* MapRenderer::prepare(const core::Camera& camera, const GpuBatch& batch, Pass pass,
                                                              float opacity)
{
    const core::Symbolizer& s = batch.symbolizer;
    if (pass == Pass::Points) {
        if (batch.points.empty() || s.markerSize <= 0.0f) {
            return nullptr;
        }
        m_point.use();
        glUniform2f(m_point.uniform("u_viewport"), static_cast<float>(camera.widthPx), static_cast<float>(camera.heightPx));
        glUniform1f(m_point.uniform("u_size"), s.markerSize * m_pixelScale);
        glUniform1f(m_point.uniform("u_pixelScale"), m_pixelScale);
        glUniform1i(m_point.uniform("u_shape"), static_cast<GLint>(s.marker));
        setColor(m_point.uniform("u_fill"), s.markerFill, opacity);
        setColor(m_point.uniform("u_outline"), s.markerOutline, opacity);
        glUniform1f(m_point.uniform("u_outlineWidth"), m_pixelScale);
        glUniform1i(m_point.uniform("u_points"), 0);
        glActiveTexture(GL_TEXTURE0);
        glBindVertexArray(m_emptyVao.id());
        return &batch.points;
    }
    const GpuLevel* level = levelFor(camera, batch);
    if (level == nullptr) {
        return nullptr;
    }
    if (pass == Pass::Fill) {
        if (level->fills.empty() || (s.fill.a <= 0.0f && !s.hatch)) {
            return nullptr;
        }
        m_fill.use();
        setColor(m_fill.uniform("u_color"), s.fill, opacity);
        glUniform1i(m_fill.uniform("u_hatch"), s.hatch ? 1 : 0);
        setColor(m_fill.uniform("u_hatchColor"), s.hatchColor, opacity);
        // Fixed to the screen (gl_FragCoord), so the pattern scales with the image: 2× the pixels, 2× the spacing.
        glUniform1f(m_fill.uniform("u_hatchSpacing"), 8.0f * m_pixelScale);
        glUniform2f(m_fill.uniform("u_imageOrigin"), m_imageOrigin[0], m_imageOrigin[1]);
        glUniform1f(m_fill.uniform("u_hatchWidth"), 1.5f * m_pixelScale);
        return &level->fills;
    }
    if (pass == Pass::FieldCasing || pass == Pass::FieldStroke) {
        const bool casing = pass == Pass::FieldCasing;
        const float width = casing ? s.casingWidth : s.strokeWidth;
        const core::Color color = casing ? s.casing : s.stroke;
        if (level->fields.empty() || width <= 0.0f || color.a <= 0.0f) {
            return nullptr;
        }
        m_field.use();
        setColor(m_field.uniform("u_color"), color, opacity);
        glUniform1i(m_field.uniform("u_coverageOnly"), 0);
        glUniform1f(m_field.uniform("u_halfWidth"), width * 0.5f * m_pixelScale);
        glUniform1f(m_field.uniform("u_fieldScale"), core::kFieldScale);
        glUniform1f(m_field.uniform("u_fieldReach"), static_cast<float>(core::kFieldReach));
        glUniform1i(m_field.uniform("u_field"), 0);
        glActiveTexture(GL_TEXTURE0);
        glBindVertexArray(m_emptyVao.id());
        return &level->fields;
    }
    const bool fringe = pass == Pass::Fringe;
    const bool casing = pass == Pass::Casing;
    // The fringe is a pixel at scale 1 (half a pixel of anti-aliased edge outside the fill), scaled like the rest so a
    // downsampled large image keeps the fill's extent.
    const float width = (fringe ? 1.0f : casing ? s.casingWidth : s.strokeWidth) * m_pixelScale;
    const core::Color color = fringe ? s.fill : casing ? s.casing : s.stroke;
    const std::vector<GpuChunk>& chunks = fringe ? level->fringe : level->lines;
    if (chunks.empty() || width <= 0.0f || color.a <= 0.0f) {
        return nullptr;
    }
    m_line.use();
    setColor(m_line.uniform("u_color"), color, opacity);
    glUniform1i(m_line.uniform("u_coverageOnly"), 0);
    glUniform1f(m_line.uniform("u_halfWidth"), width * 0.5f);
    glUniform2f(m_line.uniform("u_viewport"), static_cast<float>(camera.widthPx), static_cast<float>(camera.heightPx));
    glUniform1f(m_line.uniform("u_pixelsPerUnit"), static_cast<float>(1.0 / camera.unitsPerPixel));
    // A casing is continuous under its dashed line: dashes show the casing colour in their gaps.
    const std::size_t dashCount = pass != Pass::Stroke ? 0 : std::min<std::size_t>(s.dash.size() & ~std::size_t{1}, 8);
    float dash[8] = {};
    float dashLength = 0.0f;
    for (std::size_t i = 0; i < dashCount; ++i) {
        dash[i] = std::max(0.0f, s.dash[i]) * m_pixelScale;
        dashLength += dash[i];
    }
    glUniform1fv(m_line.uniform("u_dash"), 8, dash);
    glUniform1i(m_line.uniform("u_dashCount"), dashLength > 0.0f ? static_cast<GLint>(dashCount) : 0);
    glUniform1f(m_line.uniform("u_dashLength"), std::max(dashLength, m_pixelScale));
    // Fill fringes are closed rings a pixel wide: round joins, whatever the stroke says.
    glUniform1i(m_line.uniform("u_join"), fringe ? 0 : static_cast<GLint>(s.join));
    glUniform1i(m_line.uniform("u_cap"), fringe ? 0 : static_cast<GLint>(s.cap));
    glUniform1f(m_line.uniform("u_miterLimit"), std::max(1.0f, s.miterLimit));
    glUniform1i(m_line.uniform("u_vertices"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(m_quadVao.id());
    return &chunks;
}

std::size_t MapRenderer::drawChunk(const core::Camera& camera, const GpuBatch& batch, Pass pass, const GpuChunk& c)
{
    const core::Symbolizer& s = batch.symbolizer;
    switch (pass) {
    case Pass::Fill:
        if (!visible(camera, c.bounds, 0.0)) {
            return 0;
        }
        setTransform(m_fill, camera, c.origin);
        glBindVertexArray(c.vao.id());
        glDrawElements(GL_TRIANGLES, c.count, GL_UNSIGNED_INT, nullptr);
        m_stats.trianglesDrawn += static_cast<std::size_t>(c.count) / 3;
        return static_cast<std::size_t>(c.count) / 3;
    case Pass::FieldCasing:
    case Pass::FieldStroke: {
        if (!visible(camera, c.bounds, 0.0)) {
            return 0;
        }
        setTransform(m_field, camera, c.origin);
        const float hx = static_cast<float>(c.bounds.width() / 2), hy = static_cast<float>(c.bounds.height() / 2);
        glUniform4f(m_field.uniform("u_rect"), -hx, -hy, hx, hy);
        glUniform1f(m_field.uniform("u_texelPx"), static_cast<float>(c.texel / camera.unitsPerPixel));
        glBindTexture(GL_TEXTURE_2D, c.texture.id());
        // A field made on the pixels of the image the camera draws (or of a tile of it) is read sample by sample;
        // anywhere else (no path draws one there) it is filtered like any other.
        glUniform1i(m_field.uniform("u_exact"), c.pixelExact && onFieldPixels(camera, c.bounds, c.texel) ? 1 : 0);
        glDrawArrays(GL_TRIANGLES, 0, 6);
        // A quad over the field's area: count its screen area in segment-sized units of work.
        const double px = c.bounds.width() * c.bounds.height() / (camera.unitsPerPixel * camera.unitsPerPixel);
        return static_cast<std::size_t>(px / 16.0) + 1;
    }
    case Pass::Points:
        if (!visible(camera, c.bounds, s.markerSize * m_pixelScale)) {
            return 0;
        }
        setTransform(m_point, camera, c.origin);
        glBindTexture(GL_TEXTURE_BUFFER, c.texture.id());
        glDrawArrays(GL_TRIANGLES, 0, c.count * 6);
        m_stats.pointsDrawn += static_cast<std::size_t>(c.count);
        return static_cast<std::size_t>(c.count);
    case Pass::Fringe:
    case Pass::Casing:
    case Pass::Stroke: {
        const float width =
            (pass == Pass::Fringe ? 1.0f : pass == Pass::Casing ? s.casingWidth : s.strokeWidth) * m_pixelScale;
        // Joins reach up to the miter limit past a vertex.
        if (!visible(camera, c.bounds, width * std::max(1.0f, s.miterLimit))) {
            return 0;
        }
        setTransform(m_line, camera, c.origin);
        glBindTexture(GL_TEXTURE_BUFFER, c.texture.id());
        glUniform1i(m_line.uniform("u_vertexCount"), c.count);
        glDrawElements(GL_TRIANGLES, (c.count - 1) * 6, GL_UNSIGNED_INT, nullptr);
        m_stats.segmentsDrawn += static_cast<std::size_t>(c.count - 1);
        return static_cast<std::size_t>(c.count - 1);
    }
    }
    return 0;
}

const std::vector<MapRenderer::GpuChunk>& MapRenderer::strokes(const GpuLevel& level, Pass pass)
{
    return isField(pass) ? level.fields : level.lines;
}

const MapRenderer::GpuLevel* MapRenderer::levelFor(const core::Camera& camera, const GpuBatch& batch) const
{
    return batch.pick(camera.unitsPerPixel * m_frame.coarseness, camera.unitsPerPixel, drawnLineWidth(batch.symbolizer),
                      m_pixelScale);
}

std::optional<core::Color> MapRenderer::outlineColor(const core::Camera& camera, const Step& step) const
{
    if (step.pass == Pass::Fill || step.pass == Pass::Fringe || step.pass == Pass::Points ||
        step.slot >= m_layers.size() || !m_layers[step.slot].sharedOutlines ||
        step.batch >= m_layers[step.slot].batches.size()) {
        return std::nullopt;
    }
    const GpuBatch& batch = m_layers[step.slot].batches[step.batch];
    const GpuLevel* level = levelFor(camera, batch);
    // A batch of areas has fills or fringes at every level; its lines are the areas' rings, as segments or, where
    // dense, distance fields (a border may be a field on one side and segments on the other).
    if (level == nullptr || (level->fills.empty() && level->fringe.empty()) || strokes(*level, step.pass).empty()) {
        return std::nullopt;
    }
    const core::Symbolizer& s = batch.symbolizer;
    const bool casing = step.pass == Pass::Casing || step.pass == Pass::FieldCasing;
    const core::Color c = casing ? s.casing : s.stroke;
    if ((casing ? s.casingWidth : s.strokeWidth) <= 0.0f || c.a <= 0.0f) {
        return std::nullopt;
    }
    return core::Color{c.r, c.g, c.b, c.a * step.opacity};
}

bool MapRenderer::beginCoverage(const core::Camera& camera)
{
    Coverage& c = m_coverage[m_frame.coverage];
    const int w = static_cast<int>(camera.widthPx), h = static_cast<int>(camera.heightPx);
    const bool open = !m_frame.coverageOpen;
    if (open) {
        // The tiles the visible lines of the run's steps may touch: their segments' cells (else their chunks' bounds)
        // grown by the width of a miter join and the anti-aliased pixel.
        c.color = *outlineColor(camera, m_frame.steps[m_frame.step]);
        const core::Bounds view = camera.visibleWorld();
        c.tileColumns = (w + kTile - 1) / kTile;
        const int tileRows = (h + kTile - 1) / kTile;
        c.tiles.assign(static_cast<std::size_t>(c.tileColumns) * static_cast<std::size_t>(tileRows), 0);
        int first[2] = {c.tileColumns, tileRows}, last[2] = {-1, -1}; // the marked tiles' bounding box
        // Marks the tiles a world rectangle grown by `margin` pixels touches.
        const auto tileOf = [&](double world, double viewMin, double marginPx) {
            return static_cast<int>(std::floor(((world - viewMin) / camera.unitsPerPixel + marginPx) / kTile));
        };
        const auto mark = [&](double minX, double minY, double maxX, double maxY, double margin) {
            const int tx0 = std::max(0, tileOf(minX, view.minX, -margin));
            const int ty0 = std::max(0, tileOf(minY, view.minY, -margin));
            const int tx1 = std::min(c.tileColumns - 1, tileOf(maxX, view.minX, margin));
            const int ty1 = std::min(tileRows - 1, tileOf(maxY, view.minY, margin));
            if (tx0 > tx1 || ty0 > ty1) {
                return;
            }
            first[0] = std::min(first[0], tx0);
            first[1] = std::min(first[1], ty0);
            last[0] = std::max(last[0], tx1);
            last[1] = std::max(last[1], ty1);
            for (int ty = ty0; ty <= ty1; ++ty) {
                const std::size_t row = static_cast<std::size_t>(ty) * static_cast<std::size_t>(c.tileColumns);
                for (int tx = tx0; tx <= tx1; ++tx) {
                    c.tiles[row + static_cast<std::size_t>(tx)] = 1;
                }
            }
        };
        for (std::size_t k = m_frame.step; k < m_frame.steps.size(); ++k) {
            const std::optional<core::Color> color = outlineColor(camera, m_frame.steps[k]);
            if (!color || !(*color == c.color)) {
                break;
            }
            const Step& step = m_frame.steps[k];
            const GpuBatch& batch = m_layers[step.slot].batches[step.batch];
            const core::Symbolizer& s = batch.symbolizer;
            const bool casing = step.pass == Pass::Casing || step.pass == Pass::FieldCasing;
            const double width = (casing ? s.casingWidth : s.strokeWidth) * m_pixelScale;
            const double margin = width * std::max(1.0f, s.miterLimit) + 1.0;
            for (const GpuChunk& chunk : strokes(*levelFor(camera, batch), step.pass)) {
                if (!view.intersects(chunk.bounds)) {
                    continue;
                }
                if (chunk.cells.empty()) {
                    mark(chunk.bounds.minX, chunk.bounds.minY, chunk.bounds.maxX, chunk.bounds.maxY, margin);
                    continue;
                }
                const double cw = chunk.bounds.width() / kCells, ch = chunk.bounds.height() / kCells;
                for (int cy = 0; cy < kCells; ++cy) {
                    for (std::uint32_t row = chunk.cells[static_cast<std::size_t>(cy)]; row != 0; row &= row - 1) {
                        const int cx = std::countr_zero(row);
                        const double mx = chunk.bounds.minX + cx * cw, my = chunk.bounds.minY + cy * ch;
                        mark(mx, my, mx + cw, my + ch, margin);
                    }
                }
            }
        }
        // Cleared before the run draws: every tile composited lies in it (the image keeps earlier runs' coverage).
        c.region = {};
        if (last[0] >= 0) {
            c.region = {first[0] * kTile, first[1] * kTile, std::min(w, (last[0] + 1) * kTile) - first[0] * kTile,
                        std::min(h, (last[1] + 1) * kTile) - first[1] * kTile};
        }
    }
    if (c.region.width <= 0 || c.region.height <= 0) {
        return false;
    }
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &c.target);
    if (c.width != w || c.height != h) {
        c.texture = makeTexture();
        glBindTexture(GL_TEXTURE_2D, c.texture.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindTexture(GL_TEXTURE_2D, 0);
        c.fbo = makeFramebuffer();
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, c.fbo.id());
        glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, c.texture.id(), 0);
        if (glCheckFramebufferStatus(GL_DRAW_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(c.target));
            c = {};
            throw GlError("outline coverage image " + std::to_string(w) + "x" + std::to_string(h) +
                          " is incomplete; the GL driver may be out of memory");
        }
        c.width = w;
        c.height = h;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, c.fbo.id());
    glViewport(0, 0, w, h);
    glScissor(c.region.x, c.region.y, c.region.width, c.region.height);
    glEnable(GL_SCISSOR_TEST);
    if (open) {
        glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        m_frame.coverageOpen = true;
    }
    glBlendEquation(GL_MAX);
    const Program& program = isField(m_frame.steps[m_frame.step].pass) ? m_field : m_line;
    glUniform1i(program.uniform("u_coverageOnly"), 1);
    return true;
}

void MapRenderer::endCoverage(const core::Camera& camera, bool stepDone)
{
    Coverage& c = m_coverage[m_frame.coverage];
    glBlendEquation(GL_FUNC_ADD);
    const Program& program = isField(m_frame.steps[m_frame.step].pass) ? m_field : m_line;
    glUniform1i(program.uniform("u_coverageOnly"), 0);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(c.target));
    setFrameState(camera);
    if (!stepDone) {
        return;
    }
    const std::size_t next = m_frame.step + 1;
    if (next < m_frame.steps.size()) {
        const std::optional<core::Color> color = outlineColor(camera, m_frame.steps[next]);
        if (color && *color == c.color) {
            return; // the run goes on
        }
    }
    m_frame.coverageOpen = false;
    // Only the tiles the run's lines reach, each once: runs of marked tiles along each row, as two triangles.
    const int w = static_cast<int>(camera.widthPx), h = static_cast<int>(camera.heightPx);
    std::vector<float> corners;
    for (std::size_t at = 0; at < c.tiles.size();) {
        if (c.tiles[at] == 0) {
            ++at;
            continue;
        }
        const std::size_t row = at / static_cast<std::size_t>(c.tileColumns);
        const std::size_t rowEnd = (row + 1) * static_cast<std::size_t>(c.tileColumns);
        std::size_t end = at;
        while (end < rowEnd && c.tiles[end] != 0) {
            ++end;
        }
        const std::size_t rowStart = row * static_cast<std::size_t>(c.tileColumns);
        const auto x0 = static_cast<float>((at - rowStart) * kTile);
        const auto x1 = static_cast<float>(std::min((end - rowStart) * kTile, static_cast<std::size_t>(w)));
        const auto y0 = static_cast<float>(row * kTile);
        const auto y1 = static_cast<float>(std::min<std::size_t>((row + 1) * kTile, static_cast<std::size_t>(h)));
        corners.insert(corners.end(), {x0, y0, x1, y0, x0, y1, x0, y1, x1, y0, x1, y1});
        at = end;
    }
    if (corners.empty()) {
        return;
    }
    const PixelRect origin = m_frame.viewport.value_or(PixelRect{});
    m_coverageProgram.use();
    glUniform1i(m_coverageProgram.uniform("u_coverage"), 0);
    glUniform2i(m_coverageProgram.uniform("u_origin"), origin.x, origin.y);
    glUniform2f(m_coverageProgram.uniform("u_size"), static_cast<float>(w), static_cast<float>(h));
    setColor(m_coverageProgram.uniform("u_color"), c.color, 1.0f);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, c.texture.id());
    glBindVertexArray(m_coverageVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m_coverageRects.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(corners.size() * sizeof(float)), corners.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(corners.size() / 2));
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    setFrameState(camera);
}

core::Camera tileCamera(const core::Camera& whole, const ImageTile& tile)
{
    core::Camera camera;
    camera.unitsPerPixel = whole.unitsPerPixel;
    camera.widthPx = tile.width;
    camera.heightPx = tile.height;
    camera.center = whole.screenToWorld({tile.x + tile.width / 2.0, tile.y + tile.height / 2.0});
    return camera;
}

void MapRenderer::setFrameState(const core::Camera& camera)
{
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    if (m_frame.viewport) {
        const PixelRect& r = *m_frame.viewport;
        glViewport(r.x, r.y, r.width, r.height);
        glScissor(r.x, r.y, r.width, r.height);
        glEnable(GL_SCISSOR_TEST);
    } else {
        glViewport(0, 0, static_cast<GLsizei>(camera.widthPx), static_cast<GLsizei>(camera.heightPx));
        glDisable(GL_SCISSOR_TEST);
    }
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void MapRenderer::render(const core::Camera& camera, std::span<const LayerView> order, core::Color background)
{
    beginFrame(camera, order, background);
    continueFrame(std::numeric_limits<std::size_t>::max());
}

void MapRenderer::beginFrame(const core::Camera& camera, std::span<const LayerView> order, core::Color background,
                             double coarseness)
{
    m_stats = {};
    m_frame = {};
    ++m_frameId;
    m_frame.camera = camera;
    m_frame.coarseness = std::max(1.0, coarseness);
    setFrameState(camera);
    glClearColor(background.r, background.g, background.b, background.a);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    planFrame(camera, order);
}

void MapRenderer::overlay(const core::Camera& camera, std::span<const LayerView> order, const PixelRect& viewport)
{
    // A frame drawn in slices (the window's view cache) may be under way: it goes on afterwards as if nothing
    // happened (same frame, same id, same stats).
    Frame sliced = std::move(m_frame);
    const FrameStats stats = m_stats;
    m_frame = {};
    m_frame.camera = camera;
    m_frame.viewport = viewport;
    m_frame.coverage = 1;
    planFrame(camera, order);
    continueFrame(std::numeric_limits<std::size_t>::max());
    glDisable(GL_SCISSOR_TEST);
    m_frame = std::move(sliced);
    m_stats = stats;
}

void MapRenderer::planFrame(const core::Camera& camera, std::span<const LayerView> order)
{
    // Style zoom windows are in web-map zoom levels; the view CRS is in metres (as every CRS Corridor offers). They
    // are judged at the pixel scale's zoom, so a 4K image at scale 2 shows what its 1080p view shows.
    const auto zoom = static_cast<float>(core::styleZoom(camera.unitsPerPixel, m_pixelScale));
    for (const LayerView& view : order) {
        if (!view.visible || view.slot >= m_layers.size() || view.opacity <= 0.0f) {
            continue;
        }
        const std::vector<GpuBatch>& batches = m_layers[view.slot].batches;
        // Within a layer: areas, then casings under every line, then lines, then markers on top.
        for (const Pass pass : {Pass::Fill, Pass::FieldCasing, Pass::Casing, Pass::FieldStroke, Pass::Stroke, Pass::Points}) {
            for (std::size_t b = 0; b < batches.size(); ++b) {
                if (zoom < batches[b].symbolizer.minZoom || zoom > batches[b].symbolizer.maxZoom) {
                    continue;
                }
                m_frame.steps.push_back({view.slot, b, pass, view.opacity});
                if (pass == Pass::Fill) {
                    m_frame.steps.push_back({view.slot, b, Pass::Fringe, view.opacity});
                }
            }
        }
    }
}

bool MapRenderer::continueFrame(std::size_t budget)
{
    const core::Camera& camera = m_frame.camera;
    setFrameState(camera);
    std::size_t work = 0;
    bool done = true;
    for (; m_frame.step < m_frame.steps.size(); ++m_frame.step, m_frame.chunk = 0) {
        const Step& step = m_frame.steps[m_frame.step];
        if (step.slot >= m_layers.size() || step.batch >= m_layers[step.slot].batches.size()) {
            continue; // the layer changed under a frame in progress
        }
        const GpuBatch& batch = m_layers[step.slot].batches[step.batch];
        const std::vector<GpuChunk>* chunks = prepare(camera, batch, step.pass, step.opacity);
        if (chunks == nullptr) {
            continue;
        }
        const bool covered = outlineColor(camera, step).has_value() && beginCoverage(camera);
        for (; m_frame.chunk < chunks->size(); ++m_frame.chunk) {
            if (work >= budget) {
                done = false;
                break;
            }
            work += std::max<std::size_t>(drawChunk(camera, batch, step.pass, (*chunks)[m_frame.chunk]), 1);
        }
        if (covered) {
            endCoverage(camera, done);
        }
        if (!done) {
            break;
        }
    }
    glBindVertexArray(0);
    glUseProgram(0);
    return done;
}

} // namespace corridor::render

#include "render/map_renderer.hpp"

#include <algorithm>

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

} // namespace

MapRenderer::MapRenderer()
    : m_emptyVao(makeVertexArray())
    , m_fill(loadProgram("fill"))
    , m_line(loadProgram("line"))
    , m_point(loadProgram("point"))
{
}

MapRenderer::GpuLayer MapRenderer::upload(const core::LayerMesh& mesh)
{
    GpuLayer layer;
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
        for (const auto* source : {&level.lines, &level.fringe}) {
            for (const core::LineChunk& c : *source) {
                GpuChunk& g = (source == &level.lines ? gl.lines : gl.fringe).emplace_back();
                g.origin = c.origin;
                g.bounds = c.bounds;
                uploadTexelBuffer(g.vertices, g.texture, c.vertices.data(), c.vertices.size() * sizeof(core::LineVertex),
                                  GL_RGBA32F);
                g.count = static_cast<GLsizei>(c.vertices.size());
                layer.bytes += c.vertices.size() * sizeof(core::LineVertex);
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

std::size_t MapRenderer::addLayer(const core::LayerMesh& mesh)
{
    m_layers.push_back(upload(mesh));
    return m_layers.size() - 1;
}

void MapRenderer::replaceLayer(std::size_t slot, const core::LayerMesh& mesh)
{
    if (slot < m_layers.size()) {
        m_layers[slot] = upload(mesh);
    }
}

std::size_t MapRenderer::gpuBytes() const
{
    std::size_t bytes = 0;
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

const MapRenderer::GpuLevel* MapRenderer::GpuBatch::pick(double unitsPerPixel) const
{
    const GpuLevel* best = levels.empty() ? nullptr : &levels.front();
    for (const GpuLevel& l : levels) {
        if (core::levelFits(l.tolerance, unitsPerPixel)) {
            best = &l;
        }
    }
    return best;
}

void MapRenderer::drawFills(const core::Camera& camera, const GpuBatch& batch, float opacity)
{
    const core::Symbolizer& s = batch.symbolizer;
    const GpuLevel* level = batch.pick(camera.unitsPerPixel);
    if (level == nullptr || level->fills.empty() || (s.fill.a <= 0.0f && !s.hatch)) {
        return;
    }
    m_fill.use();
    setColor(m_fill.uniform("u_color"), s.fill, opacity);
    glUniform1i(m_fill.uniform("u_hatch"), s.hatch ? 1 : 0);
    setColor(m_fill.uniform("u_hatchColor"), s.hatchColor, opacity);
    glUniform1f(m_fill.uniform("u_hatchSpacing"), 8.0f);
    glUniform1f(m_fill.uniform("u_hatchWidth"), 1.5f);
    for (const GpuChunk& c : level->fills) {
        if (!visible(camera, c.bounds, 0.0)) {
            continue;
        }
        setTransform(m_fill, camera, c.origin);
        glBindVertexArray(c.vao.id());
        glDrawElements(GL_TRIANGLES, c.count, GL_UNSIGNED_INT, nullptr);
        m_stats.trianglesDrawn += static_cast<std::size_t>(c.count) / 3;
    }
}

void MapRenderer::drawLines(const core::Camera& camera, const GpuBatch& batch, float opacity, LinePass pass)
{
    const core::Symbolizer& s = batch.symbolizer;
    const bool casing = pass == LinePass::Casing;
    const float width = pass == LinePass::Fringe ? 1.0f : casing ? s.casingWidth : s.strokeWidth;
    const core::Color color = pass == LinePass::Fringe ? s.fill : casing ? s.casing : s.stroke;
    const GpuLevel* level = batch.pick(camera.unitsPerPixel);
    const std::vector<GpuChunk>* chunks = level == nullptr ? nullptr : pass == LinePass::Fringe ? &level->fringe : &level->lines;
    if (chunks == nullptr || chunks->empty() || width <= 0.0f || color.a <= 0.0f) {
        return;
    }
    m_line.use();
    setColor(m_line.uniform("u_color"), color, opacity);
    glUniform1f(m_line.uniform("u_halfWidth"), width * 0.5f);
    glUniform2f(m_line.uniform("u_viewport"), static_cast<float>(camera.widthPx), static_cast<float>(camera.heightPx));
    glUniform1f(m_line.uniform("u_pixelsPerUnit"), static_cast<float>(1.0 / camera.unitsPerPixel));
    // A casing is continuous under its dashed line: dashes show the casing colour in their gaps.
    const std::size_t dashCount = pass != LinePass::Stroke ? 0 : std::min<std::size_t>(s.dash.size() & ~std::size_t{1}, 8);
    float dash[8] = {};
    float dashLength = 0.0f;
    for (std::size_t i = 0; i < dashCount; ++i) {
        dash[i] = std::max(0.0f, s.dash[i]);
        dashLength += dash[i];
    }
    glUniform1fv(m_line.uniform("u_dash"), 8, dash);
    glUniform1i(m_line.uniform("u_dashCount"), dashLength > 0.0f ? static_cast<GLint>(dashCount) : 0);
    glUniform1f(m_line.uniform("u_dashLength"), std::max(dashLength, 1.0f));
    // Fill fringes are closed rings a pixel wide: round joins, whatever the stroke says.
    const bool fringe = pass == LinePass::Fringe;
    glUniform1i(m_line.uniform("u_join"), fringe ? 0 : static_cast<GLint>(s.join));
    glUniform1i(m_line.uniform("u_cap"), fringe ? 0 : static_cast<GLint>(s.cap));
    glUniform1f(m_line.uniform("u_miterLimit"), std::max(1.0f, s.miterLimit));
    glUniform1i(m_line.uniform("u_vertices"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(m_emptyVao.id());
    for (const GpuChunk& c : *chunks) {
        if (!visible(camera, c.bounds, width)) {
            continue;
        }
        setTransform(m_line, camera, c.origin);
        glBindTexture(GL_TEXTURE_BUFFER, c.texture.id());
        glUniform1i(m_line.uniform("u_vertexCount"), c.count);
        glDrawArrays(GL_TRIANGLES, 0, (c.count - 1) * 6);
        m_stats.segmentsDrawn += static_cast<std::size_t>(c.count - 1);
    }
}

void MapRenderer::drawPoints(const core::Camera& camera, const GpuBatch& batch, float opacity)
{
    const core::Symbolizer& s = batch.symbolizer;
    if (batch.points.empty() || s.markerSize <= 0.0f) {
        return;
    }
    m_point.use();
    glUniform2f(m_point.uniform("u_viewport"), static_cast<float>(camera.widthPx), static_cast<float>(camera.heightPx));
    glUniform1f(m_point.uniform("u_size"), s.markerSize);
    glUniform1i(m_point.uniform("u_shape"), static_cast<GLint>(s.marker));
    setColor(m_point.uniform("u_fill"), s.markerFill, opacity);
    setColor(m_point.uniform("u_outline"), s.markerOutline, opacity);
    glUniform1f(m_point.uniform("u_outlineWidth"), 1.0f);
    glUniform1i(m_point.uniform("u_points"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(m_emptyVao.id());
    for (const GpuChunk& c : batch.points) {
        if (!visible(camera, c.bounds, s.markerSize)) {
            continue;
        }
        setTransform(m_point, camera, c.origin);
        glBindTexture(GL_TEXTURE_BUFFER, c.texture.id());
        glDrawArrays(GL_TRIANGLES, 0, c.count * 6);
        m_stats.pointsDrawn += static_cast<std::size_t>(c.count);
    }
}

void MapRenderer::render(const core::Camera& camera, std::span<const LayerView> order, core::Color background)
{
    m_stats = {};
    glViewport(0, 0, static_cast<GLsizei>(camera.widthPx), static_cast<GLsizei>(camera.heightPx));
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(background.r, background.g, background.b, background.a);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

    // Style zoom windows are in web-map zoom levels; the view CRS is in metres (as every CRS Corridor offers).
    const auto zoom = static_cast<float>(core::zoomLevel(camera.unitsPerPixel));
    auto inZoom = [zoom](const GpuBatch& b) { return zoom >= b.symbolizer.minZoom && zoom <= b.symbolizer.maxZoom; };
    for (const LayerView& view : order) {
        if (!view.visible || view.slot >= m_layers.size() || view.opacity <= 0.0f) {
            continue;
        }
        const GpuLayer& layer = m_layers[view.slot];
        // Within a layer: areas, then casings under every line, then lines, then markers on top.
        for (const GpuBatch& b : layer.batches) {
            if (inZoom(b)) {
                drawFills(camera, b, view.opacity);
                drawLines(camera, b, view.opacity, LinePass::Fringe);
            }
        }
        for (const GpuBatch& b : layer.batches) {
            if (inZoom(b)) {
                drawLines(camera, b, view.opacity, LinePass::Casing);
            }
        }
        for (const GpuBatch& b : layer.batches) {
            if (inZoom(b)) {
                drawLines(camera, b, view.opacity, LinePass::Stroke);
            }
        }
        for (const GpuBatch& b : layer.batches) {
            if (inZoom(b)) {
                drawPoints(camera, b, view.opacity);
            }
        }
    }
    glBindVertexArray(0);
    glUseProgram(0);
}

} // namespace corridor::render

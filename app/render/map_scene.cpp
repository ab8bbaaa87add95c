#include "render/map_scene.hpp"

#include <algorithm>

namespace corridor::render {

namespace {

void keepBoundsOnly(core::LayerMesh& mesh)
{
    const core::Bounds bounds = mesh.bounds;
    mesh = {};
    mesh.bounds = bounds;
}

} // namespace

void MapScene::load(const core::MapDocument& document)
{
    order.clear();
    for (const core::MapLayer& layer : document.layers) {
        const std::size_t slot = renderer.addLayer(layer.mesh);
        labels.setLayer(slot, layer.mesh.labels, layer.mesh.markers);
        order.push_back({slot, layer.visible, layer.opacity});
    }
    labels.setLanguage(document.labelLanguage);
}

void MapScene::loadReleasing(core::MapDocument& document)
{
    order.clear();
    for (core::MapLayer& layer : document.layers) {
        const std::size_t slot = renderer.addLayer(layer.mesh);
        labels.setLayer(slot, std::move(layer.mesh.labels), std::move(layer.mesh.markers));
        order.push_back({slot, layer.visible, layer.opacity});
        keepBoundsOnly(layer.mesh);
    }
    labels.setLanguage(document.labelLanguage);
}

void MapScene::append(const core::MapDocument& document, std::size_t first)
{
    if (m_highlightOn && !order.empty() && order.back().slot == m_highlightSlot) {
        order.pop_back();
    }
    order.resize(std::min(order.size(), first));
    for (std::size_t i = first; i < document.layers.size(); ++i) {
        const core::MapLayer& layer = document.layers[i];
        if (m_highlightUploaded && m_highlightSlot == i) {
            // Slots are the document's indexes (sync, the style reloader): the highlight gives its slot up.
            renderer.replaceLayer(i, layer.mesh);
            m_highlightUploaded = false;
            m_highlightOn = false;
        } else {
            renderer.addLayer(layer.mesh);
        }
        labels.setLayer(i, layer.mesh.labels, layer.mesh.markers);
        order.push_back({i, layer.visible, layer.opacity});
    }
    if (m_highlightUploaded && m_highlightSlot < document.layers.size()) {
        // The highlight sat below the new layers' slots: move it after them, emptied until it is set again.
        m_highlightUploaded = false;
        m_highlightOn = false;
    }
    appendHighlight();
}

void MapScene::remove(std::size_t index)
{
    if (m_highlightOn && !order.empty() && order.back().slot == m_highlightSlot) {
        order.pop_back();
    }
    renderer.removeLayer(index);
    labels.removeLayer(index);
    if (m_highlightUploaded && m_highlightSlot > index) {
        --m_highlightSlot;
    }
    if (index < order.size()) {
        order.erase(order.begin() + static_cast<std::ptrdiff_t>(index));
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i].slot = i;
    }
    appendHighlight();
}

void MapScene::sync(const core::MapDocument& document)
{
    order.resize(document.layers.size());
    for (std::size_t i = 0; i < document.layers.size(); ++i) {
        order[i] = {i, document.layers[i].visible, document.layers[i].opacity};
    }
    labels.setLanguage(document.labelLanguage);
    appendHighlight();
}

void MapScene::setHighlight(const core::LayerMesh* mesh)
{
    if (!order.empty() && m_highlightOn && order.back().slot == m_highlightSlot) {
        order.pop_back();
    }
    m_highlightOn = mesh != nullptr;
    if (mesh == nullptr) {
        if (m_highlightUploaded) {
            renderer.replaceLayer(m_highlightSlot, core::LayerMesh{}); // free its buffers
        }
        return;
    }
    if (!m_highlightUploaded) {
        m_highlightSlot = renderer.addLayer(*mesh);
        m_highlightUploaded = true;
    } else {
        renderer.replaceLayer(m_highlightSlot, *mesh);
    }
    appendHighlight();
}

void MapScene::appendHighlight()
{
    if (m_highlightOn) {
        order.push_back({m_highlightSlot, true, 1.0f});
    }
}

void MapScene::setPixelScale(float scale)
{
    renderer.setPixelScale(scale); // checks it first, so a bad scale changes neither
    labels.setPixelScale(scale);
}

void MapScene::render(const core::Camera& camera, core::Color background)
{
    renderer.render(camera, order, background);
    labels.render(camera, order);
}

void MapScene::renderTile(const core::Camera& whole, const ImageTile& tile, core::Color background)
{
    // GL counts the origin from the bottom: the tile's bottom edge in the whole image.
    renderer.setImageOrigin(static_cast<float>(tile.x), static_cast<float>(whole.heightPx - tile.y - tile.height));
    renderer.render(tileCamera(whole, tile), order, background);
    labels.renderTile(whole, order, tile);
    renderer.setImageOrigin(0.0f, 0.0f);
}

void releaseMeshes(core::MapDocument& document, std::size_t first)
{
    for (std::size_t i = first; i < document.layers.size(); ++i) {
        keepBoundsOnly(document.layers[i].mesh);
    }
}

void swapInMesh(MapRenderer& renderer, MapLabels& labels, std::size_t slot, core::LayerMesh& mesh, core::MapLayer& layer)
{
    renderer.replaceLayer(slot, mesh);
    labels.setLayer(slot, std::move(mesh.labels), std::move(mesh.markers));
    layer.mesh = {};
    layer.mesh.bounds = mesh.bounds;
}

} // namespace corridor::render

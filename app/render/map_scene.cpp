#include "render/map_scene.hpp"

namespace corridor::render {

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

void MapScene::render(const core::Camera& camera, core::Color background)
{
    renderer.render(camera, order, background);
    labels.render(camera, order);
}

} // namespace corridor::render

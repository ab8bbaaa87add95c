#pragma once
// A scene drawn as the export draws it: the document's visibility synced, one render into an offscreen target of
// the camera's size, read back. Needs a current GL context.

#include "core/camera.hpp"
#include "core/map_document.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"

namespace corridor::test {

inline render::Image drawScene(render::MapScene& scene, const core::Camera& camera, const core::MapDocument& doc)
{
    const render::OffscreenTarget target(static_cast<int>(camera.widthPx), static_cast<int>(camera.heightPx));
    target.bind();
    scene.sync(doc);
    scene.render(camera, doc.background);
    return {target.width(), target.height(), target.read()};
}

} // namespace corridor::test

#pragma once
// The bundled map as `corridor` opens it, for render tests: every geodata/ file, styled by geodata/style.toml,
// projected to the corridor's conic, meshed and loaded into a scene on a headless GL context.

#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/map_scene.hpp"

#include <string>
#include <utility>

namespace corridor::test {

struct BundledScene {
    platform::HeadlessContext context; // first in, last out: the scene's GL objects go while it is current
    core::MapDocument doc;
    render::MapScene scene;

    BundledScene()
    {
        const std::string dir = CORRIDOR_GEODATA_DIR;
        doc.viewCrs = geo::kCorridorLcc;
        for (const std::string& f : geo::dataFilesIn(dir)) {
            for (core::MapLayer& l : geo::loadLayers(f, doc.layers.size())) {
                doc.layers.push_back(std::move(l));
            }
        }
        geo::applyStyleSheet(doc, core::loadStyleSheet(dir + "/style.toml"));
        geo::buildMeshes(doc);
        scene.load(doc);
        scene.sync(doc);
    }
};

} // namespace corridor::test

#pragma once
// The bundled map as `corridor` opens it, for render tests: every geodata/ file, styled by geodata/style.toml,
// projected to the corridor's conic, meshed and loaded into a scene on a headless GL context.

#include "core/style_file.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/draw_scene.hpp"
#include "render/map_scene.hpp"

#include <optional>
#include <string>
#include <utility>

namespace corridor::test {

// Every geodata/ file's layers, styled by geodata/style.toml, in the corridor's conic; no meshes built yet.
inline core::MapDocument bundledDocument()
{
    const std::string dir = CORRIDOR_GEODATA_DIR;
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    for (const std::string& f : geo::dataFilesIn(dir)) {
        for (core::MapLayer& l : geo::loadLayers(f, doc.layers.size())) {
            doc.layers.push_back(std::move(l));
        }
    }
    geo::applyStyleSheet(doc, core::loadStyleSheet(dir + "/style.toml"));
    return doc;
}

struct BundledScene {
    platform::HeadlessContext context; // first in, last out: the scene's GL objects go while it is current
    core::MapDocument doc;
    render::MapScene scene;

    // How dense lines are drawn: as geo::buildMeshes makes them (distance fields where dense), or every line as
    // segments (the full pyramid, no fields: the reference fields approximate).
    enum class Lines { AsBuilt, SegmentsOnly };

    // `view`: meshes for that one view only, as `corridor export` builds them (geo::buildMeshes).
    explicit BundledScene(const std::optional<geo::OutputView>& view = std::nullopt, Lines lines = Lines::AsBuilt)
        : doc(bundledDocument())
    {
        if (lines == Lines::AsBuilt) {
            geo::buildMeshes(doc, view);
        } else {
            core::MeshOptions options;
            options.fieldDensity = 0.0;
            for (core::MapLayer& l : doc.layers) {
                l.mesh = geo::buildMesh(l.data, l.style, doc.viewCrs, nullptr, nullptr, options);
            }
        }
        scene.load(doc);
        scene.sync(doc);
    }

    // The map of this view, as `corridor export` draws it.
    render::Image draw(const core::Camera& camera) { return drawScene(scene, camera, doc); }
};

} // namespace corridor::test

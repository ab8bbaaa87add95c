// Adding and removing layers on a scene already on the GPU (the viewer's Add layer and Remove layer): the result
// must draw exactly as a scene loaded with those layers from the start, with the highlight slot kept after them.

#include "core/highlight.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/headless_context.hpp"
#include "render/image.hpp"
#include "render/map_scene.hpp"
#include "render/offscreen_target.hpp"
#include "render/draw_scene.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace corridor;

namespace {

core::MapDocument documentOf(const std::vector<std::string>& files)
{
    core::MapDocument doc;
    doc.viewCrs = geo::kCorridorLcc;
    for (const std::string& f : files) {
        for (core::MapLayer& l : geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/" + f, doc.layers.size())) {
            doc.layers.push_back(std::move(l));
        }
    }
    geo::buildMeshes(doc);
    return doc;
}

using corridor::test::drawScene;

std::size_t differing(const render::Image& a, const render::Image& b)
{
    REQUIRE(a.rgba.size() == b.rgba.size());
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.rgba.size(); i += 4) {
        for (std::size_t k = 0; k < 3; ++k) {
            if (std::abs(int(a.rgba[i + k]) - int(b.rgba[i + k])) > 2) {
                ++n;
                break;
            }
        }
    }
    return n;
}

void highlight(render::MapScene& scene, const core::MapDocument& doc, std::size_t layer)
{
    const core::MapLayer& l = doc.layers[layer];
    const core::LayerMesh mesh = core::buildHighlightMesh(
        *l.hits, 0, core::resolveSymbolizer(l.style, l.data, l.data.features[0]));
    scene.setHighlight(&mesh);
}

const std::vector<std::string> kFiles{"polygons_holes.geojson", "routes_3857.geojson", "nodes.geojson"};

} // namespace

TEST_CASE("a layer appended to a loaded scene draws as if loaded with it and leaves the others unchanged")
{
    const platform::HeadlessContext context;
    const core::MapDocument all = documentOf(kFiles);
    const core::Camera camera = geo::frameView(all, std::nullopt, 400, 300);

    render::MapScene reference;
    reference.load(all);
    highlight(reference, all, 0);
    const render::Image expected = drawScene(reference, camera, all);

    core::MapDocument doc = documentOf({kFiles[0], kFiles[1]});
    render::MapScene scene;
    scene.load(doc);
    highlight(scene, doc, 0); // its slot (2) is where the new layer goes
    const render::Image before = drawScene(scene, camera, doc);
    const std::size_t uploaded = scene.renderer.layerCount();

    const std::size_t first = doc.layers.size();
    for (core::MapLayer& l : geo::loadLayers(std::string(CORRIDOR_TEST_DATA) + "/" + kFiles[2], first)) {
        l.mesh = geo::buildMesh(l.data, l.style, doc.viewCrs, nullptr, &l.hits);
        doc.layers.push_back(std::move(l));
    }
    scene.append(doc, first);
    CHECK(scene.renderer.layerCount() == uploaded); // the highlight's slot was taken, nothing else re-uploaded
    CHECK_FALSE(scene.hasHighlight());               // the viewer sets it again
    highlight(scene, doc, 0);
    CHECK(scene.order.back().slot == doc.layers.size()); // the highlight still goes last
    const render::Image after = drawScene(scene, camera, doc);

    CHECK(differing(before, after) > 20); // the new layer is drawn
    CHECK(differing(after, expected) == 0);
}

TEST_CASE("a layer removed from a loaded scene draws as if never loaded and the highlight follows its layer")
{
    const platform::HeadlessContext context;
    core::MapDocument kept = documentOf(kFiles); // the same palette colours as `doc`'s
    kept.layers.erase(kept.layers.begin() + 1);
    const core::Camera camera = geo::frameView(documentOf(kFiles), std::nullopt, 400, 300);
    render::MapScene reference;
    reference.load(kept);
    highlight(reference, kept, 1);
    const render::Image expected = drawScene(reference, camera, kept);

    core::MapDocument doc = documentOf(kFiles);
    render::MapScene scene;
    scene.load(doc);
    highlight(scene, doc, 2); // on the nodes, which move down one slot
    const render::Image before = drawScene(scene, camera, doc);
    scene.remove(1);
    doc.layers.erase(doc.layers.begin() + 1);
    const render::Image after = drawScene(scene, camera, doc);
    CHECK(scene.hasHighlight());
    CHECK(differing(before, after) > 20);
    CHECK(differing(after, expected) == 0);
}

TEST_CASE("a scene loaded releasing the CPU meshes draws as one loaded from them, and the document keeps their bounds")
{
    const platform::HeadlessContext context;
    auto labelled = [] { // the nodes named (Tehran, Rasht, Astara): labels go over with the meshes
        core::MapDocument doc = documentOf(kFiles);
        doc.layers[2].style.base.labelField = "name";
        geo::buildMeshes(doc);
        return doc;
    };
    const core::MapDocument all = labelled();
    const core::Camera camera = geo::frameView(all, std::nullopt, 400, 300);
    render::MapScene reference;
    reference.load(all);
    const render::Image expected = drawScene(reference, camera, all);

    core::MapDocument doc = labelled();
    render::MapScene scene;
    scene.loadReleasing(doc);
    CHECK(differing(drawScene(scene, camera, doc), expected) == 0);
    std::size_t labels = 0;
    for (std::size_t i = 0; i < doc.layers.size(); ++i) {
        const core::LayerMesh& mesh = doc.layers[i].mesh;
        CHECK(mesh.batches.empty());
        CHECK(mesh.byteSize() == 0);
        CHECK(mesh.labels.empty());
        CHECK(mesh.bounds.minX == all.layers[i].mesh.bounds.minX);
        CHECK(mesh.bounds.maxY == all.layers[i].mesh.bounds.maxY);
        labels += all.layers[i].mesh.labels.size();
    }
    CHECK(labels > 0); // the labels were moved to the GPU scene's label pass, and drawn
}

#pragma once
// A document on the GPU: its layers' meshes in a MapRenderer, their label sources in MapLabels, and the draw list
// that follows the document's visibility and opacity. The one place that wires the two passes together for the
// window, the export, the benchmark and the render tests. Needs a current GL context.

#include "core/map_document.hpp"
#include "render/map_labels.hpp"
#include "render/map_renderer.hpp"

#include <vector>

namespace corridor::render {

struct MapScene {
    MapRenderer renderer;
    MapLabels labels;
    std::vector<LayerView> order; // slot i holds document layer i

    // Uploads every layer's mesh and label sources; the document's CPU meshes may be dropped afterwards.
    void load(const core::MapDocument& document);
    // The same, dropping each layer's CPU mesh (its bounds kept, as releaseMeshes does) as soon as it is uploaded:
    // the driver's copy of the next layer then reuses the memory freed, where load then releaseMeshes had every
    // copy take fresh pages (on a virtual machine the first write to a page is the cost: docs/architecture.md).
    void loadReleasing(core::MapDocument& document);
    // Uploads the meshes of document layers `first`… (appended since load), leaving the others' buffers alone; the
    // slots stay the document's indexes. The highlight's slot, if it sits where a new layer goes, is taken for that
    // layer and the highlight dropped (hasHighlight() false): set it again, as the viewer does for its selection.
    void append(const core::MapDocument& document, std::size_t first);
    // Frees layer `index`'s buffers and labels; later layers move down one slot, as they do in the document (erase
    // it there too). The highlight is kept (its slot moves with the rest) unless it was of that layer: the caller
    // clears it.
    void remove(std::size_t index);
    // Visibility, opacity and the labels' language as the document has them now (the UI edits them there).
    void sync(const core::MapDocument& document);
    // The map pass then the label pass, into the bound framebuffer.
    void render(const core::Camera& camera, core::Color background);
    // The same for `tile` of the image `whole` draws, into the bound framebuffer of the tile's size: the tiles of a
    // large export, which join with no seam (labels are placed once for the whole image).
    void renderTile(const core::Camera& whole, const ImageTile& tile, core::Color background);
    // The pixel scale of both passes (MapRenderer::setPixelScale, MapLabels::setPixelScale): 2 draws a 2W × 2H image
    // of the view W × H shows at 1, only sharper. Outside core::kMinPixelScale..kMaxPixelScale it throws
    // std::invalid_argument and neither changes.
    void setPixelScale(float scale);

    // The selected feature drawn on top of every layer (core::buildHighlightMesh), or none (nullptr). Its entry goes
    // last in `order` (no labels; its slot follows the document's, so call it after load), so the window, the view
    // cache and the export all draw it. A view cache showing the old highlight must be invalidated by the caller.
    void setHighlight(const core::LayerMesh* mesh);
    bool hasHighlight() const { return m_highlightOn; }

private:
    void appendHighlight();
    std::size_t m_highlightSlot = 0;
    bool m_highlightUploaded = false;
    bool m_highlightOn = false;
};

// Once the GPU holds them: the CPU meshes of document layers `first`… dropped, their bounds kept (for framing).
void releaseMeshes(core::MapDocument& document, std::size_t first = 0);

// A layer built again (a style reload, a projection switch, a date change): `mesh` into slot `slot` of the renderer
// and the label pass, and `layer.mesh` left with its bounds only.
void swapInMesh(MapRenderer& renderer, MapLabels& labels, std::size_t slot, core::LayerMesh& mesh, core::MapLayer& layer);

} // namespace corridor::render

#pragma once
// What the map furniture says for one view of a document: render::FurnitureContent worked out from the document
// (legend from its style, sources and point of view from the features in view), the view (scale bar, north, inset)
// and the furniture options. The same function serves the export, the viewer and the present mode, so they agree.

#include "core/camera.hpp"
#include "core/furniture.hpp"
#include "core/map_document.hpp"
#include "core/map_sources.hpp"
#include "geo/view_geodesy.hpp"
#include "render/furniture.hpp"
#include "render/map_scene.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace corridor::platform {

// `geodesy` must be for the document's view CRS, or null when PROJ cannot use it (no scale bar, no north).
// `sources`: the document's source tables (core::loadDocumentSources). `crsName` is the CRS's short name for the
// sources line (geo::crsDisplayName), `date` the map's date (mapDate()).
render::FurnitureContent furnitureContent(const core::MapDocument& document, const core::Camera& camera,
                                          const core::FurnitureOptions& options, const geo::ViewGeodesy* geodesy,
                                          const core::DocumentSources& sources, const std::string& crsName,
                                          const std::string& date);

// Draws a document's furniture over the bound framebuffer, keeping what it can between frames: the PROJ objects for
// the view CRS (rebuilt when it changes), the content and its layout (worked out again only when the view, the
// layers, their styles, the options or the window change: a still view costs nothing but the drawing) and the
// furniture's GPU shapes (rebuilt when the content changes). One per GL context; for the window, every export and
// the present mode. Needs the scene's GL context current.
class FurnitureView {
public:
    FurnitureView();
    ~FurnitureView();
    FurnitureView(const FurnitureView&) = delete;
    FurnitureView& operator=(const FurnitureView&) = delete;

    // Works out the furniture for this view and lays it out, and tells the scene's label pass to keep clear of it:
    // call before the labels are drawn. `reservedTop`/`reservedBottom`: pixels along the edges to keep clear (the
    // viewer's menu and status bars). A view CRS PROJ cannot use gets the items that need no geodesy (title, legend,
    // sources, point of view). The same view as the last call (camera and window size, the layers' data, identify
    // index, style, order, visibility and opacity, the view CRS, background and opening view, the options, the
    // reserved edges, the date, the text renderer) reuses the last content and layout.
    void prepare(render::MapScene& scene, const core::MapDocument& document, const core::Camera& camera,
                 const core::FurnitureOptions& options, double reservedTop = 0.0, double reservedBottom = 0.0);
    // How many times prepare() has worked the content out (a still view: once; for tests and the benchmarks).
    std::size_t contentBuilds() const { return m_contentBuilds; }
    // How many layouts it has made (prepare's and draw's together: once per content).
    std::size_t layouts() const { return m_renderer ? m_renderer->layouts() : 0; }
    // Tells the label pass again to keep clear of what prepare() laid out (another view's furniture may have been
    // drawn since: the window's, while an export runs).
    void keepLabelsClear(render::MapScene& scene) const;
    // What prepare() worked out (the export's metadata repeats the title and the sources).
    const render::FurnitureContent& content() const { return m_content; }
    // Draws what prepare() worked out over the bound framebuffer, after the map and its labels; with `tile`, the
    // framebuffer holds only that part of the image (a large export drawn in tiles).
    render::FurnitureLayout draw(render::MapScene& scene, const std::optional<render::ImageTile>& tile = std::nullopt);

private:
    struct Key; // what the content and layout were worked out for

    std::unique_ptr<Key> m_key;
    std::size_t m_contentBuilds = 0;
    std::optional<geo::ViewGeodesy> m_geodesy;
    std::string m_crs;      // the view CRS m_geodesy and m_crsName are for
    std::string m_crsName;
    std::optional<core::DocumentSources> m_sources; // read once: SOURCES.md beside the layers' files
    std::size_t m_sourcesFor = 0;                   // the layer count they were read for
    std::optional<render::FurnitureRenderer> m_renderer; // made on first use, in the GL context
    render::FurnitureContent m_content;
    std::vector<core::ScreenBox> m_keepOut;
    int m_width = 0, m_height = 0;
    bool m_shown = false;
};

// Now, or SOURCE_DATE_EPOCH when it is set (reproducible exports and tests): the map's date and an image's time.
std::chrono::system_clock::time_point mapTime();
// mapTime() as YYYY-MM-DD (UTC).
std::string mapDate();

// The inset's extent for a view, in view-CRS units: the document's opening view (else all its data), widened to
// take the view in; empty when the view already shows most of it (no inset is needed).
core::Bounds insetExtent(const core::MapDocument& document, const core::Bounds& view);

} // namespace corridor::platform

#include "platform/furniture_content.hpp"

#include "geo/layer_builder.hpp"

#include <cstdlib>
#include <ctime>

namespace corridor::platform {

namespace {

// The scale bar takes at most this many pixels (at furniture scale 1).
constexpr double kScaleBarMaxPx = 160.0;
// An inset is drawn when the view shows less than this share of the inset's extent (on each axis).
constexpr double kInsetZoomedIn = 0.25;

} // namespace

std::chrono::system_clock::time_point mapTime()
{
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        char* end = nullptr;
        const long long value = std::strtoll(epoch, &end, 10);
        if (end != nullptr && *end == '\0' && value >= 0) {
            return std::chrono::system_clock::from_time_t(static_cast<std::time_t>(value));
        }
    }
    return std::chrono::system_clock::now();
}

std::string mapDate()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(mapTime());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

core::Bounds insetExtent(const core::MapDocument& document, const core::Bounds& view)
{
    core::Bounds extent = document.initialView ? geo::projectBox(*document.initialView, document.viewCrs)
                                               : geo::dataBounds(document);
    if (extent.empty() || view.empty()) {
        return {};
    }
    if (view.width() > kInsetZoomedIn * extent.width() || view.height() > kInsetZoomedIn * extent.height()) {
        return {};
    }
    extent.add(view); // a view outside the opening one still shows in its inset
    return extent;
}

render::FurnitureContent furnitureContent(const core::MapDocument& document, const core::Camera& camera,
                                          const core::FurnitureOptions& options, const geo::ViewGeodesy* geodesy,
                                          const core::DocumentSources& sources, const std::string& crsName,
                                          const std::string& date)
{
    // Layers without an identify index (an export builds none) are judged by their lon/lat geometry against what
    // the image shows.
    // The geodesy's transformer, not a new one: a moving view asks every frame. Without one (a CRS PROJ cannot use)
    // layers without an index count as a whole.
    std::optional<core::GeoBox> lonLatView;
    if (geodesy != nullptr) {
        try {
            lonLatView = geodesy->lonLatBox(camera.visibleWorld());
        } catch (const std::exception&) {
            // PROJ cannot invert this view: as without a geodesy
        }
    }
    render::FurnitureContent c;
    c.scale = options.scale;
    c.title = options.title;
    c.subtitle = options.subtitle;
    c.caption = core::parseCaption(options.caption);
    c.slideNumber = options.slideNumber;
    if (options.scaleBar && geodesy != nullptr) {
        const auto unit = options.nauticalMiles ? geo::DistanceUnit::NauticalMiles : geo::DistanceUnit::Kilometres;
        if (const auto bar = geodesy->scaleBar(camera, kScaleBarMaxPx * options.scale, unit)) {
            c.scaleBar = render::FurnitureContent::ScaleBar{bar->lengthPx, bar->divisions, bar->label, bar->note};
        }
    }
    if (options.north && geodesy != nullptr) {
        c.northAngle = geodesy->northAngle(camera);
    }
    if (options.legend) {
        for (const core::LegendEntry& e : core::buildLegend(document, camera, lonLatView).entries) {
            c.legend.push_back({e.name, e.kind, e.symbolizer});
        }
    }
    if (options.sources) {
        c.sourceNames = core::visibleSources(document, camera, sources, lonLatView).names;
        // A map drawn as of a date says so first, before the CRS and the date it was made.
        c.sourcesTail = (document.asOf ? "Map as of " + document.asOf->iso() + "  ·  " : std::string()) + "CRS: " +
                        crsName + "  ·  " + date;
    }
    if (options.pointOfView) {
        for (const core::DisputeGroup& group : core::disputesInView(document, camera, lonLatView)) {
            c.pointOfView.push_back(core::pointOfViewText({group}));
        }
    }
    if (options.inset) {
        c.viewWorld = camera.visibleWorld();
        c.insetWorld = insetExtent(document, c.viewWorld);
        c.insetBackground = document.background;
        for (std::size_t i = 0; i < document.layers.size(); ++i) {
            const core::MapLayer& layer = document.layers[i];
            if (layer.visible && layer.opacity > 0.0f && layer.data.dominantType() == core::GeometryType::Polygon) {
                c.insetLayers.push_back({i, true, layer.opacity});
            }
        }
    }
    return c;
}

namespace {

bool sameBounds(const core::Bounds& a, const core::Bounds& b)
{
    return a.minX == b.minX && a.minY == b.minY && a.maxX == b.maxX && a.maxY == b.maxY;
}

bool sameBox(const std::optional<core::GeoBox>& a, const std::optional<core::GeoBox>& b)
{
    return a.has_value() == b.has_value() &&
           (!a || (a->west == b->west && a->south == b->south && a->east == b->east && a->north == b->north));
}

} // namespace

// Everything furnitureContent() and the layout read, as it was when they were worked out. The layers are known by
// the addresses of their features and identify index (a reload, a projection switch or the background refinement
// replaces them) and compared by value for what a panel or a sheet edits in place. Compared every drawn frame, so
// a match allocates nothing.
struct FurnitureView::Key {
    struct Layer {
        const core::Feature* features = nullptr;
        std::size_t featureCount = 0;
        const core::HitIndex* hits = nullptr;
        core::Bounds meshBounds; // the inset's extent without an opening view
        std::string name;        // the legend's fallback name
        std::string sourcePath;  // where SOURCES.md is looked for
        core::LayerStyle style;
        bool visible = true;
        float opacity = 1.0f;

        bool same(const core::MapLayer& l) const
        {
            return features == l.data.features.data() && featureCount == l.data.features.size() &&
                   hits == l.hits.get() && visible == l.visible && opacity == l.opacity &&
                   sameBounds(meshBounds, l.mesh.bounds) && name == l.data.name && sourcePath == l.sourcePath &&
                   style == l.style;
        }
    };

    core::Vec2d center;
    double unitsPerPixel = 0.0, widthPx = 0.0, heightPx = 0.0;
    core::FurnitureOptions options;
    double reservedTop = 0.0, reservedBottom = 0.0;
    std::string date;
    std::string viewCrs;
    core::Color background;
    std::optional<core::GeoBox> initialView;
    const render::TextRenderer* text = nullptr;
    std::vector<Layer> layers;

    Key(const render::TextRenderer& renderer, const core::MapDocument& document, const core::Camera& camera,
        const core::FurnitureOptions& furniture, double top, double bottom, std::string today)
        : center(camera.center), unitsPerPixel(camera.unitsPerPixel), widthPx(camera.widthPx),
          heightPx(camera.heightPx), options(furniture), reservedTop(top), reservedBottom(bottom),
          date(std::move(today)), viewCrs(document.viewCrs), background(document.background),
          initialView(document.initialView), text(&renderer)
    {
        layers.reserve(document.layers.size());
        for (const core::MapLayer& l : document.layers) {
            layers.push_back({l.data.features.data(), l.data.features.size(), l.hits.get(), l.mesh.bounds,
                              l.data.name, l.sourcePath, l.style, l.visible, l.opacity});
        }
    }

    bool same(const render::TextRenderer& renderer, const core::MapDocument& document, const core::Camera& camera,
              const core::FurnitureOptions& furniture, double top, double bottom, const std::string& today) const
    {
        if (text != &renderer || center != camera.center || unitsPerPixel != camera.unitsPerPixel ||
            widthPx != camera.widthPx || heightPx != camera.heightPx || reservedTop != top ||
            reservedBottom != bottom || !(options == furniture) || date != today || viewCrs != document.viewCrs ||
            !(background == document.background) || !sameBox(initialView, document.initialView) ||
            layers.size() != document.layers.size()) {
            return false;
        }
        for (std::size_t i = 0; i < layers.size(); ++i) {
            if (!layers[i].same(document.layers[i])) {
                return false;
            }
        }
        return true;
    }
};

FurnitureView::FurnitureView() = default;
FurnitureView::~FurnitureView() = default;

void FurnitureView::prepare(render::MapScene& scene, const core::MapDocument& document, const core::Camera& camera,
                            const core::FurnitureOptions& options, double reservedTop, double reservedBottom)
{
    m_shown = options.any();
    if (!m_shown) {
        scene.labels.setKeepOut({});
        return;
    }
    std::string date = mapDate();
    render::TextRenderer& text = scene.labels.text();
    if (m_key && m_key->same(text, document, camera, options, reservedTop, reservedBottom, date)) {
        keepLabelsClear(scene); // another view's furniture may have set its own since
        return;
    }
    if (m_crs != document.viewCrs || (!m_geodesy && m_crsName.empty())) {
        m_crs = document.viewCrs;
        m_geodesy.reset();
        try {
            m_geodesy.emplace(document.viewCrs);
            m_crsName = geo::crsDisplayName(geo::ProjContext{}, document.viewCrs);
        } catch (const std::exception&) {
            m_crsName = document.viewCrs; // the viewer has said what is wrong with it already
        }
    }
    if (!m_sources || m_sourcesFor != document.layers.size()) { // a layer added or removed: read them again
        m_sources = core::loadDocumentSources(document);
        m_sourcesFor = document.layers.size();
    }
    m_content = furnitureContent(document, camera, options, m_geodesy ? &*m_geodesy : nullptr, *m_sources, m_crsName,
                                 date);
    ++m_contentBuilds;
    m_content.reservedTop = reservedTop;
    m_content.reservedBottom = reservedBottom;
    m_width = static_cast<int>(camera.widthPx);
    m_height = static_cast<int>(camera.heightPx);
    if (!m_renderer) {
        m_renderer.emplace();
    }
    // Kept by the renderer: draw() uses this layout instead of measuring the text again.
    m_keepOut.clear();
    for (const render::FurnitureBox& box : m_renderer->layOut(m_content, m_width, m_height, text).all()) {
        m_keepOut.push_back(box.screen());
    }
    m_key = std::make_unique<Key>(text, document, camera, options, reservedTop, reservedBottom, std::move(date));
    keepLabelsClear(scene);
}

void FurnitureView::keepLabelsClear(render::MapScene& scene) const
{
    scene.labels.setKeepOut(m_shown ? m_keepOut : std::vector<core::ScreenBox>{});
}

render::FurnitureLayout FurnitureView::draw(render::MapScene& scene, const std::optional<render::ImageTile>& tile)
{
    if (!m_shown) {
        return {};
    }
    if (!m_renderer) {
        m_renderer.emplace();
    }
    if (tile) { // the inset's map continues the tiles' hatching too
        scene.renderer.setImageOrigin(static_cast<float>(tile->x), static_cast<float>(m_height - tile->y - tile->height));
    }
    const render::FurnitureLayout layout =
        m_renderer->draw(m_content, m_width, m_height, scene.renderer, scene.labels.text(), tile);
    scene.renderer.setImageOrigin(0.0f, 0.0f);
    return layout;
}

} // namespace corridor::platform

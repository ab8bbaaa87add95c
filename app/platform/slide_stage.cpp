#include "platform/slide_stage.hpp"

#include "core/deck_text.hpp"
#include "core/projections.hpp"
#include "geo/deck_values.hpp"
#include "geo/layer_builder.hpp"
#include "geo/slide_overlays.hpp"
#include "render/map_scene.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::platform {

namespace {

std::vector<const core::Layer*> dataLayers(const core::MapDocument& document)
{
    std::vector<const core::Layer*> layers;
    for (const core::MapLayer& l : document.layers) {
        if (!geo::isSlideOverlay(l)) {
            layers.push_back(&l.data);
        }
    }
    return layers;
}

} // namespace

core::GeoBox slideGeoBox(const core::DeckView& view, double width, double height)
{
    if (view.bbox) {
        const auto& b = *view.bbox;
        return {b[0], b[1], b[2], b[3]};
    }
    if (!view.centre) {
        return core::kCorridorView;
    }
    // Metres per pixel at that zoom (view-CRS units are metres for every preset), as degrees near the centre.
    const core::ViewCentre& c = *view.centre;
    const double metres = core::unitsPerPixelAtZoom(c.zoom);
    const double halfLat = metres * height / 2.0 / 111320.0;
    const double halfLon = metres * width / 2.0 / (111320.0 * std::max(0.05, std::cos(c.lat * M_PI / 180.0)));
    return {std::max(-180.0, c.lon - halfLon), std::max(-89.9, c.lat - halfLat), std::min(180.0, c.lon + halfLon),
            std::min(89.9, c.lat + halfLat)};
}

SlideStage::SlideStage(core::Deck deck, const core::MapDocument& document)
    : m_deck(std::move(deck))
{
    m_problems = m_deck.problems;
    for (const core::Slide& s : m_deck.slides) {
        m_problems.insert(m_problems.end(), s.problems.begin(), s.problems.end());
    }
    const geo::DeckDataProblems data = geo::checkDeckData(m_deck, dataLayers(document));
    m_problems.insert(m_problems.end(), data.deck.begin(), data.deck.end());
    for (const auto& slide : data.slides) {
        m_problems.insert(m_problems.end(), slide.begin(), slide.end());
    }
    for (const core::MapLayer& l : document.layers) {
        m_visibility.push_back(l.visible);
    }
    m_crs = document.viewCrs;
}

std::string SlideStage::title(const core::MapDocument& document) const
{
    return core::expandPlaceholders(m_deck.title, geo::layerResolver(dataLayers(document))).text;
}

SlideShow SlideStage::slide(const core::MapDocument& document, std::size_t index, const core::FurnitureOptions& base) const
{
    SlideShow out;
    const core::Slide& s = m_deck.slides.at(index);
    out.furniture = base;
    if (s.furniture) {
        // Validated by the parser; a list it let through that fails here changes nothing.
        core::FurnitureOptions listed = base;
        if (!core::parseFurnitureList(*s.furniture, listed)) {
            out.furniture = listed;
        }
    }
    const core::PlaceholderResolver resolve = geo::layerResolver(dataLayers(document));
    out.furniture.title = core::expandPlaceholders(s.title, resolve).text;
    out.furniture.caption = core::expandPlaceholders(s.caption, resolve, core::TextKind::Caption).text;
    out.furniture.subtitle = s.asOf ? "Map as of " + *s.asOf : std::string();
    out.furniture.slideNumber = std::to_string(index + 1) + " / " + std::to_string(m_deck.slides.size());
    out.notes = core::expandPlaceholders(s.notes, resolve).text;
    out.centre = s.view.centre;
    if (s.view.bbox) {
        const auto& b = *s.view.bbox;
        out.bbox = core::GeoBox{b[0], b[1], b[2], b[3]};
    }
    out.asOf = s.asOf.value_or("");
    out.crs = crs(index);
    out.transition = s.transition;
    out.seconds = s.seconds;
    return out;
}

void SlideStage::apply(core::MapDocument& document, render::MapScene& scene, std::size_t index, double width,
                       double height)
{
    for (; m_overlays > 0; --m_overlays) {
        scene.remove(document.layers.size() - 1);
        document.layers.pop_back();
    }
    const core::Slide& s = m_deck.slides.at(index);
    for (std::size_t i = 0; i < document.layers.size() && i < m_visibility.size(); ++i) {
        core::MapLayer& l = document.layers[i];
        l.visible = s.layers ? std::find(s.layers->begin(), s.layers->end(), l.data.name) != s.layers->end()
                             : m_visibility[i];
    }
    geo::SlideOverlays overlays = geo::slideOverlays(document, s, index + 1, slideGeoBox(s.view, width, height));
    if (overlays.layers.empty()) {
        return;
    }
    const std::size_t first = document.layers.size();
    for (core::MapLayer& layer : overlays.layers) {
        layer.mesh = geo::buildMesh(layer.data, layer.style, document.viewCrs);
        document.layers.push_back(std::move(layer));
    }
    m_overlays = overlays.layers.size();
    scene.append(document, first);
    render::releaseMeshes(document, first);
}

std::string SlideStage::crs(std::size_t index) const
{
    const std::string& own = m_deck.slides.at(index).view.crs;
    std::string why;
    return own.empty() ? m_crs : core::normaliseCrsInput(own, why).value_or(own);
}

std::optional<core::Date> SlideStage::date(std::size_t index) const
{
    const core::Slide& s = m_deck.slides.at(index);
    return s.asOf ? core::parseDate(*s.asOf) : std::nullopt; // validated by the parser
}

void SlideStage::setDate(core::MapDocument& document, render::MapScene& scene, const std::optional<core::Date>& date)
{
    if (document.asOf == date) {
        return;
    }
    document.asOf = date;
    for (std::size_t i = 0; i < document.layers.size(); ++i) {
        core::MapLayer& layer = document.layers[i];
        if (!core::usesAsOf(layer.style)) {
            continue;
        }
        core::LayerMesh mesh = geo::buildMesh(layer.data, layer.style, document.viewCrs, nullptr, nullptr,
                                              geo::optionsFor(layer.style, date));
        render::swapInMesh(scene.renderer, scene.labels, i, mesh, layer);
    }
}

void SlideStage::leave(core::MapDocument& document, render::MapScene& scene)
{
    for (; m_overlays > 0; --m_overlays) {
        scene.remove(document.layers.size() - 1);
        document.layers.pop_back();
    }
    for (std::size_t i = 0; i < document.layers.size() && i < m_visibility.size(); ++i) {
        document.layers[i].visible = m_visibility[i];
    }
}

} // namespace corridor::platform

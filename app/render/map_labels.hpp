#pragma once
// The label pass of a map frame: turns the layers' label sources into placement requests for the current view,
// places them (core::placeLabels) and draws the winners with the TextRenderer. The placement for a view is kept
// and reused while the view and the visible layers stay the same, so an idle frame does no placement work and an
// export of the same view gets the same labels. Needs a current GL context (it owns a TextRenderer).
//
// Languages: each label source has an English and a Persian name; setLanguage picks English, Persian (English
// where a feature has none) or both, English over Persian as one two-line label with one collision box. Arabic-
// script runs are drawn with arabicFontPath()'s font (Noto Sans Arabic), the rest with the main font.

#include "core/camera.hpp"
#include "core/labels.hpp"
#include "core/mesh.hpp"
#include "render/map_renderer.hpp"
#include "render/overlay_renderer.hpp"
#include "render/text_renderer.hpp"

#include <array>
#include <span>
#include <vector>

namespace corridor::render {

class MapLabels {
public:
    explicit MapLabels(const std::string& fontPath = defaultFontPath());

    // Which names to show; a change re-places the labels at the next render().
    void setLanguage(core::LabelLanguage language);
    core::LabelLanguage language() const { return m_language; }

    // Label sources and drawn markers per renderer slot (view CRS), as built with the layer's mesh. Labels are
    // kept off every marker of the visible layers, labelled or not.
    void setLayer(std::size_t slot, std::vector<core::LabelSource> sources, std::vector<core::MarkerSpot> markers = {});
    // Drops a slot's sources; every later slot moves down by one, as in MapRenderer::removeLayer.
    void removeLayer(std::size_t slot);
    // Screen rectangles no label may cover (the map furniture's panels), in the framebuffer's pixels, for the
    // placements made from now on.
    void setKeepOut(std::vector<core::ScreenBox> boxes);
    // Multiplies every label size by `scale` (core::kMinPixelScale..kMaxPixelScale; else std::invalid_argument, and
    // the scale stays): text, halos, gaps to markers, leaders and their distances, the room kept between labels.
    // Labels are placed for the view as its pixels at scale 1 would show it (the camera's size / scale, its
    // unitsPerPixel × scale: style zoom windows judged at core::styleZoom) and drawn scaled, so a 2W × 2H image at 2
    // places exactly the labels of W × H at 1. A change re-places the labels.
    void setPixelScale(float scale);
    float pixelScale() const { return m_scale; }
    // Places (or reuses the placement for) this view, then queues and draws the labels into the bound framebuffer.
    void render(const core::Camera& camera, std::span<const LayerView> order);
    // The labels of the image `whole` draws (placed for all of it, once, and reused for every tile), drawn into the
    // bound framebuffer, which holds `tile` of that image: labels cross tile borders with no seam.
    void renderTile(const core::Camera& whole, std::span<const LayerView> order, const ImageTile& tile);
    std::size_t placedCount() const { return m_current.placed.size(); }
    // What the last placement shows, for tests and for hit-testing labels: each label's text, its layer slot and
    // feature, where it sits and its leader, if any (in the framebuffer's pixels, whatever the pixel scale).
    struct Shown {
        std::string text;         // the label's (first) line
        std::string second;       // en+fa: the Persian line under it; "" for a one-line label
        LabelHandle handle = kNoLabel, secondHandle = kNoLabel; // the shaped lines, in text()'s cache
        std::size_t slot = 0;
        std::uint32_t feature = 0;
        core::PlacedLabel placed;
        bool point = false;       // named beside its feature (a point, or an area too small for its name)
        bool landmark = false;    // …and a spot no other label may be taken for
        core::Vec2d anchor;       // the feature on screen: its point or its bounds' centre…
        core::Vec2d featureHalf;  // …and half its extent there (a marker's radius, an island's bounds)
    };
    std::vector<Shown> shown() const;
    std::size_t placementRuns() const { return m_placementRuns; } // how often placement ran (not reused)
    TextRenderer& text() { return m_text; } // the labels' renderer, for tests and tools that inspect the glyphs

private:
    struct Request {
        std::size_t slot = 0;
        std::size_t source = 0;
        LabelHandle handle = kNoLabel;
        LabelHandle second = kNoLabel; // two-line labels: the line under `handle`
        // A name with no marker written on two lines where one does not fit: its halves, and the first of the
        // core request's spots that takes them (SIZE_MAX: never).
        std::array<LabelHandle, 2> wrapped{kNoLabel, kNoLabel};
        std::size_t firstWrappedSpot = SIZE_MAX;
        // Line labels: the screen polylines the text may follow (the line itself, and parallels either side of
        // it), and for each spot of the core request, which of them and where along it the label's centre sits.
        std::vector<std::vector<TextPoint>> paths;
        std::vector<std::pair<std::uint8_t, float>> spots;
        bool point = false, landmark = false; // named beside its feature…
        core::Vec2d anchor{}, featureHalf{}; // …which sits there on screen
    };

    void place(const core::Camera& camera, std::span<const LayerView> order);
    // Scales the placement and the requests' screen geometry from pixels at scale 1 to the framebuffer's.
    void toFramebufferPixels();

    TextRenderer m_text;
    OverlayRenderer m_overlay; // leader lines
    std::vector<std::vector<core::LabelSource>> m_sources;
    std::vector<std::vector<core::MarkerSpot>> m_markers;
    // A placement and what it was made for. Two are kept, so a large export drawn a few tiles per window frame
    // (the viewer's Export dialog) and the window's own frames do not re-place each other's labels every frame.
    struct Placement {
        std::vector<Request> requests;           // parallel to the core requests of the placement
        std::vector<core::PlacedLabel> placed;
        core::Camera camera;
        std::vector<LayerView> order;
        std::vector<core::ScreenBox> keepOut;
        float scale = 1.0f;
        bool valid = false;
    };
    bool sameView(const Placement& p, const core::Camera& camera, std::span<const LayerView> order) const;
    void invalidate() { m_current.valid = m_other.valid = false; }
    Placement m_current; // the one drawn
    Placement m_other;   // the one before it
    core::LabelLanguage m_language = core::LabelLanguage::En;
    std::vector<core::ScreenBox> m_keepOut;
    float m_scale = 1.0f; // the pixel scale
    std::size_t m_placementRuns = 0;
};

} // namespace corridor::render

#include "platform/deck_author.hpp"

#include "core/as_of.hpp"
#include "core/atomic_file.hpp"
#include "core/graticule.hpp"
#include "core/hit_test.hpp"
#include "core/style.hpp"
#include "geo/deck_values.hpp"
#include "geo/layer_builder.hpp"
#include "geo/slide_overlays.hpp"
#include "platform/navigator.hpp"
#include "platform/slide_stage.hpp"
#include "render/overlay_renderer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <iostream>
#include <system_error>
#include <utility>

namespace corridor::platform {

namespace fs = std::filesystem;

namespace {

// "12:03:41", local time: when a save or an autosave happened, for the panel's status line.
std::string clockNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M:%S", &local);
    return text;
}

std::string absoluteText(const fs::path& p)
{
    std::error_code ec;
    const fs::path a = fs::absolute(p, ec);
    return (ec ? p : a.lexically_normal()).string();
}

// The deck's `style`, written relative to its old folder, made relative to the folder it is saved in, so that a deck
// saved elsewhere still finds its style sheet.
std::string styleFor(const core::Deck& deck, const fs::path& target)
{
    if (deck.style.empty() || deck.file.empty() || core::isUrl(deck.style) || fs::path(deck.style).is_absolute()) {
        return deck.style;
    }
    std::error_code ec;
    const fs::path sheet = fs::absolute(deck.resolve(deck.style), ec).lexically_normal();
    const fs::path folder = fs::absolute(target, ec).lexically_normal().parent_path();
    if (ec) {
        return deck.style;
    }
    const fs::path relative = sheet.lexically_relative(folder);
    return (relative.empty() ? sheet : relative).generic_string();
}

// The first problem of `readBack` that `inMemory` does not have (by slide, by count): what a save would add.
std::string newProblem(const core::Deck& inMemory, const core::Deck& readBack)
{
    if (readBack.problems.size() > inMemory.problems.size()) {
        return readBack.problems[inMemory.problems.size()];
    }
    for (std::size_t i = 0; i < readBack.slides.size(); ++i) {
        const std::size_t had = i < inMemory.slides.size() ? inMemory.slides[i].problems.size() : 0;
        if (readBack.slides[i].problems.size() > had) {
            return readBack.slides[i].problems[had];
        }
    }
    return {};
}

bool isDataLayer(const core::MapLayer& layer)
{
    return !geo::isSlideOverlay(layer) && layer.data.name != core::kGraticuleLayerName;
}

// The `id` field of a layer as geo::findFeature finds it: "id" exactly, else any case of it.
int idField(const core::Layer& layer)
{
    if (const int exact = layer.fieldIndex("id"); exact >= 0) {
        return exact;
    }
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        const std::string& n = layer.fields[i].name;
        if (n.size() == 2 && std::tolower(static_cast<unsigned char>(n[0])) == 'i' &&
            std::tolower(static_cast<unsigned char>(n[1])) == 'd') {
            return static_cast<int>(i);
        }
    }
    return -1;
}

// Lon/lat as a deck accepts them: longitude wrapped into −180..180 (a view panned across the antimeridian), latitude
// within ±90. Rounded to 1e-6° (0.1 m), so that the saved deck reads well and diffs quietly.
std::optional<core::Vec2d> deckLonLat(std::optional<core::Vec2d> p)
{
    if (!p || !std::isfinite(p->x) || !std::isfinite(p->y) || std::abs(p->y) > 90.0) {
        return std::nullopt;
    }
    double lon = std::fmod(p->x + 180.0, 360.0);
    lon = (lon < 0.0 ? lon + 360.0 : lon) - 180.0;
    const auto round = [](double v) { return std::round(v * 1e6) / 1e6; };
    return core::Vec2d{round(lon), round(p->y)};
}

// The first file name of briefing.toml, briefing-2.toml, … that does not exist in the current folder.
std::string freeDefaultPath()
{
    const fs::path base(ui::SlidesState::kDefaultPath);
    std::error_code ec;
    for (int n = 1; n < 1000; ++n) {
        const fs::path p = n == 1 ? base : fs::path(base.stem().string() + "-" + std::to_string(n) + ".toml");
        if (!fs::exists(p, ec) && !fs::exists(autosavePathFor(p), ec)) {
            return p.string();
        }
    }
    return base.string();
}

// The camera showing a slide's view in this window, or why it cannot.
std::optional<core::View> slideCameraView(const core::AppState& app, const core::Slide& slide, std::string& why)
{
    if (!slide.view.centre && !slide.view.bbox) {
        why = "it has no view";
        return std::nullopt;
    }
    std::optional<core::GeoBox> box;
    if (slide.view.bbox) {
        const auto& b = *slide.view.bbox;
        box = core::GeoBox{b[0], b[1], b[2], b[3]};
    }
    try {
        return core::viewOf(geo::frameOutput(app.document, {box, app.camera.widthPx, app.camera.heightPx, slide.view.centre}));
    } catch (const std::exception& e) {
        why = e.what();
        return std::nullopt;
    }
}

} // namespace

fs::path autosavePathFor(const fs::path& deck)
{
    fs::path p = deck;
    p.replace_extension(".autosave.toml");
    return p;
}

fs::path newerAutosave(const fs::path& deck)
{
    if (deck.empty()) {
        return {};
    }
    const fs::path autosave = autosavePathFor(deck);
    std::error_code ec;
    if (!fs::is_regular_file(autosave, ec)) {
        return {};
    }
    if (!fs::exists(deck, ec)) {
        return autosave;
    }
    const auto saved = fs::last_write_time(deck, ec);
    const auto autosaved = fs::last_write_time(autosave, ec);
    return !ec && autosaved > saved ? autosave : fs::path();
}

void openDeck(ui::SlidesState& s, core::Deck deck, core::AppState& app)
{
    s.deck = std::move(deck);
    s.open = true;
    s.show = true;
    s.path = s.deck.file.empty() ? freeDefaultPath() : s.deck.file.string();
    s.savedEdits = s.edits;
    std::error_code ec;
    s.onDisk = !s.deck.file.empty() && fs::exists(s.deck.file, ec);
    s.selected = s.deck.slides.empty() ? std::nullopt : std::optional<std::size_t>(0);
    s.placing.reset();
    s.status.clear();
    s.statusError = false;
    s.autosaveFound = newerAutosave(s.deck.file).string();
    if (!s.autosaveFound.empty()) {
        app.report(core::Severity::Warning,
                   "deck " + s.deck.file.string() + ": an autosave newer than it is beside it (" + s.autosaveFound +
                       "): edits that were not saved. The deck is open as it was saved; the Slides panel's \"Open "
                       "autosave\" opens the edits instead");
    }
}

std::optional<core::DeckHighlight> highlightFor(const core::Layer& layer, std::size_t feature)
{
    if (feature >= layer.features.size()) {
        return std::nullopt;
    }
    const core::Feature& f = layer.features[feature];
    if (const int field = idField(layer); field >= 0 && static_cast<std::size_t>(field) < f.values.size()) {
        const std::string id = core::formatValue(f.values[static_cast<std::size_t>(field)]);
        if (!id.empty() && geo::findFeature(layer, id, geo::FeatureKey::Id).index == feature) {
            return core::DeckHighlight{layer.name, id, {}, 0};
        }
    }
    const std::string name = core::featureName(layer, f);
    if (!name.empty() && geo::findFeature(layer, name, geo::FeatureKey::Name).index == feature) {
        return core::DeckHighlight{layer.name, {}, name, 0};
    }
    return std::nullopt;
}

core::Slide slideFromView(const core::AppState& app, const std::optional<core::Hit>& selection, core::Vec2d centreLonLat,
                          std::size_t number)
{
    core::Slide slide;
    // The zoom rounded as the centre is (deckLonLat): a thousandth of a level is 0.07 % of the scale.
    const double zoom = std::round(core::zoomLevel(app.camera.unitsPerPixel) * 1e3) / 1e3;
    slide.view.centre = core::ViewCentre{centreLonLat.x, centreLonLat.y, std::clamp(zoom, 0.0, 30.0)};
    std::vector<std::string> layers;
    for (const core::MapLayer& l : app.document.layers) {
        // A name twice (two files with a layer of the same name) is one entry: the deck names layers by name.
        if (isDataLayer(l) && l.visible && std::find(layers.begin(), layers.end(), l.data.name) == layers.end()) {
            layers.push_back(l.data.name);
        }
    }
    slide.layers = std::move(layers);
    if (app.document.asOf) {
        slide.asOf = app.document.asOf->iso();
    }
    if (selection && selection->layer < app.document.layers.size()) {
        const core::MapLayer& l = app.document.layers[selection->layer];
        if (isDataLayer(l)) {
            if (auto h = highlightFor(l.data, selection->feature)) {
                slide.highlights.push_back(std::move(*h));
            }
        }
    }
    slide.title = "Slide " + std::to_string(number);
    if (app.camera.widthPx > 0 && app.camera.heightPx > 0) {
        const core::Vec2d centre{app.camera.widthPx / 2.0, app.camera.heightPx / 2.0};
        for (const core::Hit& hit : core::hitTest(app.document, app.camera, centre)) {
            const core::MapLayer& l = app.document.layers[hit.layer];
            if (!isDataLayer(l)) {
                continue;
            }
            if (std::string name = core::featureName(l.data, l.data.features[hit.feature]); !name.empty()) {
                slide.title = std::move(name);
                break;
            }
        }
    }
    return slide;
}

bool saveDeck(ui::SlidesState& s, core::AppState& app)
{
    const fs::path target = s.path.empty() ? fs::path(ui::SlidesState::kDefaultPath) : fs::path(s.path);
    const auto fail = [&](const std::string& why) {
        s.status = why;
        s.statusError = true;
        app.report(core::Severity::Error, why);
        return false;
    };
    std::error_code ec;
    const bool own = !s.deck.file.empty() && fs::exists(s.deck.file, ec) && fs::equivalent(target, s.deck.file, ec);
    if (!own && fs::exists(target, ec) && s.replaceAsked != target.string()) {
        // Another file (a new deck's default name taken, a path typed over an existing one): asked once.
        s.replaceAsked = target.string();
        s.status = target.string() + " exists: Save again to replace it";
        s.statusError = true;
        return false;
    }
    s.replaceAsked.clear();
    core::Deck saved = s.deck;
    saved.style = styleFor(s.deck, target);
    saved.file = target;
    const std::string text = core::deckToToml(saved);
    try {
        const core::Deck readBack = core::parseDeck(text, target, core::DeckErrors::OnSlide);
        if (const std::string problem = newProblem(s.deck, readBack); !problem.empty()) {
            return fail("deck not saved, it would not open again as it is: " + problem);
        }
    } catch (const std::exception& e) {
        return fail(std::string("deck not saved, it would not open again: ") + e.what());
    }
    try {
        core::AtomicWriteOptions options;
        options.what = "deck";
        core::writeFileAtomically(target.string(), text, options);
    } catch (const std::exception& e) {
        return fail(std::string("deck not saved (it is still open here, with its edits): ") + e.what());
    }
    s.deck.style = saved.style;
    s.deck.file = target;
    s.path = target.string();
    s.savedEdits = s.edits;
    s.onDisk = true;
    fs::remove(autosavePathFor(target), ec); // its edits are in the deck now
    s.autosaveFound.clear();
    s.statusError = false;
    s.status = "saved " + std::to_string(s.deck.slides.size()) + " slides to " + absoluteText(target) + " at " + clockNow();
    app.report(core::Severity::Info, s.status);
    return true;
}

bool DeckAuthor::autosave(core::AppState& app, ui::SlidesState& s)
{
    const fs::path beside = s.deck.file.empty() ? fs::path(s.path.empty() ? ui::SlidesState::kDefaultPath : s.path)
                                                : s.deck.file;
    const fs::path file = autosavePathFor(beside);
    try {
        core::AtomicWriteOptions options;
        options.what = "deck's autosave";
        core::writeFileAtomically(file.string(), core::deckToToml(s.deck), options);
    } catch (const std::exception& e) {
        if (!m_autosaveFailed) {
            app.report(core::Severity::Error, std::string("autosave failed (the deck is still open here, with its "
                                                          "edits; Save to another path keeps them): ") + e.what());
        }
        m_autosaveFailed = true;
        return false;
    }
    m_autosaveFailed = false;
    m_autosaved = file;
    m_autosavedEdits = s.edits;
    if (!s.statusError) {
        s.status = "unsaved edits autosaved to " + file.string() + " at " + clockNow();
    }
    return true;
}

bool DeckAuthor::poll(core::AppState& app, ui::UiState& ui, Navigator& navigator, double now)
{
    ui::SlidesState& s = ui.slides;
    bool redraw = false;
    if (std::exchange(s.newDeckRequested, false)) {
        if (s.open && s.dirty() && s.edits != m_autosavedEdits && autosave(app, s)) {
            app.report(core::Severity::Info, "the unsaved edits of the deck before are in " + m_autosaved.string());
        }
        core::Deck empty;
        openDeck(s, std::move(empty), app);
        m_unsavedSince.reset();
        redraw = true;
    }
    if (!ui.files.openDeckRequests.empty()) { // File > Open deck…: the last one picked
        const std::string path = ui.files.openDeckRequests.back();
        ui.files.openDeckRequests.clear();
        try {
            core::Deck deck = core::loadDeck(path, core::DeckErrors::OnSlide);
            if (s.open && s.dirty() && s.edits != m_autosavedEdits && autosave(app, s)) {
                app.report(core::Severity::Info, "the unsaved edits of the deck before are in " + m_autosaved.string());
            }
            for (const std::string& w : deck.warnings) {
                app.report(core::Severity::Warning, w);
            }
            for (const std::string& p : deck.problems) {
                app.report(core::Severity::Warning, p);
            }
            for (const core::Slide& slide : deck.slides) {
                for (const std::string& p : slide.problems) {
                    app.report(core::Severity::Warning, p);
                }
            }
            const std::size_t slides = deck.slides.size();
            openDeck(s, std::move(deck), app);
            m_unsavedSince.reset();
            app.report(core::Severity::Info, "opened deck " + path + ": " + std::to_string(slides) + " slides; F5 presents");
        } catch (const std::exception& e) {
            app.report(core::Severity::Error, e.what()); // the deck being edited stays as it was
        }
        redraw = true;
    }
    const auto centreLonLat = [&]() -> std::optional<core::Vec2d> {
        const auto at = deckLonLat(navigator.toLonLat(app.camera.center));
        if (!at) {
            app.report(core::Severity::Warning, "cannot make a slide of this view: its centre has no longitude and "
                                                "latitude in the view CRS");
        }
        return at;
    };
    if (std::exchange(s.addFromView, false)) {
        if (!s.open) {
            openDeck(s, core::Deck{}, app);
        }
        if (const auto centre = centreLonLat()) {
            const std::size_t at = s.selected && *s.selected < s.deck.slides.size() ? *s.selected + 1 : s.deck.slides.size();
            s.deck.slides.insert(s.deck.slides.begin() + static_cast<std::ptrdiff_t>(at),
                                 slideFromView(app, ui.inspect.selected, *centre, s.deck.slides.size() + 1));
            s.selected = at;
            s.placing.reset();
            s.focusTitle = true;
            s.changed();
        }
        redraw = true;
    }
    if (std::exchange(s.updateFromView, false) && s.selected && *s.selected < s.deck.slides.size()) {
        if (const auto centre = centreLonLat()) {
            core::Slide& slide = s.deck.slides[*s.selected];
            const core::Slide taken = slideFromView(app, ui.inspect.selected, *centre, *s.selected + 1);
            slide.view = taken.view;
            slide.layers = taken.layers;
            slide.asOf = taken.asOf;
            slide.highlights = taken.highlights;
            s.changed();
        }
        redraw = true;
    }
    if (const auto index = std::exchange(s.goTo, std::nullopt); index && *index < s.deck.slides.size()) {
        const core::Slide& slide = s.deck.slides[*index];
        std::string why;
        if (const auto view = slideCameraView(app, slide, why)) {
            navigator.flyTo(app.camera, *view);
        } else {
            app.report(core::Severity::Warning, "slide " + std::to_string(*index + 1) + " cannot be shown: " + why);
        }
        if (slide.layers) {
            for (core::MapLayer& l : app.document.layers) {
                if (isDataLayer(l)) {
                    l.visible = std::find(slide.layers->begin(), slide.layers->end(), l.data.name) != slide.layers->end();
                }
            }
        }
        const std::optional<core::Date> date = slide.asOf ? core::parseDate(*slide.asOf) : std::nullopt;
        if (date != app.document.asOf) {
            ui.timeline.request = date; // the viewer's AsOfRestyler builds it
        }
        // The slide's first highlight is the selection (drawn as the Inspector's highlight), so "Update from view"
        // keeps it.
        std::optional<core::Hit> selection;
        for (std::size_t i = 0; i < app.document.layers.size() && !slide.highlights.empty() && !selection; ++i) {
            const core::DeckHighlight& h = slide.highlights.front();
            const core::MapLayer& l = app.document.layers[i];
            if (isDataLayer(l) && l.data.name == h.layer) {
                const geo::FeatureLookup found = h.id.empty() ? geo::findFeature(l.data, h.name, geo::FeatureKey::Name)
                                                              : geo::findFeature(l.data, h.id, geo::FeatureKey::Id);
                if (found.index) {
                    selection = core::Hit{i, static_cast<std::uint32_t>(*found.index), 0.0};
                }
            }
        }
        ui.inspect.selected = selection;
        ui.inspect.selectionChanged = true;
        redraw = true;
    }
    if (std::exchange(s.recoverRequested, false) && !s.autosaveFound.empty()) {
        const std::string from = std::exchange(s.autosaveFound, std::string()); // asked once, whatever comes of it
        try {
            core::Deck recovered = core::loadDeck(from, core::DeckErrors::OnSlide);
            recovered.file = s.deck.file; // it is that deck's, edited: Save writes the deck
            for (const std::string& w : recovered.warnings) {
                app.report(core::Severity::Warning, w);
            }
            s.deck = std::move(recovered);
            s.selected = s.deck.slides.empty() ? std::nullopt : std::optional<std::size_t>(0);
            s.placing.reset();
            s.changed(); // not saved until Save
            app.report(core::Severity::Info, "opened the autosave " + from + "; Save writes it to " + s.path);
        } catch (const std::exception& e) {
            app.report(core::Severity::Error, std::string("cannot open the autosave: ") + e.what());
        }
        redraw = true;
    }
    if (std::exchange(s.saveRequested, false) && s.open) {
        if (saveDeck(s, app)) {
            std::error_code ec;
            if (!m_autosaved.empty()) {
                fs::remove(m_autosaved, ec); // an autosave written under another name before Save as
                m_autosaved.clear();
            }
            m_unsavedSince.reset();
        }
        redraw = true;
    }
    // Autosave: at most kAutosaveSeconds after the first edit the autosave does not hold.
    if (s.open && s.dirty() && s.edits != m_autosavedEdits) {
        if (!m_unsavedSince) {
            m_unsavedSince = now;
        } else if (now - *m_unsavedSince >= kAutosaveSeconds) {
            autosave(app, s);
            m_unsavedSince.reset();
            redraw = true;
        }
    } else {
        m_unsavedSince.reset();
    }
    return redraw;
}

bool DeckAuthor::takeClick(core::AppState& app, ui::UiState& ui, Navigator& navigator)
{
    ui::SlidesState& s = ui.slides;
    if (!s.placing) {
        return false;
    }
    const std::optional<core::Vec2d> click = navigator.takeClick();
    if (!click) {
        return false;
    }
    ui::AnnotationPlacing& p = *s.placing;
    if (!s.open || p.slide >= s.deck.slides.size()) {
        s.placing.reset();
        return true;
    }
    const auto at = deckLonLat(navigator.toLonLat(app.camera.screenToWorld(*click)));
    if (!at) {
        app.report(core::Severity::Warning, "that point has no longitude and latitude in the view CRS; click "
                                            "another place for the annotation");
        return true;
    }
    core::DeckAnnotation a;
    a.kind = p.kind;
    a.at = *at;
    a.text = s.annotationText;
    switch (p.kind) {
    case core::AnnotationKind::Arrow:
        if (!p.tail) {
            p.tail = *at; // the tip comes with the next click
            return true;
        }
        a.from = p.tail;
        break;
    case core::AnnotationKind::Circle:
        if (!(s.radiusKm > 0.0 && s.radiusKm <= 20000.0)) {
            app.report(core::Severity::Warning, "a circle's radius must be more than 0 and at most 20000 km");
            return true;
        }
        a.radiusKm = s.radiusKm;
        break;
    case core::AnnotationKind::Callout:
        if (a.text.empty()) {
            app.report(core::Severity::Warning, "a callout needs its text: type it in the Slides panel, then click");
            return true;
        }
        break;
    }
    s.deck.slides[p.slide].annotations.push_back(std::move(a));
    s.annotationText.clear();
    s.placing.reset();
    s.changed();
    return true;
}

void DeckAuthor::finish(core::AppState& app, ui::UiState& ui)
{
    ui::SlidesState& s = ui.slides;
    if (s.open && s.dirty() && s.edits != m_autosavedEdits && autosave(app, s)) {
        std::cerr << "corridor: the deck's edits were not saved; they are in " << m_autosaved.string() << "\n";
    }
}

void DeckAuthor::drawAnnotations(const core::Camera& camera, const ui::SlidesState& s, const Navigator& navigator,
                                 render::OverlayRenderer& overlay) const
{
    if (!s.open || !s.show || !s.selected || *s.selected >= s.deck.slides.size()) {
        return;
    }
    const core::Slide& slide = s.deck.slides[*s.selected];
    const core::Color colour = *core::parseColor(geo::kAnnotationColour);
    const core::Color casing{1.0f, 1.0f, 1.0f, 0.9f};
    const auto screen = [&](core::Vec2d lonLat) -> std::optional<core::Vec2d> {
        const auto world = navigator.toWorld(lonLat);
        return world ? std::optional<core::Vec2d>(camera.worldToScreen(*world)) : std::nullopt;
    };
    const auto dot = [&](core::Vec2d lonLat) {
        if (const auto p = screen(lonLat)) {
            overlay.addSegment(*p, *p, 10.0f, casing);
            overlay.addSegment(*p, *p, 6.0f, colour);
        }
    };
    if (!slide.annotations.empty()) {
        // The geometry present mode draws (geo::annotationLayer), in outline: lines and rings stroked, points dotted.
        const core::Layer layer = geo::annotationLayer(slide.annotations, slideGeoBox(slide.view, camera.widthPx,
                                                                                        camera.heightPx)).data;
        for (const float width : {4.0f, 2.0f}) {
            const core::Color c = width > 3.0f ? casing : colour;
            for (const core::Part& part : layer.parts) {
                if (part.role == core::PartRole::Point) {
                    continue;
                }
                std::optional<core::Vec2d> last;
                for (std::uint32_t i = 0; i < part.count; ++i) {
                    const auto p = screen(layer.coords[part.first + i]);
                    if (p && last) {
                        overlay.addSegment(*last, *p, width, c);
                    }
                    last = p;
                }
            }
        }
        for (const core::Part& part : layer.parts) {
            if (part.role == core::PartRole::Point) {
                dot(layer.coords[part.first]);
            }
        }
    }
    if (s.placing && s.placing->slide == *s.selected && s.placing->tail) {
        dot(*s.placing->tail); // an arrow's tail, waiting for its tip
    }
}

} // namespace corridor::platform

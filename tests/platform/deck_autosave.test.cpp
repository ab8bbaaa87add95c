// The Slides panel's platform side (platform/deck_author), with no window: a slide of the map as it is, the map
// clicks that place annotations, "Go to", Save (atomic, read back first, asking before replacing another file) and
// the autosave beside the deck (every 30 s while edits are unsaved, removed by Save, reported when newer on opening,
// opened only when asked).

#include "platform/deck_author.hpp"

#include "core/as_of.hpp"
#include "core/graticule.hpp"
#include "core/hit_test.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "platform/navigator.hpp"
#include "test_folders.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using namespace corridor;
namespace fs = std::filesystem;
using platform::DeckAuthor;

namespace {

std::string readText(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream(p, std::ios::binary) << text;
}

std::size_t entriesWith(const core::AppState& app, core::Severity severity, const std::string& part)
{
    std::size_t n = 0;
    for (const core::LogEntry& e : app.log) {
        n += e.severity == severity && e.text.find(part) != std::string::npos ? 1 : 0;
    }
    return n;
}

// Points with an `id` field ("n1", "n2", and "dup" twice) and names ("Rasht", "Astara", "Twin", "Twin"), projected
// with an identify index so that the view's centre names a feature.
core::MapLayer nodesLayer(const std::string& name, const std::string& viewCrs)
{
    core::MapLayer m;
    m.title = name;
    m.data.name = name;
    m.data.fields = {{"ID", core::FieldType::String}, {"name", core::FieldType::String}};
    const struct {
        const char* id;
        const char* name;
        core::Vec2d at;
    } rows[] = {{"n1", "Rasht", {49.589, 37.276}}, {"n2", "Astara", {48.87, 38.431}}, {"dup", "Twin", {47.0, 36.0}},
                {"dup", "Twin", {46.0, 35.0}}};
    for (const auto& r : rows) {
        core::Feature f;
        f.type = core::GeometryType::Point;
        f.firstPart = core::appendPart(m.data, core::PartRole::Point, &r.at, 1);
        f.partCount = 1;
        f.values = {std::string(r.id), std::string(r.name)};
        m.data.features.push_back(std::move(f));
    }
    m.style = core::defaultLayerStyle(m.data, 0);
    m.mesh = geo::buildMesh(m.data, m.style, viewCrs, nullptr, &m.hits);
    return m;
}

// A map of two layers (one hidden) and a graticule, the camera over Rasht, and the Navigator's transforms.
struct Author {
    core::AppState app;
    ui::UiState ui;
    platform::Navigator nav{geo::kCorridorLcc};
    DeckAuthor author;
    double now = 1000.0;

    Author()
    {
        app.document.viewCrs = geo::kCorridorLcc;
        app.document.layers.push_back(nodesLayer("nodes", geo::kCorridorLcc));
        app.document.layers.push_back(nodesLayer("hidden", geo::kCorridorLcc));
        app.document.layers.back().visible = false;
        core::MapLayer graticule;
        graticule.data.name = core::kGraticuleLayerName;
        app.document.layers.push_back(std::move(graticule));
        app.camera.resize(1024, 768);
        app.camera.center = *nav.toWorld({49.589, 37.276});
        app.camera.unitsPerPixel = core::unitsPerPixelAtZoom(7.25);
    }
    bool poll(double seconds = 0.0)
    {
        now += seconds;
        return author.poll(app, ui, nav, now);
    }
    // A plain click on the map at window pixel (x, y), as the Navigator sees one, then the author's turn at it.
    bool click(double x, double y)
    {
        sf::Event e{};
        e.type = sf::Event::MouseButtonPressed;
        e.mouseButton = {sf::Mouse::Left, static_cast<int>(x), static_cast<int>(y)};
        nav.route(e, app, ui, now);
        e.type = sf::Event::MouseButtonReleased;
        nav.route(e, app, ui, now);
        now += 1.0; // never a double click
        return author.takeClick(app, ui, nav);
    }
    core::Vec2d lonLatAt(double x, double y) const { return *nav.toLonLat(app.camera.screenToWorld({x, y})); }
};

core::Deck twoSlideDeck()
{
    core::Deck deck;
    deck.title = "Test deck";
    for (const char* title : {"One", "Two"}) {
        core::Slide s;
        s.title = title;
        s.view.centre = core::ViewCentre{50.0, 38.0, 6.0};
        deck.slides.push_back(std::move(s));
    }
    return deck;
}

} // namespace

TEST_CASE("deck autosave: beside the deck, its extension replaced")
{
    CHECK(platform::autosavePathFor("briefing.toml") == fs::path("briefing.autosave.toml"));
    CHECK(platform::autosavePathFor("/a/b/instc.toml") == fs::path("/a/b/instc.autosave.toml"));
    CHECK(platform::autosavePathFor("notes/deck") == fs::path("notes/deck.autosave.toml"));
    CHECK(platform::autosavePathFor("my deck.v2.toml") == fs::path("my deck.v2.autosave.toml"));
}

TEST_CASE("slide from view: the centre and zoom, the visible data layers, the date, the selected feature, a title")
{
    Author a;
    a.app.document.asOf = core::parseDate("2019-06");
    const core::Slide s = platform::slideFromView(a.app, core::Hit{0, 1, 0.0}, a.lonLatAt(512, 384), 3);
    REQUIRE(s.view.centre);
    CHECK(s.view.centre->lon == doctest::Approx(49.589).epsilon(1e-6));
    CHECK(s.view.centre->lat == doctest::Approx(37.276).epsilon(1e-6));
    CHECK(s.view.centre->zoom == doctest::Approx(7.25));
    CHECK_FALSE(s.view.bbox);
    // The hidden layer and the graticule (export-deck has none) are left out.
    CHECK(s.layers == std::vector<std::string>{"nodes"});
    CHECK(s.asOf == std::optional<std::string>("2019-06"));
    REQUIRE(s.highlights.size() == 1);
    CHECK(s.highlights[0].layer == "nodes");
    CHECK(s.highlights[0].id == "n2"); // the `ID` field, in any case, as geo::findFeature reads it
    CHECK(s.highlights[0].name.empty());
    CHECK(s.title == "Rasht"); // the feature at the view's centre

    // Away from any feature: "Slide N"; no date, no selection: neither.
    a.app.document.asOf.reset();
    a.app.camera.center = *a.nav.toWorld({55.0, 45.0});
    const core::Slide empty = platform::slideFromView(a.app, std::nullopt, a.lonLatAt(512, 384), 3);
    CHECK(empty.title == "Slide 3");
    CHECK_FALSE(empty.asOf);
    CHECK(empty.highlights.empty());

    // Zoom is held to what a deck allows.
    a.app.camera.unitsPerPixel = core::unitsPerPixelAtZoom(-2.0);
    CHECK(platform::slideFromView(a.app, std::nullopt, {0.0, 0.0}, 1).view.centre->zoom == 0.0);
}

TEST_CASE("slide from view: a highlight names its feature by a unique id, else a unique name, else not at all")
{
    core::Layer layer = nodesLayer("nodes", geo::kCorridorLcc).data;
    CHECK(platform::highlightFor(layer, 0) == core::DeckHighlight{"nodes", "n1", "", 0});
    // Two features share the id "dup" and the name "Twin": no highlight could name either.
    CHECK_FALSE(platform::highlightFor(layer, 2));
    CHECK_FALSE(platform::highlightFor(layer, 9));
    // Make the second twin's name unique: its id is still shared, so it is named by name.
    layer.features[3].values[1] = std::string("Lone twin");
    CHECK(platform::highlightFor(layer, 3) == core::DeckHighlight{"nodes", "", "Lone twin", 0});
}

TEST_CASE("deck author: Add slide from view inserts after the selection, starting a deck when none is open")
{
    Author a;
    a.ui.slides.addFromView = true;
    CHECK(a.poll());
    CHECK(a.ui.slides.open);
    REQUIRE(a.ui.slides.deck.slides.size() == 1);
    CHECK(a.ui.slides.dirty());
    CHECK(a.ui.slides.selected == std::optional<std::size_t>(0));
    CHECK(a.ui.slides.focusTitle); // the title field takes the keys
    a.ui.slides.deck.slides[0].title = "first";
    a.ui.slides.addFromView = true;
    a.poll();
    a.ui.slides.selected = 0;
    a.ui.slides.addFromView = true;
    a.poll();
    REQUIRE(a.ui.slides.deck.slides.size() == 3);
    CHECK(a.ui.slides.deck.slides[0].title == "first");
    CHECK(a.ui.slides.selected == std::optional<std::size_t>(1)); // right after the selected one
    CHECK_FALSE(a.ui.slides.addFromView);

    // Update from view: the selected slide takes the new view and keeps its text.
    a.ui.slides.selected = 0;
    a.app.camera.center = *a.nav.toWorld({52.0, 40.0});
    a.ui.slides.updateFromView = true;
    a.poll();
    CHECK(a.ui.slides.deck.slides[0].title == "first");
    CHECK(a.ui.slides.deck.slides[0].view.centre->lon == doctest::Approx(52.0).epsilon(1e-6));
}

TEST_CASE("deck author: annotations placed by clicks on the map, an arrow from its tail to its tip")
{
    Author a;
    platform::openDeck(a.ui.slides, twoSlideDeck(), a.app);
    ui::SlidesState& s = a.ui.slides;

    // Not armed: the click is identify's.
    CHECK_FALSE(a.click(300, 300));
    CHECK(a.nav.takeClick()); // left for selectClicked

    s.placing = ui::AnnotationPlacing{core::AnnotationKind::Arrow, 1, std::nullopt};
    s.annotationText = "to build";
    CHECK(a.click(300, 300));
    REQUIRE(s.placing); // waits for the tip
    CHECK(s.deck.slides[1].annotations.empty());
    CHECK(a.click(600, 400));
    CHECK_FALSE(s.placing);
    CHECK_FALSE(a.nav.takeClick()); // taken: identify never sees it
    REQUIRE(s.deck.slides[1].annotations.size() == 1);
    const core::DeckAnnotation& arrow = s.deck.slides[1].annotations[0];
    CHECK(arrow.kind == core::AnnotationKind::Arrow);
    REQUIRE(arrow.from);
    CHECK(arrow.from->x == doctest::Approx(a.lonLatAt(300, 300).x));
    CHECK(arrow.at.y == doctest::Approx(a.lonLatAt(600, 400).y));
    CHECK(arrow.text == "to build");
    CHECK(s.annotationText.empty()); // used
    CHECK(s.dirty());

    // A circle: one click, the panel's radius.
    s.placing = ui::AnnotationPlacing{core::AnnotationKind::Circle, 1, std::nullopt};
    s.radiusKm = 15.0;
    a.click(500, 380);
    REQUIRE(s.deck.slides[1].annotations.size() == 2);
    CHECK(s.deck.slides[1].annotations[1].radiusKm == 15.0);
    CHECK(s.deck.slides[1].annotations[1].text.empty());

    // A callout needs its text: without it the click says so and the callout still waits.
    s.placing = ui::AnnotationPlacing{core::AnnotationKind::Callout, 0, std::nullopt};
    a.click(500, 380);
    CHECK(s.placing);
    CHECK(entriesWith(a.app, core::Severity::Warning, "a callout needs its text") == 1);
    s.annotationText = "Rasht";
    a.click(512, 384);
    CHECK_FALSE(s.placing);
    REQUIRE(s.deck.slides[0].annotations.size() == 1);
    CHECK(s.deck.slides[0].annotations[0].text == "Rasht");
    CHECK(s.deck.slides[0].annotations[0].at.x == doctest::Approx(49.589).epsilon(1e-6));

    // What was placed reads back from the saved deck.
    const core::Deck back = core::parseDeck(core::deckToToml(s.deck), "back.toml");
    CHECK(back == s.deck);
}

TEST_CASE("deck author: Go to flies to the slide and shows its layers, date and first highlight")
{
    Author a;
    core::Deck deck = twoSlideDeck();
    deck.slides[1].layers = std::vector<std::string>{"hidden"};
    deck.slides[1].asOf = "2010";
    deck.slides[1].highlights.push_back({"hidden", "", "Astara", 0});
    platform::openDeck(a.ui.slides, deck, a.app);
    a.ui.slides.goTo = 1;
    CHECK(a.poll());
    CHECK(a.nav.flying());
    CHECK_FALSE(a.app.document.layers[0].visible);
    CHECK(a.app.document.layers[1].visible);
    REQUIRE(a.ui.timeline.request);
    CHECK(*a.ui.timeline.request == core::parseDate("2010"));
    REQUIRE(a.ui.inspect.selected);
    CHECK(a.ui.inspect.selected->layer == 1);
    CHECK(a.ui.inspect.selected->feature == 1);
    CHECK_FALSE(a.ui.slides.dirty()); // showing a slide edits nothing
}

TEST_CASE("deck save: written atomically, read back equal, the autosave removed")
{
    const fs::path dir = test::freshFolder("platform", "deck_save");
    Author a;
    core::Deck deck = twoSlideDeck();
    deck.file = dir / "briefing.toml";
    platform::openDeck(a.ui.slides, deck, a.app);
    ui::SlidesState& s = a.ui.slides;
    CHECK_FALSE(s.onDisk);
    s.deck.slides[0].caption = "**Bold** claim\n\n- a bullet";
    s.changed();
    writeText(dir / "briefing.autosave.toml", "# an autosave\n");
    s.saveRequested = true;
    a.poll();
    CHECK_FALSE(s.dirty());
    CHECK(s.onDisk);
    CHECK_FALSE(s.statusError);
    CHECK(s.status.find("saved 2 slides to " + (dir / "briefing.toml").string()) == 0);
    CHECK(entriesWith(a.app, core::Severity::Info, "saved 2 slides") == 1);
    CHECK_FALSE(fs::exists(dir / "briefing.autosave.toml"));
    const core::Deck back = core::loadDeck(dir / "briefing.toml");
    CHECK(back == s.deck);
    CHECK(back.slides[0].caption == "**Bold** claim\n\n- a bullet");
    // No temporary file is left beside it.
    CHECK(test::folderContents(dir) == std::vector<std::string>{"briefing.toml"});
}

TEST_CASE("deck save: a failed write says why once and keeps the deck and its edits")
{
    const fs::path dir = test::freshFolder("platform", "deck_save_fails");
    Author a;
    platform::openDeck(a.ui.slides, twoSlideDeck(), a.app);
    ui::SlidesState& s = a.ui.slides;
    s.path = (dir / "no-such-folder" / "deck.toml").string();
    s.deck.slides[0].title = "edited";
    s.changed();
    CHECK_FALSE(platform::saveDeck(s, a.app));
    CHECK(s.statusError);
    CHECK(s.dirty());
    CHECK(s.deck.slides[0].title == "edited");
    CHECK(s.deck.file.empty());
    CHECK(entriesWith(a.app, core::Severity::Error, "no-such-folder") == 1);
    CHECK(test::folderContents(dir).empty());

    // A malformed placeholder would make the deck unreadable: not written, and the message names it.
    s.path = (dir / "deck.toml").string();
    s.deck.slides[1].title = "{{lenght:instc_routes/r01}}";
    CHECK_FALSE(platform::saveDeck(s, a.app));
    CHECK(entriesWith(a.app, core::Severity::Error, "lenght") == 1);
    CHECK_FALSE(fs::exists(dir / "deck.toml"));
    s.deck.slides[1].title = "{{length:instc_routes/r01}}";
    CHECK(platform::saveDeck(s, a.app));
    CHECK(fs::exists(dir / "deck.toml"));
}

TEST_CASE("deck save: another file at the path is replaced only when Save is asked twice")
{
    const fs::path dir = test::freshFolder("platform", "deck_save_replace");
    Author a;
    platform::openDeck(a.ui.slides, twoSlideDeck(), a.app);
    ui::SlidesState& s = a.ui.slides;
    writeText(dir / "other.toml", "# someone else's\n");
    s.path = (dir / "other.toml").string();
    CHECK_FALSE(platform::saveDeck(s, a.app));
    CHECK(s.status.find("exists: Save again to replace it") != std::string::npos);
    CHECK(readText(dir / "other.toml") == "# someone else's\n");
    CHECK(platform::saveDeck(s, a.app));
    CHECK(core::loadDeck(dir / "other.toml") == s.deck);
    // Its own file is saved over without asking.
    s.deck.title = "again";
    CHECK(platform::saveDeck(s, a.app));
    CHECK(core::loadDeck(dir / "other.toml").title == "again");
}

TEST_CASE("deck save: saved into another folder, the style sheet path still points at the same file")
{
    const fs::path dir = test::freshFolder("platform", "deck_save_style");
    fs::create_directories(dir / "a" / "b");
    writeText(dir / "style.toml", "");
    Author a;
    core::Deck deck = twoSlideDeck();
    deck.file = dir / "a" / "deck.toml";
    deck.style = "../style.toml";
    platform::openDeck(a.ui.slides, deck, a.app);
    a.ui.slides.path = (dir / "a" / "b" / "deck.toml").string();
    REQUIRE(platform::saveDeck(a.ui.slides, a.app));
    const core::Deck back = core::loadDeck(dir / "a" / "b" / "deck.toml");
    CHECK(back.style == "../../style.toml");
    CHECK(fs::equivalent(back.resolve(back.style), dir / "style.toml"));
}

TEST_CASE("deck autosave: every 30 s while edits are unsaved, beside the deck, atomic, at exit, not when saved")
{
    const fs::path dir = test::freshFolder("platform", "deck_autosave");
    Author a;
    core::Deck deck = twoSlideDeck();
    deck.file = dir / "talk.toml";
    platform::openDeck(a.ui.slides, deck, a.app);
    const fs::path autosave = dir / "talk.autosave.toml";
    a.poll(100.0);
    CHECK_FALSE(fs::exists(autosave)); // nothing to keep

    a.ui.slides.deck.slides[0].notes = "first edit";
    a.ui.slides.changed();
    a.poll(0.0);
    a.poll(29.0);
    CHECK_FALSE(fs::exists(autosave));
    a.ui.slides.changed(); // more edits do not push the autosave back
    a.poll(1.5);
    REQUIRE(fs::exists(autosave));
    CHECK(core::loadDeck(autosave).slides[0].notes == "first edit");
    CHECK(a.ui.slides.dirty()); // an autosave is not a save
    CHECK(a.ui.slides.status.find("autosaved to") != std::string::npos);
    CHECK(test::folderContents(dir) == std::vector<std::string>{"talk.autosave.toml"});

    // Nothing new: it is not written again.
    fs::last_write_time(autosave, fs::file_time_type::clock::now() - std::chrono::hours(1));
    const auto written = fs::last_write_time(autosave);
    a.poll(100.0);
    CHECK(fs::last_write_time(autosave) == written);

    // Save removes it.
    a.ui.slides.saveRequested = true;
    a.poll(1.0);
    CHECK_FALSE(fs::exists(autosave));
    CHECK(fs::exists(dir / "talk.toml"));

    // At exit, edits not saved go to the autosave at once.
    a.ui.slides.deck.slides[1].title = "edited just before quitting";
    a.ui.slides.changed();
    a.author.finish(a.app, a.ui);
    REQUIRE(fs::exists(autosave));
    CHECK(core::loadDeck(autosave).slides[1].title == "edited just before quitting");
    CHECK(core::loadDeck(dir / "talk.toml").slides[1].title == "Two");
}

TEST_CASE("deck autosave: a deck never saved autosaves beside the path Save would use, a failure is said once")
{
    const fs::path dir = test::freshFolder("platform", "deck_autosave_new");
    Author a;
    a.ui.slides.newDeckRequested = true;
    a.poll();
    ui::SlidesState& s = a.ui.slides;
    CHECK(s.open);
    CHECK(s.deck.slides.empty());
    s.path = (dir / "new.toml").string();
    s.deck.title = "typed";
    s.changed();
    a.poll(0.0);
    a.poll(31.0);
    CHECK(fs::exists(dir / "new.autosave.toml"));

    s.path = (dir / "gone" / "new.toml").string();
    s.changed();
    for (int i = 0; i < 4; ++i) {
        a.poll(31.0);
    }
    CHECK(entriesWith(a.app, core::Severity::Error, "autosave failed") == 1);
    CHECK(s.deck.title == "typed");
}

TEST_CASE("deck autosave: a newer autosave is reported on opening, not loaded, Open autosave loads it, unsaved")
{
    const fs::path dir = test::freshFolder("platform", "deck_autosave_newer");
    const fs::path file = dir / "deck.toml";
    core::Deck saved = twoSlideDeck();
    saved.file = file;
    writeText(file, core::deckToToml(saved));
    core::Deck edited = saved;
    edited.slides[0].title = "edited, not saved";
    writeText(dir / "deck.autosave.toml", core::deckToToml(edited));
    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(file, now - std::chrono::minutes(10));
    fs::last_write_time(dir / "deck.autosave.toml", now - std::chrono::minutes(5));
    CHECK(platform::newerAutosave(file) == dir / "deck.autosave.toml");

    Author a;
    platform::openDeck(a.ui.slides, core::loadDeck(file), a.app);
    CHECK(a.ui.slides.deck.slides[0].title == "One"); // not silently loaded
    CHECK(a.ui.slides.autosaveFound == (dir / "deck.autosave.toml").string());
    CHECK(entriesWith(a.app, core::Severity::Warning, "an autosave newer than it") == 1);
    CHECK_FALSE(a.ui.slides.dirty());

    a.ui.slides.recoverRequested = true;
    a.poll();
    CHECK(a.ui.slides.deck.slides[0].title == "edited, not saved");
    CHECK(a.ui.slides.deck.file == file); // Save writes the deck, not the autosave
    CHECK(a.ui.slides.dirty());
    CHECK(a.ui.slides.autosaveFound.empty());

    // An autosave older than the deck (saved since) is no news.
    fs::last_write_time(dir / "deck.autosave.toml", now - std::chrono::minutes(20));
    CHECK(platform::newerAutosave(file).empty());
    // A deck not on disk yet with an autosave beside it: the autosave is news.
    CHECK(platform::newerAutosave(dir / "other.toml").empty());
    writeText(dir / "other.autosave.toml", "");
    CHECK(platform::newerAutosave(dir / "other.toml") == dir / "other.autosave.toml");
}

TEST_CASE("deck author: New deck keeps the unsaved edits of the deck before in its autosave")
{
    const fs::path dir = test::freshFolder("platform", "deck_new");
    Author a;
    core::Deck deck = twoSlideDeck();
    deck.file = dir / "old.toml";
    platform::openDeck(a.ui.slides, deck, a.app);
    a.ui.slides.deck.slides[0].title = "unsaved";
    a.ui.slides.changed();
    a.ui.slides.newDeckRequested = true;
    a.poll();
    CHECK(a.ui.slides.deck.slides.empty());
    CHECK_FALSE(a.ui.slides.dirty());
    CHECK(a.ui.slides.deck.file.empty());
    CHECK_FALSE(a.ui.slides.path.empty());
    REQUIRE(fs::exists(dir / "old.autosave.toml"));
    CHECK(core::loadDeck(dir / "old.autosave.toml").slides[0].title == "unsaved");
    CHECK(entriesWith(a.app, core::Severity::Info, "old.autosave.toml") == 1);
}

TEST_CASE("deck author: File > Open deck puts a deck file in the panel, and one that cannot be read changes nothing")
{
    const fs::path dir = test::freshFolder("platform", "deck_open");
    writeText(dir / "brief.toml", core::deckToToml(twoSlideDeck()));
    writeText(dir / "broken.toml", "[deck]\nformat = 1\n[[slide]]\ntitle = \"x\"\n[slide.view]\nzoom = \"far\"\n"
                                   "centre = [50, 30]\n[[slide\n");
    Author a;
    // The command opens the browser for decks: .toml files listed, a pick goes to openDeckRequests, not to the layers.
    ui::applyCommand(ui::Command::OpenDeck, a.app, a.ui);
    CHECK(a.ui.files.open);
    CHECK(a.ui.files.purpose == ui::BrowsePurpose::OpenDeck);
    CHECK(ui::shownExtensions(a.ui.files) == std::vector<std::string>{"toml"});
    a.ui.files.openDeckRequests.push_back((dir / "brief.toml").string());
    a.poll();
    CHECK(a.ui.files.openDeckRequests.empty());
    CHECK(a.ui.slides.open);
    REQUIRE(a.ui.slides.deck.slides.size() == 2);
    CHECK(a.ui.slides.deck.slides[1].title == "Two");
    CHECK(a.ui.slides.deck.file == dir / "brief.toml");
    CHECK_FALSE(a.ui.slides.dirty());
    CHECK(entriesWith(a.app, core::Severity::Info, "brief.toml: 2 slides") == 1);

    a.ui.files.openDeckRequests.push_back((dir / "broken.toml").string());
    a.poll();
    CHECK(entriesWith(a.app, core::Severity::Error, "broken.toml:8") == 1); // file:line of the syntax error
    CHECK(a.ui.slides.deck.file == dir / "brief.toml");                      // the deck open stays
    CHECK(a.ui.slides.deck.slides.size() == 2);

    ui::applyCommand(ui::Command::AddLayer, a.app, a.ui); // the same browser, for layers again
    CHECK(a.ui.files.purpose == ui::BrowsePurpose::AddLayer);
}

// The Slides panel driven through the real ImGui bridge with no window (panel_harness.hpp), with the viewer's side of
// it (platform::DeckAuthor) taking its requests after each frame as the viewer's loop does: keys S, A and Ctrl+S, the
// title of a slide just added taking the keys, several lines in a caption, reorder and delete, arming an annotation
// and cancelling it, New deck.

#include "ui/panels.hpp"

#include "geo/proj.hpp"
#include "platform/deck_author.hpp"
#include "platform/navigator.hpp"
#include "test_folders.hpp"

#include "panel_harness.hpp"

#include <doctest/doctest.h>

#include <imgui_internal.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

using namespace corridor;
namespace fs = std::filesystem;
using test::PanelHarness;

namespace {

struct SlidesHarness {
    PanelHarness h;
    platform::Navigator nav{geo::kCorridorLcc};
    platform::DeckAuthor author;
    double now = 100.0;

    SlidesHarness()
    {
        h.app.document.viewCrs = geo::kCorridorLcc;
        h.app.camera.resize(1024, 768);
        h.app.camera.center = *nav.toWorld({50.0, 38.0});
        h.app.camera.unitsPerPixel = core::unitsPerPixelAtZoom(6.0);
        h.ui.showLayers = false; // the panel alone on the screen
        turn();
    }
    ui::SlidesState& s() { return h.ui.slides; }
    // The viewer's turn after the UI: the requests the frame made are acted on, then the next frame shows them. The
    // clock stands still: no autosave (deck_autosave.test.cpp has those) lands in the tests' working folder.
    void turn()
    {
        author.poll(h.app, h.ui, nav, now);
        h.frame();
        h.frame();
    }
    void open(core::Deck deck)
    {
        platform::openDeck(s(), std::move(deck), h.app);
        turn();
    }
};

core::Deck threeSlides()
{
    core::Deck deck;
    for (const char* title : {"One", "Two", "Three"}) {
        core::Slide slide;
        slide.title = title;
        slide.view.centre = core::ViewCentre{50.0, 38.0, 6.0};
        deck.slides.push_back(std::move(slide));
    }
    return deck;
}

ImGuiWindow* slidesWindow()
{
    ImGuiWindow* w = ImGui::FindWindowByName("###Slides"); // "Slides" or "Slides*": the id is the same
    return w != nullptr && w->Active ? w : nullptr;
}

ImGuiWindow* slideList()
{
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        // The caption's and notes' fields are child windows too.
        if (w->Active && w->ParentWindow == slidesWindow() && std::string(w->Name).find("/##slide-list_") != std::string::npos) {
            return w;
        }
    }
    return nullptr;
}

// The id ImGui gives `label` in `window` (inside PushID(scope), then PushID(row), when given), as the panel draws it:
// worked out by the window itself, as PushID and GetID do while it is drawn.
ImGuiID idOf(ImGuiWindow* window, const char* label, std::optional<int> row = std::nullopt,
             const char* scope = nullptr)
{
    const int depth = window->IDStack.Size;
    if (scope != nullptr) {
        window->IDStack.push_back(window->GetIDNoKeepAlive(scope));
    }
    if (row) {
        window->IDStack.push_back(window->GetIDNoKeepAlive(*row));
    }
    const ImGuiID id = window->GetIDNoKeepAlive(label);
    window->IDStack.resize(depth);
    return id;
}

// Where each item of `window` is, found by resting the pointer on a grid over it and asking ImGui what is hovered:
// the first point over each item's id. Disabled items are left out: they cannot be clicked.
std::map<ImGuiID, ImVec2> itemsOf(PanelHarness& h, const ImGuiWindow* window, float step = 8.0f)
{
    const ImRect r = window->Rect();
    std::map<ImGuiID, ImVec2> found;
    for (float y = r.Min.y + 2.0f; y < r.Max.y; y += step) {
        for (float x = r.Min.x + 4.0f; x < r.Max.x - 4.0f; x += 2.0f * step) {
            h.hover(x, y);
            const ImGuiContext& g = *ImGui::GetCurrentContext();
            if (const ImGuiID id = g.HoveredId; id != 0 && !g.HoveredIdDisabled) {
                found.emplace(id, ImVec2(x, y));
            }
        }
    }
    return found;
}

// Turns the wheel over `window` until it shows its end (`notches` > 0: its start).
void scrollDown(PanelHarness& h, const ImGuiWindow* window, float notches = -1.0f)
{
    const ImVec2 c = window->Rect().GetCenter();
    for (int i = 0; i < 20; ++i) {
        sf::Event e{};
        e.type = sf::Event::MouseWheelScrolled;
        e.mouseWheelScroll = {sf::Mouse::VerticalWheel, notches, static_cast<int>(c.x), static_cast<int>(c.y)};
        h.send(e);
        h.frame();
    }
}

// Clicks the item `label` (in PushID(scope), PushID(row) when given) of `window`, which must be among `items`.
void clickItem(SlidesHarness& t, const std::map<ImGuiID, ImVec2>& items, ImGuiWindow* window, const char* label,
               std::optional<int> row = std::nullopt, const char* scope = nullptr)
{
    REQUIRE(window != nullptr);
    const auto it = items.find(idOf(window, label, row, scope));
    REQUIRE_MESSAGE(it != items.end(), "no item '" << std::string(label) << "' (row " << row.value_or(-1) << ") in the panel");
    t.h.click(it->second.x, it->second.y);
    t.turn();
}

} // namespace

TEST_CASE("slides panel: S shows it, A adds a slide of the view whose title takes the keys, Ctrl+S saves while typing")
{
    const fs::path dir = test::freshFolder("platform", "slides_panel_keys");
    SlidesHarness t;
    CHECK(slidesWindow() == nullptr);
    t.h.tap(sf::Keyboard::S);
    t.turn();
    REQUIRE(slidesWindow() != nullptr);
    CHECK_FALSE(t.s().open); // no deck yet: the panel offers New deck
    t.h.tap(sf::Keyboard::S);
    CHECK(slidesWindow() == nullptr);

    t.h.tap(sf::Keyboard::A); // a deck is started for it, the panel shown
    t.turn();
    REQUIRE(t.s().open);
    REQUIRE(t.s().deck.slides.size() == 1);
    CHECK(t.s().deck.slides[0].view.centre->lon == doctest::Approx(50.0).epsilon(1e-6));
    CHECK(t.s().deck.slides[0].view.centre->zoom == doctest::Approx(6.0));
    t.turn();
    REQUIRE(ImGui::GetIO().WantTextInput); // the title field has the keys, its text selected
    t.h.type("Caspian");
    CHECK(t.s().deck.slides[0].title == "Caspian");
    t.h.tap(sf::Keyboard::A); // a letter while typing, not a shortcut
    CHECK(t.s().deck.slides[0].title == "Caspian");
    t.h.type("!");
    CHECK(t.s().deck.slides[0].title == "Caspian!");
    CHECK(t.s().dirty());

    // Ctrl+S while the field still has the keys: saved, as in any editor.
    t.s().path = (dir / "deck.toml").string();
    t.h.tap(sf::Keyboard::S, true);
    t.turn();
    REQUIRE(fs::exists(dir / "deck.toml"));
    CHECK_FALSE(t.s().dirty());
    CHECK(core::loadDeck(dir / "deck.toml").slides.at(0).title == "Caspian!");

    // Enter gives the keys back to the map: A adds a second slide after the first.
    t.h.tap(sf::Keyboard::Enter);
    t.h.frame(); // io.WantTextInput follows a frame behind
    REQUIRE_FALSE(ImGui::GetIO().WantTextInput);
    t.h.tap(sf::Keyboard::A);
    t.turn();
    REQUIRE(t.s().deck.slides.size() == 2);
    CHECK(t.s().selected == std::optional<std::size_t>(1));
    CHECK(t.s().dirty());
}

TEST_CASE("slides panel: caption and notes take several lines")
{
    SlidesHarness t;
    t.open(threeSlides());
    t.s().selected = 1;
    t.turn();
    const auto items = itemsOf(t.h, slidesWindow());
    clickItem(t, items, slidesWindow(), "##caption");
    REQUIRE(ImGui::GetIO().WantTextInput);
    t.h.type("**Bold** line");
    t.h.tap(sf::Keyboard::Enter);
    t.h.type("- a bullet");
    CHECK(t.s().deck.slides[1].caption == "**Bold** line\n- a bullet");
    clickItem(t, items, slidesWindow(), "##notes");
    t.h.type("say it");
    t.h.tap(sf::Keyboard::Enter);
    t.h.type("slowly");
    CHECK(t.s().deck.slides[1].notes == "say it\nslowly");
    CHECK(t.s().dirty());
    CHECK(t.s().deck.slides[0].caption.empty());
}

TEST_CASE("slides panel: up, down and Delete reorder the slides, the selection follows its slide")
{
    SlidesHarness t;
    t.open(threeSlides());
    REQUIRE(slideList() != nullptr);
    const auto titles = [&] {
        std::string out;
        for (const core::Slide& s : t.s().deck.slides) {
            out += s.title + " ";
        }
        return out;
    };
    auto items = itemsOf(t.h, slideList(), 5.0f);
    clickItem(t, items, slideList(), "##down", 0);
    CHECK(titles() == "Two One Three ");
    CHECK(t.s().selected == std::optional<std::size_t>(1)); // "One", selected when the deck opened, moved down
    CHECK(t.s().dirty());
    clickItem(t, items, slideList(), "##up", 2);
    CHECK(titles() == "Two Three One ");
    CHECK(t.s().selected == std::optional<std::size_t>(2));
    // A click on a title selects it; Delete deletes that row.
    clickItem(t, items, slideList(), "###slide", 0);
    CHECK(t.s().selected == std::optional<std::size_t>(0));
    clickItem(t, items, slideList(), "Delete", 1);
    CHECK(titles() == "Two One ");
    CHECK(t.s().selected == std::optional<std::size_t>(0));
    items = itemsOf(t.h, slideList(), 5.0f);
    clickItem(t, items, slideList(), "Delete", 0);
    clickItem(t, items, slideList(), "Delete", 0);
    CHECK(t.s().deck.slides.empty());
    CHECK_FALSE(t.s().selected);
    CHECK(slideList() == nullptr);
}

TEST_CASE("slides panel: an annotation is armed by its button, waits for text when a callout, Escape cancels")
{
    SlidesHarness t;
    t.open(threeSlides());
    t.s().selected = 2;
    t.turn();
    auto items = itemsOf(t.h, slidesWindow());
    ImGuiWindow* w = slidesWindow();
    // No text typed: Callout is disabled (ImGui never hovers it).
    CHECK(items.count(idOf(w, "Callout")) == 0);
    clickItem(t, items, w, "Circle");
    REQUIRE(t.s().placing);
    CHECK(t.s().placing->kind == core::AnnotationKind::Circle);
    CHECK(t.s().placing->slide == 2);
    t.h.hover(500.0f, 400.0f); // the pointer back on the map, no field with the keys
    t.h.tap(sf::Keyboard::Escape);
    CHECK_FALSE(t.s().placing);

    clickItem(t, items, w, "##annotation-text");
    t.h.type("Rasht");
    CHECK(t.s().annotationText == "Rasht");
    t.h.tap(sf::Keyboard::Enter);
    items = itemsOf(t.h, slidesWindow());
    clickItem(t, items, w, "Callout");
    REQUIRE(t.s().placing);
    CHECK(t.s().placing->kind == core::AnnotationKind::Callout);
    // Another slide selected: the armed annotation was the other one's, and is dropped.
    t.s().selected = 0;
    t.turn();
    items = itemsOf(t.h, slideList(), 5.0f);
    clickItem(t, items, slideList(), "###slide", 1);
    CHECK_FALSE(t.s().placing);
}

TEST_CASE("slides panel: New deck from the empty panel, everything a slide holds draws with balanced stacks")
{
    SlidesHarness t;
    t.h.tap(sf::Keyboard::S);
    t.turn();
    auto items = itemsOf(t.h, slidesWindow());
    clickItem(t, items, slidesWindow(), "New deck");
    CHECK(t.s().open);
    CHECK(t.s().deck.slides.empty());
    CHECK_FALSE(t.s().dirty());

    core::Deck deck = threeSlides();
    core::Slide& s = deck.slides[1];
    s.title = "{{lenght:x/y}}"; // malformed: said under the field
    s.caption = "a\n- b";
    s.layers = std::vector<std::string>{"a", "b"};
    s.asOf = "2019";
    s.transition = core::Transition::Cut;
    s.highlights.push_back({"nodes", "n1", "", 0});
    s.highlights.push_back({"nodes", "", "Rasht", 0});
    s.annotations.push_back({core::AnnotationKind::Callout, {49.6, 37.3}, std::nullopt, 0.0, "Rasht", std::nullopt, 0});
    s.annotations.push_back({core::AnnotationKind::Arrow, {48.9, 38.4}, core::Vec2d{49.6, 37.3}, 0.0, "", std::nullopt, 0});
    s.annotations.push_back({core::AnnotationKind::Circle, {48.9, 38.4}, std::nullopt, 15.0, "Astara", std::nullopt, 0});
    s.problems.push_back("deck.toml:12:1: key 'slide[2].view': a bad view");
    deck.slides[2].view = {};
    deck.slides[2].view.bbox = std::array<double, 4>{40, 30, 60, 45};
    t.open(deck);
    t.s().autosaveFound = "deck.autosave.toml";
    t.s().status = "deck not saved: why";
    t.s().statusError = true;
    for (std::size_t i = 0; i < 3; ++i) {
        t.s().selected = i;
        t.turn();
        // Rest on every item, so that its tooltip is drawn too; ImGui asserts on an unbalanced stack.
        itemsOf(t.h, slidesWindow(), 10.0f);
    }
    t.s().selected = 1;
    t.turn();
    items = itemsOf(t.h, slidesWindow());
    // The x buttons delete a highlight or an annotation, each its own.
    clickItem(t, items, slidesWindow(), "x", 1, "highlights");
    CHECK(t.s().deck.slides[1].highlights.size() == 1);
    CHECK(t.s().deck.slides[1].highlights[0].id == "n1");
    CHECK(t.s().deck.slides[1].annotations.size() == 3);
    scrollDown(t.h, slidesWindow()); // the annotations are below the fold
    items = itemsOf(t.h, slidesWindow());
    clickItem(t, items, slidesWindow(), "x", 0, "annotations");
    REQUIRE(t.s().deck.slides[1].annotations.size() == 2);
    CHECK(t.s().deck.slides[1].annotations[0].kind == core::AnnotationKind::Arrow);
    // "Today" drops the slide's date.
    items = itemsOf(t.h, slidesWindow());
    clickItem(t, items, slidesWindow(), "Today");
    CHECK_FALSE(t.s().deck.slides[1].asOf);
    // "Open autosave" asks for it.
    scrollDown(t.h, slidesWindow(), 1.0f);
    items = itemsOf(t.h, slidesWindow());
    clickItem(t, items, slidesWindow(), "Open autosave");
    CHECK(t.s().autosaveFound.empty()); // the viewer tried it (the file is not there: one error says so)
}

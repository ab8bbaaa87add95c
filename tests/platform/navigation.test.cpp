// The map's navigation as the viewer routes it (platform::Navigator::route after the real ImGui bridge), with no
// window and no GPU: typing in the search box, dragging a slider or scrolling a panel never moves the map, while the
// same input over the map does; search, fly-to, keys, double-click, glide, zoom to layer and the measure tool.

#include "core/coords.hpp"
#include "geo/layer_builder.hpp"
#include "geo/proj.hpp"
#include "panel_harness.hpp"
#include "platform/navigator.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <cmath>
#include <string>

using namespace corridor;

namespace {

core::MapLayer placesLayer()
{
    core::MapLayer m;
    m.title = "places.geojson › nodes";
    m.data.name = "nodes";
    m.data.fields = {{"name", core::FieldType::String}, {"name_fa", core::FieldType::String}};
    const struct {
        const char* name;
        const char* fa;
        core::Vec2d at;
    } rows[] = {{"Astara (Iran)", "آستارا", {48.87, 38.431}}, {"Rasht", "رشت", {49.589, 37.276}}};
    for (const auto& r : rows) {
        core::Feature f;
        f.type = core::GeometryType::Point;
        f.firstPart = core::appendPart(m.data, core::PartRole::Point, &r.at, 1);
        f.partCount = 1;
        f.values = {std::string(r.name), std::string(r.fa)};
        m.data.features.push_back(std::move(f));
    }
    m.mesh.bounds = geo::projectBox({48.0, 37.0, 50.0, 39.0}, geo::kCorridorLcc);
    return m;
}

// The viewer's event routing and frame order: events through the bridge and Navigator::route, then
// Navigator::update, then the UI.
struct NavHarness {
    test::PanelHarness h;
    platform::Navigator nav {geo::kCorridorLcc};
    double now = 100.0;

    NavHarness()
    {
        h.app.document.viewCrs = geo::kCorridorLcc;
        h.app.document.layers.push_back(placesLayer());
        h.app.camera.resize(1024, 768);
        h.app.camera.center = {0.0, 0.0};
        h.app.camera.unitsPerPixel = 2000.0;
        nav.describe(h.ui.nav.status);
        frame();
        frame();
    }

    void send(const sf::Event& e)
    {
        h.bridge.processEvent(e);
        nav.route(e, h.app, h.ui, now);
    }
    void frame(double dt = 1.0 / 60.0)
    {
        now += dt;
        nav.update(h.app, h.ui, dt);
        // Whole seconds per ImGui frame in the panel harness; our clock runs separately.
        h.bridge.newFrame(1024, 768, static_cast<float>(dt));
        ImGui::NewFrame();
        ui::drawUi(h.app, h.ui);
        ImGui::Render();
    }
    void settle()
    {
        for (int i = 0; i < 600 && (nav.flying() || nav.gliding()); ++i) {
            frame();
        }
        frame();
    }
    void move(float x, float y)
    {
        sf::Event e {};
        e.type = sf::Event::MouseMoved;
        e.mouseMove = {static_cast<int>(x), static_cast<int>(y)};
        send(e);
    }
    void button(bool pressed, float x, float y, sf::Mouse::Button b = sf::Mouse::Left)
    {
        sf::Event e {};
        e.type = pressed ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
        e.mouseButton = {b, static_cast<int>(x), static_cast<int>(y)};
        send(e);
    }
    void click(float x, float y, sf::Mouse::Button b = sf::Mouse::Left)
    {
        move(x, y);
        frame();
        button(true, x, y, b);
        frame();
        button(false, x, y, b);
        frame();
    }
    // A drag in `steps` moves of (dx, dy) each, `dt` seconds apart.
    void drag(float x, float y, float dx, float dy, int steps, double dt = 1.0 / 60.0)
    {
        move(x, y);
        frame(dt);
        button(true, x, y);
        frame(dt);
        for (int i = 1; i <= steps; ++i) {
            move(x + dx * i, y + dy * i);
            frame(dt);
        }
        button(false, x + dx * steps, y + dy * steps);
        frame(dt);
    }
    void wheel(float x, float y, float delta)
    {
        move(x, y);
        frame();
        sf::Event e {};
        e.type = sf::Event::MouseWheelScrolled;
        e.mouseWheelScroll = {sf::Mouse::VerticalWheel, delta, static_cast<int>(x), static_cast<int>(y)};
        send(e);
        frame();
        frame();
    }
    void key(sf::Keyboard::Key code, bool ctrl = false, bool shift = false)
    {
        sf::Event e {};
        e.type = sf::Event::KeyPressed;
        e.key = {code, false, ctrl, shift, false};
        send(e);
        e.type = sf::Event::KeyReleased;
        send(e);
        if (ctrl || shift) { // then the modifier itself comes up, as on a real keyboard
            e.key = {ctrl ? sf::Keyboard::LControl : sf::Keyboard::LShift, false, false, false, false};
            send(e);
        }
        frame();
        frame();
    }
    void type(const std::string& utf8)
    {
        for (const char32_t c : core::toUtf32(utf8)) {
            sf::Event e {};
            e.type = sf::Event::TextEntered;
            e.text.unicode = static_cast<sf::Uint32>(c);
            send(e);
            frame();
        }
    }
    std::string query() const { return h.ui.nav.search.query.data(); }
    core::Vec2d world(core::Vec2d lonLat) const { return *nav.toWorld(lonLat); }
};

ImRect windowRect(const char* name)
{
    const ImGuiWindow* w = ImGui::FindWindowByName(name);
    REQUIRE(w != nullptr);
    return w->Rect();
}

// An empty spot of map, away from the panels.
constexpr float kMapX = 600.0f, kMapY = 450.0f;

} // namespace

TEST_CASE("input routing: typing in the search box never moves the map, the same keys on the map do")
{
    NavHarness n;
    const core::Camera before = n.h.app.camera;
    n.key(sf::Keyboard::F, true); // Ctrl+F
    n.frame();
    REQUIRE(ImGui::GetIO().WantTextInput);
    // The map's keys, pressed while the box has the keyboard (none that would undo another: on the map these
    // would pan left and up and zoom in four times), plus the text they type.
    for (const sf::Keyboard::Key k :
        {sf::Keyboard::Left, sf::Keyboard::Up, sf::Keyboard::Add, sf::Keyboard::Equal, sf::Keyboard::Add,
            sf::Keyboard::Equal, sf::Keyboard::R, sf::Keyboard::L, sf::Keyboard::Home, sf::Keyboard::Z}) {
        n.key(k);
    }
    n.type("r+-=l");
    n.settle();
    CHECK(n.query() == "r+-=l");
    CHECK(n.h.app.camera.center == before.center);
    CHECK(n.h.app.camera.unitsPerPixel == before.unitsPerPixel);
    CHECK_FALSE(n.h.ui.nav.measure.active); // R was a letter, not the measure tool
    CHECK(n.h.ui.showLayers);
    CHECK_FALSE(n.h.app.homeRequested);

    // Off the box (a click on the map), the same keys move the map: the test can tell.
    n.click(kMapX, kMapY);
    n.frame();
    REQUIRE_FALSE(ImGui::GetIO().WantTextInput);
    n.key(sf::Keyboard::Right);
    n.settle();
    CHECK(n.h.app.camera.center.x == doctest::Approx(before.center.x + 0.25 * 1024 * before.unitsPerPixel));
    n.key(sf::Keyboard::Equal);
    n.settle();
    CHECK(n.h.app.camera.unitsPerPixel == doctest::Approx(before.unitsPerPixel / 2.0));
    n.key(sf::Keyboard::Subtract);
    n.key(sf::Keyboard::Subtract);
    n.settle();
    CHECK(n.h.app.camera.unitsPerPixel == doctest::Approx(before.unitsPerPixel * 2.0));
}

TEST_CASE("input routing: dragging a slider or scrolling a panel never moves the map")
{
    NavHarness n;
    // Dragging a panel's empty space would move the panel from under the pointer, onto the map.
    ImGui::GetIO().ConfigWindowsMoveFromTitleBarOnly = true;
    const core::Camera before = n.h.app.camera;
    const ImRect layers = windowRect("Layers");
    const float em = ImGui::GetFontSize();
    const float x = layers.Max.x - ImGui::GetStyle().WindowPadding.x - 2.5f * em; // the opacity column
    bool slid = false;
    for (float y = layers.Min.y + 2.0f * em; y < layers.Max.y - 2.0f && !slid; y += 3.0f) {
        n.drag(x, y, -10.0f, 0.0f, 6);
        slid = n.h.app.document.layers[0].opacity < 1.0f;
    }
    REQUIRE(slid); // the drag did reach the slider
    n.settle();
    CHECK(n.h.app.camera.center == before.center);
    // A fast flick over the panel leaves no glide either.
    n.drag(layers.Min.x + 20.0f, layers.Min.y + 5.0f, 40.0f, 0.0f, 4, 0.005);
    CHECK_FALSE(n.nav.gliding());
    // The wheel over the panel.
    const ImRect moved = windowRect("Layers");
    n.wheel(moved.Min.x + 30.0f, moved.Min.y + 2.0f * em, 3.0f);
    CHECK(n.h.app.camera.unitsPerPixel == before.unitsPerPixel);
    CHECK(n.h.app.camera.center == before.center);
    // The wheel over the search toolbar.
    const ImRect toolbar = windowRect("Search##toolbar");
    n.wheel(toolbar.GetCenter().x, toolbar.GetCenter().y, -3.0f);
    CHECK(n.h.app.camera.unitsPerPixel == before.unitsPerPixel);
    // The same wheel and drag over the map act.
    n.wheel(kMapX, kMapY, 1.0f);
    CHECK(n.h.app.camera.unitsPerPixel == doctest::Approx(before.unitsPerPixel / 1.25));
    const core::Vec2d c = n.h.app.camera.center;
    n.drag(kMapX, kMapY, 10.0f, 0.0f, 3, 0.1); // slow: no glide
    n.settle();
    CHECK(n.h.app.camera.center.x == doctest::Approx(c.x - 30.0 * n.h.app.camera.unitsPerPixel));
}

TEST_CASE("search: Enter flies to the best match and centres it, coordinates too, nothing found says so")
{
    NavHarness n;
    n.key(sf::Keyboard::F, true);
    n.type("astara");
    REQUIRE_FALSE(n.h.ui.nav.search.hits.empty());
    CHECK(n.h.ui.nav.search.hits[0].label == "Astara (Iran)");
    n.key(sf::Keyboard::Return);
    n.settle();
    const core::Vec2d astara = n.world({48.87, 38.431});
    CHECK(n.h.app.camera.center.x == doctest::Approx(astara.x).epsilon(1e-9));
    CHECK(n.h.app.camera.center.y == doctest::Approx(astara.y).epsilon(1e-9));
    CHECK(n.h.app.camera.unitsPerPixel == doctest::Approx(platform::Navigator::kPointMetresPerPixel));
    CHECK(n.h.ui.nav.search.message.find("Astara (Iran)") != std::string::npos);
    CHECK_FALSE(ImGui::GetIO().WantTextInput); // Enter gave the keyboard back to the map

    // Persian. Ctrl+F selects the last query, so typing replaces it.
    n.key(sf::Keyboard::F, true);
    n.type("رشت");
    CHECK(n.query() == "رشت");
    REQUIRE_FALSE(n.h.ui.nav.search.hits.empty());
    CHECK(n.h.ui.nav.search.hits[0].label == "Rasht");

    // Coordinates, in DMS with hemisphere letters.
    n.key(sf::Keyboard::A, true);
    n.type("26°16′12″N 55°1′48″E");
    CHECK(n.h.ui.nav.search.coords.kind == core::CoordParse::Kind::Ok);
    n.key(sf::Keyboard::Return);
    n.settle();
    const core::Vec2d target = n.world({55.03, 26.27});
    CHECK(n.h.app.camera.center.x == doctest::Approx(target.x).epsilon(1e-9));
    CHECK(n.h.app.camera.center.y == doctest::Approx(target.y).epsilon(1e-9));

    // Nothing found.
    n.key(sf::Keyboard::F, true);
    n.key(sf::Keyboard::A, true);
    n.type("zzqqxx");
    const core::Vec2d stay = n.h.app.camera.center;
    n.key(sf::Keyboard::Return);
    n.settle();
    CHECK(n.h.ui.nav.search.message == "Nothing found for \"zzqqxx\"");
    CHECK(n.h.app.camera.center == stay);
}

TEST_CASE("navigation: a double-click zooms in about the cursor, a flick glides and a click stops it")
{
    NavHarness n;
    const core::Vec2d anchor = n.h.app.camera.screenToWorld({kMapX, kMapY});
    const double upp = n.h.app.camera.unitsPerPixel;
    n.click(kMapX, kMapY);
    n.click(kMapX, kMapY); // within the double-click time of our clock
    REQUIRE(n.nav.flying());
    n.settle();
    CHECK(n.h.app.camera.unitsPerPixel == doctest::Approx(upp / 2.0));
    const core::Vec2d under = n.h.app.camera.screenToWorld({kMapX, kMapY});
    CHECK(under.x == doctest::Approx(anchor.x).scale(1e6));
    CHECK(under.y == doctest::Approx(anchor.y).scale(1e6));

    // A flick: 40 px every 10 ms (4000 px/s).
    n.drag(kMapX, kMapY, 40.0f, 0.0f, 4, 0.01);
    REQUIRE(n.nav.gliding());
    const double released = n.h.app.camera.center.x;
    n.frame();
    n.frame();
    const double gliding = n.h.app.camera.center.x;
    CHECK(gliding < released); // still moving the way the hand went (map right = centre left)
    n.button(true, kMapX, kMapY); // a press stops it
    n.frame();
    CHECK_FALSE(n.nav.gliding());
    n.button(false, kMapX, kMapY);
    const double stopped = n.h.app.camera.center.x;
    for (int i = 0; i < 10; ++i) {
        n.frame();
    }
    CHECK(n.h.app.camera.center.x == stopped);
}

TEST_CASE("zoom to layer: the layer panel's context menu flies to the layer's extent")
{
    NavHarness n;
    const ImRect layers = windowRect("Layers");
    const float em = ImGui::GetFontSize();
    // Right-click down the title column until the context menu opens.
    bool opened = false;
    for (float y = layers.Min.y + 2.0f * em; y < layers.Max.y && !opened; y += 3.0f) {
        n.click(layers.Min.x + ImGui::GetStyle().WindowPadding.x + 3.0f * em, y, sf::Mouse::Right);
        opened = ImGui::GetCurrentContext()->OpenPopupStack.Size > 0;
    }
    n.frame(); // a popup sizes itself in the frame after it opens
    REQUIRE(opened);
    const ImGuiWindow* popup = ImGui::GetCurrentContext()->OpenPopupStack[0].Window;
    REQUIRE(popup != nullptr);
    n.click(popup->Rect().GetCenter().x, popup->Rect().GetCenter().y);
    REQUIRE(n.h.app.flyRequest);
    n.frame(); // the Navigator takes the request at the start of the next frame
    CHECK(n.nav.flying());
    n.settle();
    const core::Bounds b = n.h.app.document.layers[0].mesh.bounds;
    CHECK(n.h.app.camera.center.x == doctest::Approx(b.center().x));
    CHECK(n.h.app.camera.center.y == doctest::Approx(b.center().y));
    const core::Bounds seen = n.h.app.camera.visibleWorld();
    CHECK(seen.contains({b.minX, b.minY}));
    CHECK(seen.contains({b.maxX, b.maxY}));
}

TEST_CASE("a fly request for a small feature stops at a point's zoom, a large one frames it whole")
{
    NavHarness n;
    const core::Vec2d c = n.h.app.camera.center;
    const double pointUpp = platform::Navigator::kPointMetresPerPixel; // the corridor conic is in metres
    // An islet 1.6 km across (Lesser Tunb's size): fitted to the window it would be shown at about 2 m per pixel.
    n.h.app.flyRequest = core::FlyRequest{core::Bounds{c.x, c.y, c.x + 1600.0, c.y + 1200.0}, false};
    n.frame();
    n.settle();
    CHECK(n.h.app.camera.unitsPerPixel == doctest::Approx(pointUpp));
    CHECK(n.h.app.camera.visibleWorld().contains({c.x + 800.0, c.y + 600.0}));
    // 400 km across: framed whole, far coarser than a point's zoom.
    n.h.app.flyRequest = core::FlyRequest{core::Bounds{c.x, c.y, c.x + 400e3, c.y + 300e3}, false};
    n.frame();
    n.settle();
    CHECK(n.h.app.camera.unitsPerPixel > 5.0 * pointUpp);
    CHECK(n.h.app.camera.visibleWorld().contains({c.x + 400e3, c.y + 300e3}));
}

TEST_CASE("measure: R turns it on, clicks add points, a drag does not, Esc and right-click end it")
{
    NavHarness n;
    n.key(sf::Keyboard::R);
    REQUIRE(n.h.ui.nav.measure.active);
    n.click(kMapX, kMapY);
    n.drag(kMapX, kMapY, 10.0f, 0.0f, 3, 0.1); // pans, adds nothing
    n.settle();
    n.click(kMapX + 100.0f, kMapY);
    const core::Measurement& m = n.h.ui.nav.measure.measurement;
    REQUIRE(m.points.size() == 2);
    // The points are where the clicks were on the map at the time, in lon/lat.
    const core::Vec2d second = *n.nav.toLonLat(n.h.app.camera.screenToWorld({kMapX + 100.0, kMapY}));
    CHECK(m.points[1].x == doctest::Approx(second.x));
    CHECK(m.points[1].y == doctest::Approx(second.y));
    // The drag moved the first point 30 px right, so the clicks are 70 px apart at ~2 km per pixel (a conformal
    // map's scale is near true between its standard parallels).
    CHECK(m.totalMetres() == doctest::Approx(70.0 * 2000.0).epsilon(0.05));
    // While measuring, the pointer is the next point.
    n.move(kMapX + 200.0f, kMapY);
    n.frame();
    CHECK(n.h.ui.nav.measure.hover);
    n.key(sf::Keyboard::Escape);
    CHECK(n.h.ui.nav.measure.finished);
    CHECK_FALSE(n.h.ui.nav.measure.hover);
    // The next click starts anew; a right-click ends that one.
    n.click(kMapX, kMapY + 50.0f);
    CHECK(m.points.size() == 1);
    CHECK_FALSE(n.h.ui.nav.measure.finished);
    n.click(kMapX, kMapY + 150.0f);
    n.click(kMapX + 30.0f, kMapY + 100.0f, sf::Mouse::Right);
    CHECK(n.h.ui.nav.measure.finished);
    CHECK(m.points.size() == 2);
    // R again: off, and cleared.
    n.key(sf::Keyboard::R);
    CHECK_FALSE(n.h.ui.nav.measure.active);
    CHECK(n.h.ui.nav.measure.measurement.points.empty());
}

TEST_CASE("status bar: the pointer's coordinates over the map, none over a panel")
{
    NavHarness n;
    n.move(kMapX, kMapY);
    n.frame();
    n.frame();
    REQUIRE(n.h.ui.nav.status.cursorLonLat);
    const core::Vec2d back = n.world(*n.h.ui.nav.status.cursorLonLat);
    const core::Vec2d expected = n.h.app.camera.screenToWorld({kMapX, kMapY});
    CHECK(back.x == doctest::Approx(expected.x).scale(1e6));
    CHECK(back.y == doctest::Approx(expected.y).scale(1e6));
    CHECK(n.h.ui.nav.status.crsName == "Corridor conic (Lambert, 25°/55°N)"); // the preset's name, not PROJ's "unknown"
    const ImRect layers = windowRect("Layers");
    n.move(layers.GetCenter().x, layers.GetCenter().y);
    n.frame();
    n.frame();
    CHECK_FALSE(n.h.ui.nav.status.cursorLonLat);
}

TEST_CASE("navigation: a flight that starts after an idle spell is animated, not skipped")
{
    NavHarness n;
    const core::Vec2d start = n.h.app.camera.center;
    n.key(sf::Keyboard::F, true);
    n.type("rasht");
    sf::Event enter {};
    enter.type = sf::Event::KeyPressed;
    enter.key = {sf::Keyboard::Return, false, false, false, false};
    n.send(enter);
    n.frame(); // the box takes Enter and asks for the flight
    REQUIRE(n.h.app.flyRequest);
    // The viewer sleeps while nothing moves, so the frame that starts the flight can come with seconds of dt.
    n.nav.update(n.h.app, n.h.ui, 30.0);
    REQUIRE(n.nav.flying());
    CHECK(n.h.app.camera.center == start);
    // A stalled frame mid-flight moves it on by a quarter second at most.
    n.nav.update(n.h.app, n.h.ui, 0.1);
    REQUIRE(n.nav.flying());
    const core::Vec2d a = n.h.app.camera.center;
    n.nav.update(n.h.app, n.h.ui, 30.0);
    CHECK(n.nav.flying()); // far jumps take longer than 0.35 s
    CHECK(n.h.app.camera.center != a);
    n.settle();
    const core::Vec2d rasht = n.world({49.589, 37.276});
    CHECK(n.h.app.camera.center.x == doctest::Approx(rasht.x));
}

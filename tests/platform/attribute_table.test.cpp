// The attribute table: which rows it shows in which order, and that a table of 10^5 rows draws only those on screen.

#include "ui/panels.hpp"

#include "panel_harness.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace corridor;

namespace {

core::Layer table(std::size_t rows)
{
    core::Layer l;
    l.name = "t";
    l.fields = {{"name", core::FieldType::String}, {"value", core::FieldType::Integer}};
    for (std::size_t i = 0; i < rows; ++i) {
        core::Feature f;
        f.type = core::GeometryType::Point;
        const core::Vec2d p{static_cast<double>(i), 0.0};
        f.firstPart = static_cast<std::uint32_t>(l.parts.size());
        f.partCount = 1;
        core::appendPart(l, core::PartRole::Point, &p, 1);
        f.values = {core::AttrValue{std::string("Row ") + std::to_string(i)},
                    core::AttrValue{static_cast<std::int64_t>((i * 7919) % 1000)}};
        l.features.push_back(std::move(f));
    }
    return l;
}

} // namespace

TEST_CASE("attribute table rows: numbers sort as numbers, nulls last either way, the filter ignores case")
{
    core::Layer l;
    l.fields = {{"name", core::FieldType::String}, {"n", core::FieldType::Integer}};
    const auto add = [&](const char* name, core::AttrValue n) {
        core::Feature f;
        f.values = {core::AttrValue{std::string(name)}, n};
        l.features.push_back(std::move(f));
    };
    add("Astara", core::AttrValue{std::int64_t{10}});
    add("rasht", core::AttrValue{std::int64_t{2}});
    add("Qazvin", core::AttrValue{});
    add("Tehran", core::AttrValue{std::int64_t{10}});
    using Rows = std::vector<std::uint32_t>;
    CHECK(ui::attributeRows(l, "", -1, false) == Rows{0, 1, 2, 3});
    CHECK(ui::attributeRows(l, "", 2, false) == Rows{1, 0, 3, 2}); // 2 < 10 (not "10" < "2"), ties in feature order
    CHECK(ui::attributeRows(l, "", 2, true) == Rows{0, 3, 1, 2});  // null still last
    CHECK(ui::attributeRows(l, "", 1, false) == Rows{0, 2, 1, 3}); // text: "Astara" < "Qazvin" < "rasht" < "Tehran"
    CHECK(ui::attributeRows(l, "", 0, true) == Rows{3, 2, 1, 0});
    CHECK(ui::attributeRows(l, "RA", -1, false) == Rows{0, 1, 3});
    CHECK(ui::attributeRows(l, "10", 1, false) == Rows{0, 3});
    CHECK(ui::attributeRows(l, "nowhere", -1, false).empty());
}

TEST_CASE("attribute table of 10^5 rows: a frame draws only the rows in view, and a sort is quick")
{
    test::PanelHarness h;
    core::MapLayer m;
    m.title = "big";
    m.data = table(100000);
    h.app.document.layers.push_back(std::move(m));
    h.ui.showLayers = false;
    ui::openAttributeTable(h.ui, 0);
    h.frame();
    h.frame();
    const ImDrawData* drawn = ImGui::GetDrawData();
    REQUIRE(drawn != nullptr);
    // A few dozen rows of three cells: tens of thousands of vertices at most, not millions
    CHECK(drawn->TotalVtxCount > 0);
    CHECK(drawn->TotalVtxCount < 60000);
    CHECK(h.ui.inspect.table.rows.size() == 100000);

    const auto t0 = std::chrono::steady_clock::now();
    const auto rows = ui::attributeRows(h.app.document.layers[0].data, "", 2, true);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("sorting 10^5 rows by a number column: " << ms << " ms");
    CHECK(rows.size() == 100000);
    CHECK(h.app.document.layers[0].data.features[rows.front()].values[1] == core::AttrValue{std::int64_t{999}});
}

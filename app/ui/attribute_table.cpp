// The attribute table of one layer: every feature a row, every field a column, sorted by a clicked header, filtered
// by a text, drawn through ImGuiListClipper so only the rows on screen cost anything (10^5 rows scroll as 10).
// Sorting and filtering work on a list of feature numbers, worked out again only when the filter, the sort or the
// layer changes.

#include "ui/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <string>

namespace corridor::ui {

namespace {

// ImGui 1.86 tables hold at most 64 columns; the first is the feature number.
constexpr std::size_t kMaxFieldColumns = 63;

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Orders two values of one column: numbers as numbers, text as text, nulls last.
bool lessValue(const core::AttrValue& a, const core::AttrValue& b)
{
    const bool nullA = std::holds_alternative<std::monostate>(a), nullB = std::holds_alternative<std::monostate>(b);
    if (nullA || nullB) {
        return !nullA && nullB;
    }
    const auto num = [](const core::AttrValue& v) -> std::optional<double> {
        if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
        if (const auto* d = std::get_if<double>(&v)) return *d;
        if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
        return std::nullopt;
    };
    const auto na = num(a), nb = num(b);
    if (na && nb) {
        return *na < *nb;
    }
    return core::formatValue(a) < core::formatValue(b);
}

void rebuildRows(const core::Layer& layer, AttributeTableState& t)
{
    t.rows.clear();
    const std::string needle = lower(t.filter);
    for (std::uint32_t i = 0; i < layer.features.size(); ++i) {
        if (!needle.empty()) {
            bool found = false;
            for (const core::AttrValue& v : layer.features[i].values) {
                if (lower(core::formatValue(v)).find(needle) != std::string::npos) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                continue;
            }
        }
        t.rows.push_back(i);
    }
    if (t.sortColumn >= 1) {
        const auto field = static_cast<std::size_t>(t.sortColumn - 1);
        std::stable_sort(t.rows.begin(), t.rows.end(), [&](std::uint32_t a, std::uint32_t b) {
            const auto& va = layer.features[a].values, &vb = layer.features[b].values;
            if (field >= va.size() || field >= vb.size()) {
                return false;
            }
            return lessValue(va[field], vb[field]);
        });
    }
    if (t.sortDescending) {
        std::reverse(t.rows.begin(), t.rows.end());
    }
    t.lastFilter = t.filter;
    t.lastFeatureCount = layer.features.size();
    t.dirty = false;
}

} // namespace

void openAttributeTable(UiState& ui, std::size_t layer)
{
    AttributeTableState& t = ui.inspect.table;
    if (t.layer != layer) {
        t.filter.clear();
        t.sortColumn = -1;
        t.sortDescending = false;
    }
    t.open = true;
    t.layer = layer;
    t.dirty = true;
}

void drawAttributeTable(core::AppState& app, UiState& ui)
{
    AttributeTableState& t = ui.inspect.table;
    if (!t.open) {
        return;
    }
    if (t.layer >= app.document.layers.size()) {
        t.open = false;
        return;
    }
    const core::MapLayer& layer = app.document.layers[t.layer];
    const core::Layer& data = layer.data;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(10.0f, display.y * 0.55f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(std::min(display.x - 20.0f, 70.0f * em), display.y * 0.42f),
                             ImGuiCond_FirstUseEver);
    const std::string title = "Attributes: " + layer.title + "###attribute_table";
    if (!ImGui::Begin(title.c_str(), &t.open)) {
        ImGui::End();
        return;
    }
    ImGui::SetNextItemWidth(18.0f * em);
    ImGui::InputTextWithHint("##filter", "filter (any value contains…)", &t.filter);
    if (t.filter != t.lastFilter || t.lastFeatureCount != data.features.size()) {
        t.dirty = true;
    }
    if (t.dirty) {
        rebuildRows(data, t);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu features", t.rows.size(), data.features.size());
    const std::size_t fieldColumns = std::min(data.fields.size(), kMaxFieldColumns);
    if (fieldColumns < data.fields.size()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(first %zu of %zu fields)", fieldColumns, data.fields.size());
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable;
    if (ImGui::BeginTable("##rows", static_cast<int>(fieldColumns + 1), flags)) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, 4.0f * em,
                                0);
        for (std::size_t c = 0; c < fieldColumns; ++c) {
            ImGui::TableSetupColumn(data.fields[c].name.c_str(), ImGuiTableColumnFlags_WidthFixed, 10.0f * em,
                                    static_cast<ImGuiID>(c + 1));
        }
        ImGui::TableHeadersRow();
        if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort != nullptr && sort->SpecsDirty) {
            if (sort->SpecsCount > 0) {
                t.sortColumn = static_cast<int>(sort->Specs[0].ColumnUserID);
                t.sortDescending = sort->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            }
            sort->SpecsDirty = false;
            rebuildRows(data, t);
        }
        const std::optional<core::Hit>& selected = ui.inspect.selected;
        int scrollTo = -1;
        if (t.scrollToSelection && selected && selected->layer == t.layer) {
            const auto it = std::find(t.rows.begin(), t.rows.end(), selected->feature);
            scrollTo = it == t.rows.end() ? -1 : static_cast<int>(it - t.rows.begin());
            t.scrollToSelection = false;
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(t.rows.size()));
        if (scrollTo >= 0) {
            clipper.ForceDisplayRangeByIndices(scrollTo, scrollTo + 1);
        }
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const std::uint32_t fi = t.rows[static_cast<std::size_t>(r)];
                const core::Feature& f = data.features[fi];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::PushID(static_cast<int>(fi));
                const bool isSelected = selected && selected->layer == t.layer && selected->feature == fi;
                char label[32];
                std::snprintf(label, sizeof(label), "%u", fi + 1);
                if (ImGui::Selectable(label, isSelected, ImGuiSelectableFlags_SpanAllColumns)) {
                    ui.inspect.select(core::Hit{t.layer, fi, 0.0});
                    ui.inspect.zoomToSelection = true;
                }
                if (r == scrollTo) {
                    ImGui::SetScrollHereY(0.5f);
                }
                ImGui::PopID();
                for (std::size_t c = 0; c < fieldColumns && c < f.values.size(); ++c) {
                    ImGui::TableSetColumnIndex(static_cast<int>(c + 1));
                    const std::string text = core::formatValue(f.values[c]);
                    ImGui::TextUnformatted(text.c_str());
                    if (ImGui::IsItemHovered() && text.size() > 24) {
                        ImGui::SetNextWindowSize(ImVec2(30.0f * em, 0));
                        ImGui::BeginTooltip();
                        ImGui::TextWrapped("%s", text.c_str());
                        ImGui::EndTooltip();
                    }
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace corridor::ui

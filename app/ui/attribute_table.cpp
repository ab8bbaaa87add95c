// The attribute table of one layer: every feature a row, every field a column, sorted by a clicked header, filtered
// by a text, drawn through ImGuiListClipper so only the rows on screen cost anything (10^5 rows scroll as 10).
// Sorting and filtering work on a list of feature numbers, worked out again only when the filter, the sort or the
// layer changes.

#include "ui/panels.hpp"

#include "core/ascii.hpp"

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

std::string lower(const std::string& s) { return core::asciiLower(s); }

void rebuildRows(const core::Layer& layer, AttributeTableState& t)
{
    t.rows = attributeRows(layer, t.filter, t.sortColumn, t.sortDescending);
    t.lastFilter = t.filter;
    t.lastFeatureCount = layer.features.size();
    t.dirty = false;
}

} // namespace

std::vector<std::uint32_t> attributeRows(const core::Layer& layer, const std::string& filter, int sortColumn,
                                         bool descending)
{
    std::vector<std::uint32_t> rows;
    const std::string needle = lower(filter);
    std::string text;
    for (std::uint32_t i = 0; i < layer.features.size(); ++i) {
        if (!needle.empty()) {
            bool found = false;
            for (const core::AttrValue& v : layer.features[i].values) {
                text = lower(core::formatValue(v));
                if (text.find(needle) != std::string::npos) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                continue;
            }
        }
        rows.push_back(i);
    }
    if (sortColumn >= 1) {
        // One key per row, worked out once: numbers as numbers, text lower-cased, nulls (and missing values) last.
        struct Key {
            int kind = 2; // 0 number, 1 text, 2 null
            double number = 0.0;
            std::string text;
        };
        const auto field = static_cast<std::size_t>(sortColumn - 1);
        std::vector<Key> keys(layer.features.size());
        for (const std::uint32_t r : rows) {
            const auto& values = layer.features[r].values;
            if (field >= values.size()) {
                continue;
            }
            const core::AttrValue& v = values[field];
            Key& k = keys[r];
            if (const auto* i = std::get_if<std::int64_t>(&v)) {
                k = {0, static_cast<double>(*i), {}};
            } else if (const auto* d = std::get_if<double>(&v)) {
                k = {0, *d, {}};
            } else if (const auto* b = std::get_if<bool>(&v)) {
                k = {0, *b ? 1.0 : 0.0, {}};
            } else if (!std::holds_alternative<std::monostate>(v)) {
                k = {1, 0.0, lower(core::formatValue(v))};
            }
        }
        std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
            const Key &ka = keys[a], &kb = keys[b];
            if ((ka.kind == 2) != (kb.kind == 2)) {
                return kb.kind == 2; // descending flips values, not where nulls go
            }
            if (ka.kind != kb.kind) {
                return descending ? ka.kind > kb.kind : ka.kind < kb.kind; // numbers before text
            }
            if (ka.kind == 0) {
                return descending ? kb.number < ka.number : ka.number < kb.number;
            }
            return descending ? kb.text < ka.text : ka.text < kb.text;
        });
    } else if (descending) {
        std::reverse(rows.begin(), rows.end());
    }
    return rows;
}

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

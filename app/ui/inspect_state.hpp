#pragma once
// What the identify tools show, outside any panel: the selected feature, the hovered one, the attribute table's
// sort and filter, and the SOURCES.md tables read so far. Lives in ui::UiState; the viewer fills selection and
// hover from core::hitTest and draws the highlight when `selectionChanged`.

#include "core/feature_facts.hpp"
#include "core/hit_test.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace corridor::ui {

struct AttributeTableState {
    bool open = false;
    std::size_t layer = 0;            // index into the document's layers
    std::string filter;               // case-insensitive substring over every value
    int sortColumn = -1;              // -1: feature order; 0: feature number; k ≥ 1: field k−1
    bool sortDescending = false;
    std::vector<std::uint32_t> rows;  // the features shown, filtered and sorted
    bool dirty = true;                // rows must be worked out again (layer, filter or sort changed)
    std::string lastFilter;
    std::size_t lastFeatureCount = 0;
    bool scrollToSelection = false;
};

// The features an attribute table shows: those with a value containing `filter` (case-insensitive, "" = all), in
// feature order, or by column `sortColumn` (0: feature number; k ≥ 1: field k−1; numbers as numbers, text as text,
// nulls last either way), `descending` reversing it. Stable: equal values keep feature order.
std::vector<std::uint32_t> attributeRows(const core::Layer& layer, const std::string& filter, int sortColumn,
                                         bool descending);

struct InspectState {
    bool showInspector = false;
    std::optional<core::Hit> selected;
    bool selectionChanged = false;     // the viewer redraws the highlight, then clears it
    std::optional<core::Hit> hovered;  // the hover tooltip's feature
    bool zoomToSelection = false;      // the viewer frames the selected feature, then clears it
    AttributeTableState table;
    // SOURCES.md per folder, read on first need; nullopt when the folder has none.
    std::map<std::string, std::optional<core::SourceCatalog>> catalogs;
    // ISO alpha-3 codes to country names, from a loaded layer with "iso3" and "name" fields ("IRN (Iran)").
    std::map<std::string, std::string> countryNames;
    bool countryNamesBuilt = false;
    // Turns right-to-left text into what ImGui can draw (bidi-reordered, Arabic presentation forms), when the
    // platform offers it; unset: such text is shown as stored with a note.
    std::function<std::string(const std::string&)> shapeRtl;

    void select(const std::optional<core::Hit>& hit)
    {
        selected = hit;
        selectionChanged = true;
        if (hit) {
            showInspector = true;
        }
    }
};

} // namespace corridor::ui

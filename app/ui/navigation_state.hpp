#pragma once
// What the search box, the measure tool and the status bar keep between frames. Plain state in UiState; the
// platform's Navigator fills in what needs PROJ (the cursor's lon/lat, the CRS's name) and acts on the tool.

#include "core/coords.hpp"
#include "core/measure.hpp"
#include "core/search.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace corridor::ui {

struct SearchBox {
    std::array<char, 256> query {}; // the text field's buffer (UTF-8)
    std::string searched; // the query the results below are for
    core::SearchIndex index; // built on first use, rebuilt when the document's layers change
    std::vector<core::SearchHit> hits;
    core::CoordParse coords; // the query read as coordinates
    int selected = 0; // the candidate Enter flies to (Up/Down move it)
    bool focusRequested = false; // Ctrl+F: put the keyboard in the box at the next frame
    bool showResults = false; // the candidate list is open (closed by Enter, a pick or Escape)
    std::string message; // what the last Enter did or why it did nothing
};

struct MeasureTool {
    bool active = false; // clicks on the map add points
    bool finished = false; // Escape, right-click or a double-click ended it; the next click starts anew
    core::Measurement measurement; // lon/lat points
    std::optional<core::Vec2d> hover; // the pointer's lon/lat while measuring: the segment being drawn
    core::DistanceUnit unit = core::DistanceUnit::Kilometres;
};

struct StatusInfo {
    std::optional<core::Vec2d> cursorLonLat; // under the pointer, when it is over the map and PROJ can invert it
    std::string crsName; // the view CRS as PROJ names it
    double metresPerUnit = 1.0; // of the view CRS, for the scale
};

struct NavigationUi {
    SearchBox search;
    MeasureTool measure;
    StatusInfo status;
};

} // namespace corridor::ui

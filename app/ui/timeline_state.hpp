#pragma once
// The timeline's state ("Map as of", timeline_panel.cpp): which date the slider shows, whether it plays, and the
// document's dates it is drawn over. The panel asks for a date through `request`; the viewer's AsOfRestyler builds
// it and sets MapDocument::asOf, which the panel then shows as the map's date. No ImGui here.

#include "core/as_of.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace corridor::ui {

struct TimelineState {
    bool show = false;
    // A date change the viewer acts on and clears: a date, or std::nullopt for today (the "@as-of" rules off).
    std::optional<std::optional<core::Date>> request;
    // The slider's position in days since 1970-01-01 (fractional while playing); follows the map's date when the
    // date changes elsewhere (a session, --as-of).
    double day = 0.0;
    std::optional<core::Date> shown; // the map's date the slider was last set from
    bool playing = false;
    float secondsPerYear = 2.0f;     // Play's speed
    // Set by the viewer: the date being built, and the last change's time from request to swap (ms).
    std::optional<core::Date> building;
    bool busy = false;
    double lastMs = 0.0;
    // The document's dates (core::buildTimeline), worked out again when its layers change.
    core::Timeline timeline;
    std::size_t timelineLayers = static_cast<std::size_t>(-1);
    std::size_t timelineFeatures = 0;
};

// Days in a year, for Play: a year of the slider takes `secondsPerYear` whatever its length.
inline constexpr double kDaysPerYear = 365.2425;

} // namespace corridor::ui

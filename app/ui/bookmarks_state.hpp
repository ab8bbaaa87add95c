#pragma once
// The Bookmarks panel's state (named views): the bookmarks themselves are core::AppState::bookmarks; this is what
// the panel and the viewer hand each other. No ImGui here.

#include "core/session.hpp"

#include <array>
#include <cstddef>
#include <optional>

namespace corridor::ui {

struct BookmarksUi {
    bool show = false;
    // Ctrl+B or the panel's "Add": the viewer captures the view (it knows the CRS) into `draft` and `draftName`,
    // and the panel asks for the name.
    bool captureRequested = false;
    std::optional<core::GeoView> draft;
    std::array<char, 128> draftName{};
    bool nameFocusPending = false; // the naming box takes the keyboard on the frame it opens
    std::optional<std::size_t> recall; // fly to this bookmark (the panel, or the keys 1–9)
    std::optional<std::size_t> renaming;
    std::array<char, 128> renameText{};
    bool changed = false; // added, renamed, moved or deleted: the session is saved now, not at the next check
};

} // namespace corridor::ui

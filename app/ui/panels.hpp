#pragma once
// ImGui panels, one file each, free functions over the app state. They edit plain state; they never call GL or
// GDAL. Call between ImGui::NewFrame() and ImGui::Render(); drawUi draws them all.

#include "core/app_state.hpp"
#include "ui/bookmarks_state.hpp"
#include "ui/export_dialog_state.hpp"
#include "ui/file_browser_state.hpp"
#include "ui/inspect_state.hpp"
#include "ui/navigation_state.hpp"
#include "ui/slides_state.hpp"
#include "ui/timeline_state.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace corridor::ui {

// The projection switch (projection_panel.cpp): the CRS being typed, and what the viewer is building.
struct ProjectionUi {
    bool showPanel = false;
    std::array<char, 2048> input{}; // the CRS typed in the panel (UTF-8; room for a short WKT)
    std::string building; // the CRS the viewer is rebuilding the map in, "" when none (set by the viewer)
};

// What the UI shows, apart from the map: which panels are open. Lives for the session, outside the panels.
struct UiState {
    bool showLayers = true;
    // The Messages panel opens itself when entries arrive (those found while loading, at the first frame); once the
    // user has closed it, only errors open it again.
    bool showLog = false;
    bool logDismissed = false;
    bool showHelp = false;
    std::size_t seenLogEntries = 0; // entries before this have been seen by drawLogPanel
    // The Messages panel's wrapped row heights at logWrapWidth, so that a long log draws only the rows in view.
    std::vector<float> logRowHeights;
    float logWrapWidth = 0.0f;
    InspectState inspect; // identify: selection, hover, attribute table (ui/inspect_state.hpp)
    NavigationUi nav; // the search box, the measure tool, the status bar
    BookmarksUi bookmarks; // the Bookmarks panel (ui/bookmarks_state.hpp)
    FileBrowserState files; // Add layer (ui/file_browser_state.hpp)
    ProjectionUi projection;
    ExportDialogState exportDialog; // Export… (ui/export_dialog_state.hpp)
    TimelineState timeline; // the map as of a date (ui/timeline_state.hpp)
    SlidesState slides; // the briefing deck being edited (ui/slides_state.hpp)
    // What the window's fixed bars cover, in pixels: from the top (the menu bar and the search toolbar under it)
    // and from the bottom (the status bar). The map furniture keeps clear of them.
    float chromeTop = 0.0f;
    float chromeBottom = 0.0f;
};

// What the menu, the panels' buttons and the keyboard shortcuts can ask for. One place turns each into state, so
// the three ways to ask cannot drift apart.
enum class Command {
    ExportDialog,  // the Export dialog: size, scale, furniture, file
    ExportPng,     // the view as shown, at the window's size, at once
    Quit,
    ToggleLayers,
    ToggleMessages,
    ToggleHelp,
    HomeView,
    ZoomToData,
    Search,        // put the keyboard in the search box
    ToggleMeasure, // the measure tool on or off
    AddBookmark,   // name the current view and keep it
    ToggleBookmarks,
    AddLayer,      // open the Add layer browser
    ToggleTimeline, // the timeline: the map as of a date
    ToggleSlides,  // the Slides panel: the briefing deck being edited
    NewDeck,       // an empty deck in the Slides panel
    OpenDeck,      // a deck file into the Slides panel, from the file browser
    AddSlide,      // a slide of the map as it is, after the selected one (a new deck when none is open)
    SaveDeck,      // write the deck being edited
};

void applyCommand(Command command, core::AppState& app, UiState& ui);

// A keyboard shortcut as the help window and the menus show it ("Ctrl+E"); the platform maps real keys to
// commands (platform::shortcutFor) and must agree with this table, which a test checks.
struct Shortcut {
    Command command;
    const char* keys;
    const char* what;
};
std::span<const Shortcut> shortcuts();
// The first shortcut listed for a command, or nullptr.
const char* shortcutText(Command command);

void drawMainMenu(core::AppState& app, UiState& ui);
void drawLayerPanel(core::AppState& app, UiState& ui);
void drawLogPanel(core::AppState& app, UiState& ui);
void drawHelpPanel(core::AppState& app, UiState& ui);
// Identify (inspector_panel.cpp): the selected feature's layer, label, attributes, measured size against the
// published one and its sources; the hover tooltip; the View menu's items for them.
void drawInspectorPanel(core::AppState& app, UiState& ui);
void drawHoverTooltip(core::AppState& app, UiState& ui);
void drawInspectMenuItems(core::AppState& app, UiState& ui);
// The attribute table of one layer (attribute_table.cpp): sortable, filtered by text, virtualised.
void drawAttributeTable(core::AppState& app, UiState& ui);
void openAttributeTable(UiState& ui, std::size_t layer);
// The toolbar at the top right: the search box (names and coordinates) and the measure tool's switch.
void drawSearchPanel(core::AppState& app, UiState& ui);
// While the measure tool is on: its segments, total, area and units.
void drawMeasurePanel(core::AppState& app, UiState& ui);
// Along the bottom: the pointer's coordinates (decimal and DMS), the zoom and scale, the view CRS.
void drawStatusBar(core::AppState& app, UiState& ui);
// File ▸ Add layer… (file_browser.cpp): a folder's files GDAL opens; the platform loads what it asks for.
void drawExportDialog(core::AppState& app, UiState& ui);
void drawFileBrowser(core::AppState& app, UiState& ui);

// Named views (bookmarks_panel.cpp): recall (a fly-to), rename, reorder, delete, and the naming box Ctrl+B opens.
void drawBookmarksPanel(core::AppState& app, UiState& ui);

// The View menu's Projection submenu (presets, "Other CRS…") and Graticule switch; the panel where a CRS is typed.
// Both ask through app.crsRequest; the graticule is the document's graticule layer's visibility.
void drawProjectionMenuItems(core::AppState& app, UiState& ui);
void drawProjectionPanel(core::AppState& app, UiState& ui);

// The timeline along the bottom, over the status bar (timeline_panel.cpp): a slider over the document's dates with a
// tick per dated event, the date shown, Today (the date off) and Play. It asks through ui.timeline.request.
void drawTimelinePanel(core::AppState& app, UiState& ui);

// The briefing deck being edited (slides_panel.cpp): its slides (add from the view, reorder, delete, go to), the
// selected slide's text, transition, date and annotations (placed by clicking the map), and Save. It asks through
// ui.slides' requests; platform::DeckAuthor acts on them.
void drawSlidesPanel(core::AppState& app, UiState& ui);

// The dispatch list: the menu bar, then every panel, in the order they stack.
void drawUi(core::AppState& app, UiState& ui);

} // namespace corridor::ui

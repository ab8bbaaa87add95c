#include "ui/panels.hpp"

#include <array>

namespace corridor::ui {

namespace {

// The help window lists these in this order; the menus show the first one for each command.
constexpr std::array kShortcuts{
    Shortcut{Command::ToggleHelp, "F1", "Show or hide this list of keys"},
    Shortcut{Command::ToggleLayers, "L", "Show or hide the Layers panel"},
    Shortcut{Command::ToggleMessages, "M", "Show or hide the Messages panel"},
    Shortcut{Command::HomeView, "Home", "Home: the map's initial view (the style's [map] view)"},
    Shortcut{Command::ZoomToData, "Z", "Zoom to data: frame every layer"},
    Shortcut{Command::Search, "Ctrl+F", "Search: a place name (any language the data has) or coordinates"},
    Shortcut{Command::ToggleMeasure, "R", "Measure (ruler): click points; Esc or right-click ends"},
    Shortcut{Command::AddBookmark, "Ctrl+B", "Bookmark this view (asks for a name); the keys 1-9 fly to the first nine"},
    Shortcut{Command::ToggleBookmarks, "B", "Show or hide the Bookmarks panel"},
    Shortcut{Command::ToggleTimeline, "T", "Show or hide the timeline: the map as of a date"},
    Shortcut{Command::ToggleSlides, "S", "Show or hide the Slides panel: the briefing deck being edited"},
    Shortcut{Command::AddSlide, "A", "Add a slide of this view to the deck (its title field then takes the keys)"},
    Shortcut{Command::SaveDeck, "Ctrl+S", "Save the deck being edited (also while typing in the Slides panel)"},
    Shortcut{Command::AddLayer, "Ctrl+O", "Add layer: a file (or folder) GDAL opens, from a file browser"},
    Shortcut{Command::ExportDialog, "Ctrl+E", "Export…: size (4K, 8K, A4, A3…), scale, furniture, file"},
    Shortcut{Command::ExportPng, "Ctrl+P", "Export PNG now: the map as shown, at the window's size"},
    Shortcut{Command::Quit, "Ctrl+Q", "Quit"},
};

// Off clears the measurement, so the map is left clean; on starts a new one.
void toggleMeasure(MeasureTool& tool)
{
    tool.active = !tool.active;
    tool.finished = false;
    tool.measurement.points.clear();
    tool.hover.reset();
}

} // namespace

void applyCommand(Command command, core::AppState& app, UiState& ui)
{
    switch (command) {
    case Command::ExportDialog:
        if (!ui.exportDialog.open) {
            ui.exportDialog.open = true;
            ui.exportDialog.furniture = app.furniture; // what the map shows now
        }
        break;
    case Command::ExportPng: app.exportRequested = true; break;
    case Command::Quit: app.quitRequested = true; break;
    case Command::ToggleLayers: ui.showLayers = !ui.showLayers; break;
    case Command::ToggleMessages:
        ui.showLog = !ui.showLog;
        ui.logDismissed = !ui.showLog;
        break;
    case Command::ToggleHelp: ui.showHelp = !ui.showHelp; break;
    case Command::HomeView: app.homeRequested = true; break;
    case Command::ZoomToData: app.fitRequested = true; break;
    case Command::Search:
        ui.nav.search.focusRequested = true;
        ui.nav.search.showResults = true;
        break;
    case Command::ToggleMeasure: toggleMeasure(ui.nav.measure); break;
    case Command::AddBookmark: ui.bookmarks.captureRequested = true; break; // the viewer captures the view
    case Command::ToggleBookmarks: ui.bookmarks.show = !ui.bookmarks.show; break;
    case Command::ToggleTimeline: ui.timeline.show = !ui.timeline.show; break;
    case Command::ToggleSlides: ui.slides.show = !ui.slides.show; break;
    case Command::NewDeck:
        ui.slides.newDeckRequested = true; // the viewer puts unsaved edits of the deck before in its autosave first
        ui.slides.show = true;
        break;
    case Command::AddSlide:
        ui.slides.addFromView = true; // the viewer captures the view (platform::DeckAuthor)
        ui.slides.show = true;
        break;
    case Command::SaveDeck: ui.slides.saveRequested = ui.slides.open; break;
    case Command::OpenDeck:
    case Command::AddLayer:
        ui.files.purpose = command == Command::OpenDeck ? BrowsePurpose::OpenDeck : BrowsePurpose::AddLayer;
        ui.files.open = true;
        ui.files.focusPath = true;
        ui.files.dirty = true; // the folder may have changed since it was last listed
        break;
    }
}

std::span<const Shortcut> shortcuts() { return kShortcuts; }

const char* shortcutText(Command command)
{
    for (const Shortcut& s : kShortcuts) {
        if (s.command == command) {
            return s.keys;
        }
    }
    return nullptr;
}

} // namespace corridor::ui

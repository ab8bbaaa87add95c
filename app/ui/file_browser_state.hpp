#pragma once
// The Add layer browser's state (File ▸ Add layer…, Ctrl+O), outside the panel: the folder shown and its listing,
// the filter, recent folders, and the requests the platform acts on (files to add, a layer to remove). The panel
// (ui/file_browser.cpp) never calls GDAL: the platform fills in the extensions GDAL opens and the loading status
// (platform::LayerAdder), and loads on a worker thread.

#include "core/file_list.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace corridor::core {
struct MapLayer;
}

namespace corridor::ui {

// What the browser is open for: a layer to add (File ▸ Add layer…) or a briefing deck to open (File ▸ Open deck…).
enum class BrowsePurpose { AddLayer, OpenDeck };

struct FileBrowserState {
    bool open = false;
    BrowsePurpose purpose = BrowsePurpose::AddLayer;
    bool focusPath = false;             // put the keyboard in the path bar at the next frame (Ctrl+O)
    std::string folder;                 // the folder listed; "" = the working folder at first open
    std::array<char, 1024> path{};      // the path bar (a folder to go to, or a file to add)
    std::vector<core::FileEntry> entries;
    std::string listError;              // why the folder could not be listed
    bool dirty = true;                  // list the folder again (folder, filter or sort changed)
    std::string selected;               // the entry picked in the list (name)
    bool showAll = false;               // every file, not only those GDAL opens
    core::FileSort sort = core::FileSort::Name;
    bool descending = false;
    std::vector<std::string> recent;    // folders files were added from, latest first

    // Set by the platform.
    std::vector<std::string> extensions; // GDAL's vector extensions (platform::gdalVectorExtensions)
    std::string home;                    // $HOME
    std::string dataDir;                 // the bundled geodata folder: its layers are not offered for removal
    std::string loading;                 // "loading ports.gpkg… 40 %" while a load runs, else ""

    // For the platform, which clears them once acted on.
    std::vector<std::string> addRequests;      // files or dataset folders to add, in order
    std::vector<std::string> openDeckRequests; // decks to open in the Slides panel (the last one wins)
    std::optional<std::size_t> removeRequest;  // a document layer to remove
};

// The extensions listed: GDAL's vector ones for a layer, "toml" for a deck.
const std::vector<std::string>& shownExtensions(const FileBrowserState& state);
// Goes to `folder` (the listing follows at the next frame).
void browseTo(FileBrowserState& state, const std::string& folder);
// True for a layer the user added (a file outside the bundled folder): the layer panel offers "Remove layer".
bool removableLayer(const core::MapLayer& layer, const FileBrowserState& state);

} // namespace corridor::ui

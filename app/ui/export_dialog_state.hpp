#pragma once
// The Export dialog (Ctrl+E): what the user chose, what they asked for, and how the export that runs is doing. The
// panel (ui/export_dialog.cpp) edits it; the viewer (platform::ExportJob) runs the export a few tiles per frame, so
// the window stays responsive, and reports back here.

#include "core/furniture.hpp"

#include <span>
#include <string>

namespace corridor::ui {

struct ExportPreset {
    const char* name;
    int width, height; // 0: the window's size
    double scale;      // the pixel scale the preset suggests (a 4K image of the window's view looks like it, sharper)
};

// Window, 1920×1080, 3840×2160, 7680×4320, A4 and A3 landscape at 150 and 300 dpi, custom (the last).
std::span<const ExportPreset> exportPresets();

struct ExportDialogState {
    bool open = false;
    int preset = 0;                 // into exportPresets()
    int width = 1920, height = 1080; // the custom size (and the preset's, once picked)
    float scale = 1.0f;             // text, symbols and furniture
    core::FurnitureOptions furniture; // taken from the map's when the dialog opens
    std::string path;               // the file to write
    // Requests to the viewer.
    bool startRequested = false;    // set once the user confirmed (and agreed to overwrite)
    bool cancelRequested = false;
    bool confirmOverwrite = false;  // the overwrite question is showing
    // Reported by the viewer.
    bool running = false;
    float progress = 0.0f;          // 0..1
    std::string status;             // the last result or error, one line
    std::string commandLine;        // the same export from the command line
};

} // namespace corridor::ui

#pragma once
// `corridor export-deck`: every slide of a briefing deck as a PNG (the renderer and furniture of `corridor export`,
// through platform::SlideStage as present mode shows them), one PDF of all slides in order (cairo; each page the
// slide's image with its title, caption and notes as real text, so they can be searched and copied, and an outline
// entry per slide), an index.md listing the slides with their captions and sources, and optionally the flights
// between slides as numbered frames. Headless (EGL): no display needed.

#include "core/deck.hpp"
#include "core/map_document.hpp"

#include <functional>
#include <string>
#include <vector>

namespace corridor::platform {

struct DeckExportOptions {
    std::string outDir;
    core::ImageSize size{1920, 1080};
    double scale = 1.0; // text, symbols and furniture (--scale)
    int framesPerSecond = 0; // > 0: the flights between slides as frames/NN-MM/0001.png …
    bool force = false;      // replace files of an earlier export in outDir
};

struct DeckExportResult {
    std::vector<std::string> slides; // the PNGs, in order
    std::string pdf, index;
    std::size_t frames = 0;
    std::vector<std::string> problems; // what the data lacks for the deck (SlideStage::problems)
};

// The files export-deck writes for a deck of `slides` slides into `outDir`: slide-01.png …, deck.pdf, index.md.
std::vector<std::string> deckOutputFiles(const std::string& outDir, std::size_t slides);

// Writes the deck's slides from `document` (meshes built in full: every slide's view draws from them). Throws
// std::runtime_error when a file cannot be written (without --force, when one of deckOutputFiles exists: nothing is
// written), PlatformError when there is no GL. Each image is dated by the deck's `date` (else by
// SOURCE_DATE_EPOCH, else today), so two runs write the same bytes. `progress` (may be empty) hears each file.
DeckExportResult exportDeck(core::MapDocument& document, const core::Deck& deck, const DeckExportOptions& options,
                            const std::function<void(const std::string&)>& progress = {});

} // namespace corridor::platform

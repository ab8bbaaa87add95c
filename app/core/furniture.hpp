#pragma once
// Map furniture: what a finished map carries besides the map itself (title, legend, scale bar, north arrow, sources
// line, point-of-view note, inset locator map). Which items are on, as the command line (--furniture,
// --no-furniture, --title, --subtitle, --scale) and the viewer's View menu set them; plain data.

#include <optional>
#include <string>

namespace corridor::core {

// An inset locator map's box, pixels at scale 1 (render/furniture.cpp): this wide, at most this tall. The extent it
// frames is fitted into it, so the inset shows more of the world than that extent when their shapes differ.
constexpr double kInsetWidthPx = 200.0;
constexpr double kInsetMaxHeightPx = 150.0;

struct FurnitureOptions {
    std::string title;      // drawn when not empty
    std::string subtitle;   // under the title
    std::string caption;    // a briefing slide's caption (core::parseCaption's markdown), under the title block
    std::string slideNumber; // "3 / 10" in present mode and exported slides; "" for none
    bool legend = true;
    bool scaleBar = true;
    bool north = true;
    bool sources = true;
    bool pointOfView = true;
    bool inset = true;
    bool nauticalMiles = false; // the scale bar in nmi instead of km
    double scale = 1.0;         // multiplies every size (text, swatches, margins): 2 draws a 4K image like a 1080p one

    bool any() const
    {
        return !title.empty() || !caption.empty() || !slideNumber.empty() || legend || scaleBar || north || sources ||
               pointOfView || inset;
    }
    friend bool operator==(const FurnitureOptions&, const FurnitureOptions&) = default;
};

// All items off (the title stays, as it is given or not).
FurnitureOptions noFurniture(FurnitureOptions options);

// Reads "legend,scale,north,sources,pov,inset" (any subset, any order, spaces allowed; "none" for no item): the
// listed items on, the others off. Returns an error naming the unknown item and the known ones, else nullopt.
std::optional<std::string> parseFurnitureList(const std::string& text, FurnitureOptions& options);

// The spelling parseFurnitureList reads for the items that are on, comma-separated ("none" when none).
std::string furnitureList(const FurnitureOptions& options);

} // namespace corridor::core

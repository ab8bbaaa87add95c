#pragma once
// RGBA8 images on the CPU: PNG read/write (libpng) and per-pixel comparison for golden tests.

#include "core/atomic_file.hpp"
#include "core/image_metadata.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace corridor::render {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // rows top to bottom

    bool empty() const { return width == 0 || height == 0; }
};

// Where writePng puts the bytes before the file appears at its path (core/atomic_file.hpp).
using TempFile = core::TempFile;

// Writes the PNG atomically through core::writeFileAtomically (see there: the file appears complete or not at all,
// never replaces a device node, a FIFO or a directory, mode 0666 & ~umask, named temporary files removed on
// TERM/INT/HUP; messages "PATH: writing the PNG failed: …", "PATH: cannot create a file in folder DIR: REASON").
// Returns the kind of temporary file used (never Auto). Level 0..9 (zlib). Thread-safe.
// `text`: text chunks, written before the image data in the order given: a value that is printable Latin-1 (line
// feeds allowed) as tEXt, anything else (Persian, a tab) as uncompressed iTXt in UTF-8 with no language tag. Keys
// must be valid PNG keywords (1–79 printable Latin-1 characters, no leading, trailing or double spaces), values
// valid UTF-8 without NUL; else std::runtime_error naming the path and the key, before any file is made.
// Test hook: CORRIDOR_TEST_PAUSE_BEFORE_RENAME=MS (0..60000) sleeps between writing the data and putting the file
// in place, so tests can interrupt that moment; it changes nothing else.
TempFile writePng(const std::string& path, const Image& image, int compressionLevel = 3,
                  TempFile temp = TempFile::Auto, std::span<const core::TextEntry> text = {});
// An image whose every pixel is opaque is written as RGB (a quarter less to deflate), any other as RGBA.
// The same for an image too large to hold whole: `next` fills `band` with the next rows, top to bottom (width × 4
// bytes each), and returns how many; each band is deflated and written before the next is asked for, so only one
// band is in memory. An exception from `next`, or rows that run short, fails the write: nothing is put in place.
// `opaque`: the caller knows every pixel's alpha is 255 (drawn over an opaque background): written as RGB.
using RowBands = std::function<int(std::vector<std::uint8_t>& band)>;
TempFile writePngRows(const std::string& path, int width, int height, const RowBands& next, bool opaque = false,
                      int compressionLevel = 3, std::span<const core::TextEntry> text = {});
Image readPng(const std::string& path); // throws std::runtime_error

struct ImageDiff {
    std::size_t differingPixels = 0; // pixels where any channel differs by more than the tolerance
    int maxChannelDelta = 0;
    Image visual;                    // the reference greyed out with differing pixels in red
};
// Images must be the same size (else every pixel counts as differing and no visual is made).
ImageDiff compareImages(const Image& actual, const Image& expected, int channelTolerance);

} // namespace corridor::render

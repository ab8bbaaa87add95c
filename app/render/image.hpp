#pragma once
// RGBA8 images on the CPU: PNG read/write (libpng) and per-pixel comparison for golden tests.

#include <cstdint>
#include <string>
#include <vector>

namespace corridor::render {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba; // rows top to bottom

    bool empty() const { return width == 0 || height == 0; }
};

// Writes the PNG atomically: a temporary file beside `path`, renamed into place, so a failure never leaves a
// partial file at `path`. Throws std::runtime_error naming the path and the reason. Level 0..9 (zlib).
void writePng(const std::string& path, const Image& image, int compressionLevel = 3);
Image readPng(const std::string& path); // throws std::runtime_error

struct ImageDiff {
    std::size_t differingPixels = 0; // pixels where any channel differs by more than the tolerance
    int maxChannelDelta = 0;
    Image visual;                    // the reference greyed out with differing pixels in red
};
// Images must be the same size (else every pixel counts as differing and no visual is made).
ImageDiff compareImages(const Image& actual, const Image& expected, int channelTolerance);

} // namespace corridor::render

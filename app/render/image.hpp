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

// Where writePng puts the bytes before the file appears at its path.
enum class TempFile {
    Auto,    // unnamed (O_TMPFILE) where the folder's file system has it, else named
    Unnamed, // an O_TMPFILE in the target folder, linked in at the end: no signal, not even SIGKILL, leaves a file
    Named,   // `.NAME.XXXXXX` beside the target, renamed over it; removed on SIGTERM/SIGINT/SIGHUP (not SIGKILL)
};

// Writes the PNG atomically: the file appears at `path` complete or not at all, replacing any regular file there
// (never a device node, a FIFO or anything else that is not a regular file: those are refused), with mode
// 0666 & ~umask. A failure or a TERM/INT/HUP signal leaves nothing new beside it (see TempFile; `Unnamed` is only
// a request, it falls back to Named where the file system lacks O_TMPFILE). While a named temporary file exists,
// TERM/INT/HUP whose action is the default get a handler that removes it and re-raises the signal; a handler of
// the program's own (the viewer's SIGTERM) is left alone, since it lets the write finish. Returns the kind used
// (never Auto). Throws std::runtime_error naming the path and, when the file cannot be created, the folder, with the
// system's reason (Permission denied, Read-only file system, No space left on device…). Level 0..9 (zlib).
// Thread-safe. Test hook: CORRIDOR_TEST_PAUSE_BEFORE_RENAME=MS (0..60000) sleeps between writing the data and
// putting the file in place, so tests can interrupt that moment; it changes nothing else.
TempFile writePng(const std::string& path, const Image& image, int compressionLevel = 3,
                  TempFile temp = TempFile::Auto);
Image readPng(const std::string& path); // throws std::runtime_error

struct ImageDiff {
    std::size_t differingPixels = 0; // pixels where any channel differs by more than the tolerance
    int maxChannelDelta = 0;
    Image visual;                    // the reference greyed out with differing pixels in red
};
// Images must be the same size (else every pixel counts as differing and no visual is made).
ImageDiff compareImages(const Image& actual, const Image& expected, int channelTolerance);

} // namespace corridor::render

#pragma once
// Files that appear complete or not at all: written into a temporary file in the target's folder and put in place
// at the end (linked or renamed), removed on failure and on TERM/INT/HUP. The PNG (render::writePng), its sidecars
// (geo/georef) and the GeoTIFF (geo/geotiff_writer) are all written this way.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace corridor::core {

// Where the bytes go before the file appears at its path.
enum class TempFile {
    Auto,    // unnamed (O_TMPFILE) where the folder's file system has it, else named
    Unnamed, // an O_TMPFILE in the target folder, linked in at the end: no signal, not even SIGKILL, leaves a file
    Named,   // `.NAME.XXXXXX` beside the target, renamed over it; removed on SIGTERM/SIGINT/SIGHUP (not SIGKILL)
};

struct AtomicWriteOptions {
    std::string what = "file";     // the content in messages: "PATH: writing the WHAT failed: REASON"
    TempFile temp = TempFile::Auto;
    // Honour the test hook CORRIDOR_TEST_PAUSE_BEFORE_RENAME=MS (0..60000): sleep between writing the data and
    // putting the file in place, so tests can interrupt that moment. The PNG's, so that a test pausing it does not
    // pause every sidecar too.
    bool testPause = false;
};

// Writes the whole content into `fd` (a new empty file open for writing); returns "" or why it failed (the
// system's or the encoder's words). May throw instead; either way nothing appears at the path.
using ContentWriter = std::function<std::string(int fd)>;

// Writes `path` atomically: the file appears complete (fsync'ed) or not at all, replacing any regular file there
// (never a device node, a FIFO, a directory or anything else that is not a regular file: those are refused), with
// mode 0666 & ~umask. A failure or a TERM/INT/HUP signal leaves nothing new beside it (see TempFile; `Unnamed` is
// only a request, it falls back to Named where the file system lacks O_TMPFILE). While a named temporary file
// exists, TERM/INT/HUP whose action is the default get a handler that removes it and re-raises the signal; a
// handler of the program's own (the viewer's SIGTERM) is left alone, since it lets the write finish. Returns the
// kind used (never Auto). Throws std::runtime_error naming the path and, when the file cannot be created or put in
// place, the folder, with the system's reason (Permission denied, Read-only file system, No space left on device…):
//   "PATH: cannot create a file in folder DIR: REASON", "PATH: writing the WHAT failed: REASON",
//   "PATH: cannot put the WHAT in place in folder DIR: REASON", "PATH: it is a directory, not a regular file;
//   nothing was written". Thread-safe.
TempFile writeFileAtomically(const std::string& path, const ContentWriter& content,
                             const AtomicWriteOptions& options = {});
TempFile writeFileAtomically(const std::string& path, std::string_view bytes, const AtomicWriteOptions& options = {});

// For writers that open the file by name themselves (GDAL): a hidden `.NAME.XXXXXX` created empty beside `path`
// (mode 0666 & ~umask), removed on TERM/INT/HUP while it exists and by the destructor unless place() put it at
// `path`. SIGKILL leaves it behind (there is no unnamed way for a writer that needs a name). Throws like
// writeFileAtomically when it cannot be created. Not copyable; one thread.
class TempSibling {
public:
    TempSibling(const std::string& path, std::string what);
    ~TempSibling();
    TempSibling(const TempSibling&) = delete;
    TempSibling& operator=(const TempSibling&) = delete;

    // The temporary file: the target's folder as the caller named it, then the hidden name.
    const std::string& tempPath() const;
    // Flushes it to disk and renames it over the target, unless the target has become something other than a
    // regular file. Throws "PATH: writing the WHAT failed: …" or "PATH: cannot put the WHAT in place in folder
    // DIR: REASON" (the temporary file is removed then).
    void place();

private:
    struct State;
    std::unique_ptr<State> m;
};

} // namespace corridor::core

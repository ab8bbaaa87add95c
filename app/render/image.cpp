#include "render/image.hpp"

#include "core/file_kind.hpp"
#include "core/parallel.hpp"
#include "core/phase_times.hpp"

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace corridor::render {

namespace {

// [SECTION] descriptors

class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }
    void reset()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = -1;
    }

private:
    int m_fd;
};

// [SECTION] removing named temporary files on TERM/INT/HUP
// The handler may only touch plain memory and make async-signal-safe calls (unlinkat, sigaction, raise), so the
// names live in fixed slots, each published by an atomic state. A writer arms its slot before its file exists and
// disarms it only after the file is renamed or removed, so a signal at any moment removes whatever is there.

constexpr int kSlotFree = 0;
constexpr int kSlotBusy = 1; // claimed by a writer, name not valid
constexpr int kSlotArmed = 2;
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slot states");

struct CleanupSlot {
    std::atomic<int> state{kSlotFree};
    int dirFd = -1;
    char name[NAME_MAX + 1] = {};
};

// More than the program ever writes at once; a writer that finds none free goes without signal cleanup.
CleanupSlot g_cleanupSlots[16];

constexpr int kCleanupSignals[] = {SIGTERM, SIGINT, SIGHUP};

void removeTempFilesAndRaise(int sig)
{
    for (CleanupSlot& slot : g_cleanupSlots) {
        if (slot.state.load(std::memory_order_acquire) == kSlotArmed) {
            ::unlinkat(slot.dirFd, slot.name, 0);
        }
    }
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(sig, &dfl, nullptr);
    // Blocked while this handler runs: delivered as it returns, when the default action ends the process with the
    // status the sender expects.
    ::raise(sig);
}

// Installs the handler for the signals whose action is the default (termination) while any writePng runs, and
// puts the default back after. SIG_IGN and a program's own handler (the viewer's SIGTERM, which quits cleanly after
// the frame) are left alone: neither ends the process in the middle of the write.
class SignalCleanupScope {
public:
    SignalCleanupScope()
    {
        const std::lock_guard<std::mutex> lock(s_mutex);
        if (s_users++ > 0) {
            return;
        }
        for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
            struct sigaction current {};
            s_installed[i] = false;
            if (::sigaction(kCleanupSignals[i], nullptr, &current) != 0 || (current.sa_flags & SA_SIGINFO) != 0 ||
                current.sa_handler != SIG_DFL) {
                continue;
            }
            struct sigaction ours {};
            ours.sa_handler = removeTempFilesAndRaise;
            sigemptyset(&ours.sa_mask);
            for (const int other : kCleanupSignals) {
                sigaddset(&ours.sa_mask, other); // one cleanup at a time
            }
            s_installed[i] = ::sigaction(kCleanupSignals[i], &ours, nullptr) == 0;
        }
    }
    ~SignalCleanupScope()
    {
        const std::lock_guard<std::mutex> lock(s_mutex);
        if (--s_users > 0) {
            return;
        }
        for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
            struct sigaction current {};
            if (s_installed[i] && ::sigaction(kCleanupSignals[i], nullptr, &current) == 0 &&
                (current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == removeTempFilesAndRaise) {
                struct sigaction dfl {};
                dfl.sa_handler = SIG_DFL;
                sigemptyset(&dfl.sa_mask);
                ::sigaction(kCleanupSignals[i], &dfl, nullptr);
            }
            s_installed[i] = false;
        }
    }
    SignalCleanupScope(const SignalCleanupScope&) = delete;
    SignalCleanupScope& operator=(const SignalCleanupScope&) = delete;

private:
    static inline std::mutex s_mutex;
    static inline int s_users = 0;
    static inline bool s_installed[std::size(kCleanupSignals)] = {};
};

// One writer's claim on a cleanup slot: arm(name) before the file of that name is created, disarm() once it is
// renamed or removed.
class ArmedName {
public:
    explicit ArmedName(int dirFd) : m_dirFd(dirFd)
    {
        for (CleanupSlot& slot : g_cleanupSlots) {
            int expected = kSlotFree;
            if (slot.state.compare_exchange_strong(expected, kSlotBusy)) {
                m_slot = &slot;
                break;
            }
        }
    }
    ~ArmedName()
    {
        if (m_slot != nullptr) {
            m_slot->state.store(kSlotFree, std::memory_order_release);
        }
    }
    ArmedName(const ArmedName&) = delete;
    ArmedName& operator=(const ArmedName&) = delete;

    void arm(const std::string& name)
    {
        if (m_slot == nullptr || name.size() > NAME_MAX) {
            return;
        }
        m_slot->state.store(kSlotBusy, std::memory_order_release);
        m_slot->dirFd = m_dirFd;
        std::memcpy(m_slot->name, name.c_str(), name.size() + 1);
        m_slot->state.store(kSlotArmed, std::memory_order_release);
    }
    void disarm()
    {
        if (m_slot != nullptr) {
            m_slot->state.store(kSlotBusy, std::memory_order_release);
        }
    }

private:
    int m_dirFd;
    CleanupSlot* m_slot = nullptr;
};

// [SECTION] the target, its folder, and what to say when it fails

struct Target {
    std::string path;     // as the caller gave it, for messages
    std::string folder;   // the folder for messages, lexically normal
    std::string fileName; // the last component
    int dirFd = -1;       // the folder (O_PATH): every name is resolved against it
};

std::string reasonText(int err) { return std::strerror(err); }

[[noreturn]] void throwCreateError(const Target& t, int err)
{
    std::string reason = reasonText(err);
    if (err == ENOENT && t.dirFd >= 0) {
        // The folder was opened, so ENOENT is not about it being missing: procfs answers so for any new name, and
        // a folder removed meanwhile has no links left.
        struct stat st {};
        const bool removed = ::fstat(t.dirFd, &st) == 0 && st.st_nlink == 0;
        reason = removed ? "the folder was removed meanwhile"
                         : "its file system does not allow new files there (" + reason + ")";
    }
    throw std::runtime_error(t.path + ": cannot create a file in folder " + t.folder + ": " + reason);
}

[[noreturn]] void throwWriteError(const Target& t, const std::string& reason)
{
    throw std::runtime_error(t.path + ": writing the PNG failed: " + reason);
}

[[noreturn]] void throwPlaceError(const Target& t, int err)
{
    throw std::runtime_error(t.path + ": cannot put the PNG in place in folder " + t.folder + ": " + reasonText(err));
}

// Renaming over the target replaces whatever is there: a device node (as root, --out /dev/null replaced it) or a
// FIFO is not ours to replace. Checked before encoding and again just before the file is put in place; the
// callers check earlier still (platform::outputTargetProblem), this is the last line.
void refuseSpecialTarget(const Target& t)
{
    struct stat st {};
    if (::fstatat(t.dirFd, t.fileName.c_str(), &st, 0) == 0 && !S_ISREG(st.st_mode)) {
        throw std::runtime_error(t.path + ": it is " + std::string(core::fileKindName(st.st_mode)) +
                                 ", not a regular file; nothing was written");
    }
}

mode_t currentUmask()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("Umask:", 0) == 0) {
            return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8)) & 0777;
        }
    }
    // No /proc (Linux before 4.7, or not mounted): reading the umask means setting it, briefly, for every thread.
    static std::mutex mutex;
    const std::lock_guard<std::mutex> lock(mutex);
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

// `.NAME.XXXXXX`, hidden and recognisably ours, within NAME_MAX however long NAME is.
std::string tempName(const std::string& fileName)
{
    static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937 random(std::random_device{}() ^ static_cast<unsigned>(::getpid()));
    std::uniform_int_distribution<std::size_t> pick(0, sizeof kChars - 2);
    std::string name = "." + fileName.substr(0, NAME_MAX - 8) + ".";
    for (int i = 0; i < 6; ++i) {
        name += kChars[pick(random)];
    }
    return name;
}

void pauseBeforeRename()
{
    // Test hook (see writePng): a bounded sleep, nothing else.
    const char* value = std::getenv("CORRIDOR_TEST_PAUSE_BEFORE_RENAME");
    if (value == nullptr || *value == '\0') {
        return;
    }
    char* end = nullptr;
    const long ms = std::strtol(value, &end, 10);
    if (*end != '\0' || ms <= 0) {
        return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 60000L)));
}

// [SECTION] encoding

// libpng writes through this, so a failed write(2) keeps its errno (No space left on device…) rather than
// libpng's "Write Error".
struct PngSink {
    static constexpr std::size_t kCapacity = std::size_t(1) << 20;
    int fd = -1;
    std::vector<unsigned char> buffer;
    int writeErrno = 0;
    std::string libpngMessage;

    bool writeAll(const unsigned char* data, std::size_t size)
    {
        while (size > 0) {
            const ssize_t n = ::write(fd, data, size);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                writeErrno = errno;
                return false;
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }
    bool flush()
    {
        const bool ok = writeAll(buffer.data(), buffer.size());
        buffer.clear();
        return ok;
    }
    // Never grows the buffer past its reserved capacity: nothing here may throw through libpng's C frames.
    bool append(const unsigned char* data, std::size_t size)
    {
        if (buffer.size() + size > kCapacity && !flush()) {
            return false;
        }
        if (size > kCapacity) {
            return writeAll(data, size);
        }
        buffer.insert(buffer.end(), data, data + size);
        return true;
    }
};

[[noreturn]] void pngError(png_structp png, png_const_charp message)
{
    auto* sink = static_cast<PngSink*>(png_get_error_ptr(png));
    if (sink != nullptr && sink->libpngMessage.empty()) {
        sink->libpngMessage = message;
    }
    std::longjmp(png_jmpbuf(png), 1);
}

void pngWarning(png_structp, png_const_charp) {}

void pngWrite(png_structp png, png_bytep data, png_size_t length)
{
    auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
    if (!sink->append(data, length)) {
        png_error(png, "write failed");
    }
}

void pngFlush(png_structp) {} // PngSink flushes once, at the end

// The zlib stream of the image's IDAT data (each row: filter byte "up", then the row less the row above), made in
// bands of rows deflated on all cores at once, as pigz does: each band a raw deflate stream ended with a sync flush
// (byte-aligned, not final) but the last, so the bands concatenate into one valid stream; the Adler-32 of the whole
// from the bands' own, combined. A band starts without the previous band's window, which costs a few bytes per band.
// std::nullopt when zlib fails (out of memory).
std::optional<std::string> deflateRows(const Image& image, int level)
{
    const std::size_t row = static_cast<std::size_t>(image.width) * 4;
    const std::size_t rows = static_cast<std::size_t>(image.height);
    constexpr std::size_t kBandBytes = std::size_t{4} << 20; // below this a band is not worth a thread
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t bands = std::clamp<std::size_t>(row * rows / kBandBytes, 1, cores * 2);
    struct Band {
        std::string out;
        uLong adler = adler32(0L, Z_NULL, 0);
        std::size_t bytes = 0; // uncompressed
        bool ok = false;
    };
    std::vector<Band> done(bands);
    core::forEachParallel(bands, [&](std::size_t b) {
        Band& band = done[b];
        const std::size_t first = rows * b / bands, last = rows * (b + 1) / bands;
        z_stream z{};
        if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            return;
        }
        std::vector<unsigned char> filtered(row + 1);
        std::vector<unsigned char> buffer(std::size_t{1} << 16);
        bool ok = true;
        for (std::size_t y = first; y < last && ok; ++y) {
            const unsigned char* cur = image.rgba.data() + row * y;
            filtered[0] = 2; // up
            if (y == 0) {
                std::memcpy(filtered.data() + 1, cur, row); // the row above the first is zeros
            } else {
                const unsigned char* above = cur - row;
                for (std::size_t i = 0; i < row; ++i) {
                    filtered[i + 1] = static_cast<unsigned char>(cur[i] - above[i]);
                }
            }
            band.adler = adler32(band.adler, filtered.data(), static_cast<uInt>(filtered.size()));
            band.bytes += filtered.size();
            z.next_in = filtered.data();
            z.avail_in = static_cast<uInt>(filtered.size());
            const int flush = y + 1 < last ? Z_NO_FLUSH : (b + 1 < bands ? Z_SYNC_FLUSH : Z_FINISH);
            do {
                z.next_out = buffer.data();
                z.avail_out = static_cast<uInt>(buffer.size());
                const int r = deflate(&z, flush);
                if (r == Z_STREAM_ERROR) {
                    ok = false;
                    break;
                }
                band.out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
            } while (z.avail_out == 0 || (flush != Z_NO_FLUSH && z.avail_in > 0));
        }
        deflateEnd(&z);
        band.ok = ok;
    });
    std::string stream{'\x78', '\x5e'}; // zlib header: deflate, 32 KiB window, no dictionary
    uLong adler = adler32(0L, Z_NULL, 0);
    for (const Band& band : done) {
        if (!band.ok) {
            return std::nullopt;
        }
        stream += band.out;
        adler = adler32_combine(adler, band.adler, static_cast<z_off_t>(band.bytes));
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
        stream += static_cast<char>((adler >> shift) & 0xff);
    }
    return stream;
}

// Kept apart from the file handling so nothing that setjmp/longjmp could clobber lives across the jump.
// libpng writes the signature, the header and the end; the image data is deflated on all cores (deflateRows) and
// handed to libpng as IDAT chunks.
bool encodePng(PngSink& sink, const Image& image, const std::string& idat)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, pngError, pngWarning);
    if (png == nullptr) {
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_write_struct(&png, nullptr);
        return false;
    }
    if (setjmp(png_jmpbuf(png)) != 0) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, &sink, pngWrite, pngFlush);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
                 PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    constexpr std::size_t kChunk = std::size_t{1} << 23; // IDAT chunks of 8 MiB (a chunk may hold up to 2 GiB)
    for (std::size_t at = 0; at < idat.size(); at += kChunk) {
        png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"),
                        reinterpret_cast<png_const_bytep>(idat.data() + at), std::min(kChunk, idat.size() - at));
    }
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    return true;
}

// The whole PNG into `fd`, on disk before it gets its final name. Throws naming the reason.
void encodeAndSync(int fd, const Image& image, int level, const Target& t)
{
    PngSink sink;
    sink.fd = fd;
    sink.buffer.reserve(PngSink::kCapacity);
    // Map images are large flat areas: the "up" filter compresses them well and costs little.
    const std::optional<std::string> idat = deflateRows(image, level);
    if (!idat) {
        throwWriteError(t, "zlib could not compress the image (out of memory?)");
    }
    const bool encoded = encodePng(sink, image, *idat);
    if (!encoded || !sink.flush()) {
        throwWriteError(t, sink.writeErrno != 0       ? reasonText(sink.writeErrno)
                           : !sink.libpngMessage.empty() ? sink.libpngMessage
                                                         : "libpng could not start");
    }
    // EINVAL: a file system without fsync (nothing to wait for).
    if (::fsync(fd) != 0 && errno != EINVAL) {
        throwWriteError(t, reasonText(errno));
    }
}

// [SECTION] the two ways to a file that appears complete

// Gives the unnamed file `fd` the name `name`. Through /proc when it is mounted; else linking the descriptor itself,
// which needs CAP_DAC_READ_SEARCH. errno tells why on failure (EEXIST: the name is taken).
bool linkUnnamed(int fd, int dirFd, const char* name)
{
    char procPath[64];
    std::snprintf(procPath, sizeof procPath, "/proc/self/fd/%d", fd);
    if (::linkat(AT_FDCWD, procPath, dirFd, name, AT_SYMLINK_FOLLOW) == 0) {
        return true;
    }
    if (errno == EEXIST) {
        return false;
    }
    return ::linkat(fd, "", dirFd, name, AT_EMPTY_PATH) == 0;
}

// Renames the temporary `name` over the target, unless the target has become something other than a regular
// file (a device, a FIFO); on failure removes it and throws. Disarms the signal cleanup.
void renameIntoPlace(const Target& t, const std::string& name, ArmedName& armed)
{
    try {
        refuseSpecialTarget(t);
    } catch (...) {
        ::unlinkat(t.dirFd, name.c_str(), 0);
        armed.disarm();
        throw;
    }
    if (::renameat(t.dirFd, name.c_str(), t.dirFd, t.fileName.c_str()) != 0) {
        const int err = errno;
        ::unlinkat(t.dirFd, name.c_str(), 0);
        armed.disarm();
        throwPlaceError(t, err);
    }
    armed.disarm();
}

// Through an O_TMPFILE: until it is linked the file has no name, so no signal, SIGKILL included, can leave one.
// False when the file system has no O_TMPFILE or the file cannot be linked: the caller goes the named way.
bool writeUnnamed(const Target& t, const Image& image, int level, mode_t mode)
{
    const UniqueFd fd(::openat(t.dirFd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode));
    if (!fd) {
        // EISDIR: a kernel before 3.11 that reads O_TMPFILE as O_DIRECTORY.
        if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
            return false;
        }
        throwCreateError(t, errno);
    }
    // Some kernels create an O_TMPFILE with the mode as given, without the umask.
    if (::fchmod(fd.get(), mode) != 0) {
        throwWriteError(t, reasonText(errno));
    }
    encodeAndSync(fd.get(), image, level, t);
    pauseBeforeRename();

    // Nothing at the target: linking there makes the file appear complete, and no other name ever exists.
    if (linkUnnamed(fd.get(), t.dirFd, t.fileName.c_str())) {
        return true;
    }
    if (errno != EEXIST) {
        return false;
    }
    // linkat cannot replace a file: link under a temporary name and rename that over the target. The window with
    // a second name is two system calls long; TERM/INT/HUP there remove it, only a SIGKILL could leave it.
    refuseSpecialTarget(t);
    ArmedName armed(t.dirFd);
    std::string name;
    for (int attempt = 0;; ++attempt) {
        name = tempName(t.fileName);
        armed.arm(name);
        if (linkUnnamed(fd.get(), t.dirFd, name.c_str())) {
            break;
        }
        const int err = errno;
        armed.disarm();
        if (err != EEXIST || attempt >= 100) {
            return false;
        }
    }
    renameIntoPlace(t, name, armed);
    return true;
}

// Through `.NAME.XXXXXX` beside the target, renamed over it: removed on failure and on TERM/INT/HUP; a SIGKILL
// leaves it behind, which is why this is only the fallback.
void writeNamed(const Target& t, const Image& image, int level, mode_t mode)
{
    ArmedName armed(t.dirFd);
    UniqueFd fd;
    std::string name;
    for (int attempt = 0; !fd; ++attempt) {
        name = tempName(t.fileName);
        armed.arm(name); // before the file exists, so that a signal from here on removes it
        fd = UniqueFd(::openat(t.dirFd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
        if (!fd) {
            const int err = errno;
            armed.disarm();
            if (err != EEXIST || attempt >= 100) {
                throwCreateError(t, err);
            }
        }
    }
    try {
        encodeAndSync(fd.get(), image, level, t);
    } catch (...) {
        ::unlinkat(t.dirFd, name.c_str(), 0);
        armed.disarm();
        throw;
    }
    pauseBeforeRename();
    renameIntoPlace(t, name, armed);
}

} // namespace

TempFile writePng(const std::string& path, const Image& image, int compressionLevel, TempFile temp)
{
    const core::PhaseScope timing(core::Phase::Encode); // encoding, writing and the fsync
    if (image.empty() || image.rgba.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
        throw std::runtime_error(path + ": no image to write");
    }
    namespace fs = std::filesystem;
    const fs::path target(path);
    Target t;
    t.path = path;
    t.fileName = target.filename().string();
    if (t.fileName.empty() || t.fileName == "." || t.fileName == "..") {
        throw std::runtime_error(path + ": not a file name");
    }
    // Opened as given (".." after a symbolic link is resolved by the system, not lexically); shown normalised.
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    t.folder = folder.lexically_normal().string();
    if (t.folder.size() > 1 && t.folder.back() == '/') {
        t.folder.pop_back();
    }
    const UniqueFd dir(::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir) {
        throwCreateError(t, errno);
    }
    t.dirFd = dir.get();
    refuseSpecialTarget(t);

    const SignalCleanupScope signalCleanup;
    const mode_t mode = 0666 & ~currentUmask();
    if (temp != TempFile::Named && writeUnnamed(t, image, compressionLevel, mode)) {
        return TempFile::Unnamed;
    }
    writeNamed(t, image, compressionLevel, mode);
    return TempFile::Named;
}

Image readPng(const std::string& path)
{
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&img, path.c_str()) == 0) {
        throw std::runtime_error(path + ": cannot read PNG: " + img.message);
    }
    img.format = PNG_FORMAT_RGBA;
    Image out;
    out.width = static_cast<int>(img.width);
    out.height = static_cast<int>(img.height);
    out.rgba.resize(PNG_IMAGE_SIZE(img));
    if (png_image_finish_read(&img, nullptr, out.rgba.data(), 0, nullptr) == 0) {
        throw std::runtime_error(path + ": cannot read PNG: " + img.message);
    }
    return out;
}

ImageDiff compareImages(const Image& actual, const Image& expected, int channelTolerance)
{
    ImageDiff diff;
    if (actual.width != expected.width || actual.height != expected.height) {
        diff.differingPixels = static_cast<std::size_t>(std::max(actual.width * actual.height, expected.width * expected.height));
        diff.maxChannelDelta = 255;
        return diff;
    }
    diff.visual = expected;
    const std::size_t n = static_cast<std::size_t>(actual.width) * actual.height;
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (std::size_t c = 0; c < 4; ++c) {
            worst = std::max(worst, std::abs(int(actual.rgba[i * 4 + c]) - int(expected.rgba[i * 4 + c])));
        }
        diff.maxChannelDelta = std::max(diff.maxChannelDelta, worst);
        std::uint8_t* v = &diff.visual.rgba[i * 4];
        if (worst > channelTolerance) {
            ++diff.differingPixels;
            v[0] = 255;
            v[1] = 0;
            v[2] = 0;
        } else {
            const auto grey = static_cast<std::uint8_t>((v[0] + v[1] + v[2]) / 6 + 128);
            v[0] = v[1] = v[2] = grey;
        }
        v[3] = 255;
    }
    return diff;
}

} // namespace corridor::render

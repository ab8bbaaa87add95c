#include "core/atomic_file.hpp"

#include "core/file_kind.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace corridor::core {

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

// Installs the handler for the signals whose action is the default (termination) while any atomic write runs, and
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
    std::string what;     // the content, for messages: "PNG", "world file"…
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
    throw std::runtime_error(t.path + ": writing the " + t.what + " failed: " + reason);
}

[[noreturn]] void throwPlaceError(const Target& t, int err)
{
    throw std::runtime_error(t.path + ": cannot put the " + t.what + " in place in folder " + t.folder + ": " +
                             reasonText(err));
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
    // Test hook (AtomicWriteOptions::testPause): a bounded sleep, nothing else.
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

// [SECTION] writing the content

// The content into `fd`, on disk before it gets its final name. Throws naming the reason.
void writeAndSync(int fd, const ContentWriter& content, const Target& t)
{
    const std::string failed = content(fd);
    if (!failed.empty()) {
        throwWriteError(t, failed);
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
bool writeUnnamed(const Target& t, const ContentWriter& content, bool testPause, mode_t mode)
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
    writeAndSync(fd.get(), content, t);
    if (testPause) {
        pauseBeforeRename();
    }

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
void writeNamed(const Target& t, const ContentWriter& content, bool testPause, mode_t mode)
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
        writeAndSync(fd.get(), content, t);
    } catch (...) {
        ::unlinkat(t.dirFd, name.c_str(), 0);
        armed.disarm();
        throw;
    }
    if (testPause) {
        pauseBeforeRename();
    }
    renameIntoPlace(t, name, armed);
}

// The target of a write: its folder opened (O_PATH) so that every name is resolved against the same folder, and
// checked not to be a device, a FIFO or a directory. Throws naming the path.
struct OpenTarget {
    Target t;
    UniqueFd dir;

    OpenTarget(const std::string& path, const std::string& what)
    {
        namespace fs = std::filesystem;
        const fs::path target(path);
        t.path = path;
        t.what = what;
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
        dir = UniqueFd(::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!dir) {
            throwCreateError(t, errno);
        }
        t.dirFd = dir.get();
        refuseSpecialTarget(t);
    }
};

} // namespace

TempFile writeFileAtomically(const std::string& path, const ContentWriter& content, const AtomicWriteOptions& options)
{
    const OpenTarget target(path, options.what);
    const SignalCleanupScope signalCleanup;
    const mode_t mode = 0666 & ~currentUmask();
    if (options.temp != TempFile::Named && writeUnnamed(target.t, content, options.testPause, mode)) {
        return TempFile::Unnamed;
    }
    writeNamed(target.t, content, options.testPause, mode);
    return TempFile::Named;
}

TempFile writeFileAtomically(const std::string& path, std::string_view bytes, const AtomicWriteOptions& options)
{
    return writeFileAtomically(
        path,
        [bytes](int fd) -> std::string {
            std::size_t done = 0;
            while (done < bytes.size()) {
                const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
                if (n < 0) {
                    if (errno == EINTR) {
                        continue;
                    }
                    return reasonText(errno);
                }
                done += static_cast<std::size_t>(n);
            }
            return {};
        },
        options);
}

// [SECTION] a named temporary file for writers that open it themselves

struct TempSibling::State {
    OpenTarget target;
    SignalCleanupScope signalCleanup;
    ArmedName armed;
    std::string name;     // in the folder
    std::string tempPath; // the folder as the caller named it, then `name`
    bool placed = false;

    State(const std::string& path, const std::string& what) : target(path, what), armed(target.t.dirFd) {}
};

TempSibling::TempSibling(const std::string& path, std::string what) : m(std::make_unique<State>(path, what))
{
    const Target& t = m->target.t;
    const mode_t mode = 0666 & ~currentUmask();
    for (int attempt = 0;; ++attempt) {
        m->name = tempName(t.fileName);
        m->armed.arm(m->name); // before the file exists, so that a signal from here on removes it
        const UniqueFd fd(::openat(t.dirFd, m->name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
        if (fd) {
            break;
        }
        const int err = errno;
        m->armed.disarm();
        if (err != EEXIST || attempt >= 100) {
            throwCreateError(t, err);
        }
    }
    const std::filesystem::path target(path);
    m->tempPath = (target.has_parent_path() ? target.parent_path() / m->name : std::filesystem::path(m->name)).string();
}

TempSibling::~TempSibling()
{
    if (!m->placed) {
        ::unlinkat(m->target.t.dirFd, m->name.c_str(), 0);
        m->armed.disarm();
    }
}

const std::string& TempSibling::tempPath() const { return m->tempPath; }

void TempSibling::place()
{
    const Target& t = m->target.t;
    {
        const UniqueFd fd(::openat(t.dirFd, m->name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        if (!fd) {
            throwWriteError(t, "its temporary file " + m->name + " is gone: " + reasonText(errno));
        }
        if (::fsync(fd.get()) != 0 && errno != EINVAL) {
            throwWriteError(t, reasonText(errno));
        }
    }
    m->placed = true; // renameIntoPlace removes the temporary file itself when it fails
    renameIntoPlace(t, m->name, m->armed);
}

} // namespace corridor::core

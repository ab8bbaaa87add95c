// writePng: the file appears complete or not at all, with the umask's mode, through an unnamed O_TMPFILE where the
// file system has one; the named fallback cleans up after TERM/INT/HUP; failures name the folder and the errno.

#include "render/image.hpp"

#include "read_only_folder.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "png_write" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return fs::canonical(dir);
}

render::Image gradient(int w, int h)
{
    render::Image image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 4)};
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * w + x) * 4];
            p[0] = static_cast<std::uint8_t>(x * 255 / w);
            p[1] = static_cast<std::uint8_t>(y * 255 / h);
            p[2] = static_cast<std::uint8_t>((x + y) & 0xff);
            p[3] = static_cast<std::uint8_t>(128 + (x & 0x7f));
        }
    }
    return image;
}

std::vector<std::string> folderContents(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    return names;
}

unsigned fileMode(const fs::path& p)
{
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

bool hasTmpfile(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false;
    }
    ::close(fd);
    return true;
}

struct UmaskScope {
    mode_t previous;
    explicit UmaskScope(mode_t mask) : previous(::umask(mask)) {}
    ~UmaskScope() { ::umask(previous); }
};

std::string errorOf(const std::string& path, render::TempFile temp = render::TempFile::Auto)
{
    try {
        render::writePng(path, gradient(8, 8), 3, temp);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(no error)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("writePng through an unnamed temporary file writes a correct PNG with the umask's mode")
{
    const fs::path dir = freshDir("unnamed");
    REQUIRE_MESSAGE(hasTmpfile(dir), "the test output folder's file system has no O_TMPFILE");
    const render::Image image = gradient(97, 41);
    for (const mode_t mask : {mode_t(077), mode_t(022), mode_t(002)}) {
        INFO("umask " << std::oct << mask);
        const fs::path out = dir / "map.png";
        fs::remove(out);
        {
            const UmaskScope scope(mask);
            CHECK(render::writePng(out.string(), image) == render::TempFile::Unnamed);
        }
        CHECK(fileMode(out) == (0666 & ~mask));
        CHECK(folderContents(dir) == std::vector<std::string>{"map.png"});
        const render::Image back = render::readPng(out.string());
        CHECK(back.width == image.width);
        CHECK(back.height == image.height);
        CHECK(back.rgba == image.rgba);
    }
}

TEST_CASE("writePng replaces an existing file, through either kind of temporary file")
{
    const fs::path dir = freshDir("replace");
    for (const render::TempFile temp : {render::TempFile::Unnamed, render::TempFile::Named}) {
        const fs::path out = dir / "map.png";
        std::ofstream(out, std::ios::binary) << "an older export";
        const render::Image image = gradient(33, 65);
        const UmaskScope scope(027);
        const render::TempFile used = render::writePng(out.string(), image, 6, temp);
        CHECK(used == (hasTmpfile(dir) ? temp : render::TempFile::Named));
        CHECK(fileMode(out) == 0640);
        CHECK(folderContents(dir) == std::vector<std::string>{"map.png"});
        CHECK(render::readPng(out.string()).rgba == image.rgba);
    }
}

TEST_CASE("writePng failures name the folder and the system's reason")
{
    const fs::path dir = freshDir("errors");
    const std::string missing = (dir / "no-such-folder" / "map.png").string();
    const std::string missingError = errorOf(missing);
    CHECK(contains(missingError, missing));
    CHECK(contains(missingError, "folder " + (dir / "no-such-folder").string()));
    CHECK(contains(missingError, "No such file or directory"));

    std::ofstream(dir / "a-file") << "not a folder";
    const std::string notDirError = errorOf((dir / "a-file" / "map.png").string());
    CHECK(contains(notDirError, "folder " + (dir / "a-file").string()));
    CHECK(contains(notDirError, "Not a directory"));

    // Real for root as well: sysfs refuses new files (EACCES), procfs answers ENOENT for a folder that exists.
    for (const render::TempFile temp : {render::TempFile::Auto, render::TempFile::Named}) {
        const std::string sysError = errorOf("/sys/corridor-test.png", temp);
        CHECK(contains(sysError, "folder /sys: Permission denied"));
        const std::string procError = errorOf("/proc/corridor-test.png", temp);
        CHECK(contains(procError, "folder /proc"));
        CHECK(contains(procError, "does not allow new files"));
    }
    CHECK(folderContents(dir) == std::vector<std::string>{"a-file"});
}

TEST_CASE("writePng into a read-only file system says so")
{
    const fs::path dir = freshDir("read-only");
    const auto message = test::inReadOnlyFolder(dir, [&] {
        std::string m;
        for (const render::TempFile temp : {render::TempFile::Auto, render::TempFile::Named}) {
            m += errorOf((dir / "map.png").string(), temp) + "\n";
        }
        return m;
    });
    if (message) {
        const std::string expected =
            (dir / "map.png").string() + ": cannot create a file in folder " + dir.string() + ": Read-only file system\n";
        CHECK(*message == expected + expected);
    }
}

TEST_CASE("the named temporary file is removed on SIGTERM, SIGINT and SIGHUP, and the signal still kills")
{
    for (const int sig : {SIGTERM, SIGINT, SIGHUP}) {
        INFO("signal " << sig);
        const fs::path dir = freshDir("named-signal-" + std::to_string(sig));
        // Read by writePng in the child: it holds the written temporary file a long time before renaming it.
        ::setenv("CORRIDOR_TEST_PAUSE_BEFORE_RENAME", "20000", 1);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::signal(SIGTERM, SIG_DFL); // whatever this test process inherited (a shell ignores SIGINT in jobs)
            ::signal(SIGINT, SIG_DFL);
            ::signal(SIGHUP, SIG_DFL);
            try {
                render::writePng((dir / "map.png").string(), gradient(64, 64), 3, render::TempFile::Named);
            } catch (...) {
                ::_exit(2);
            }
            ::_exit(0);
        }
        ::unsetenv("CORRIDOR_TEST_PAUSE_BEFORE_RENAME");
        bool sawTemp = false;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!sawTemp && std::chrono::steady_clock::now() < deadline) {
            for (const std::string& name : folderContents(dir)) {
                sawTemp = sawTemp || name.rfind(".map.png.", 0) == 0;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        CHECK(sawTemp);
        ::kill(pid, sig);
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
        CHECK(folderContents(dir).empty());
    }
}

TEST_CASE("writePng leaves signal handlers as it found them")
{
    const fs::path dir = freshDir("handlers");
    struct sigaction previous {};
    ::sigaction(SIGTERM, nullptr, &previous);

    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGTERM, &dfl, nullptr);
    render::writePng((dir / "a.png").string(), gradient(4, 4), 3, render::TempFile::Named);
    struct sigaction now {};
    ::sigaction(SIGTERM, nullptr, &now);
    CHECK((now.sa_handler == SIG_DFL));

    // A program's own handler (the viewer quits cleanly on SIGTERM) stays in place during and after the write.
    struct sigaction own {};
    own.sa_handler = [](int) {};
    ::sigaction(SIGTERM, &own, nullptr);
    render::writePng((dir / "b.png").string(), gradient(4, 4), 3, render::TempFile::Named);
    ::sigaction(SIGTERM, nullptr, &now);
    CHECK((now.sa_handler == own.sa_handler));

    ::sigaction(SIGTERM, &previous, nullptr);
}

TEST_CASE("a PNG whose rows are deflated in bands on several threads reads back pixel for pixel")
{
    // 2000×1500 RGBA (12 MB): several bands; noise in some rows so a band's data does not repeat the previous band's,
    // flat areas in others; and images too small to split, one row high, one column wide.
    const fs::path dir = freshDir("bands");
    std::uint32_t seed = 12345;
    const auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (const auto& [w, h] : {std::pair{2000, 1500}, std::pair{3, 2}, std::pair{5000, 1}, std::pair{1, 3000}}) {
        CAPTURE(w);
        CAPTURE(h);
        render::Image image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 4)};
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x) {
                std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * w + x) * 4];
                const bool noisy = (y / 100) % 3 == 1;
                const std::uint32_t r = next();
                p[0] = noisy ? static_cast<std::uint8_t>(r) : static_cast<std::uint8_t>(x / 8);
                p[1] = noisy ? static_cast<std::uint8_t>(r >> 8) : static_cast<std::uint8_t>(y / 8);
                p[2] = static_cast<std::uint8_t>(r >> 16);
                p[3] = static_cast<std::uint8_t>(x % 7 == 0 ? 128 : 255);
            }
        }
        const std::string path = (dir / ("bands-" + std::to_string(w) + "x" + std::to_string(h) + ".png")).string();
        render::writePng(path, image);
        const render::Image back = render::readPng(path);
        CHECK(back.width == w);
        CHECK(back.height == h);
        CHECK(back.rgba == image.rgba);
    }
}

// The paths the export shows the user: the viewer's file name is absolute and clean (no "dir/./file"), and a
// folder that cannot take the file is named with the system's reason before anything is rendered.

#include "platform/map_export.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "export_paths" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return fs::canonical(dir);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("exportFileName gives an absolute, lexically normal path")
{
    const fs::path here = fs::path(platform::exportFileName("."));
    CHECK(here.is_absolute());
    CHECK(here == here.lexically_normal());
    CHECK(!contains(here.string(), "/./"));
    CHECK(here.parent_path() == fs::current_path());
    CHECK(here.filename().string().rfind("corridor-view-", 0) == 0);
    CHECK(here.extension() == ".png");
    CHECK(fs::path(platform::exportFileName("")).parent_path() == fs::current_path());

    const fs::path dir = freshDir("names");
    fs::create_directories(dir / "sub");
    const fs::path roundabout = fs::path(platform::exportFileName((dir / "sub" / ".." / "." / "sub" / ".").string()));
    CHECK(roundabout.parent_path() == dir / "sub");
    CHECK(roundabout == roundabout.lexically_normal());

    // A name already taken gets -2.
    const fs::path first = fs::path(platform::exportFileName(dir.string()));
    std::ofstream(first) << "taken";
    const fs::path second = fs::path(platform::exportFileName(dir.string()));
    CHECK(second.parent_path() == dir);
    // (the second may fall in the next second, with a fresh stamp and no suffix)
    CHECK((second.stem().string() == first.stem().string() + "-2" || second.filename() != first.filename()));
}

TEST_CASE("outputFolderProblem names the folder and the real reason")
{
    const fs::path dir = freshDir("folders");
    CHECK(!platform::outputFolderProblem((dir / "map.png").string()).has_value());

    const std::string missing = (dir / "none" / "map.png").string();
    const auto noFolder = platform::outputFolderProblem(missing);
    REQUIRE(noFolder.has_value());
    CHECK(*noFolder == missing + ": cannot create a file in folder " + (dir / "none").string() +
                           ": No such file or directory");

    // A file where a folder should be: ENOTDIR, not "does not exist".
    std::ofstream(dir / "a-file") << "not a folder";
    const auto notDir = platform::outputFolderProblem((dir / "a-file" / "map.png").string());
    REQUIRE(notDir.has_value());
    CHECK(contains(*notDir, "folder " + (dir / "a-file").string() + ": Not a directory"));

    // Relative and roundabout folders are shown normalised.
    const auto relative = platform::outputFolderProblem("./no-such-folder-here/./x/../map.png");
    REQUIRE(relative.has_value());
    CHECK(contains(*relative, "folder no-such-folder-here: No such file or directory"));
}

TEST_CASE("outputFolderProblem on a read-only file system says so")
{
    const fs::path dir = freshDir("read-only");
    int pipeFd[2];
    REQUIRE(::pipe(pipeFd) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // A read-only bind mount in a private mount namespace that dies with this child (root only).
        ::close(pipeFd[0]);
        if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            ::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0 ||
            ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
            ::_exit(3);
        }
        const std::string message = platform::outputFolderProblem((dir / "map.png").string()).value_or("(none)");
        const ssize_t written = ::write(pipeFd[1], message.data(), message.size());
        ::_exit(written == static_cast<ssize_t>(message.size()) ? 0 : 4);
    }
    ::close(pipeFd[1]);
    std::string message;
    char buf[512];
    for (ssize_t n; (n = ::read(pipeFd[0], buf, sizeof buf)) > 0;) {
        message.append(buf, static_cast<std::size_t>(n));
    }
    ::close(pipeFd[0]);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3) {
        MESSAGE("skipped: cannot make a read-only bind mount here (not root?)");
        return;
    }
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(message == (dir / "map.png").string() + ": cannot create a file in folder " + dir.string() +
                         ": Read-only file system");
}

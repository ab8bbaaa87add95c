// core/atomic_file: bytes written complete or not at all under the caller's name for the content, and the named
// temporary file a writer like GDAL fills itself, removed unless placed, and on SIGTERM.

#include "core/atomic_file.hpp"
#include "test_folders.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name)
{
    return test::freshFolder("atomic_file", name);
}

using test::folderContents;
std::string readAll(const fs::path& p)
{
    return test::fileBytes(p);
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("writeFileAtomically writes and replaces bytes, and names the content in its messages")
{
    const fs::path dir = freshDir("bytes");
    core::AtomicWriteOptions options;
    options.what = "world file";
    for (const core::TempFile temp : {core::TempFile::Auto, core::TempFile::Named}) {
        options.temp = temp;
        core::writeFileAtomically((dir / "map.pgw").string(), std::string_view("1\n0\n0\n-1\n0.5\n-0.5\n"), options);
        CHECK(readAll(dir / "map.pgw") == "1\n0\n0\n-1\n0.5\n-0.5\n");
        core::writeFileAtomically((dir / "map.pgw").string(), std::string_view("2\n"), options);
        CHECK(readAll(dir / "map.pgw") == "2\n");
        CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw"});
    }
    fs::create_directory(dir / "taken.pgw");
    CHECK(errorOf([&] { core::writeFileAtomically((dir / "taken.pgw").string(), std::string_view("x"), options); }) ==
          (dir / "taken.pgw").string() + ": it is a directory, not a regular file; nothing was written");
    // A content writer's failure is the message's reason, and leaves nothing.
    CHECK(errorOf([&] {
              core::writeFileAtomically((dir / "new.pgw").string(), [](int) { return std::string("it ran dry"); },
                                        options);
          }) == (dir / "new.pgw").string() + ": writing the world file failed: it ran dry");
    CHECK(folderContents(dir) == std::vector<std::string>{"map.pgw", "taken.pgw"});
}

TEST_CASE("TempSibling: a hidden file beside the target, renamed over it by place(), removed otherwise")
{
    const fs::path dir = freshDir("sibling");
    std::ofstream(dir / "map.tif") << "the previous export";
    {
        core::TempSibling temp((dir / "map.tif").string(), "GeoTIFF");
        CHECK(fs::path(temp.tempPath()).parent_path() == dir);
        CHECK(fs::path(temp.tempPath()).filename().string().rfind(".map.tif.", 0) == 0);
        std::ofstream(temp.tempPath()) << "unfinished";
        CHECK(folderContents(dir).size() == 2);
    } // not placed
    CHECK(folderContents(dir) == std::vector<std::string>{"map.tif"});
    CHECK(readAll(dir / "map.tif") == "the previous export");
    {
        core::TempSibling temp((dir / "map.tif").string(), "GeoTIFF");
        std::ofstream(temp.tempPath()) << "the new export";
        temp.place();
    }
    CHECK(folderContents(dir) == std::vector<std::string>{"map.tif"});
    CHECK(readAll(dir / "map.tif") == "the new export");
    // The target turned into a directory meanwhile: refused, and the temporary file goes.
    fs::remove(dir / "map.tif");
    {
        core::TempSibling temp((dir / "map.tif").string(), "GeoTIFF");
        fs::create_directory(dir / "map.tif");
        CHECK(errorOf([&] { temp.place(); }) ==
              (dir / "map.tif").string() + ": it is a directory, not a regular file; nothing was written");
    }
    CHECK(folderContents(dir) == std::vector<std::string>{"map.tif"});
    CHECK(errorOf([&] { core::TempSibling((dir / "none" / "x.tif").string(), "GeoTIFF"); }) ==
          (dir / "none" / "x.tif").string() + ": cannot create a file in folder " + (dir / "none").string() +
              ": No such file or directory");
}

TEST_CASE("TempSibling's file is removed on SIGTERM, and the signal still kills")
{
    const fs::path dir = freshDir("signal");
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::signal(SIGTERM, SIG_DFL);
        try {
            core::TempSibling temp((dir / "map.tif").string(), "GeoTIFF");
            std::this_thread::sleep_for(std::chrono::seconds(30)); // the signal comes first
        } catch (...) {
            ::_exit(2);
        }
        ::_exit(0);
    }
    bool sawTemp = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!sawTemp && std::chrono::steady_clock::now() < deadline) {
        sawTemp = !folderContents(dir).empty();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(sawTemp);
    ::kill(pid, SIGTERM);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGTERM);
    CHECK(folderContents(dir).empty());
}

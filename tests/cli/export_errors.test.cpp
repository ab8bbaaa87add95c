// When the PNG cannot be created or written, `corridor export` names the folder and the real reason (the errno),
// never a generic or misleading one. The tests run as root, where permission bits do not stop writes, so the
// cases are ones that are real for root too: sysfs and procfs folders, and a full file system in a private mount
// namespace.

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace {

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runCorridor;
using corridor::test::runShell;

std::string exportTo(const std::string& out) { return std::string(CORRIDOR_BINARY) + " export --size 320x200 --out " + out; }

} // namespace

TEST_CASE("a folder that refuses new files is named with the reason")
{
    // sysfs refuses to create files even for root: EACCES.
    const Run sys = runShell(exportTo("/sys/corridor-test.png"));
    INFO(sys.output);
    CHECK(sys.exitCode == 1);
    CHECK(contains(sys.output, "/sys/corridor-test.png"));
    CHECK(contains(sys.output, "folder /sys"));
    CHECK(contains(sys.output, "Permission denied"));
    CHECK(!std::filesystem::exists("/sys/corridor-test.png"));

    // procfs answers ENOENT for a folder that plainly exists: "No such file or directory" alone would mislead.
    const Run proc = runShell(exportTo("/proc/corridor-test.png"));
    INFO(proc.output);
    CHECK(proc.exitCode == 1);
    CHECK(contains(proc.output, "folder /proc"));
    CHECK(contains(proc.output, "does not allow new files"));
    CHECK(!contains(proc.output, "cannot write there: No such file or directory"));
}

TEST_CASE("a full file system is reported as such, and leaves no partial file")
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "full-fs";
    fs::remove_all(dir);
    fs::create_directories(dir);
    // A 16 KiB tmpfs mounted only in a private mount namespace (needs root; nothing is mounted outside the command).
    const std::string probe = "unshare -m sh -c 'mount -t tmpfs -o size=16k corridor-test " + dir.string() + "'";
    if (runShell(probe).exitCode != 0) {
        MESSAGE("skipped: cannot mount a tmpfs in a private namespace here (not root?)");
        return;
    }
    const std::string out = (dir / "map.png").string();
    const Run full = runShell("unshare -m sh -c 'mount -t tmpfs -o size=16k corridor-test " + dir.string() + " && " +
                              exportTo(out) + "; echo exit=$?; echo files=$(ls -A " + dir.string() + " | wc -l)'");
    INFO(full.output);
    CHECK(contains(full.output, "exit=1"));
    CHECK(contains(full.output, out));
    CHECK(contains(full.output, "No space left on device"));
    CHECK(contains(full.output, "files=0")); // no temporary or partial file left on the tmpfs
}

TEST_CASE("a file where a folder should be is reported as not a folder, before any rendering")
{
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "corridor-export-notdir";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    { FILE* f = std::fopen((dir / "file").c_str(), "w"); REQUIRE(f != nullptr); std::fclose(f); }
    const Run run = runShell(exportTo((dir / "file" / "map.png").string()));
    INFO(run.output);
    CHECK(run.exitCode == 1);
    CHECK(contains(run.output, "folder " + (dir / "file").string()));
    CHECK(contains(run.output, "Not a directory"));
    CHECK(!contains(run.output, "does not exist"));
    std::filesystem::remove_all(dir);
}

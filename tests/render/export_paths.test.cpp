// The paths the export shows the user: the viewer's file name is absolute and clean (no "dir/./file"), and a
// folder that cannot take the file is named with the system's reason before anything is rendered.

#include "platform/map_export.hpp"

#include "read_only_folder.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
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
    const auto message = test::inReadOnlyFolder(
        dir, [&] { return platform::outputFolderProblem((dir / "map.png").string()).value_or("(none)"); });
    if (message) {
        CHECK(*message == (dir / "map.png").string() + ": cannot create a file in folder " + dir.string() +
                              ": Read-only file system");
    }
}

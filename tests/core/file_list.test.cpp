#include "core/file_list.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace corridor::core;
namespace fs = std::filesystem;

namespace {

// A scratch folder for one test, removed afterwards.
struct Scratch {
    fs::path dir;
    explicit Scratch(const std::string& name)
        : dir(fs::temp_directory_path() / ("corridor-file-list-" + name + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() { fs::remove_all(dir); }
    void file(const std::string& name, std::size_t bytes) const
    {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name, std::ios::binary) << std::string(bytes, 'x');
    }
};

std::vector<std::string> names(const std::vector<FileEntry>& entries)
{
    std::vector<std::string> out;
    for (const FileEntry& e : entries) {
        out.push_back(e.name);
    }
    return out;
}

const std::vector<std::string> kExtensions = parseExtensions({"gpkg", "shp dbf shz shp.zip", "geojson json", "gdb"});

} // namespace

TEST_CASE("file list: GDAL's extension lists become one lower-case list")
{
    CHECK(parseExtensions({"SHP dbf", ".gpkg  shp", ""}) == std::vector<std::string>{"dbf", "gpkg", "shp"});
    CHECK(hasExtension("Ports.GPKG", kExtensions));
    CHECK(hasExtension("roads.shp.zip", kExtensions));
    CHECK_FALSE(hasExtension("notes.txt", kExtensions));
    CHECK_FALSE(hasExtension(".shp", kExtensions)); // a hidden file named like the extension
    CHECK_FALSE(hasExtension("gpkg", kExtensions));
    CHECK_FALSE(hasExtension("a.xgpkg", kExtensions));
}

TEST_CASE("file list: only files GDAL opens unless show all, folders always, dataset folders marked")
{
    Scratch s("filter");
    s.file("b.gpkg", 10);
    s.file("a.GeoJSON", 2000);
    s.file("notes.txt", 5);
    s.file(".hidden.gpkg", 5);
    s.file("shapes/roads.shp", 100);
    s.file("shapes/roads.dbf", 100);
    s.file("plain/readme.md", 1);
    fs::create_directories(s.dir / "archive.gdb");

    FileListOptions o;
    o.extensions = kExtensions;
    std::vector<FileEntry> entries = listFolder(s.dir, o);
    sortEntries(entries, FileSort::Name, false);
    CHECK(names(entries) == std::vector<std::string>{"archive.gdb", "plain", "shapes", "a.GeoJSON", "b.gpkg"});
    const auto find = [&](const std::string& n) {
        return *std::find_if(entries.begin(), entries.end(), [&](const FileEntry& e) { return e.name == n; });
    };
    CHECK(find("archive.gdb").dataset);
    CHECK(find("shapes").dataset);
    CHECK_FALSE(find("plain").dataset);
    CHECK(find("plain").directory);
    CHECK(find("a.GeoJSON").size == 2000);
    CHECK(find("b.gpkg").modified > 0);

    o.showAll = true;
    entries = listFolder(s.dir, o);
    sortEntries(entries, FileSort::Name, false);
    CHECK(names(entries) ==
          std::vector<std::string>{"archive.gdb", "plain", "shapes", "a.GeoJSON", "b.gpkg", "notes.txt"});
    o.showHidden = true;
    CHECK(listFolder(s.dir, o).size() == 7);
}

TEST_CASE("file list: sorted by size or date with folders first either way")
{
    std::vector<FileEntry> entries{
        {"zeta", true, false, 0, 50}, {"big.gpkg", false, false, 900, 10}, {"Alpha", true, false, 0, 1},
        {"small.gpkg", false, false, 5, 30}, {"mid.gpkg", false, false, 60, 20}, {"same.gpkg", false, false, 60, 5}};
    sortEntries(entries, FileSort::Size, false);
    CHECK(names(entries) == std::vector<std::string>{"Alpha", "zeta", "small.gpkg", "mid.gpkg", "same.gpkg", "big.gpkg"});
    sortEntries(entries, FileSort::Size, true);
    CHECK(names(entries) == std::vector<std::string>{"Alpha", "zeta", "big.gpkg", "same.gpkg", "mid.gpkg", "small.gpkg"});
    sortEntries(entries, FileSort::Modified, true);
    CHECK(names(entries) == std::vector<std::string>{"Alpha", "zeta", "small.gpkg", "mid.gpkg", "big.gpkg", "same.gpkg"});
    sortEntries(entries, FileSort::Name, false);
    CHECK(names(entries) == std::vector<std::string>{"Alpha", "zeta", "big.gpkg", "mid.gpkg", "same.gpkg", "small.gpkg"});
}

TEST_CASE("file list: an unreadable folder throws with the reason")
{
    CHECK_THROWS_AS(listFolder("/nonexistent/corridor/folder", {}), fs::filesystem_error);
}

TEST_CASE("file list: sizes, times and recent folders")
{
    CHECK(formatFileSize(812) == "812 B");
    CHECK(formatFileSize(4300) == "4.2 KB");
    CHECK(formatFileSize(13u * 1024 * 1024) == "13.0 MB");
    CHECK(formatFileTime(0).empty());
    CHECK(formatFileTime(1700000000).size() == 16);
    std::vector<std::string> recent;
    for (int i = 0; i < 10; ++i) {
        rememberFolder(recent, "/f" + std::to_string(i), 4);
    }
    rememberFolder(recent, "/f7", 4);
    CHECK(recent == std::vector<std::string>{"/f7", "/f9", "/f8", "/f6"});
}

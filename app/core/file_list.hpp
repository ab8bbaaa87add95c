#pragma once
// A folder's entries as the Add layer browser lists them: folders first, then files, each with its size and
// modification time, filtered by the extensions GDAL can open (the platform asks GDAL for them; core does not link
// it). Pure apart from reading the folder, so it is tested without a window or GDAL.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

struct FileEntry {
    std::string name;         // the file name, no folder
    bool directory = false;   // a folder one can open…
    bool dataset = false;     // …or one GDAL reads as a whole (a .gdb, a folder of shapefiles): it can be added
    std::uintmax_t size = 0;  // bytes (0 for folders)
    std::int64_t modified = 0; // seconds since the Unix epoch; 0 when unknown
};

enum class FileSort { Name, Size, Modified };

struct FileListOptions {
    std::vector<std::string> extensions; // lower case, no dot ("gpkg", "shp.zip"); see parseExtensions
    bool showAll = false;                // every file, not only those with a listed extension
    bool showHidden = false;             // names starting with '.'
};

// Splits GDAL's space-separated extension lists ("shp dbf shz shp.zip") into one sorted, lower-case list without
// duplicates.
std::vector<std::string> parseExtensions(const std::vector<std::string>& lists);

// True when `name` ends in "." + one of `extensions` (case-insensitive; "a.shp.zip" matches "shp.zip" and "zip").
bool hasExtension(std::string_view name, const std::vector<std::string>& extensions);

// A folder GDAL can open as one dataset: its name has a listed extension (x.gdb) or it holds shapefiles (the
// ESRI Shapefile driver reads a folder as one source, a layer per .shp). Looks at no more than `maxEntries` entries.
bool isDatasetFolder(const std::filesystem::path& folder, const std::vector<std::string>& extensions,
                     std::size_t maxEntries = 256);

// The entries of `folder`: every folder, and the files `options` let through. Unsorted. Throws
// std::filesystem::filesystem_error when the folder cannot be read (the browser shows the reason).
std::vector<FileEntry> listFolder(const std::filesystem::path& folder, const FileListOptions& options);

// Folders first (by name), then files by `by`; names compare case-insensitively, ties by name.
void sortEntries(std::vector<FileEntry>& entries, FileSort by, bool descending);

// "812 B", "4.2 KB", "13.0 MB", "1.2 GB" (powers of 1024).
std::string formatFileSize(std::uintmax_t bytes);
// "2026-12-03 19:47" in local time; "" for 0.
std::string formatFileTime(std::int64_t secondsSinceEpoch);

// Puts `folder` first in `recent`, without duplicates, keeping at most `max` entries.
void rememberFolder(std::vector<std::string>& recent, const std::string& folder, std::size_t max = 8);

} // namespace corridor::core

#include "core/file_list.hpp"

#include "core/ascii.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <system_error>

namespace corridor::core {

namespace {

std::string lower(std::string_view s) { return asciiLower(s); }

// Case-insensitive order, then byte order so that "a" and "A" still sort the same way every time.
bool nameLess(const std::string& a, const std::string& b)
{
    const std::string la = lower(a), lb = lower(b);
    return la != lb ? la < lb : a < b;
}

std::int64_t modifiedTime(const std::filesystem::path& p)
{
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) { // std::filesystem's file_time_type has no portable epoch in C++20's libstdc++
        return 0;
    }
    return static_cast<std::int64_t>(st.st_mtime);
}

} // namespace

std::vector<std::string> parseExtensions(const std::vector<std::string>& lists)
{
    std::vector<std::string> out;
    for (const std::string& list : lists) {
        std::istringstream words(list);
        for (std::string w; words >> w;) {
            if (!w.empty() && w.front() == '.') {
                w.erase(0, 1);
            }
            if (!w.empty()) {
                out.push_back(lower(w));
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool hasExtension(std::string_view name, const std::vector<std::string>& extensions)
{
    const std::string n = lower(name);
    for (const std::string& ext : extensions) {
        // The dot must not be the name's first character: ".shp" is a hidden file, not a shapefile.
        if (n.size() > ext.size() + 1 && n.compare(n.size() - ext.size(), ext.size(), ext) == 0 &&
            n[n.size() - ext.size() - 1] == '.') {
            return true;
        }
    }
    return false;
}

bool isDatasetFolder(const std::filesystem::path& folder, const std::vector<std::string>& extensions,
                     std::size_t maxEntries)
{
    if (hasExtension(folder.filename().string(), extensions)) {
        return true;
    }
    std::error_code ec;
    std::filesystem::directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, ec);
    static const std::vector<std::string> kShp{"shp"};
    for (std::size_t n = 0; !ec && it != std::filesystem::directory_iterator() && n < maxEntries; it.increment(ec), ++n) {
        if (hasExtension(it->path().filename().string(), kShp)) {
            return true;
        }
    }
    return false;
}

std::vector<FileEntry> listFolder(const std::filesystem::path& folder, const FileListOptions& options)
{
    std::vector<FileEntry> out;
    for (const std::filesystem::directory_entry& e : std::filesystem::directory_iterator(folder)) {
        FileEntry f;
        f.name = e.path().filename().string();
        if (!options.showHidden && !f.name.empty() && f.name.front() == '.') {
            continue;
        }
        std::error_code ec;
        f.directory = e.is_directory(ec); // follows links, as opening it would
        if (f.directory) {
            f.dataset = isDatasetFolder(e.path(), options.extensions);
        } else {
            if (!options.showAll && !hasExtension(f.name, options.extensions)) {
                continue;
            }
            const std::uintmax_t size = e.file_size(ec);
            f.size = ec ? 0 : size;
        }
        f.modified = modifiedTime(e.path());
        out.push_back(std::move(f));
    }
    return out;
}

void sortEntries(std::vector<FileEntry>& entries, FileSort by, bool descending)
{
    std::stable_sort(entries.begin(), entries.end(), [&](const FileEntry& a, const FileEntry& b) {
        if (a.directory != b.directory) {
            return a.directory; // folders first, whichever way the files go
        }
        if (a.directory) {
            return nameLess(a.name, b.name);
        }
        bool less = false, greater = false;
        switch (by) {
        case FileSort::Name: break;
        case FileSort::Size: less = a.size < b.size; greater = a.size > b.size; break;
        case FileSort::Modified: less = a.modified < b.modified; greater = a.modified > b.modified; break;
        }
        if (!less && !greater) {
            less = nameLess(a.name, b.name);
            greater = nameLess(b.name, a.name);
        }
        return descending ? greater : less;
    });
}

std::string formatFileSize(std::uintmax_t bytes)
{
    if (bytes < 1024) {
        return std::to_string(bytes) + " B";
    }
    static constexpr const char* kUnits[] = {"KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    while (v >= 1024.0 && unit + 1 < std::size(kUnits)) {
        v /= 1024.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", v, kUnits[unit]);
    return text;
}

std::string formatFileTime(std::int64_t secondsSinceEpoch)
{
    if (secondsSinceEpoch == 0) {
        return {};
    }
    const auto t = static_cast<std::time_t>(secondsSinceEpoch);
    std::tm tm {};
    localtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
    return text;
}

void rememberFolder(std::vector<std::string>& recent, const std::string& folder, std::size_t max)
{
    recent.erase(std::remove(recent.begin(), recent.end(), folder), recent.end());
    recent.insert(recent.begin(), folder);
    if (recent.size() > max) {
        recent.resize(max);
    }
}

} // namespace corridor::core

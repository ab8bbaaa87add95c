#include "platform/validity_cache.hpp"

#include "core/atomic_file.hpp"
#include "platform/mesh_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>
#include <vector>

namespace corridor::platform {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{16} << 20; // verdicts are a line per invalid feature

bool validKey(const std::string& key)
{
    return !key.empty() && key.size() <= 128 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-';
    });
}

// Deletes the least recently used entries past `maxEntries`. Files that vanish meanwhile are skipped.
void evict(const fs::path& dir, std::size_t maxEntries)
{
    std::vector<std::pair<fs::file_time_type, fs::path>> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.extension() == ".txt" && !p.filename().string().starts_with(".")) {
            std::error_code timeError;
            const fs::file_time_type t = fs::last_write_time(p, timeError);
            if (!timeError) {
                files.emplace_back(t, p);
            }
        }
    }
    if (files.size() <= maxEntries) {
        return;
    }
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i + maxEntries < files.size(); ++i) {
        std::error_code gone;
        fs::remove(files[i].second, gone);
    }
}

} // namespace

ValidityCache::ValidityCache(fs::path dir, std::size_t maxEntries) : m_dir(std::move(dir)), m_maxEntries(maxEntries) {}

fs::path ValidityCache::defaultDir()
{
    const fs::path meshes = MeshCache::defaultDir();
    return meshes.empty() ? fs::path() : meshes.parent_path() / "validity";
}

std::optional<std::string> ValidityCache::find(const std::string& key) const
{
    if (m_dir.empty() || !validKey(key)) {
        return std::nullopt;
    }
    const fs::path file = fileFor(key);
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec || size > kMaxFileBytes) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        return std::nullopt;
    }
    ::utimensat(AT_FDCWD, file.c_str(), nullptr, 0); // used now: the last to be evicted
    return bytes;
}

void ValidityCache::keep(const std::string& key, const std::string& verdicts) const
{
    if (m_dir.empty() || !validKey(key)) {
        return;
    }
    try {
        std::error_code ec;
        fs::create_directories(m_dir, ec);
        core::AtomicWriteOptions options;
        options.what = "validity verdicts";
        core::writeFileAtomically(fileFor(key).string(), verdicts, options);
        evict(m_dir, m_maxEntries);
    } catch (const std::exception&) {
        // Not kept (a read-only or full disk): the next run checks again.
    }
}

} // namespace corridor::platform

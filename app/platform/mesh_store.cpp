#include "platform/mesh_store.hpp"

#include "core/graticule.hpp"

#include <gdal.h>
#include <proj.h>

#include <utility>

namespace corridor::platform {

namespace {

// The running program, as built, and the libraries whose output a mesh depends on.
std::string programBuildId(std::vector<std::string>& notes)
{
    std::string problem;
    const std::optional<std::string> exe = hashFileContent("/proc/self/exe", &problem);
    if (!exe) {
        notes.push_back("mesh cache off: cannot identify the running program (" + problem + ")");
        return {};
    }
    return *exe + " GDAL " + GDALVersionInfo("RELEASE_NAME") + " PROJ " + proj_info().version;
}

} // namespace

CachedMeshStore::CachedMeshStore(std::filesystem::path dir, std::uint64_t maxBytes)
    : m_cache(std::move(dir), maxBytes)
{
}

CachedMeshStore::~CachedMeshStore()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true; // the writer still empties the queue first
    }
    m_wake.notify_all();
    if (m_writer.joinable()) {
        m_writer.join();
    }
}

std::optional<std::string> CachedMeshStore::keyFor(const core::MapLayer& layer, const std::string& viewCrs,
                                                   const core::MeshOptions& options)
{
    if (core::isGraticule(layer) || layer.data.sourcePath.empty() || m_cache.dir().empty()) {
        return std::nullopt;
    }
    MeshKeyInputs key;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_buildId) {
            m_buildId = programBuildId(m_notes);
        }
        if (m_buildId->empty()) {
            return std::nullopt;
        }
        key.buildId = *m_buildId;
    }
    // Hashed outside the lock (several files at once) and remembered per file; two layers of one file that ask at
    // the same moment may both hash it, which costs time, not correctness.
    std::optional<std::string> fileHash;
    {
        std::unique_lock lock(m_mutex);
        const auto found = m_fileHashes.find(layer.data.sourcePath);
        if (found != m_fileHashes.end()) {
            fileHash = found->second;
        } else {
            lock.unlock();
            std::string problem;
            fileHash = hashFileContent(layer.data.sourcePath, &problem);
            lock.lock();
            m_fileHashes.emplace(layer.data.sourcePath, fileHash);
        }
    }
    if (!fileHash) {
        return std::nullopt; // not a plain file (a /vsi path, a URL): built every time, which is fine
    }
    key.fileHash = *fileHash;
    key.layerName = layer.data.name;
    key.style = styleFingerprint(layer.style);
    key.viewCrs = viewCrs;
    key.options = options;
    return meshCacheKey(key);
}

std::optional<core::LayerMesh> CachedMeshStore::load(const core::MapLayer& layer, const std::string& viewCrs,
                                                     const core::MeshOptions& options)
{
    const std::optional<std::string> key = keyFor(layer, viewCrs, options);
    if (!key) {
        return std::nullopt;
    }
    std::string problem;
    std::optional<core::LayerMesh> mesh = m_cache.load(*key, &problem);
    const std::lock_guard lock(m_mutex);
    ++(mesh ? m_hits : m_misses);
    if (!problem.empty()) {
        m_notes.push_back("mesh cache: " + problem + "; " + layer.data.name + " is built again");
    }
    return mesh;
}

void CachedMeshStore::store(const core::MapLayer& layer, const std::string& viewCrs, const core::MeshOptions& options,
                            const core::LayerMesh& mesh)
{
    const std::optional<std::string> key = keyFor(layer, viewCrs, options);
    if (!key) {
        return;
    }
    std::string bytes = serializeMesh(mesh);
    const std::lock_guard lock(m_mutex);
    m_writes.emplace_back(*key, std::move(bytes));
    if (!m_writer.joinable()) {
        m_writer = std::thread([this] {
            std::unique_lock lock(m_mutex);
            for (;;) {
                m_wake.wait(lock, [&] { return !m_writes.empty() || m_stopping; });
                if (m_writes.empty()) {
                    return; // stopping, and all written
                }
                auto [key, bytes] = std::move(m_writes.front());
                m_writes.pop_front();
                lock.unlock();
                std::string problem;
                const bool stored = m_cache.storeSerialized(key, bytes, &problem);
                lock.lock();
                if (!stored && !problem.empty()) {
                    m_notes.push_back("mesh cache: " + problem);
                }
            }
        });
    }
    m_wake.notify_one();
}

std::vector<std::string> CachedMeshStore::takeNotes()
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_notes, {});
}

std::size_t CachedMeshStore::hits() const
{
    const std::lock_guard lock(m_mutex);
    return m_hits;
}

std::size_t CachedMeshStore::misses() const
{
    const std::lock_guard lock(m_mutex);
    return m_misses;
}

} // namespace corridor::platform

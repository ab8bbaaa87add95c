#pragma once
// The viewer's first meshes kept on disk between runs (issue 12: "the second start of the same data is near-instant"):
// geo::buildMeshes asks this store before building a layer and gives it what it built. Behind it is a MeshCache
// (platform/mesh_cache) in the XDG cache directory. A mesh is found again only for the same file content (the
// source and its sidecar files), layer, style, view CRS, mesh options and program build (a hash of the running
// executable and the GDAL and PROJ versions: a rebuilt program never reads what an older one wrote). Layers that
// come from no file (the graticule) are not kept. Problems (a cache folder that cannot be written, a damaged entry)
// are collected as notes for the log; the mesh is then simply built.

#include "geo/layer_builder.hpp"
#include "platform/mesh_cache.hpp"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace corridor::platform {

// Stores are serialized on the caller's thread (memory speed) and written to disk by a thread of the store's own,
// so building the first frame does not wait for the disk; the destructor waits for the writes.
class CachedMeshStore final : public geo::MeshStore {
public:
    explicit CachedMeshStore(std::filesystem::path dir, std::uint64_t maxBytes = MeshCache::kDefaultMaxBytes);
    ~CachedMeshStore() override;
    CachedMeshStore(const CachedMeshStore&) = delete;
    CachedMeshStore& operator=(const CachedMeshStore&) = delete;

    std::optional<core::LayerMesh> load(const core::MapLayer& layer, const std::string& viewCrs,
                                        const core::MeshOptions& options) override;
    void store(const core::MapLayer& layer, const std::string& viewCrs, const core::MeshOptions& options,
               const core::LayerMesh& mesh) override;

    // What went wrong since the last call (one line each, naming the file), for the log.
    std::vector<std::string> takeNotes();
    std::size_t hits() const;
    std::size_t misses() const;

private:
    // The key for `layer`, or std::nullopt when it cannot be kept (no file behind it, unreadable).
    std::optional<std::string> keyFor(const core::MapLayer& layer, const std::string& viewCrs,
                                      const core::MeshOptions& options);

    MeshCache m_cache;
    mutable std::mutex m_mutex; // guards everything below (layers are built on several threads)
    std::map<std::string, std::optional<std::string>> m_fileHashes; // per source path; nullopt: cannot be hashed
    std::optional<std::string> m_buildId;
    std::vector<std::string> m_notes;
    std::size_t m_hits = 0, m_misses = 0;
    std::deque<std::pair<std::string, std::string>> m_writes; // key, serialized mesh
    bool m_stopping = false;
    std::condition_variable m_wake; // a write queued, or stopping
    std::thread m_writer;           // started with the first store
};

} // namespace corridor::platform

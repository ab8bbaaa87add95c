#pragma once
// An on-disk cache of built layer meshes (issue 12), so that the second start on the same data skips reading,
// projecting, simplifying and tessellating: a cached mesh loads at memory bandwidth.
//
// Three parts, usable alone:
//   - serializeMesh / deserializeMesh: core::LayerMesh as a compact little-endian binary file. A 32-byte header
//     (magic "CRDMESH\0", format version, payload size, XXH3-64 of the payload), then the payload: every member
//     of every struct of core/mesh.hpp in declaration order; bulk arrays (line vertices, fill vertices and
//     indices, point positions, distance-field bytes, label paths) as one raw block each, so loading is a memcpy
//     per array. Reading never trusts the file: every count is checked against the bytes left before anything is
//     allocated, enums against their ranges, and any problem gives std::nullopt with one precise message.
//     Floats are written as their IEEE bit patterns, so the round trip is exact (NaN payloads, -0, infinities).
//   - meshCacheKey: what a cached mesh depends on, hashed (XXH3-128, 32 hex digits): the source's bytes (with its
//     sidecar files), the layer name, the style, the view CRS, the mesh options and the build (program version +
//     format version, so a new program never reads an old layout: it just misses, and the old files age out).
//   - MeshCache: one file per key in a folder (default $XDG_CACHE_HOME/corridor/meshes, 1 GiB), written
//     atomically, least-recently-used entries evicted after each store.
//
// Thread and process safety: the functions are pure; MeshCache holds no mutable state, so one instance may be used
// from several threads at once, and several processes may share the folder (see MeshCache).

#include "core/mesh.hpp"
#include "core/style.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace corridor::platform {

// Bumped whenever the byte layout changes (a member added to, removed from or retyped in a struct of
// core/mesh.hpp or core/style.hpp: mesh_cache.cpp has static_asserts that fail until it is looked at).
inline constexpr std::uint32_t kMeshFormatVersion = 3;

// The whole file: header and payload.
std::string serializeMesh(const core::LayerMesh& mesh);
// The mesh `bytes` hold, or std::nullopt with the reason in `problem` (when not null): "not a Corridor mesh cache
// file (bad magic)", "format version 3, expected 1", "checksum mismatch", "truncated at byte N while reading
// batch 2 level 1 line chunk 4 vertices", "bad value 9 at byte N for …". Never throws for bad input (only
// std::bad_alloc can escape, when memory runs out for a mesh whose arrays the file really holds).
std::optional<core::LayerMesh> deserializeMesh(std::string_view bytes, std::string* problem);

// Every member of the style (base symbolizer, each rule's conditions, patch, set names and zoom window, the
// simplestyle flag) in a fixed binary form: equal styles give equal strings, and any change to a member changes it.
// Uses the same writer as the mesh format, so a Symbolizer member the mesh format covers is covered here too.
std::string styleFingerprint(const core::LayerStyle& style);

// XXH3-128 (32 hex digits) of what a data source is made of, read in 1 MiB blocks:
//   - a folder (a File Geodatabase, a folder of shapefiles): every regular file under it, in path order, each as
//     its relative path, size and bytes;
//   - a file: the file and its siblings whose names start with the file's stem and a dot (roads.shp:
//     roads.dbf, roads.shx, roads.prj, roads.cpg, roads.qix, roads.shp.xml; data.gpkg: data.gpkg-wal), each as its
//     name, size and bytes. A sidecar that changes the features (attributes in .dbf, encoding in .cpg, CRS in .prj)
//     thus changes the hash; an unrelated file that happens to share the stem only costs a needless miss.
// std::nullopt with `problem` naming the file and the OS's reason when something cannot be read (a /vsi path or a
// URL is not a file: such sources are simply not cached). Hash a file once for all of its layers.
std::optional<std::string> hashFileContent(const std::filesystem::path& path, std::string* problem);

struct MeshKeyInputs {
    std::string fileHash;   // hashFileContent of the source
    std::string layerName;  // the layer within the source
    std::string style;      // styleFingerprint of the layer's style
    std::string viewCrs;    // the CRS the mesh was built in, as the document names it
    core::MeshOptions options;
    std::string buildId;    // the program version; kMeshFormatVersion is added by meshCacheKey itself
};
// XXH3-128 of every input, each length-prefixed (no two different inputs concatenate alike), doubles and sizes as
// their bit patterns: 32 lowercase hex digits, usable as a file name.
std::string meshCacheKey(const MeshKeyInputs& inputs);

// A folder of cached meshes, one `<key>.mesh` file each.
//   - store writes a temp file in the same folder (a unique name per writer, ".<key>.mesh.tmp-XXXXXX") and renames
//     it over `<key>.mesh`: readers see the old file or the new one, whole, never a partial one. It does not fsync
//     (a 100 MB fsync would stall the loader for nothing): after a power cut a file may hold garbage under its
//     final name, which the checksum catches on load.
//   - load reads the file whole, checks it, and sets its mtime to now, which is what "recently used" means to the
//     eviction. A file that fails to check, or is larger than maxBytes, is deleted (it is only a cache) and
//     reported.
//   - after each store, the least recently used files are deleted until the folder's .mesh files total at most
//     maxBytes; temp files older than an hour (left by a crashed writer) go too. A mesh larger than maxBytes is
//     not stored.
//   - several processes may share the folder: temp names are unique, rename is atomic, and files that vanish
//     while being listed, read or evicted are skipped.
// No exception escapes load or store: a cache must never stop the program.
class MeshCache {
public:
    static constexpr std::uint64_t kDefaultMaxBytes = std::uint64_t{1} << 30; // 1 GiB

    explicit MeshCache(std::filesystem::path dir, std::uint64_t maxBytes = kDefaultMaxBytes);

    // $XDG_CACHE_HOME/corridor/meshes when XDG_CACHE_HOME is an absolute path, else $HOME/.cache/corridor/meshes
    // (XDG Base Directory spec); empty when neither variable helps (then nothing should be cached).
    static std::filesystem::path defaultDir();

    // The cached mesh, or std::nullopt: a miss leaves `problem` empty; an unusable entry (unreadable, corrupt,
    // another format, a key that is not a file name) sets it to a message naming the file and what is wrong.
    std::optional<core::LayerMesh> load(const std::string& key, std::string* problem) const;
    // False with `problem` set when the mesh was not stored (too large, folder not writable, disk full).
    bool store(const std::string& key, const core::LayerMesh& mesh, std::string* problem) const;
    // The same with the mesh already serialized (serializeMesh), so a caller can write it from another thread.
    bool storeSerialized(const std::string& key, const std::string& bytes, std::string* problem) const;

    // Deletes least recently used entries until the total is at most maxBytes (store calls it).
    void evict() const;
    // Bytes the folder's .mesh files hold now.
    std::uint64_t totalBytes() const;

    const std::filesystem::path& dir() const { return m_dir; }
    std::uint64_t maxBytes() const { return m_maxBytes; }
    std::filesystem::path fileFor(const std::string& key) const { return m_dir / (key + ".mesh"); }

private:
    std::filesystem::path m_dir;
    std::uint64_t m_maxBytes;
};

} // namespace corridor::platform

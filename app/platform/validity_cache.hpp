#pragma once
// Polygon validity verdicts on disk (geo::ValidityMemo): one small text file per checked layer geometry,
// `<key>.txt` in $XDG_CACHE_HOME/corridor/validity (beside the mesh cache). A second export, or the viewer's
// check after its first frame, of data checked before reads the verdicts instead of running GEOS again (the
// bundled basemap's check is a quarter of an export's CPU). Written atomically (core::writeFileAtomically: a
// reader sees a whole file or none), each read marks its file used (mtime), and past kMaxEntries files the least
// recently used go (fewer when the constructor says so). A file that does not read back as verdicts for the layer is ignored, checked afresh and
// overwritten. Nothing here ever stops a load: every failure is a miss.

#include "geo/validity_memo.hpp"

#include <cstddef>
#include <filesystem>

namespace corridor::platform {

class ValidityCache final : public geo::ValidityMemo {
public:
    static constexpr std::size_t kMaxEntries = 512;

    explicit ValidityCache(std::filesystem::path dir, std::size_t maxEntries = kMaxEntries);

    // $XDG_CACHE_HOME/corridor/validity when XDG_CACHE_HOME is an absolute path, else $HOME/.cache/corridor/validity;
    // empty when neither helps (then nothing is kept).
    static std::filesystem::path defaultDir();

    std::optional<std::string> find(const std::string& key) const override;
    void keep(const std::string& key, const std::string& verdicts) const override;

    std::filesystem::path fileFor(const std::string& key) const { return m_dir / (key + ".txt"); }

private:
    std::filesystem::path m_dir;
    std::size_t m_maxEntries;
};

} // namespace corridor::platform

#include "core/errors.hpp"

namespace corridor::core {

std::string formatLocation(const std::string& file, const std::string& layer, std::int64_t feature)
{
    std::string out = file;
    if (!layer.empty()) {
        out += (out.empty() ? "" : ": ") + std::string("layer '") + layer + "'";
    }
    if (feature >= 0) {
        out += (out.empty() ? "" : ": ") + std::string("feature ") + std::to_string(feature);
    }
    return out;
}

LoadError::LoadError(std::string file, std::string layer, std::int64_t feature, std::string reason)
    : std::runtime_error([&] {
          const std::string where = formatLocation(file, layer, feature);
          return where.empty() ? reason : where + ": " + reason;
      }())
    , m_file(std::move(file))
    , m_layer(std::move(layer))
    , m_feature(feature)
    , m_reason(std::move(reason))
{
}

} // namespace corridor::core

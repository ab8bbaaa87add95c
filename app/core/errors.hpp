#pragma once
// Typed errors. Loaders throw LoadError; the CLI prints what() and exits non-zero, the viewer shows it in the
// log panel and keeps every other layer.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace corridor::core {

class LoadError : public std::runtime_error {
public:
    LoadError(std::string file, std::string layer, std::int64_t feature, std::string reason);

    const std::string& file() const { return m_file; }
    const std::string& layer() const { return m_layer; }
    std::int64_t feature() const { return m_feature; } // -1 when the error is not about one feature
    const std::string& reason() const { return m_reason; }

private:
    std::string m_file;
    std::string m_layer;
    std::int64_t m_feature;
    std::string m_reason;
};

// "file: layer 'name': feature 12: reason", leaving out the parts that are empty.
std::string formatLocation(const std::string& file, const std::string& layer, std::int64_t feature);

} // namespace corridor::core

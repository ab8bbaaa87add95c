#include "render/shader_source.hpp"

#include "render/gl.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace corridor::render {

std::string shaderDirectory()
{
    if (const char* env = std::getenv("CORRIDOR_SHADER_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return CORRIDOR_SHADER_DIR;
}

std::string shaderSource(const std::string& name)
{
    std::ifstream file(shaderDirectory() + "/" + name);
    if (file) {
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
    }
    for (const EmbeddedShader& s : embeddedShaders()) {
        if (name == s.name) {
            return s.text;
        }
    }
    throw GlError("shader " + name + " is neither in " + shaderDirectory() + " nor built in");
}

} // namespace corridor::render

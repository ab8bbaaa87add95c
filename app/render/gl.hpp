#pragma once
// Thin move-only RAII owners for GL objects, and shader program helpers. Every function here needs a current
// GL 3.3 core context on the calling thread; objects must be destroyed while their context is current.

#include <epoxy/gl.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace corridor::render {

class GlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

template <void (*Delete)(GLuint)>
class GlObject {
public:
    GlObject() = default;
    explicit GlObject(GLuint id)
        : m_id(id)
    {
    }
    ~GlObject() { reset(); }
    GlObject(const GlObject&) = delete;
    GlObject& operator=(const GlObject&) = delete;
    GlObject(GlObject&& other) noexcept
        : m_id(std::exchange(other.m_id, 0))
    {
    }
    GlObject& operator=(GlObject&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_id = std::exchange(other.m_id, 0);
        }
        return *this;
    }

    GLuint id() const { return m_id; }
    explicit operator bool() const { return m_id != 0; }
    void reset()
    {
        if (m_id != 0) {
            Delete(m_id);
            m_id = 0;
        }
    }

private:
    GLuint m_id = 0;
};

namespace detail {
void deleteBuffer(GLuint id);
void deleteVertexArray(GLuint id);
void deleteTexture(GLuint id);
void deleteFramebuffer(GLuint id);
void deleteRenderbuffer(GLuint id);
void deleteProgram(GLuint id);
} // namespace detail

using Buffer = GlObject<detail::deleteBuffer>;
using VertexArray = GlObject<detail::deleteVertexArray>;
using Texture = GlObject<detail::deleteTexture>;
using Framebuffer = GlObject<detail::deleteFramebuffer>;
using Renderbuffer = GlObject<detail::deleteRenderbuffer>;

Buffer makeBuffer();
VertexArray makeVertexArray();
Texture makeTexture();
Framebuffer makeFramebuffer();
Renderbuffer makeRenderbuffer();

// A linked program with its uniform locations looked up once.
class Program {
public:
    Program() = default;
    // Compiles and links; throws GlError with the driver's log, naming the shader files.
    Program(const std::string& vertexName, const std::string& vertexSource, const std::string& fragmentName,
            const std::string& fragmentSource);

    GLuint id() const { return m_program.id(); }
    void use() const { glUseProgram(m_program.id()); }
    GLint uniform(const char* name) const; // -1 when the program does not use it

private:
    GlObject<detail::deleteProgram> m_program;
    mutable std::vector<std::pair<std::string, GLint>> m_uniforms;
};

// Loads `name.vert` and `name.frag` through shaderSource() and builds them.
Program loadProgram(const std::string& name);

} // namespace corridor::render

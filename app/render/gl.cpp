#include "render/gl.hpp"

#include "render/shader_source.hpp"

namespace corridor::render {

namespace detail {
void deleteBuffer(GLuint id) { glDeleteBuffers(1, &id); }
void deleteVertexArray(GLuint id) { glDeleteVertexArrays(1, &id); }
void deleteTexture(GLuint id) { glDeleteTextures(1, &id); }
void deleteFramebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
void deleteRenderbuffer(GLuint id) { glDeleteRenderbuffers(1, &id); }
void deleteProgram(GLuint id) { glDeleteProgram(id); }
} // namespace detail

Buffer makeBuffer()
{
    GLuint id = 0;
    glGenBuffers(1, &id);
    return Buffer(id);
}

VertexArray makeVertexArray()
{
    GLuint id = 0;
    glGenVertexArrays(1, &id);
    return VertexArray(id);
}

Texture makeTexture()
{
    GLuint id = 0;
    glGenTextures(1, &id);
    return Texture(id);
}

Framebuffer makeFramebuffer()
{
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    return Framebuffer(id);
}

Renderbuffer makeRenderbuffer()
{
    GLuint id = 0;
    glGenRenderbuffers(1, &id);
    return Renderbuffer(id);
}

namespace {

GLuint compile(GLenum type, const std::string& name, const std::string& source)
{
    const GLuint shader = glCreateShader(type);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint length = 0;
        glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
        glGetShaderInfoLog(shader, length, nullptr, log.data());
        glDeleteShader(shader);
        throw GlError("shader " + name + " does not compile: " + log);
    }
    return shader;
}

} // namespace

Program::Program(const std::string& vertexName, const std::string& vertexSource, const std::string& fragmentName,
                 const std::string& fragmentSource)
{
    const GLuint vs = compile(GL_VERTEX_SHADER, vertexName, vertexSource);
    GLuint fs = 0;
    try {
        fs = compile(GL_FRAGMENT_SHADER, fragmentName, fragmentSource);
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = GL_FALSE;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint length = 0;
        glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
        glGetProgramInfoLog(program, length, nullptr, log.data());
        glDeleteProgram(program);
        throw GlError("program " + vertexName + " + " + fragmentName + " does not link: " + log);
    }
    m_program = GlObject<detail::deleteProgram>(program);
}

GLint Program::uniform(const char* name) const
{
    for (const auto& [n, loc] : m_uniforms) {
        if (n == name) {
            return loc;
        }
    }
    const GLint loc = glGetUniformLocation(m_program.id(), name);
    m_uniforms.emplace_back(name, loc);
    return loc;
}

Program loadProgram(const std::string& name)
{
    const std::string vert = name + ".vert";
    const std::string frag = name + ".frag";
    return Program(vert, shaderSource(vert), frag, shaderSource(frag));
}

} // namespace corridor::render

#include "platform/headless_context.hpp"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

namespace corridor::platform {

namespace {

EGLDisplay openDisplay()
{
    // Surfaceless first: it needs neither X nor a DRM device node.
    if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_MESA_platform_surfaceless")) {
        EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        EGLint major = 0, minor = 0;
        if (d != EGL_NO_DISPLAY && eglInitialize(d, &major, &minor) == EGL_TRUE) {
            return d;
        }
    }
    if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_platform_device")) {
        EGLDeviceEXT devices[8];
        EGLint count = 0;
        if (eglQueryDevicesEXT(8, devices, &count) == EGL_TRUE) {
            for (EGLint i = 0; i < count; ++i) {
                EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr);
                EGLint major = 0, minor = 0;
                if (d != EGL_NO_DISPLAY && eglInitialize(d, &major, &minor) == EGL_TRUE) {
                    return d;
                }
            }
        }
    }
    throw PlatformError("no headless OpenGL: EGL offers neither the surfaceless nor the device platform "
                        "(install Mesa: libegl-mesa0 libgl1-mesa-dri)");
}

} // namespace

HeadlessContext::HeadlessContext()
{
    EGLDisplay display = openDisplay();
    m_display = display;
    if (eglBindAPI(EGL_OPENGL_API) != EGL_TRUE) {
        throw PlatformError("EGL cannot bind the desktop OpenGL API");
    }
    const EGLint configAttribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                    EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8,
                                    EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (eglChooseConfig(display, configAttribs, &config, 1, &count) != EGL_TRUE || count == 0) {
        config = nullptr; // EGL_KHR_no_config_context: fine, we only render into FBOs
    }
    const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                     EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttribs);
    if (context == EGL_NO_CONTEXT) {
        eglTerminate(display);
        throw PlatformError("EGL cannot create an OpenGL 3.3 core context (error 0x" + std::to_string(eglGetError()) + ")");
    }
    m_context = context;
    makeCurrent();
}

HeadlessContext::~HeadlessContext()
{
    auto display = static_cast<EGLDisplay>(m_display);
    eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(display, static_cast<EGLContext>(m_context));
    eglTerminate(display);
}

void HeadlessContext::makeCurrent() const
{
    if (eglMakeCurrent(static_cast<EGLDisplay>(m_display), EGL_NO_SURFACE, EGL_NO_SURFACE,
                       static_cast<EGLContext>(m_context)) != EGL_TRUE) {
        throw PlatformError("EGL cannot make the headless context current");
    }
}

void HeadlessContext::release() const
{
    eglMakeCurrent(static_cast<EGLDisplay>(m_display), EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
}

std::string HeadlessContext::description() const
{
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return std::string(renderer != nullptr ? renderer : "?") + ", OpenGL " + (version != nullptr ? version : "?");
}

} // namespace corridor::platform

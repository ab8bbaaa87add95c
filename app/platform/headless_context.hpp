#pragma once
// An OpenGL 3.3 core context with no window and no X server: EGL on Mesa's surfaceless platform (llvmpipe on
// machines without a GPU), falling back to the EGL device platform. Render into an OffscreenTarget.

#include <stdexcept>
#include <string>

namespace corridor::platform {

class PlatformError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class HeadlessContext {
public:
    HeadlessContext(); // creates and makes current; throws PlatformError saying what EGL lacked
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    void makeCurrent() const;
    // Current on no thread (this one lets go of it), so that another thread can make it current.
    void release() const;
    std::string description() const; // GL_RENDERER and GL_VERSION

private:
    void* m_display = nullptr;
    void* m_context = nullptr;
};

} // namespace corridor::platform

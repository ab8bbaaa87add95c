#include "platform/frame_log.hpp"

#include <iomanip>
#include <stdexcept>

namespace corridor::platform {

FrameLog::FrameLog(const std::string& path)
{
    if (path.empty()) {
        return;
    }
    m_out.open(path, std::ios::trunc);
    if (!m_out) {
        throw std::runtime_error("--frame-log: cannot write " + path);
    }
    m_out << "# frame\tms\tcomplete\n";
    m_open = true;
}

void FrameLog::begin()
{
    if (m_open) {
        m_begin = std::chrono::steady_clock::now();
    }
}

void FrameLog::end(bool complete)
{
    if (!m_open) {
        return;
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_begin).count();
    m_out << m_frame++ << '\t' << std::fixed << std::setprecision(3) << ms << '\t' << (complete ? 1 : 0) << '\n';
    if (complete && !m_firstCompleteLogged) {
        m_firstCompleteLogged = true;
        const double unix = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        m_out << "# first_complete_unix=" << std::setprecision(6) << unix << '\n';
    }
    m_out.flush(); // the script reads it while the viewer runs, and after a SIGTERM
}

} // namespace corridor::platform

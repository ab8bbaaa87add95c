#pragma once
// The viewer's frame timings for the benchmarks (tests/bench/run_viewer_bench.sh), written when --frame-log is
// given: one line per drawn frame (idle turns of the loop draw nothing and are not counted) with the time the
// frame's work took, from the first event handled to the buffer swap, and whether the map image was complete; and
// the wall-clock time (Unix seconds) of the first complete frame, which the script subtracts from the launch time.

#include <chrono>
#include <fstream>
#include <string>

namespace corridor::platform {

class FrameLog {
public:
    // "" logs nothing. Throws std::runtime_error when the file cannot be written.
    explicit FrameLog(const std::string& path);

    // Marks the start of a frame's work.
    void begin();
    // Ends the frame begun last: `complete` when the map image is whole (no progressive rendering left).
    void end(bool complete);

private:
    std::ofstream m_out;
    std::chrono::steady_clock::time_point m_begin;
    long m_frame = 0;
    bool m_open = false;
    bool m_firstCompleteLogged = false;
};

} // namespace corridor::platform

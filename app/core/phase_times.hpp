#pragma once
// Where the time of a load or an export goes: open, read, reproject, simplify, fields, tessellate, upload, render,
// read-back, encode (issue 12: "so each gain is visible"). `corridor export` and `corridor bench` print it.
//
// Two numbers per phase, because phases run on several threads at once (files read in parallel, layers built in
// parallel, fields made on every core):
// - wall: the time during which at least one thread was in the phase (the union of its threads' spans). It is at
//   most the whole run's wall time; two phases running on different threads at once both count that time, so the
//   walls of all phases can add up to more than the total.
// - threads: the phase's time summed over the threads that ran it (thread-time, not CPU time: a thread waiting on
//   a lock or the disk inside the phase counts). Equal to the wall when one thread did the work.
// A thread is in one phase at a time: a scope opened inside another phase's scope on the same thread takes the
// time over until it closes (reprojection inside reading counts as reprojection only), and a scope of the phase
// the thread is already in adds nothing. So no time counts twice for one thread.
//
// Cost: a scope reads the clock twice and does a few atomic operations on its phase's own cache line; no locks.
// Scopes go around whole loops or whole calls (a layer's reprojection, a chunk's field), never per vertex.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace corridor::core {

enum class Phase : std::uint8_t {
    Open,       // GDAL opening the data source
    Read,       // reading features and their checks (validity, CRS)
    Reproject,  // PROJ: transformers made, coordinates transformed (to lon/lat, to the view CRS)
    Simplify,   // Douglas–Peucker levels of detail, dense-line thinning
    Fields,     // distance fields for dense line chunks
    Tessellate, // the rest of mesh building: ear clipping, line streams and chunks
    Upload,     // meshes copied to GPU buffers
    Render,     // the draw, finished (glFinish)
    ReadBack,   // MSAA resolve and glReadPixels
    Encode,     // PNG encoding and writing
    Count
};
inline constexpr std::size_t kPhaseCount = static_cast<std::size_t>(Phase::Count);

// "open", "read-back": as printed in the phase line.
std::string_view phaseName(Phase phase);
// "open", "readback": as used in key=value names (phase_readback_ms).
std::string_view phaseKey(Phase phase);

struct PhaseTotals {
    std::array<double, kPhaseCount> wallMs{};    // union of the spans when at least one thread was in the phase
    std::array<double, kPhaseCount> threadsMs{}; // summed over threads
    std::array<bool, kPhaseCount> concurrent{};  // two or more threads were in the phase at some moment
    double totalMs = 0.0;                         // wall time since reset(), on the same clock as the walls
};

class PhaseTimes {
public:
    PhaseTimes();
    PhaseTimes(const PhaseTimes&) = delete;
    PhaseTimes& operator=(const PhaseTimes&) = delete;

    // Zeroes every phase and restarts the total. Call it with no scope open (at the start of a command).
    void reset();
    // What has been counted so far. Scopes still open are not in it yet.
    PhaseTotals totals() const;

private:
    friend class PhaseScope;
    using Clock = std::chrono::steady_clock;
    std::int64_t nowNs() const;
    void enter(Phase phase, std::int64_t nowNs);
    void leave(Phase phase, std::int64_t nowNs, std::int64_t threadNs);

    // One cache line per phase, so threads in different phases do not contend.
    struct alignas(64) Slot {
        // Threads in the phase now (top 16 bits) and, while there is one, when the first of them entered (low 48
        // bits, microseconds since m_epoch: 8.9 years). One word, so entering and leaving are one compare-exchange.
        std::atomic<std::uint64_t> active{0};
        std::atomic<std::int64_t> wallUs{0};
        std::atomic<std::int64_t> threadsNs{0};
        std::atomic<bool> concurrent{false};
    };
    Clock::time_point m_epoch;
    std::atomic<std::int64_t> m_resetNs{0};
    std::array<Slot, kPhaseCount> m_slots;
};

// The process's accumulator. Process-wide rather than passed down: the phases happen deep inside the loader, the
// mesh builder, the renderer and the PNG writer, on worker threads, and one command (an export, a bench) runs per
// process; a parameter through every one of those call chains would change a dozen signatures for a measurement.
// The viewer counts into it too (a few atomic adds per layer) and prints nothing.
PhaseTimes& phaseTimes();

// Counts the time from construction to destruction to `phase` on this thread (see the header comment for nesting).
// Not copyable or movable: it lives in one scope of one thread.
class PhaseScope {
public:
    explicit PhaseScope(Phase phase, PhaseTimes& times = phaseTimes());
    ~PhaseScope();
    PhaseScope(const PhaseScope&) = delete;
    PhaseScope& operator=(const PhaseScope&) = delete;

private:
    PhaseTimes* m_times = nullptr; // null: this scope counts nothing (the thread is already in the phase)
};

// `value = timed(Phase::Open, [&] { return open(); })`: a phase around one expression whose result outlives it.
template <class F>
decltype(auto) timed(Phase phase, F&& f)
{
    const PhaseScope scope(phase);
    return f();
}

// "open 12, read 180 (310), …, encode 45; total 520": wall ms per phase, the thread-summed ms in parentheses for
// phases two threads ran at once.
std::string formatPhases(const PhaseTotals& totals);
// "phase_open_ms=12 phase_open_threads_ms=12 … phase_total_ms=520": for key=value output (tests/bench scripts).
std::string formatPhaseKeys(const PhaseTotals& totals);

} // namespace corridor::core

#include "core/phase_times.hpp"

#include <algorithm>
#include <cstdio>

namespace corridor::core {

namespace {

constexpr std::uint64_t kCountUnit = std::uint64_t{1} << 48;
constexpr std::uint64_t kStartMask = kCountUnit - 1;

// The scopes open on this thread, innermost last. Only the innermost scope of each accumulator is counting; the
// others are paused. Fixed size: phases nest a few deep (read > open), never recursively (a scope of the phase
// already counting is not pushed).
struct Frame {
    PhaseTimes* times;
    Phase phase;
    std::int64_t startNs;
};
constexpr int kMaxFrames = 32;
thread_local std::array<Frame, kMaxFrames> t_frames;
thread_local int t_depth = 0;

// The innermost frame of `times` on this thread, or null.
Frame* innermost(const PhaseTimes* times)
{
    for (int i = t_depth - 1; i >= 0; --i) {
        if (t_frames[static_cast<std::size_t>(i)].times == times) {
            return &t_frames[static_cast<std::size_t>(i)];
        }
    }
    return nullptr;
}

constexpr std::array<std::string_view, kPhaseCount> kNames{"open",   "read",   "reproject", "simplify", "fields",
                                                           "tessellate", "upload", "render", "read-back", "encode"};
constexpr std::array<std::string_view, kPhaseCount> kKeys{"open",   "read",   "reproject", "simplify", "fields",
                                                          "tessellate", "upload", "render", "readback", "encode"};

// Whole milliseconds, or tenths under ten (a small fixture's phases are fractions of a millisecond).
std::string ms(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10.0 ? "%.1f" : "%.0f", v);
    return buf;
}

} // namespace

std::string_view phaseName(Phase phase) { return kNames[static_cast<std::size_t>(phase)]; }
std::string_view phaseKey(Phase phase) { return kKeys[static_cast<std::size_t>(phase)]; }

PhaseTimes::PhaseTimes() : m_epoch(Clock::now()) {}

std::int64_t PhaseTimes::nowNs() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - m_epoch).count();
}

void PhaseTimes::reset()
{
    for (Slot& s : m_slots) {
        s.wallUs.store(0, std::memory_order_relaxed);
        s.threadsNs.store(0, std::memory_order_relaxed);
        s.concurrent.store(false, std::memory_order_relaxed);
    }
    m_resetNs.store(nowNs(), std::memory_order_relaxed);
}

PhaseTotals PhaseTimes::totals() const
{
    PhaseTotals t;
    for (std::size_t i = 0; i < kPhaseCount; ++i) {
        const Slot& s = m_slots[i];
        t.wallMs[i] = static_cast<double>(s.wallUs.load(std::memory_order_relaxed)) / 1e3;
        t.threadsMs[i] = static_cast<double>(s.threadsNs.load(std::memory_order_relaxed)) / 1e6;
        t.concurrent[i] = s.concurrent.load(std::memory_order_relaxed);
    }
    // In whole microseconds like the walls, so that no phase's wall exceeds it: every span began after reset().
    const std::int64_t now = nowNs() / 1000, start = m_resetNs.load(std::memory_order_relaxed) / 1000;
    t.totalMs = static_cast<double>(now - start) / 1e3;
    return t;
}

void PhaseTimes::enter(Phase phase, std::int64_t nowNs)
{
    Slot& s = m_slots[static_cast<std::size_t>(phase)];
    const std::uint64_t nowUs = static_cast<std::uint64_t>(nowNs / 1000) & kStartMask;
    std::uint64_t old = s.active.load(std::memory_order_relaxed);
    std::uint64_t next = 0;
    do {
        next = old < kCountUnit ? (kCountUnit | nowUs) : old + kCountUnit; // the first one in starts the span
    } while (!s.active.compare_exchange_weak(old, next, std::memory_order_relaxed));
    if (old >= kCountUnit) {
        s.concurrent.store(true, std::memory_order_relaxed);
    }
}

void PhaseTimes::leave(Phase phase, std::int64_t nowNs, std::int64_t threadNs)
{
    Slot& s = m_slots[static_cast<std::size_t>(phase)];
    s.threadsNs.fetch_add(threadNs, std::memory_order_relaxed);
    const std::int64_t nowUs = static_cast<std::int64_t>(static_cast<std::uint64_t>(nowNs / 1000) & kStartMask);
    std::uint64_t old = s.active.load(std::memory_order_relaxed);
    std::uint64_t next = 0;
    do {
        next = old < 2 * kCountUnit ? 0 : old - kCountUnit; // the last one out ends the span
    } while (!s.active.compare_exchange_weak(old, next, std::memory_order_relaxed));
    if (old < 2 * kCountUnit) {
        const auto start = static_cast<std::int64_t>(old & kStartMask);
        // A span that began before a reset() counts from the reset (the reset asks for no open scope, but a
        // viewer's background worker may still be in one).
        const std::int64_t from = std::max(start, m_resetNs.load(std::memory_order_relaxed) / 1000);
        s.wallUs.fetch_add(std::max<std::int64_t>(0, nowUs - from), std::memory_order_relaxed);
    }
}

PhaseTimes& phaseTimes()
{
    static PhaseTimes times;
    return times;
}

PhaseScope::PhaseScope(Phase phase, PhaseTimes& times)
{
    Frame* outer = innermost(&times);
    if ((outer != nullptr && outer->phase == phase) || t_depth == kMaxFrames) {
        return; // already counting this phase on this thread (or nested too deep to track): count nothing twice
    }
    const std::int64_t now = times.nowNs();
    if (outer != nullptr) { // pause the enclosing phase: this one takes the time over
        times.leave(outer->phase, now, now - outer->startNs);
    }
    times.enter(phase, now);
    t_frames[static_cast<std::size_t>(t_depth++)] = {&times, phase, now};
    m_times = &times;
}

PhaseScope::~PhaseScope()
{
    if (m_times == nullptr) {
        return;
    }
    // Scopes are RAII locals of this thread, so this one is the innermost frame.
    const Frame frame = t_frames[static_cast<std::size_t>(--t_depth)];
    const std::int64_t now = m_times->nowNs();
    m_times->leave(frame.phase, now, now - frame.startNs);
    if (Frame* outer = innermost(m_times)) { // resume the enclosing phase
        outer->startNs = now;
        m_times->enter(outer->phase, now);
    }
}

std::string formatPhases(const PhaseTotals& totals)
{
    std::string out;
    for (std::size_t i = 0; i < kPhaseCount; ++i) {
        out += (i == 0 ? "" : ", ") + std::string(kNames[i]) + " " + ms(totals.wallMs[i]);
        if (totals.concurrent[i]) {
            out += " (" + ms(totals.threadsMs[i]) + ")";
        }
    }
    return out + "; total " + ms(totals.totalMs);
}

std::string formatPhaseKeys(const PhaseTotals& totals)
{
    std::string out;
    char buf[96];
    for (std::size_t i = 0; i < kPhaseCount; ++i) {
        std::snprintf(buf, sizeof buf, "phase_%s_ms=%.1f phase_%s_threads_ms=%.1f ", kKeys[i].data(), totals.wallMs[i],
                      kKeys[i].data(), totals.threadsMs[i]);
        out += buf;
    }
    std::snprintf(buf, sizeof buf, "phase_total_ms=%.1f", totals.totalMs);
    return out + buf;
}

} // namespace corridor::core

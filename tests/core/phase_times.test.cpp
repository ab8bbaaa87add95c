// The phase accumulator behind `corridor export`'s and `corridor bench`'s phase breakdown: sums over threads and
// scopes, walls as the union of spans, nesting that never counts a thread's time twice.

#include "core/phase_times.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <latch>
#include <thread>
#include <vector>

using corridor::core::Phase;
using corridor::core::PhaseScope;
using corridor::core::PhaseTimes;
using corridor::core::PhaseTotals;

namespace {

void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
std::size_t at(Phase p) { return static_cast<std::size_t>(p); }

} // namespace

TEST_CASE("phase times sum one thread's scopes and keep the other phases at zero")
{
    PhaseTimes times;
    times.reset();
    for (int i = 0; i < 3; ++i) {
        const PhaseScope scope(Phase::Simplify, times);
        sleepMs(5);
    }
    const PhaseTotals t = times.totals();
    CHECK(t.threadsMs[at(Phase::Simplify)] >= 15.0);
    CHECK(t.wallMs[at(Phase::Simplify)] >= 14.9); // whole microseconds
    CHECK(t.wallMs[at(Phase::Simplify)] <= t.threadsMs[at(Phase::Simplify)] + 0.01);
    CHECK_FALSE(t.concurrent[at(Phase::Simplify)]);
    CHECK(t.totalMs >= t.wallMs[at(Phase::Simplify)]);
    for (std::size_t i = 0; i < corridor::core::kPhaseCount; ++i) {
        if (i != at(Phase::Simplify)) {
            CHECK(t.wallMs[i] == 0.0);
            CHECK(t.threadsMs[i] == 0.0);
        }
    }
}

TEST_CASE("phase times sum over threads while the wall is the union of their spans")
{
    PhaseTimes times;
    times.reset();
    constexpr int kThreads = 4;
    std::latch inside(kThreads);
    std::vector<std::thread> pool;
    for (int i = 0; i < kThreads; ++i) {
        pool.emplace_back([&] {
            const PhaseScope scope(Phase::Fields, times);
            inside.arrive_and_wait(); // all four are in the phase at once
            sleepMs(20);
        });
    }
    for (std::thread& t : pool) {
        t.join();
    }
    const PhaseTotals t = times.totals();
    CHECK(t.concurrent[at(Phase::Fields)]);
    CHECK(t.threadsMs[at(Phase::Fields)] >= kThreads * 20.0);
    CHECK(t.wallMs[at(Phase::Fields)] >= 19.9);
    // The spans overlap by at least the 20 ms every thread sleeps after the latch: the union is shorter than the sum.
    CHECK(t.wallMs[at(Phase::Fields)] <= t.threadsMs[at(Phase::Fields)] - (kThreads - 1) * 19.9);
    CHECK(t.totalMs >= t.wallMs[at(Phase::Fields)]);
}

TEST_CASE("a nested phase takes the time over and a nested scope of the same phase adds nothing")
{
    PhaseTimes times;
    times.reset();
    {
        const PhaseScope read(Phase::Read, times);
        sleepMs(10);
        {
            const PhaseScope reproject(Phase::Reproject, times);
            sleepMs(30);
            const PhaseScope again(Phase::Reproject, times); // e.g. a Transformer called inside projectLayer
            sleepMs(10);
        }
        {
            const PhaseScope again(Phase::Read, times);
            sleepMs(10);
        }
    }
    const PhaseTotals t = times.totals();
    const double read = t.threadsMs[at(Phase::Read)], reproject = t.threadsMs[at(Phase::Reproject)];
    CHECK(reproject >= 40.0);
    CHECK(read >= 20.0);
    // Were the inner scopes counted inside the outer one too, read would hold 60 ms and the sum would pass 80.
    CHECK(read < 40.0);
    CHECK(read + reproject <= t.totalMs + 0.01);
    CHECK(t.wallMs[at(Phase::Read)] + t.wallMs[at(Phase::Reproject)] <= t.totalMs + 0.01);
    CHECK_FALSE(t.concurrent[at(Phase::Read)]);
    CHECK_FALSE(t.concurrent[at(Phase::Reproject)]);
}

TEST_CASE("reset zeroes the phases and restarts the total")
{
    PhaseTimes times;
    {
        const PhaseScope scope(Phase::Encode, times);
        sleepMs(20);
    }
    times.reset();
    const PhaseTotals t = times.totals();
    CHECK(t.wallMs[at(Phase::Encode)] == 0.0);
    CHECK(t.threadsMs[at(Phase::Encode)] == 0.0);
    CHECK(t.totalMs < 20.0);
}

TEST_CASE("the phase line names every phase once and the key line has a key per phase")
{
    PhaseTotals t;
    t.wallMs[at(Phase::Read)] = 180.4;
    t.threadsMs[at(Phase::Read)] = 310.2;
    t.concurrent[at(Phase::Read)] = true;
    t.wallMs[at(Phase::Open)] = 1.25;
    t.threadsMs[at(Phase::Open)] = 1.25;
    t.totalMs = 520.0;
    CHECK(corridor::core::formatPhases(t) ==
          "open 1.2, read 180 (310), reproject 0.0, simplify 0.0, fields 0.0, tessellate 0.0, upload 0.0, "
          "render 0.0, read-back 0.0, encode 0.0; total 520");
    const std::string keys = corridor::core::formatPhaseKeys(t);
    CHECK(keys.find("phase_read_ms=180.4 phase_read_threads_ms=310.2 ") != std::string::npos);
    CHECK(keys.find("phase_readback_ms=0.0 ") != std::string::npos);
    CHECK(keys.find("phase_total_ms=520.0") != std::string::npos);
}

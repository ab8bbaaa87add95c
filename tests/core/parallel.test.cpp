#include "core/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace corridor::core;

namespace {

std::size_t cores() { return std::max<std::size_t>(1, std::thread::hardware_concurrency()); }

} // namespace

TEST_CASE("forEachParallel runs every task once, on the caller and the threads kept for the process")
{
    std::mutex mutex;
    std::set<std::thread::id> threads;
    for (int call = 0; call < 200; ++call) {
        std::vector<std::atomic<int>> runs(97);
        forEachParallel(runs.size(), [&](std::size_t i) {
            runs[i]++;
            const std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        });
        for (const std::atomic<int>& r : runs) {
            REQUIRE(r.load() == 1);
        }
    }
    // No call starts a thread: 200 calls ran on at most one thread per core, the caller's among them.
    CHECK(threads.size() <= cores());
    CHECK(threads.count(std::this_thread::get_id()) == 1);
}

TEST_CASE("forEachParallel runs the other tasks when some throw, and rethrows the first")
{
    for (const std::size_t maxThreads : {std::size_t{1}, std::size_t{0}}) {
        std::atomic<int> ran{0};
        CHECK_THROWS_AS(forEachParallel(50, [&](std::size_t i) {
            ran++;
            if (i % 10 == 3) {
                throw std::runtime_error("task " + std::to_string(i));
            }
        }, maxThreads), std::runtime_error);
        CHECK(ran.load() == 50);
    }
}

TEST_CASE("forEachParallel called from its own tasks finishes, each inner task once")
{
    std::atomic<int> inner{0};
    forEachParallel(8, [&](std::size_t) {
        forEachParallel(100, [&](std::size_t) {
            forEachParallel(3, [&](std::size_t) { inner++; });
        });
    });
    CHECK(inner.load() == 8 * 100 * 3);
}

TEST_CASE("onEveryThread runs once on the caller and once on each thread kept for the process")
{
    std::mutex mutex;
    std::multiset<std::thread::id> ran;
    onEveryThread([&] {
        const std::lock_guard lock(mutex);
        ran.insert(std::this_thread::get_id());
    });
    CHECK(ran.size() == cores());
    CHECK(std::set<std::thread::id>(ran.begin(), ran.end()).size() == cores());
    CHECK(ran.count(std::this_thread::get_id()) == 1);
}

#pragma once
// Independent tasks spread over the machine's cores: files read at once, layers built at once, dense chunks made
// into distance fields at once. Threads are started per call (the tasks here run for milliseconds to seconds, so a
// thread's start-up does not count); the caller's thread works too.

#include <cstddef>
#include <functional>

namespace corridor::core {

// Runs task(0) … task(count − 1), each exactly once, on up to `maxThreads` threads (0: one per core), and returns
// when all are done. Tasks are taken in index order, so put the longest first. When tasks throw, the others still
// run and the first exception caught is rethrown here.
void forEachParallel(std::size_t count, const std::function<void(std::size_t)>& task, std::size_t maxThreads = 0);

} // namespace corridor::core

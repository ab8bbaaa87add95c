#pragma once
// Independent tasks spread over the machine's cores: files read at once, layers built at once, dense chunks made
// into distance fields at once. The caller's thread works too, helped by threads started once for the process (one
// per core but one): no call starts a thread, which glibc makes wait while another thread loads a library (the
// export's GL driver, made while the data is read). A call made from a task (nested) is helped by the threads that
// are free, else runs on its caller alone: it never waits for a thread to become free.

#include <cstddef>
#include <functional>

namespace corridor::core {

// Runs task(0) … task(count − 1), each exactly once, on up to `maxThreads` threads (0: one per core), and returns
// when all are done. Tasks are taken in index order, so put the longest first. When tasks throw, the others still
// run and the first exception caught is rethrown here.
void forEachParallel(std::size_t count, const std::function<void(std::size_t)>& task, std::size_t maxThreads = 0);

// Starts the helper threads now, if not yet: before another thread loads a big library (platform::prepareExportGpu).
void startWorkers();

// Runs `f` once on this thread and once on each helper thread (each waits for the others, so none runs it twice),
// and returns when all have: for per-thread state a library sets up on a thread's first call (geo::
// registerGdalThreadState). Call it when no forEachParallel is under way.
void onEveryThread(const std::function<void()>& f);

} // namespace corridor::core

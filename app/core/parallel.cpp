#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace corridor::core {

namespace {

// One forEachParallel call, as its helpers see it. The task and the count live on the caller's stack: a helper
// touches them only between joining (under the mutex, while the call is open) and leaving.
struct Job {
    std::mutex mutex;
    std::condition_variable left;
    bool open = true;       // false once the caller has run out of tasks: helpers that start later do nothing
    std::size_t active = 0; // helpers working on it
    std::atomic<std::size_t> next{0};
    std::size_t count = 0;
    const std::function<void(std::size_t)>* task = nullptr;
    std::exception_ptr failure;

    void work()
    {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                (*task)(i);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
            }
        }
    }
};

// Threads kept for the process's life, one per core but the caller's: started once, so no call starts a thread
// (glibc's pthread_create waits while another thread is in dlopen: the export's GL driver, 20-40 ms of LLVM).
class Workers {
public:
    explicit Workers(std::size_t threads)
    {
        for (std::size_t t = 0; t < threads; ++t) {
            std::thread([this] { run(); }).detach(); // they outlive main's return: never joined, never destroyed
        }
    }

    void post(const std::shared_ptr<Job>& job, std::size_t helpers)
    {
        {
            const std::lock_guard lock(m_mutex);
            for (std::size_t h = 0; h < helpers; ++h) {
                m_queue.push_back(job);
            }
        }
        if (helpers == 1) {
            m_ready.notify_one();
        } else {
            m_ready.notify_all();
        }
    }

private:
    void run()
    {
        for (;;) {
            std::shared_ptr<Job> job;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, [&] { return !m_queue.empty(); });
                job = std::move(m_queue.front());
                m_queue.pop_front();
            }
            {
                const std::lock_guard lock(job->mutex);
                if (!job->open) {
                    continue; // the caller finished it alone
                }
                ++job->active;
            }
            job->work();
            const std::lock_guard lock(job->mutex);
            if (--job->active == 0) {
                job->left.notify_all();
            }
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::shared_ptr<Job>> m_queue;
};

std::size_t cores() { return std::max<std::size_t>(1, std::thread::hardware_concurrency()); }

Workers& workers()
{
    // Leaked on purpose: detached threads wait on it until the process ends.
    static Workers* const w = new Workers(cores() - 1);
    return *w;
}

} // namespace

void startWorkers() { workers(); }

void onEveryThread(const std::function<void()>& f)
{
    const std::size_t helpers = cores() - 1;
    // Each helper runs f, then waits until every helper has: so each takes exactly one of the tasks.
    std::latch all(static_cast<std::ptrdiff_t>(helpers));
    const std::function<void(std::size_t)> task = [&](std::size_t) {
        f();
        all.arrive_and_wait();
    };
    auto job = std::make_shared<Job>();
    job->count = helpers;
    job->task = &task;
    workers().post(job, helpers);
    f();
    std::unique_lock lock(job->mutex);
    job->left.wait(lock, [&] { return job->next >= helpers && job->active == 0; });
    job->open = false;
    const std::exception_ptr failure = std::exchange(job->failure, nullptr); // as forEachParallel
    lock.unlock();
    if (failure) {
        std::rethrow_exception(failure);
    }
}

void forEachParallel(std::size_t count, const std::function<void(std::size_t)>& task, std::size_t maxThreads)
{
    const std::size_t threads = std::min(count, maxThreads == 0 ? cores() : std::min(maxThreads, cores()));
    auto job = std::make_shared<Job>();
    job->count = count;
    job->task = &task;
    if (threads > 1) {
        workers().post(job, threads - 1);
    }
    job->work();
    std::unique_lock lock(job->mutex);
    job->open = false;
    job->left.wait(lock, [&] { return job->active == 0; });
    // Taken out of the job: a helper may drop the last reference to the job later, and must not take the
    // exception with it while this thread still handles it.
    const std::exception_ptr failure = std::exchange(job->failure, nullptr);
    lock.unlock();
    if (failure) {
        std::rethrow_exception(failure);
    }
}

} // namespace corridor::core

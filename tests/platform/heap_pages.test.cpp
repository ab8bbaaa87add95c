// The heap's huge pages (platform/heap_pages): after tuneHeap, what the main thread and every worker thread
// allocate lies in memory the kernel was told to back with huge pages (smaps' VmFlags "hg", set by
// madvise(MADV_HUGEPAGE)), and what they write there reads back. Under the sanitizers malloc is theirs: nothing to mark.

#include "core/parallel.hpp"
#include "platform/heap_pages.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
namespace {

// The VmFlags of the mapping that holds `address` (/proc/self/smaps), or "" if none does.
std::string vmFlagsAt(const void* address)
{
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    std::ifstream smaps("/proc/self/smaps");
    bool inside = false;
    for (std::string line; std::getline(smaps, line);) {
        unsigned long from = 0;
        unsigned long to = 0;
        char dash = 0;
        std::istringstream head(line);
        if (head >> std::hex >> from >> dash >> to && dash == '-' && line.find(':') > line.find(' ')) {
            inside = at >= from && at < to; // a mapping's first line: "start-end perms …"
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            return line.substr(8);
        }
    }
    return "";
}

constexpr std::size_t kBlock = std::size_t{16} << 20;

bool hugePagesAdvised(const void* address) { return (vmFlagsAt(address) + " ").find(" hg ") != std::string::npos; }

} // namespace
#endif

TEST_CASE("after tuneHeap the main thread's and the worker threads' allocations lie in huge-page memory")
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    MESSAGE("the sanitizers' allocator: no glibc heap to mark");
#else
    void* before = std::malloc(1 << 20);
    REQUIRE(before != nullptr);
    CHECK_FALSE(vmFlagsAt(before).empty()); // the check can see the mapping
    std::free(before);

    corridor::platform::tuneHeap();
    void* volatile first = std::malloc(kBlock); // as an export frees its first big blocks (volatile: not elided)
    std::free(first);
    std::mutex mutex;
    std::vector<void*> blocks;
    corridor::core::onEveryThread([&] {
        // Over glibc's first mmap threshold (128 KB), so without tuneHeap it would get a mapping of its own; the
        // main heap, shared by every thread (test_main sets one heap, as the app's main does), holds it now.
        void* block = std::malloc(kBlock);
        std::memset(block, 0x5a, kBlock);
        const std::lock_guard lock(mutex);
        blocks.push_back(block);
    });
    REQUIRE_FALSE(blocks.empty());
    // The main heap's reserve outlives a big free (the one above: glibc trimmed all but 64 MB of it when the trim
    // threshold was no higher than the reserve): 160 MB more of blocks on the main thread, all in marked memory.
    for (int k = 0; k < 10; ++k) {
        blocks.push_back(std::malloc(kBlock));
        std::memset(blocks.back(), 0x5a, kBlock);
    }
    for (void* block : blocks) {
        // Every whole huge page of it (its start may lie in the heap's first, partial one).
        constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
        const auto at = reinterpret_cast<std::uintptr_t>(block);
        int pages = 0;
        for (std::uintptr_t page = (at + kHuge - 1) & ~(kHuge - 1); page + kHuge <= at + kBlock; page += kHuge) {
            INFO("VmFlags:" << vmFlagsAt(reinterpret_cast<const void*>(page)));
            CHECK(hugePagesAdvised(reinterpret_cast<const void*>(page)));
            ++pages;
        }
        CHECK(pages >= 7);
        const auto* bytes = static_cast<const unsigned char*>(block);
        CHECK(bytes[0] == 0x5a);
        CHECK(bytes[kBlock - 1] == 0x5a);
        std::free(block);
    }
    corridor::platform::releaseHeapReserve();
#endif
}

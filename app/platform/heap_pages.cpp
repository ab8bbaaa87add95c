#include "platform/heap_pages.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <sys/mman.h>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>

namespace corridor::platform {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kGlibcMalloc = false; // the sanitizers bring their own allocator: none of glibc's heaps to mark
#else
constexpr bool kGlibcMalloc = true;
#endif

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
// Room reserved at the top of the main heap: address space only, pages come as they are first written.
constexpr std::size_t kMainReserve = std::size_t{1} << 30;

// From the start of the first to the end of the last of the process's mappings (/proc/self/maps) that `wanted`
// accepts, given its start and its path ("" for anonymous memory, "[heap]" for the main heap: one mapping or more,
// in order); {0, 0} if none does.
template <typename Wanted>
std::pair<std::uintptr_t, std::uintptr_t> findMapping(Wanted wanted)
{
    std::FILE* maps = std::fopen("/proc/self/maps", "r");
    if (maps == nullptr) {
        return {0, 0};
    }
    std::pair<std::uintptr_t, std::uintptr_t> found{0, 0};
    char line[512];
    while (std::fgets(line, sizeof line, maps) != nullptr) {
        unsigned long from = 0;
        unsigned long to = 0;
        int pathAt = 0;
        // start-end perms offset dev inode [path]
        if (std::sscanf(line, "%lx-%lx %*s %*x %*s %*u %n", &from, &to, &pathAt) == 2 && pathAt > 0) {
            const std::string_view path(line + pathAt, std::strcspn(line + pathAt, "\n"));
            if (wanted(from, path)) {
                found = {found.second == 0 ? from : found.first, to};
            }
        }
    }
    std::fclose(maps);
    return found;
}

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 // Linux 6.1
#endif

// Marks the whole huge pages of [from, to) for huge pages. Those below `written` (the part already written, in
// 4 KB pages: once one small page of a 2 MB range is there, the rest of the range comes 4 KB at a time too) are
// collapsed into huge pages now: a copy of what is there, instead of hundreds of faults later. Without
// MADV_COLLAPSE (before Linux 6.1) they keep their small pages.
void hugePages(std::uintptr_t from, std::uintptr_t to, std::uintptr_t written)
{
    from = (from + kHugePage - 1) & ~(kHugePage - 1);
    to &= ~(kHugePage - 1);
    if (to <= from) {
        return;
    }
    madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE); // failing, it keeps its small pages
    const std::uintptr_t collapseTo = std::min(to, (written + kHugePage - 1) & ~(kHugePage - 1));
    if (collapseTo > from) {
        madvise(reinterpret_cast<void*>(from), collapseTo - from, MADV_COLLAPSE);
    }
}

void hugePagesForMainHeap()
{
    // A block bigger than the heap's free top makes malloc move the break by the block and M_TOP_PAD; freed, it
    // stays the heap's top (under M_TRIM_THRESHOLD), handed out again as the export allocates. When the break
    // cannot move, malloc maps the block instead and the heap stays as it was: marked all the same.
    mallopt(M_TOP_PAD, static_cast<int>(kMainReserve));
    void* volatile block = std::malloc(std::size_t{4} << 20); // volatile: a malloc freed unused is optimised away
    // What lies below the block was written (or may have been); the block's own header, and the free top's after it.
    const auto written = reinterpret_cast<std::uintptr_t>(block) + 64;
    std::free(block);
    mallopt(M_TOP_PAD, 64 << 20); // later growth (unmarked) in big steps too
    const auto [from, to] = findMapping([](std::uintptr_t, std::string_view path) { return path == "[heap]"; });
    if (written > from && written < to) { // else the block was mapped on its own
        hugePages(from, to, written);
    } else {
        hugePages(from, to, from);
    }
}

} // namespace

void oneHeap()
{
    if (kGlibcMalloc) {
        mallopt(M_ARENA_MAX, 1);
    }
}

void tuneHeap()
{
    if (!kGlibcMalloc) {
        return;
    }
    // glibc gives blocks over a threshold (which grows to 32 MB, its maximum, also the most mallopt takes) a
    // mapping of their own and trims its heap's free top past twice that: the bands, tiles and chunk arrays of an
    // export came and went at a page fault per 4 KB. 8K of GSHHG's Eurasia and Africa: 0.68 -> 0.65 s
    // (docs/benchmarks-mapnik.md). The trim threshold also keeps the room reserved below: it must lie above the
    // reserve, else the first big free hands all but M_TOP_PAD of it back, and the heap grows again through brk into
    // a mapping of its own, unmarked (until 2026-12-05 it was 1 GB, equal to the reserve: every export past the first
    // 64 MB of its main heap paid a fault per 4 KB).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
    hugePagesForMainHeap();
}

void releaseHeapReserve()
{
    if (kGlibcMalloc) {
        mallopt(M_TRIM_THRESHOLD, 64 << 20);
    }
}

} // namespace corridor::platform

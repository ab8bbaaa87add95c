// What writing fresh memory costs on this machine (docs/architecture.md, "Memory touched is time"): 256 MB of a new
// anonymous mapping written once a page at a time (the first touch: the kernel's fault, and on a virtual machine the
// host backing the page), then written again whole (memory bandwidth alone); with 4 KB pages and, given "huge",
// marked for transparent huge pages. Not part of the pass/fail suite.
// Usage: first_touch [huge]

#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>

int main(int argc, char** argv)
{
    using Clock = std::chrono::steady_clock;
    constexpr std::size_t kBytes = std::size_t{256} << 20;
    constexpr std::size_t kPage = 4096;
    const bool huge = argc > 1 && std::string_view(argv[1]) == "huge";
    void* map = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        std::perror("first_touch: mmap");
        return 1;
    }
    auto* bytes = static_cast<volatile char*>(map);
    if (huge) {
        madvise(map, kBytes, MADV_HUGEPAGE);
    }
    const auto start = Clock::now();
    for (std::size_t i = 0; i < kBytes; i += kPage) {
        bytes[i] = 1;
    }
    const auto touched = Clock::now();
    std::memset(map, 2, kBytes);
    const auto rewritten = Clock::now();
    const double firstMs = std::chrono::duration<double, std::milli>(touched - start).count();
    std::printf("%s pages: 256 MB first written in %.0f ms (%.2f us per 4 KB), written again in %.0f ms\n",
                huge ? "huge" : "4 KB", firstMs, firstMs * 1000.0 / static_cast<double>(kBytes / kPage),
                std::chrono::duration<double, std::milli>(rewritten - touched).count());
    munmap(map, kBytes);
    return 0;
}

#pragma once
// How the memory of a load comes from the kernel. An export, or the viewer's first frame, fills tens of MB of fresh
// memory (the points read, their projection, meshes, fields, the image) and each 4 KB page of it is a page fault:
// on a virtual machine (Firecracker: 8-12 us a fault) up to a third of an export's CPU time. Marked for transparent huge pages, malloc's
// heaps fault in 2 MB at a time. glibc does this itself with the tunable glibc.malloc.hugetlb=1, which only the
// environment can set, before the process starts; this does the same from inside, for the one heap every thread
// allocates from (oneHeap). It changes where memory comes from, never what is in it; under the sanitizers (their
// own allocators) it does nothing.

namespace corridor::platform {

// Every thread allocates from the main heap (glibc's M_ARENA_MAX 1), instead of each thread from a heap of its own:
// what one thread frees (the GL driver's compiling, a worker's temporary arrays) is what the next allocation on any
// thread reuses, where a heap per thread touched fresh pages for it. On this kind of virtual machine the first write
// to a page costs 5-10 us per 4 KB whatever its size (the host backs it then), so memory touched is time: the bundled
// map's 1080p export went from 250 to 215 MB resident. Call it first in main, before any other thread allocates
// (a thread keeps the heap of its first allocation). Does nothing under the sanitizers.
void oneHeap();

// Memory freed is kept for the next allocation rather than handed back to the kernel and faulted in afresh, and
// the main heap (1 GB of address space reserved at its top) is marked for huge pages (docs/architecture.md,
// "Memory"). Call it once, early, while no core::forEachParallel is under way: an export or export-deck for its
// whole run, the viewer while it loads and builds (then releaseHeapReserve).
void tuneHeap();

// From now on, free memory past 64 MB at the top of the main heap goes back to the kernel: a viewer that runs for
// hours, once its layers are built.
void releaseHeapReserve();

} // namespace corridor::platform

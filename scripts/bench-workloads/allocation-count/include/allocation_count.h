#ifndef FOLIO_ALLOCATION_COUNT_H
#define FOLIO_ALLOCATION_COUNT_H

// Counts the heap allocations of the whole process (every thread, the Swift runtime's included), for
// `EngineBench allocations`. Linking this target into an executable replaces malloc, calloc, realloc,
// posix_memalign, aligned_alloc and memalign with versions that add one to a counter and call glibc's own
// (__libc_malloc, …); free is glibc's. Only for the bench: a library must never interpose the allocator.

/// Allocation calls since the process started.
unsigned long folio_allocation_count(void);

/// Bytes asked for by those calls.
unsigned long folio_allocation_bytes(void);

/// The largest single allocation since the last call (0 if none), and starts a new window.
unsigned long folio_take_largest_allocation(void);

#endif

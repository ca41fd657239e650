#include "allocation_count.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

// glibc's allocator under its own names, which stay bound to glibc when malloc itself is replaced.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static atomic_ulong allocations, bytes, largest;

static void count_one(size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&bytes, size, memory_order_relaxed);
    unsigned long seen = atomic_load_explicit(&largest, memory_order_relaxed);
    while (size > seen && !atomic_compare_exchange_weak_explicit(&largest, &seen, size, memory_order_relaxed,
                                                                  memory_order_relaxed)) {
    }
}

unsigned long folio_allocation_count(void) { return atomic_load_explicit(&allocations, memory_order_relaxed); }

unsigned long folio_allocation_bytes(void) { return atomic_load_explicit(&bytes, memory_order_relaxed); }

unsigned long folio_take_largest_allocation(void) {
    return atomic_exchange_explicit(&largest, 0, memory_order_relaxed);
}

void *malloc(size_t size) {
    count_one(size);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_one(count * size);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_one(size);
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    count_one(size);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count_one(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    // POSIX: a power of two and a multiple of sizeof(void *), else EINVAL; ENOMEM when out of memory.
    if (alignment == 0 || alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_one(size);
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

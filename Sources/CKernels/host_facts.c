#define _GNU_SOURCE
#include "host_facts.h"
#if defined(__linux__)
#include <sched.h>
#endif
#include <unistd.h>

int folio_allowed_cpus(void) {
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
#endif
    return 0;
}

/// The bytes sysconf reports for `name`, or `fallback` where it reports nothing.
static long cache_bytes(int name, long fallback) {
    long bytes = sysconf(name);
    return bytes > 0 ? bytes : fallback;
}

long folio_l1d_cache_bytes(void) { return cache_bytes(_SC_LEVEL1_DCACHE_SIZE, 48 << 10); }
long folio_l2_cache_bytes(void) { return cache_bytes(_SC_LEVEL2_CACHE_SIZE, 1 << 20); }

#define _GNU_SOURCE
#include "host_facts.h"
#if defined(__linux__)
#include <sched.h>
#endif

int folio_allowed_cpus(void) {
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
#endif
    return 0;
}

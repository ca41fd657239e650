#ifndef FOLIO_HOST_FACTS_H
#define FOLIO_HOST_FACTS_H

/// How many CPUs this process may run on (its affinity mask: taskset, a container's cpuset), or 0
/// when the system cannot say. sched_getaffinity needs _GNU_SOURCE, which Swift's Glibc module lacks.
int folio_allowed_cpus(void);

#endif

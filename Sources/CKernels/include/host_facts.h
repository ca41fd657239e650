#ifndef FOLIO_HOST_FACTS_H
#define FOLIO_HOST_FACTS_H

/// How many CPUs this process may run on (its affinity mask: taskset, a container's cpuset), or 0
/// when the system cannot say. sched_getaffinity needs _GNU_SOURCE, which Swift's Glibc module lacks.
int folio_allowed_cpus(void);

/// One core's L1 data cache and L2 cache in bytes, as the system reports them (sysconf), or 48 KiB and
/// 1 MiB where it reports nothing. The GEMM's blocks and the convolution's image blocks follow them.
long folio_l1d_cache_bytes(void);
long folio_l2_cache_bytes(void);

#endif

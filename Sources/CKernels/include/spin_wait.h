#ifndef FOLIO_SPIN_WAIT_H
#define FOLIO_SPIN_WAIT_H
// The CPU's spin-wait hint, for the worker pool's short busy waits (Swift has no intrinsic for it):
// it lets the other hyper-thread run and saves power while a worker polls for the next job.
static inline void folio_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif

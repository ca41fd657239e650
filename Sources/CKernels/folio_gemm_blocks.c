// The SGEMM's cache blocks, chosen once per process from the cache sizes the CPU reports, so that one
// binary keeps its working sets where they belong on each machine: kc so that a B micro-panel and an A
// micro-panel share the L1d, mc so that the packed A block fills about a quarter of the L2 (240 rows at
// kc = 256 on a 1 MiB L2, the size measured best on Zen 5).

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"
#include "host_facts.h"

#include <stdatomic.h>

static long clamp(long value, long low, long high) { return value < low ? low : value > high ? high : value; }

struct gemm_blocks folio_gemm_blocks_for_caches(long l1d_bytes, long l2_bytes) {
    // A micro-panel of B and one of A in the L1d, leaving 4 KiB for C's tile and the stack; a multiple of 16.
    // The AVX2 tiles read a 16-column half of each 32-column B panel (one cache line per k step) at a time.
    long b_columns = folio_gemm_widest_isa() == 256 ? NR / 2 : NR;
    long kc = clamp((l1d_bytes - 4096) / ((b_columns + MR) * (long)sizeof(float)) / 16 * 16, 64, KC_MAX);
    // The 240×256 block that suits a 1 MiB L2, scaled by the L2's size and by how much shorter kc is.
    long mc = 240 * (l2_bytes / 1024) / 1024 * KC_MAX / kc;
    return (struct gemm_blocks){ kc, clamp(mc / MR * MR, 4 * MR, MC_MAX) };
}

static _Atomic long chosen_kc = 0, chosen_mc = 0;

struct gemm_blocks folio_gemm_blocks(void) {
    long kc = atomic_load_explicit(&chosen_kc, memory_order_relaxed);
    long mc = atomic_load_explicit(&chosen_mc, memory_order_relaxed);
    if (kc == 0 || mc == 0) {  // racing threads compute the same sizes
        struct gemm_blocks b = folio_gemm_blocks_for_caches(folio_l1d_cache_bytes(), folio_l2_cache_bytes());
        folio_gemm_set_blocks(b.kc, b.mc);
        return b;
    }
    return (struct gemm_blocks){ kc, mc };
}

void folio_gemm_block_sizes(long *kc, long *mc) {
    struct gemm_blocks b = folio_gemm_blocks();
    *kc = b.kc;
    *mc = b.mc;
}

void folio_gemm_set_blocks(long kc, long mc) {
    atomic_store_explicit(&chosen_kc, clamp(kc / 16 * 16, 16, KC_MAX), memory_order_relaxed);
    atomic_store_explicit(&chosen_mc, clamp(mc / MR * MR, MR, MC_MAX), memory_order_relaxed);
}

#else

void folio_gemm_block_sizes(long *kc, long *mc) { *kc = 0; *mc = 0; }
void folio_gemm_set_blocks(long kc, long mc) { (void)kc; (void)mc; }

#endif

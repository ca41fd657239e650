// Which kernel set runs the SGEMM: AVX-512 where the CPU and OS support it, AVX2 with FMA otherwise, and none
// (the caller uses OpenBLAS) on older CPUs. Chosen once per process from CPUID and XGETBV, never from a model
// name; each internal operation below forwards to the chosen set.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

#include <cpuid.h>
#include <stdatomic.h>

static unsigned long long read_xcr0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

/// 512, 256 or 0: the widest kernel set this CPU and OS can run.
static int detect_isa(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27;
    if ((c & fma) == 0 || (c & osxsave) == 0) return 0;
    unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & 0x6) != 0x6) return 0;  // the OS saves XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const unsigned int avx2 = 1u << 5, avx512f = 1u << 16;
    // AVX-512 also needs the OS to save the opmask and both halves of the upper ZMM state.
    if ((b & avx512f) && (xcr0 & 0xE6) == 0xE6) return 512;
    return (b & avx2) ? 256 : 0;
}

static _Atomic int chosen = -1;  // -1: not yet known; racing threads compute the same answer

int folio_gemm_widest_isa(void) {
    static _Atomic int cached = -1;
    int isa = atomic_load_explicit(&cached, memory_order_relaxed);
    if (isa < 0) {
        isa = detect_isa();
        atomic_store_explicit(&cached, isa, memory_order_relaxed);
    }
    return isa;
}

int folio_gemm_isa(void) {
    int isa = atomic_load_explicit(&chosen, memory_order_relaxed);
    if (isa < 0) {
        isa = folio_gemm_widest_isa();
        atomic_store_explicit(&chosen, isa, memory_order_relaxed);
    }
    return isa;
}

int folio_gemm_select_isa(int bits) {
    if ((bits == 512 || bits == 256) && bits <= folio_gemm_widest_isa()) {
        atomic_store_explicit(&chosen, bits, memory_order_relaxed);
    }
    return folio_gemm_isa();
}

int folio_gemm_available(void) { return folio_gemm_isa() != 0; }

// MARK: - Dispatch

static int wide(void) { return folio_gemm_isa() == 512; }

void folio_gemm_pack_a(int transA, long mc, long kc, const float *a, long lda, float *dst) {
    if (wide()) folio_gemm_pack_a_avx512(transA, mc, kc, a, lda, dst);
    else folio_gemm_pack_a_avx2(transA, mc, kc, a, lda, dst);
}

void folio_gemm_pack_b(int transB, long kc, long nc, const float *b, long ldb, float *dst) {
    if (wide()) folio_gemm_pack_b_avx512(transB, kc, nc, b, ldb, dst);
    else folio_gemm_pack_b_avx2(transB, kc, nc, b, ldb, dst);
}

void folio_gemm_macro(long mc, long nc, long kc, float alpha, struct a_view a, struct packed_b bp,
                      const struct unpacked_b *pending, float beta, float *c, long ldc,
                      const struct gemm_epilogue *epilogue) {
    if (wide()) folio_gemm_macro_avx512(mc, nc, kc, alpha, a, bp, pending, beta, c, ldc, epilogue);
    else folio_gemm_macro_avx2(mc, nc, kc, alpha, a, bp, pending, beta, c, ldc, epilogue);
}

void folio_gemm_walk_tile(int rows_contiguous, long mr, long width, long kc, const float *a, long stride,
                          const struct k_walk *walk, const float *b, float beta, float *c, long ldc) {
    if (wide()) folio_gemm_walk_tile_avx512(rows_contiguous, mr, width, kc, a, stride, walk, b, beta, c, ldc);
    else folio_gemm_walk_tile_avx2(rows_contiguous, mr, width, kc, a, stride, walk, b, beta, c, ldc);
}

void folio_gemv_rows(long rows, long k, float alpha, const float *m, long ld, const float *x, float beta, float *y,
                     long incy) {
    if (wide()) folio_gemv_rows_avx512(rows, k, alpha, m, ld, x, beta, y, incy);
    else folio_gemv_rows_avx2(rows, k, alpha, m, ld, x, beta, y, incy);
}

void folio_gemv_columns(long rows, long k, float alpha, const float *m, long ld, const float *x, long incx,
                        float beta, float *y, long incy) {
    if (wide()) folio_gemv_columns_avx512(rows, k, alpha, m, ld, x, incx, beta, y, incy);
    else folio_gemv_columns_avx2(rows, k, alpha, m, ld, x, incx, beta, y, incy);
}

#else

int folio_gemm_isa(void) { return 0; }
int folio_gemm_widest_isa(void) { return 0; }
int folio_gemm_select_isa(int bits) { (void)bits; return 0; }
int folio_gemm_available(void) { return 0; }

#endif

// Goto/BLIS-style SGEMM: 12×32 tiles of two zmm columns and 24 accumulators with AVX-512 (folio_gemm_kernel.c),
// 6×16 tiles of two ymm columns and 12 accumulators with AVX2 (folio_gemm_kernel_avx2.c), over the same blocks.
// Loop nest: jc (NC columns) → pc (kc of k) → ic (mc rows; pack A) → jr (B panel) → ir (micro-tile).
// op(B) goes into NR-column panels: transposed B is packed up front, row-major B by the first micro-tile of
// each panel while it multiplies. op(A) goes into MR-row panels, except in products at most 128 columns
// wide, where each A element feeds so few tiles that the kernels read A in place.
// A B micro-panel (kc×32 floats) stays in L1 while the A block streams past it from L2.
// Products with m == 1 or n == 1 are matrix-vector products and go to folio_gemm_gemv.c instead.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"
#include "row_broadcast.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// MARK: - Per-thread packing scratch

enum { SCRATCH_FLOATS = MC_MAX * KC_MAX + KC_MAX * NC };

static _Thread_local float *thread_scratch;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void make_scratch_key(void) {
    // The key's destructor frees a thread's buffer when that thread exits.
    if (pthread_key_create(&scratch_key, free) != 0) abort();
}

/// This thread's 64-byte-aligned buffer: MC_MAX×KC_MAX floats for packed A, then KC_MAX×NC for packed B
/// (or, for a matrix-vector product, a gathered strided vector).
float *folio_gemm_scratch(void) {
    if (thread_scratch == NULL) {
        pthread_once(&scratch_once, make_scratch_key);
        void *p = NULL;
        // A 2.6 MB allocation failing leaves no sensible way to report it through a void BLAS-style API.
        if (posix_memalign(&p, 64, SCRATCH_FLOATS * sizeof(float)) != 0) abort();
        pthread_setspecific(scratch_key, p);
        thread_scratch = (float *)p;
    }
    return thread_scratch;
}

// MARK: - Drivers

/// C = beta·C, with beta == 0 writing zeros over whatever C held.
static void scale_c(long m, long n, float beta, float *c, long ldc) {
    for (long i = 0; i < m; i++) {
        float *row = c + i * ldc;
        if (beta == 0) {
            memset(row, 0, (size_t)n * sizeof(float));
        } else if (beta != 1) {
            for (long j = 0; j < n; j++) row[j] *= beta;
        }
    }
}

/// Packing A pays for itself only when each A element feeds many micro-tiles, i.e. across many B panels.
/// Up to 4 panels (128 columns) reading A in place measured faster on Zen 5, in both layouts. The AVX2 tiles
/// read A twice as often (16 columns each) from 6 rows at once in a 32 KiB L1d, and on Zen 3 packing from 3
/// panels on was faster: the LSTM's epoch in 6 of 6 interleaved pairs (median 9.6 → 8.1 s), the
/// Transformer's in 7 of 9.
enum { IN_PLACE_A_MAX_N = 4 * NR, IN_PLACE_A_MAX_N_AVX2 = 2 * NR };

static int reads_a_in_place(long nc) {
    return nc <= (folio_gemm_isa() == 256 ? IN_PLACE_A_MAX_N_AVX2 : IN_PLACE_A_MAX_N);
}

/// Multiplies all m rows of op(A)[:, pc:pc+kc] by a kc×nc block of B into C[:, 0:nc]. B is packed as `bp`
/// describes, or, with `pending` set, gets packed there by the first row of micro-tiles.
static void multiply_rows(int transA, long m, long nc, long kc, long pc, float alpha, const float *a, long lda,
                          struct packed_b bp, const struct unpacked_b *pending, float beta, float *c, long ldc,
                          float *apack, const struct gemm_epilogue *epilogue) {
    long mc_step = balanced_block(m, folio_gemm_blocks().mc);
    mc_step = (mc_step + MR - 1) / MR * MR;
    for (long ic = 0; ic < m; ic += mc_step) {
        long mc = m - ic < mc_step ? m - ic : mc_step;
        const float *ablock = transA ? a + pc * lda + ic : a + ic * lda + pc;
        struct a_view view = { ablock, lda, transA ? A_COLUMNS : A_ROWS };
        if (!reads_a_in_place(nc)) {
            folio_gemm_pack_a(transA, mc, kc, ablock, lda, apack);
            view = (struct a_view){ apack, 0, A_PACKED };
        }
        folio_gemm_macro(mc, nc, kc, alpha, view, bp, ic == 0 ? pending : NULL, beta, c + ic * ldc, ldc, epilogue);
    }
}

/// folio_gemv_rows for an x of any stride: a strided x is gathered into the scratch buffer, a chunk at a time.
static void gemv_rows_any_x(long rows, long k, float alpha, const float *m, long ld, const float *x, long incx,
                            float beta, float *y, long incy) {
    if (incx == 1) {
        folio_gemv_rows(rows, k, alpha, m, ld, x, beta, y, incy);
        return;
    }
    float *packed_x = folio_gemm_scratch();
    for (long p0 = 0; p0 < k; p0 += SCRATCH_FLOATS) {
        long len = k - p0 < SCRATCH_FLOATS ? k - p0 : SCRATCH_FLOATS;
        for (long p = 0; p < len; p++) packed_x[p] = x[(p0 + p) * incx];
        folio_gemv_rows(rows, len, alpha, m + p0, ld, packed_x, p0 == 0 ? beta : 1, y, incy);
    }
}

/// C[:, 0] = alpha·op(A)·x + beta·C[:, 0], the n == 1 case, with x = op(B)[:, 0] at stride incx.
static void gemv_column_of_c(int transA, long m, long k, float alpha, const float *a, long lda, const float *x,
                             long incx, float beta, float *c, long ldc) {
    if (transA) {
        folio_gemv_columns(m, k, alpha, a, lda, x, incx, beta, c, ldc);
    } else {
        gemv_rows_any_x(m, k, alpha, a, lda, x, incx, beta, c, ldc);
    }
}

/// C[0, :] = alpha·op(B)ᵀ·x + beta·C[0, :], the m == 1 case, with x = op(A)[0, :] at stride incx.
static void gemv_row_of_c(int transB, long n, long k, float alpha, const float *b, long ldb, const float *x,
                          long incx, float beta, float *c) {
    if (transB) {
        gemv_rows_any_x(n, k, alpha, b, ldb, x, incx, beta, c, 1);
    } else {
        folio_gemv_columns(n, k, alpha, b, ldb, x, incx, beta, c, 1);
    }
}

/// The epilogue for products that do not run through the tiles (matrix-vector products, k == 0), row by row
/// with the layers' own bias-and-relu kernel: C[i, j] += bias[j], then `v < 0 ? 0 : v`, as store_tile does.
static void apply_epilogue(long m, long n, float *c, long ldc, const struct gemm_epilogue *epilogue) {
    if (epilogue == NULL) return;
    for (long i = 0; i < m; i++) {
        float *row = c + i * ldc;
        if (epilogue->bias) {
            folio_add_row_vector(1, n, epilogue->bias, row, epilogue->relu);
        } else if (epilogue->relu) {
            for (long j = 0; j < n; j++) row[j] = row[j] < 0 ? 0 : row[j];
        }
    }
}

/// folio_sgemm, then the epilogue (NULL: none), applied by the tiles of the last k block as they store C. With
/// `sums_of_b` (row-major B only), B's column sums are added to it by the tiles that pack B.
static void sgemm(int transA, int transB, long m, long n, long k, float alpha, const float *a, long lda,
                  const float *b, long ldb, float beta, float *c, long ldc, const struct gemm_epilogue *epilogue,
                  float *sums_of_b) {
    if (n > 0 && sums_of_b && (m <= 0 || k <= 0 || alpha == 0 || n == 1 || m == 1)) {
        folio_add_column_sums(k, n, ldb, b, sums_of_b);  // B is not packed by tiles here
        sums_of_b = NULL;
    }
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        apply_epilogue(m, n, c, ldc, epilogue);
        return;
    }
    if (n == 1) {
        gemv_column_of_c(transA, m, k, alpha, a, lda, b, transB ? 1 : ldb, beta, c, ldc);
        apply_epilogue(m, n, c, ldc, epilogue);
        return;
    }
    if (m == 1) {
        gemv_row_of_c(transB, n, k, alpha, b, ldb, a, transA ? lda : 1, beta, c);
        apply_epilogue(m, n, c, ldc, epilogue);
        return;
    }
    float *apack = folio_gemm_scratch();
    float *bpack = apack + MC_MAX * KC_MAX;
    long kc_step = balanced_block(k, folio_gemm_blocks().kc);
    for (long jc = 0; jc < n; jc += NC) {
        long nc = n - jc < NC ? n - jc : NC;
        for (long pc = 0; pc < k; pc += kc_step) {
            long kc = k - pc < kc_step ? k - pc : kc_step;
            struct packed_b bp = { bpack, NR * kc, 0 };
            // Row-major B is packed inside the first micro-tile of each panel, overlapping the copy with
            // FMAs; transposed B needs 16×16 transposes first.
            if (transB) folio_gemm_pack_b(transB, kc, nc, b + jc * ldb + pc, ldb, bpack);
            struct unpacked_b pending = { b + pc * ldb + jc, ldb, bpack, sums_of_b ? sums_of_b + jc : NULL };
            // Later k-blocks accumulate onto what the first one stored.
            // The epilogue goes with the last k block, onto the finished sum: the same bits as a pass after.
            struct gemm_epilogue last = { NULL, 0 };
            if (epilogue) last = (struct gemm_epilogue){ epilogue->bias ? epilogue->bias + jc : NULL, epilogue->relu };
            multiply_rows(transA, m, nc, kc, pc, alpha, a, lda, bp, transB ? NULL : &pending,
                          pc == 0 ? beta : 1, c + jc, ldc, apack, epilogue && pc + kc >= k ? &last : NULL);
        }
    }
}

void folio_sgemm(int transA, int transB, long m, long n, long k, float alpha,
                 const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) {
    sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, NULL, NULL);
}

void folio_sgemm_summing_b(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                           const float *b, long ldb, float beta, float *c, long ldc, float *sums) {
    sgemm(transA, 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, NULL, sums);
}

void folio_sgemm_bias(int transA, int transB, long m, long n, long k, const float *a, long lda,
                      const float *b, long ldb, float *c, long ldc, const float *bias, int relu) {
    struct gemm_epilogue epilogue = { bias, relu != 0 };
    sgemm(transA, transB, m, n, k, 1, a, lda, b, ldb, 0, c, ldc, bias || relu ? &epilogue : NULL, NULL);
}

long folio_sgemm_packed_b_size(long k, long n) {
    long full = n / NR, rest = n % NR;
    long width = full * NR + (rest == 0 ? 0 : rest <= 16 ? 16 : NR);
    return k * width;
}

void folio_sgemm_pack_b(int transB, long k, long n, const float *b, long ldb, float *packed) {
    if (k <= 0 || n <= 0) return;
    folio_gemm_pack_b(transB, k, n, b, ldb, packed);
}

void folio_sgemm_with_packed_b(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                               const float *packed, float beta, float *c, long ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    if (n == 1) {
        // The single packed panel is 16 floats wide.
        gemv_column_of_c(transA, m, k, alpha, a, lda, packed, 16, beta, c, ldc);
        return;
    }
    float *apack = folio_gemm_scratch();
    long kc_step = balanced_block(k, folio_gemm_blocks().kc);
    for (long jc = 0; jc < n; jc += NC) {
        long nc = n - jc < NC ? n - jc : NC;
        for (long pc = 0; pc < k; pc += kc_step) {
            long kc = k - pc < kc_step ? k - pc : kc_step;
            // Panels of the whole k×n packing are NR·k floats apart; block pc starts pc rows into each.
            struct packed_b bp = { packed + jc * k, NR * k, pc };
            multiply_rows(transA, m, nc, kc, pc, alpha, a, lda, bp, NULL, pc == 0 ? beta : 1, c + jc, ldc, apack,
                          NULL);
        }
    }
}

#else

void folio_sgemm(int transA, int transB, long m, long n, long k, float alpha,
                 const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) {
    (void)transA; (void)transB; (void)m; (void)n; (void)k; (void)alpha;
    (void)a; (void)lda; (void)b; (void)ldb; (void)beta; (void)c; (void)ldc;
}

void folio_sgemm_bias(int transA, int transB, long m, long n, long k, const float *a, long lda,
                      const float *b, long ldb, float *c, long ldc, const float *bias, int relu) {
    (void)transA; (void)transB; (void)m; (void)n; (void)k; (void)a; (void)lda; (void)b; (void)ldb;
    (void)c; (void)ldc; (void)bias; (void)relu;
}

void folio_sgemm_summing_b(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                           const float *b, long ldb, float beta, float *c, long ldc, float *sums) {
    (void)transA; (void)m; (void)n; (void)k; (void)alpha; (void)a; (void)lda; (void)b; (void)ldb; (void)beta;
    (void)c; (void)ldc; (void)sums;
}

long folio_sgemm_packed_b_size(long k, long n) { (void)k; (void)n; return 0; }

void folio_sgemm_pack_b(int transB, long k, long n, const float *b, long ldb, float *packed) {
    (void)transB; (void)k; (void)n; (void)b; (void)ldb; (void)packed;
}

void folio_sgemm_with_packed_b(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                               const float *packed, float beta, float *c, long ldc) {
    (void)transA; (void)m; (void)n; (void)k; (void)alpha; (void)a; (void)lda;
    (void)packed; (void)beta; (void)c; (void)ldc;
}

#endif

// Matrix-vector products, for GEMMs with m == 1 or n == 1, where 12×32 tiles do badly: with n == 1 they leave
// 15 of 16 lanes idle, with m == 1 only two FMA chains are in flight. AVX-512 versions, then AVX2 ones.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

enum { DOT_ROWS = 4, AXPY_VECTORS = 8 };

/// alpha·dot + beta·y, not reading y when beta == 0.
static inline float scaled(float alpha, float dot, float beta, const float *y) {
    return beta == 0 ? alpha * dot : alpha * dot + beta * *y;
}

/// Dot products of `rows` (≤ DOT_ROWS, a compile-time constant) matrix rows with x. Two accumulators per row,
/// so that four rows keep 8 FMA chains in flight.
FOLIO_AVX512_INLINE void dot_rows(int rows, long k, const float *m, long ld, const float *x, float *out) {
    __m512 acc[DOT_ROWS][2];
    for (int r = 0; r < rows; r++) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    long p = 0;
    for (; p + 32 <= k; p += 32) {
        __m512 x0 = _mm512_loadu_ps(x + p), x1 = _mm512_loadu_ps(x + p + 16);
        for (int r = 0; r < rows; r++) {
            acc[r][0] = _mm512_fmadd_ps(_mm512_loadu_ps(m + r * ld + p), x0, acc[r][0]);
            acc[r][1] = _mm512_fmadd_ps(_mm512_loadu_ps(m + r * ld + p + 16), x1, acc[r][1]);
        }
    }
    for (; p < k; p += 16) {
        __mmask16 lanes = low_lanes(k - p);
        __m512 x0 = _mm512_maskz_loadu_ps(lanes, x + p);
        for (int r = 0; r < rows; r++) {
            acc[r][0] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(lanes, m + r * ld + p), x0, acc[r][0]);
        }
    }
    for (int r = 0; r < rows; r++) out[r] = _mm512_reduce_add_ps(_mm512_add_ps(acc[r][0], acc[r][1]));
}

/// The body of folio_gemv_rows_*: y[i·incy] = alpha·(M's row i)·x + beta·y[i·incy], DOT_ROWS rows at a time
/// through `dot` (dot_rows or dot_rows_8: a macro, so that each set inlines its own with a constant row count).
#define GEMV_ROWS(dot)                                                                                          \
    do {                                                                                                        \
        float dots[DOT_ROWS];                                                                                   \
        long i = 0;                                                                                             \
        for (; i + DOT_ROWS <= rows; i += DOT_ROWS) {                                                           \
            dot(DOT_ROWS, k, m + i * ld, ld, x, dots);                                                          \
            for (int r = 0; r < DOT_ROWS; r++) y[(i + r) * incy] = scaled(alpha, dots[r], beta, y + (i + r) * incy); \
        }                                                                                                       \
        for (; i < rows; i++) {                                                                                 \
            dot(1, k, m + i * ld, ld, x, dots);                                                                 \
            y[i * incy] = scaled(alpha, dots[0], beta, y + i * incy);                                           \
        }                                                                                                       \
    } while (0)

FOLIO_AVX512 void folio_gemv_rows_avx512(long rows, long k, float alpha, const float *m, long ld, const float *x,
                                         float beta, float *y, long incy) {
    GEMV_ROWS(dot_rows);
}

FOLIO_AVX512 void folio_gemv_columns_avx512(long rows, long k, float alpha, const float *m, long ld,
                                            const float *x, long incx, float beta, float *y, long incy) {
    // Blocks of 128 outputs: 8 zmm accumulators, each fed by one FMA per k step (M is read a row at a time).
    enum { BLOCK = 16 * AXPY_VECTORS };
    for (long i = 0; i < rows; i += BLOCK) {
        __mmask16 lanes[AXPY_VECTORS];
        __m512 acc[AXPY_VECTORS];
        for (int v = 0; v < AXPY_VECTORS; v++) {
            lanes[v] = low_lanes(rows - i - 16 * v);
            acc[v] = _mm512_setzero_ps();
        }
        for (long p = 0; p < k; p++) {
            __m512 xp = _mm512_set1_ps(x[p * incx]);
            const float *row = m + p * ld + i;
            for (int v = 0; v < AXPY_VECTORS; v++) {
                acc[v] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(lanes[v], row + 16 * v), xp, acc[v]);
            }
        }
        float sums[BLOCK];
        for (int v = 0; v < AXPY_VECTORS; v++) _mm512_storeu_ps(sums + 16 * v, acc[v]);
        long width = rows - i < BLOCK ? rows - i : BLOCK;
        for (long r = 0; r < width; r++) y[(i + r) * incy] = scaled(alpha, sums[r], beta, y + (i + r) * incy);
    }
}

// MARK: - AVX2

/// The sum of v's 8 lanes: halves, then pairs, always in the same order.
FOLIO_AVX2_INLINE float sum8(__m256 v) {
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    h = _mm_add_ps(h, _mm_movehl_ps(h, h));
    return _mm_cvtss_f32(_mm_add_ss(h, _mm_movehdup_ps(h)));
}

/// dot_rows in ymm vectors.
FOLIO_AVX2_INLINE void dot_rows_8(int rows, long k, const float *m, long ld, const float *x, float *out) {
    __m256 acc[DOT_ROWS][2];
    for (int r = 0; r < rows; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
    long p = 0;
    for (; p + 16 <= k; p += 16) {
        __m256 x0 = _mm256_loadu_ps(x + p), x1 = _mm256_loadu_ps(x + p + 8);
        for (int r = 0; r < rows; r++) {
            acc[r][0] = _mm256_fmadd_ps(_mm256_loadu_ps(m + r * ld + p), x0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_ps(_mm256_loadu_ps(m + r * ld + p + 8), x1, acc[r][1]);
        }
    }
    for (; p < k; p += 8) {
        __m256i lanes = lanes_below(k - p);
        __m256 x0 = _mm256_maskload_ps(x + p, lanes);
        for (int r = 0; r < rows; r++) {
            acc[r][0] = _mm256_fmadd_ps(_mm256_maskload_ps(m + r * ld + p, lanes), x0, acc[r][0]);
        }
    }
    for (int r = 0; r < rows; r++) out[r] = sum8(_mm256_add_ps(acc[r][0], acc[r][1]));
}

FOLIO_AVX2 void folio_gemv_rows_avx2(long rows, long k, float alpha, const float *m, long ld, const float *x,
                                     float beta, float *y, long incy) {
    GEMV_ROWS(dot_rows_8);
}

/// acc[v] += Σp M[p·ld + 8v…]·x[p·incx] for one block of 64 columns; `masked` (compile-time) for a ragged one.
FOLIO_AVX2_INLINE void axpy_block(int masked, long k, const float *m, long ld, const float *x, long incx,
                                  const __m256i lanes[], __m256 acc[]) {
    for (long p = 0; p < k; p++) {
        __m256 xp = _mm256_set1_ps(x[p * incx]);
        const float *row = m + p * ld;
        for (int v = 0; v < AXPY_VECTORS; v++) {
            __m256 mp = masked ? _mm256_maskload_ps(row + 8 * v, lanes[v]) : _mm256_loadu_ps(row + 8 * v);
            acc[v] = _mm256_fmadd_ps(mp, xp, acc[v]);
        }
    }
}

FOLIO_AVX2 void folio_gemv_columns_avx2(long rows, long k, float alpha, const float *m, long ld, const float *x,
                                        long incx, float beta, float *y, long incy) {
    // Blocks of 64 outputs: 8 ymm accumulators, each fed by one FMA per k step (M is read a row at a time).
    enum { BLOCK = 8 * AXPY_VECTORS };
    for (long i = 0; i < rows; i += BLOCK) {
        __m256i lanes[AXPY_VECTORS];
        __m256 acc[AXPY_VECTORS];
        for (int v = 0; v < AXPY_VECTORS; v++) {
            lanes[v] = lanes_below(rows - i - 8 * v);
            acc[v] = _mm256_setzero_ps();
        }
        long width = rows - i < BLOCK ? rows - i : BLOCK;
        if (width == BLOCK) axpy_block(0, k, m + i, ld, x, incx, lanes, acc);
        else axpy_block(1, k, m + i, ld, x, incx, lanes, acc);
        float sums[BLOCK];
        for (int v = 0; v < AXPY_VECTORS; v++) _mm256_storeu_ps(sums + 8 * v, acc[v]);
        for (long r = 0; r < width; r++) y[(i + r) * incy] = scaled(alpha, sums[r], beta, y + (i + r) * incy);
    }
}

#endif

// Packing op(A) and op(B) for the AVX2 kernels (see folio_gemm_internal.h): A into panels of the tile's 6 rows,
// B into 32-column panels stored as two 16-column halves one after the other, so that a tile's k steps read
// consecutive cache lines. Layouts that need a transpose go through 8×8 transposes.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

/// Transposes 8 row vectors in place: unpack pairs of rows, then pairs of pairs, then swap 128-bit halves.
FOLIO_AVX2_INLINE void transpose8(__m256 r[8]) {
    __m256 t[8], s[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    // s[4g + q] holds column q (low half) and column q + 4 (high half) of rows 4g…4g+3.
    for (int g = 0; g < 2; g++) {
        s[4 * g + 0] = _mm256_shuffle_ps(t[4 * g], t[4 * g + 2], 0x44);
        s[4 * g + 1] = _mm256_shuffle_ps(t[4 * g], t[4 * g + 2], 0xEE);
        s[4 * g + 2] = _mm256_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0x44);
        s[4 * g + 3] = _mm256_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0xEE);
    }
    for (int q = 0; q < 4; q++) {
        r[q] = _mm256_permute2f128_ps(s[q], s[4 + q], 0x20);
        r[4 + q] = _mm256_permute2f128_ps(s[q], s[4 + q], 0x31);
    }
}

/// Stores the low n (≤ 8) lanes of v at dst.
FOLIO_AVX2_INLINE void store_lanes(float *dst, __m256 v, long n) {
    if (n >= 8) {
        _mm256_storeu_ps(dst, v);
    } else if (n == 6) {  // a whole A panel
        _mm_storeu_ps(dst, _mm256_castps256_ps128(v));
        _mm_storel_pi((__m64 *)(dst + 4), _mm256_extractf128_ps(v, 1));
    } else {
        float lanes[8];
        _mm256_storeu_ps(lanes, v);
        for (long i = 0; i < n; i++) dst[i] = lanes[i];
    }
}

/// Writes the transpose of a rows×cols block (both ≤ 8; src row stride ld): block column q goes to
/// dst + q·dst_stride, its low `store` lanes. Lanes at or past `rows` are zero.
FOLIO_AVX2_INLINE void transpose_block(long rows, long cols, const float *src, long ld, float *dst, long dst_stride,
                                       long store) {
    __m256 r[8];
    __m256i load = lanes_below(cols);
    for (int t = 0; t < 8; t++) r[t] = t < rows ? _mm256_maskload_ps(src + t * ld, load) : _mm256_setzero_ps();
    transpose8(r);
    for (int q = 0; q < 8 && q < cols; q++) store_lanes(dst + q * dst_stride, r[q], store);
}

enum { H = AVX2_ROWS };

/// Stored-transposed A (k×m): each k step's rows of a panel are contiguous, a strided copy, 16 source rows at a
/// time across all panels (see folio_gemm_pack.c for why).
FOLIO_AVX2 static void pack_a_transposed(long mc, long kc, const float *a, long lda, float *dst) {
    for (long p0 = 0; p0 < kc; p0 += 16) {
        long p1 = kc - p0 < 16 ? kc : p0 + 16;
        for (long i = 0; i < mc; i += H) {
            long rows = mc - i < H ? mc - i : H;
            float *panel = dst + i * kc;
            for (long p = p0; p < p1; p++) {
                for (long r = 0; r < rows; r++) panel[p * rows + r] = a[p * lda + i + r];
            }
        }
    }
}

/// Row-major A through 8×8 transposes of each panel's rows, 8 k steps at a time.
FOLIO_AVX2 static void pack_a_rows(long mc, long kc, const float *a, long lda, float *dst) {
    for (long i = 0; i < mc; i += H) {
        long rows = mc - i < H ? mc - i : H;
        float *panel = dst + i * kc;
        for (long p = 0; p < kc; p += 8) {
            for (long r = i + H; r < i + 2 * H && r < mc; r++) {  // the next panel's rows (see folio_gemm_pack.c)
                _mm_prefetch((const char *)(a + r * lda + p), _MM_HINT_T0);
            }
            transpose_block(rows, kc - p, a + i * lda + p, lda, panel + p * rows, rows, rows);
        }
    }
}

FOLIO_AVX2 void folio_gemm_pack_a_avx2(int transA, long mc, long kc, const float *a, long lda, float *dst) {
    if (transA) {
        pack_a_transposed(mc, kc, a, lda, dst);
    } else {
        pack_a_rows(mc, kc, a, lda, dst);
    }
}

/// Row-major B, a 16-column half panel at a time; lanes past nc are written as zeros.
FOLIO_AVX2 static void pack_b_rows(long kc, long nc, const float *b, long ldb, float *dst) {
    for (long j = 0; j < nc; j += AVX2_COLUMNS) {
        __m256i mask0 = lanes_below(nc - j), mask1 = lanes_below(nc - j - 8);
        float *half = dst + j * kc;
        for (long p = 0; p < kc; p++) {
            _mm256_storeu_ps(half + p * AVX2_COLUMNS, _mm256_maskload_ps(b + p * ldb + j, mask0));
            _mm256_storeu_ps(half + p * AVX2_COLUMNS + 8, _mm256_maskload_ps(b + p * ldb + j + 8, mask1));
        }
    }
}

/// Stored-transposed B (n×k) through 8×8 transposes; rows past nc load as zeros, which fills the padding lanes.
FOLIO_AVX2 static void pack_b_transposed(long kc, long nc, const float *b, long ldb, float *dst) {
    for (long j = 0; j < nc; j += AVX2_COLUMNS) {
        float *half = dst + j * kc;
        for (long g = 0; g < AVX2_COLUMNS; g += 8) {
            for (long p = 0; p < kc; p += 8) {
                transpose_block(nc - j - g, kc - p, b + (j + g) * ldb + p, ldb, half + p * AVX2_COLUMNS + g,
                                AVX2_COLUMNS, 8);
            }
        }
    }
}

FOLIO_AVX2 void folio_gemm_pack_b_avx2(int transB, long kc, long nc, const float *b, long ldb, float *dst) {
    if (transB) {
        pack_b_transposed(kc, nc, b, ldb, dst);
    } else {
        pack_b_rows(kc, nc, b, ldb, dst);
    }
}

#endif

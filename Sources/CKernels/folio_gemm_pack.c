// Packing op(A) and op(B) into the panel layouts the micro-kernels read (see folio_gemm_internal.h).
// Layouts that need a transpose (row-major A, transposed B) go through 16×16 in-register transposes.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

/// Transposes 16 row vectors in place: unpack pairs of rows, then pairs of pairs, then move 128-bit lanes.
FOLIO_AVX512_INLINE void transpose16(__m512 r[16]) {
    __m512 t[16];
    for (int i = 0; i < 16; i += 2) {
        t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
    }
    // Within each 128-bit lane l, u[4g + q] now holds column 4l + q of rows 4g…4g+3.
    __m512 u[16];
    for (int g = 0; g < 4; g++) {
        __m512d lo = _mm512_castps_pd(t[4 * g]), hi = _mm512_castps_pd(t[4 * g + 1]);
        __m512d lo2 = _mm512_castps_pd(t[4 * g + 2]), hi2 = _mm512_castps_pd(t[4 * g + 3]);
        u[4 * g + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(lo, lo2));
        u[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(lo, lo2));
        u[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(hi, hi2));
        u[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(hi, hi2));
    }
    for (int q = 0; q < 4; q++) {
        __m512 even01 = _mm512_shuffle_f32x4(u[q], u[4 + q], 0x88), odd01 = _mm512_shuffle_f32x4(u[q], u[4 + q], 0xDD);
        __m512 even23 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0x88);
        __m512 odd23 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0xDD);
        r[q] = _mm512_shuffle_f32x4(even01, even23, 0x88);
        r[8 + q] = _mm512_shuffle_f32x4(even01, even23, 0xDD);
        r[4 + q] = _mm512_shuffle_f32x4(odd01, odd23, 0x88);
        r[12 + q] = _mm512_shuffle_f32x4(odd01, odd23, 0xDD);
    }
}

/// Writes the transpose of a rows×cols block (both ≤ 16; src row stride ld): block column q goes to
/// dst + q·dst_stride, in the lanes of `store`. Lanes at or past `rows` are zero.
FOLIO_AVX512_INLINE void transpose_block(long rows, long cols, const float *src, long ld, float *dst, long dst_stride,
                                         __mmask16 store) {
    __m512 r[16];
    __mmask16 load = low_lanes(cols);
    for (int t = 0; t < 16; t++) r[t] = t < rows ? _mm512_maskz_loadu_ps(load, src + t * ld) : _mm512_setzero_ps();
    transpose16(r);
    for (int q = 0; q < 16; q++) {
        if (q < cols) _mm512_mask_storeu_ps(dst + q * dst_stride, store, r[q]);
    }
}

/// Packs stored-transposed A (k×m): each k step's MR rows are already contiguous, so this is a strided copy.
/// It goes 16 source rows at a time across all panels: a whole-row walk would scatter writes over every panel
/// at once (they start 12·kc floats apart, a multiple of 4 KiB, so the streams collide in L1 sets), and a
/// whole-panel walk would read 48 bytes per source line before moving on.
FOLIO_AVX512_INLINE void pack_a_transposed(long mc, long kc, const float *a, long lda, float *dst) {
    for (long p0 = 0; p0 < kc; p0 += 16) {
        long p1 = kc - p0 < 16 ? kc : p0 + 16;
        for (long i = 0; i < mc; i += MR) {
            long rows = mc - i < MR ? mc - i : MR;
            __mmask16 lanes = low_lanes(rows);
            float *panel = dst + i * kc;
            for (long p = p0; p < p1; p++) {
                _mm512_mask_storeu_ps(panel + p * rows, lanes, _mm512_maskz_loadu_ps(lanes, a + p * lda + i));
            }
        }
    }
}

/// Packs row-major A through 16×16 transposes, one MR-row panel at a time.
FOLIO_AVX512_INLINE void pack_a_rows(long mc, long kc, const float *a, long lda, float *dst) {
    for (long i = 0; i < mc; i += MR) {
        long rows = mc - i < MR ? mc - i : MR;
        float *panel = dst + i * kc;
        for (long p = 0; p < kc; p += 16) {
            // Each row piece is only kc floats long, too short for the hardware prefetchers to ramp up:
            // fetch the same 16 columns of the next panel's rows while transposing this one.
            for (long r = i + MR; r < i + 2 * MR && r < mc; r++) {
                _mm_prefetch((const char *)(a + r * lda + p), _MM_HINT_T0);
            }
            transpose_block(rows, kc - p, a + i * lda + p, lda, panel + p * rows, rows, low_lanes(rows));
        }
    }
}

FOLIO_AVX512 void folio_gemm_pack_a_avx512(int transA, long mc, long kc, const float *a, long lda, float *dst) {
    if (transA) {
        pack_a_transposed(mc, kc, a, lda, dst);
    } else {
        pack_a_rows(mc, kc, a, lda, dst);
    }
}

/// Panel j of packed B holds columns j…j+NR-1; a last panel of at most 16 columns is 16 wide.
static inline long panel_stride(long nc, long j) { return nc - j > 16 ? NR : 16; }

/// Packs row-major B panel by panel; lanes past nc are written as zeros. (Walking B row by row and scattering
/// to all panels at once is slower: the panels are kc·128 bytes apart, so their write streams alias in L1.)
FOLIO_AVX512_INLINE void pack_b_rows(long kc, long nc, const float *b, long ldb, float *dst) {
    for (long j = 0; j < nc; j += NR) {
        long stride = panel_stride(nc, j);
        __mmask16 m0 = low_lanes(nc - j), m1 = low_lanes(nc - j - 16);
        float *out = dst + j * kc;
        const float *src = b + j;
        for (long p = 0; p < kc; p++) {
            _mm512_storeu_ps(out + p * stride, _mm512_maskz_loadu_ps(m0, src + p * ldb));
            if (stride > 16) _mm512_storeu_ps(out + p * stride + 16, _mm512_maskz_loadu_ps(m1, src + p * ldb + 16));
        }
    }
}

/// Packs stored-transposed B (n×k) through 16×16 transposes: 16 columns × 16 k steps at a time.
/// Rows past nc load as zeros, which fills the padding lanes.
FOLIO_AVX512_INLINE void pack_b_transposed(long kc, long nc, const float *b, long ldb, float *dst) {
    for (long j = 0; j < nc; j += NR) {
        long stride = panel_stride(nc, j);
        float *panel = dst + j * kc;
        for (long g = 0; g < stride; g += 16) {
            for (long p = 0; p < kc; p += 16) {
                transpose_block(nc - j - g, kc - p, b + (j + g) * ldb + p, ldb, panel + p * stride + g, stride, 0xFFFF);
            }
        }
    }
}

FOLIO_AVX512 void folio_gemm_pack_b_avx512(int transB, long kc, long nc, const float *b, long ldb, float *dst) {
    if (transB) {
        pack_b_transposed(kc, nc, b, ldb, dst);
    } else {
        pack_b_rows(kc, nc, b, ldb, dst);
    }
}

#endif

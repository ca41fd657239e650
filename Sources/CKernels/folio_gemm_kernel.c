// The AVX-512 micro-kernels and the macro-kernel that walks packed panels with them.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

#include <stdint.h>

enum { PREFETCH_ROWS = 16, C_PREFETCH_STEPS = 32 };

/// Kernel variants, differing in how they read A and B:
/// PLAIN: packed A, packed B.
/// PACKING_B: any A layout (strides taken at run time); row-major B, packed on the way (see load_b).
///   Used for the first tile of each B panel, so that packing B overlaps with arithmetic.
/// DIRECT_A / DIRECT_AT: A read in place, row-major or stored transposed; packed B.
/// WALK_ROWS / WALK_COLUMNS: A read in place along a k_walk (an image's receptive fields, never unfolded),
///   k steps 1 apart and rows a_row_step apart, or rows 1 apart and k steps a_k_step apart; packed B.
enum variant { PLAIN, PACKING_B, DIRECT_A, DIRECT_AT, WALK_ROWS, WALK_COLUMNS, VARIANTS };

/// One micro-tile's operands; the tile's height and width are compile-time parameters of the kernel.
struct tile_args {
    long kc;
    const float *a;   // the tile's A(0, 0); A(r, p) is at a[r·a_row_step + p·a_k_step]
    long a_row_step, a_k_step;
    const float *b;   // packed B panel (plain kernels)
    const float *src; // unpacked B panel, row stride ldb, copied to fill (64-byte aligned) as it is read
    long ldb;         // (packing kernels only)
    float *fill;
    float *sums;      // packing kernels: column sums of the panel's rows, added to (see unpacked_b), or NULL
    float *c;
    long ldc;
    float alpha, beta;
    const float *bias; // the epilogue's bias at the tile's first column, or NULL (see gemm_epilogue)
    int relu;
    __mmask16 last;   // columns of the tile's last zmm column that exist in C (and in B)
    const struct k_walk *walk; // walking kernels only
};

/// Where a tile's k steps read B. Packing kernels read the unpacked rows (masked at the right edge, so padding
/// lanes become zeros) and write them to the packed panel on the way; plain kernels read the packed panel.
struct b_stream {
    const float *src;
    long stride;
    float *fill;
    __mmask16 mask0, mask1;
};

FOLIO_AVX512_INLINE void load_b(int nv, int packing, struct b_stream *s, __m512 *b0, __m512 *b1) {
    if (packing) {
        // The unpacked rows are far apart (often in different pages), which hardware prefetchers miss; fetch
        // PREFETCH_ROWS ahead. Integer arithmetic because the address may pass the end of B: prefetches never fault.
        uintptr_t ahead = (uintptr_t)s->src + (uintptr_t)(PREFETCH_ROWS * s->stride) * sizeof(float);
        _mm_prefetch((const char *)ahead, _MM_HINT_T0);
        _mm_prefetch((const char *)(ahead + (uintptr_t)(16 * nv - 1) * sizeof(float)), _MM_HINT_T0);
        *b0 = _mm512_maskz_loadu_ps(s->mask0, s->src);
        _mm512_store_ps(s->fill, *b0);
        if (nv == 2) {
            *b1 = _mm512_maskz_loadu_ps(s->mask1, s->src + 16);
            _mm512_store_ps(s->fill + 16, *b1);
        }
        s->fill += 16 * nv;
    } else {
        *b0 = _mm512_loadu_ps(s->src);
        if (nv == 2) *b1 = _mm512_loadu_ps(s->src + 16);
    }
    s->src += s->stride;
}

/// Writes alpha·acc + beta·C (then the epilogue: + bias, relu) for one tile; beta == 0 never reads C.
/// `epilogue` is a compile-time constant: the usual stores carry no test for it.
FOLIO_AVX512_INLINE void store_rows(int mr, int nv, int epilogue, __m512 acc[][2], const struct tile_args *t) {
    __m512 valpha = _mm512_set1_ps(t->alpha), vbeta = _mm512_set1_ps(t->beta), zero = _mm512_setzero_ps();
    int read_c = t->beta != 0, add_bias = epilogue && t->bias, relu = epilogue && t->relu;
    __m512 bias[2] = { zero, zero };
#pragma clang loop unroll(full)
    for (int v = 0; v < nv; v++)
        if (add_bias) bias[v] = _mm512_maskz_loadu_ps(v == nv - 1 ? t->last : (__mmask16)0xFFFF, t->bias + 16 * v);
#pragma clang loop unroll(full)
    for (int r = 0; r < mr; r++) {
#pragma clang loop unroll(full)
        for (int v = 0; v < nv; v++) {
            __mmask16 mask = v == nv - 1 ? t->last : (__mmask16)0xFFFF;
            float *crow = t->c + r * t->ldc + 16 * v;
            __m512 x = _mm512_mul_ps(valpha, acc[r][v]);
            if (read_c) x = _mm512_fmadd_ps(vbeta, _mm512_maskz_loadu_ps(mask, crow), x);
            if (add_bias) x = _mm512_add_ps(x, bias[v]);
            // max(0, x) is (0 > x ? 0 : x): NaN passes, as in the separate bias-and-relu pass
            if (relu) x = _mm512_max_ps(zero, x);
            _mm512_mask_storeu_ps(crow, mask, x);
        }
    }
}

FOLIO_AVX512_INLINE void store_tile(int mr, int nv, __m512 acc[][2], const struct tile_args *t) {
    if (t->bias || t->relu) store_rows(mr, nv, 1, acc, t);
    else store_rows(mr, nv, 0, acc, t);
}

/// A tile's read position: where the next k step's A elements and B row are.
struct tile_cursor {
    const float *a;
    long row_step, k_step; // A(r, p) is at a[r·row_step + p·k_step]
    struct b_stream b;
    struct row_prefetch next;
};

/// Runs `steps` k steps of an mr×(16·nv) tile: one B row (nv zmm) times mr broadcast A elements. With
/// `summing` (a compile-time constant) the B rows are also added into sums[0..nv).
FOLIO_AVX512_INLINE void accumulate(int mr, int nv, enum variant variant, int summing, long steps,
                                    struct tile_cursor *at, __m512 acc[][2], __m512 sums[2]) {
    for (long p = 0; p < steps; p++) {
        if (variant == DIRECT_A) prefetch_next_line(&at->next);
        __m512 b0, b1 = _mm512_setzero_ps();
        load_b(nv, variant == PACKING_B, &at->b, &b0, &b1);
        if (summing) {
            sums[0] = _mm512_add_ps(sums[0], b0);
            if (nv == 2) sums[1] = _mm512_add_ps(sums[1], b1);
        }
#pragma clang loop unroll(full)
        for (int r = 0; r < mr; r++) {
            __m512 ar = _mm512_set1_ps(at->a[r * at->row_step]);
            acc[r][0] = _mm512_fmadd_ps(ar, b0, acc[r][0]);
            if (nv == 2) acc[r][1] = _mm512_fmadd_ps(ar, b1, acc[r][1]);
        }
        at->a += at->k_step;
    }
}

FOLIO_AVX512_INLINE void prefetch_c(int mr, int nv, const struct tile_args *t) {
#pragma clang loop unroll(full)
    for (int r = 0; r < mr; r++) {
        _mm_prefetch((const char *)(t->c + r * t->ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(t->c + r * t->ldc + 16 * nv - 1), _MM_HINT_T0);
    }
}

/// The k steps of a walking tile: runs of evenly spaced A elements, with a jump after each run (see k_walk).
/// C is fetched at the start: a walk's C rows are short and few.
FOLIO_AVX512_INLINE void walk(int mr, int nv, enum variant variant, const struct tile_args *t, struct tile_cursor *at,
                              __m512 acc[][2]) {
    const struct k_walk *w = t->walk;
    prefetch_c(mr, nv, t);
    struct walk_position position = { t->kc, w->step, w->run_index };
    while (position.left > 0) {
        long steps = walk_steps(w, &position);
        accumulate(mr, nv, variant, 0, steps, at, acc, NULL);
        at->a += walk_past(w, &position, steps);
    }
}

/// Accumulates one mr×(16·nv) tile of A·B over kc steps, then stores alpha·AB + beta·C.
/// mr, nv and variant are compile-time constants at every call site, so the accumulators live in zmm
/// registers and the loops unroll. The `last` mask handles a ragged right edge without scalar code.
FOLIO_AVX512_INLINE void tile(int mr, int nv, enum variant variant, const struct tile_args *t) {
    struct tile_cursor at = {
        .a = t->a,
        // Strides known at compile time become immediate address offsets.
        .row_step = variant == PLAIN || variant == DIRECT_AT || variant == WALK_COLUMNS ? 1 : t->a_row_step,
        .k_step = variant == PLAIN ? mr : variant == DIRECT_A || variant == WALK_ROWS ? 1 : t->a_k_step,
        .b = { t->b, 16 * nv, t->fill, nv == 2 ? (__mmask16)0xFFFF : t->last, t->last },
    };
    if (variant == PACKING_B) {
        at.b.src = t->src;
        at.b.stride = t->ldb;
    }
    uintptr_t row_bytes = (uintptr_t)at.row_step * sizeof(float);
    at.next = (struct row_prefetch){ (uintptr_t)t->a + (uintptr_t)mr * row_bytes, row_bytes, 0, mr };
    __m512 acc[MR][2];
#pragma clang loop unroll(full)
    for (int r = 0; r < mr; r++) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
    if (variant == WALK_ROWS || variant == WALK_COLUMNS) {
        walk(mr, nv, variant, t, &at, acc);
        store_tile(mr, nv, acc, t);
        return;
    }
    // C is only touched after the k loop. Its lines are fetched C_PREFETCH_STEPS before the end rather than
    // at the start: with a power-of-two ldc the tile's rows share L1 sets and would be evicted meanwhile.
    long early = t->kc > C_PREFETCH_STEPS ? t->kc - C_PREFETCH_STEPS : 0;
    if (variant == PACKING_B && t->sums) {  // a second copy of the loops, so the usual one has no test in it
        __m512 sums[2] = { _mm512_setzero_ps(), _mm512_setzero_ps() };
        accumulate(mr, nv, variant, 1, early, &at, acc, sums);
        prefetch_c(mr, nv, t);
        accumulate(mr, nv, variant, 1, t->kc - early, &at, acc, sums);
        _mm512_mask_storeu_ps(t->sums, at.b.mask0, _mm512_add_ps(_mm512_maskz_loadu_ps(at.b.mask0, t->sums),
                                                                  sums[0]));
        if (nv == 2)
            _mm512_mask_storeu_ps(t->sums + 16, at.b.mask1,
                                  _mm512_add_ps(_mm512_maskz_loadu_ps(at.b.mask1, t->sums + 16), sums[1]));
    } else {
        accumulate(mr, nv, variant, 0, early, &at, acc, NULL);
        prefetch_c(mr, nv, t);
        accumulate(mr, nv, variant, 0, t->kc - early, &at, acc, NULL);
    }
    store_tile(mr, nv, acc, t);
}

typedef void (*kernel_fn)(const struct tile_args *t);

#define KERNEL(mr, nv, variant, name) \
    FOLIO_AVX512 static void name(const struct tile_args *t) { tile(mr, nv, variant, t); }
#define KERNELS(mr)                                                                                  \
    KERNEL(mr, 1, PLAIN, kernel_##mr##x1) KERNEL(mr, 2, PLAIN, kernel_##mr##x2)                     \
    KERNEL(mr, 1, PACKING_B, packing_kernel_##mr##x1) KERNEL(mr, 2, PACKING_B, packing_kernel_##mr##x2) \
    KERNEL(mr, 1, DIRECT_A, direct_kernel_##mr##x1) KERNEL(mr, 2, DIRECT_A, direct_kernel_##mr##x2)     \
    KERNEL(mr, 1, DIRECT_AT, direct_t_kernel_##mr##x1) KERNEL(mr, 2, DIRECT_AT, direct_t_kernel_##mr##x2)     \
    KERNEL(mr, 1, WALK_ROWS, walk_kernel_##mr##x1) KERNEL(mr, 2, WALK_ROWS, walk_kernel_##mr##x2)             \
    KERNEL(mr, 1, WALK_COLUMNS, walk_t_kernel_##mr##x1) KERNEL(mr, 2, WALK_COLUMNS, walk_t_kernel_##mr##x2)
KERNELS(1) KERNELS(2) KERNELS(3) KERNELS(4) KERNELS(5) KERNELS(6)
KERNELS(7) KERNELS(8) KERNELS(9) KERNELS(10) KERNELS(11) KERNELS(12)

#define KERNEL_ROW(prefix, nv)                                                                 \
    { prefix##1x##nv, prefix##2x##nv, prefix##3x##nv, prefix##4x##nv, prefix##5x##nv,          \
      prefix##6x##nv, prefix##7x##nv, prefix##8x##nv, prefix##9x##nv, prefix##10x##nv,        \
      prefix##11x##nv, prefix##12x##nv }

/// [variant][nv - 1][mr - 1]: one instance per tile height, so the bottom edge runs without padding rows.
static const kernel_fn kernels[VARIANTS][2][MR] = {
    [PLAIN] = { KERNEL_ROW(kernel_, 1), KERNEL_ROW(kernel_, 2) },
    [PACKING_B] = { KERNEL_ROW(packing_kernel_, 1), KERNEL_ROW(packing_kernel_, 2) },
    [DIRECT_A] = { KERNEL_ROW(direct_kernel_, 1), KERNEL_ROW(direct_kernel_, 2) },
    [DIRECT_AT] = { KERNEL_ROW(direct_t_kernel_, 1), KERNEL_ROW(direct_t_kernel_, 2) },
    [WALK_ROWS] = { KERNEL_ROW(walk_kernel_, 1), KERNEL_ROW(walk_kernel_, 2) },
    [WALK_COLUMNS] = { KERNEL_ROW(walk_t_kernel_, 1), KERNEL_ROW(walk_t_kernel_, 2) },
};

_Static_assert(MR == 12 && NR == 32, "the kernel table is written out for 12×32 tiles");

FOLIO_AVX512 void folio_gemm_macro_avx512(long mc, long nc, long kc, float alpha, struct a_view a,
                                          struct packed_b bp, const struct unpacked_b *pending, float beta, float *c,
                                          long ldc, const struct gemm_epilogue *epilogue) {
    struct tile_args t = { .kc = kc, .alpha = alpha, .beta = beta, .ldc = ldc, .relu = epilogue && epilogue->relu };
    if (pending) t.ldb = pending->ldb;
    // Offset between consecutive rows of A, and the stride of k steps (packed: the tile's height).
    long row_offset = a.layout == A_PACKED ? kc : a.layout == A_ROWS ? a.lda : 1;
    t.a_row_step = a.layout == A_ROWS ? a.lda : 1;
    enum variant usual = a.layout == A_ROWS ? DIRECT_A : a.layout == A_COLUMNS ? DIRECT_AT : PLAIN;
    for (long j = 0; j < nc; j += NR) {
        long width = nc - j < NR ? nc - j : NR;
        int nv = width > 16 ? 2 : 1;
        t.last = (__mmask16)(0xFFFFu >> (16 * nv - width));
        t.b = bp.base + (j / NR) * bp.panel_stride + bp.row * 16 * nv;
        t.bias = epilogue && epilogue->bias ? epilogue->bias + j : NULL;
        if (pending) {
            t.src = pending->src + j;
            t.fill = pending->dst + j * kc;
            t.sums = pending->sums ? pending->sums + j : NULL;
        }
        for (long i = 0; i < mc; i += MR) {
            long mr = mc - i < MR ? mc - i : MR;
            t.a = a.base + i * row_offset;
            t.a_k_step = a.layout == A_PACKED ? mr : a.layout == A_ROWS ? 1 : a.lda;
            t.c = c + i * ldc + j;
            // The first tile of a pending panel packs it; the rest read the packed copy.
            enum variant variant = pending && i == 0 ? PACKING_B : usual;
            kernels[variant][nv - 1][mr - 1](&t);
        }
    }
}

FOLIO_AVX512 void folio_gemm_walk_tile_avx512(int rows_contiguous, long mr, long width, long kc, const float *a,
                                              long stride, const struct k_walk *walk, const float *b, float beta,
                                              float *c, long ldc) {
    int nv = width > 16 ? 2 : 1;
    struct tile_args t = {
        .kc = kc, .a = a, .a_row_step = rows_contiguous ? 1 : stride, .a_k_step = rows_contiguous ? stride : 1,
        .b = b, .c = c, .ldc = ldc, .alpha = 1, .beta = beta,
        .last = (__mmask16)(0xFFFFu >> (16 * nv - width)), .walk = walk,
    };
    kernels[rows_contiguous ? WALK_COLUMNS : WALK_ROWS][nv - 1][mr - 1](&t);
}

#endif

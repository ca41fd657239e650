// The AVX2 micro-kernels and macro-kernel, for x86-64 CPUs with AVX2 and FMA but no AVX-512 (AMD Zen 1–3,
// Intel client cores). A tile is 6 rows × 16 columns: 12 ymm accumulators, two for the B row and one for the
// broadcast A element, 15 of the 16 registers. B is packed in the AVX-512 kernels' 32-column panels, each stored
// as its two 16-column halves one after the other, and A in 6-row panels (folio_gemm_pack_avx2.c), so blocking
// and the drivers are shared, and under the same blocks each element of C sums the same products in the same
// k order as under the AVX-512 kernels: the same bits.

#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

#include <stdint.h>

enum { TILE_ROWS = AVX2_ROWS, TILE_COLUMNS = AVX2_COLUMNS, PREFETCH_ROWS = 16, C_PREFETCH_STEPS = 32 };

/// How a tile reads A and B (compare folio_gemm_kernel.c, whose PLAIN and DIRECT_AT are one variant here: a
/// packed panel is read with a run-time k stride, its height, like A stored transposed).
/// STRIDED: A(r, p) at a[r + p·a_k_step]; packed B.     ROWS: A(r, p) at a[r·a_row_step + p]; packed B.
/// PACKING_B: A at run-time strides; row-major B, packed on the way.   WALK_ROWS / WALK_COLUMNS: see k_walk.
enum variant { STRIDED, ROWS, PACKING_B, WALK_ROWS, WALK_COLUMNS, VARIANTS };

struct tile_args {
    long kc;
    const float *a;  // A(r, p) is at a[r·a_row_step + p·a_k_step]
    long a_row_step, a_k_step;
    const float *b;  // the tile's half of a packed panel: 16 floats a row
    const float *src;  // packing kernels: the unpacked B rows (ldb apart), copied to fill as they are read,
    long ldb;          // and summed into sums (NULL: not)
    float *fill;
    float *sums;
    float *c;
    long ldc;
    float alpha, beta;
    const float *bias;  // the epilogue's bias at the tile's first column, or NULL (see gemm_epilogue)
    int relu;
    int width;  // columns of the tile that exist in C (1…16); the packed panel's padding lanes are zeros
    const struct k_walk *walk;
};

struct tile_cursor {
    const float *a, *b;
    long row_step, k_step, b_step;
    float *fill;
    long fill_step;
    __m256i mask0, mask1;
    struct row_prefetch next;
};

/// `steps` k steps of an mr×16 tile; with `summing` (compile-time) the B rows are also added into sums.
FOLIO_AVX2_INLINE void accumulate(int mr, enum variant variant, int summing, long steps, struct tile_cursor *at,
                                  __m256 acc[][2], __m256 sums[2]) {
    for (long p = 0; p < steps; p++) {
        if (variant == ROWS) prefetch_next_line(&at->next);
        __m256 b0, b1;
        if (variant == PACKING_B) {
            uintptr_t ahead = (uintptr_t)at->b + (uintptr_t)(PREFETCH_ROWS * at->b_step) * sizeof(float);
            _mm_prefetch((const char *)ahead, _MM_HINT_T0);
            b0 = _mm256_maskload_ps(at->b, at->mask0);
            b1 = _mm256_maskload_ps(at->b + 8, at->mask1);
            _mm256_storeu_ps(at->fill, b0);
            _mm256_storeu_ps(at->fill + 8, b1);
            at->fill += at->fill_step;
        } else {
            b0 = _mm256_loadu_ps(at->b);
            b1 = _mm256_loadu_ps(at->b + 8);
        }
        at->b += at->b_step;
        if (summing) {
            sums[0] = _mm256_add_ps(sums[0], b0);
            sums[1] = _mm256_add_ps(sums[1], b1);
        }
#pragma clang loop unroll(full)
        for (int r = 0; r < mr; r++) {
            __m256 ar = _mm256_broadcast_ss(at->a + r * at->row_step);
            acc[r][0] = _mm256_fmadd_ps(ar, b0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_ps(ar, b1, acc[r][1]);
        }
        at->a += at->k_step;
    }
}

/// alpha·acc + beta·C, + bias, then relu, for one row's `width` columns (beta == 0 never reads C): in vectors
/// for a whole row, element by element through a buffer for a ragged one, with the same operations either way.
FOLIO_AVX2_INLINE void store_row(int epilogue, __m256 acc[2], float *crow, const struct tile_args *t) {
    int read_c = t->beta != 0, add_bias = epilogue && t->bias, relu = epilogue && t->relu;
    if (t->width == TILE_COLUMNS) {
        __m256 valpha = _mm256_set1_ps(t->alpha), vbeta = _mm256_set1_ps(t->beta), zero = _mm256_setzero_ps();
#pragma clang loop unroll(full)
        for (int v = 0; v < 2; v++) {
            __m256 x = _mm256_mul_ps(valpha, acc[v]);
            if (read_c) x = _mm256_fmadd_ps(vbeta, _mm256_loadu_ps(crow + 8 * v), x);
            if (add_bias) x = _mm256_add_ps(x, _mm256_loadu_ps(t->bias + 8 * v));
            if (relu) x = _mm256_max_ps(zero, x);  // (0 > x ? 0 : x): NaN passes
            _mm256_storeu_ps(crow + 8 * v, x);
        }
        return;
    }
    float sums[TILE_COLUMNS];
    _mm256_storeu_ps(sums, acc[0]);
    _mm256_storeu_ps(sums + 8, acc[1]);
    for (int j = 0; j < t->width; j++) {
        float x = t->alpha * sums[j];
        if (read_c) x = __builtin_fmaf(t->beta, crow[j], x);
        if (add_bias) x += t->bias[j];
        if (relu) x = 0 > x ? 0 : x;
        crow[j] = x;
    }
}

/// Stores the tile row by row, so that rows overlapping in C (the input gradient's walks) each add to what the
/// row before stored.
FOLIO_AVX2_INLINE void store_tile(int mr, __m256 acc[][2], const struct tile_args *t) {
    int epilogue = t->bias || t->relu;
#pragma clang loop unroll(full)
    for (int r = 0; r < mr; r++) {
        if (epilogue) store_row(1, acc[r], t->c + r * t->ldc, t);
        else store_row(0, acc[r], t->c + r * t->ldc, t);
    }
}

FOLIO_AVX2_INLINE void prefetch_c(int mr, const struct tile_args *t) {
#pragma clang loop unroll(full)
    for (int r = 0; r < mr; r++) {
        _mm_prefetch((const char *)(t->c + r * t->ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(t->c + r * t->ldc + TILE_COLUMNS - 1), _MM_HINT_T0);
    }
}

/// The k steps of a walking tile: runs of evenly spaced A elements, with a jump after each run (see k_walk).
FOLIO_AVX2_INLINE void walk(int mr, enum variant variant, const struct tile_args *t, struct tile_cursor *at,
                            __m256 acc[][2]) {
    const struct k_walk *w = t->walk;
    prefetch_c(mr, t);
    struct walk_position position = { t->kc, w->step, w->run_index };
    while (position.left > 0) {
        long steps = walk_steps(w, &position);
        accumulate(mr, variant, 0, steps, at, acc, NULL);
        at->a += walk_past(w, &position, steps);
    }
}

FOLIO_AVX2_INLINE void tile(int mr, enum variant variant, const struct tile_args *t) {
    struct tile_cursor at = {
        .a = t->a, .b = t->b, .b_step = TILE_COLUMNS,
        .row_step = variant == STRIDED || variant == WALK_COLUMNS ? 1 : t->a_row_step,
        .k_step = variant == ROWS || variant == WALK_ROWS ? 1 : t->a_k_step,
    };
    if (variant == PACKING_B) {
        at.b = t->src;
        at.b_step = t->ldb;
        at.fill = t->fill;
        at.fill_step = TILE_COLUMNS;
        at.mask0 = lanes_below(t->width);
        at.mask1 = lanes_below(t->width - 8);
    }
    uintptr_t row_bytes = (uintptr_t)at.row_step * sizeof(float);
    at.next = (struct row_prefetch){ (uintptr_t)t->a + (uintptr_t)mr * row_bytes, row_bytes, 0, mr };
    __m256 acc[TILE_ROWS][2];
#pragma clang loop unroll(full)
    for (int r = 0; r < mr; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
    if (variant == WALK_ROWS || variant == WALK_COLUMNS) {
        walk(mr, variant, t, &at, acc);
        store_tile(mr, acc, t);
        return;
    }
    // C's lines are fetched C_PREFETCH_STEPS before the end, not at the start (see folio_gemm_kernel.c).
    long early = t->kc > C_PREFETCH_STEPS ? t->kc - C_PREFETCH_STEPS : 0;
    if (variant == PACKING_B && t->sums) {
        __m256 sums[2] = { _mm256_setzero_ps(), _mm256_setzero_ps() };
        accumulate(mr, variant, 1, early, &at, acc, sums);
        prefetch_c(mr, t);
        accumulate(mr, variant, 1, t->kc - early, &at, acc, sums);
        float added[TILE_COLUMNS];
        _mm256_storeu_ps(added, sums[0]);
        _mm256_storeu_ps(added + 8, sums[1]);
        for (int j = 0; j < t->width; j++) t->sums[j] += added[j];
    } else {
        accumulate(mr, variant, 0, early, &at, acc, NULL);
        prefetch_c(mr, t);
        accumulate(mr, variant, 0, t->kc - early, &at, acc, NULL);
    }
    store_tile(mr, acc, t);
}

typedef void (*kernel_fn)(const struct tile_args *t);

#define KERNEL(mr, variant, name) \
    FOLIO_AVX2 static void name(const struct tile_args *t) { tile(mr, variant, t); }
#define KERNELS(mr)                                                                                  \
    KERNEL(mr, STRIDED, strided_##mr) KERNEL(mr, ROWS, rows_##mr) KERNEL(mr, PACKING_B, packing_##mr) \
    KERNEL(mr, WALK_ROWS, walk_rows_##mr) KERNEL(mr, WALK_COLUMNS, walk_columns_##mr)
KERNELS(1) KERNELS(2) KERNELS(3) KERNELS(4) KERNELS(5) KERNELS(6)

#define KERNEL_ROW(prefix) { prefix##1, prefix##2, prefix##3, prefix##4, prefix##5, prefix##6 }

/// [variant][mr - 1]: one instance per tile height, so the bottom edge runs without padding rows.
static const kernel_fn kernels[VARIANTS][TILE_ROWS] = {
    [STRIDED] = KERNEL_ROW(strided_), [ROWS] = KERNEL_ROW(rows_), [PACKING_B] = KERNEL_ROW(packing_),
    [WALK_ROWS] = KERNEL_ROW(walk_rows_), [WALK_COLUMNS] = KERNEL_ROW(walk_columns_),
};

_Static_assert(MR % TILE_ROWS == 0 && NR == 2 * TILE_COLUMNS, "blocks and panels are whole tiles");

static long min_long(long a, long b) { return a < b ? a : b; }

FOLIO_AVX2 void folio_gemm_macro_avx2(long mc, long nc, long kc, float alpha, struct a_view a, struct packed_b bp,
                                      const struct unpacked_b *pending, float beta, float *c, long ldc,
                                      const struct gemm_epilogue *epilogue) {
    struct tile_args t = { .kc = kc, .alpha = alpha, .beta = beta, .ldc = ldc, .relu = epilogue && epilogue->relu };
    if (pending) t.ldb = pending->ldb;
    t.a_row_step = a.layout == A_ROWS ? a.lda : 1;
    enum variant usual = a.layout == A_ROWS ? ROWS : STRIDED;
    for (long j = 0; j < nc; j += NR) {
        long panel_width = min_long(NR, nc - j);
        // Each half of a panel is one pass down the rows: its kc×16 floats stay in L1 while A streams past.
        // The second half starts half a panel on (the panel holds kc rows, or all of k when packed up front).
        for (long h = 0; h < panel_width; h += TILE_COLUMNS) {
            t.width = (int)min_long(TILE_COLUMNS, panel_width - h);
            t.b = bp.base + (j / NR) * bp.panel_stride + (h / TILE_COLUMNS) * (bp.panel_stride / 2) +
                  bp.row * TILE_COLUMNS;
            t.bias = epilogue && epilogue->bias ? epilogue->bias + j + h : NULL;
            if (pending) {
                t.src = pending->src + j + h;
                t.fill = pending->dst + (j + h) * kc;
                t.sums = pending->sums ? pending->sums + j + h : NULL;
            }
            for (long i = 0; i < mc; i += TILE_ROWS) {
                if (a.layout == A_PACKED) {  // the panel of rows i…, TILE_ROWS·kc floats after the previous one
                    t.a = a.base + i * kc;
                    t.a_k_step = min_long(TILE_ROWS, mc - i);
                } else {
                    t.a = a.base + i * (a.layout == A_ROWS ? a.lda : 1);
                    t.a_k_step = a.layout == A_ROWS ? 1 : a.lda;
                }
                t.c = c + i * ldc + j + h;
                enum variant variant = pending && i == 0 ? PACKING_B : usual;
                kernels[variant][min_long(TILE_ROWS, mc - i) - 1](&t);
            }
        }
    }
}

FOLIO_AVX2 void folio_gemm_walk_tile_avx2(int rows_contiguous, long mr, long width, long kc, const float *a,
                                          long stride, const struct k_walk *walk, const float *b, float beta,
                                          float *c, long ldc) {
    struct tile_args t = {
        .kc = kc, .a_row_step = rows_contiguous ? 1 : stride, .a_k_step = rows_contiguous ? stride : 1,
        .ldc = ldc, .alpha = 1, .beta = beta, .walk = walk,
    };
    enum variant variant = rows_contiguous ? WALK_COLUMNS : WALK_ROWS;
    for (long h = 0; h < width; h += TILE_COLUMNS) {
        t.width = (int)min_long(TILE_COLUMNS, width - h);
        t.b = b + h * kc;  // the panel was packed with kc rows
        for (long i = 0; i < mr; i += TILE_ROWS) {
            t.a = a + i * t.a_row_step;
            t.c = c + i * ldc + h;
            kernels[variant][min_long(TILE_ROWS, mr - i) - 1](&t);
        }
    }
}

#endif

#ifndef FOLIO_GEMM_INTERNAL_H
#define FOLIO_GEMM_INTERNAL_H

// Shared by the folio_gemm*.c files only (x86-64 builds).

#include <immintrin.h>
#include <stdint.h>

/// Functions using AVX-512 or AVX2 intrinsics: the files are built with baseline x86-64 flags, and the dispatch
/// (folio_gemm_isa.c) calls each set only on a CPU that has it. Hidden: internal to the library.
#define FOLIO_AVX512 __attribute__((target("avx512f,fma"), visibility("hidden")))
#define FOLIO_AVX512_INLINE static inline __attribute__((always_inline, target("avx512f,fma")))
#define FOLIO_AVX2 __attribute__((target("avx2,fma"), visibility("hidden")))
#define FOLIO_AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))
#define FOLIO_HIDDEN __attribute__((visibility("hidden")))

/// Declares one operation three times: `name`, which calls the CPU's set (folio_gemm_isa.c), and the AVX-512 and
/// AVX2 versions, name_avx512 and name_avx2, which it dispatches to.
#define FOLIO_GEMM_FUNCTION(name, params) \
    FOLIO_HIDDEN void name params;        \
    FOLIO_AVX512 void name##_avx512 params; \
    FOLIO_AVX2 void name##_avx2 params;

// MR×NR micro-tile (24 zmm accumulators). The k block kc and the row block mc come from the CPU's caches at
// run time (folio_gemm_blocks.c): a kc×NR micro-panel of B (32 KiB at kc = 256) plus a kc×MR one of A (12 KiB)
// fit the L1d (48 KiB on Zen 4/5 and Intel since Ice Lake), the packed mc×kc block of A (240 KiB at 240×256)
// a quarter of the L2; a kc×NC block of B (2 MiB) sits in L3. KC_MAX and MC_MAX bound them, and size the
// per-thread packing scratch: MC_MAX·KC_MAX + KC_MAX·NC floats (2.6 MiB).
enum { MR = 12, NR = 32, KC_MAX = 256, MC_MAX = 480, NC = 2048 };
_Static_assert(MC_MAX % MR == 0 && NC % NR == 0, "blocks hold whole panels");

/// The k block and the row block in use (see folio_gemm_blocks.c).
struct gemm_blocks { long kc, mc; };
__attribute__((visibility("hidden"))) struct gemm_blocks folio_gemm_blocks(void);
/// The blocks for an L1d and an L2 of these sizes (bytes).
__attribute__((visibility("hidden"))) struct gemm_blocks folio_gemm_blocks_for_caches(long l1d_bytes, long l2_bytes);

/// Mask of the low n lanes, n clamped to 0…16.
static inline __mmask16 low_lanes(long n) {
    if (n <= 0) return 0;
    return (__mmask16)(n >= 16 ? 0xFFFFu : (1u << n) - 1);
}

/// Lanes below n (clamped to 0…8) set: the mask of AVX2's masked loads, for a ragged edge of 8 floats.
FOLIO_AVX2_INLINE __m256i lanes_below(long n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n < 0 ? 0 : n > 8 ? 8 : n)),
                              _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/// Prefetch cursor over the next tile's rows of in-place row-major A. Each tile reads only kc floats per row,
/// too short a stream for the hardware prefetchers, so every k step fetches one line of the next tile: row by
/// row, then 16 columns on. That keeps pace, as a tile has at most 12 rows and a line holds 16 floats.
/// Integer addresses because the last tile's "next rows" lie past the end of A: prefetches never fault.
struct row_prefetch {
    uintptr_t line;
    uintptr_t row_bytes;
    int row, rows;
};

static inline void prefetch_next_line(struct row_prefetch *f) {
    _mm_prefetch((const char *)f->line, _MM_HINT_T0);
    f->line += f->row_bytes;
    if (++f->row == f->rows) {
        f->row = 0;
        f->line += 16 * sizeof(float) - (uintptr_t)f->rows * f->row_bytes;
    }
}

/// Where a kc-row block of packed B lives: panel j (NR columns) starts at base + j·panel_stride,
/// and the block's first row is `row` rows into each panel.
struct packed_b {
    const float *base;
    long panel_stride;
    long row;
};

/// The AVX2 kernels' tile: 6 rows × 16 columns (12 ymm accumulators), half of a 32-column B panel.
enum { AVX2_ROWS = 6, AVX2_COLUMNS = 16 };

/// Packs op(A)[0:mc, 0:kc] into panels of H rows (the last one mc % H rows), each stored k-major:
/// panel i (rows i·H…) starts at dst + i·H·kc and holds element (p, r) at p·rows + r. H is the tile height of
/// the kernel set in use: MR for AVX-512, AVX2_ROWS for AVX2.
FOLIO_GEMM_FUNCTION(folio_gemm_pack_a, (int transA, long mc, long kc, const float *a, long lda, float *dst))

/// Packs op(B)[0:kc, 0:nc] into panels of NR columns, panel j at dst + j·NR·kc, each kc rows of its padded
/// width: NR, or 16 for a last panel of at most 16 columns. Padding columns are zero. For the AVX2 kernels each
/// panel holds its two 16-column halves one after the other (kc rows of 16 floats each), not rows of NR.
FOLIO_GEMM_FUNCTION(folio_gemm_pack_b, (int transB, long kc, long nc, const float *b, long ldb, float *dst))

/// Row-major B that is not packed yet: the macro-kernel packs it panel by panel into `dst` (the layout of
/// folio_gemm_pack_b) inside the first micro-tile of each panel, so the copy overlaps with arithmetic. That
/// tile can also sum B's columns on the way (a dense layer's bias gradient, from the dz its weight gradient
/// reads anyway).
struct unpacked_b {
    const float *src;
    long ldb;
    float *dst;
    float *sums; // NULL, or sums[j] += the block's B[p, j] summed over its rows p, as the rows go past
};

/// Where the macro-kernel reads op(A)[0:mc, 0:kc]: packed by folio_gemm_pack_a, or in place, with element (i, p)
/// at base[i·lda + p] (ROWS: row-major A) or base[p·lda + i] (COLUMNS: A stored transposed).
enum a_layout { A_PACKED, A_ROWS, A_COLUMNS };
struct a_view {
    const float *base;
    long lda;
    enum a_layout layout;
};

/// What the tiles of a product's last kc block do to C as they store it, after alpha·AB + beta·C: add a bias row
/// (bias[j] to every row's column j; NULL: none), then `v < 0 ? 0 : v` (relu, which lets NaN through). On the
/// finished sum, so the bits are those of a separate pass after the product.
struct gemm_epilogue {
    const float *bias;
    int relu;
};

/// C[0:mc, 0:nc] = alpha·op(A)·Bpack + beta·C over one kc block (beta == 0: C is not read), then `epilogue`
/// (NULL: none; its bias starts at C's column 0). With `pending` set, B is packed on the way into
/// pending->dst, and `bp` must describe that buffer.
FOLIO_GEMM_FUNCTION(folio_gemm_macro, (long mc, long nc, long kc, float alpha, struct a_view a, struct packed_b bp,
                    const struct unpacked_b *pending, float beta, float *c, long ldc,
                    const struct gemm_epilogue *epilogue))

/// How a walking tile's k steps move through A, which is read in place (an image, for a convolution's receptive
/// fields): in runs of `run_length` steps (k_step floats apart), `runs` runs to a group; after a run A jumps by
/// `run_jump` floats, after a group's last run by `group_jump`. The tile's first step is step `step` of run
/// `run_index` of its group.
struct k_walk {
    long run_length, runs, run_jump, group_jump;
    long step, run_index;
};

/// Where a walking tile is in its k_walk: the k steps left, and the step and run it is at.
struct walk_position {
    long left, step, run;
};

/// The steps before A's next jump: the rest of the current run, at most what is left.
static inline long walk_steps(const struct k_walk *w, const struct walk_position *at) {
    long rest = w->run_length - at->step;
    return rest < at->left ? rest : at->left;
}

/// Records `steps` steps taken (those walk_steps gave) and returns how far A jumps to the next run.
static inline long walk_past(const struct k_walk *w, struct walk_position *at, long steps) {
    at->left -= steps;
    at->step = 0;
    if (++at->run < w->runs) return w->run_jump;
    at->run = 0;
    return w->group_jump;
}

/// C[0:mr, 0:width] = A·Bpanel + beta·C over kc steps of `walk` for one tile (mr ≤ MR, width ≤ NR, beta 0 or 1;
/// beta == 0 never reads C). With rows_contiguous, A(r, step) is a[r + step·stride] (rows are adjacent floats);
/// otherwise a[r·stride + step] (steps are). b: a packed B panel (folio_gemm_pack_b's layout), at the block's row.
FOLIO_GEMM_FUNCTION(folio_gemm_walk_tile, (int rows_contiguous, long mr, long width, long kc, const float *a,
                    long stride, const struct k_walk *walk, const float *b, float beta, float *c, long ldc))

/// This thread's packing scratch: MC_MAX·KC_MAX floats for A, then KC_MAX·NC for B (folio_gemm.c).
__attribute__((visibility("hidden"))) float *folio_gemm_scratch(void);

/// Splits `total` into the fewest blocks of at most `limit`, of near-equal size, so that no block is a sliver.
static inline long balanced_block(long total, long limit) {
    long blocks = (total + limit - 1) / limit;
    return (total + blocks - 1) / blocks;
}

/// y[i·incy] = alpha·Σp M[i·ld + p]·x[p] + beta·y[i·incy] for i < rows (beta == 0: y is not read).
/// x must be contiguous.
FOLIO_GEMM_FUNCTION(folio_gemv_rows, (long rows, long k, float alpha, const float *m, long ld, const float *x,
                    float beta, float *y, long incy))

/// y[i·incy] = alpha·Σp M[p·ld + i]·x[p·incx] + beta·y[i·incy] for i < rows (beta == 0: y is not read).
FOLIO_GEMM_FUNCTION(folio_gemv_columns, (long rows, long k, float alpha, const float *m, long ld, const float *x,
                    long incx, float beta, float *y, long incy))

#endif

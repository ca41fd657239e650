// Winograd F(4×4, 3×3) for 3×3, stride-1 convolutions, NHWC, in three steps per group of output tiles (4×4
// outputs each): the input's 6×6 blocks transformed (V = Bᵀ d B, per channel), 36 small products, one per
// transformed position ξ (M_ξ[tiles, F] = V_ξ[tiles, C] · U_ξ[C, F]), and the products transformed back
// (Y = Aᵀ M A). A group's V and M stay in the core's caches; only x is read and z written. The kernel gradient
// runs the same way as F(3×3, 4×4): x's 6×6 blocks by dz's 4×4 tiles, summed over the tiles in the transformed
// domain, transformed back once per piece of the batch. The matrices are Lavin and Gray's (points 0, ±1, ±2, ∞).
#include "winograd_convolution.h"
#include "fast_math.h"
#include "vector16.h"

/// Transformed positions ξ per tile (6 × 6) and outputs along a tile's side.
#define XI 36
#define SIDE 4
/// Tiles per group in the forward (three panels of its 6-row products: each 16-filter slice of U_ξ read into L1
/// serves 18 tiles) and in the kernel gradient (its products' k, between a load and a store of their accumulators,
/// M: 36 · C · F floats). A group's transforms (36 · 18 · (C + F) floats, 243 KiB at C = 32, F = 64) stay in L2.
/// On Zen 3, against 12 tiles: the forward 10–20 % faster, the gradient ~8 %; against 6 and 24, the same.
#define FORWARD_TILES 18
#define PANEL 6
#define GRADIENT_TILES 18

// The five 1-D transforms, each from array i to array o (of T: float or vector16).
/// Bᵀ: a 6-input column to its 6 transformed values.
#define B_T(i, o)                                                                                         \
    do {                                                                                                \
        o[0] = 4 * i[0] - 5 * i[2] + i[4];                                                              \
        o[1] = i[3] + i[4] - 4 * (i[1] + i[2]);                                                         \
        o[2] = 4 * (i[1] - i[2]) + i[4] - i[3];                                                         \
        o[3] = 2 * (i[3] - i[1]) + i[4] - i[2];                                                         \
        o[4] = 2 * (i[1] - i[3]) + i[4] - i[2];                                                         \
        o[5] = 4 * i[1] - 5 * i[3] + i[5];                                                              \
    } while (0)
/// G: 3 kernel taps to 6.
#define G_(i, o)                                                                                          \
    do {                                                                                                \
        o[0] = i[0] * 0.25f;                                                                            \
        o[1] = (i[0] + i[1] + i[2]) * (-1.0f / 6);                                                      \
        o[2] = (i[0] - i[1] + i[2]) * (-1.0f / 6);                                                      \
        o[3] = i[0] * (1.0f / 24) + i[1] * (1.0f / 12) + i[2] * (1.0f / 6);                             \
        o[4] = i[0] * (1.0f / 24) - i[1] * (1.0f / 12) + i[2] * (1.0f / 6);                             \
        o[5] = i[2];                                                                                    \
    } while (0)
/// Aᵀ: 6 products to 4 outputs.
#define A_T(i, o)                                                                                         \
    do {                                                                                                \
        o[0] = i[0] + i[1] + i[2] + i[3] + i[4];                                                        \
        o[1] = i[1] - i[2] + 2 * (i[3] - i[4]);                                                         \
        o[2] = i[1] + i[2] + 4 * (i[3] + i[4]);                                                         \
        o[3] = i[1] - i[2] + 8 * (i[3] - i[4]) + i[5];                                                  \
    } while (0)
/// A: 4 output gradients to 6 (the kernel gradient's "filter" transform).
#define A_(i, o)                                                                                          \
    do {                                                                                                \
        o[0] = i[0];                                                                                    \
        o[1] = i[0] + i[1] + i[2] + i[3];                                                               \
        o[2] = i[0] - i[1] + i[2] - i[3];                                                               \
        o[3] = i[0] + 2 * i[1] + 4 * i[2] + 8 * i[3];                                                   \
        o[4] = i[0] - 2 * i[1] + 4 * i[2] - 8 * i[3];                                                   \
        o[5] = i[3];                                                                                    \
    } while (0)
/// Gᵀ: 6 transformed sums to 3 kernel taps.
#define G_T(i, o)                                                                                         \
    do {                                                                                                \
        o[0] = i[0] * 0.25f - (i[1] + i[2]) * (1.0f / 6) + (i[3] + i[4]) * (1.0f / 24);                 \
        o[1] = (i[2] - i[1]) * (1.0f / 6) + (i[3] - i[4]) * (1.0f / 12);                                \
        o[2] = (i[3] + i[4] - i[1] - i[2]) * (1.0f / 6) + i[5];                                         \
    } while (0)

/// out = L in Lᵀ for an n×n array `in` and a 1-D transform L from n to m values (T: float or vector16).
#define TWO_D(T, TRANSFORM, n, m, in, out)                                                                \
    do {                                                                                                \
        T col_[n], res_[m], half_[m][n];                                                                \
        for (int b_ = 0; b_ < (n); b_++) {                                                              \
            for (int a_ = 0; a_ < (n); a_++) col_[a_] = in[a_][b_];                                     \
            TRANSFORM(col_, res_);                                                                      \
            for (int a_ = 0; a_ < (m); a_++) half_[a_][b_] = res_[a_];                                  \
        }                                                                                               \
        for (int a_ = 0; a_ < (m); a_++) TRANSFORM(half_[a_], out[a_]);                                 \
    } while (0)

/// For every channel pair p of `pairs` (16 at a time, then one by one): out[k, p] = L in L'ᵀ, in[k, p] read as an
/// n×n array, L the 1-D transform from n to m values (the kernel to its transform and back).
#define PAIR_TRANSFORM(T, p, TRANSFORM, n, m, in, out)                                                    \
    do {                                                                                                \
        T from_[n][n], to_[m][m];                                                                       \
        for (int k_ = 0; k_ < (n) * (n); k_++) from_[k_ / (n)][k_ % (n)] = AT(T, in, k_ * pairs + (p)); \
        TWO_D(T, TRANSFORM, n, m, from_, to_);                                                          \
        for (int k_ = 0; k_ < (m) * (m); k_++) *(T *)((out) + k_ * pairs + (p)) = to_[k_ / (m)][k_ % (m)]; \
    } while (0)
#define EVERY_PAIR(TRANSFORM, n, m, in, out)                                                              \
    do {                                                                                                \
        long p_ = 0;                                                                                    \
        for (; p_ + 16 <= pairs; p_ += 16) PAIR_TRANSFORM(vector16, p_, TRANSFORM, n, m, in, out);      \
        for (; p_ < pairs; p_++) PAIR_TRANSFORM(float, p_, TRANSFORM, n, m, in, out);                   \
    } while (0)

/// u = G g Gᵀ for the 3×3 filter g of every channel pair.
FOLIO_CLONES
void folio_winograd_kernel_transform(const float *kernel, long channels, long filters, float *u) {
    long pairs = channels * filters;
    EVERY_PAIR(G_, 3, 6, kernel, u);
}

/// The input gradient's kernel: u [36, F, C] = G g' Gᵀ for g'[a, b, f, c] = kernel[2 − a, 2 − b, c, f], written
/// first to `flipped` (9 · C · F floats) so that the transform still reads 16 consecutive pairs at a time.
FOLIO_CLONES
void folio_winograd_flipped_kernel_transform(const float *kernel, long channels, long filters, float *flipped,
                                             float *u) {
    for (int tap = 0; tap < 9; tap++) {
        const float *from = kernel + (8 - tap) * channels * filters;
        float *to = flipped + tap * channels * filters;
        for (long c = 0; c < channels; c++)
            for (long f = 0; f < filters; f++) to[f * channels + c] = from[c * filters + f];
    }
    folio_winograd_kernel_transform(flipped, filters, channels, u);
}

long folio_winograd_kernel_floats(long channels, long filters) { return XI * channels * filters; }

long folio_winograd_scratch_floats(long channels, long filters) {
    long group = FORWARD_TILES > GRADIENT_TILES ? FORWARD_TILES : GRADIENT_TILES;
    return XI * group * (channels + filters);
}

/// V_ξ[t, c…] for tile t whose input block starts at (y0, x0), channels c… (T: float or vector16, one or 16 of
/// them): d = the 6×6 block (READ(T, y, x): its value at image row y, column x), V = Bᵀ d B.
#define INPUT_TRANSFORM(T, c, READ)                                                                       \
    do {                                                                                                \
        T d_[6][6], v6_[6][6];                                                                          \
        for (int a_ = 0; a_ < 6; a_++)                                                                  \
            for (int b_ = 0; b_ < 6; b_++) d_[a_][b_] = READ(T, y0 + a_, x0 + b_, c);                   \
        TWO_D(T, B_T, 6, 6, d_, v6_);                                                                   \
        for (int xi_ = 0; xi_ < XI; xi_++) *(T *)(v + (xi_ * group + t) * channels + (c)) = v6_[xi_ / 6][xi_ % 6]; \
    } while (0)
#define INSIDE(T, y, x, c) AT(T, image, ((y) * width + (x)) * channels + (c))
#define CHECKED(T, y, x, c) ((y) >= 0 && (y) < height && (x) >= 0 && (x) < width ? INSIDE(T, y, x, c) : (T){0})

/// One tile's input transform for every channel: 16 at a time, then one by one.
#define TRANSFORM_CHANNELS(READ)                                                                          \
    do {                                                                                                \
        long c_ = 0;                                                                                    \
        for (; c_ + 16 <= channels; c_ += 16) INPUT_TRANSFORM(vector16, c_, READ);                      \
        for (; c_ < channels; c_++) INPUT_TRANSFORM(float, c_, READ);                                   \
    } while (0)

/// The 4×4 output tiles of a batch, numbered image by image, row by row: tile g is image g / per_image, its outputs
/// from (4·⌊(g mod per_image) / across⌋, 4·((g mod per_image) mod across)), its 6×6 input block there less the
/// padding. A group of tiles may span images (the kernel gradient sums over all of them).
struct tiling {
    long height, width, channels, pad_top, pad_left, out_height, out_width, across, per_image;
};

static struct tiling make_tiling(long height, long width, long channels, long pad_top, long pad_left,
                                 long out_height, long out_width) {
    long across = (out_width + SIDE - 1) / SIDE;
    return (struct tiling){height, width, channels, pad_top, pad_left, out_height, out_width, across,
                           across * ((out_height + SIDE - 1) / SIDE)};
}

/// V[36, group, C] for tiles first…first + count − 1 of x (then zeros up to `rows`).
static inline __attribute__((always_inline)) void transform_inputs(const float *restrict x, struct tiling s,
                                                                   long group, long first, long count, long rows,
                                                                   float *restrict v) {
    long height = s.height, width = s.width, channels = s.channels;
    for (long t = 0; t < rows; t++) {
        long g = t < count ? first + t : first;  // past the last tile: a block wholly outside, so zeros
        long tile = g % s.per_image;
        const float *image = x + g / s.per_image * height * width * channels;
        long y0 = SIDE * (tile / s.across) - s.pad_top, x0 = SIDE * (tile % s.across) - s.pad_left;
        if (t >= count) y0 = -6;
        if (y0 >= 0 && y0 + 6 <= height && x0 >= 0 && x0 + 6 <= width) {
            TRANSFORM_CHANNELS(INSIDE);
        } else {
            TRANSFORM_CHANNELS(CHECKED);
        }
    }
}

FOLIO_CLONES
void folio_winograd_convolve(const float *x, long images, long height, long width, long channels, long pad_top,
                             long pad_left, long out_height, long out_width, const float *u, long filters,
                             int accumulate, float *scratch, float *z) {
    struct tiling s = make_tiling(height, width, channels, pad_top, pad_left, out_height, out_width);
    long tiles = images * s.per_image, row = out_width * filters;
    long group = FORWARD_TILES;
    float *v = scratch, *m = scratch + XI * group * channels;
    for (long first = 0; first < tiles; first += group) {
        long count = tiles - first < group ? tiles - first : group, panels = (count + PANEL - 1) / PANEL;
        transform_inputs(x, s, group, first, count, panels * PANEL, v);
        // M_ξ[t, f…f+15] = Σ_c V_ξ[t, c] · U_ξ[c, f…]: six tiles by 16 filters in registers
        for (int xi = 0; xi < XI; xi++)
            for (long f = 0; f < filters; f += 16)
                for (long p = 0; p < panels; p++) {
                    const float *a = v + (xi * group + p * PANEL) * channels;
                    const float *b = u + xi * channels * filters + f;
                    vector16 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, s4 = {0}, s5 = {0};
                    for (long k = 0; k < channels; k++) {
                        vector16 bk = LOAD(b + k * filters);
                        s0 += a[k] * bk;
                        s1 += a[channels + k] * bk;
                        s2 += a[2 * channels + k] * bk;
                        s3 += a[3 * channels + k] * bk;
                        s4 += a[4 * channels + k] * bk;
                        s5 += a[5 * channels + k] * bk;
                    }
                    float *mp = m + (xi * group + p * PANEL) * filters + f;
                    STORE(mp, s0);
                    STORE(mp + filters, s1);
                    STORE(mp + 2 * filters, s2);
                    STORE(mp + 3 * filters, s3);
                    STORE(mp + 4 * filters, s4);
                    STORE(mp + 5 * filters, s5);
                }
        // Y = Aᵀ M A; the last row or column of tiles may stick out of z
        for (long t = 0; t < count; t++) {
            long tile = (first + t) % s.per_image, oy = SIDE * (tile / s.across), ox = SIDE * (tile % s.across);
            float *out = z + (first + t) / s.per_image * out_height * row + (oy * out_width + ox) * filters;
            for (long f = 0; f < filters; f += 16) {
                vector16 m6[6][6], y[4][4];
                for (int xi = 0; xi < XI; xi++) m6[xi / 6][xi % 6] = LOAD(m + (xi * group + t) * filters + f);
                TWO_D(vector16, A_T, 6, 4, m6, y);
                for (int i = 0; i < SIDE && oy + i < out_height; i++)
                    for (int j = 0; j < SIDE && ox + j < out_width; j++) {
                        float *to = out + i * row + j * filters + f;
                        STORE(to, accumulate ? LOAD(to) + y[i][j] : y[i][j]);
                    }
            }
        }
    }
}

/// D[36, group, F] for the output-gradient tiles first…first + count − 1 of dz: each 4×4 tile of dz (0 outside
/// the output) as D = A d Aᵀ.
static inline __attribute__((always_inline)) void transform_gradients(const float *restrict dz, struct tiling s,
                                                                      long filters, long group, long first,
                                                                      long count, float *restrict d) {
    long row = s.out_width * filters;
    for (long t = 0; t < count; t++) {
        long tile = (first + t) % s.per_image, oy = SIDE * (tile / s.across), ox = SIDE * (tile % s.across);
        const float *at = dz + (first + t) / s.per_image * s.out_height * row + (oy * s.out_width + ox) * filters;
        int inside = oy + SIDE <= s.out_height && ox + SIDE <= s.out_width;
        for (long f = 0; f < filters; f += 16) {
            vector16 g[4][4], e[6][6];
            for (int i = 0; i < SIDE; i++)
                for (int j = 0; j < SIDE; j++) {
                    int here = inside || (oy + i < s.out_height && ox + j < s.out_width);
                    g[i][j] = here ? LOAD(at + i * row + j * filters + f) : (vector16){0};
                }
            TWO_D(vector16, A_, 4, 6, g, e);
            for (int xi = 0; xi < XI; xi++) STORE(d + (xi * group + t) * filters + f, e[xi / 6][xi % 6]);
        }
    }
}

/// M_ξ[c…c+R−1, f…f+15] += Σ_t V_ξ[t, c…] · D_ξ[t, f…] over a group (k tiles), R channels at once.
#define GRADIENT_PANEL(R)                                                                                 \
    do {                                                                                                \
        const float *a = v + xi * group * channels + c, *b = d + xi * group * filters + f;               \
        float *mp = m + (xi * channels + c) * filters + f;                                              \
        vector16 acc_[R];                                                                               \
        for (int r_ = 0; r_ < (R); r_++) acc_[r_] = fresh ? (vector16){0} : LOAD(mp + r_ * filters);    \
        for (long t_ = 0; t_ < k; t_++) {                                                               \
            vector16 bk_ = LOAD(b + t_ * filters);                                                      \
            for (int r_ = 0; r_ < (R); r_++) acc_[r_] += a[t_ * channels + r_] * bk_;                   \
        }                                                                                               \
        for (int r_ = 0; r_ < (R); r_++) STORE(mp + r_ * filters, acc_[r_]);                            \
    } while (0)

FOLIO_CLONES
void folio_winograd_gradient_accumulate(const float *x, long images, long height, long width, long channels,
                                        long pad_top, long pad_left, long out_height, long out_width, const float *dz,
                                        long filters, int overwrite, float *scratch, float *m) {
    struct tiling s = make_tiling(height, width, channels, pad_top, pad_left, out_height, out_width);
    long tiles = images * s.per_image;
    long group = GRADIENT_TILES;
    float *v = scratch, *d = scratch + XI * group * channels;
    for (long first = 0; first < tiles; first += group) {
        long k = tiles - first < group ? tiles - first : group;
        int fresh = overwrite && first == 0;
        transform_inputs(x, s, group, first, k, k, v);
        transform_gradients(dz, s, filters, group, first, k, d);
        // M_ξ[c, f] += Σ_t V_ξ[t, c] · D_ξ[t, f]: six channels by 16 filters in registers
        for (int xi = 0; xi < XI; xi++)
            for (long f = 0; f < filters; f += 16) {
                long c = 0;
                for (; c + 6 <= channels; c += 6) GRADIENT_PANEL(6);
                for (; c + 2 <= channels; c += 2) GRADIENT_PANEL(2);
                for (; c < channels; c++) GRADIENT_PANEL(1);
            }
    }
}

/// dkernel = Gᵀ M G for the transformed sum M of every channel pair.
FOLIO_CLONES
void folio_winograd_gradient_finish(const float *m, long channels, long filters, float *dkernel) {
    long pairs = channels * filters;
    EVERY_PAIR(G_T, 6, 3, m, dkernel);
}

#include "softmax.h"
#include "fast_math.h"
#include "vector16.h"

typedef int vector16i __attribute__((vector_size(64), aligned(4)));

// e^x in each of 16 lanes: fast_exp per lane, which the compiler turns into one vector of operations.
#define EXP16(v)                                                                                    \
    ({                                                                                              \
        float e_[16];                                                                               \
        STORE(e_, (v));                                                                             \
        for (int k_ = 0; k_ < 16; k_++) e_[k_] = fast_exp(e_[k_]);                                  \
        LOAD(e_);                                                                                   \
    })

// Rows of n ≥ 16 floats run as whole vectors only: those at 0, 16, … and, when 16 does not divide n, one more
// at n − 16 that overlaps the one before it (attention's rows are often 28 long: two vectors, where a scalar
// tail of 12 took three times as long as the rest of the row). The overlapped lanes are computed twice from the
// same inputs, so both stores agree; sums leave them out of the last vector (NEW_LANES).

/// The last vector's lanes that no earlier vector covered (the top `rest` ones) as they are, the others 0.
/// A macro for the reason SUM16 is one (vector16.h).
#define NEW_LANES(v, rest)                                                                          \
    ({                                                                                              \
        const vector16i index_ = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};            \
        (vector16)((vector16i)(v) & (index_ >= (int)(16 - (rest))));                                \
    })

typedef float vector4 __attribute__((vector_size(16), aligned(4)));

/// The largest of the 16 lanes of v, NaNs skipped, by halving vectors (a reduction intrinsic became 15 scalar
/// steps, each with its own NaN test). A macro for the reason SUM16 is one.
#define MAX16(v)                                                                                    \
    ({                                                                                              \
        vector8 h_ = __builtin_elementwise_max(__builtin_shufflevector((v), (v), 0, 1, 2, 3, 4, 5, 6, 7), \
                                               __builtin_shufflevector((v), (v), 8, 9, 10, 11, 12, 13, 14, 15)); \
        vector4 q_ = __builtin_elementwise_max(__builtin_shufflevector(h_, h_, 0, 1, 2, 3),         \
                                               __builtin_shufflevector(h_, h_, 4, 5, 6, 7));        \
        fmaxf(fmaxf(q_[0], q_[1]), fmaxf(q_[2], q_[3]));                                            \
    })

/// softmax(scale · row) in place for n ≥ 16, as vectors.
static inline __attribute__((always_inline)) void softmax_long_row(float *row, long n, float scale) {
    long full = n / 16 * 16, rest = n - full;
    vector16 lanes = LOAD(row);
    for (long j = 16; j < full; j += 16) lanes = __builtin_elementwise_max(lanes, LOAD(row + j));
    if (rest) lanes = __builtin_elementwise_max(lanes, LOAD(row + n - 16));
    // NaNs are skipped here and spread through the exp; a maximum is exact, so lanes combine in any order
    float m = MAX16(lanes);
    // the last vector first, while the lanes it shares with the one before are still the scores
    vector16 last = rest ? EXP16((LOAD(row + n - 16) - m) * scale) : (vector16){0};
    vector16 sum = rest ? NEW_LANES(last, rest) : (vector16){0};
    for (long j = 0; j < full; j += 16) {
        vector16 e = EXP16((LOAD(row + j) - m) * scale);
        STORE(row + j, e);
        sum += e;
    }
    float inv = 1 / SUM16(sum);
    for (long j = 0; j < full; j += 16) STORE(row + j, LOAD(row + j) * inv);
    if (rest) STORE(row + n - 16, last * inv);
}

/// softmax(scale · row) in place for 1 ≤ n < 16 (a classifier's 10 classes, a causal row's first steps).
static inline __attribute__((always_inline)) void softmax_short_row(float *row, long n, float scale) {
    float m = row[0];
    for (long j = 1; j < n; j++) m = row[j] > m ? row[j] : m;  // NaNs skipped, as in MAX16
    // scale > 0, so the largest scaled score is scale · m and every exponent is ≤ 0
#pragma clang loop vectorize(assume_safety)
    for (long j = 0; j < n; j++) row[j] = fast_exp((row[j] - m) * scale);
#define ROW_TERM(T) AT(T, row, j)
    float inv = 1 / FOLIO_SUM(n, j, ROW_TERM);
#undef ROW_TERM
#pragma clang loop vectorize(assume_safety)
    for (long j = 0; j < n; j++) row[j] *= inv;
}

FOLIO_CLONES
void folio_softmax_rows(long rows, long cols, float *s, long ld, float scale, int causal) {
    for (long i = 0; i < rows; i++) {
        float *row = s + i * ld;
        long n = causal && i + 1 < cols ? i + 1 : cols;
        if (n >= 16) softmax_long_row(row, n, scale); else softmax_short_row(row, n, scale);
        for (long j = n; j < cols; j++) row[j] = 0;
    }
}

/// One row of the softmax backward, n ≥ 16, as vectors (see softmax_long_row).
static inline __attribute__((always_inline)) void softmax_backward_long_row(long n, const float *y, const float *g,
                                                                           float *d, float scale, int accumulate) {
    long full = n / 16 * 16, rest = n - full;
    vector16 dots = rest ? NEW_LANES(LOAD(y + n - 16) * LOAD(g + n - 16), rest) : (vector16){0};
    for (long j = 0; j < full; j += 16) dots += LOAD(y + j) * LOAD(g + j);
    float dot = SUM16(dots);
    // the last vector first, while d's lanes it shares with the one before are unchanged (d may be g)
    vector16 last = {0};
    if (rest) {
        long o = n - 16;
        last = scale * LOAD(y + o) * (LOAD(g + o) - dot);
        if (accumulate) last += LOAD(d + o);
    }
    for (long j = 0; j < full; j += 16) {
        vector16 v = scale * LOAD(y + j) * (LOAD(g + j) - dot);
        STORE(d + j, accumulate ? LOAD(d + j) + v : v);
    }
    if (rest) STORE(d + n - 16, last);
}

FOLIO_CLONES
void folio_softmax_backward_rows(long rows, long cols, const float *y, const float *dy, float *dx, float scale,
                                 int accumulate) {
    for (long i = 0; i < rows; i++) {
        const float *yr = y + i * cols, *gr = dy + i * cols;
        float *dr = dx + i * cols;
        if (cols >= 16) {
            softmax_backward_long_row(cols, yr, gr, dr, scale, accumulate);
            continue;
        }
#define DOT_TERM(T) (AT(T, yr, j) * AT(T, gr, j))
        float dot = FOLIO_SUM(cols, j, DOT_TERM);
#undef DOT_TERM
        // In place (dr == gr) each element is read before it is written, so vectorising is safe.
        if (accumulate) {
#pragma clang loop vectorize(assume_safety)
            for (long j = 0; j < cols; j++) dr[j] += scale * yr[j] * (gr[j] - dot);
        } else {
#pragma clang loop vectorize(assume_safety)
            for (long j = 0; j < cols; j++) dr[j] = scale * yr[j] * (gr[j] - dot);
        }
    }
}

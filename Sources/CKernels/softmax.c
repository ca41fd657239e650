#include "softmax.h"
#include "fast_math.h"
#include "vector16.h"

// Largest of row[0..<n] (n ≥ 1); NaNs are skipped here and spread through the exp. A maximum is exact,
// so the lanes may combine in any order.
static inline __attribute__((always_inline)) float row_max(const float *row, long n) {
    vector16 lanes = (vector16){0} - INFINITY;
    long j = 0;
    for (; j + 16 <= n; j += 16) lanes = __builtin_elementwise_max(lanes, LOAD(row + j));
    float m = n >= 16 ? __builtin_reduce_max(lanes) : -INFINITY;
    for (; j < n; j++) m = row[j] > m ? row[j] : m;
    return m;
}

FOLIO_CLONES
void folio_softmax_rows(long rows, long cols, float *s, long ld, float scale, int causal) {
    for (long i = 0; i < rows; i++) {
        float *row = s + i * ld;
        long n = causal && i + 1 < cols ? i + 1 : cols;
        float m = row_max(row, n);
        // scale > 0, so the largest scaled score is scale · m and every exponent is ≤ 0
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < n; j++) row[j] = fast_exp((row[j] - m) * scale);
#define ROW_TERM(T) AT(T, row, j)
        float inv = 1 / FOLIO_SUM(n, j, ROW_TERM);
#undef ROW_TERM
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < n; j++) row[j] *= inv;
        for (long j = n; j < cols; j++) row[j] = 0;
    }
}

FOLIO_CLONES
void folio_softmax_backward_rows(long rows, long cols, const float *y, const float *dy, float *dx, float scale,
                                 int accumulate) {
    for (long i = 0; i < rows; i++) {
        const float *yr = y + i * cols, *gr = dy + i * cols;
        float *dr = dx + i * cols;
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

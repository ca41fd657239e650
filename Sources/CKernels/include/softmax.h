#ifndef FOLIO_SOFTMAX_H
#define FOLIO_SOFTMAX_H

// Row-wise softmax for attention (CKernels.h says why in C): `rows` rows of `cols` floats, row i at
// s + i·ld. Each row's sums run in a fixed order (vector16.h), so results do not depend on threads.

/// Each row in place becomes softmax(scale · row[0..<n]), n = cols, or i + 1 for row i when `causal`
/// (a step attends only to itself and earlier ones); the entries from n on become exactly 0. The exp is
/// fast_exp (fast_math.h).
void folio_softmax_rows(long rows, long cols, float *s, long ld, float scale, int causal);

/// Softmax backward from its output y, per row of `cols`: g = scale · y ⊙ (dy − Σ dy ⊙ y), written to dx
/// (dx = g), or added (dx += g) when `accumulate`. dx may be dy (in place); y, dy, dx are contiguous.
void folio_softmax_backward_rows(long rows, long cols, const float *y, const float *dy, float *dx, float scale,
                                 int accumulate);

#endif

#ifndef FOLIO_NORMALIZATION_H
#define FOLIO_NORMALIZATION_H

// Layer normalisation over rows of `cols` features (CKernels.h says why in C): x, xhat, y, dy, dx are
// [rows, cols] and contiguous; gamma, beta, dgamma, dbeta are [cols]; inv_std is [rows]. A row's sums run
// in a fixed order (vector16.h), so a result does not depend on how the caller splits rows among threads.

/// Per row, with its mean μ and biased variance σ²: inv_std = 1/√(σ² + ε), xhat = (x − μ) · inv_std,
/// y = gamma ⊙ xhat + beta.
void folio_layer_norm_forward(long rows, long cols, const float *x, const float *gamma, const float *beta,
                              float epsilon, float *xhat, float *inv_std, float *y);

/// dx += inv_std · (g − mean(g) − xhat · mean(g ⊙ xhat)) per row, with g = dy ⊙ gamma; with `overwrite`,
/// dx = that term (dx's old contents are not read, so NaN there is ignored).
void folio_layer_norm_backward(long rows, long cols, const float *dy, const float *gamma, const float *xhat,
                               const float *inv_std, float *dx, int overwrite);

/// dgamma[c] += Σ_r dy[r·ld + c]·xhat[r·ld + c] and dbeta[c] += Σ_r dy[r·ld + c] for c < cols (either may be
/// NULL): each column over the rows in order, so the result is the same for every thread count and for any split
/// of the columns between calls (a block of columns: pointers at its first column, ld the full width).
void folio_layer_norm_parameter_grads(long rows, long cols, long ld, const float *dy, const float *xhat,
                                      float *dgamma, float *dbeta);

#endif

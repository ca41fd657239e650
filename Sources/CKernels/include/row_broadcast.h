#ifndef FOLIO_ROW_BROADCAST_H
#define FOLIO_ROW_BROADCAST_H

// A row vector against the rows of a [rows, cols] matrix, contiguous: a layer's bias and its gradient
// (CKernels.h says why in C).

/// y[r, c] += bias[c] for every row; with `relu`, y[r, c] = max(y[r, c] + bias[c], 0), NaN kept.
void folio_add_row_vector(long rows, long cols, const float *bias, float *y, int relu);

/// out[c] += Σ_r x[r·ld + c] for c < cols, each column summed in row order, so the result is independent of
/// the CPU's vector width and of how the columns are split between calls (but not of a split of the rows).
void folio_add_column_sums(long rows, long cols, long ld, const float *x, float *out);

#endif

#ifndef FOLIO_ELEMENTWISE_H
#define FOLIO_ELEMENTWISE_H

// Elementwise passes over contiguous buffers (CKernels.h says why in C): a residual connection's sum and
// the gradient accumulations of the tape. Each element is computed on its own, so a result never depends on
// how the caller splits the buffer between threads.

/// y[i] = a[i] + b[i] for i < n (y may be a or b).
void folio_add(long n, const float *a, const float *b, float *y);

/// y[i] += alpha · x[i] for i < n, the product rounded before the sum (no fused multiply-add), as Swift's
/// loop computed it.
void folio_accumulate(long n, const float *x, float alpha, float *y);

#endif

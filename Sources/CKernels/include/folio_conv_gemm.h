#ifndef FOLIO_CONV_GEMM_H
#define FOLIO_CONV_GEMM_H

#include "window_kernels.h"

// A convolution's two products with its receptive fields, computed from the images themselves ("implicit
// im2col"): the micro-kernels read each field's kernel rows where they lie in the image, so the fields are never
// copied out. Same blocks and summation order as folio_sgemm over the unfolded rows, so the same bits.
// Single-threaded, on the SGEMM's kernels (AVX-512 or AVX2): call them only where folio_conv_gemm_applies says yes.

/// 1 when these products can run for this geometry and filter count: Folio's kernel is available, every window
/// lies inside the image, the output rows are at least 8 wide (a row of outputs is a micro-tile's rows) and a
/// kernel row's Kw·C inputs at least 16 (a run of contiguous k steps) and at most 2016 (its packed panels fit the
/// packing scratch); 0 otherwise (unfold with im2col instead).
int folio_conv_gemm_applies(const struct folio_window *g, long filters);

/// z[P, F] = fields[P, K] · kernel[K, F] for the P = images·Ho·Wo positions of x [images, H, W, C], K = Kh·Kw·C;
/// z is overwritten. kernel is [Kh, Kw, C, F] row-major.
void folio_conv_gemm_forward(const float *x, long images, const struct folio_window *g, const float *kernel,
                             long filters, float *z);

/// dkernel[K, F] += fields[P, K]ᵀ · dz[P, F]; with `overwrite`, dkernel = the product (its old values not read).
void folio_conv_gemm_kernel_grad(const float *x, long images, const struct folio_window *g, const float *dz,
                                 long filters, float *dkernel, int overwrite);

/// dx [images, H, W, C] += the scatter of dz[P, F] · kernelᵀ onto the fields (col2im of the product, without the
/// product's [P, K] matrix); with `overwrite`, dx is cleared first. Adds in a different order from col2im.
void folio_conv_gemm_input_grad(const float *dz, long images, const struct folio_window *g, const float *kernel,
                                long filters, float *dx, int overwrite);

#endif

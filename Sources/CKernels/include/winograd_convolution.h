#ifndef FOLIO_WINOGRAD_CONVOLUTION_H
#define FOLIO_WINOGRAD_CONVOLUTION_H

/// 3×3, stride-1 convolutions by Winograd's minimal filtering F(4×4, 3×3) (Lavin and Gray, 2015): each 4×4
/// block of outputs comes from a 6×6 block of input through 36 products per channel pair instead of 144, so a
/// layer with many channels does up to 4× fewer multiply-adds than im2col and a product (3.4× on an 11×11
/// output, whose 3×3 tiles cover 12×12). The transforms' coefficients (up to 8, down to 1/24) cost some
/// precision: outputs agree with the direct sum to ~1e-5 of their magnitude (WinogradTests).
///
/// Floats of the kernel transformed (and of a kernel gradient's transformed sum): 36 · channels · filters.
long folio_winograd_kernel_floats(long channels, long filters);

/// The kernel [3, 3, channels, filters] once per weights: u is [36, channels, filters].
void folio_winograd_kernel_transform(const float *kernel, long channels, long filters, float *u);

/// The kernel for the input gradient, which is the convolution of dz by the kernel turned half a turn with its
/// channel and filter axes swapped: u [36, filters, channels] from kernel [3, 3, channels, filters], through
/// `flipped` (9 · channels · filters floats of scratch). Then `folio_winograd_convolve` of dz (channels = filters,
/// filters = channels, padding 2 − the forward's, output the input's size) gives dx.
void folio_winograd_flipped_kernel_transform(const float *kernel, long channels, long filters, float *flipped,
                                             float *u);

/// Floats of scratch space `folio_winograd_convolve` needs per calling thread.
long folio_winograd_scratch_floats(long channels, long filters);

/// z[n, i, j, f] = Σ_{a, b < 3, c} x[n, i + a − pad_top, j + b − pad_left, c] · kernel[a, b, c, f]
/// (input outside [0, height) × [0, width) reads as 0) for i < out_height, j < out_width, with u from
/// `folio_winograd_kernel_transform`. x: [images, height, width, channels]; z: [images, out_height, out_width,
/// filters]. filters must be a multiple of 16. With `accumulate`, z += the convolution instead.
void folio_winograd_convolve(const float *x, long images, long height, long width, long channels, long pad_top,
                             long pad_left, long out_height, long out_width, const float *u, long filters,
                             int accumulate, float *scratch, float *z);

/// The kernel gradient's sum in the transformed domain, F(3×3, 4×4) (x's 6×6 blocks by dz's 4×4 tiles):
/// m [36, channels, filters] += (or with `overwrite`, =) the contribution of `images` images of x (as in the
/// convolution) and of dz [images, out_height, out_width, filters]; `folio_winograd_gradient_finish` turns the
/// sum into dkernel[a, b, c, f] = Σ_{n, i, j} x[n, i + a − pad_top, j + b − pad_left, c] · dz[n, i, j, f].
void folio_winograd_gradient_accumulate(const float *x, long images, long height, long width, long channels,
                                        long pad_top, long pad_left, long out_height, long out_width, const float *dz,
                                        long filters, int overwrite, float *scratch, float *m);

/// dkernel [3, 3, channels, filters] = the kernel gradient m holds (overwritten).
void folio_winograd_gradient_finish(const float *m, long channels, long filters, float *dkernel);

#endif

#ifndef FOLIO_DIRECT_CONVOLUTION_H
#define FOLIO_DIRECT_CONVOLUTION_H

/// Convolution of single-channel images (stride 1, no padding) fused with the 2×2, stride-2 max pooling
/// after it, without the convolution's output ever leaving registers: for each pooled position the four
/// outputs of its window are summed tap by tap (16 filters at a time), compared, and only the pooled value
/// (+ bias, then relu when `relu`) and the winning tap (0…3 as a float, first maximal tap on ties) are
/// written. x: [images, height, width], kernel: [kh·kw, filters], bias: [filters] or NULL;
/// y, codes: [images, pooled_h, pooled_w, filters] with pooled_h ≤ (height − kh + 1) / 2 (and so for w).
void folio_conv1_max_pool_2x2(const float *x, long images, long height, long width, long kh, long kw,
                              const float *kernel, long filters, const float *bias, int relu,
                              long pooled_h, long pooled_w, float *y, float *codes);

/// The backward of `folio_conv1_max_pool_2x2` for the kernel and the bias only (a first layer's input needs
/// no gradient): dKernel[tap, f] += Σ g · x[winner + tap] and dBias[f] += Σ g over every pooled window,
/// where g = dy, or 0 when `relu` and the pooled value y is not positive, and the winner is the input
/// position of the window's output that `codes` names. Arguments as in the forward; dKernel:
/// [kh·kw, filters], dBias: [filters], both accumulated into. One 64-byte sum per tap lives on the stack, so
/// callers keep kh·kw small (ConvPoolOp: at most 49).
void folio_conv1_max_pool_2x2_backward(const float *x, long images, long height, long width, long kh, long kw,
                                       long filters, int relu, long pooled_h, long pooled_w, const float *y,
                                       const float *dy, const float *codes, float *dKernel, float *dBias);

#endif

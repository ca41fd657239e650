#ifndef FOLIO_WINDOW_KERNELS_H
#define FOLIO_WINDOW_KERNELS_H
// The convolution's and pooling's memory-bound passes over NHWC images, in C so that each runs
// with the widest vectors the CPU has (the Swift engine is built for baseline x86-64).

/// A 2-D sliding window over [N, H, W, C] images (Swift's WindowGeometry, batch aside).
struct folio_window {
    long height, width, channels;
    long kernel_h, kernel_w, stride_y, stride_x, pad_top, pad_left;
    long out_h, out_w;
};

/// dx[n] += the scatter of cols[n] for `images` images: cols is [images·Ho·Wo, Kh·Kw·C], dx
/// [images, H, W, C]. With `overwrite`, each image of dx is cleared first (while it is in cache).
void folio_col2im(const float *cols, long images, const struct folio_window *g, float *dx, int overwrite);

/// 2×2, stride-2 max pooling of `images` images recording the winning tap (0…3, first maximal
/// tap on ties) as a float: y, codes [images, Ho, Wo, C]. With `bias` ([C], may be NULL) and
/// `relu`, y = max(max of taps + bias, 0); a NaN stays NaN.
void folio_max_pool_2x2_codes(const float *x, long images, const struct folio_window *g, const float *bias,
                              int relu, float *y, float *codes);

/// Its adjoint: dx [images, H, W, C] gets dy at each window's winning tap and 0 elsewhere (also
/// where `positive_only` and y ≤ 0); `db` ([C], may be NULL) gets += the routed gradient per channel.
void folio_max_pool_2x2_codes_backward(const float *dy, const float *y, const float *codes, long images,
                                       const struct folio_window *g, int positive_only, float *dx, float *db);

#endif

// Vectorised over channels: in NHWC the C values of one pixel are contiguous, so every inner loop
// runs over ch with unit stride, and `restrict` lets the compiler use masked AVX-512 tails.
#include "window_kernels.h"
#include "fast_math.h"
#include <string.h>

FOLIO_CLONES
void folio_col2im(const float *restrict cols, long images, const struct folio_window *g, float *restrict dx,
                  int overwrite) {
    const long c = g->channels, image_size = g->height * g->width * c;
    const long row_length = g->kernel_h * g->kernel_w * c, span = g->kernel_w * c;
    for (long n = 0; n < images; n++) {
        float *image = dx + n * image_size;
        if (overwrite) memset(image, 0, (size_t)image_size * sizeof(float));
        const float *src = cols + n * g->out_h * g->out_w * row_length;
        for (long oh = 0; oh < g->out_h; oh++) {
            for (long ow = 0; ow < g->out_w; ow++, src += row_length) {
                const long iy0 = oh * g->stride_y - g->pad_top, ix0 = ow * g->stride_x - g->pad_left;
                const int inside_x = ix0 >= 0 && ix0 + g->kernel_w <= g->width;
                for (long ky = 0; ky < g->kernel_h; ky++) {
                    const long iy = iy0 + ky;
                    if (iy < 0 || iy >= g->height) continue;
                    const float *s = src + ky * span;
                    float *d = image + (iy * g->width + ix0) * c;
                    if (inside_x) {  // the kernel row's taps are adjacent pixels: one contiguous span
                        for (long j = 0; j < span; j++) d[j] += s[j];
                        continue;
                    }
                    for (long kx = 0; kx < g->kernel_w; kx++) {
                        const long ix = ix0 + kx;
                        if (ix < 0 || ix >= g->width) continue;
                        for (long ch = 0; ch < c; ch++) d[kx * c + ch] += s[kx * c + ch];
                    }
                }
            }
        }
    }
}

FOLIO_CLONES
void folio_max_pool_2x2_codes(const float *restrict x, long images, const struct folio_window *g,
                              const float *restrict bias, int relu, float *restrict y, float *restrict codes) {
    const long c = g->channels, row = g->width * c;
    for (long n = 0; n < images; n++) {
        for (long oh = 0; oh < g->out_h; oh++) {
            for (long ow = 0; ow < g->out_w; ow++) {
                const float *p0 = x + ((n * g->height + 2 * oh) * g->width + 2 * ow) * c;
                const float *p1 = p0 + c, *p2 = p0 + row, *p3 = p2 + c;
                const long o = ((n * g->out_h + oh) * g->out_w + ow) * c;
                for (long ch = 0; ch < c; ch++) {
                    float m = p0[ch], code = 0;
                    if (p1[ch] > m) { m = p1[ch]; code = 1; }
                    if (p2[ch] > m) { m = p2[ch]; code = 2; }
                    if (p3[ch] > m) { m = p3[ch]; code = 3; }
                    if (bias) m += bias[ch];
                    if (relu && m < 0) m = 0;  // written as a comparison so that NaN passes through
                    y[o + ch] = m;
                    codes[o + ch] = code;
                }
            }
        }
    }
}

FOLIO_CLONES
void folio_max_pool_2x2_codes_backward(const float *restrict dy, const float *restrict y,
                                       const float *restrict codes, long images, const struct folio_window *g,
                                       int positive_only, float *restrict dx, float *restrict db) {
    const long c = g->channels, row = g->width * c;
    if (g->height > 2 * g->out_h || g->width > 2 * g->out_w)  // odd sizes leave an edge no window covers
        memset(dx, 0, (size_t)(images * g->height * row) * sizeof(float));
    for (long n = 0; n < images; n++) {
        for (long oh = 0; oh < g->out_h; oh++) {
            for (long ow = 0; ow < g->out_w; ow++) {
                float *d0 = dx + ((n * g->height + 2 * oh) * g->width + 2 * ow) * c;
                float *d1 = d0 + c, *d2 = d0 + row, *d3 = d2 + c;
                const long o = ((n * g->out_h + oh) * g->out_w + ow) * c;
                for (long ch = 0; ch < c; ch++) {
                    const float code = codes[o + ch];
                    const float d = positive_only && !(y[o + ch] > 0) ? 0.0f : dy[o + ch];
                    if (db) db[ch] += d;
                    d0[ch] = code == 0 ? d : 0.0f;
                    d1[ch] = code == 1 ? d : 0.0f;
                    d2[ch] = code == 2 ? d : 0.0f;
                    d3[ch] = code == 3 ? d : 0.0f;
                }
            }
        }
    }
}

// The first layer of a digits CNN (one channel, 3×3, relu, 2×2 pooling) does 9 multiply-adds per output
// and writes 32 outputs per pixel: as im2col + SGEMM + pooling its time goes to writing and re-reading that
// output, not to arithmetic. Here the four outputs of a pooling window stay in registers.
#include "direct_convolution.h"
#include "fast_math.h"
#include "vector16.h"

typedef int ivector16 __attribute__((vector_size(64), aligned(4)));

/// Lanes of `a` where `take` is set, of `b` elsewhere.
#define SELECT(take, a, b) ((vector16)(((ivector16)(a) & (take)) | ((ivector16)(b) & ~(take))))

FOLIO_CLONES
void folio_conv1_max_pool_2x2(const float *restrict x, long images, long height, long width, long kh, long kw,
                              const float *restrict kernel, long filters, const float *restrict bias, int relu,
                              long pooled_h, long pooled_w, float *restrict y, float *restrict codes) {
    const vector16 zero = {0}, one = zero + 1, two = zero + 2, three = zero + 3;
    for (long n = 0; n < images; n++) {
        const float *image = x + n * height * width;
        for (long ph = 0; ph < pooled_h; ph++) {
            for (long pw = 0; pw < pooled_w; pw++) {
                const float *corner = image + 2 * ph * width + 2 * pw;  // the window's top-left tap's first pixel
                const long o = ((n * pooled_h + ph) * pooled_w + pw) * filters;
                long f = 0;
                for (; f + 16 <= filters; f += 16) {
                    vector16 z0 = zero, z1 = zero, z2 = zero, z3 = zero;  // taps (0,0), (0,1), (1,0), (1,1)
                    for (long ky = 0; ky < kh; ky++) {
                        const float *row = corner + ky * width, *below = row + width;
                        for (long kx = 0; kx < kw; kx++) {
                            vector16 wv = LOAD(kernel + (ky * kw + kx) * filters + f);
                            z0 += row[kx] * wv; z1 += row[kx + 1] * wv;
                            z2 += below[kx] * wv; z3 += below[kx + 1] * wv;
                        }
                    }
                    ivector16 t1 = z1 > z0;
                    vector16 m = SELECT(t1, z1, z0), code = SELECT(t1, one, zero);
                    ivector16 t2 = z2 > m;
                    m = SELECT(t2, z2, m); code = SELECT(t2, two, code);
                    ivector16 t3 = z3 > m;
                    m = SELECT(t3, z3, m); code = SELECT(t3, three, code);
                    if (bias) m += LOAD(bias + f);
                    if (relu) m = SELECT(m < zero, zero, m);  // a comparison, so that NaN passes through
                    STORE(y + o + f, m);
                    STORE(codes + o + f, code);
                }
                for (; f < filters; f++) {
                    float z[4] = {0, 0, 0, 0};
                    for (long ky = 0; ky < kh; ky++) {
                        const float *row = corner + ky * width, *below = row + width;
                        for (long kx = 0; kx < kw; kx++) {
                            float wv = kernel[(ky * kw + kx) * filters + f];
                            z[0] += row[kx] * wv; z[1] += row[kx + 1] * wv;
                            z[2] += below[kx] * wv; z[3] += below[kx + 1] * wv;
                        }
                    }
                    float m = z[0], code = 0;
                    for (int t = 1; t < 4; t++) if (z[t] > m) { m = z[t]; code = (float)t; }
                    if (bias) m += bias[f];
                    if (relu && m < 0) m = 0;
                    y[o + f] = m;
                    codes[o + f] = code;
                }
            }
        }
    }
}

// The first layer of a digits CNN (one channel, 3×3, relu, 2×2 pooling) does 9 multiply-adds per output
// and writes 32 outputs per pixel: as im2col + SGEMM + pooling its time goes to writing and re-reading that
// output, not to arithmetic. Here the four outputs of a pooling window stay in registers.
#include "direct_convolution.h"
#include "folio_gemm.h"
#include "fast_math.h"
#include "vector16.h"

typedef int ivector16 __attribute__((vector_size(64), aligned(4)));

/// Lanes of `a` where `take` is set, of `b` elsewhere.
#define SELECT(take, a, b) ((vector16)(((ivector16)(a) & (take)) | ((ivector16)(b) & ~(take))))

/// Pools a window's four outputs z0…z3 (taps (0,0), (0,1), (1,0), (1,1)) of filters fo…fo+15 and stores the
/// pooled value (+ bias, relu) at y[o + fo] and the first winning tap at codes[o + fo].
#define POOL_AND_STORE(z0, z1, z2, z3, fo)                                                            \
    do {                                                                                            \
        ivector16 t1_ = (z1) > (z0);                                                                \
        vector16 m_ = SELECT(t1_, z1, z0), code_ = SELECT(t1_, one, zero);                          \
        ivector16 t2_ = (z2) > m_;                                                                  \
        m_ = SELECT(t2_, z2, m_); code_ = SELECT(t2_, two, code_);                                  \
        ivector16 t3_ = (z3) > m_;                                                                  \
        m_ = SELECT(t3_, z3, m_); code_ = SELECT(t3_, three, code_);                                \
        if (bias) m_ += LOAD(bias + (fo));                                                          \
        if (relu) m_ = SELECT(m_ < zero, zero, m_);  /* a comparison, so that NaN passes through */ \
        STORE(y + o + (fo), m_);                                                                    \
        STORE(codes + o + (fo), code_);                                                             \
    } while (0)

// Two blocks of 16 filters at once where there are 32 and the CPU has 32 vector registers (AVX-512): eight
// independent sums per tap, enough to keep both FMA units busy through their latency (four, for one block,
// leave half the slots empty). With AVX2's 16 registers the eight sums alone fill all of them and spill to the
// stack: one block at a time was ~30 % faster on Zen 3 (the same sums, so the same bits). The kernel size is a
// parameter so that the 3×3 call below unrolls the taps completely.
static inline __attribute__((always_inline)) void conv1_pool_forward(
    const float *restrict x, long images, long height, long width, long kh, long kw, const float *restrict kernel,
    long filters, const float *restrict bias, int relu, long pooled_h, long pooled_w, float *restrict y,
    float *restrict codes, int pairs_of_blocks) {
    const vector16 zero = {0}, one = zero + 1, two = zero + 2, three = zero + 3;
    for (long n = 0; n < images; n++) {
        const float *image = x + n * height * width;
        for (long ph = 0; ph < pooled_h; ph++) {
            for (long pw = 0; pw < pooled_w; pw++) {
                const float *corner = image + 2 * ph * width + 2 * pw;  // the window's top-left tap's first pixel
                const long o = ((n * pooled_h + ph) * pooled_w + pw) * filters;
                long f = 0;
                for (; pairs_of_blocks && f + 32 <= filters; f += 32) {
                    vector16 a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
                    for (long ky = 0; ky < kh; ky++) {
                        const float *row = corner + ky * width, *below = row + width;
                        for (long kx = 0; kx < kw; kx++) {
                            const float *w = kernel + (ky * kw + kx) * filters + f;
                            vector16 wa = LOAD(w), wb = LOAD(w + 16);
                            float p0 = row[kx], p1 = row[kx + 1], p2 = below[kx], p3 = below[kx + 1];
                            a0 += p0 * wa; a1 += p1 * wa; a2 += p2 * wa; a3 += p3 * wa;
                            b0 += p0 * wb; b1 += p1 * wb; b2 += p2 * wb; b3 += p3 * wb;
                        }
                    }
                    POOL_AND_STORE(a0, a1, a2, a3, f);
                    POOL_AND_STORE(b0, b1, b2, b3, f + 16);
                }
                for (; f + 16 <= filters; f += 16) {
                    vector16 z0 = zero, z1 = zero, z2 = zero, z3 = zero;
                    for (long ky = 0; ky < kh; ky++) {
                        const float *row = corner + ky * width, *below = row + width;
                        for (long kx = 0; kx < kw; kx++) {
                            vector16 wv = LOAD(kernel + (ky * kw + kx) * filters + f);
                            z0 += row[kx] * wv; z1 += row[kx + 1] * wv;
                            z2 += below[kx] * wv; z3 += below[kx + 1] * wv;
                        }
                    }
                    POOL_AND_STORE(z0, z1, z2, z3, f);
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

FOLIO_CLONES
void folio_conv1_max_pool_2x2(const float *restrict x, long images, long height, long width, long kh, long kw,
                              const float *restrict kernel, long filters, const float *restrict bias, int relu,
                              long pooled_h, long pooled_w, float *restrict y, float *restrict codes) {
    int pairs = folio_gemm_widest_isa() >= 512;
    if (kh == 3 && kw == 3)
        conv1_pool_forward(x, images, height, width, 3, 3, kernel, filters, bias, relu, pooled_h, pooled_w, y, codes,
                           pairs);
    else
        conv1_pool_forward(x, images, height, width, kh, kw, kernel, filters, bias, relu, pooled_h, pooled_w, y,
                           codes, pairs);
}

// The backward's work per pooled window and 16 filters: the gradient reaches only the window's winning
// output, a different one per filter, so each kernel tap's input value is picked per lane from the four
// candidates by the winner code (three selects) before one multiply-add. The kh·kw sums stay in
// registers when the kernel size is a constant (the 3×3 call below); the input is read as it is, never
// unfolded, and the full-resolution gradient of the convolution's output is never built.
static inline __attribute__((always_inline)) void conv1_pool_grad_block(
    const float *restrict x, long images, long height, long width, long kh, long kw, long filters, int relu,
    long pooled_h, long pooled_w, const float *restrict y, const float *restrict dy, const float *restrict codes,
    long f, float *restrict dKernel, float *restrict dBias) {
    const vector16 zero = {0}, one = zero + 1, two = zero + 2, three = zero + 3;
    vector16 acc[kh * kw], accBias = zero;
    for (long t = 0; t < kh * kw; t++) acc[t] = zero;
    for (long n = 0; n < images; n++) {
        const float *image = x + n * height * width;
        for (long ph = 0; ph < pooled_h; ph++) {
            for (long pw = 0; pw < pooled_w; pw++) {
                const long o = ((n * pooled_h + ph) * pooled_w + pw) * filters + f;
                vector16 g = LOAD(dy + o), code = LOAD(codes + o);
                if (relu) g = SELECT(LOAD(y + o) > zero, g, zero);  // relu's slope: pooled value > 0 (NaN: 0)
                accBias += g;
                const ivector16 right = code == one, below = code == two, diagonal = code == three;
                const float *corner = image + 2 * ph * width + 2 * pw;
                for (long ky = 0; ky < kh; ky++) {
                    const float *row = corner + ky * width, *next = row + width;
                    for (long kx = 0; kx < kw; kx++) {
                        vector16 v = SELECT(right, zero + row[kx + 1], zero + row[kx]);
                        v = SELECT(below, zero + next[kx], v);
                        v = SELECT(diagonal, zero + next[kx + 1], v);
                        acc[ky * kw + kx] += g * v;
                    }
                }
            }
        }
    }
    for (long t = 0; t < kh * kw; t++) STORE(dKernel + t * filters + f, LOAD(dKernel + t * filters + f) + acc[t]);
    STORE(dBias + f, LOAD(dBias + f) + accBias);
}

FOLIO_CLONES
void folio_conv1_max_pool_2x2_backward(const float *restrict x, long images, long height, long width, long kh,
                                       long kw, long filters, int relu, long pooled_h, long pooled_w,
                                       const float *restrict y, const float *restrict dy,
                                       const float *restrict codes, float *restrict dKernel,
                                       float *restrict dBias) {
    long f = 0;
    for (; f + 16 <= filters; f += 16) {
        if (kh == 3 && kw == 3)
            conv1_pool_grad_block(x, images, height, width, 3, 3, filters, relu, pooled_h, pooled_w, y, dy, codes,
                                  f, dKernel, dBias);
        else
            conv1_pool_grad_block(x, images, height, width, kh, kw, filters, relu, pooled_h, pooled_w, y, dy,
                                  codes, f, dKernel, dBias);
    }
    for (; f < filters; f++) {  // the last filters % 16, one at a time
        for (long n = 0; n < images; n++) {
            const float *image = x + n * height * width;
            for (long ph = 0; ph < pooled_h; ph++) {
                for (long pw = 0; pw < pooled_w; pw++) {
                    const long o = ((n * pooled_h + ph) * pooled_w + pw) * filters + f;
                    const float g = relu && !(y[o] > 0) ? 0.0f : dy[o];
                    const long code = (long)codes[o];
                    const float *winner = image + (2 * ph + code / 2) * width + 2 * pw + code % 2;
                    dBias[f] += g;
                    for (long ky = 0; ky < kh; ky++)
                        for (long kx = 0; kx < kw; kx++)
                            dKernel[(ky * kw + kx) * filters + f] += g * winner[ky * width + kx];
                }
            }
        }
    }
}

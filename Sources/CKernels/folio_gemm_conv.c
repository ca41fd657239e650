// Convolution products over receptive fields read in place (folio_conv_gemm.h). In NHWC a field's kernel row is
// Kw·C adjacent floats, so a field is Kh runs of contiguous k steps: the walking micro-kernels step through
// them with a jump between runs (struct k_walk) instead of reading an unfolded copy. The forward and the kernel
// gradient keep folio_sgemm's loops (k blocks of the same size, B packed per block), so every output sums the
// same products in the same order as over im2col's rows. The input gradient stores each tile of dz·kernelᵀ
// straight onto the pixels it belongs to (adding), which replaces the [P, K] product and col2im's pass over it.

#include "folio_conv_gemm.h"
#include "folio_gemm.h"

#if defined(__x86_64__)

#include "folio_gemm_internal.h"

#include <string.h>

static long min_long(long a, long b) { return a < b ? a : b; }

int folio_conv_gemm_applies(const struct folio_window *g, long filters) {
    if (!folio_gemm_available() || filters < 2 || filters > NC) return 0;
    int inside = g->pad_top == 0 && g->pad_left == 0 && (g->out_h - 1) * g->stride_y + g->kernel_h <= g->height &&
                 (g->out_w - 1) * g->stride_x + g->kernel_w <= g->width;
    long span = g->kernel_w * g->channels;
    return inside && g->out_w >= 8 && span >= 16 && span <= NC - NR;
}

void folio_conv_gemm_forward(const float *x, long images, const struct folio_window *g, const float *kernel,
                             long filters, float *z) {
    long c = g->channels, row = g->width * c, span = g->kernel_w * c, k = g->kernel_h * span;
    long image = g->height * row, ho = g->out_h, wo = g->out_w, position_step = g->stride_x * c;
    float *bpack = folio_gemm_scratch() + MC_MAX * KC_MAX;
    long kc_step = balanced_block(k, folio_gemm_blocks().kc);
    for (long pc = 0; pc < k; pc += kc_step) {
        long kc = min_long(kc_step, k - pc);
        folio_gemm_pack_b(0, kc, filters, kernel + pc * filters, filters, bpack);
        // Runs are the field's kernel rows, one image row apart; the block starts inside one of them.
        struct k_walk walk = { span, g->kernel_h, row - span, 0, pc % span, pc / span };
        long first = (pc / span) * row + pc % span;
        for (long j = 0; j < filters; j += NR) {
            long width = min_long(NR, filters - j);
            const float *panel = bpack + (j / NR) * NR * kc;
            for (long n = 0; n < images; n++) {
                for (long oy = 0; oy < ho; oy++) {
                    // One row of outputs: its fields start position_step floats apart.
                    const float *fields = x + n * image + oy * g->stride_y * row + first;
                    float *out = z + (n * ho + oy) * wo * filters + j;
                    for (long ox = 0; ox < wo; ox += MR) {
                        folio_gemm_walk_tile(0, min_long(MR, wo - ox), width, kc, fields + ox * position_step,
                                             position_step, &walk, panel, pc == 0 ? 0 : 1, out + ox * filters,
                                             filters);
                    }
                }
            }
        }
    }
}

void folio_conv_gemm_kernel_grad(const float *x, long images, const struct folio_window *g, const float *dz,
                                 long filters, float *dkernel, int overwrite) {
    long c = g->channels, row = g->width * c, span = g->kernel_w * c;
    long image = g->height * row, ho = g->out_h, wo = g->out_w, position_step = g->stride_x * c;
    long positions = images * ho * wo;
    float *bpack = folio_gemm_scratch() + MC_MAX * KC_MAX;
    if (positions <= 0) {  // no k steps: a product of nothing
        if (overwrite) memset(dkernel, 0, (size_t)(g->kernel_h * span * filters) * sizeof(float));
        return;
    }
    long kc_step = balanced_block(positions, folio_gemm_blocks().kc);
    // k steps are positions: runs are rows of outputs, groups are images.
    long last_run_end = ((ho - 1) * g->stride_y * g->width + wo * g->stride_x) * c;
    for (long pc = 0; pc < positions; pc += kc_step) {
        long kc = min_long(kc_step, positions - pc);
        folio_gemm_pack_b(0, kc, filters, dz + pc * filters, filters, bpack);
        long n = pc / (ho * wo), oy = pc % (ho * wo) / wo, ox = pc % wo;
        struct k_walk walk = { wo, ho, g->stride_y * row - wo * position_step, image - last_run_end, ox, oy };
        const float *start = x + n * image + oy * g->stride_y * row + ox * position_step;
        for (long j = 0; j < filters; j += NR) {
            long width = min_long(NR, filters - j);
            const float *panel = bpack + (j / NR) * NR * kc;
            // Rows of dkernel are field offsets; a tile's rows stay inside one kernel row (adjacent floats).
            for (long ky = 0; ky < g->kernel_h; ky++) {
                for (long q = 0; q < span; q += MR) {
                    folio_gemm_walk_tile(1, min_long(MR, span - q), width, kc, start + ky * row + q, position_step,
                                         &walk, panel, overwrite && pc == 0 ? 0 : 1,
                                         dkernel + (ky * span + q) * filters + j, filters);
                }
            }
        }
    }
}

void folio_conv_gemm_input_grad(const float *dz, long images, const struct folio_window *g, const float *kernel,
                                long filters, float *dx, int overwrite) {
    long c = g->channels, row = g->width * c, span = g->kernel_w * c;
    long image = g->height * row, ho = g->out_h, wo = g->out_w, position_step = g->stride_x * c;
    if (overwrite) memset(dx, 0, (size_t)(images * image) * sizeof(float));
    float *bpack = folio_gemm_scratch() + MC_MAX * KC_MAX;
    long kc_step = balanced_block(filters, folio_gemm_blocks().kc);
    for (long pc = 0; pc < filters; pc += kc_step) {
        long kc = min_long(kc_step, filters - pc);
        struct k_walk walk = { kc, 1, 0, 0, 0, 0 };  // dz's rows are contiguous: one run
        for (long ky = 0; ky < g->kernel_h; ky++) {
            // op(B) = kernelᵀ for this kernel row's span of fields: panels never straddle two kernel rows, so a
            // tile's row of outputs lands on adjacent floats of dx.
            folio_gemm_pack_b(1, kc, span, kernel + ky * span * filters + pc, filters, bpack);
            for (long n = 0; n < images; n++) {
                for (long oy = 0; oy < ho; oy++) {
                    const float *grads = dz + (n * ho + oy) * wo * filters + pc;
                    float *fields = dx + n * image + (oy * g->stride_y + ky) * row;
                    for (long ox = 0; ox < wo; ox += MR) {
                        long mr = min_long(MR, wo - ox);
                        for (long q = 0; q < span; q += NR) {
                            // Rows of the tile overlap in dx when the stride is under a panel's width; the kernel
                            // stores row by row, so each row adds to what the previous one stored.
                            folio_gemm_walk_tile(0, mr, min_long(NR, span - q), kc, grads + ox * filters, filters,
                                                 &walk, bpack + q * kc, 1, fields + ox * position_step + q,
                                                 position_step);
                        }
                    }
                }
            }
        }
    }
}

#else

int folio_conv_gemm_applies(const struct folio_window *g, long filters) {
    (void)g; (void)filters;
    return 0;
}

void folio_conv_gemm_forward(const float *x, long images, const struct folio_window *g, const float *kernel,
                             long filters, float *z) {
    (void)x; (void)images; (void)g; (void)kernel; (void)filters; (void)z;
}

void folio_conv_gemm_kernel_grad(const float *x, long images, const struct folio_window *g, const float *dz,
                                 long filters, float *dkernel, int overwrite) {
    (void)x; (void)images; (void)g; (void)dz; (void)filters; (void)dkernel; (void)overwrite;
}

void folio_conv_gemm_input_grad(const float *dz, long images, const struct folio_window *g, const float *kernel,
                                long filters, float *dx, int overwrite) {
    (void)dz; (void)images; (void)g; (void)kernel; (void)filters; (void)dx; (void)overwrite;
}

#endif

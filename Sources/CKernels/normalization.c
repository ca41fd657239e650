#include "normalization.h"
#include "fast_math.h"  // FOLIO_CLONES
#include "row_broadcast.h"
#include "vector16.h"

// A row is read from memory once: after the first sum it is in L1 for the later passes.
FOLIO_CLONES
void folio_layer_norm_forward(long rows, long cols, const float *x, const float *gamma, const float *beta,
                              float epsilon, float *xhat, float *inv_std, float *y) {
    for (long r = 0; r < rows; r++) {
        const float *restrict xr = x + r * cols;
        float *restrict h = xhat + r * cols, *restrict yr = y + r * cols;
#define X_TERM(T) AT(T, xr, j)
        float mean = FOLIO_SUM(cols, j, X_TERM) / cols;
#undef X_TERM
        for (long j = 0; j < cols; j++) h[j] = xr[j] - mean;  // centred, scaled below
#define SQUARE_TERM(T) (AT(T, h, j) * AT(T, h, j))
        float variance = FOLIO_SUM(cols, j, SQUARE_TERM) / cols;
#undef SQUARE_TERM
        float s = 1 / sqrtf(variance + epsilon);
        inv_std[r] = s;
        for (long j = 0; j < cols; j++) {
            float v = h[j] * s;
            h[j] = v;
            yr[j] = gamma[j] * v + beta[j];
        }
    }
}

FOLIO_CLONES
void folio_layer_norm_backward(long rows, long cols, const float *dy, const float *gamma, const float *xhat,
                               const float *inv_std, float *dx, int overwrite) {
    for (long r = 0; r < rows; r++) {
        const float *restrict g = dy + r * cols, *restrict h = xhat + r * cols;
        float *restrict d = dx + r * cols;
#define G_TERM(T) (AT(T, g, j) * AT(T, gamma, j))
#define GX_TERM(T) (AT(T, g, j) * AT(T, gamma, j) * AT(T, h, j))
        float mean_g = FOLIO_SUM(cols, j, G_TERM) / cols, mean_gx = FOLIO_SUM(cols, j, GX_TERM) / cols;
#undef G_TERM
#undef GX_TERM
        float s = inv_std[r];
        if (overwrite) {
            for (long j = 0; j < cols; j++) d[j] = s * (g[j] * gamma[j] - mean_g - h[j] * mean_gx);
        } else {
            for (long j = 0; j < cols; j++) d[j] += s * (g[j] * gamma[j] - mean_g - h[j] * mean_gx);
        }
    }
}

FOLIO_CLONES
void folio_layer_norm_parameter_grads(long rows, long cols, long ld, const float *dy, const float *xhat,
                                      float *dgamma, float *dbeta) {
#define DGAMMA_TERM(T, o) (AT(T, dy, o) * AT(T, xhat, o))
    if (dgamma) FOLIO_ADD_COLUMN_SUMS(rows, cols, ld, dgamma, DGAMMA_TERM);
#undef DGAMMA_TERM
    if (dbeta) folio_add_column_sums(rows, cols, ld, dy, dbeta);
}

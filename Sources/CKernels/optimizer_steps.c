#include "optimizer_steps.h"
#include "fast_math.h"  // FOLIO_CLONES

// sqrtf may set errno, which keeps clang from vectorising the loop; the elementwise builtin is
// the same correctly rounded square root without errno.
#if defined(__has_builtin)
#if __has_builtin(__builtin_elementwise_sqrt)
#define FOLIO_SQRT(x) __builtin_elementwise_sqrt(x)
#endif
#endif
#ifndef FOLIO_SQRT
#define FOLIO_SQRT(x) sqrtf(x)
#endif

// In Swift this loop ran on 4-wide SSE with a scalar square root per lane: a third of an MLP
// epoch (see scripts/bench-workloads/engine/README.md). Here it vectorises for AVX-512.
FOLIO_CLONES
void folio_adam_step(long n, float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                     float beta1, float beta2, float alpha, float epsilon, float decay) {
    for (long i = 0; i < n; i++) {
        float gi = g[i], wi = w[i] - decay * w[i];
        float mi = beta1 * m[i] + (1 - beta1) * gi;
        float vi = beta2 * v[i] + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = wi - alpha * mi / (FOLIO_SQRT(vi) + epsilon);
    }
}

#include "optimizer_steps.h"
#include "fast_math.h"  // FOLIO_CLONES
#include "vector16.h"
#include <stdint.h>

// sqrtf may set errno, which keeps clang from vectorising the loop; the elementwise builtin is
// the same correctly rounded square root without errno, for floats and vectors alike.
#if defined(__has_builtin)
#if __has_builtin(__builtin_elementwise_sqrt)
#define FOLIO_SQRT(x) __builtin_elementwise_sqrt(x)
#endif
#endif
#ifndef FOLIO_SQRT
#error "CKernels needs clang's __builtin_elementwise_sqrt (clang 17 or later, as in Swift 6's toolchain)"
#endif

// In Swift these loops ran on 4-wide SSE with a scalar square root per lane: Adam was a third of
// an MLP epoch (see scripts/bench-workloads/engine/README.md). Here they run 16 floats at a time
// (one AVX-512 vector, two AVX2 or four SSE ones, as the loader's clone picks).
//
// With `saved`, they also keep the weights they are about to change: `fit` needs the last weights
// that gave a finite loss, and writing them while the update reads them saves a pass. `saved` is read
// only after a NaN, so it is written with non-temporal stores: an ordinary store first fetches every
// line it writes, which made that store stall half of Adam's time.
typedef float aligned16 __attribute__((vector_size(64), aligned(64)));

// One element (T = float) or sixteen (T = vector16): Adam's update of w, m, v from g.
#define ADAM_UPDATE(T, w, g, m, v)                                           \
    do {                                                                     \
        T gi_ = (g), wi_ = (w) - decay * (w);                                \
        (m) = beta1 * (m) + (1 - beta1) * gi_;                               \
        (v) = beta2 * (v) + (1 - beta2) * gi_ * gi_;                         \
        (w) = wi_ - alpha * (m) / (FOLIO_SQRT(v) + epsilon);                 \
    } while (0)
#define RMSPROP_UPDATE(T, w, g, v)                                           \
    do {                                                                     \
        T gi_ = (g);                                                         \
        (v) = rho * (v) + (1 - rho) * gi_ * gi_;                             \
        (w) = (w) - learning_rate * gi_ / (FOLIO_SQRT(v) + epsilon);         \
    } while (0)

// Elements before `saved` reaches a 64-byte boundary (non-temporal vector stores need one); all if none.
static inline long unaligned_head(long n, const float *saved) {
    if (!saved) return 0;
    long head = (long)((64 - ((uintptr_t)saved & 63)) & 63) / 4;
    return head < n ? head : n;
}

// A macro, not a function: a 64-byte vector argument would change the ABI between the clones.
#define SAVE16(p, x) __builtin_nontemporal_store((aligned16)(x), (aligned16 *)(p))

// Non-temporal stores are weakly ordered: fence them before another thread may read `saved`.
static inline void fence_saved(const float *saved) {
#if defined(__x86_64__)
    if (saved) __builtin_ia32_sfence();
#endif
}

FOLIO_CLONES
void folio_adam_step(long n, float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                     float *restrict saved, float beta1, float beta2, float alpha, float epsilon, float decay) {
    long i = 0, head = unaligned_head(n, saved);
    for (; i < head; i++) {
        saved[i] = w[i];
        ADAM_UPDATE(float, w[i], g[i], m[i], v[i]);
    }
    for (; i + 16 <= n; i += 16) {
        vector16 wi = LOAD(w + i), mi = LOAD(m + i), vi = LOAD(v + i);
        if (saved) SAVE16(saved + i, wi);
        ADAM_UPDATE(vector16, wi, LOAD(g + i), mi, vi);
        STORE(w + i, wi); STORE(m + i, mi); STORE(v + i, vi);
    }
    for (; i < n; i++) {
        if (saved) saved[i] = w[i];
        ADAM_UPDATE(float, w[i], g[i], m[i], v[i]);
    }
    fence_saved(saved);
}

FOLIO_CLONES
void folio_rmsprop_step(long n, float *restrict w, const float *restrict g, float *restrict v, float *restrict saved,
                        float rho, float learning_rate, float epsilon) {
    long i = 0, head = unaligned_head(n, saved);
    for (; i < head; i++) {
        saved[i] = w[i];
        RMSPROP_UPDATE(float, w[i], g[i], v[i]);
    }
    for (; i + 16 <= n; i += 16) {
        vector16 wi = LOAD(w + i), vi = LOAD(v + i);
        if (saved) SAVE16(saved + i, wi);
        RMSPROP_UPDATE(vector16, wi, LOAD(g + i), vi);
        STORE(w + i, wi); STORE(v + i, vi);
    }
    for (; i < n; i++) {
        if (saved) saved[i] = w[i];
        RMSPROP_UPDATE(float, w[i], g[i], v[i]);
    }
    fence_saved(saved);
}

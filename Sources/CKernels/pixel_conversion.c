#include "pixel_conversion.h"
#include "fast_math.h"  // FOLIO_CLONES

// A rounded product then a rounded sum, as Swift computed it: a fused multiply-add would turn the brightest
// pixel under symmetric scaling (255·(2/255) − 1) into 1.0000001 instead of 1.
#pragma clang fp contract(off)

// Filling a training batch converts every pixel of every image: in baseline-SSE Swift, as two
// passes (bytes to floats, then scale), it was a fifth of the MLP's main thread
// (scripts/bench-workloads/engine/README.md). One pass here vectorises for AVX-512.
FOLIO_CLONES
void folio_bytes_to_floats(long n, const uint8_t *restrict src, float *restrict dst, float scale, float shift) {
    for (long i = 0; i < n; i++) dst[i] = (float)src[i] * scale + shift;
}

FOLIO_CLONES
void folio_floats_affine(long n, const float *src, float *dst, float scale, float shift) {
    for (long i = 0; i < n; i++) dst[i] = src[i] * scale + shift;
}

// Shuffled rows of a store larger than the last-level cache (Fashion-MNIST's 47 MB) are cache misses;
// once vectorised, the conversion waited on memory. Asking for images a few rows ahead while converting
// this one hides most of that wait (one image ahead was too close to cover the memory's latency).
enum { PREFETCH_AHEAD = 4 };

static inline void prefetch_image(const uint8_t *image, long size) {
    for (long offset = 0; offset < size; offset += 64) __builtin_prefetch(image + offset, 0, 0);
}

void folio_gather_bytes_to_floats(long count, const long *rows, const uint8_t *base, long size, float *dst,
                                  float scale, float shift) {
    for (long k = 0; k < count && k < PREFETCH_AHEAD; k++) prefetch_image(base + rows[k] * size, size);
    for (long k = 0; k < count; k++) {
        if (k + PREFETCH_AHEAD < count) prefetch_image(base + rows[k + PREFETCH_AHEAD] * size, size);
        folio_bytes_to_floats(size, base + rows[k] * size, dst + k * size, scale, shift);
    }
}

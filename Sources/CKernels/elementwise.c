#include "elementwise.h"
#include "fast_math.h"  // FOLIO_CLONES

FOLIO_CLONES
void folio_add(long n, const float *a, const float *b, float *y) {
    for (long i = 0; i < n; i++) y[i] = a[i] + b[i];
}

FOLIO_CLONES
void folio_accumulate(long n, const float *x, float alpha, float *y) {
    // Two roundings, as before this loop moved to C: a fused multiply-add would change gradients' last bits.
#pragma clang fp contract(off)
    if (alpha == 1) {
        for (long i = 0; i < n; i++) y[i] += x[i];
    } else {
        for (long i = 0; i < n; i++) y[i] += alpha * x[i];
    }
}

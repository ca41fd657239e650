#include "activations.h"
#include "fast_math.h"

// x and y are one buffer or disjoint ones; either way each element is read before it is written.
FOLIO_CLONES
void folio_tanh(long n, const float *x, float *y) {
#pragma clang loop vectorize(assume_safety)
    for (long j = 0; j < n; j++) y[j] = fast_tanh(x[j]);
}

FOLIO_CLONES
void folio_sigmoid(long n, const float *x, float *y) {
#pragma clang loop vectorize(assume_safety)
    for (long j = 0; j < n; j++) y[j] = fast_sigmoid(x[j]);
}

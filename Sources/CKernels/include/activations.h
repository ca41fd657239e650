#ifndef FOLIO_ACTIVATIONS_H
#define FOLIO_ACTIVATIONS_H

/// y = tanh(x) and y = σ(x) over n values (x and y are the same buffer or disjoint ones), with
/// the same approximations as the Swift engine's `fastTanh` and `fastSigmoid`. NaN stays NaN.
void folio_tanh(long n, const float *x, float *y);
void folio_sigmoid(long n, const float *x, float *y);

#endif

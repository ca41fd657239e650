#ifndef FOLIO_OPTIMIZER_STEPS_H
#define FOLIO_OPTIMIZER_STEPS_H

// Parameter updates (CKernels.h says why they are in C). w, g, m and v are disjoint buffers of n floats.

/// One Adam(W) update, Keras form, with alpha already holding the bias corrections:
/// w -= decay·w;  m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= alpha·m / (√v + ε).
void folio_adam_step(long n, float *w, const float *g, float *m, float *v,
                     float beta1, float beta2, float alpha, float epsilon, float decay);

#endif

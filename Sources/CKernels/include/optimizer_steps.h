#ifndef FOLIO_OPTIMIZER_STEPS_H
#define FOLIO_OPTIMIZER_STEPS_H

// Parameter updates (CKernels.h says why they are in C). w, g, m, v and saved are disjoint buffers of
// n floats; saved may be NULL, else it receives w's values from before the update.

/// One Adam(W) update, Keras form, with alpha already holding the bias corrections:
/// w -= decay·w;  m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= alpha·m / (√v + ε).
void folio_adam_step(long n, float *w, const float *g, float *m, float *v, float *saved,
                     float beta1, float beta2, float alpha, float epsilon, float decay);

/// One RMSProp update: v = ρ·v + (1-ρ)·g²;  w -= lr·g / (√v + ε).
void folio_rmsprop_step(long n, float *w, const float *g, float *v, float *saved,
                        float rho, float learning_rate, float epsilon);

#endif

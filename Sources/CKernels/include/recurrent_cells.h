#ifndef FOLIO_RECURRENT_CELLS_H
#define FOLIO_RECURRENT_CELLS_H

// Fused per-step kernels of the LSTM cell (CKernels.h says why they are in C).
// Shapes: `rows` batch rows of `units` units; a gate row holds the four gates (i, f, c̃, o) one
// after another (4·units floats), Keras's layout.

/// Activates one step's gates in place (σ, σ, tanh, σ) and advances the state:
/// c = f ⊙ cPrev + i ⊙ c̃, cTanh = tanh(c), h = o ⊙ cTanh.
void folio_lstm_forward_step(long rows, long units, float *gates, const float *cPrev,
                             float *c, float *cTanh, float *h);

/// One step of backpropagation through the cell, from the activated gates of the forward pass.
/// dh: d(loss)/dh_t; dc: d(loss)/dc_t on entry, d(loss)/dc_{t-1} on return (without the part
/// through h_{t-1}, which the caller adds through the recurrent kernel);
/// dGates: d(loss)/d(gate pre-activations).
void folio_lstm_backward_step(long rows, long units, const float *gates, const float *cPrev,
                              const float *cTanh, const float *dh, float *dc, float *dGates);

#endif

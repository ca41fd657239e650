#ifndef FOLIO_RECURRENT_CELLS_H
#define FOLIO_RECURRENT_CELLS_H

// Fused per-step kernels of the LSTM and GRU cells (CKernels.h says why they are in C).
// Shapes: `rows` batch rows of `units` units; a gate row holds the four gates (i, f, c̃, o) one
// after another (4·units floats), Keras's layout.

/// Adds the bias ([4·units], so the input projection needs no pass of its own), activates one step's
/// gates in place (σ, σ, tanh, σ) and advances the state: c = f ⊙ cPrev + i ⊙ c̃, cTanh = tanh(c),
/// h = o ⊙ cTanh.
void folio_lstm_forward_step(long rows, long units, float *gates, const float *bias, const float *cPrev,
                             float *c, float *cTanh, float *h);

/// One step of backpropagation through the cell, from the activated gates of the forward pass.
/// dh: d(loss)/dh_t; dc: d(loss)/dc_t on entry, d(loss)/dc_{t-1} on return (without the part
/// through h_{t-1}, which the caller adds through the recurrent kernel);
/// dGates: d(loss)/d(gate pre-activations).
void folio_lstm_backward_step(long rows, long units, const float *gates, const float *cPrev,
                              const float *cTanh, const float *dh, float *dc, float *dGates);

// The GRU cell, Keras's reset_after layout: a gate row holds (z, r, h̃), 3·units floats, and `rec`
// holds the same step's recurrent products h_{t-1}·R + b' in the same layout (the forward step adds b').

/// `bias` is Keras's [2, 3·units]: the input bias b, then the recurrent bias b'. First adds b' to `rec`
/// (h_{t-1}·R on entry), then activates one step's gates in place (`gates` holds x·W without b on entry),
/// z = σ(gz + bz + rz), r = σ(gr + br + rr), h̃ = tanh(gh + bh + r ⊙ rh), and advances the state:
/// h = z ⊙ hPrev + (1 − z) ⊙ h̃.
void folio_gru_forward_step(long rows, long units, float *gates, float *rec, const float *bias,
                            const float *hPrev, float *h);

/// One step of backpropagation through the cell, from the activated gates. dh: d(loss)/dh_t on entry,
/// its direct part d(loss)/dh_{t-1} = dh ⊙ z on return (the caller adds the part through R);
/// dGates: d(loss)/d(input-side pre-activations); dRec: d(loss)/d(rec), where the candidate's
/// recurrent part is scaled by r.
void folio_gru_backward_step(long rows, long units, const float *gates, const float *rec, const float *hPrev,
                             float *dh, float *dGates, float *dRec);

#endif

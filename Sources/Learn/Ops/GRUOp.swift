import CKernels
import Tensor

// A deliberate parallel of LSTMOp and SimpleRNNOp: shared start and finish in RecurrentCore, own gate math.
extension Ops {
    /// Gated recurrent unit over a whole sequence, Keras's default (`reset_after=True`) layout:
    /// bias [2, 3U] holds an input bias and a recurrent bias, gates in the order (z, r, h̃):
    /// z = σ(x·Wz + bz + h·Rz + b'z), r = σ(x·Wr + br + h·Rr + b'r),
    /// h̃ = tanh(x·Wh + bh + r ⊙ (h·Rh + b'h)), h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃, from h_0 = 0.
    /// x: [B, T, F], kernel: [F, 3U], recurrentKernel: [U, 3U] -> [B, T, U] or [B, U].
    /// `dropout`: Keras's masks; the recurrent one masks h_{t-1} in h·R only, not in the state update.
    public static func gru(_ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable, bias: Variable,
                           returnSequences: Bool, workspace ws: RecurrentWorkspace = RecurrentWorkspace(),
                           dropout: RecurrentDropout? = nil, into out: Variable? = nil,
                           tape: Tape?) throws -> Variable {
        let (s, y, rm) = try startRecurrence("GRU", x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel,
                                             bias: bias, gates: 3, biasRows: 2, biasInStep: true,
                                             returnSequences: returnSequences, ws, dropout: dropout, into: out)
        let hm0 = ws.maskedStates.mutablePointer
        ensure(&ws.recurrent, shape: [s.steps, s.batch, s.width])
        let g0 = ws.gates.mutablePointer, rc0 = ws.recurrent.mutablePointer, h0 = ws.states.mutablePointer
        let biases = bias.value.pointer, u = s.units
        let weights = ws.recurrentKernel
        weights.pack(recurrentKernel.value.pointer, k: u, n: s.width)
        forEachBatchSlice(s) { rows in
            let m = rows.count, gates = rows.lowerBound * s.width, states = rows.lowerBound * u
            for t in 0..<s.steps {
                let g = g0 + t * s.stepGates + gates, rc = rc0 + t * s.stepGates + gates
                let hPrev = h0 + t * s.stepStates + states, h = hPrev + s.stepStates
                // rc[m, 3U] = h_{t-1}[m, U] · R[U, 3U] (+ b' in the step below)
                if let rm {
                    let hm = hm0 + t * s.stepStates + states
                    maskValues(hPrev, rm + states, into: hm, count: m * u)
                    weights.multiply(hm, into: rc, m: m)
                } else { weights.multiply(hPrev, into: rc, m: m) }
                // fused biases, gates and state update (C, vectorised); g keeps the activated (z, r, h̃)
                folio_gru_forward_step(m, u, g, rc, biases, hPrev, h)
            }
        }
        // cells: cellGrad is the masked product's scratch
        return finishRecurrence(y, inputs: [x, kernel, recurrentKernel, bias], s, ws, returnSequences: returnSequences,
                                cells: rm != nil, tape: tape) { dy, tape in
            ensure(&ws.recurrentGrads, shape: [s.steps, s.batch, s.width])
            let g0 = ws.gates.pointer, rc0 = ws.recurrent.pointer, h0 = ws.states.pointer,
                weightsT = ws.transposedRecurrentKernel
            weightsT.pack(recurrentKernel.value.pointer, transposeB: true, k: s.width, n: u)
            let dG0 = ws.gateGrads.mutablePointer, dR0 = ws.recurrentGrads.mutablePointer,
                dh0 = ws.hiddenGrad.mutablePointer, scratch0 = ws.cellGrad.mutablePointer
            forEachBatchSlice(s) { rows in
                let m = rows.count, gates = rows.lowerBound * s.width, states = rows.lowerBound * u, dh = dh0 + states
                for t in stride(from: s.steps - 1, through: 0, by: -1) {
                    let at = t * s.stepGates + gates, g = g0 + at, rc = rc0 + at, dG = dG0 + at, dR = dR0 + at
                    let hPrev = h0 + t * s.stepStates + states
                    addOutputGrad(dy, step: t, s, rows: rows, returnSequences: returnSequences, into: dh)
                    // fused (C): dh -> gate gradients (input and recurrent side) and dh's direct part
                    folio_gru_backward_step(m, u, g, rc, hPrev, dh, dG, dR)
                    // dh_{t-1}[m, U] += dRec_t[m, 3U] · Rᵀ[3U, U]
                    if t > 0, let rm {  // dh_{t-1} += (dRec_t · Rᵀ) ⊙ mask
                        let product = scratch0 + states
                        weightsT.multiply(dR, into: product, m: m)
                        for i in 0..<(m * u) { dh[i] += product[i] * rm[states + i] }
                    } else if t > 0 { weightsT.multiply(dR, into: dh, m: m, beta: 1) }
                }
            }
            recurrentParameterGrads(x, kernel: kernel, recurrentKernel: recurrentKernel, bias: (bias, 0),
                                    recurrentBias: (bias, s.width), recurrentGrads: ws.recurrentGrads.pointer, s, ws,
                                    dropout: dropout, tape: tape)
        }
    }
}

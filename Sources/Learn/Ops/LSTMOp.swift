import CKernels
import Tensor

// A deliberate parallel of GRUOp and SimpleRNNOp: shared start and finish in RecurrentCore, own gate math.
extension Ops {
    /// Long short-term memory over a whole sequence, Keras's layout and equations:
    /// gates (i, f, c̃, o) = (σ, σ, tanh, σ)(x_t·kernel + h_{t-1}·recurrentKernel + bias),
    /// c_t = f ⊙ c_{t-1} + i ⊙ c̃, h_t = o ⊙ tanh(c_t), starting from h_0 = c_0 = 0.
    /// x: [B, T, F], kernel: [F, 4U], recurrentKernel: [U, 4U], bias: [4U] -> [B, T, U] when
    /// `returnSequences`, else [B, U]. Backpropagates through time; the workspace keeps the
    /// hidden and cell states of every step ([T + 1, B, U], time-major). `dropout`: Keras's masks.
    public static func lstm(_ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable, bias: Variable,
                            returnSequences: Bool, workspace ws: RecurrentWorkspace = RecurrentWorkspace(),
                            dropout: RecurrentDropout? = nil, into out: Variable? = nil,
                            tape: Tape?) throws -> Variable {
        let (s, y, rm) = try startRecurrence("LSTM", x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel,
                                             bias: bias, gates: 4, biasInStep: true, projectsInSteps: true,
                                             returnSequences: returnSequences, ws, dropout: dropout, into: out)
        let hm0 = ws.maskedStates.mutablePointer
        ensure(&ws.cells, shape: [s.steps + 1, s.batch, s.units])
        ensure(&ws.cellTanh, shape: [s.steps, s.batch, s.units])
        ws.cells.mutablePointer.update(repeating: 0, count: s.stepStates)
        let g0 = ws.gates.mutablePointer, h0 = ws.states.mutablePointer, c0 = ws.cells.mutablePointer
        let tc0 = ws.cellTanh.mutablePointer, u = s.units, r = ws.recurrentKernel
        r.pack(recurrentKernel.value.pointer, k: u, n: s.width)
        forEachBatchSlice(s) { rows in
            let m = rows.count, gates = g0 + rows.lowerBound * s.width, states = rows.lowerBound * u
            for t in 0..<s.steps {
                let g = gates + t * s.stepGates, at = t * s.stepStates + states, next = at + s.stepStates
                projectStep(t, rows: rows, s, ws, into: g)  // g[m, 4U] = x_t[m, F] · kernel[F, 4U]
                // g[m, 4U] += h_{t-1}[m, U] · R[U, 4U]; h_0 = 0 adds nothing
                if t > 0, let rm {
                    maskValues(h0 + at, rm + states, into: hm0 + at, count: m * u)
                    r.multiply(hm0 + at, into: g, m: m, beta: 1)
                } else if t > 0 { r.multiply(h0 + at, into: g, m: m, beta: 1) }
                folio_lstm_forward_step(m, u, g, bias.value.pointer, c0 + at, c0 + next, tc0 + at, h0 + next)
            }
        }
        return finishRecurrence(y, inputs: [x, kernel, recurrentKernel, bias], s, ws, returnSequences: returnSequences,
                                cells: true, tape: tape) { dy, tape in
            let g0 = ws.gates.pointer, c0 = ws.cells.pointer, tc0 = ws.cellTanh.pointer,
                rT = ws.transposedRecurrentKernel
            rT.pack(recurrentKernel.value.pointer, transposeB: true, k: s.width, n: u)
            let dG0 = ws.gateGrads.mutablePointer, dh0 = ws.hiddenGrad.mutablePointer, dc0 = ws.cellGrad.mutablePointer
            forEachBatchSlice(s) { rows in
                let m = rows.count, states = rows.lowerBound * u, dh = dh0 + states, dc = dc0 + states
                for t in stride(from: s.steps - 1, through: 0, by: -1) {
                    let gates = t * s.stepGates + rows.lowerBound * s.width, at = t * s.stepStates + states
                    addOutputGrad(dy, step: t, s, rows: rows, returnSequences: returnSequences, into: dh)
                    // dh, dc -> d(gate pre-activations) and the next dc
                    folio_lstm_backward_step(m, u, g0 + gates, c0 + at, tc0 + at, dh, dc, dG0 + gates)
                    // dh_{t-1}[m, U] = dG_t[m, 4U] · Rᵀ[4U, U]
                    if t > 0 { rT.multiply(dG0 + gates, into: dh, m: m) }
                    if t > 0, let rm { maskValues(dh, rm + states, into: dh, count: m * u) }
                }
            }
            recurrentParameterGrads(x, kernel: kernel, recurrentKernel: recurrentKernel, bias: (bias, 0),
                                    recurrentBias: nil,
                                    recurrentGrads: ws.gateGrads.pointer, s, ws, dropout: dropout, tape: tape)
        }
    }
}

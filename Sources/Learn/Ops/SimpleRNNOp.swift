import Tensor

// A deliberate parallel of LSTMOp and GRUOp: shared start and finish in RecurrentCore, own gate math.
extension Ops {
    /// Fully connected recurrence over a whole sequence (Keras's SimpleRNN):
    /// h_t = f(x_t·kernel + h_{t-1}·recurrentKernel + bias), from h_0 = 0.
    /// x: [B, T, F], kernel: [F, U], recurrentKernel: [U, U], bias: [U] -> [B, T, U] or [B, U].
    /// The workspace's gates buffer keeps the pre-activations for f'. `dropout`: Keras's masks (training only).
    public static func simpleRNN(_ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable, bias: Variable,
                                 activation f: Activation, alpha: Float = 0.2, returnSequences: Bool,
                                 workspace ws: RecurrentWorkspace = RecurrentWorkspace(),
                                 dropout: RecurrentDropout? = nil, into out: Variable? = nil,
                                 tape: Tape?) throws -> Variable {
        // One gate: the bias has W = U values.
        let (s, y, rm) = try startRecurrence("SimpleRNN", x, steps: steps, kernel: kernel,
                                             recurrentKernel: recurrentKernel, bias: bias, gates: 1,
                                             returnSequences: returnSequences, ws, dropout: dropout, into: out)
        let hm0 = ws.maskedStates.mutablePointer
        let z0 = ws.gates.mutablePointer, h0 = ws.states.mutablePointer, u = s.units, r = ws.recurrentKernel
        r.pack(recurrentKernel.value.pointer, k: u, n: u)
        forEachBatchSlice(s) { rows in
            let m = rows.count, first = rows.lowerBound * u
            for t in 0..<s.steps {
                let z = z0 + t * s.stepGates + first, hPrev = h0 + t * s.stepStates + first
                // z[m, U] += h_{t-1}[m, U] · R[U, U] (h_0 = 0 adds nothing); h_t = f(z)
                if t > 0, let rm {
                    let hm = hm0 + t * s.stepStates + first
                    maskValues(hPrev, rm + first, into: hm, count: m * u)
                    r.multiply(hm, into: z, m: m, beta: 1)
                } else if t > 0 { r.multiply(hPrev, into: z, m: m, beta: 1) }
                f.forward(z, into: hPrev + s.stepStates, count: m * u, alpha: alpha)
            }
        }
        return finishRecurrence(y, inputs: [x, kernel, recurrentKernel, bias], s, ws, returnSequences: returnSequences,
                                cells: false, tape: tape) { dy, tape in
            let z0 = ws.gates.pointer, h0 = ws.states.pointer, rT = ws.transposedRecurrentKernel
            rT.pack(recurrentKernel.value.pointer, transposeB: true, k: u, n: u)
            let dZ0 = ws.gateGrads.mutablePointer, dh0 = ws.hiddenGrad.mutablePointer
            forEachBatchSlice(s) { rows in
                let m = rows.count, first = rows.lowerBound * u, dh = dh0 + first
                for t in stride(from: s.steps - 1, through: 0, by: -1) {
                    let dZ = dZ0 + t * s.stepGates + first, at = t * s.stepStates + first
                    addOutputGrad(dy, step: t, s, rows: rows, returnSequences: returnSequences, into: dh)
                    // dz = dh ⊙ f'(z), then dh_{t-1}[m, U] = dz[m, U] · Rᵀ[U, U]
                    dZ.update(from: dh, count: m * u)
                    f.scaleByDerivative(x: z0 + at, y: h0 + at + s.stepStates, grad: dZ, count: m * u, alpha: alpha)
                    if t > 0 { rT.multiply(dZ, into: dh, m: m) }
                    if t > 0, let rm { maskValues(dh, rm + first, into: dh, count: m * u) }
                }
            }
            recurrentParameterGrads(x, kernel: kernel, recurrentKernel: recurrentKernel, bias: (bias, 0),
                                    recurrentBias: nil,
                                    recurrentGrads: ws.gateGrads.pointer, s, ws, dropout: dropout, tape: tape)
        }
    }
}

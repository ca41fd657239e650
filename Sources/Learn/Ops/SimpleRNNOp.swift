import Tensor

extension Ops {
    /// Fully connected recurrence over a whole sequence (Keras's SimpleRNN):
    /// h_t = f(x_t·kernel + h_{t-1}·recurrentKernel + bias), from h_0 = 0.
    /// x: [B, T, F], kernel: [F, U], recurrentKernel: [U, U], bias: [U] -> [B, T, U] or [B, U].
    /// The workspace's gates buffer keeps the pre-activations for f'.
    public static func simpleRNN(_ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable, bias: Variable,
                                 activation f: Activation, alpha: Float = 0.2, returnSequences: Bool,
                                 workspace ws: RecurrentWorkspace = RecurrentWorkspace(),
                                 into out: Variable? = nil, tape: Tape?) throws -> Variable {
        let s = try recurrentShape(x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel, gates: 1, name: "SimpleRNN")
        guard bias.value.count == s.units else { throw LearnError.shape("SimpleRNN: bias must have \(s.units) values, found \(bias.shape)") }
        let inputs = [x, kernel, recurrentKernel, bias]
        let y = prepare(out, shape: returnSequences ? [s.batch, s.steps, s.units] : [s.batch, s.units], inputs: inputs)
        projectInputs(x, kernel: kernel, bias: bias.value.pointer, s, ws)
        let z0 = ws.gates.mutablePointer, h0 = ws.states.mutablePointer
        for t in 0..<s.steps {
            let z = z0 + t * s.stepGates, hPrev = h0 + t * s.stepStates
            // z[B, U] += h_{t-1}[B, U] · R[U, U]; h_t = f(z)
            Gemm.multiply(hPrev, recurrentKernel.value.pointer, into: z, m: s.batch, n: s.units, k: s.units, beta: 1)
            f.forward(z, into: hPrev + s.stepStates, count: s.stepStates, alpha: alpha)
        }
        emitStates(s, ws, returnSequences: returnSequences, into: y)
        guard let tape else { return y }
        tape.record(inputs: inputs, output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            startRecurrentBackward(s, ws, cells: false)
            let z0 = ws.gates.pointer, h0 = ws.states.pointer, dZ0 = ws.gateGrads.mutablePointer, dh = ws.hiddenGrad.mutablePointer
            for t in stride(from: s.steps - 1, through: 0, by: -1) {
                let dZ = dZ0 + t * s.stepGates
                addOutputGrad(dy, step: t, s, returnSequences: returnSequences, into: dh)
                // dz = dh ⊙ f'(z), then dh_{t-1}[B, U] = dz[B, U] · Rᵀ[U, U]
                dZ.update(from: dh, count: s.stepStates)
                f.scaleByDerivative(x: z0 + t * s.stepGates, y: h0 + (t + 1) * s.stepStates, grad: dZ, count: s.stepStates, alpha: alpha)
                if t > 0 {
                    Gemm.multiply(dZ, recurrentKernel.value.pointer, transposeB: true, into: dh, m: s.batch, n: s.units, k: s.units)
                }
            }
            recurrentParameterGrads(x, kernel: kernel, recurrentKernel: recurrentKernel, bias: (bias, 0), recurrentBias: nil,
                                    recurrentGrads: ws.gateGrads.pointer, s, ws, tape: tape)
        }
        return y
    }
}

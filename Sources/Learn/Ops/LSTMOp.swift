import Tensor

extension Ops {
    /// Long short-term memory over a whole sequence, Keras's layout and equations:
    /// gates (i, f, c̃, o) = (σ, σ, tanh, σ)(x_t·kernel + h_{t-1}·recurrentKernel + bias),
    /// c_t = f ⊙ c_{t-1} + i ⊙ c̃, h_t = o ⊙ tanh(c_t), starting from h_0 = c_0 = 0.
    /// x: [B, T, F], kernel: [F, 4U], recurrentKernel: [U, 4U], bias: [4U] -> [B, T, U] when
    /// `returnSequences`, else [B, U]. Backpropagates through time; the workspace keeps the
    /// hidden and cell states of every step ([T + 1, B, U], time-major).
    public static func lstm(_ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable, bias: Variable,
                            returnSequences: Bool, workspace ws: RecurrentWorkspace = RecurrentWorkspace(),
                            into out: Variable? = nil, tape: Tape?) throws -> Variable {
        let s = try recurrentShape(x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel, gates: 4, name: "LSTM")
        guard bias.value.count == s.width else { throw LearnError.shape("LSTM: bias must have \(s.width) values, found \(bias.shape)") }
        let inputs = [x, kernel, recurrentKernel, bias]
        let y = prepare(out, shape: returnSequences ? [s.batch, s.steps, s.units] : [s.batch, s.units], inputs: inputs)
        projectInputs(x, kernel: kernel, bias: bias.value.pointer, s, ws)
        ensure(&ws.cells, shape: [s.steps + 1, s.batch, s.units])
        ensure(&ws.cellTanh, shape: [s.steps, s.batch, s.units])
        ws.cells.mutablePointer.update(repeating: 0, count: s.stepStates)
        let g0 = ws.gates.mutablePointer, h0 = ws.states.mutablePointer, c0 = ws.cells.mutablePointer
        let tc0 = ws.cellTanh.mutablePointer, r = recurrentKernel.value.pointer, u = s.units
        for t in 0..<s.steps {
            let g = g0 + t * s.stepGates, hPrev = h0 + t * s.stepStates, h = hPrev + s.stepStates
            let cPrev = c0 + t * s.stepStates, c = cPrev + s.stepStates, tc = tc0 + t * s.stepStates
            // g[B, 4U] += h_{t-1}[B, U] · R[U, 4U]
            Gemm.multiply(hPrev, r, into: g, m: s.batch, n: s.width, k: u, beta: 1)
            Parallel.forEach(s.batch, costPerItem: 40 * u) { rows in  // fused gate activations and state update, one row at a time
                for n in rows {
                    let row = g + n * s.width, o = n * u
                    let i = row, f = row + u, cand = row + 2 * u, og = row + 3 * u
                    sigmoidInPlace(i, 2 * u); tanhInPlace(cand, u); sigmoidInPlace(og, u)
                    let cp = cPrev + o, cn = c + o, squashed = tc + o, hn = h + o
                    for j in 0..<u { cn[j] = f[j] * cp[j] + i[j] * cand[j] }
                    for j in 0..<u { let v = fastTanh(cn[j]); squashed[j] = v; hn[j] = og[j] * v }
                }
            }
        }
        emitStates(s, ws, returnSequences: returnSequences, into: y)
        guard let tape else { return y }
        tape.record(inputs: inputs, output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            startRecurrentBackward(s, ws, cells: true)
            let g0 = ws.gates.pointer, c0 = ws.cells.pointer, tc0 = ws.cellTanh.pointer
            let dG0 = ws.gateGrads.mutablePointer, dh = ws.hiddenGrad.mutablePointer, dc = ws.cellGrad.mutablePointer
            for t in stride(from: s.steps - 1, through: 0, by: -1) {
                let g = g0 + t * s.stepGates, dG = dG0 + t * s.stepGates
                let cPrev = c0 + t * s.stepStates, tc = tc0 + t * s.stepStates
                addOutputGrad(dy, step: t, s, returnSequences: returnSequences, into: dh)
                Parallel.forEach(s.batch, costPerItem: 40 * u) { rows in  // fused: dh, dc -> d(gate pre-activations) and the next dc
                    for n in rows {
                        let row = g + n * s.width, dRow = dG + n * s.width, o = n * u
                        for j in 0..<u {
                            let dhv = dh[o + j]
                            let i = row[j], f = row[u + j], cand = row[2 * u + j], og = row[3 * u + j], squashed = tc[o + j]
                            let dcv = dc[o + j] + dhv * og * (1 - squashed * squashed)
                            dRow[j] = dcv * cand * i * (1 - i)
                            dRow[u + j] = dcv * cPrev[o + j] * f * (1 - f)
                            dRow[2 * u + j] = dcv * i * (1 - cand * cand)
                            dRow[3 * u + j] = dhv * squashed * og * (1 - og)
                            dc[o + j] = dcv * f
                        }
                    }
                }
                // dh_{t-1}[B, U] = dG_t[B, 4U] · Rᵀ[4U, U]
                if t > 0 { Gemm.multiply(dG, recurrentKernel.value.pointer, transposeB: true, into: dh, m: s.batch, n: u, k: s.width) }
            }
            recurrentParameterGrads(x, kernel: kernel, recurrentKernel: recurrentKernel, bias: (bias, 0), recurrentBias: nil,
                                    recurrentGrads: ws.gateGrads.pointer, s, ws, tape: tape)
        }
        return y
    }
}

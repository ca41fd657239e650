import Tensor

extension Ops {
    /// Layer normalisation over the last axis, per row: y = gamma ⊙ (x − mean) / sqrt(var + ε) + beta
    /// with the row's mean and biased variance (Keras's LayerNormalization).
    /// x: [..., C], gamma, beta: [C] -> y: [..., C]. Workspace: a = x̂ [..., C], b = 1/std per row.
    public static func layerNorm(_ x: Variable, gamma: Variable, beta: Variable, epsilon: Float,
                                 workspace: Workspace = Workspace(), into out: Variable? = nil,
                                 tape: Tape?) throws -> Variable {
        let c = gamma.value.count
        guard x.shape.last == c, beta.value.count == c else {
            throw LearnError.shape("LayerNormalization: expected \(c) features last, found \(x.shape)")
        }
        let rows = x.value.count / max(c, 1)
        let y = prepare(out, shape: x.shape, inputs: [x, gamma, beta])
        ensure(&workspace.a, shape: x.shape)
        ensure(&workspace.b, shape: [rows])
        let xp = x.value.pointer, xhat = workspace.a.mutablePointer, inv = workspace.b.mutablePointer
        let yp = y.value.mutablePointer, gp = gamma.value.pointer, bp = beta.value.pointer
        Parallel.forEach(rows, costPerItem: 6 * c) { range in
            for r in range {
                let row = xp + r * c, h = xhat + r * c, o = yp + r * c
                var mean: Float = 0
                for j in 0..<c { mean += row[j] }
                mean /= Float(c)
                var variance: Float = 0
                for j in 0..<c { let d = row[j] - mean; variance += d * d }
                let s = 1 / (variance / Float(c) + epsilon).squareRoot()
                inv[r] = s
                for j in 0..<c { let v = (row[j] - mean) * s; h[j] = v; o[j] = gp[j] * v + bp[j] }
            }
        }
        guard let tape else { return y }
        tape.record(inputs: [x, gamma, beta], output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            let xhat = workspace.a.pointer, inv = workspace.b.pointer
            if gamma.requiresGrad {  // dgamma = Σ_rows dy ⊙ x̂
                let g = gamma.accumulableGrad(tape)
                for r in 0..<rows { let o = r * c; for j in 0..<c { g[j] += dy[o + j] * xhat[o + j] } }
            }
            if beta.requiresGrad {
                Kernels.accumulateColumnSums(dy, rows: rows, cols: c, into: beta.accumulableGrad(tape))
            }
            guard x.requiresGrad else { return }
            // dx = (1/std) · (g − mean(g) − x̂ · mean(g ⊙ x̂)) with g = dy ⊙ gamma, per row
            let dx = x.accumulableGrad(tape), gp = gamma.value.pointer
            Parallel.forEach(rows, costPerItem: 8 * c) { range in
                for r in range {
                    let o = r * c
                    var meanG: Float = 0, meanGX: Float = 0
                    for j in 0..<c { let g = dy[o + j] * gp[j]; meanG += g; meanGX += g * xhat[o + j] }
                    meanG /= Float(c); meanGX /= Float(c)
                    for j in 0..<c { dx[o + j] += inv[r] * (dy[o + j] * gp[j] - meanG - xhat[o + j] * meanGX) }
                }
            }
        }
        return y
    }
}

import CKernels
import Tensor

extension Ops {
    /// Layer normalisation over the last axis, per row: y = gamma ⊙ (x − mean) / sqrt(var + ε) + beta
    /// with the row's mean and biased variance (Keras's LayerNormalization).
    /// x: [..., C], gamma, beta: [C] -> y: [..., C]. Workspace: a = x̂ [..., C], b = 1/std per row.
    /// The rows run in C (Sources/CKernels/normalization.c), vectorised for the CPU, split across cores here.
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
            let o = range.lowerBound
            folio_layer_norm_forward(range.count, c, xp + o * c, gp, bp, epsilon, xhat + o * c, inv + o, yp + o * c)
        }
        guard let tape else { return y }
        tape.record(inputs: [x, gamma, beta], output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            let xhat = workspace.a.pointer, inv = workspace.b.pointer
            // dgamma = Σ_rows dy ⊙ x̂, dbeta = Σ_rows dy: each column over the rows in order, so the sums never
            // depend on a split; the columns are split between the cores in blocks of 16 (one vector)
            let dgamma = gamma.requiresGrad ? gamma.accumulableGrad(tape) : nil,
                dbeta = beta.requiresGrad ? beta.accumulableGrad(tape) : nil
            if dgamma != nil || dbeta != nil {
                Parallel.forEach((c + 15) / 16, costPerItem: 2 * rows * 16) { blocks in
                    let first = blocks.lowerBound * 16, width = min(c, blocks.upperBound * 16) - first
                    folio_layer_norm_parameter_grads(rows, width, c, dy + first, xhat + first,
                                                     dgamma.map { $0 + first }, dbeta.map { $0 + first })
                }
            }
            guard x.requiresGrad else { return }
            // the first gradient to reach x overwrites it: no zeroing pass
            let (dx, first) = x.writableGrad(tape), gp = gamma.value.pointer
            Parallel.forEach(rows, costPerItem: 8 * c) { range in
                let o = range.lowerBound
                folio_layer_norm_backward(range.count, c, dy + o * c, gp, xhat + o * c, inv + o, dx + o * c,
                                          first ? 1 : 0)
            }
        }
        return y
    }
}

import CKernels
import Tensor

/// Rows in one block of layer norm's backward: 16K floats of dy and of x̂ (64 KB each, within a core's L2), so
/// 256 rows of 64 features; at least one row.
func layerNormBlockRows(features: Int) -> Int { max(1, 16_384 / max(features, 1)) }

extension Ops {
    /// Layer normalisation over the last axis, per row: y = gamma ⊙ (x − mean) / sqrt(var + ε) + beta
    /// with the row's mean and biased variance (Keras's LayerNormalization).
    /// x: [..., C], gamma, beta: [C] -> y: [..., C]. Workspace: a = x̂ [..., C], b = 1/std per row, c = the backward's
    /// γ and β sums per block of rows.
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
            let xhat = workspace.a.pointer, inv = workspace.b.pointer, gp = gamma.value.pointer
            let dgamma = gamma.requiresGrad ? gamma.accumulableGrad(tape) : nil,
                dbeta = beta.requiresGrad ? beta.accumulableGrad(tape) : nil
            // the first gradient to reach x overwrites it: no zeroing pass
            let dx = x.requiresGrad ? x.writableGrad(tape) : nil
            // Blocks of rows, each taken whole by one core: the block's γ and β sums (each column over its rows in
            // order), then its dx while its rows are still in cache. The blocks are fixed by the row count, and
            // their sums added in block order, so the result does not depend on the cores.
            let blockRows = layerNormBlockRows(features: c), blocks = (rows + blockRows - 1) / blockRows
            ensure(&workspace.c, shape: [blocks, 2, c])
            workspace.c.zero()
            let partial = workspace.c.mutablePointer
            Parallel.forEach(blocks, costPerItem: 10 * c * blockRows) { range in
                for block in range {
                    let r0 = block * blockRows, count = min(rows, r0 + blockRows) - r0, o = r0 * c
                    let sums = partial + block * 2 * c
                    if dgamma != nil || dbeta != nil {
                        folio_layer_norm_parameter_grads(count, c, c, dy + o, xhat + o, dgamma == nil ? nil : sums,
                                                         dbeta == nil ? nil : sums + c)
                    }
                    if let (d, first) = dx {
                        folio_layer_norm_backward(count, c, dy + o, gp, xhat + o, inv + r0, d + o, first ? 1 : 0)
                    }
                }
            }
            for block in 0..<blocks {
                let sums = partial + block * 2 * c
                if let dgamma { for j in 0..<c { dgamma[j] += sums[j] } }
                if let dbeta { for j in 0..<c { dbeta[j] += sums[c + j] } }
            }
        }
        return y
    }
}

import Tensor

extension Ops {
    /// Batch normalisation over the last axis (channels) — x: [..., C] -> y: [..., C].
    /// Training: normalises with the batch's mean and (biased) variance and moves the running
    /// statistics: moving = moving * momentum + batch * (1 - momentum) (Keras's rule).
    /// Inference: normalises with the moving statistics.
    public static func batchNorm(_ x: Variable, gamma: Variable, beta: Variable, movingMean: Variable,
                                 movingVariance: Variable,
                                 momentum: Float, epsilon: Float, training: Bool,
                                 workspace: Workspace = Workspace(), into out: Variable? = nil,
                                 tape: Tape?) throws -> Variable {
        let c = gamma.value.count
        guard x.shape.last == c else {
            throw LearnError.shape("BatchNormalization: expected \(c) channels last, found \(x.shape)")
        }
        let rows = x.value.count / max(c, 1)
        let y = prepare(out, shape: x.shape, inputs: [x, gamma, beta])
        ensure(&workspace.a, shape: x.shape)  // xhat
        ensure(&workspace.b, shape: [2, c])   // mean, 1/std used in this pass
        let stats = workspace.b.mutablePointer, mean = stats, invStd = stats + c
        let xp = x.value.pointer
        if training {
            mean.update(repeating: 0, count: 2 * c)
            for r in 0..<rows { let row = xp + r * c; for j in 0..<c { mean[j] += row[j] } }
            for j in 0..<c { mean[j] /= Float(rows) }
            for r in 0..<rows { let row = xp + r * c; for j in 0..<c { let d = row[j] - mean[j]; invStd[j] += d * d } }
            let mm = movingMean.value.mutablePointer, mv = movingVariance.value.mutablePointer
            for j in 0..<c {
                let variance = invStd[j] / Float(rows)
                mm[j] = mm[j] * momentum + mean[j] * (1 - momentum)
                mv[j] = mv[j] * momentum + variance * (1 - momentum)
                invStd[j] = 1 / (variance + epsilon).squareRoot()
            }
        } else {
            for j in 0..<c {
                mean[j] = movingMean.value.pointer[j]
                invStd[j] = 1 / (movingVariance.value.pointer[j] + epsilon).squareRoot()
            }
        }
        let xhat = workspace.a.mutablePointer, yp = y.value.mutablePointer
        let gp = gamma.value.pointer, bp = beta.value.pointer
        for r in 0..<rows {
            let o = r * c
            for j in 0..<c { let h = (xp[o + j] - mean[j]) * invStd[j]; xhat[o + j] = h; yp[o + j] = gp[j] * h + bp[j] }
        }
        guard let tape else { return y }
        tape.record(inputs: [x, gamma, beta], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            let dy = dyIn; let xhat = workspace.a.pointer, invStd = workspace.b.pointer + c
            ensure(&workspace.c, shape: [2, c])  // per-channel Σdy and Σdy·x̂, reused across steps
            let sumDy = workspace.c.mutablePointer, sumDyXhat = sumDy + c
            sumDy.update(repeating: 0, count: 2 * c)
            for r in 0..<rows {
                let o = r * c
                for j in 0..<c { sumDy[j] += dy[o + j]; sumDyXhat[j] += dy[o + j] * xhat[o + j] }
            }
            if gamma.requiresGrad { let g = gamma.accumulableGrad(tape); for j in 0..<c { g[j] += sumDyXhat[j] } }
            if beta.requiresGrad { let b = beta.accumulableGrad(tape); for j in 0..<c { b[j] += sumDy[j] } }
            guard x.requiresGrad else { return }
            let dx = x.accumulableGrad(tape), gp = gamma.value.pointer, m = Float(rows)
            for r in 0..<rows {
                let o = r * c
                for j in 0..<c {
                    let scale = gp[j] * invStd[j]
                    dx[o + j] += training
                        ? scale * (dy[o + j] - (sumDy[j] + xhat[o + j] * sumDyXhat[j]) / m)
                        : scale * dy[o + j]
                }
            }
        }
        return y
    }
}

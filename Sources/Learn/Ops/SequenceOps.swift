import Tensor

extension Ops {
    /// The sequence in reverse step order — x: [B, T, …] -> y: [B, T, …] with y[:, t] = x[:, T − 1 − t].
    public static func reverseSteps(_ x: Variable, steps: Int, into out: Variable? = nil,
                                    tape: Tape?) throws -> Variable {
        let b = x.shape.first ?? 0
        guard x.value.rank >= 2, x.shape[1] == steps, steps > 0 else {
            throw LearnError.shape("reverseSteps: expected input (batch, \(steps), …), found \(x.shape)")
        }
        let width = x.value.count / max(b * steps, 1)
        let y = prepare(out, shape: x.shape, inputs: [x])
        reverse(x.value.pointer, into: y.value.mutablePointer, b, steps, width, accumulate: false)
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dy = y.incomingGrad(tape), x.requiresGrad else { return }
            reverse(dy, into: x.accumulableGrad(tape), b, steps, width, accumulate: true)
        }
        return y
    }

    /// [B, T, W] -> [B, T, W] reversed in T, overwriting or adding.
    private static func reverse(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ b: Int,
                                _ t: Int, _ w: Int,
                                accumulate: Bool) {
        for n in 0..<b {
            for s in 0..<t {
                let from = x + (n * t + s) * w, to = y + (n * t + t - 1 - s) * w
                if accumulate { for j in 0..<w { to[j] += from[j] } } else { to.update(from: from, count: w) }
            }
        }
    }

    /// Joins two tensors along the last axis — a: [..., P], b: [..., Q] -> y: [..., P + Q].
    public static func concatenateLast(_ a: Variable, _ b: Variable, into out: Variable? = nil,
                                       tape: Tape?) throws -> Variable {
        guard a.value.rank == b.value.rank, a.shape.dropLast() == b.shape.dropLast(), let p = a.shape.last,
              let q = b.shape.last else {
            throw LearnError.shape("concatenate: shapes must agree except in the last axis, "
                                   + "found \(a.shape) and \(b.shape)")
        }
        let rows = a.value.count / max(p, 1)
        let y = prepare(out, shape: Array(a.shape.dropLast()) + [p + q], inputs: [a, b])
        let ap = a.value.pointer, bp = b.value.pointer, yp = y.value.mutablePointer
        for r in 0..<rows {
            (yp + r * (p + q)).update(from: ap + r * p, count: p)
            (yp + r * (p + q) + p).update(from: bp + r * q, count: q)
        }
        guard let tape else { return y }
        tape.record(inputs: [a, b], output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            if a.requiresGrad {
                let da = a.accumulableGrad(tape)
                for r in 0..<rows { let from = dy + r * (p + q), to = da + r * p; for j in 0..<p { to[j] += from[j] } }
            }
            if b.requiresGrad {
                let db = b.accumulableGrad(tape)
                for r in 0..<rows {
                    let from = dy + r * (p + q) + p, to = db + r * q
                    for j in 0..<q { to[j] += from[j] }
                }
            }
        }
        return y
    }
}

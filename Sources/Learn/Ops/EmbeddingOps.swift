import Tensor

// Ops that turn inputs into token sequences for attention: a per-position table added to every
// sample, and an image cut into flattened patches.

extension Ops {
    /// Adds one table to every sample of the batch (positional embeddings).
    /// x: [N, T, F...], table: [T, F...] (same element count per sample) -> y: [N, T, F...].
    /// Backward: dx = dy, dtable = Σ_n dy[n].
    public static func addToEachSample(_ x: Variable, table: Variable, into out: Variable? = nil,
                                       tape: Tape?) throws -> Variable {
        let batch = x.shape.first ?? 0, per = table.value.count
        guard batch > 0, x.value.count == batch * per else {
            throw LearnError.shape("positional embedding: each sample must have \(table.shape) = \(per) values, "
                                   + "found input \(x.shape)")
        }
        let y = prepare(out, shape: x.shape, inputs: [x, table])
        let xp = x.value.pointer, tp = table.value.pointer, yp = y.value.mutablePointer
        for n in 0..<batch { Kernels.add(xp + n * per, tp, into: yp + n * per, count: per) }
        guard let tape else { return y }
        tape.record(inputs: [x, table], output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            if x.requiresGrad { x.receiveGrad(dy, tape) }
            if table.requiresGrad {
                let dt = table.accumulableGrad(tape)
                for n in 0..<batch { Kernels.accumulate(dy + n * per, into: dt, count: per) }
            }
        }
        return y
    }

    /// Cuts each image into non-overlapping p×p patches, row-major over the patch grid, each
    /// flattened in (row, column, channel) order.
    /// x: [N, H, W, C] -> y: [N, (H/p)·(W/p), p·p·C]; H and W must be multiples of p.
    public static func patches(_ x: Variable, size p: Int, into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard x.value.rank == 4, p > 0, x.shape[1] % p == 0, x.shape[2] % p == 0 else {
            throw LearnError.shape("patches: expected images [batch, height, width, "
                                   + "channels] with height and width multiples of \(p), found \(x.shape)")
        }
        let n = x.shape[0], h = x.shape[1], w = x.shape[2], c = x.shape[3]
        let gh = h / p, gw = w / p, run = p * c  // one patch row is p·C contiguous input values
        let y = prepare(out, shape: [n, gh * gw, p * p * c], inputs: [x])
        // Visits every (image, patch, patch row) once, handing the input and output offsets of that row.
        func eachRow(_ body: (_ input: Int, _ output: Int) -> Void) {
            var o = 0
            for b in 0..<n { for gy in 0..<gh { for gx in 0..<gw { for r in 0..<p {
                body(((b * h + gy * p + r) * w + gx * p) * c, o)
                o += run
            } } } }
        }
        let xp = x.value.pointer, yp = y.value.mutablePointer
        eachRow { i, o in (yp + o).update(from: xp + i, count: run) }
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dy = y.incomingGrad(tape), x.requiresGrad else { return }
            let dx = x.accumulableGrad(tape)
            eachRow { i, o in Kernels.accumulate(dy + o, into: dx + i, count: run) }
        }
        return y
    }
}

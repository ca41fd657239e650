import Tensor

extension Ops {
    /// Same elements, new shape — x: [N, ...] -> y: [N, shape...]. When a gradient flows through, copies
    /// into the (reused) output so each layer owns its buffer and later in-place writes never trigger
    /// copy-on-write. Otherwise (a data batch, inference) y shares x's buffer: a model's leading Flatten
    /// then costs nothing per batch, as long as the view is gone before the batch is refilled.
    public static func reshape(_ x: Variable, to shape: [Int], into out: Variable? = nil,
                               tape: Tape?) throws -> Variable {
        guard shape.reduce(1, *) == x.value.count else {
            throw LearnError.shape("Reshape: cannot view \(x.shape) (\(x.value.count) elements) as \(shape)")
        }
        guard let tape, x.requiresGrad else {
            return Variable(try x.value.reshaped(shape), requiresGrad: x.requiresGrad)
        }
        return copyRecorded(x, into: prepare(out, shape: shape, requiresGrad: true), tape: tape)
    }

    /// `reshape` to [x's first dimension] + `sampleShape` (Flatten, Reshape): when a gradient flows through, the
    /// whole shape is built only when `out` does not have it yet.
    public static func reshape(_ x: Variable, samplesTo sampleShape: [Int], into out: Variable? = nil,
                               tape: Tape?) throws -> Variable {
        if let tape, x.requiresGrad, let out, out.value.count == x.value.count, out.shape.first == x.shape.first,
           out.shape.dropFirst().elementsEqual(sampleShape) {
            out.requiresGrad = true
            return copyRecorded(x, into: out, tape: tape)
        }
        return try reshape(x, to: [x.shape.first ?? 0] + sampleShape, into: out, tape: tape)
    }

    /// y = x element for element (y has x's count), recorded so that y's gradient flows back into x.
    private static func copyRecorded(_ x: Variable, into y: Variable, tape: Tape) -> Variable {
        Kernels.copy(x.value.pointer, into: y.value.mutablePointer, count: x.value.count)
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            if x.requiresGrad { x.receiveGrad(dyIn, tape) }
        }
        return y
    }

    /// y = a + b (same shape) — for residual connections.
    public static func add(_ a: Variable, _ b: Variable, into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard a.shape == b.shape else {
            throw LearnError.shape("Add: shapes must match, found \(a.shape) and \(b.shape)")
        }
        let y = prepare(out, shape: a.shape, inputs: [a, b])
        Kernels.add(a.value.pointer, b.value.pointer, into: y.value.mutablePointer, count: a.value.count)
        guard let tape else { return y }
        tape.record(inputs: [a, b], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            if a.requiresGrad { a.receiveGrad(dyIn, tape) }
            if b.requiresGrad { b.receiveGrad(dyIn, tape) }
        }
        return y
    }

    /// Inverted dropout: while training, zeroes each element with probability `rate` and scales
    /// the survivors by 1/(1-rate), so inference is the identity. Any shape.
    public static func dropout(_ x: Variable, rate: Float, training: Bool, rng: inout SeededGenerator,
                               workspace: Workspace = Workspace(), into out: Variable? = nil, tape: Tape?) -> Variable {
        let y = prepare(out, shape: x.shape, inputs: [x])
        let n = x.value.count, xp = x.value.pointer, yp = y.value.mutablePointer
        guard training, rate > 0 else {
            yp.update(from: xp, count: n)
            if let tape { tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
                if x.requiresGrad { x.receiveGrad(dyIn, tape) }
            } }
            return y
        }
        ensure(&workspace.a, shape: x.shape)
        let mask = workspace.a.mutablePointer, keep = 1 / (1 - rate)
        for i in 0..<n { mask[i] = rng.nextUnitFloat() < rate ? 0 : keep }
        for i in 0..<n { yp[i] = xp[i] * mask[i] }
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            guard x.requiresGrad else { return }
            let dy = dyIn; let dx = x.accumulableGrad(tape), mask = workspace.a.pointer
            for i in 0..<n { dx[i] += dy[i] * mask[i] }
        }
        return y
    }
}

import Tensor
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension Ops {
    /// Mean softmax cross-entropy from logits with integer labels, stable via log-sum-exp.
    /// logits: [N, K], labels: N class indices in 0..<K -> scalar. Workspace keeps softmax(logits).
    public static func softmaxCrossEntropy(logits: Variable, labels: UnsafePointer<Int32>,
                                           workspace: Workspace = Workspace(),
                                           into out: Variable? = nil, tape: Tape?) throws -> Variable {
        let (n, k) = try rowsAndClasses(logits, "softmax cross-entropy")
        for i in 0..<n where labels[i] < 0 || Int(labels[i]) >= k {
            throw LearnError.invalidArgument("softmax cross-entropy: label \(labels[i]) of sample \(i) is outside "
                                             + "0..<\(k); the last layer needs one unit per class")
        }
        ensure(&workspace.a, shape: [n, k])
        let p = workspace.a.mutablePointer, x = logits.value.pointer
        Kernels.softmaxRows(x, into: p, rows: n, cols: k)
        var total = 0.0
        for i in 0..<n {  // -log p[label] = logsumexp(row) - row[label], computed without log(0)
            let row = x + i * k
            var m = -Float.infinity
            for j in 0..<k { m = max(m, row[j]) }
            var s: Float = 0
            for j in 0..<k { s += expf(row[j] - m) }
            total += Double(m + logf(s) - row[Int(labels[i])])
        }
        if tape != nil {
            workspace.indices(count: n)  // labels kept for the backward in a reused buffer
            workspace.indices.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: labels, count: n) }
        }
        return meanLoss(total, count: n, of: logits, into: out, tape: tape) { scale, dx in
            let p = workspace.a.pointer
            for i in 0..<n {
                for j in 0..<k { dx[i * k + j] += p[i * k + j] * scale }
                dx[i * k + Int(workspace.indices[i])] -= scale
            }
        }
    }

    /// Mean softmax cross-entropy from logits against target distributions (e.g. one-hot).
    /// logits, targets: [N, K] -> scalar
    public static func softmaxCrossEntropy(logits: Variable, targets: Tensor, workspace: Workspace = Workspace(),
                                           into out: Variable? = nil, tape: Tape?) throws -> Variable {
        let (n, k) = try rowsAndClasses(logits, "softmax cross-entropy")
        guard targets.shape == logits.shape else {
            throw LearnError.shape("softmax cross-entropy: targets \(targets.shape) must match logits \(logits.shape)")
        }
        ensure(&workspace.a, shape: [n, k]); ensure(&workspace.b, shape: [n])
        let p = workspace.a.mutablePointer, lse = workspace.b.mutablePointer, x = logits.value.pointer,
            t = targets.pointer
        Kernels.softmaxRows(x, into: p, rows: n, cols: k)
        Kernels.logSumExpRows(x, rows: n, cols: k, into: lse)
        var total = 0.0
        for i in 0..<n { for j in 0..<k { total += Double(t[i * k + j] * (lse[i] - x[i * k + j])) } }
        return meanLoss(total, count: n, of: logits, into: out, tape: tape) { scale, dx in
            let p = workspace.a.pointer, t = targets.pointer
            for i in 0..<n {
                var mass: Float = 0
                for j in 0..<k { mass += t[i * k + j] }
                for j in 0..<k { dx[i * k + j] += (p[i * k + j] * mass - t[i * k + j]) * scale }
            }
        }
    }

    /// Mean binary cross-entropy. With `fromLogits` the input is a logit and the loss uses the
    /// stable form max(x,0) - x·t + log(1+e^-|x|); otherwise it is a probability clipped to
    /// [1e-7, 1-1e-7] like Keras. x, targets: same shape -> scalar
    public static func binaryCrossEntropy(_ x: Variable, targets: Tensor, fromLogits: Bool,
                                          into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard targets.count == x.value.count else {
            throw LearnError.shape("binary cross-entropy: targets \(targets.shape) must match predictions \(x.shape)")
        }
        let n = x.value.count, xp = x.value.pointer, t = targets.pointer, eps: Float = 1e-7
        var total = 0.0
        for i in 0..<n {
            if fromLogits { total += Double(max(xp[i], 0) - xp[i] * t[i] + log1pf(expf(-abs(xp[i])))) }
            else { let p = min(max(xp[i], eps), 1 - eps); total -= Double(t[i] * logf(p) + (1 - t[i]) * logf(1 - p)) }
        }
        return meanLoss(total, count: n, of: x, into: out, tape: tape) { scale, dx in
            let xp = x.value.pointer, t = targets.pointer
            for i in 0..<n {
                if fromLogits { dx[i] += (Activation.sigmoid(xp[i]) - t[i]) * scale }
                else if xp[i] > eps && xp[i] < 1 - eps { dx[i] += (xp[i] - t[i]) / (xp[i] * (1 - xp[i])) * scale }
            }
        }
    }

    /// Mean squared error — x, targets: same shape -> scalar
    public static func meanSquaredError(_ x: Variable, targets: Tensor, into out: Variable? = nil,
                                        tape: Tape?) throws -> Variable {
        guard targets.count == x.value.count else {
            throw LearnError.shape("mean squared error: targets \(targets.shape) must match predictions \(x.shape)")
        }
        let n = x.value.count, xp = x.value.pointer, t = targets.pointer
        var total = 0.0
        for i in 0..<n { let d = Double(xp[i] - t[i]); total += d * d }
        return meanLoss(total, count: n, of: x, into: out, tape: tape) { scale, dx in
            let xp = x.value.pointer, t = targets.pointer
            for i in 0..<n { dx[i] += (xp[i] - t[i]) * (2 * scale) }  // d(x - t)² = 2(x - t)
        }
    }

    /// L2 weight decay term: lambda · Σ w² over the given weights -> scalar
    public static func l2Penalty(_ weights: [Variable], lambda: Float, into out: Variable? = nil,
                                 tape: Tape?) -> Variable {
        var total = 0.0
        for w in weights { total += Kernels.sumOfSquares(w.value.pointer, count: w.value.count) }
        let y = prepare(out, shape: [], inputs: weights)
        y.value.mutablePointer[0] = Float(Double(lambda) * total)
        guard let tape else { return y }
        tape.record(inputs: weights, output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            let scale = 2 * lambda * dyIn[0]
            for w in weights where w.requiresGrad {
                Kernels.accumulate(w.value.pointer, into: w.accumulableGrad(tape), count: w.value.count, alpha: scale)
            }
        }
        return y
    }

    /// y = a + b for scalars (to combine a loss with penalties).
    public static func addScalars(_ a: Variable, _ b: Variable, into out: Variable? = nil, tape: Tape?) -> Variable {
        let y = prepare(out, shape: [], inputs: [a, b])
        y.value.mutablePointer[0] = a.value.pointer[0] + b.value.pointer[0]
        tape?.record(inputs: [a, b], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            if a.requiresGrad { a.accumulableGrad(tape)[0] += dyIn[0] }
            if b.requiresGrad { b.accumulableGrad(tape)[0] += dyIn[0] }
        }
        return y
    }

    /// The scalar loss `total / n` of `input` (the mean over its n terms). On a tape, and when `input`
    /// needs a gradient, `backward(scale, dx)` adds the gradient of the summed terms times
    /// `scale` = incoming gradient / n into `input`'s gradient `dx`.
    private static func meanLoss(_ total: Double, count n: Int, of input: Variable, into out: Variable?, tape: Tape?,
                                 backward: @escaping (_ scale: Float, _ dx: UnsafeMutablePointer<Float>) -> Void)
        -> Variable {
        let y = prepare(out, shape: [], inputs: [input])
        y.value.mutablePointer[0] = Float(total / Double(max(n, 1)))
        tape?.record(inputs: [input], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape), input.requiresGrad else { return }
            backward(dyIn[0] / Float(n), input.accumulableGrad(tape))
        }
        return y
    }

    private static func rowsAndClasses(_ logits: Variable, _ name: String) throws -> (Int, Int) {
        guard logits.value.rank == 2 else {
            throw LearnError.shape("\(name): expected logits [batch, classes], found \(logits.shape)")
        }
        return (logits.shape[0], logits.shape[1])
    }
}

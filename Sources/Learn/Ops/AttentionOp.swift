import Tensor

// Scaled dot-product attention over heads. B = batch, T = steps, H = heads, D = key size.

/// Buffers kept between attention's forward and backward; sized on first use, then reused.
public final class AttentionWorkspace {
    /// q, k, v and the attended values split by head: [B, H, T, D] each.
    public var q = Tensor(zeros: [0]), k = Tensor(zeros: [0]), v = Tensor(zeros: [0]), attended = Tensor(zeros: [0])
    /// Attention weights softmax(q·kᵀ/√D) per head: [B, H, T, T] (each row sums to 1).
    public var weights = Tensor(zeros: [0])
    /// Backward: gradients of the split q, k, v [B, H, T, D] and per-worker [T, T] scratch.
    public var dq = Tensor(zeros: [0]), dk = Tensor(zeros: [0]), dv = Tensor(zeros: [0]), scratch = Tensor(zeros: [0])
    public init() {}
}

extension Ops {
    /// Multi-head scaled dot-product attention: per head, softmax(q·kᵀ/√D)·v, where with `causal`
    /// step i attends only to steps ≤ i. q, k, v: [B, T, H·D] -> [B, T, H·D] (heads concatenated).
    public static func attention(query q: Variable, key k: Variable, value v: Variable, heads: Int, causal: Bool,
                                 workspace ws: AttentionWorkspace = AttentionWorkspace(),
                                 into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard q.value.rank == 3, k.shape == q.shape, v.shape == q.shape, heads > 0, q.shape[2] % heads == 0 else {
            throw LearnError.shape("attention: expected query, key and value of one shape [batch, steps, "
                                   + "heads·keyDim] with \(heads) heads, found \(q.shape), \(k.shape), \(v.shape)")
        }
        let b = q.shape[0], t = q.shape[1], d = q.shape[2] / heads, pairs = b * heads
        let scale = 1 / Float(d).squareRoot()
        let y = prepare(out, shape: q.shape, inputs: [q, k, v])
        ensure(&ws.q, shape: [b, heads, t, d]); ensure(&ws.k, shape: [b, heads, t, d])
        ensure(&ws.v, shape: [b, heads, t, d]); ensure(&ws.attended, shape: [b, heads, t, d])
        ensure(&ws.weights, shape: [b, heads, t, t])
        splitHeads(q.value.pointer, into: ws.q.mutablePointer, b, t, heads, d)
        splitHeads(k.value.pointer, into: ws.k.mutablePointer, b, t, heads, d)
        splitHeads(v.value.pointer, into: ws.v.mutablePointer, b, t, heads, d)
        let qs = ws.q.pointer, ks = ws.k.pointer, vs = ws.v.pointer, w = ws.weights.mutablePointer,
            a = ws.attended.mutablePointer
        Parallel.forEach(pairs, costPerItem: 4 * t * t * d) { range in
            for p in range {
                let wp = w + p * t * t, o = p * t * d
                // weights[T, T] = softmax(q[T, D] · kᵀ[D, T] / √D), masked above the diagonal when causal
                Gemm.multiply(qs + o, ks + o, transposeB: true, into: wp, m: t, n: t, k: d)
                Kernels.scaledSoftmaxRowsInPlace(wp, rows: t, cols: t, ld: t, scale: scale, causal: causal)
                // attended[T, D] = weights[T, T] · v[T, D]
                Gemm.multiply(wp, vs + o, into: a + o, m: t, n: d, k: t)
            }
        }
        mergeHeads(ws.attended.pointer, into: y.value.mutablePointer, b, t, heads, d, accumulate: false)
        guard let tape else { return y }
        tape.record(inputs: [q, k, v], output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            ensure(&ws.dq, shape: [b, heads, t, d]); ensure(&ws.dk, shape: [b, heads, t, d]); ensure(&ws.dv,
                shape: [b, heads, t, d])
            ensure(&ws.scratch, shape: [Parallel.cores, t, t])
            let dA = ws.attended.mutablePointer  // reused for d(attended), split by head
            splitHeads(dy, into: dA, b, t, heads, d)
            let dq = ws.dq.mutablePointer, dk = ws.dk.mutablePointer, dv = ws.dv.mutablePointer, w = ws.weights.pointer
            let scratch = ws.scratch.mutablePointer
            Parallel.forEachChunk(pairs, costPerItem: 8 * t * t * d) { chunk, range in
                let dW = scratch + chunk * t * t
                for p in range {
                    let wp = w + p * t * t, o = p * t * d
                    Gemm.multiply(dA + o, vs + o, transposeB: true, into: dW, m: t, n: t, k: d)   // dW = dA · vᵀ
                    Gemm.multiply(wp, transposeA: true, dA + o, into: dv + o, m: t, n: d, k: t)   // dv = Wᵀ · dA
                    // d(scores) = W ⊙ (dW − Σ_j W·dW) / √D, in place
                    Kernels.softmaxRowsBackward(y: wp, dy: dW, into: dW, rows: t, cols: t, scale: scale,
                                                accumulate: false)
                    Gemm.multiply(dW, ks + o, into: dq + o, m: t, n: d, k: t)                    // dq = dS · k
                    Gemm.multiply(dW, transposeA: true, qs + o, into: dk + o, m: t, n: d, k: t)  // dk = dSᵀ · q
                }
            }
            if q.requiresGrad {
                mergeHeads(ws.dq.pointer, into: q.accumulableGrad(tape), b, t, heads, d, accumulate: true)
            }
            if k.requiresGrad {
                mergeHeads(ws.dk.pointer, into: k.accumulableGrad(tape), b, t, heads, d, accumulate: true)
            }
            if v.requiresGrad {
                mergeHeads(ws.dv.pointer, into: v.accumulableGrad(tape), b, t, heads, d, accumulate: true)
            }
        }
        return y
    }

    /// [B, T, H·D] -> [B, H, T, D]
    static func splitHeads(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ b: Int, _ t: Int, _ h: Int,
                           _ d: Int) {
        for n in 0..<b { for s in 0..<t { for g in 0..<h {
            (y + ((n * h + g) * t + s) * d).update(from: x + (n * t + s) * h * d + g * d, count: d)
        } } }
    }

    /// [B, H, T, D] -> [B, T, H·D], overwriting or adding.
    static func mergeHeads(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ b: Int, _ t: Int,
                           _ h: Int, _ d: Int,
                           accumulate: Bool) {
        for n in 0..<b { for s in 0..<t { for g in 0..<h {
            let from = x + ((n * h + g) * t + s) * d, to = y + (n * t + s) * h * d + g * d
            if accumulate { for j in 0..<d { to[j] += from[j] } } else { to.update(from: from, count: d) }
        } } }
    }
}

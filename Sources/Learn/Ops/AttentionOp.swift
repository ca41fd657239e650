import Tensor

// Scaled dot-product attention over heads. B = batch, T = steps, H = heads, D = key size.
//
// Head h of batch b is the column block h·D..<(h+1)·D of the [T, H·D] matrix at b: rows of D floats at
// stride H·D. The per-head products read q, k, v and write y and the gradients there in place, with that
// row stride, so no [B, H, T, D] copies are made (splitting and merging heads cost as much as the softmax).

/// Buffers kept between attention's forward and backward; sized on first use, then reused.
public final class AttentionWorkspace {
    /// Attention weights softmax(q·kᵀ/√D) per head: [B, H, T, T] (each row sums to 1).
    public var weights = Tensor(zeros: [0])
    /// Backward: per-worker [T, T] scratch for the gradient of the weights, then of the scores.
    public var scratch = Tensor(zeros: [0])
    public init() {}
}

/// Where attention reads its queries, keys and values and sends their gradients: three [B, T, H·D] variables
/// (possibly one variable three times), or three column blocks of one [B, T, 3·H·D] variable.
private struct AttentionInputs {
    let query: Variable, key: Variable, value: Variable
    /// Offsets of q, k and v in a row of their variables, and the row stride (H·D, or 3·H·D when packed).
    let offsets: (q: Int, k: Int, v: Int), ld: Int
    let packed: Bool

    /// The gradient targets, as (pointer at the block, whether to overwrite it) for v, q and k, or nil where no
    /// gradient is needed. Asked for in the order the products write them, so that when q, k and v are one
    /// variable only the first product to reach a block overwrites it (beta 0) and the later ones add; packed
    /// blocks are disjoint, so all three overwrite on the pass's first write.
    func gradients(_ tape: Tape) -> [(pointer: UnsafeMutablePointer<Float>, first: Bool)?] {
        if packed {
            guard query.requiresGrad else { return [nil, nil, nil] }
            let (g, first) = query.writableGrad(tape)
            return [(g + offsets.v, first), (g + offsets.q, first), (g + offsets.k, first)]
        }
        return [(value, offsets.v), (query, offsets.q), (key, offsets.k)].map { variable, offset in
            guard variable.requiresGrad else { return nil }
            let (g, first) = variable.writableGrad(tape)
            return (g + offset, first)
        }
    }
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
        let inputs = AttentionInputs(query: q, key: k, value: v, offsets: (0, 0, 0), ld: q.shape[2], packed: false)
        return attend(inputs, heads: heads, causal: causal, ws, into: out, tape: tape)
    }

    /// Attention over queries, keys and values packed side by side in one variable (what `projections` gives):
    /// qkv: [B, T, 3·H·D] with q in columns 0..<H·D, k next, then v -> [B, T, H·D]. The per-head products read
    /// the blocks in place and write their gradients there.
    public static func attention(packed qkv: Variable, heads: Int, causal: Bool,
                                 workspace ws: AttentionWorkspace = AttentionWorkspace(),
                                 into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard heads > 0, qkv.value.rank == 3, qkv.shape[2] % (3 * heads) == 0 else {
            throw LearnError.shape("attention: expected queries, keys and values side by side [batch, steps, "
                                   + "3·heads·keyDim] with \(heads) heads, found \(qkv.shape)")
        }
        let hd = qkv.shape[2] / 3
        let inputs = AttentionInputs(query: qkv, key: qkv, value: qkv, offsets: (0, hd, 2 * hd), ld: 3 * hd,
                                     packed: true)
        return attend(inputs, heads: heads, causal: causal, ws, into: out, tape: tape)
    }

    private static func attend(_ inputs: AttentionInputs, heads: Int, causal: Bool, _ ws: AttentionWorkspace,
                               into out: Variable?, tape: Tape?) -> Variable {
        let q = inputs.query, ld = inputs.ld
        let b = q.shape[0], t = q.shape[1], hd = inputs.packed ? ld / 3 : ld, d = hd / heads, pairs = b * heads
        let scale = 1 / Float(d).squareRoot()
        /// Where head `p % heads` of batch `p / heads` starts in rows of `width` floats: an input's (width ld)
        /// or the output's (width H·D).
        func head(_ p: Int, _ width: Int) -> Int { (p / heads) * t * width + (p % heads) * d }
        let distinct = inputs.packed ? [q] : [q, inputs.key, inputs.value]
        let y = prepare(out, shape: [b, t, hd], inputs: distinct)
        ensure(&ws.weights, shape: [b, heads, t, t])
        let qs = q.value.pointer + inputs.offsets.q, ks = inputs.key.value.pointer + inputs.offsets.k,
            vs = inputs.value.value.pointer + inputs.offsets.v, w = ws.weights.mutablePointer,
            ys = y.value.mutablePointer
        Parallel.forEach(pairs, costPerItem: 4 * t * t * d) { range in
            for p in range {
                let wp = w + p * t * t, o = head(p, ld)
                // weights[T, T] = softmax(q[T, D] · kᵀ[D, T] / √D), masked above the diagonal when causal
                Gemm.multiplyOnThisThread(qs + o, lda: ld, ks + o, transposeB: true, ldb: ld, into: wp, ldc: t,
                                          m: t, n: t, k: d)
                Kernels.scaledSoftmaxRowsInPlace(wp, rows: t, cols: t, ld: t, scale: scale, causal: causal)
                // y[T, D] = weights[T, T] · v[T, D]
                Gemm.multiplyOnThisThread(wp, lda: t, vs + o, ldb: ld, into: ys + head(p, hd), ldc: hd, m: t, n: d,
                                          k: t)
            }
        }
        guard let tape else { return y }
        tape.record(inputs: distinct, output: y) { tape in
            guard let dA = y.incomingGrad(tape) else { return }
            ensure(&ws.scratch, shape: [Parallel.cores, t, t])
            let targets = inputs.gradients(tape), (dv, dq, dk) = (targets[0], targets[1], targets[2])
            let w = ws.weights.pointer, scratch = ws.scratch.mutablePointer
            Parallel.forEachChunk(pairs, costPerItem: 8 * t * t * d) { chunk, range in
                let dW = scratch + chunk * t * t
                for p in range {
                    let wp = w + p * t * t, o = head(p, ld), dAp = dA + head(p, hd)
                    if let dv {  // dv = Wᵀ · dA
                        Gemm.multiplyOnThisThread(wp, transposeA: true, lda: t, dAp, ldb: hd, into: dv.pointer + o,
                                                  ldc: ld, m: t, n: d, k: t, beta: dv.first ? 0 : 1)
                    }
                    guard dq != nil || dk != nil else { continue }
                    // dW = dA · vᵀ, then d(scores) = W ⊙ (dW − Σ_j W·dW) / √D in place
                    Gemm.multiplyOnThisThread(dAp, lda: hd, vs + o, transposeB: true, ldb: ld, into: dW, ldc: t,
                                              m: t, n: t, k: d)
                    Kernels.softmaxRowsBackward(y: wp, dy: dW, into: dW, rows: t, cols: t, scale: scale,
                                                accumulate: false)
                    if let dq {  // dq = dS · k
                        Gemm.multiplyOnThisThread(dW, lda: t, ks + o, ldb: ld, into: dq.pointer + o, ldc: ld,
                                                  m: t, n: d, k: t, beta: dq.first ? 0 : 1)
                    }
                    if let dk {  // dk = dSᵀ · q
                        Gemm.multiplyOnThisThread(dW, transposeA: true, lda: t, qs + o, ldb: ld, into: dk.pointer + o,
                                                  ldc: ld, m: t, n: d, k: t, beta: dk.first ? 0 : 1)
                    }
                }
            }
        }
        return y
    }
}

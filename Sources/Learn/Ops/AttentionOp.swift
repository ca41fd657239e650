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
        let b = q.shape[0], t = q.shape[1], hd = q.shape[2], d = hd / heads, pairs = b * heads
        let scale = 1 / Float(d).squareRoot()
        /// Where head `p % heads` of batch `p / heads` starts in a [B, T, H·D] buffer.
        func head(_ p: Int) -> Int { (p / heads) * t * hd + (p % heads) * d }
        let y = prepare(out, shape: q.shape, inputs: [q, k, v])
        ensure(&ws.weights, shape: [b, heads, t, t])
        let qs = q.value.pointer, ks = k.value.pointer, vs = v.value.pointer, w = ws.weights.mutablePointer,
            ys = y.value.mutablePointer
        Parallel.forEach(pairs, costPerItem: 4 * t * t * d) { range in
            for p in range {
                let wp = w + p * t * t, o = head(p)
                // weights[T, T] = softmax(q[T, D] · kᵀ[D, T] / √D), masked above the diagonal when causal
                Gemm.multiplyOnThisThread(qs + o, lda: hd, ks + o, transposeB: true, ldb: hd, into: wp, ldc: t,
                                          m: t, n: t, k: d)
                Kernels.scaledSoftmaxRowsInPlace(wp, rows: t, cols: t, ld: t, scale: scale, causal: causal)
                // y[T, D] = weights[T, T] · v[T, D]
                Gemm.multiplyOnThisThread(wp, lda: t, vs + o, ldb: hd, into: ys + o, ldc: hd, m: t, n: d, k: t)
            }
        }
        guard let tape else { return y }
        tape.record(inputs: [q, k, v], output: y) { tape in
            guard let dA = y.incomingGrad(tape) else { return }
            ensure(&ws.scratch, shape: [Parallel.cores, t, t])
            // Asked for in the order the products below write them, so that when q, k or v are one variable
            // only the first product to reach a block overwrites it (beta 0) and the later ones add.
            let dv = v.requiresGrad ? v.writableGrad(tape) : nil, dq = q.requiresGrad ? q.writableGrad(tape) : nil,
                dk = k.requiresGrad ? k.writableGrad(tape) : nil
            let w = ws.weights.pointer, scratch = ws.scratch.mutablePointer
            Parallel.forEachChunk(pairs, costPerItem: 8 * t * t * d) { chunk, range in
                let dW = scratch + chunk * t * t
                for p in range {
                    let wp = w + p * t * t, o = head(p)
                    if let dv {  // dv = Wᵀ · dA
                        Gemm.multiplyOnThisThread(wp, transposeA: true, lda: t, dA + o, ldb: hd, into: dv.pointer + o,
                                                  ldc: hd, m: t, n: d, k: t, beta: dv.first ? 0 : 1)
                    }
                    guard dq != nil || dk != nil else { continue }
                    // dW = dA · vᵀ, then d(scores) = W ⊙ (dW − Σ_j W·dW) / √D in place
                    Gemm.multiplyOnThisThread(dA + o, lda: hd, vs + o, transposeB: true, ldb: hd, into: dW, ldc: t,
                                              m: t, n: t, k: d)
                    Kernels.softmaxRowsBackward(y: wp, dy: dW, into: dW, rows: t, cols: t, scale: scale,
                                                accumulate: false)
                    if let dq {  // dq = dS · k
                        Gemm.multiplyOnThisThread(dW, lda: t, ks + o, ldb: hd, into: dq.pointer + o, ldc: hd,
                                                  m: t, n: d, k: t, beta: dq.first ? 0 : 1)
                    }
                    if let dk {  // dk = dSᵀ · q
                        Gemm.multiplyOnThisThread(dW, transposeA: true, lda: t, qs + o, ldb: hd, into: dk.pointer + o,
                                                  ldc: hd, m: t, n: d, k: t, beta: dk.first ? 0 : 1)
                    }
                }
            }
        }
        return y
    }
}

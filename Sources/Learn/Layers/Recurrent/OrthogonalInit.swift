import Tensor

extension Initializer {
    /// Keras's `Orthogonal` initialiser for a [rows, cols] matrix: the rows (if rows ≤ cols) or the
    /// columns are orthonormal. Made by Gram–Schmidt on a normal random matrix, which gives the
    /// same distribution as Keras's QR with sign correction.
    public static func orthogonal(rows: Int, cols: Int, rng: inout SeededGenerator) -> Tensor {
        // Orthonormalise `short` vectors of length `long`, then lay them out as rows or columns.
        let short = min(rows, cols), long = max(rows, cols)
        var v = Tensor.normal(shape: [short, long], using: &rng)
        let p = v.mutablePointer
        for i in 0..<short {
            let vi = p + i * long
            for _ in 0..<2 {  // twice is enough for float precision ("twice is enough", Kahan)
                for k in 0..<i {
                    let vk = p + k * long
                    var dot: Float = 0
                    for j in 0..<long { dot += vi[j] * vk[j] }
                    for j in 0..<long { vi[j] -= dot * vk[j] }
                }
            }
            var norm: Float = 0
            for j in 0..<long { norm += vi[j] * vi[j] }
            let scale = 1 / max(norm.squareRoot(), 1e-12)
            for j in 0..<long { vi[j] *= scale }
        }
        if rows == short { return (try? v.reshaped([rows, cols])) ?? v }
        var t = Tensor(zeros: [rows, cols])
        let q = t.mutablePointer
        for i in 0..<short { for j in 0..<long { q[j * cols + i] = p[i * long + j] } }
        return t
    }
}

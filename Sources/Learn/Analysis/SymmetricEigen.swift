/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: each rotation
/// zeroes one off-diagonal pair, and sweeps repeat until the off-diagonal mass vanishes.
/// O(n³) per sweep, so meant for n up to a few dozen (PCA's projected subspace).
enum SymmetricEigen {
    /// Eigenvalues in descending order and the matching unit eigenvectors (vectors[k] is the
    /// k-th eigenvector) of the row-major symmetric n × n matrix `a`.
    static func decompose(_ a: [Double], n: Int) -> (values: [Double], vectors: [[Double]]) {
        var m = a
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0, scale = 0.0
            for i in 0..<n {
                for j in 0..<n {
                    let square = m[i * n + j] * m[i * n + j]
                    if i == j { scale += square } else { off += square }
                }
            }
            if off <= 1e-26 * max(scale, 1e-300) { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where m[p * n + q] != 0 {
                    rotate(&m, &v, n: n, p: p, q: q)
                }
            }
        }
        let order = (0..<n).sorted { m[$0 * n + $0] > m[$1 * n + $1] }
        return (order.map { m[$0 * n + $0] }, order.map { k in (0..<n).map { v[$0 * n + k] } })
    }

    /// Applies the Jacobi rotation that zeroes m[p][q] (and m[q][p]) and accumulates it into v.
    private static func rotate(_ m: inout [Double], _ v: inout [Double], n: Int, p: Int, q: Int) {
        let apq = m[p * n + q]
        let theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<n {  // columns p, q of m
            let mkp = m[k * n + p], mkq = m[k * n + q]
            m[k * n + p] = c * mkp - s * mkq
            m[k * n + q] = s * mkp + c * mkq
        }
        for k in 0..<n {  // rows p, q of m
            let mpk = m[p * n + k], mqk = m[q * n + k]
            m[p * n + k] = c * mpk - s * mqk
            m[q * n + k] = s * mpk + c * mqk
        }
        for k in 0..<n {
            let vkp = v[k * n + p], vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
        }
    }
}

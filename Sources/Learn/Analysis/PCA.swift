import Tensor

/// Principal component analysis: the directions of largest variance of a set of rows, for
/// projecting high-dimensional points (images, hidden states) onto a plane.
///
/// The covariance is formed with SGEMM; its top eigenvectors come from subspace iteration with
/// a Rayleigh–Ritz step (exact Jacobi when the dimension is small), so only the few wanted
/// components are computed even for 784-pixel images.
public struct PCA: Sendable {
    /// Mean of each column of the fitted rows (d values).
    public let mean: [Float]
    /// The components, largest variance first: `components[k]` is a unit vector of d values.
    public let components: [[Float]]
    /// Variance of the data along each component (the covariance's eigenvalues).
    public let explainedVariance: [Double]
    /// Total variance of the data (the covariance's trace).
    public let totalVariance: Double

    /// Share of the total variance along each component.
    public var explainedVarianceRatio: [Double] { explainedVariance.map { totalVariance > 0 ? $0 / totalVariance : 0 } }

    /// Fits `components` directions to `rows`: [n, d] (any trailing shape is flattened per row).
    public init(fitting rows: Tensor, components k: Int, seed: UInt64 = 0) throws {
        guard rows.rank >= 2, rows.shape[0] >= 2 else {
            throw LearnError.shape("PCA: expected at least 2 rows of shape [n, d], found \(rows.shape)")
        }
        let n = rows.shape[0], d = rows.count / n
        guard k >= 1, k <= d else {
            throw LearnError.invalidArgument("PCA: components must be in 1...\(d) (the row length), found \(k)")
        }
        guard rows.scalars.allSatisfy(\.isFinite) else {
            throw LearnError.invalidArgument("PCA: the rows contain NaN or infinite values")
        }
        var centered = try rows.reshaped([n, d]).copy()
        let x = centered.mutablePointer
        var mean = [Float](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += x[i * d + j] } }
        for j in 0..<d { mean[j] /= Float(n) }
        for i in 0..<n { for j in 0..<d { x[i * d + j] -= mean[j] } }
        // covariance[d, d] = centeredᵀ[d, n] · centered[n, d] / (n − 1)
        var covariance = Tensor(zeros: [d, d])
        Gemm.multiply(centered.pointer, transposeA: true, centered.pointer, into: covariance.mutablePointer, m: d,
                      n: d, k: n)
        let c = covariance.mutablePointer
        for i in 0..<(d * d) { c[i] /= Float(n - 1) }
        let total = (0..<d).reduce(0.0) { $0 + Double(c[$1 * d + $1]) }
        let (values, vectors) = d <= 48
            ? SymmetricEigen.decompose((0..<(d * d)).map { Double(c[$0]) }, n: d)
            : PCA.topEigenvectors(of: covariance, count: k, seed: seed)
        self.mean = mean
        self.components = vectors.prefix(k).map { $0.map(Float.init) }
        self.explainedVariance = values.prefix(k).map { max(0, $0) }
        self.totalVariance = total
    }

    /// Coordinates of `rows` ([n, d]) along the components — [n, d] -> [n, k].
    public func transform(_ rows: Tensor) throws -> Tensor {
        let d = mean.count, k = components.count
        guard rows.rank >= 1, rows.shape[0] > 0, rows.count / rows.shape[0] == d, rows.count % rows.shape[0] == 0 else {
            throw LearnError.shape("PCA.transform: rows must have \(d) values each (as fitted), "
                                   + "found shape \(rows.shape)")
        }
        let n = rows.shape[0], x = rows.pointer
        var out = Tensor(zeros: [n, k])
        let y = out.mutablePointer
        for i in 0..<n {
            for (c, component) in components.enumerated() {
                var sum: Float = 0
                for j in 0..<d { sum += (x[i * d + j] - mean[j]) * component[j] }
                y[i * k + c] = sum
            }
        }
        return out
    }

    /// The `count` largest eigenpairs of the symmetric covariance [d, d] by subspace iteration:
    /// Q ← orth(C·Q) on a few extra vectors, then Rayleigh–Ritz on Qᵀ·C·Q to separate them.
    static func topEigenvectors(of covariance: Tensor, count: Int, seed: UInt64) -> ([Double], [[Double]]) {
        let d = covariance.shape[0], p = min(d, count + 6)
        var rng = SeededGenerator(seed: seed)
        var q = Tensor.uniform(shape: [d, p], low: -1, high: 1, using: &rng)  // columns are the basis
        var product = Tensor(zeros: [d, p])
        var previous: [Double] = []
        for iteration in 0..<500 {
            // product[d, p] = C[d, d] · Q[d, p]
            Gemm.multiply(covariance.pointer, q.pointer, into: product.mutablePointer, m: d, n: p, k: d)
            orthonormalizeColumns(product.mutablePointer, rows: d, columns: p)
            swap(&q, &product)
            if iteration % 5 == 4 {
                let values = ritz(covariance, q, p).values
                let settled = !previous.isEmpty && zip(values.prefix(count), previous.prefix(count)).allSatisfy {
                    abs($0 - $1) <= 1e-6 * max(abs(values[0]), 1e-12)
                }
                previous = values
                if settled { break }
            }
        }
        let (values, small) = ritz(covariance, q, p)
        let basis = q.pointer
        let vectors = small.map { u in
            (0..<d).map { i in (0..<p).reduce(0.0) { $0 + Double(basis[i * p + $1]) * u[$1] } }
        }
        return (values, vectors)
    }

    /// Eigenpairs of the p × p matrix Qᵀ·C·Q (descending).
    private static func ritz(_ covariance: Tensor, _ q: Tensor, _ p: Int) -> (values: [Double], vectors: [[Double]]) {
        let d = covariance.shape[0]
        var cq = Tensor(zeros: [d, p])
        Gemm.multiply(covariance.pointer, q.pointer, into: cq.mutablePointer, m: d, n: p, k: d)
        var t = [Double](repeating: 0, count: p * p)
        let a = q.pointer, b = cq.pointer
        for r in 0..<p {
            for s in r..<p {
                var sum = 0.0
                for i in 0..<d { sum += Double(a[i * p + r]) * Double(b[i * p + s]) }
                t[r * p + s] = sum
                t[s * p + r] = sum
            }
        }
        return SymmetricEigen.decompose(t, n: p)
    }

    /// Modified Gram–Schmidt on the columns of a row-major [rows, columns] matrix, in Double;
    /// a column that collapses to zero is replaced by a unit axis vector orthogonalised again.
    static func orthonormalizeColumns(_ m: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        var column = [Double](repeating: 0, count: rows)
        var done: [[Double]] = []
        for c in 0..<columns {
            for i in 0..<rows { column[i] = Double(m[i * columns + c]) }
            for attempt in 0...rows {
                for previous in done {
                    let dot = zip(column, previous).reduce(0.0) { $0 + $1.0 * $1.1 }
                    for i in 0..<rows { column[i] -= dot * previous[i] }
                }
                let norm = column.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
                if norm > 1e-10 || attempt == rows { for i in 0..<rows { column[i] /= max(norm, 1e-300) }; break }
                column = [Double](repeating: 0, count: rows)
                column[(c + attempt) % rows] = 1
            }
            done.append(column)
            for i in 0..<rows { m[i * columns + c] = Float(column[i]) }
        }
    }
}

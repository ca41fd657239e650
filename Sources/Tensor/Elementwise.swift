import CKernels

// Elementwise kernels over raw buffers. Plain indexed loops over pointers have no bounds checks,
// so the optimiser turns them into vector code; large ones are split across cores.

/// Elementwise and broadcast kernels on raw Float buffers.
public enum Kernels {
    /// y[i] = a[i] + b[i]  (n elements)
    public static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                           into y: UnsafeMutablePointer<Float>, count n: Int) {
        Parallel.forEach(n) { r in folio_add(r.count, a + r.lowerBound, b + r.lowerBound, y + r.lowerBound) }
    }

    /// y[i] += alpha * x[i]  (n elements)
    public static func accumulate(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                  count n: Int, alpha: Float = 1) {
        Parallel.forEach(n) { r in folio_accumulate(r.count, x + r.lowerBound, alpha, y + r.lowerBound) }
    }

    /// y[i] = x[i]  (n elements, not overlapping): a memcpy, split across cores when large.
    public static func copy(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        Parallel.forEach(n) { r in (y + r.lowerBound).update(from: x + r.lowerBound, count: r.count) }
    }

    /// y[i] *= s  (n elements)
    public static func scale(_ y: UnsafeMutablePointer<Float>, count n: Int, by s: Float) {
        Parallel.forEach(n) { r in for i in r { y[i] *= s } }
    }

    /// y[r, c] += bias[c] for every row — y: [rows, cols], bias: [cols]
    public static func addRowVector(_ bias: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>,
                                    rows: Int, cols: Int) {
        addRowVector(bias, to: y, rows: rows, cols: cols, relu: false)
    }

    /// y[r, c] = max(y[r, c] + bias[c], 0) — the fused bias + relu of a layer's output.
    public static func addRowVectorRelu(_ bias: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>,
                                        rows: Int, cols: Int) {
        addRowVector(bias, to: y, rows: rows, cols: cols, relu: true)
    }

    /// In C for the CPU's widest vectors (Swift's are 4 floats), split across cores by rows.
    private static func addRowVector(_ bias: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>,
                                     rows: Int, cols: Int, relu: Bool) {
        Parallel.forEach(rows, costPerItem: cols) { range in
            folio_add_row_vector(range.count, cols, bias, y + range.lowerBound * cols, relu ? 1 : 0)
        }
    }

    /// out[c] += sum over rows of x[r, c] — x: [rows, cols], out: [cols] (bias gradients). Each column is
    /// summed in row order (in C, up to 64 columns in vector registers), so seeded runs repeat; large sums (an
    /// LSTM's [T·B, 4U] gate gradients, a Transformer's [T·B, 64] bias gradients) split their columns, in
    /// blocks of 16 (one vector), between the cores, which leaves every column's order, and so the result,
    /// as it was.
    public static func accumulateColumnSums(_ x: UnsafePointer<Float>, rows: Int, cols: Int,
                                            into out: UnsafeMutablePointer<Float>) {
        Parallel.forEach((cols + 15) / 16, costPerItem: rows * 16) { blocks in
            let first = blocks.lowerBound * 16, end = min(cols, blocks.upperBound * 16)
            folio_add_column_sums(rows, end - first, cols, x + first, out + first)
        }
    }

    /// Sum of n elements, accumulated in Double so long sums stay accurate.
    public static func sum(_ x: UnsafePointer<Float>, count n: Int) -> Double {
        var total = 0.0
        var i = 0
        while i < n {  // Float partials in blocks of 256 keep the loop vectorisable
            let end = min(i + 256, n)
            var block: Float = 0
            for j in i..<end { block += x[j] }
            total += Double(block)
            i = end
        }
        return total
    }

    /// Sum of squares of n elements (Double accumulation).
    public static func sumOfSquares(_ x: UnsafePointer<Float>, count n: Int) -> Double {
        var total = 0.0
        for i in 0..<n { total += Double(x[i]) * Double(x[i]) }
        return total
    }

    /// For each row of x: [rows, cols], the column index of its largest element.
    public static func argmaxRows(_ x: UnsafePointer<Float>, rows: Int, cols: Int,
                                  into out: UnsafeMutablePointer<Int32>) {
        for r in 0..<rows {
            let row = x + r * cols
            var best = 0
            for c in 1..<max(cols, 1) where row[c] > row[best] { best = c }
            out[r] = Int32(best)
        }
    }

    /// True when every element is finite (no NaN, no ±inf).
    public static func allFinite(_ x: UnsafePointer<Float>, count n: Int) -> Bool {
        var acc: Float = 0
        for i in 0..<n { acc += x[i] * 0 }  // NaN*0 and inf*0 are NaN; finite*0 is 0
        return acc == 0
    }
}

extension Tensor {
    /// Elementwise sum of two tensors of the same shape.
    public func adding(_ other: Tensor) throws -> Tensor {
        guard shape == other.shape else {
            throw TensorError.shapeMismatch(operation: "add", expected: "equal shapes",
                                            found: "\(shape) and \(other.shape)")
        }
        var y = Tensor(zeros: shape)
        Kernels.add(pointer, other.pointer, into: y.mutablePointer, count: count)
        return y
    }

    /// Sum of all elements.
    public func sum() -> Double { Kernels.sum(pointer, count: count) }

    /// Mean of all elements.
    public func mean() -> Double { count == 0 ? 0 : sum() / Double(count) }

    /// Largest absolute elementwise difference to `other` (same count), for comparisons in tests.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        var m: Float = 0
        for i in 0..<min(count, other.count) { m = max(m, abs(pointer[i] - other.pointer[i])) }
        return m
    }
}

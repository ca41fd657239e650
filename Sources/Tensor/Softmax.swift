import CKernels
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension Kernels {
    /// Row-wise softmax, stable (subtracts each row's maximum) — x, y: [rows, cols]
    public static func softmaxRows(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                   rows: Int, cols: Int) {
        Parallel.forEach(rows, costPerItem: cols * 8) { range in
            for r in range { softmaxRow(x + r * cols, into: y + r * cols, count: cols) }
        }
    }

    /// Softmax of one row of `count` values, stable (subtracts the row's maximum). Serial; `y` may
    /// be `x` (in place).
    public static func softmaxRow(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        var m = -Float.infinity
        for c in 0..<count { m = max(m, x[c]) }
        var s: Float = 0
        for c in 0..<count { let e = expf(x[c] - m); y[c] = e; s += e }
        let inv = 1 / s
        for c in 0..<count { y[c] *= inv }
    }

    /// Softmax of each row of a [rows, cols] block (row stride `ld`) in place, of the row scaled by `scale`
    /// (> 0); with `causal`, row i covers columns 0...i and the rest become exactly 0. Serial. Attention's
    /// weights: one C pass per row with a vectorised exp (`fast_exp`, a few ulps from libm's).
    public static func scaledSoftmaxRowsInPlace(_ s: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int,
                                                scale: Float, causal: Bool) {
        folio_softmax_rows(rows, cols, s, ld, scale, causal ? 1 : 0)
    }

    /// Softmax backward given its output, per row: dx += scale · y ⊙ (dy − Σ dy ⊙ y), or dx = … without
    /// `accumulate`; dx may be dy (in place). Serial — [rows, cols], contiguous.
    public static func softmaxRowsBackward(y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                           into dx: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
                                           scale: Float = 1, accumulate: Bool = true) {
        folio_softmax_backward_rows(rows, cols, y, dy, dx, scale, accumulate ? 1 : 0)
    }

    /// log(sum(exp(row))) per row computed stably — x: [rows, cols] -> out: [rows]
    public static func logSumExpRows(_ x: UnsafePointer<Float>, rows: Int, cols: Int,
                                     into out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let xr = x + r * cols
            var m = -Float.infinity
            for c in 0..<cols { m = max(m, xr[c]) }
            var s: Float = 0
            for c in 0..<cols { s += expf(xr[c] - m) }
            out[r] = m + logf(s)
        }
    }
}

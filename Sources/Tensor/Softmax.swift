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

    /// Softmax backward given its output: dx += y * (dy - sum(dy * y)) per row — [rows, cols]
    public static func softmaxRowsBackward(y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                           accumulateInto dx: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        for r in 0..<rows {
            let yr = y + r * cols, gr = dy + r * cols, dr = dx + r * cols
            var dot: Float = 0
            for c in 0..<cols { dot += yr[c] * gr[c] }
            for c in 0..<cols { dr[c] += yr[c] * (gr[c] - dot) }
        }
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

import XCTest
@testable import Tensor

/// Attention's softmax kernels (Sources/CKernels/softmax.c) against a libm reference in Double, on row
/// lengths around the 16-float vectors: scaled, causal or not, with a row stride, forward and backward.
final class SoftmaxKernelTests: XCTestCase {
    private let lengths = [1, 7, 16, 28, 33, 130]

    /// softmax(scale · row[0..<n]) in Double.
    private func reference(_ row: ArraySlice<Float>, scale: Float) -> [Double] {
        let scaled = row.map { Double(scale) * Double($0) }, m = scaled.max() ?? 0
        let e = scaled.map { exp($0 - m) }, s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    func testScaledSoftmaxMatchesLibmMasksTheFutureAndKeepsTheStride() {
        var rng = SeededGenerator(seed: 21)
        for cols in lengths {
            for (rows, causal) in [(cols, true), (cols, false), (3, false)] {
                let ld = cols + 3, scale: Float = 0.37
                var s = Tensor.normal(shape: [rows * ld], std: 4, using: &rng).scalars
                for i in 0..<rows { for j in cols..<ld { s[i * ld + j] = -99 } }  // beyond the row: untouched
                let x = s
                s.withUnsafeMutableBufferPointer {
                    Kernels.scaledSoftmaxRowsInPlace($0.baseAddress!, rows: rows, cols: cols, ld: ld, scale: scale,
                                                     causal: causal)
                }
                for i in 0..<rows {
                    let n = causal ? i + 1 : cols, row = i * ld
                    let expected = reference(x[row..<(row + n)], scale: scale)
                    for j in 0..<n {
                        XCTAssertEqual(Double(s[row + j]), expected[j], accuracy: 1e-6 + 1e-6 * expected[j],
                                       "\(rows)×\(cols) causal \(causal) [\(i), \(j)]")
                    }
                    XCTAssertEqual(s[row..<(row + n)].reduce(0, +), 1, accuracy: 1e-5)
                    for j in n..<cols { XCTAssertEqual(s[row + j], 0, "masked [\(i), \(j)] is exactly 0") }
                    for j in cols..<ld { XCTAssertEqual(s[row + j], -99, "stride padding [\(i), \(j)]") }
                }
            }
        }
    }

    func testFarBelowTheMaximumGivesZeroNotNaN() {
        var row: [Float] = [0, -1000, -.infinity, 5]
        row.withUnsafeMutableBufferPointer {
            Kernels.scaledSoftmaxRowsInPlace($0.baseAddress!, rows: 1, cols: 4, ld: 4, scale: 1, causal: false)
        }
        XCTAssertEqual(row[1], 0); XCTAssertEqual(row[2], 0)
        XCTAssertEqual(row[3], 1 / (1 + expf(-5)), accuracy: 1e-6)
    }

    /// g = scale · y ⊙ (dy − Σ dy ⊙ y): added to dx, or written over dy in place.
    func testBackwardMatchesReferenceAccumulatingOrInPlace() {
        var rng = SeededGenerator(seed: 22)
        for cols in lengths {
            let rows = 5, scale: Float = 0.5
            var y = Tensor.uniform(shape: [rows * cols], low: 0, high: 1, using: &rng).scalars
            for i in 0..<rows {  // rows of a softmax output: positive, summing to 1
                let s = y[(i * cols)..<((i + 1) * cols)].reduce(0, +)
                for j in 0..<cols { y[i * cols + j] /= s }
            }
            let dy = Tensor.normal(shape: [rows * cols], using: &rng).scalars
            let start = Tensor.normal(shape: [rows * cols], using: &rng).scalars
            var expected = [Double](repeating: 0, count: rows * cols)
            for i in 0..<rows {
                let r = (i * cols)..<((i + 1) * cols)
                let dot = r.reduce(0.0) { $0 + Double(y[$1]) * Double(dy[$1]) }
                for j in r { expected[j] = Double(scale) * Double(y[j]) * (Double(dy[j]) - dot) }
            }
            var added = start, inPlace = dy
            added.withUnsafeMutableBufferPointer {
                Kernels.softmaxRowsBackward(y: y, dy: dy, into: $0.baseAddress!, rows: rows, cols: cols, scale: scale)
            }
            inPlace.withUnsafeMutableBufferPointer {
                Kernels.softmaxRowsBackward(y: y, dy: $0.baseAddress!, into: $0.baseAddress!, rows: rows, cols: cols,
                                            scale: scale, accumulate: false)
            }
            for j in 0..<(rows * cols) {
                XCTAssertEqual(Double(added[j]), Double(start[j]) + expected[j], accuracy: 1e-5, "\(cols) added [\(j)]")
                XCTAssertEqual(Double(inPlace[j]), expected[j], accuracy: 1e-5, "\(cols) in place [\(j)]")
            }
        }
    }
}

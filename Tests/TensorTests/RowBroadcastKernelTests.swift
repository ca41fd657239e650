import XCTest
@testable import Tensor

/// The bias kernels (Sources/CKernels/row_broadcast.c) on widths around the 16-float vectors and the
/// 64-column register block: the bias add with and without relu, and the bias gradient's column sums.
final class RowBroadcastKernelTests: XCTestCase {
    private let widths = [1, 7, 16, 33, 64, 130]

    func testAddRowVectorWithAndWithoutReluKeepingNaN() {
        var rng = SeededGenerator(seed: 41)
        for cols in widths {
            let rows = 9, bias = Tensor.normal(shape: [cols], using: &rng)
            var start = Tensor.normal(shape: [rows, cols], using: &rng)
            start[flat: rows * cols / 2] = .nan
            var plain = start.copy(), relu = start.copy()
            Kernels.addRowVector(bias.pointer, to: plain.mutablePointer, rows: rows, cols: cols)
            Kernels.addRowVectorRelu(bias.pointer, to: relu.mutablePointer, rows: rows, cols: cols)
            for i in 0..<(rows * cols) {
                let sum = start[flat: i] + bias[flat: i % cols]
                if sum.isNaN {
                    XCTAssertTrue(plain[flat: i].isNaN && relu[flat: i].isNaN, "NaN reaches the loss")
                    continue
                }
                XCTAssertEqual(plain[flat: i], sum, "\(cols) columns, element \(i)")
                XCTAssertEqual(relu[flat: i], max(sum, 0), "\(cols) columns, element \(i) with relu")
            }
        }
    }

    /// Each column is added up in row order, so the sums are the plain loop's to the bit, also where the
    /// columns are split between cores (1000 × 520: nine 64-column blocks, above any split threshold).
    func testColumnSumsAreThePlainLoopsBits() {
        var rng = SeededGenerator(seed: 42)
        for cols in widths + [520] {
            for rows in cols == 520 ? [1000] : [1, 5, 300] {
                let x = Tensor.normal(shape: [rows, cols], using: &rng)
                let start = Tensor.normal(shape: [cols], using: &rng)
                var sums = start.copy(), expected = start.scalars
                Kernels.accumulateColumnSums(x.pointer, rows: rows, cols: cols, into: sums.mutablePointer)
                for r in 0..<rows { for j in 0..<cols { expected[j] += x[flat: r * cols + j] } }
                XCTAssertEqual(sums.scalars, expected, "\(rows)×\(cols)")
            }
        }
    }

    /// The split copy (reshape's forward and backward) covers every element once, above and below any split
    /// threshold, and odd lengths.
    func testCopyMovesEveryElement() {
        var rng = SeededGenerator(seed: 43)
        for count in [1, 17, 1_000, 300_001] {
            let x = Tensor.normal(shape: [count], using: &rng)
            var y = Tensor(repeating: .nan, shape: [count])
            Kernels.copy(x.pointer, into: y.mutablePointer, count: count)
            XCTAssertEqual(y.scalars, x.scalars, "\(count) floats")
        }
    }
}

/// The elementwise passes moved to C (elementwise.c): the arithmetic of the plain Swift loops, bit for bit,
/// on a buffer small enough for one core and one large enough to be split.
final class ElementwiseKernelTests: XCTestCase {
    func testAddAndAccumulateRoundAsThePlainLoops() {
        var rng = SeededGenerator(seed: 61)
        for n in [13, 200_003] {
            let a = Tensor.normal(shape: [n], using: &rng), b = Tensor.normal(shape: [n], using: &rng)
            var sum = Tensor(zeros: [n])
            Kernels.add(a.pointer, b.pointer, into: sum.mutablePointer, count: n)
            let (av, bv) = (a.scalars, b.scalars)
            XCTAssertEqual(sum.scalars, (0..<n).map { av[$0] + bv[$0] }, "add, \(n)")
            for alpha: Float in [1, 0.37] {
                var y = b.copy()
                Kernels.accumulate(a.pointer, into: y.mutablePointer, count: n, alpha: alpha)
                // a product rounded, then a sum rounded: no fused multiply-add
                XCTAssertEqual(y.scalars, (0..<n).map { i -> Float in let p = alpha * av[i]; return bv[i] + p },
                               "accumulate, alpha \(alpha), \(n)")
            }
        }
    }
}

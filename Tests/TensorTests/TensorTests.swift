import XCTest
@testable import Tensor
#if canImport(Glibc)
import Glibc
#endif

final class TensorTests: XCTestCase {
    func testShapesCountsAndErrors() throws {
        let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t.count, 6); XCTAssertEqual(t.rank, 2)
        XCTAssertEqual(try t.reshaped([3, 2]).shape, [3, 2])
        XCTAssertThrowsError(try t.reshaped([4, 2]))
        XCTAssertThrowsError(try Tensor(shape: [2, 2], scalars: [1, 2, 3])) { e in
            XCTAssertEqual(e as? TensorError, .countMismatch(shape: [2, 2], expected: 4, found: 3))
        }
        XCTAssertEqual(try t.adding(t).scalars, [2, 4, 6, 8, 10, 12])
        XCTAssertThrowsError(try t.adding(Tensor(zeros: [6])))
    }

    func testCopiesAreIndependentValues() throws {
        var a = try Tensor(shape: [3], scalars: [1, 2, 3])
        let b = a
        a[flat: 0] = 9
        XCTAssertEqual(b.scalars, [1, 2, 3])
        XCTAssertEqual(a.scalars, [9, 2, 3])
        let before = a.storage.pointer
        a[flat: 1] = 8  // now unique: writes in place, no copy
        XCTAssertEqual(a.storage.pointer, before)
    }

    func testSeededGeneratorIsRepeatableAndUnseededIsNot() {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: nil)
        let xs = (0..<100).map { _ in a.next() }
        XCTAssertEqual(xs, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(xs, (0..<100).map { _ in c.next() })
        var u = SeededGenerator(seed: 1)
        let floats = (0..<10_000).map { _ in u.nextUnitFloat() }
        XCTAssertTrue(floats.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertEqual(Double(floats.reduce(0, +)) / 10_000, 0.5, accuracy: 0.02)
        var s = SeededGenerator(seed: 3), order = Array(0..<50)
        s.shuffle(&order)
        XCTAssertEqual(order.sorted(), Array(0..<50))
        XCTAssertNotEqual(order, Array(0..<50))
    }

    func testMatmulWithTransposesMatchesNaive() throws {
        var rng = SeededGenerator(seed: 2)
        let a = Tensor.normal(shape: [5, 7], using: &rng), b = Tensor.normal(shape: [7, 3], using: &rng)
        let c = try Tensor.matmul(a, b)
        for i in 0..<5 { for j in 0..<3 {
            var s: Float = 0
            for k in 0..<7 { s += a[flat: i * 7 + k] * b[flat: k * 3 + j] }
            XCTAssertEqual(c[flat: i * 3 + j], s, accuracy: 1e-4)
        } }
        let at = transpose(a, 5, 7), bt = transpose(b, 7, 3)
        XCTAssertLessThan(try Tensor.matmul(at, bt, transposeA: true, transposeB: true).maxAbsDifference(c), 1e-5)
        XCTAssertThrowsError(try Tensor.matmul(a, a))
    }

    func testLargeElementwiseKernelsSplitAcrossCoresMatchSerialResult() {
        let n = 200_003
        var rng = SeededGenerator(seed: 4)
        let x = Tensor.normal(shape: [n], using: &rng)
        var y = Tensor(zeros: [n])
        Activation.relu.forward(x.pointer, into: y.mutablePointer, count: n, alpha: 0)
        for i in stride(from: 0, to: n, by: 997) { XCTAssertEqual(y[flat: i], max(x[flat: i], 0)) }
        XCTAssertEqual(y[flat: n - 1], max(x[flat: n - 1], 0))
        XCTAssertEqual(Kernels.sum(x.pointer, count: n), x.scalars.reduce(0.0) { $0 + Double($1) }, accuracy: 1e-2)
        XCTAssertTrue(Kernels.allFinite(x.pointer, count: n))
        var bad = x; bad[flat: 12345] = .nan
        XCTAssertFalse(Kernels.allFinite(bad.pointer, count: n))
    }

    func testSoftmaxRowsAreStableAndSumToOne() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1000, 1001, 1002, -5, 0, 5])
        var y = Tensor(zeros: [2, 3])
        Kernels.softmaxRows(x.pointer, into: y.mutablePointer, rows: 2, cols: 3)
        XCTAssertEqual(y[flat: 0] + y[flat: 1] + y[flat: 2], 1, accuracy: 1e-6)
        XCTAssertEqual(y[flat: 2], 1 / (1 + expf(-1) + expf(-2)), accuracy: 1e-6)
        XCTAssertTrue(y.scalars.allSatisfy(\.isFinite))
    }

    private func transpose(_ t: Tensor, _ r: Int, _ c: Int) -> Tensor {
        var o = Tensor(zeros: [c, r])
        for i in 0..<r { for j in 0..<c { o[flat: j * r + i] = t[flat: i * c + j] } }
        return o
    }
}

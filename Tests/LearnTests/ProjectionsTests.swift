import XCTest
import Tensor
@testable import Learn

/// Queries, keys and values as one product (`Ops.projections`) read by attention in place (`attention(packed:)`):
/// the same values and gradients as three Dense layers and three variables, and gradients that add where a
/// variable has other consumers.
final class ProjectionsTests: XCTestCase {
    private let b = 2, t = 5, f = 3, h = 2, d = 3

    /// Columns `block·width ..< (block + 1)·width` of each row of a [.., 3·width] tensor.
    private func block(_ x: Tensor, _ index: Int, width: Int) -> [Float] {
        let rows = x.count / (3 * width)
        return (0..<rows).flatMap { r in (0..<width).map { x[flat: r * 3 * width + index * width + $0] } }
    }

    func testSideBySideEqualsThreeDenseLayers() throws {
        let x = randomVariable([b, t, f], seed: 70)
        let kernels = (0..<3).map { randomVariable([f, h * d], seed: 71 + UInt64($0)) },
            biases = (0..<3).map { randomVariable([h * d], seed: 74 + UInt64($0)) }
        let joined = try Ops.projections(x, kernels: kernels, biases: biases, tape: nil)
        XCTAssertEqual(joined.shape, [b, t, 3 * h * d])
        for i in 0..<3 {
            let alone = try Ops.dense(x, kernel: kernels[i], bias: biases[i], tape: nil)
            XCTAssertEqual(block(joined.value, i, width: h * d), alone.value.scalars, "projection \(i)")
        }
    }

    func testProjectionGradients() throws {
        let x = randomVariable([b, t, f], seed: 80)
        let kernels = (0..<3).map { randomVariable([f, 2 + $0], seed: 81 + UInt64($0)) },
            biases = (0..<3).map { randomVariable([2 + $0], seed: 84 + UInt64($0)) }
        try assertGradientsMatch([x] + kernels + biases) {
            try Ops.projections(x, kernels: kernels, biases: biases, tape: $0)
        }
        try assertGradientsMatch([x] + kernels) { try Ops.projections(x, kernels: kernels, biases: nil, tape: $0) }
        // one kernel twice, and x reaching the loss another way too: the later gradients add
        try assertGradientsMatch([x, kernels[0]]) { tape in
            let twice = try Ops.projections(x, kernels: [kernels[0], kernels[0]], biases: nil, tape: tape)
            let again = try Ops.projections(x, kernels: [kernels[0], kernels[0]], biases: nil, tape: tape)
            return try Ops.add(twice, again, tape: tape)
        }
    }

    /// Packed blocks give the bits of three separate variables: the products only read them at another stride.
    func testPackedAttentionEqualsSeparateQueryKeyValue() throws {
        let width = h * d
        for causal in [false, true] {
            let q = randomVariable([b, t, width], seed: 90), k = randomVariable([b, t, width], seed: 91),
                v = randomVariable([b, t, width], seed: 92), targets = randomVariable([b, t, width], seed: 93).value
            var scalars: [Float] = []
            for r in 0..<(b * t) {
                for part in [q, k, v] { scalars += (0..<width).map { part.value[flat: r * width + $0] } }
            }
            let qkv = Variable(try Tensor(shape: [b, t, 3 * width], scalars: scalars))
            let separate = Tape()
            let y = try Ops.attention(query: q, key: k, value: v, heads: h, causal: causal, tape: separate)
            separate.backward(from: try Ops.meanSquaredError(y, targets: targets, tape: separate))
            for pass in 0..<2 {  // the second pass overwrites the first's gradient, it does not add to it
                let packed = Tape()
                let yPacked = try Ops.attention(packed: qkv, heads: h, causal: causal, tape: packed)
                packed.backward(from: try Ops.meanSquaredError(yPacked, targets: targets, tape: packed))
                XCTAssertEqual(yPacked.value.scalars, y.value.scalars, "causal \(causal)")
                for (i, part) in [q, k, v].enumerated() {
                    XCTAssertEqual(block(qkv.grad, i, width: width), part.grad.scalars,
                                   "causal \(causal), pass \(pass): block \(i)")
                }
            }
        }
    }

    /// Attention's backward runs after another consumer of the packed variable wrote its gradient: it adds.
    func testPackedAttentionGradientsAddToOthers() throws {
        let qkv = randomVariable([b, t, 3 * h * d], seed: 95), other = randomVariable([3 * h * d, h * d], seed: 96)
        for causal in [false, true] {
            try assertGradientsMatch([qkv], step: 1e-3) { tape in
                let attended = try Ops.attention(packed: qkv, heads: self.h, causal: causal, tape: tape)
                let direct = try Ops.projections(qkv, kernels: [other], biases: nil, tape: tape)
                return try Ops.add(attended, direct, tape: tape)
            }
        }
    }

    func testShapesThatDoNotFitAreErrors() {
        let x = randomVariable([b, t, f], seed: 97)
        XCTAssertThrowsError(try Ops.projections(x, kernels: [randomVariable([f + 1, 2], seed: 1)], biases: nil,
                                                 tape: nil))
        XCTAssertThrowsError(try Ops.projections(x, kernels: [randomVariable([f, 2], seed: 1)],
                                                 biases: [randomVariable([3], seed: 2)], tape: nil))
        XCTAssertThrowsError(try Ops.attention(packed: randomVariable([b, t, 7], seed: 3), heads: 1, causal: false,
                                               tape: nil))
        XCTAssertThrowsError(try Ops.attention(packed: randomVariable([b, t, 6], seed: 4), heads: 0, causal: false,
                                               tape: nil), "no heads: an error, not a division by zero")
    }
}

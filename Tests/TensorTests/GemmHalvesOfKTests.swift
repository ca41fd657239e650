import XCTest
@testable import Tensor

/// Weight-gradient products Aᵀ·B with a long k and a small C are summed as two halves of k (GemmSplitK.swift):
/// the product is right, it is the same bits on one core as on two, and only those shapes take that path.
final class GemmHalvesOfKTests: XCTestCase {
    override func tearDown() { Gemm.Setting.standard.select() }

    private func product(_ a: Tensor, _ b: Tensor, start: Tensor, m: Int, n: Int, k: Int, alpha: Float,
                         beta: Float) -> Tensor {
        var out = start.copy()
        Gemm.multiply(a.pointer, transposeA: true, b.pointer, into: out.mutablePointer, m: m, n: n, k: k,
                      alpha: alpha, beta: beta)
        return out
    }

    func testOnlyLongProductsIntoSmallOutputsSplitK() {
        XCTAssertTrue(Gemm.sumsHalvesOfK(transposeA: true, transposeB: false, m: 64, n: 64, k: 3584))
        XCTAssertTrue(Gemm.sumsHalvesOfK(transposeA: true, transposeB: false, m: 28, n: 64, k: 3584))
        XCTAssertFalse(Gemm.sumsHalvesOfK(transposeA: false, transposeB: false, m: 64, n: 64, k: 3584))
        XCTAssertFalse(Gemm.sumsHalvesOfK(transposeA: true, transposeB: true, m: 64, n: 64, k: 3584))
        XCTAssertFalse(Gemm.sumsHalvesOfK(transposeA: true, transposeB: false, m: 128, n: 512, k: 3584),
                       "C of 64K floats is beyond the scratch")
        XCTAssertFalse(Gemm.sumsHalvesOfK(transposeA: true, transposeB: false, m: 1792, n: 128, k: 128))
        XCTAssertFalse(Gemm.sumsHalvesOfK(transposeA: true, transposeB: false, m: 200, n: 100, k: 2400),
                       "k not long against the output")
    }

    func testHalvesGiveTheProductWithAlphaAndBeta() {
        var rng = SeededGenerator(seed: 41)
        for setting in Gemm.Setting.available {
            setting.select()
            for (m, n, k) in [(16, 24, 2400), (3, 5, 2049), (28, 64, 2048)] {
                XCTAssertTrue(Gemm.sumsHalvesOfK(transposeA: true, transposeB: false, m: m, n: n, k: k))
                let a = Tensor.normal(shape: [k, m], using: &rng), b = Tensor.normal(shape: [k, n], using: &rng)
                let start = Tensor.normal(shape: [m, n], using: &rng)
                let (av, bv, sv) = (a.scalars, b.scalars, start.scalars)
                for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (2, 0.25)] {
                    let out = product(a, b, start: start, m: m, n: n, k: k, alpha: alpha, beta: beta).scalars
                    for i in 0..<m {
                        for j in 0..<n {
                            var sum = 0.0
                            for p in 0..<k { sum += Double(av[p * m + i]) * Double(bv[p * n + j]) }
                            let expected = Double(alpha) * sum + Double(beta) * Double(sv[i * n + j])
                            XCTAssertEqual(Double(out[i * n + j]), expected, accuracy: 2e-3,
                                           "\(setting) \(m)×\(n)×\(k) alpha \(alpha) beta \(beta) C[\(i), \(j)]")
                        }
                    }
                }
            }
        }
    }

    /// The split depends on the shape, never on the cores: inside a parallel region (where products run on one
    /// thread, as on a one-core machine) the result has the same bits, and it is the first half's product with
    /// the second's added.
    func testSameBitsOnOneCoreAsOnSeveral() {
        var rng = SeededGenerator(seed: 42)
        let (m, n, k) = (64, 64, 3584), h = k / 2
        let a = Tensor.normal(shape: [k, m], using: &rng), b = Tensor.normal(shape: [k, n], using: &rng)
        let start = Tensor(repeating: .nan, shape: [m, n])  // beta 0 must not read C
        let shared = product(a, b, start: start, m: m, n: n, k: k, alpha: 1, beta: 0)
        var alone = start.copy()
        let target = alone.mutablePointer
        Parallel.inParts(2) { part in
            guard part == 0 else { return }
            Gemm.multiply(a.pointer, transposeA: true, b.pointer, into: target, m: m, n: n, k: k)
        }
        XCTAssertEqual(shared.scalars, alone.scalars)
        var first = Tensor(zeros: [m, n]), second = Tensor(zeros: [m, n])
        Gemm.multiplyOnThisThread(a.pointer, transposeA: true, lda: m, b.pointer, ldb: n, into: first.mutablePointer,
                                  ldc: n, m: m, n: n, k: h)
        Gemm.multiplyOnThisThread(a.pointer + h * m, transposeA: true, lda: m, b.pointer + h * n, ldb: n,
                                  into: second.mutablePointer, ldc: n, m: m, n: n, k: k - h)
        XCTAssertEqual(shared.scalars, zip(first.scalars, second.scalars).map { $0 + $1 })
        XCTAssertFalse(shared.scalars.contains { $0.isNaN })
    }
}

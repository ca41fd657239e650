import XCTest
@testable import Tensor

/// The vectorised Adam update (C, split across cores when large) against the formula in Double,
/// element by element: lengths that leave a tail after the vector loop, and one long enough to be
/// split between workers; with and without AdamW's decay.
final class OptimizerKernelTests: XCTestCase {
    func testAdamStepMatchesScalarFormula() {
        var rng = SeededGenerator(seed: 7)
        let (beta1, beta2, alpha, epsilon): (Float, Float, Float, Float) = (0.9, 0.999, 0.0013, 1e-7)
        for n in [1, 37, 10_000] {
            for decay: Float in [0, 0.0004] {
                var w = (0..<n).map { _ in rng.uniform(-1, 1) }, m = (0..<n).map { _ in rng.uniform(-0.1, 0.1) }
                var v = (0..<n).map { _ in rng.uniform(0, 0.01) }
                var g = (0..<n).map { _ in rng.uniform(-2, 2) }
                g[0] = 0; v[0] = 0  // √v + ε at its smallest
                let (w0, m0, v0) = (w, m, v)
                g.withUnsafeBufferPointer { gp in
                    Kernels.adamStep(w: &w, g: gp.baseAddress!, m: &m, v: &v, count: n, beta1: beta1, beta2: beta2,
                                     alpha: alpha, epsilon: epsilon, decay: decay)
                }
                for i in 0..<n {
                    let gi = Double(g[i])
                    let mi = Double(beta1) * Double(m0[i]) + (1 - Double(beta1)) * gi
                    let vi = Double(beta2) * Double(v0[i]) + (1 - Double(beta2)) * gi * gi
                    let wi = Double(w0[i]) * (1 - Double(decay))
                        - Double(alpha) * mi / (vi.squareRoot() + Double(epsilon))
                    XCTAssertEqual(Double(m[i]), mi, accuracy: 1e-6 * max(1, abs(mi)), "m[\(i)], n = \(n)")
                    XCTAssertEqual(Double(v[i]), vi, accuracy: 1e-6 * max(1e-3, abs(vi)), "v[\(i)], n = \(n)")
                    XCTAssertEqual(Double(w[i]), wi, accuracy: 1e-6 * max(1, abs(wi)), "w[\(i)], n = \(n)")
                }
            }
        }
    }
}

import XCTest
@testable import Tensor

/// The vectorised Adam and RMSProp updates (C, split across cores when large) against their formulas in
/// Double, element by element: lengths that leave a tail after the vector loop, and one long enough to be
/// split between workers; with and without AdamW's decay; with and without saving the old weights, into
/// a buffer that starts off a vector boundary (the saving store needs one, so it has a scalar head).
final class OptimizerKernelTests: XCTestCase {
    private var rng = SeededGenerator(seed: 7)

    private func values(_ n: Int, _ low: Float, _ high: Float) -> [Float] {
        (0..<n).map { _ in rng.uniform(low, high) }
    }

    /// Runs `update(w, g, saved)` on random weights and gradients, checks the saved copy, returns the inputs.
    private typealias Update = (UnsafeMutablePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>?) -> Void

    private func run(n: Int, savingAt offset: Int?, _ update: Update) -> (w0: [Float], w: [Float], g: [Float]) {
        var w = values(n, -1, 1), g = values(n, -2, 2)
        g[0] = 0
        let w0 = w
        var saved = [Float](repeating: .nan, count: n + 16)
        saved.withUnsafeMutableBufferPointer { s in
            g.withUnsafeBufferPointer { gp in update(&w, gp.baseAddress!, offset.map { s.baseAddress! + $0 }) }
        }
        if let offset { XCTAssertEqual(Array(saved[offset..<(offset + n)]), w0, "saved, n = \(n), offset \(offset)") }
        return (w0, w, g)
    }

    func testAdamStepMatchesScalarFormula() {
        let (beta1, beta2, alpha, epsilon): (Float, Float, Float, Float) = (0.9, 0.999, 0.0013, 1e-7)
        for n in [1, 37, 10_000] {
            for (decay, offset): (Float, Int?) in [(0, nil), (0.0004, nil), (0, 3), (0.0004, 16)] {
                var m = values(n, -0.1, 0.1), v = values(n, 0, 0.01)
                v[0] = 0  // √v + ε at its smallest
                let (m0, v0) = (m, v)
                let (w0, w, g) = run(n: n, savingAt: offset) { w, g, saved in
                    Kernels.adamStep(w: w, g: g, m: &m, v: &v, saving: saved, count: n, beta1: beta1, beta2: beta2,
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

    func testRMSPropStepMatchesScalarFormula() {
        let (rho, rate, epsilon): (Float, Float, Float) = (0.9, 0.001, 1e-7)
        for n in [1, 37, 10_000] {
            for offset in [nil, 5] {
                var v = values(n, 0, 0.01)
                v[0] = 0
                let v0 = v
                let (w0, w, g) = run(n: n, savingAt: offset) { w, g, saved in
                    Kernels.rmsPropStep(w: w, g: g, v: &v, saving: saved, count: n, rho: rho, learningRate: rate,
                                        epsilon: epsilon)
                }
                for i in 0..<n {
                    let gi = Double(g[i]), vi = Double(rho) * Double(v0[i]) + (1 - Double(rho)) * gi * gi
                    let wi = Double(w0[i]) - Double(rate) * gi / (vi.squareRoot() + Double(epsilon))
                    XCTAssertEqual(Double(v[i]), vi, accuracy: 1e-6 * max(1e-3, abs(vi)), "v[\(i)], n = \(n)")
                    XCTAssertEqual(Double(w[i]), wi, accuracy: 1e-6 * max(1, abs(wi)), "w[\(i)], n = \(n)")
                }
            }
        }
    }

    func testSGDStepSavesTheOldWeights() {
        for n in [1, 37, 10_000] {
            var velocity = [Float](repeating: 0, count: n)
            let (w0, w, g) = run(n: n, savingAt: 1) { w, g, saved in
                Kernels.sgdStep(w: w, g: g, velocity: &velocity, saving: saved, count: n, learningRate: 0.1,
                                momentum: 0.9, nesterov: false)
            }
            for i in 0..<n { XCTAssertEqual(w[i], w0[i] - 0.1 * g[i], accuracy: 1e-6, "w[\(i)], n = \(n)") }
        }
    }
}

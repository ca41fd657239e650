import XCTest
import CKernels
@testable import Tensor

/// Layer normalisation's C kernels (Sources/CKernels/normalization.c) against a plain Double reference, on
/// widths around the 16-float vectors and several row counts; and their independence of the row split.
final class NormalizationKernelTests: XCTestCase {
    private let widths = [1, 7, 16, 33, 130], rowCounts = [1, 3, 17], epsilon: Float = 1e-3

    private struct Case {
        let rows, cols: Int
        let x, gamma, beta, dy: [Float]
        init(rows: Int, cols: Int, rng: inout SeededGenerator) {
            self.rows = rows; self.cols = cols
            x = Tensor.normal(shape: [rows * cols], mean: 2, std: 3, using: &rng).scalars
            gamma = Tensor.normal(shape: [cols], mean: 1, using: &rng).scalars
            beta = Tensor.normal(shape: [cols], using: &rng).scalars
            dy = Tensor.normal(shape: [rows * cols], using: &rng).scalars
        }
    }

    /// The C forward: (xhat, 1/std, y).
    private func forward(_ c: Case) -> ([Float], [Float], [Float]) {
        var xhat = [Float](repeating: 0, count: c.x.count), inv = [Float](repeating: 0, count: c.rows), y = xhat
        folio_layer_norm_forward(c.rows, c.cols, c.x, c.gamma, c.beta, epsilon, &xhat, &inv, &y)
        return (xhat, inv, y)
    }

    func testForwardAndBackwardMatchTheDoubleReference() {
        var rng = SeededGenerator(seed: 31)
        for cols in widths {
            for rows in rowCounts {
                let c = Case(rows: rows, cols: cols, rng: &rng), (xhat, inv, y) = forward(c)
                let start = Tensor.normal(shape: [rows * cols], using: &rng).scalars
                var dx = start, dgamma = [Float](repeating: 0.5, count: cols), dbeta = dgamma
                folio_layer_norm_backward(rows, cols, c.dy, c.gamma, xhat, inv, &dx, 0)
                // overwriting: the old contents (NaN here) are never read
                var fresh = [Float](repeating: .nan, count: rows * cols)
                folio_layer_norm_backward(rows, cols, c.dy, c.gamma, xhat, inv, &fresh, 1)
                folio_layer_norm_parameter_grads(rows, cols, cols, c.dy, xhat, &dgamma, &dbeta)
                var sumGamma = [Double](repeating: 0.5, count: cols), sumBeta = sumGamma
                for r in 0..<rows {
                    let row = (r * cols)..<((r + 1) * cols), n = Double(cols)
                    let mean = row.reduce(0.0) { $0 + Double(c.x[$1]) } / n
                    let variance = row.reduce(0.0) { $0 + (Double(c.x[$1]) - mean) * (Double(c.x[$1]) - mean) } / n
                    let s = 1 / (variance + Double(epsilon)).squareRoot()
                    XCTAssertEqual(Double(inv[r]), s, accuracy: 1e-5 * s, "\(rows)×\(cols) 1/std of row \(r)")
                    let h = row.map { (Double(c.x[$0]) - mean) * s }
                    let g = row.map { Double(c.dy[$0]) * Double(c.gamma[$0 - row.lowerBound]) }
                    let meanG = g.reduce(0, +) / n, meanGX = zip(g, h).reduce(0.0) { $0 + $1.0 * $1.1 } / n
                    for (j, i) in row.enumerated() {
                        XCTAssertEqual(Double(xhat[i]), h[j], accuracy: 1e-5, "\(rows)×\(cols) x̂[\(r), \(j)]")
                        XCTAssertEqual(Double(y[i]), Double(c.gamma[j]) * h[j] + Double(c.beta[j]),
                                       accuracy: 1e-5 * max(1, abs(Double(y[i]))), "\(rows)×\(cols) y[\(r), \(j)]")
                        XCTAssertEqual(Double(dx[i]), Double(start[i]) + s * (g[j] - meanG - h[j] * meanGX),
                                       accuracy: 1e-4 * max(1, s), "\(rows)×\(cols) dx[\(r), \(j)]")
                        XCTAssertEqual(Double(fresh[i]), s * (g[j] - meanG - h[j] * meanGX),
                                       accuracy: 1e-4 * max(1, s), "\(rows)×\(cols) overwritten dx[\(r), \(j)]")
                        sumGamma[j] += Double(c.dy[i]) * h[j]; sumBeta[j] += Double(c.dy[i])
                    }
                }
                for j in 0..<cols {
                    XCTAssertEqual(Double(dgamma[j]), sumGamma[j], accuracy: 1e-4 * Double(rows), "dgamma[\(j)]")
                    XCTAssertEqual(Double(dbeta[j]), sumBeta[j], accuracy: 1e-4 * Double(rows), "dbeta[\(j)]")
                }
            }
        }
    }

    /// Seeded training repeats bit for bit on any number of cores: rows computed in two calls (as two
    /// workers would) give exactly what one call gives, and either parameter gradient may be left out.
    func testRowsSplitAnywhereGiveIdenticalBits() throws {
        var rng = SeededGenerator(seed: 32)
        let c = Case(rows: 17, cols: 33, rng: &rng), (xhat, inv, y) = forward(c)
        var xhat2 = Tensor(zeros: [17 * 33]), inv2 = Tensor(zeros: [17]), y2 = xhat2, parts = xhat2
        let x = try Tensor(shape: [17 * 33], scalars: c.x), dy = try Tensor(shape: [17 * 33], scalars: c.dy)
        var whole = [Float](repeating: 0, count: 17 * 33)
        folio_layer_norm_backward(17, 33, c.dy, c.gamma, xhat, inv, &whole, 0)
        for (start, end) in [(0, 6), (6, 17)] {  // rows 0..<6 and 6..<17, as two workers would
            let o = start * 33
            folio_layer_norm_forward(end - start, 33, x.pointer + o, c.gamma, c.beta, epsilon, xhat2.mutablePointer + o,
                                     inv2.mutablePointer + start, y2.mutablePointer + o)
            folio_layer_norm_backward(end - start, 33, dy.pointer + o, c.gamma, xhat2.pointer + o, inv2.pointer + start,
                                      parts.mutablePointer + o, 1)
        }
        XCTAssertEqual(xhat, xhat2.scalars); XCTAssertEqual(inv, inv2.scalars); XCTAssertEqual(y, y2.scalars)
        XCTAssertEqual(whole, parts.scalars)
        var both = [Float](repeating: 0, count: 33), gammaOnly = both, betaOnly = both, dbeta = both
        folio_layer_norm_parameter_grads(17, 33, 33, c.dy, xhat, &both, &dbeta)
        folio_layer_norm_parameter_grads(17, 33, 33, c.dy, xhat, &gammaOnly, nil)
        folio_layer_norm_parameter_grads(17, 33, 33, c.dy, xhat, nil, &betaOnly)
        XCTAssertEqual(both, gammaOnly); XCTAssertEqual(dbeta, betaOnly)
        // Columns split between calls (as the layer splits them between cores): the same bits.
        let xhatTensor = try Tensor(shape: [17 * 33], scalars: xhat)
        var splitGamma = Tensor(zeros: [33]), splitBeta = Tensor(zeros: [33])
        for (first, end) in [(0, 16), (16, 33)] {
            folio_layer_norm_parameter_grads(17, end - first, 33, dy.pointer + first, xhatTensor.pointer + first,
                                             splitGamma.mutablePointer + first, splitBeta.mutablePointer + first)
        }
        XCTAssertEqual(both, splitGamma.scalars); XCTAssertEqual(dbeta, splitBeta.scalars)
    }
}

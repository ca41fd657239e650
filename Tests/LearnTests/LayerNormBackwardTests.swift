import XCTest
import Tensor
@testable import Learn

/// Layer norm's backward over more rows than one block (`layerNormBlockRows`: 819 rows of 20 features): γ and β
/// sums per block, then dx, against a reference in Double; and the same bits whether the blocks run on several
/// cores or on one.
final class LayerNormBackwardTests: XCTestCase {
    private let rows = 2 * layerNormBlockRows(features: 20) + 88, c = 20

    private struct Grads { let x, gamma, beta: [Float] }

    private func backward(_ x: Variable, _ gamma: Variable, _ beta: Variable, targets: Tensor) throws -> Grads {
        let tape = Tape()
        let y = try Ops.layerNorm(x, gamma: gamma, beta: beta, epsilon: 1e-3, tape: tape)
        tape.backward(from: try Ops.meanSquaredError(y, targets: targets, tape: tape))
        return Grads(x: x.grad.scalars, gamma: gamma.grad.scalars, beta: beta.grad.scalars)
    }

    func testBlocksOfRowsGiveTheReferenceGradients() throws {
        let x = randomVariable([rows, c], seed: 51, scale: 2), gamma = randomVariable([c], seed: 52),
            beta = randomVariable([c], seed: 53), targets = randomVariable([rows, c], seed: 54).value
        let got = try backward(x, gamma, beta, targets: targets)
        let xv = x.value.scalars, gv = gamma.value.scalars, bv = beta.value.scalars, tv = targets.scalars
        var dgamma = [Double](repeating: 0, count: c), dbeta = dgamma
        let n = Double(rows * c)
        for r in 0..<rows {
            let row = (0..<c).map { Double(xv[r * c + $0]) }, mean = row.reduce(0, +) / Double(c)
            let variance = row.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(c)
            let s = 1 / (variance + 1e-3).squareRoot(), h = row.map { ($0 - mean) * s }
            let dy = (0..<c).map { j in 2 * (Double(gv[j]) * h[j] + Double(bv[j]) - Double(tv[r * c + j])) / n }
            let g = (0..<c).map { dy[$0] * Double(gv[$0]) }
            let meanG = g.reduce(0, +) / Double(c), meanGX = zip(g, h).reduce(0.0) { $0 + $1.0 * $1.1 } / Double(c)
            for j in 0..<c {
                dgamma[j] += dy[j] * h[j]; dbeta[j] += dy[j]
                XCTAssertEqual(Double(got.x[r * c + j]), s * (g[j] - meanG - h[j] * meanGX), accuracy: 1e-7,
                               "dx[\(r), \(j)]")
            }
        }
        for j in 0..<c {
            XCTAssertEqual(Double(got.gamma[j]), dgamma[j], accuracy: 1e-6, "dgamma[\(j)]")
            XCTAssertEqual(Double(got.beta[j]), dbeta[j], accuracy: 1e-6, "dbeta[\(j)]")
        }
    }

    /// Inside a parallel region every loop runs on one thread, as on a one-core machine.
    func testSameBitsOnOneCoreAsOnSeveral() throws {
        let x = randomVariable([rows, c], seed: 55), gamma = randomVariable([c], seed: 56),
            beta = randomVariable([c], seed: 57), targets = randomVariable([rows, c], seed: 58).value
        let shared = try backward(x, gamma, beta, targets: targets)
        var alone: Grads?, failure: Error?
        Parallel.inParts(2) { part in
            guard part == 0 else { return }
            do { alone = try backward(x, gamma, beta, targets: targets) } catch { failure = error }
        }
        XCTAssertNil(failure)
        XCTAssertEqual(alone?.x, shared.x)
        XCTAssertEqual(alone?.gamma, shared.gamma)
        XCTAssertEqual(alone?.beta, shared.beta)
    }
}

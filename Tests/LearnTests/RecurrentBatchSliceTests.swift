import XCTest
import Tensor
@testable import Learn

/// The recurrent ops carry slices of the batch through time on separate cores. A batch big enough
/// to be split must give, row for row, what each sequence gives alone (a batch of one is never
/// split), for the outputs and for every gradient.
final class RecurrentBatchSliceTests: XCTestCase {
    private typealias RecurrentOp = (_ x: Variable, _ w: Variable, _ r: Variable, _ b: Variable, _ sequences: Bool,
                                     _ tape: Tape?) throws -> Variable
    // B = 16 sequences of T = 6 steps, F = 5 features, U = 32 units: enough work to split.
    private let batch = 16, steps = 6, features = 5, units = 32

    func testSimpleRNNSlicesAgreeWithSingleSequences() throws {
        try assertSlicesAgree(gates: 1, biasShape: [units]) {
            try Ops.simpleRNN($0, steps: self.steps, kernel: $1, recurrentKernel: $2, bias: $3, activation: .tanh,
                              returnSequences: $4, tape: $5)
        }
    }

    func testLSTMSlicesAgreeWithSingleSequences() throws {
        try assertSlicesAgree(gates: 4, biasShape: [4 * units]) {
            try Ops.lstm($0, steps: self.steps, kernel: $1, recurrentKernel: $2, bias: $3,
                         returnSequences: $4, tape: $5)
        }
    }

    func testGRUSlicesAgreeWithSingleSequences() throws {
        try assertSlicesAgree(gates: 3, biasShape: [2, 3 * units]) {
            try Ops.gru($0, steps: self.steps, kernel: $1, recurrentKernel: $2, bias: $3, returnSequences: $4, tape: $5)
        }
    }

    private func assertSlicesAgree(gates: Int, biasShape: [Int], file: StaticString = #filePath, line: UInt = #line,
                                   _ op: RecurrentOp) throws {
        let w = randomVariable([features, gates * units], seed: 2, scale: 0.4)
        let r = randomVariable([units, gates * units], seed: 3, scale: 0.2)
        let b = randomVariable(biasShape, seed: 4, scale: 0.2)
        let x = randomVariable([batch, steps, features], seed: 1)
        let perRow = steps * features
        for sequences in [false, true] {
            let whole = try gradients(op, x, w, r, b, sequences)
            var weightSums = [[Float]](repeating: [], count: 3)
            for n in 0..<batch {
                let row = Variable(try Tensor(shape: [1, steps, features],
                                              scalars: Array(x.value.scalars[(n * perRow)..<((n + 1) * perRow)])))
                let alone = try gradients(op, row, w, r, b, sequences)
                let outputs = alone.output.count
                assertClose(Array(whole.output[(n * outputs)..<((n + 1) * outputs)]), alone.output,
                            "output of row \(n)", file: file, line: line)
                assertClose(Array(whole.dx[(n * perRow)..<((n + 1) * perRow)]), alone.dx, "dx of row \(n)", file: file,
                            line: line)
                for k in 0..<3 {
                    weightSums[k] = weightSums[k].isEmpty ? alone.weights[k]
                                                          : zip(weightSums[k], alone.weights[k]).map(+)
                }
            }
            for k in 0..<3 {
                assertClose(whole.weights[k], weightSums[k], "gradient of weight \(k)", file: file, line: line)
            }
        }
    }

    /// Output and gradients of loss = Σ (y - t)² / count against fixed targets t; the gradients are
    /// scaled by the batch size so that the batch's gradients are the sums of its rows'.
    private func gradients(_ op: RecurrentOp, _ x: Variable, _ w: Variable, _ r: Variable, _ b: Variable,
                           _ sequences: Bool) throws -> (output: [Float], dx: [Float], weights: [[Float]]) {
        let tape = Tape()
        let y = try op(x, w, r, b, sequences, tape)
        let perRow = y.value.count / x.shape[0]
        let targets = try Tensor(shape: y.shape, scalars: (0..<y.value.count).map { Float($0 % perRow % 7) / 3 - 1 })
        tape.backward(from: try Ops.meanSquaredError(y, targets: targets, tape: tape))
        let scale = Float(x.shape[0])
        func scaled(_ v: Variable) -> [Float] { v.grad.scalars.map { $0 * scale } }
        return (y.value.scalars, scaled(x), [scaled(w), scaled(r), scaled(b)])
    }

    private func assertClose(_ a: [Float], _ b: [Float], _ what: String, file: StaticString, line: UInt) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let worst = zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-4, "\(what) differs by \(worst)", file: file, line: line)
    }
}

import XCTest
import Tensor
@testable import Learn

/// The LSTM projects each step's inputs inside its step loop (`Ops.projectStep`), each slice of the batch its
/// own rows, instead of in one product over all steps before the loop. Both must give the same gate
/// pre-activations: bit for bit under Folio's kernel (the same multiply-adds in the same order), whatever rows
/// a slice holds.
final class RecurrentStepProjectionTests: XCTestCase {
    func testStepProjectionsEqualTheProductOverAllSteps() throws {
        let batch = 7, steps = 5, features = 3, units = 10
        let shape = RecurrentShape(batch: batch, steps: steps, features: features, units: units, gates: 4)
        let x = randomVariable([batch, steps, features], seed: 11)
        let kernel = randomVariable([features, shape.width], seed: 12, scale: 0.5)
        let mask = try Tensor(shape: [batch, features], scalars: (0..<(batch * features)).map { $0 % 4 == 0 ? 0 : 1.5 })
        let whole = RecurrentWorkspace(), stepwise = RecurrentWorkspace()
        Ops.projectInputs(x, kernel: kernel, bias: nil, shape, whole, inputMask: mask)
        Ops.projectInputs(x, kernel: kernel, bias: nil, shape, stepwise, inputMask: mask, product: false)
        stepwise.gates.zero()
        // Slices of uneven heights, as the batch splits on machines with other core counts.
        for rows in [0..<3, 3..<4, 4..<7] {
            for t in 0..<steps {
                let gates = stepwise.gates.mutablePointer + t * shape.stepGates + rows.lowerBound * shape.width
                Ops.projectStep(t, rows: rows, shape, stepwise, into: gates)
            }
        }
        let expected = Array(UnsafeBufferPointer(start: whole.gates.pointer, count: whole.gates.count))
        let actual = Array(UnsafeBufferPointer(start: stepwise.gates.pointer, count: stepwise.gates.count))
        XCTAssertEqual(actual.count, steps * batch * shape.width)
        if Gemm.kernel == .folio {
            XCTAssertEqual(actual, expected)
        } else {  // OpenBLAS may order a product's sums by its shape
            for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-5) }
        }
        XCTAssertNotEqual(expected.filter { $0 != 0 }.count, 0, "the projection computed nothing to compare")
    }
}

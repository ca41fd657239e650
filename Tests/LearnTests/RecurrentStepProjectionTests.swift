import XCTest
import Tensor
@testable import Learn

/// The LSTM projects each step's inputs inside its step loop (`Ops.projectStep`), each slice of the batch its
/// own rows, instead of in one product over all steps before the loop. Both must give the same gate
/// pre-activations: bit for bit under Folio's kernel (the same multiply-adds in the same order), whatever rows
/// a slice holds; under OpenBLAS (where nothing is packed) to rounding.
final class RecurrentStepProjectionTests: XCTestCase {
    private let batch = 7, steps = 5, features = 3, units = 10

    func testStepProjectionsEqualTheProductOverAllStepsUnderFolioKernel() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "this CPU has neither AVX-512 nor AVX2")
        let (whole, stepwise) = try projections(kernel: .folio)
        XCTAssertEqual(stepwise, whole)
    }

    func testStepProjectionsEqualTheProductOverAllStepsUnderOpenBLAS() throws {
        let (whole, stepwise) = try projections(kernel: .openBLAS)
        XCTAssertEqual(stepwise.count, whole.count)
        for (a, e) in zip(stepwise, whole) { XCTAssertEqual(a, e, accuracy: 1e-5) }
    }

    /// The gates [T, B, 4U] of one product over all steps, and of step projections over slices of uneven
    /// heights (as the batch splits on machines with other core counts), with an input dropout mask.
    private func projections(kernel: Gemm.Kernel) throws -> (whole: [Float], stepwise: [Float]) {
        let saved = Gemm.kernel
        defer { Gemm.kernel = saved }
        Gemm.kernel = kernel
        let shape = RecurrentShape(batch: batch, steps: steps, features: features, units: units, gates: 4)
        let x = randomVariable([batch, steps, features], seed: 11)
        let weights = randomVariable([features, shape.width], seed: 12, scale: 0.5)
        let mask = try Tensor(shape: [batch, features], scalars: (0..<(batch * features)).map { $0 % 4 == 0 ? 0 : 1.5 })
        let whole = RecurrentWorkspace(), stepwise = RecurrentWorkspace()
        Ops.projectInputs(x, kernel: weights, bias: nil, shape, whole, inputMask: mask)
        Ops.prepareStepProjections(x, kernel: weights, shape, stepwise, inputMask: mask)
        stepwise.gates.zero()
        for rows in [0..<3, 3..<4, 4..<7] {
            for t in 0..<steps {
                let gates = stepwise.gates.mutablePointer + t * shape.stepGates + rows.lowerBound * shape.width
                Ops.projectStep(t, rows: rows, shape, stepwise, into: gates)
            }
        }
        let expected = Array(UnsafeBufferPointer(start: whole.gates.pointer, count: whole.gates.count))
        XCTAssertEqual(expected.count, steps * batch * shape.width)
        XCTAssertGreaterThan(expected.filter { $0 != 0 }.count, expected.count / 2, "too few gates to compare")
        return (expected, Array(UnsafeBufferPointer(start: stepwise.gates.pointer, count: stepwise.gates.count)))
    }
}

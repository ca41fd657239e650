import XCTest
import Tensor
@testable import Learn

/// The engine side of issue #12: step activations, loss checks, batch-norm update counts and
/// weights read and set as numbers.
final class CourseworkLearnTests: XCTestCase {
    /// Points on a line: label 1 right of x = 0.
    private func halfPlane() throws -> InMemoryBatches {
        let xs: [Float] = [-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]
        let inputs = try Tensor(shape: [8, 2], scalars: xs.flatMap { [$0, 0.3 * $0] })
        return try InMemoryBatches(inputs: inputs, labels: xs.map { $0 > 0 ? 1 : 0 }, classCount: 2)
    }

    func testStepIsHeavisideWithZeroGradient() throws {
        let x = Variable(try Tensor(shape: [4], scalars: [-1, -0.001, 0, 2]))
        let tape = Tape()
        let y = Ops.activation(x, .step, tape: tape)
        XCTAssertEqual(y.value.scalars, [0, 0, 1, 1])
        let total = try Ops.meanSquaredError(y, targets: try Tensor(shape: [4], scalars: [5, 5, 5, 5]), tape: tape)
        tape.backward(from: total)
        XCTAssertEqual(x.grad.scalars, [0, 0, 0, 0])
    }

    func testFitRefusesAModelWhoseGradientStopsAtAStep() throws {
        let data = try halfPlane()
        let blocked = Sequential { Dense(4, activation: .step); Dense(1, activation: .step) }
        XCTAssertThrowsError(try blocked.fit(data, epochs: 1, loss: .binaryCrossEntropy, progress: nil)) { e in
            XCTAssertTrue("\(e)".contains("layer 1 (dense_1, Dense) uses the step activation"), "\(e)")
        }
        // A step hidden layer with a trainable sigmoid output after it still learns something.
        let open = Sequential { Dense(4, activation: .step); Dense(1, activation: .sigmoid) }
        XCTAssertNoThrow(try open.fit(data, epochs: 1, loss: .binaryCrossEntropy, seed: 1, progress: nil))
    }

    func testModelRemembersItsLossAndChecksItAgainstTheOutput() throws {
        let data = try halfPlane()
        let model = Sequential { Dense(1, activation: .sigmoid) }
        XCTAssertThrowsError(try model.fit(data, epochs: 1, progress: nil)) { e in
            XCTAssertTrue("\(e)".contains("loss: .binaryCrossEntropy"), "\(e)")
        }
        try model.fit(data, epochs: 200, optimizer: Adam(learningRate: 0.1), loss: .binaryCrossEntropy, seed: 2,
                      progress: nil)
        XCTAssertEqual(model.trainingLoss, .binaryCrossEntropy)
        let evaluation = try model.evaluate(data)
        XCTAssertEqual(evaluation.accuracy, 1)
        XCTAssertEqual(evaluation.confusion, [[4, 0], [0, 4]])
        XCTAssertLessThan(evaluation.loss, 0.3)
        // One-unit MSE regresses onto the label itself, so a good fit has a small error.
        XCTAssertLessThan(try model.evaluate(data, loss: .meanSquaredError).loss, 0.05)
        XCTAssertEqual(Loss(cellName: "crossEntropy"), .softmaxCrossEntropy)
    }

    func testBatchNormalizationCountsUpdatesAndWarnsUntilWarm() throws {
        let data = try halfPlane()
        let model = Sequential { Dense(3); BatchNormalization(momentum: 0.9); Dense(2, activation: .softmax) }
        try model.fit(data, epochs: 5, batchSize: 4, seed: 1, progress: nil)
        let layer = try XCTUnwrap(model.layers[1] as? BatchNormalization)
        XCTAssertEqual(layer.statisticUpdates, 10)
        XCTAssertEqual(model.batchNormWarmUpWarnings.count, 1)
        XCTAssertTrue(model.batchNormWarmUpWarnings[0].contains("only 10 training batches"))
        _ = try model.evaluate(data)  // inference does not count
        XCTAssertEqual(layer.statisticUpdates, 10)
        try model.fit(data, epochs: 10, batchSize: 4, progress: nil)
        XCTAssertEqual(model.batchNormWarmUpWarnings, [], "30 updates reach 3 / (1 − 0.9)")
        model.markStatisticsLoaded()
        XCTAssertNil(layer.statisticUpdates)
    }

    func testWeightsAsNumbersRoundTripForDenseAndConv2D() throws {
        let model = Sequential { Dense(3); Dense(2, useBias: false) }
        XCTAssertThrowsError(try model.setWeights(layer: 0, kernel: [[1, 2, 3]], bias: nil)) { e in
            XCTAssertTrue("\(e)".contains("model.build(input: [2])"), "\(e)")
        }
        try model.build(input: [2], seed: 1)
        try model.setWeights(layer: 0, kernel: [[1, 2, 3], [4, 5, 6]], bias: [0.5, 0, -0.5])
        let weights = try model.layers[0].numericWeights()
        XCTAssertEqual(weights.kernel, [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(weights.bias, [0.5, 0, -0.5])
        let out = try model.activations(try Tensor(shape: [1, 2], scalars: [1, 1]), throughLayer: 0)
        XCTAssertEqual(out.scalars, [5.5, 7, 8.5])
        XCTAssertThrowsError(try model.setWeights(layer: 1, kernel: [[1, 1], [1, 1], [1, 1]], bias: [0, 0])) { e in
            XCTAssertTrue("\(e)".contains("has no bias"), "\(e)")
        }
        XCTAssertThrowsError(try model.setWeights(layer: 0, kernel: [[1, 2, 3]], bias: nil)) { e in
            XCTAssertTrue("\(e)".contains("takes a kernel of 2 rows × 3 columns"), "\(e)")
        }
        let conv = Sequential { Conv2D(4, kernelSize: 3) }
        try conv.build(input: [5, 5, 2], seed: 1)
        let k = try conv.layers[0].numericWeights()
        XCTAssertEqual(k.kernel.count, 18, "3·3·2 window positions")
        XCTAssertEqual(k.kernel[0].count, 4, "one column per filter")
    }
}

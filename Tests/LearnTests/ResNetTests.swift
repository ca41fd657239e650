import XCTest
import Foundation
import Tensor
@testable import Learn

/// Residual blocks with projection shortcuts and the ResNet builder.
final class ResNetTests: XCTestCase {
    func testProjectionShortcutIsAStridedOneByOneConvolution() throws {
        let block = Residual(projection: true) {
            Conv2D(6, kernelSize: 3, strides: 2, padding: .same); BatchNormalization()
        }
        let model = Sequential([block])
        let summary = try model.summary(input: [7, 7, 3])
        XCTAssertEqual(block.outputShape, [4, 4, 6])
        // branch 3·3·3·6 + 6 and BN 4·6; shortcut 1×1: 3·6 + 6
        XCTAssertEqual(summary.total, (27 * 6 + 6) + 4 * 6 + (3 * 6 + 6))
        XCTAssertEqual((block.shortcut as? Conv2D)?.strides.0, 2)
        let plain = Sequential {
            Residual(projection: true) { Conv2D(4, kernelSize: 3, strides: 2, padding: .same); ActivationLayer(.tanh) }
        }
        try plain.build(input: [5, 6, 3], seed: 3)
        let small = randomVariable([2, 5, 6, 3], seed: 4)
        try assertGradientsMatch([small] + plain.allParameters.map(\.parameter.variable), step: 1e-3) {
            try plain.forward(small, context: ForwardContext(tape: $0, training: true))
        }
        // Same shape with projection: true keeps the identity skip; sequences project with a Dense.
        XCTAssertEqual(try Sequential { Residual(projection: true) { Dense(4) } }.summary(input: [3, 4]).total, 20)
        XCTAssertEqual(try Sequential { Residual(projection: true) { Dense(6) } }.summary(input: [3, 4]).total, 30 + 30)
        let shrinking = Sequential { Residual { Conv2D(6, kernelSize: 3, strides: 2, padding: .same) } }
        XCTAssertThrowsError(try shrinking.build(input: [8, 8, 3])) {
            XCTAssertTrue("\($0)".contains("projection: true"), "\($0)")
        }
    }

    /// Parameters of the builder's network, counted by hand: conv k·k·cin·cout + cout,
    /// BN 4·c (2 trainable), 1×1 shortcut cin·cout + cout when the width or size changes.
    private func handCount(stages: [Int], blocks: Int, channels: Int, classes: Int) -> (total: Int, frozen: Int) {
        func conv(_ k: Int, _ cin: Int, _ cout: Int) -> Int { k * k * cin * cout + cout }
        var total = conv(3, channels, stages[0]) + 4 * stages[0], frozen = 2 * stages[0]
        var width = stages[0]
        for (s, w) in stages.enumerated() {
            for b in 0..<blocks {
                total += conv(3, width, w) + conv(3, w, w) + 8 * w
                frozen += 4 * w
                if s > 0 && b == 0 { total += conv(1, width, w) }
                width = w
            }
        }
        return (total + width * classes + classes, frozen)
    }

    func testBuilderParameterCountsOnMnistAndCifarShapes() throws {
        for input in [[28, 28, 1], [32, 32, 3]] {
            let model = try ResNet.model(stages: [16, 32, 64], blocksPerStage: 2, classes: 10)
            let summary = try model.summary(input: input)
            let expected = handCount(stages: [16, 32, 64], blocks: 2, channels: input[2], classes: 10)
            XCTAssertEqual(summary.total, expected.total, "input \(input)")
            XCTAssertEqual(summary.nonTrainable, expected.frozen, "input \(input)")
            let side = (input[0] + 3) / 4
            XCTAssertTrue(summary.description.contains("(None, \(side), \(side), 64)"), summary.description)
        }
        XCTAssertEqual(try ResNet.model(stages: [16, 32, 64], blocksPerStage: 2,
                                        classes: 10).summary(input: [28, 28, 1]).total, 176_266)
        XCTAssertThrowsError(try ResNet.model(stages: [], blocksPerStage: 2, classes: 10))
        XCTAssertThrowsError(try ResNet.model(stages: [8], blocksPerStage: 0, classes: 10))
    }

    func testTinyResNetLearnsAndRoundTrips() throws {
        let train = try quadrantBlobs(count: 400, seed: 51), test = try quadrantBlobs(count: 200, seed: 52)
        let model = try ResNet.model(stages: [8, 16], blocksPerStage: 1, classes: 4)
        let history = try model.fit(train, epochs: 3, batchSize: 32, optimizer: Adam(learningRate: 0.01), seed: 53,
                                    progress: nil)
        let accuracy = try model.evaluate(test).accuracy
        print("tiny ResNet on quadrant blobs: test accuracy", accuracy)
        XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss)
        XCTAssertGreaterThan(accuracy, 0.6, "chance is 0.25")

        let path = NSTemporaryDirectory() + "folio-resnet-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(test.inputs).scalars, try model.predict(test.inputs).scalars)
    }

    func testFrozenResidualBlocksKeepTheirWeightsAndStatistics() throws {
        let train = try quadrantBlobs(count: 128, seed: 61)
        let model = try ResNet.model(stages: [4, 8], blocksPerStage: 1, classes: 4)
        try model.build(input: [8, 8, 1], seed: 62)
        try model.freeze(upTo: 7)  // stem and both residual blocks with their ReLUs
        let frozen = model.layers[3].parameters + model.layers[5].parameters
        XCTAssertTrue(frozen.contains { $0.name == "batch_normalization/moving_mean" })
        XCTAssertTrue(frozen.contains { $0.name == "shortcut/kernel" })
        let before = frozen.map { $0.variable.value.scalars }
        try model.fit(train, epochs: 1, batchSize: 32, optimizer: Adam(learningRate: 0.01), progress: nil)
        let changed = zip(frozen, before).filter { $0.0.variable.value.scalars != $0.1 }.map(\.0.name)
        XCTAssertEqual(changed, [], "frozen blocks, including inner moving statistics, stay unchanged")
        let summary = try model.summary(input: [8, 8, 1])
        XCTAssertEqual(summary.trainable, 8 * 4 + 4, "only the head trains")
        model.unfreeze()
        XCTAssertTrue((model.layers[3] as? Residual)?.layers.allSatisfy(\.trainable) ?? false)
    }
}

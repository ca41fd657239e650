import XCTest
import Foundation
import Tensor
@testable import Learn

/// Freezing layers and reusing a trained network with a new head (transfer learning).
final class TransferTests: XCTestCase {
    func testFrozenLayersStayUnchangedAndCountAsNonTrainable() throws {
        let data = try quadrantBlobs(count: 128, seed: 1)
        let model = Sequential { Flatten(); Dense(8, activation: .relu); BatchNormalization(); Dense(4) }
        try model.build(input: [8, 8, 1], seed: 2)
        try model.freeze(upTo: 3)
        let frozen = (model.layers[1].parameters + model.layers[2].parameters).map { $0.variable.value.copy() }
        let head = model.layers[3].parameters.map { $0.variable.value.copy() }
        let summary = try model.summary(input: [8, 8, 1])
        XCTAssertEqual(summary.trainable, 4 * 8 + 4)
        XCTAssertEqual(summary.nonTrainable, 64 * 8 + 8 + 4 * 8)
        // no seed: a seeded fit re-initialises an untrained model
        try model.fit(data, epochs: 2, batchSize: 16, progress: nil)
        let after = model.layers[1].parameters.map(\.variable.value) + model.layers[2].parameters.map(\.variable.value)
        for (a, b) in zip(frozen, after) {
            XCTAssertEqual(a.maxAbsDifference(b), 0, "frozen weights and moving statistics must not move")
        }
        XCTAssertGreaterThan(head[0].maxAbsDifference(model.layers[3].parameters[0].variable.value), 0,
                             "the head trains")
        XCTAssertEqual(model.layers[1].parameters[0].variable.grad.count, 0,
                       "no gradient is computed for frozen weights")
        model.unfreeze()
        XCTAssertEqual(try model.summary(input: [8, 8, 1]).nonTrainable, 2 * 8)
        try model.fit(data, epochs: 1, batchSize: 16, progress: nil)
        XCTAssertGreaterThan(frozen[0].maxAbsDifference(model.layers[1].parameters[0].variable.value), 0,
                             "unfrozen weights train")
        XCTAssertThrowsError(try model.freeze(upTo: 5))
    }

    func testPretrainSaveLoadReplaceHeadFineTune() throws {
        // Pretrain on the 4-quadrant task, then reuse the features for "top or bottom" with a new head.
        let pretrain = try quadrantBlobs(count: 400, seed: 4)
        let base = Sequential { Reshape([8, 8]); LSTM(12); Dense(4) }
        try base.fit(pretrain, epochs: 3, batchSize: 32, optimizer: Adam(learningRate: 0.01), seed: 5, progress: nil)
        let path = NSTemporaryDirectory() + "folio-transfer-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try base.save(to: path)

        let loaded = try Sequential.load(from: path)
        let model = try loaded.replacingLast(1, with: [Dense(2)], seed: 6)
        try model.freeze(upTo: 2)
        XCTAssertEqual(model.layers.map(\.name), ["reshape", "lstm", "dense"])
        let lstmBefore = model.layers[1].parameters.map { $0.variable.value.copy() }
        let topBottom = try relabel(try quadrantBlobs(count: 300, seed: 7)) { $0 / 2 }
        try model.fit(topBottom, epochs: 3, batchSize: 32, optimizer: Adam(learningRate: 0.01), seed: 8, progress: nil)
        for (a, b) in zip(lstmBefore,
                          model.layers[1].parameters) { XCTAssertEqual(a.maxAbsDifference(b.variable.value), 0) }
        let accuracy = try model.evaluate(try relabel(try quadrantBlobs(count: 200, seed: 9)) { $0 / 2 }).accuracy
        print("transfer: frozen LSTM features + new head, top/bottom accuracy", accuracy)
        XCTAssertGreaterThan(accuracy, 0.9, "chance is 0.5")

        // Frozen flags survive saving.
        try model.save(to: path)
        XCTAssertEqual(try Sequential.load(from: path).layers.map(\.trainable), [false, false, true])
        XCTAssertThrowsError(try model.replacingLast(3, with: [Dense(2)]))
    }

    private func relabel(_ data: InMemoryBatches, _ f: (Int32) -> Int32) throws -> InMemoryBatches {
        try InMemoryBatches(inputs: data.inputs, labels: data.labels.map(f), classCount: 2)
    }
}

import XCTest
import Foundation
import Tensor
@testable import Learn

/// Positional and patch embeddings: shapes, parameter counts, gradients, saving and loading.
final class EmbeddingTests: XCTestCase {
    func testLearnedPositionalEmbeddingGradients() throws {
        let layer = PositionalEmbedding(kind: .learned)
        let model = Sequential([layer])
        try model.build(input: [3, 4], seed: 1)
        XCTAssertEqual(try model.summary(input: [3, 4]).total, 3 * 4)
        let x = randomVariable([2, 3, 4], seed: 2)
        try assertGradientsMatch([x] + layer.parameters.map(\.variable), step: 1e-3) {
            try model.forward(x, context: ForwardContext(tape: $0, training: true))
        }
    }

    func testSinusoidalTableIsFixedAndFollowsTheFormula() throws {
        let model = Sequential { PositionalEmbedding(kind: .sinusoidal) }
        try model.build(input: [5, 6], seed: 1)
        XCTAssertEqual(try model.summary(input: [5, 6]).total, 0)
        let table = try model.predict(Tensor(zeros: [1, 5, 6]))  // zeros in: the table itself
        for t in 0..<5 {
            for j in 0..<6 {
                let angle = Double(t) / pow(10000, Double(2 * (j / 2)) / 6)
                let expected = j % 2 == 0 ? sin(angle) : cos(angle)
                XCTAssertEqual(Double(table[flat: t * 6 + j]), expected, accuracy: 1e-5, "PE[\(t), \(j)]")
            }
        }
        // Gradients pass straight through to the input.
        let x = randomVariable([2, 5, 6], seed: 3)
        try assertGradientsMatch([x],
                                 step: 1e-3) { try model.forward(x, context: ForwardContext(tape: $0, training: true)) }
    }

    func testPatchesAreCutRowMajorAndGradientsMatch() throws {
        // 4×4 image with 2 channels, values = index; patch 2 → 4 tokens of 8 values.
        let x = Variable(try Tensor(shape: [1, 4, 4, 2], scalars: (0..<32).map(Float.init)))
        let y = try Ops.patches(x, size: 2, tape: nil)
        XCTAssertEqual(y.shape, [1, 4, 8])
        // token 1 = patch at grid (0, 1): rows 0–1, columns 2–3
        XCTAssertEqual(Array(y.value.scalars[8..<16]), [4, 5, 6, 7, 12, 13, 14, 15])
        let layer = PatchEmbedding(patch: 2, dim: 3)
        let model = Sequential([layer])
        try model.build(input: [4, 6, 2], seed: 4)
        XCTAssertEqual(layer.outputShape, [6, 3])
        XCTAssertEqual(try model.summary(input: [4, 6, 2]).total, (2 * 2 * 2) * 3 + 3)
        let images = randomVariable([2, 4, 6, 2], seed: 5)
        try assertGradientsMatch([images] + layer.parameters.map(\.variable), step: 1e-3) {
            try model.forward(images, context: ForwardContext(tape: $0, training: true))
        }
    }

    func testPatchSizeMustDivideTheImage() throws {
        XCTAssertThrowsError(try Sequential { PatchEmbedding(patch: 5, dim: 8) }.build(input: [28, 28, 1])) { error in
            XCTAssertTrue("\(error)".contains("multiples of 5"), "\(error)")
        }
        XCTAssertThrowsError(try Sequential { PositionalEmbedding() }.build(input: [10]))
    }

    func testPatchTransformerLearnsAndRoundTrips() throws {
        // 8×8 blobs → 4 patches of 4×4 → tokens of 16 + learned positions → encoder → Flatten → Dense.
        let train = try quadrantBlobs(count: 600, seed: 31), test = try quadrantBlobs(count: 200, seed: 32)
        let model = Sequential {
            PatchEmbedding(patch: 4, dim: 16); PositionalEmbedding(kind: .learned)
            TransformerEncoder(heads: 2, keyDim: 8, feedForward: 32)
            Flatten(); Dense(4)
        }
        let history = try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.005), seed: 33,
                                    progress: nil)
        let accuracy = try model.evaluate(test).accuracy
        print("patch transformer on quadrant blobs: test accuracy", accuracy)
        XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss)
        XCTAssertGreaterThan(accuracy, 0.8, "chance is 0.25")

        let path = NSTemporaryDirectory() + "folio-embedding-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(test.inputs).scalars, try model.predict(test.inputs).scalars)
        XCTAssertEqual(loaded.layers.map(\.typeName), model.layers.map(\.typeName))
    }
}

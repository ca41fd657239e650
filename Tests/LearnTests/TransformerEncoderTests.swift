import XCTest
import Foundation
import Tensor
@testable import Learn

/// The pre-norm Transformer encoder block: parameter count, gradients, dropout, learning.
final class TransformerEncoderTests: XCTestCase {
    func testParameterCountByHand() throws {
        let f = 64, h = 2, d = 32, ff = 128
        let norms = 2 * (2 * f), attention = 4 * f * h * d + 3 * h * d + f, mlp = f * ff + ff + ff * f + f
        let encoder = Sequential { TransformerEncoder(heads: h, keyDim: d, feedForward: ff) }
        let summary = try encoder.summary(input: [28, f])
        XCTAssertEqual(summary.total, norms + attention + mlp)
        XCTAssertEqual(summary.total, 33_472)
        XCTAssertEqual(summary.rows.first?.outputShape, "(None, 28, 64)")
    }

    func testGradientsThroughBothSubBlocks() throws {
        let model = Sequential { TransformerEncoder(heads: 2, keyDim: 3, feedForward: 5) }
        try model.build(input: [3, 4], seed: 1)
        let x = randomVariable([2, 3, 4], seed: 2)
        try assertGradientsMatch([x] + model.allParameters.map(\.parameter.variable), step: 1e-3) {
            try model.forward(x, context: ForwardContext(tape: $0, training: true))
        }
        XCTAssertEqual(model.allParameters.first.map { "\($0.layer).\($0.parameter.name)" },
                       "transformer_encoder.attention_block/layer_normalization/gamma")
    }

    func testDropoutOnlyWhileTrainingAndBadArgumentsRejected() throws {
        let model = Sequential { TransformerEncoder(heads: 1, keyDim: 4, feedForward: 8, dropout: 0.5) }
        try model.build(input: [3, 4], seed: 1)
        let x = randomVariable([2, 3, 4], seed: 2)
        let a = try model.forward(x, context: ForwardContext(tape: nil, training: false)).value.scalars
        let b = try model.forward(x, context: ForwardContext(tape: nil, training: false)).value.scalars
        XCTAssertEqual(a, b, "inference is deterministic")
        let t = try model.forward(x,
                                  context: ForwardContext(tape: nil, training: true,
                                                          rng: SeededGenerator(seed: 3))).value.scalars
        XCTAssertNotEqual(a, t, "training applies dropout")
        let empty = Sequential { TransformerEncoder(heads: 1, keyDim: 4, feedForward: 0) }
        XCTAssertThrowsError(try empty.build(input: [3, 4]))
        XCTAssertThrowsError(try Sequential { TransformerEncoder(heads: 1, keyDim: 4, feedForward: 8) }.build(input: [3,
            4, 2])) { error in
            XCTAssertTrue("\(error)".contains("(steps, features)"), "\(error)")
        }
    }

    func testStackedEncodersLearnRowsAndRoundTrip() throws {
        let train = try quadrantBlobs(count: 600, seed: 41), test = try quadrantBlobs(count: 200, seed: 42)
        let model = Sequential {
            Reshape([8, 8]); Dense(16); PositionalEmbedding(kind: .sinusoidal)
            TransformerEncoder(heads: 2, keyDim: 8, feedForward: 32)
            TransformerEncoder(heads: 2, keyDim: 8, feedForward: 32, dropout: 0.1)
            Flatten(); Dense(4)
        }
        let history = try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.005), seed: 43,
                                    progress: nil)
        let accuracy = try model.evaluate(test).accuracy
        print("two encoder blocks on quadrant blobs: test accuracy", accuracy)
        XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss)
        XCTAssertGreaterThan(accuracy, 0.8, "chance is 0.25")

        let path = NSTemporaryDirectory() + "folio-encoder-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(test.inputs).scalars, try model.predict(test.inputs).scalars)
    }
}

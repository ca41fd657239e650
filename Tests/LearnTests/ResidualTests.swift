import XCTest
import Foundation
import Tensor
@testable import Learn

/// Residual blocks: y = x + f(x) with gradients through both paths, Transformer encoder blocks
/// composed from them, saving and loading.
final class ResidualTests: XCTestCase {
    func testGradientsFlowThroughBranchAndSkip() throws {
        let model = Sequential { Residual { Dense(5, activation: .tanh); Dense(4) }; LayerNormalization() }
        try model.build(input: [3, 4], seed: 1)
        let x = randomVariable([2, 3, 4], seed: 2)
        try assertGradientsMatch([x] + model.allParameters.map(\.parameter.variable), step: 1e-3) {
            try model.forward(x, context: ForwardContext(tape: $0, training: true))
        }
        XCTAssertEqual(model.allParameters.map { "\($0.layer).\($0.parameter.name)" }.prefix(4),
                       ["residual.dense/kernel", "residual.dense/bias", "residual.dense_1/kernel", "residual.dense_1/bias"])
    }

    func testZeroBranchIsTheIdentity() throws {
        let dense = Dense(4)
        let model = Sequential { Residual { dense } }
        try model.build(input: [4], seed: 1)
        for p in dense.parameters { p.variable.value.zero() }
        var rng = SeededGenerator(seed: 3)
        let x = Tensor.normal(shape: [5, 4], using: &rng)
        XCTAssertEqual(try model.predict(x).scalars, x.scalars)
    }

    func testShapeChangingBranchIsRejectedWithAHint() throws {
        XCTAssertThrowsError(try Sequential { Residual { Dense(8) } }.build(input: [28, 64])) { error in
            XCTAssertTrue("\(error)".contains("same shape"), "\(error)")
        }
        XCTAssertThrowsError(try Sequential { Residual([]) }.build(input: [4]))
    }

    func testTransformerEncoderBlockLearnsAndRoundTrips() throws {
        // Attention + residual + norm, feed-forward + residual + norm, on quadrant blobs read as 8 rows.
        let train = try quadrantBlobs(count: 600, seed: 21), test = try quadrantBlobs(count: 200, seed: 22)
        let model = Sequential {
            Reshape([8, 8]); Dense(16)
            Residual { MultiHeadAttention(heads: 2, keyDim: 8) }; LayerNormalization()
            Residual { Dense(32, activation: .relu); Dense(16) }; LayerNormalization()
            Flatten(); Dense(4)
        }
        try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.005), seed: 23, progress: nil)
        let accuracy = try model.evaluate(test).accuracy
        print("Transformer encoder block on quadrant blobs: test accuracy", accuracy)
        XCTAssertGreaterThan(accuracy, 0.8, "chance is 0.25")

        let path = NSTemporaryDirectory() + "folio-residual-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(test.inputs).scalars, try model.predict(test.inputs).scalars)
    }
}

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
                       ["residual.dense/kernel", "residual.dense/bias", "residual.dense_1/kernel",
                        "residual.dense_1/bias"])
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

    /// A shortcut written out, as Keras code writes a ResNet's projection: 1×1 strided Conv2D and
    /// BatchNormalization on the skip path, counted, differentiated, frozen and saved with the block.
    func testWrittenShortcutTrainsFreezesAndRoundTrips() throws {
        func block() -> Residual {
            Residual(shortcut: { Conv2D(6, kernelSize: 1, strides: 2, useBias: false); BatchNormalization() }) {
                // smooth, for finite differences
                Conv2D(6, kernelSize: 3, strides: 2, padding: .same); BatchNormalization(); ActivationLayer(.tanh)
                Conv2D(6, kernelSize: 3, padding: .same)
            }
        }
        let model = Sequential { block(); Flatten(); Dense(3) }
        let summary = try model.summary(input: [6, 6, 2])
        // branch: 3·3·2·6 + 6, BN 4·6, 3·3·6·6 + 6; shortcut: 2·6 (no bias), BN 4·6; head: 3·3·6·3 + 3
        XCTAssertEqual(summary.rows[0].parameters, 114 + 24 + 330 + 12 + 24)
        let names = model.allParameters.map(\.parameter.name)
        XCTAssertEqual(names.filter { $0.hasPrefix("conv2d_2") || $0.hasPrefix("batch_normalization_1") },
                       ["conv2d_2/kernel", "batch_normalization_1/gamma", "batch_normalization_1/beta",
                        "batch_normalization_1/moving_mean", "batch_normalization_1/moving_variance"])

        let x = randomVariable([2, 6, 6, 2], seed: 4)
        let trainable = model.allParameters.map(\.parameter).filter(\.trainable).map(\.variable)
        try assertGradientsMatch([x] + trainable, step: 1e-2) {
            try model.forward(x, context: ForwardContext(tape: $0, training: false))
        }

        model.layers[0].trainable = false
        XCTAssertTrue((model.layers[0] as! Residual).skipPath.allSatisfy { !$0.trainable },
                      "freezing the block freezes its shortcut")
        let path = NSTemporaryDirectory() + "folio-shortcut-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual((loaded.layers[0] as? Residual)?.skipPath.map(\.typeName), ["Conv2D", "BatchNormalization"])
        XCTAssertEqual(try loaded.predict(x.value).scalars, try model.predict(x.value).scalars)
        XCTAssertEqual(loaded.layers[0].trainable, false)
    }

    func testShortcutMustEndInTheBranchShape() throws {
        let model = Sequential {
            Residual(shortcut: { Conv2D(4, kernelSize: 1) }) { Conv2D(6, kernelSize: 3, padding: .same) }
        }
        XCTAssertThrowsError(try model.build(input: [6, 6, 2])) { error in
            XCTAssertTrue("\(error)".contains("both paths must end in the same shape"), "\(error)")
        }
    }
}

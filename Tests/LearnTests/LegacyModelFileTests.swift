import XCTest
import Foundation
import Tensor
@testable import Learn

/// Model files written before layers described themselves (commit 71a53a1, a flat `LayerConfig`
/// per layer) must keep loading with the same predictions. The fixtures were saved once by that
/// code after two epochs on `quadrantBlobs(count: 32, seed: 11)` and must never be rewritten:
/// - legacy-image: Conv2D (same, relu, no bias), a frozen BatchNormalization, MaxPool2D,
///   Residual(projection: true), Residual with a written shortcut and PyTorch padding 1,
///   Activation(.leakyRelu), Reshape, LSTM, Dropout, Flatten, Dense(softmax);
/// - legacy-sequence: AvgPool2D(same), PatchEmbedding, sinusoidal and learned
///   PositionalEmbedding, TransformerEncoder, LayerNormalization, causal MultiHeadAttention,
///   Bidirectional(GRU), SimpleRNN(relu), Reshape, GlobalAveragePooling2D, Dense(softmax).
/// Each `<name>.expected.json` holds the predictions the saving model made.
final class LegacyModelFileTests: XCTestCase {
    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    private func expectedOutputs(_ name: String) throws -> (shape: [Int], values: [Float]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("\(name).expected.json")))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let shape = try XCTUnwrap(json["shape"] as? [Int]), values = try XCTUnwrap(json["outputs"] as? [Double])
        return (shape, values.map(Float.init))
    }

    func testModelsSavedByEarlierVersionsPredictAsBefore() throws {
        let inputs = try quadrantBlobs(count: 32, seed: 11).inputs
        for name in ["legacy-image", "legacy-sequence"] {
            let model = try Sequential.load(from: fixture("\(name).safetensors"))
            let predicted = try model.predict(inputs), expected = try expectedOutputs(name)
            XCTAssertEqual(predicted.shape, expected.shape, name)
            XCTAssertNil(model.trainingLoss, "\(name) has no saved loss: evaluate keeps its default rule")
            for (got, want) in zip(predicted.scalars, expected.values) {
                XCTAssertEqual(got, want, accuracy: 1e-6, name)
            }
        }
    }

    func testSavedTrainableFlagAndLayerNamesSurvive() throws {
        let model = try Sequential.load(from: fixture("legacy-image.safetensors"))
        XCTAssertEqual(model.layers.map(\.trainable), [true, false] + Array(repeating: true, count: 8))
        XCTAssertEqual(model.layers.map(\.name), ["conv2d", "batch_normalization", "max_pooling2d", "residual",
                                                  "residual_1", "reshape", "lstm", "dropout", "flatten", "dense"])
    }
}

import Foundation
import Tensor
import XCTest
@testable import Learn

/// Weights written by PyTorch (and in Keras's layout) load into the matching Folio model and give
/// PyTorch's outputs. Fixtures: Tests/LearnTests/Fixtures, made by make_fixtures.py there.
final class WeightImportTests: XCTestCase {
    func testMLPFromPyTorch() throws {
        let model = try mlp()
        let report = try model.loadWeights(from: fixture("mlp"))
        try assertOutputs(model, "mlp")
        XCTAssertEqual(report.rows.map(\.source), ["0.weight, 0.bias", "2.weight, 2.bias", "4.weight, 4.bias"])
        XCTAssertEqual(Set(report.rows.map(\.match)), ["order and shape"])
        XCTAssertTrue(report.rows[0].conversion.contains("transposed"), report.description)
        XCTAssertTrue(report.summary.hasPrefix("Loaded 6 tensors into 3 layers from mlp.safetensors"), report.summary)
    }

    func testHalfBFloatAndDoubleFiles() throws {
        for (file, outputs, dtype) in [("mlp.f16", "outputs_f16", "F16"), ("mlp.bf16", "outputs_bf16", "BF16"),
                                       ("mlp.f64", "outputs", "F64")] {
            let model = try mlp()
            let report = try model.loadWeights(from: fixture(file))
            try assertOutputs(model, "mlp", outputs: outputs)
            XCTAssertTrue(report.rows[0].conversion.contains("\(dtype) → F32"), report.description)
        }
    }

    func testKerasLayoutUnderOtherNamesLoadsAsItIs() throws {
        let model = try mlp()
        let report = try model.loadWeights(from: fixture("mlp.keras"))
        try assertOutputs(model, "mlp")
        XCTAssertEqual(report.rows.map(\.conversion), ["as is", "as is", "as is"])
        XCTAssertEqual(report.rows[1].source, "dense_2/kernel, dense_2/bias")
    }

    func testCNNWithBatchNormBiasFreeConvolutionAndFlatten() throws {
        // PyTorch: conv1, bn1, conv2 (bias=False), bn2, fc; the file lists them by name (bn1, bn2, conv1, …).
        let model = Sequential {
            Conv2D(4, kernelSize: 3,
                   padding: .same); BatchNormalization(epsilon: 1e-5); ActivationLayer(.relu); MaxPool2D(2)
            Conv2D(4, kernelSize: 3); BatchNormalization(epsilon: 1e-5); ActivationLayer(.relu)
            Flatten(); Dense(5)
        }
        try model.build(input: [8, 8, 2])
        let report = try model.loadWeights(from: fixture("cnn"))
        try assertOutputs(model, "cnn")
        XCTAssertEqual(report.rows.map(\.source).map { $0.split(separator: ".")[0] },
                       ["conv1", "bn1", "conv2", "bn2", "fc"])
        XCTAssertTrue(report.rows[2].conversion.contains("no bias: bias = zeros"), report.description)
        XCTAssertTrue(report.rows[4].conversion.contains("(H, W, C)"), report.description)
        XCTAssertEqual(report.skipped.count, 2, "num_batches_tracked of bn1 and bn2")
        XCTAssertEqual(report.notes, [], "epsilon matches PyTorch's")
    }

    func testTorchvisionBasicBlockWithDownsamplingShortcut() throws {
        // PyTorch: conv1, bn1, conv2, bn2 on the main path, downsample.0/.1 on the skip path, fc.
        func norm() -> Layer { BatchNormalization(epsilon: 1e-5) }
        let model = Sequential {
            Residual(shortcut: { Conv2D(6, kernelSize: 1, strides: 2, useBias: false); norm() }) {
                Conv2D(6, kernelSize: 3, strides: 2, padding: .explicit(rows: 1, columns: 1),
                       useBias: false); norm(); ActivationLayer(.relu)
                Conv2D(6, kernelSize: 3, padding: .same, useBias: false); norm()
            }
            ActivationLayer(.relu); GlobalAveragePooling2D(); Dense(4)
        }
        try model.build(input: [8, 8, 3])  // even: PyTorch's padding=1 at stride 2 is padding: 1, not .same
        let report = try model.loadWeights(from: fixture("resblock"))
        try assertOutputs(model, "resblock")
        let modules = report.rows.map { row in
            (row.source.components(separatedBy: ", ").first ?? "").split(separator: ".").dropLast()
        }
        XCTAssertEqual(modules.map { $0.joined(separator: ".") },
                       ["conv1", "bn1", "conv2", "bn2", "downsample.0", "downsample.1", "fc"], report.description)
    }

    func testRecurrentLayers() throws {
        let models: [(String, Sequential)] = [
            ("lstm", Sequential { LSTM(8); Dense(3) }),
            ("gru", Sequential { GRU(6, returnSequences: true); GRU(6); Dense(3) }),
            ("rnn", Sequential { SimpleRNN(6); Dense(3) }),
            ("bilstm", Sequential { Bidirectional(LSTM(4)); Dense(3) }),
        ]
        for (name, model) in models {
            try model.build(input: [7, 5])
            let report = try model.loadWeights(from: fixture(name))
            try assertOutputs(model, name)
            let biases = name == "gru" ? "bias = [bias_ih, bias_hh]" : "bias = bias_ih + bias_hh"
            XCTAssertTrue(report.rows[0].conversion.contains(biases),
                          "\(name): \(report.description)")
        }
    }

    func testStackedAndBidirectionalRecurrentModulesAreSplitPerLayer() throws {
        let gru = Sequential { GRU(6, returnSequences: true); GRU(6); Dense(3) }
        try gru.build(input: [7, 5])
        let report = try gru.loadWeights(from: fixture("gru"))
        XCTAssertEqual(report.rows[1].source, "rnn.weight_ih_l1, rnn.weight_hh_l1, rnn.bias_ih_l1, rnn.bias_hh_l1")
        XCTAssertTrue(report.rows[0].conversion.contains("gates (r, z, n) → (z, r, h̃)"))
        let bilstm = Sequential { Bidirectional(LSTM(4)); Dense(3) }
        try bilstm.build(input: [7, 5])
        let rows = try bilstm.loadWeights(from: fixture("bilstm")).rows
        XCTAssertEqual(rows.map(\.layer), ["bidirectional/forward_lstm", "bidirectional/backward_lstm", "dense"])
        XCTAssertTrue(rows[1].source.hasPrefix("rnn.weight_ih_l0_reverse"), rows[1].source)
    }

    func testAttentionWithPositionsAndLayerNorm() throws {
        let model = Sequential {
            PositionalEmbedding(kind: .learned)
            Residual { MultiHeadAttention(heads: 2, keyDim: 4) }
            LayerNormalization(epsilon: 1e-5)
            Flatten(); Dense(3)
        }
        try model.build(input: [5, 8])
        let report = try model.loadWeights(from: fixture("attention"))
        try assertOutputs(model, "attention")
        XCTAssertEqual(report.rows.map(\.layer),
                       ["positional_embedding", "residual/multi_head_attention", "layer_normalization", "dense"])
        XCTAssertEqual(report.rows[1].source,
                       "attn.in_proj_weight, attn.in_proj_bias, attn.out_proj.weight, attn.out_proj.bias")
        XCTAssertTrue(report.notes.contains { $0.contains("num_heads") }, "\(report.notes)")
    }

    func testPreNormTransformerEncoderLayer() throws {
        // nn.TransformerEncoderLayer(norm_first=True): self_attn, linear1, linear2, norm1, norm2 in the file.
        let model = Sequential { TransformerEncoder(heads: 2, keyDim: 4, feedForward: 16); Flatten(); Dense(3) }
        try model.build(input: [5, 8])
        let report = try model.loadWeights(from: fixture("encoder"))
        try assertOutputs(model, "encoder")
        XCTAssertEqual(report.rows.map { $0.source.split(separator: ",")[0] }, [
            "block.norm1.weight", "block.self_attn.in_proj_weight", "block.norm2.weight", "block.linear1.weight",
            "block.linear2.weight", "head.weight",
        ])
    }

    func testNamesMapLayersThatOrderAndShapeCannotTellApart() throws {
        // Both layers are Linear(4, 4); "decoder" sorts first but runs second.
        let guessed = try encoderDecoder()
        try guessed.loadWeights(from: fixture("encdec"))
        XCTAssertThrowsError(try assertOutputs(guessed, "encdec", quiet: true), "pairing by order takes decoder first")

        let byLayer = try encoderDecoder()
        let report = try byLayer.loadWeights(from: fixture("encdec"), names: ["dense": "encoder", "dense_1": "decoder"])
        try assertOutputs(byLayer, "encdec")
        XCTAssertEqual(report.rows.map(\.match), ["names:", "names:"])

        let byParameter = try encoderDecoder()
        try byParameter.loadWeights(from: fixture("encdec"), names: [
            "dense.kernel": "encoder.weight", "dense.bias": "encoder.bias", "dense_1.kernel": "decoder.weight",
            "dense_1.bias": "decoder.bias",
        ])
        try assertOutputs(byParameter, "encdec")
    }

    func testBadNamesAreExplained() throws {
        let model = try encoderDecoder()
        try assertLoadFails(model, "encdec", names: ["dense_9": "encoder"],
                            contains: "\"dense_9\" is neither a layer with weights nor a parameter")
        try assertLoadFails(model, "encdec", names: ["dense": "encoder.weight"],
                            contains: "\"encoder.weight\" is a tensor")
        try assertLoadFails(model, "encdec", names: ["dense.kernel": "fc.weight"],
                            contains: "its tensors are decoder.bias [4]")
        try assertLoadFails(model, "encdec", names: ["dense.kernel": "encoder.weight"], contains: "add \"dense.bias\"")
    }

    func testWrongShapeNamesTheLayerAndTheUnusedTensors() throws {
        let model = Sequential { Dense(16, activation: .relu); Dense(8, activation: .tanh); Dense(4) }
        try model.build(input: [6])
        try assertLoadFails(model, "mlp",
                            contains: "mlp.safetensors: no tensor for layer dense_2 (Dense 8→4: kernel [8, 4], "
                                      + "bias [4]); "
                            + "the file's unused tensors are 4.bias [3], 4.weight [3, 8]; pass names: to map them, "
                            + "e.g. names: [\"dense_2\": \"4\"]")
    }

    func testMissingTensorsSayTheModelHasMoreLayers() throws {
        let model = Sequential { Dense(16, activation: .relu); Dense(8, activation: .tanh); Dense(3); Dense(2) }
        try model.build(input: [6])
        try assertLoadFails(model, "mlp",
                            contains: "no tensor for layer dense_3 (Dense 3→2: kernel [3, 2], bias [2]); "
                                      + "every tensor of the file went to earlier layers")
    }

    func testMalformedFilesAreErrorsNotCrashes() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture("mlp")))
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        let cases: [(Data, String)] = [
            (bytes.prefix(bytes.count - 100), "outside the"),
            (bytes.prefix(40), "exceeds the file size"),
            (bytes.prefix(5), "too short for a safetensors header"),
            (bytes.prefix(8) + Data(repeating: 0x7b, count: headerLength) + bytes.dropFirst(8 + headerLength),
             "is not a JSON object"),
            (bytes.prefix(8) + Data(header.replacingOccurrences(of: "\"F32\"", with: "\"F99\"").utf8)
                + bytes.dropFirst(8 + headerLength),
             "unknown dtype F99"),
        ]
        for (index, (data, message)) in cases.enumerated() {
            let path = NSTemporaryDirectory() + "folio-bad-\(index)-\(UInt32.random(in: 0 ... .max)).safetensors"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try data.write(to: URL(fileURLWithPath: path))
            let model = try mlp()
            let before = model.allParameters.map(\.parameter.variable.value.scalars)
            XCTAssertThrowsError(try model.loadWeights(from: path)) {
                XCTAssertTrue("\($0)".contains(message), "case \(index): \($0)")
            }
            XCTAssertEqual(model.allParameters.map(\.parameter.variable.value.scalars), before)
        }
        XCTAssertThrowsError(try Sequential { Dense(2) }.loadWeights(from: fixture("mlp"))) {
            XCTAssertTrue("\($0)".contains("build the model first"))
        }
    }

    func testFolioFilesLoadByName() throws {
        let original = try mlp()
        try original.loadWeights(from: fixture("mlp"))
        let path = NSTemporaryDirectory() + "folio-own-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try original.save(to: path)
        let copy = try mlp()
        let report = try copy.loadWeights(from: path)
        XCTAssertEqual(Set(report.rows.map(\.match)), ["Folio name"])
        try assertOutputs(copy, "mlp")
        try assertOutputs(try Sequential.load(from: path), "mlp")
    }

    func testABodyWithoutTheHeadLeavesTheHeadUnused() throws {
        let body = Sequential { Dense(16, activation: .relu); Dense(8, activation: .tanh) }
        try body.build(input: [6])
        let report = try body.loadWeights(from: fixture("mlp"))
        XCTAssertEqual(report.unused, ["4.bias [3]", "4.weight [3, 8]"], "in the file's order")
        XCTAssertTrue(report.description.contains("unused: 4.bias [3], 4.weight [3, 8]"), report.description)
    }

    func testNaturalOrderSplitNamesAndHalfFloats() {
        XCTAssertTrue(naturallyBefore("layers.2.weight", "layers.10.weight"))
        XCTAssertTrue(naturallyBefore("fc", "fc1"))
        XCTAssertFalse(naturallyBefore("conv2", "conv10a") == naturallyBefore("conv10a", "conv2"))
        XCTAssertTrue(SourceModule.split("lstm.bias_hh_l1_reverse") == ("lstm[l1_reverse]", "bias_hh"))
        XCTAssertTrue(SourceModule.split("dense_1/kernel:0") == ("dense_1", "kernel"))
        XCTAssertTrue(SourceModule.split("weight") == ("", "weight"))
        XCTAssertTrue(SourceModule.split("weight_ih_l0") == ("[l0]", "weight_ih"))
        XCTAssertTrue(SourceModule.split("pos_embed") == ("pos_embed", "pos_embed"))
        XCTAssertEqual([0x3c00, 0xc000, 0x0001, 0x7bff, 0x7c00].map(halfToFloat), [1, -2, 0x1p-24, 65504, .infinity])
        XCTAssertTrue(Layout.regroups([8, 2, 4], to: [8, 8]))
        XCTAssertTrue(Layout.regroups([1, 5, 8], to: [5, 8]))
        XCTAssertFalse(Layout.regroups([8, 6], to: [6, 8]))
    }

    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name).safetensors").path
    }

    private func mlp() throws -> Sequential {
        let model = Sequential { Dense(16, activation: .relu); Dense(8, activation: .tanh); Dense(3) }
        try model.build(input: [6])
        return model
    }

    private func encoderDecoder() throws -> Sequential {
        let model = Sequential { Dense(4, activation: .relu); Dense(4) }
        try model.build(input: [4])
        return model
    }

    /// The model's predictions for the fixture's inputs equal PyTorch's outputs to 1e-4.
    private func assertOutputs(_ model: Sequential, _ name: String, outputs: String = "outputs",
                               quiet: Bool = false) throws {
        let io = try SafeTensorsFile(path: fixture("\(name).io"))
        guard let inputs = io["inputs"], let expected = io[outputs] else {
            throw LearnError.file("\(name).io lacks inputs or \(outputs)")
        }
        let predicted = try model.predict(io.floats(inputs))
        let want = io.floats(expected)
        XCTAssertEqual(predicted.shape, want.shape)
        let worst = zip(predicted.scalars, want.scalars).map { abs($0 - $1) }.max() ?? .infinity
        if worst > 1e-4 {
            if quiet { throw LearnError.shape("\(name): outputs differ by \(worst)") }
            XCTFail("\(name): outputs differ from PyTorch's by up to \(worst)")
        }
    }

    private func assertLoadFails(_ model: Sequential, _ name: String, names: [String: String] = [:],
                                 contains message: String,
                                 line: UInt = #line) throws {
        let before = model.allParameters.map(\.parameter.variable.value.scalars)
        XCTAssertThrowsError(try model.loadWeights(from: fixture(name), names: names), line: line) {
            XCTAssertTrue("\($0)".contains(message), "\($0)", line: line)
        }
        XCTAssertEqual(model.allParameters.map(\.parameter.variable.value.scalars), before,
                       "a failed load changed weights", line: line)
    }
}

import Foundation
import Tensor
import XCTest
@testable import Learn

/// torchvision's ResNet layout: ResNet-50's parameter count, every key of its state_dict mapped,
/// and a small torchvision ResNet (Bottleneck blocks) giving PyTorch's outputs.
final class TorchvisionResNetTests: XCTestCase {
    private var rng = SeededGenerator(seed: 5)

    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    func testResNet50HasTorchvisionsParameterCount() throws {
        let model = try ResNet.resNet50(classes: 1000, input: [32, 32, 3])
        let summary = try model.summary(input: [32, 32, 3])
        XCTAssertEqual(summary.trainable, 25_557_032, "torchvision.models.resnet50()")
        XCTAssertEqual(summary.total - summary.trainable, 53_120, "moving mean and variance of 26,560 channels")
        XCTAssertEqual(model.layers.filter { $0 is Bottleneck }.count, 16)
        XCTAssertEqual(model.layers.last?.outputShape, [1000])
    }

    func testBottleneckGradientsAndSavedModels() throws {
        let block = Sequential { Bottleneck(planes: 2, stride: 2); Bottleneck(planes: 2) }
        try block.build(input: [4, 4, 3], seed: 1)
        XCTAssertEqual(block.layers.map(\.outputShape), [[2, 2, 8], [2, 2, 8]])
        XCTAssertEqual((block.layers[1] as? Bottleneck)?.downsample.count, 0, "same width and size: identity skip")
        // Fresh batch norms (β = 0, mean 0) map a ReLU's exact zeros to a sum of exactly 0, ReLU's kink, where
        // finite differences are wrong: shift them.
        for (_, p) in block.allParameters where p.name.hasSuffix("beta") || p.name.hasSuffix("moving_mean") {
            try p.variable.value.assign(Tensor.normal(shape: p.variable.shape, std: 0.3, using: &rng))
        }
        let x = randomVariable([3, 4, 4, 3], seed: 2)
        try assertGradientsMatch([x] + block.allParameters.filter(\.parameter.trainable).map(\.parameter.variable),
                                 step: 1e-3) {
            try block.forward(x, context: ForwardContext(tape: $0, training: false))
        }
        let model = try ResNet.model(blocks: [1, 1], widths: [2, 4], bottleneck: true, classes: 3, input: [16, 16, 3])
        let basic = try ResNet.model(blocks: [2, 1], widths: [4, 8], bottleneck: false, classes: 3, input: [16, 16, 3])
        let images = Tensor.normal(shape: [2, 16, 16, 3], using: &rng)
        for net in [model, basic] {
            let path = NSTemporaryDirectory() + "folio-resnet-\(UInt32.random(in: 0 ... .max)).safetensors"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try net.save(to: path)
            let loaded = try Sequential.load(from: path)
            XCTAssertEqual(try loaded.predict(images).scalars, try net.predict(images).scalars)
        }
        XCTAssertTrue(model.allParameters.contains { $0.parameter.name == "downsample_0/kernel" },
                      "\(model.allParameters.map(\.parameter.name))")
    }

    func testEveryKeyOfTorchvisionsResNet50StateDictIsMapped() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("resnet50-keys.json")))
        let shapes = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [Int]])
        XCTAssertEqual(shapes.count, 320)
        let path = NSTemporaryDirectory() + "folio-resnet50-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeStateDict(shapes, to: path)
        let model = try ResNet.resNet50(classes: 1000, input: [32, 32, 3])
        let report = try model.loadWeights(from: path)
        XCTAssertEqual(report.unused, [], "every tensor is used")
        XCTAssertEqual(report.skipped.count, 53, "num_batches_tracked of every batch norm")
        // The modules in torchvision's order: the stem, then each block's convolutions, norms and downsample.
        var expected = ["conv1", "bn1"]
        for (stage, count) in [3, 4, 6, 3].enumerated() {
            for block in 0..<count {
                let prefix = "layer\(stage + 1).\(block)."
                expected += ["conv1", "bn1", "conv2", "bn2", "conv3", "bn3"].map { prefix + $0 }
                if block == 0 { expected += [prefix + "downsample.0", prefix + "downsample.1"] }
            }
        }
        expected.append("fc")
        let modules = report.rows.map { row in
            (row.source.components(separatedBy: ", ").first ?? "").split(separator: ".").dropLast()
                .joined(separator: ".")
        }
        XCTAssertEqual(modules, expected)
    }

    func testSmallTorchvisionResNetGivesPyTorchsOutputs() throws {
        let model = try ResNet.model(blocks: [2, 1, 1, 1], widths: [4, 8, 8, 8], bottleneck: true, classes: 5,
                                     input: [32, 32, 3])
        let report = try model.loadWeights(from: fixture("resnet-small.safetensors"))
        XCTAssertEqual(report.unused, [])
        XCTAssertEqual(report.notes, [], "epsilon matches PyTorch's")
        let io = try SafeTensorsFile(path: fixture("resnet-small.io.safetensors"))
        let inputs = try XCTUnwrap(io["inputs"]), want = try XCTUnwrap(io["probabilities"])
        let logits = io.floats(try XCTUnwrap(io["outputs"]))
        let predicted = try model.predict(io.floats(inputs))
        XCTAssertEqual(predicted.shape, [3, 5])
        let worst = zip(predicted.scalars, io.floats(want).scalars).map { abs($0 - $1) }.max() ?? .infinity
        XCTAssertLessThan(worst, 1e-4, "probabilities differ from PyTorch's")
        let worstLogit = zip(try logitsOf(model, io.floats(inputs)).scalars, logits.scalars).map { abs($0 - $1) }
        print("small torchvision ResNet against PyTorch: probabilities within \(worst), logits within "
              + "\(worstLogit.max() ?? .infinity)")
        XCTAssertLessThan(worstLogit.max() ?? .infinity, 1e-4, "logits differ from PyTorch's")
    }

    /// The model's output before its head's softmax (what the fused cross-entropy uses).
    private func logitsOf(_ model: Sequential, _ x: Tensor) throws -> Tensor {
        let context = ForwardContext(tape: nil, training: false)
        context.wantLogits = true
        return try model.forward(Variable(x), context: context).value
    }

    /// Optional: a full torchvision ResNet-50 written by PyTorch (`resnet50.safetensors` and
    /// `resnet50.io.safetensors` in $FOLIO_RESNET50_DIR), too large to commit.
    func testFullResNet50AgreesWithPyTorchWhenItsFilesAreGiven() throws {
        guard let folder = ProcessInfo.processInfo.environment["FOLIO_RESNET50_DIR"] else {
            throw XCTSkip("set FOLIO_RESNET50_DIR to a folder with resnet50.safetensors and resnet50.io.safetensors")
        }
        let io = try SafeTensorsFile(path: folder + "/resnet50.io.safetensors")
        let inputs = io.floats(try XCTUnwrap(io["inputs"])), want = io.floats(try XCTUnwrap(io["outputs"]))
        let model = try ResNet.resNet50(classes: 1000, input: Array(inputs.shape.dropFirst()))
        try model.loadWeights(from: folder + "/resnet50.safetensors")
        let predicted = try logitsOf(model, inputs)
        let worst = zip(predicted.scalars, want.scalars).map { abs($0 - $1) }.max() ?? .infinity
        let scale = want.scalars.map(abs).max() ?? 1
        print("ResNet-50 against PyTorch: largest logit difference \(worst), largest logit \(scale)")
        XCTAssertLessThan(worst, 1e-4 * max(1, scale))
    }

    /// A safetensors file in state_dict form: each tensor filled with a value of its own.
    private func writeStateDict(_ shapes: [String: [Int]], to path: String) throws {
        var header: [String: Any] = [:], body = Data()
        for (i, (key, shape)) in shapes.sorted(by: { $0.key < $1.key }).enumerated() {
            let count = shape.reduce(1, *), integer = key.hasSuffix("num_batches_tracked")
            let bytes = count * (integer ? 8 : 4)
            header[key] = ["dtype": integer ? "I64" : "F32", "shape": shape,
                           "data_offsets": [body.count, body.count + bytes]]
            if integer { body.append(Data(count: bytes)); continue }
            var values = [Float](repeating: Float(i % 7) * 0.1 + 0.5, count: count)
            values.withUnsafeMutableBytes { body.append(contentsOf: $0) }
        }
        var text = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        text.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8))
        var length = UInt64(text.count).littleEndian
        var file = Data(bytes: &length, count: 8)
        file.append(text); file.append(body)
        try file.write(to: URL(fileURLWithPath: path))
    }
}

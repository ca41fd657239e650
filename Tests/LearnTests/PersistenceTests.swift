import XCTest
import Foundation
import Tensor
@testable import Learn

final class PersistenceTests: XCTestCase {
    func testSaveLoadGivesIdenticalPredictionsAndValidSafetensors() throws {
        let data = try quadrantBlobs(count: 64, seed: 1)
        let model = Sequential {
            Conv2D(3, kernelSize: 3, padding: .same, activation: .relu); BatchNormalization(); AvgPool2D(2)
            Flatten(); Dropout(0.1); Dense(4, activation: .softmax)
        }
        try model.fit(data, epochs: 1, batchSize: 16, seed: 2, progress: nil)
        let path = NSTemporaryDirectory() + "folio-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)

        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(data.inputs).scalars, try model.predict(data.inputs).scalars)
        XCTAssertEqual(try loaded.summary(input: [8, 8, 1]).rows, try model.summary(input: [8, 8, 1]).rows)

        // Format check, independent of our reader: header length, JSON, offsets, F32 data.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let n = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual((8 + n) % 8, 0)
        let header = try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + n))) as! [String: Any]
        let kernel = header["conv2d.kernel"] as! [String: Any]
        XCTAssertEqual(kernel["dtype"] as? String, "F32")
        XCTAssertEqual(kernel["shape"] as? [Int], [3, 3, 1, 3])
        let offsets = kernel["data_offsets"] as! [Int]
        XCTAssertEqual(offsets[1] - offsets[0], 27 * 4)
        let first = bytes.subdata(in: (8 + n + offsets[0])..<(8 + n + offsets[0] + 4))
            .withUnsafeBytes { $0.load(as: Float.self) }
        let own = model.allParameters.first { $0.layer == "conv2d" && $0.parameter.name == "kernel" }!
            .parameter.variable.value[flat: 0]
        XCTAssertEqual(first, own)
        XCTAssertNotNil(header["batch_normalization.moving_variance"])
        let meta = header["__metadata__"] as! [String: String]
        XCTAssertTrue(meta["folio.architecture"]!.contains("\"Conv2D\""))
    }

    func testTheFittedLossIsSavedAndEvaluateUsesItAfterLoading() throws {
        let data = try quadrantBlobs(count: 32, seed: 3)
        let model = Sequential { Flatten(); Dense(4, activation: .softmax) }
        try model.fit(data, epochs: 1, batchSize: 16, loss: .meanSquaredError, seed: 4, progress: nil)
        let path = NSTemporaryDirectory() + "folio-loss-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let meta = try XCTUnwrap(SafeTensorsFile(path: path).metadata["folio.architecture"])
        XCTAssertTrue(meta.contains("\"loss\":\"meanSquaredError\""), meta)

        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(loaded.trainingLoss, .meanSquaredError)
        let squared = try model.evaluate(data, loss: .meanSquaredError).loss
        XCTAssertEqual(try loaded.evaluate(data).loss, squared, accuracy: 1e-9)
        XCTAssertNotEqual(try loaded.evaluate(data, loss: .softmaxCrossEntropy).loss, squared, accuracy: 1e-3)

        // A model never fitted saves no loss and loads with none: evaluate keeps its default rule.
        let fresh = Sequential { Flatten(); Dense(2) }
        try fresh.build(input: [3])
        try FileManager.default.removeItem(atPath: path)
        try fresh.save(to: path)
        XCTAssertFalse(try XCTUnwrap(SafeTensorsFile(path: path).metadata["folio.architecture"]).contains("loss"))
        XCTAssertNil(try Sequential.load(from: path).trainingLoss)
    }

    func testCorruptFilesGiveClearErrors() throws {
        let path = NSTemporaryDirectory() + "folio-bad-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([200, 0, 0, 0, 0, 0, 0, 0, 123]).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Sequential.load(from: path)) {
            XCTAssertTrue("\($0)".contains("exceeds the file size"), "\($0)")
        }
        XCTAssertThrowsError(try Sequential.load(from: path + ".missing")) {
            XCTAssertTrue("\($0)".contains("cannot read"), "\($0)")
        }
        let model = Sequential { Flatten(); Dense(2) }
        try model.build(input: [3])
        XCTAssertThrowsError(try model.save(to: path))  // the damaged file is not a model: never overwritten
        try FileManager.default.removeItem(atPath: path)
        try model.save(to: path)
        let other = Sequential { Flatten(); Dense(3) }
        try other.build(input: [3])
        XCTAssertThrowsError(try other.loadWeights(from: path)) { XCTAssertTrue("\($0)".contains("shape"), "\($0)") }
    }
}

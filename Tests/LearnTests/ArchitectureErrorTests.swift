import XCTest
import Foundation
import Tensor
@testable import Learn

/// A model file whose saved architecture names an unknown layer type or option, or gives an
/// option a value of the wrong kind, fails to load with an error naming the layer and the
/// option — never a crash, never a silently different model.
final class ArchitectureErrorTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        path = NSTemporaryDirectory() + "folio-architecture-\(UUID().uuidString).safetensors"
        try saveModel()
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: path) }

    private func saveModel() throws {
        try? FileManager.default.removeItem(atPath: path)
        let model = Sequential {
            Dense(4, activation: .relu)
            Residual { Dense(4) }
            Bidirectional(LSTM(2))
        }
        try model.build(input: [3, 4], seed: 1)
        try model.save(to: path)
    }

    /// Rewrites the saved architecture's JSON text with `edit`, keeping the weights.
    private func editArchitecture(_ edit: (String) -> String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        var header = try XCTUnwrap(try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + length)))
                                   as? [String: Any])
        var metadata = try XCTUnwrap(header["__metadata__"] as? [String: String])
        metadata["folio.architecture"] = edit(try XCTUnwrap(metadata["folio.architecture"]))
        header["__metadata__"] = metadata
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var file = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        file.append(bytes.subdata(in: (8 + length)..<bytes.count))
        try file.write(to: URL(fileURLWithPath: path))
    }

    private func assertLoadFails(after edit: (String) -> String, mentioning parts: [String],
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        try saveModel()
        try editArchitecture(edit)
        XCTAssertThrowsError(try Sequential.load(from: path), file: file, line: line) { error in
            for part in parts { XCTAssertTrue("\(error)".contains(part), "\(error)", file: file, line: line) }
        }
    }

    /// An edit replacing `text` by `replacement` in the architecture's JSON.
    private func replacing(_ text: String, _ replacement: String) -> (String) -> String {
        { $0.replacingOccurrences(of: text, with: replacement) }
    }

    func testTheUneditedFileLoads() throws {
        try editArchitecture { $0 }
        XCTAssertEqual(try Sequential.load(from: path).layers.map(\.typeName), ["Dense", "Residual", "Bidirectional"])
    }

    func testUnknownTypesAndOptionsAreNamed() throws {
        try assertLoadFails(after: replacing("\"units\":4", "\"units\":4,\"dilation\":2"),
                            mentioning: ["layer 'dense' (Dense)", "unknown option 'dilation'", "units"])
        try assertLoadFails(after: replacing("\"type\":\"LSTM\"", "\"type\":\"LSTMCell\""),
                            mentioning: ["unknown layer type \"LSTMCell\"", "'bidirectional'", "LSTM"])
        try assertLoadFails(after: replacing("\"type\":\"Residual\"", "\"kind\":\"Residual\""),
                            mentioning: ["layer 'residual' has no \"type\""])
    }

    func testWronglyTypedAndOutOfRangeValuesAreNamed() throws {
        try assertLoadFails(after: replacing("\"units\":4", "\"units\":\"four\""),
                            mentioning: ["layer 'dense' (Dense)", "option 'units' must be an integer", "\"four\""])
        try assertLoadFails(after: replacing("\"units\":4", "\"units\":0"),
                            mentioning: ["layer 'dense' (Dense)", "'units' must be at least 1, got 0"])
        try assertLoadFails(after: replacing("\"activation\":\"relu\"", "\"activation\":\"swish\""),
                            mentioning: ["layer 'dense' (Dense)", "'activation' must be one of", "swish"])
        try assertLoadFails(after: replacing("\"useBias\":true", "\"useBias\":1"),
                            mentioning: ["option 'useBias' must be true or false, found 1"])
    }

    func testInnerLayersAreNamedByTheirPlace() throws {
        try assertLoadFails(after: replacing("\"units\":2", "\"units\":2.5"),
                            mentioning: ["layer 1 of 'layers' in layer 'bidirectional' (Bidirectional) (LSTM)",
                                         "option 'units'", "2.5"])
        let lstm = "{\"returnSequences\":false,\"type\":\"LSTM\",\"units\":2}"
        try assertLoadFails(after: replacing(lstm, "{\"type\":\"Dense\",\"units\":2}"),
                            mentioning: ["layer 'bidirectional' (Bidirectional)", "wraps a recurrent layer",
                                         "got Dense"])
    }
}

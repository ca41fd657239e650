import Foundation
import XCTest
@testable import Learn

/// `model.save` used to overwrite any file, the notebook included, in place.
final class ModelSaveSafetyTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "folio-save-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
        super.tearDown()
    }

    private func builtModel() throws -> Sequential {
        let model = Sequential([Dense(3)])
        try model.build(input: [2], seed: 1)
        return model
    }

    func testRefusesToOverwriteANotebookOrAFileThatIsNotAModel() throws {
        let notebook = folder + "/lesson.md", notes = folder + "/notes.txt"
        try "# Lesson\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        try "keep me".write(toFile: notes, atomically: true, encoding: .utf8)
        let model = try builtModel()
        XCTAssertThrowsError(try model.save(to: notebook)) { XCTAssertTrue("\($0)".contains("Markdown file"), "\($0)") }
        XCTAssertThrowsError(try model.save(to: notes)) {
            XCTAssertTrue("\($0)".contains("is not a safetensors model file"), "\($0)")
        }
        XCTAssertEqual(try String(contentsOfFile: notebook, encoding: .utf8), "# Lesson\n")
        XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "keep me")
    }

    func testReplacesAnEarlierModelAtomicallyAndSaysSo() throws {
        let path = folder + "/model.safetensors"
        let model = try builtModel()
        XCTAssertFalse(try model.save(to: path))
        XCTAssertTrue(try model.save(to: path))
        XCTAssertEqual(try Sequential.load(from: path).layers.count, 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testHeaderLengthBeyondTheFileIsAnErrorBeforeReading() throws {
        let path = folder + "/bad.safetensors"
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes[7] = 0x40  // a header of 2^62 bytes
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Sequential.load(from: path)) {
            XCTAssertTrue("\($0)".contains("exceeds the file size 16"), "\($0)")
        }
    }
}

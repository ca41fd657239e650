import CellOutput
import Foundation
import Notebook
import XCTest

/// Parses notebook text that a test expects to be valid, failing the test with the diagnostics if not.
public func parseNotebook(_ text: String, file: String = "test.md", line: UInt = #line) -> Document? {
    do {
        return try NotebookParser.parse(text, file: file)
    } catch {
        XCTFail("notebook did not parse: \(error)", line: line)
        return nil
    }
}

/// Parses notebook text that must be rejected, and returns its diagnostics.
public func notebookDiagnostics(_ text: String, file: String = "test.md", line: UInt = #line) -> [Diagnostic] {
    do {
        _ = try NotebookParser.parse(text, file: file)
        XCTFail("notebook parsed, but an error was expected", line: line)
        return []
    } catch let list as DiagnosticList {
        return list.diagnostics
    } catch {
        XCTFail("unexpected error type: \(error)", line: line)
        return []
    }
}

/// Asserts that `diagnostics` holds one at `line:column` whose message contains `message`.
public func assertDiagnostic(_ diagnostics: [Diagnostic], at lineNumber: Int, _ column: Int? = nil,
                             contains message: String, line: UInt = #line) {
    let match = diagnostics.first { $0.location.line == lineNumber && (column == nil || $0.location.column == column) }
    guard let match else {
        XCTFail("no diagnostic at line \(lineNumber); got: \(diagnostics.map(\.headline))", line: line)
        return
    }
    XCTAssertTrue(match.message.contains(message), "message '\(match.message)' lacks '\(message)'", line: line)
}

/// A fresh temporary folder, removed when the test case ends.
public func temporaryFolder(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("folio-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Writes `text` to `name` under `folder`, making the folders it needs; returns the file's path.
@discardableResult
public func writeFile(in folder: URL, _ name: String, _ text: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

import XCTest
@testable import Script

/// Runs cells in one interpreter and collects their outputs.
final class Session {
    let interp = Interpreter()
    var outputs: [Output] = []

    /// Runs a cell and returns the text it printed or displayed.
    @discardableResult
    func run(_ source: String, firstLine: Int = 1) throws -> String {
        outputs = []
        try interp.run(source, file: "test.md", firstLine: firstLine) { self.outputs.append($0) }
        return outputs.map { if case .text(let t) = $0 { return t }; return "" }.joined()
    }

    /// Runs a cell expected to fail and returns its diagnostic.
    func failure(_ source: String, firstLine: Int = 1, file: StaticString = #filePath,
                 line: UInt = #line) -> Diagnostic? {
        do {
            try run(source, firstLine: firstLine)
            XCTFail("expected an error from:\n\(source)", file: file, line: line)
            return nil
        } catch let d as Diagnostic {
            return d
        } catch {
            XCTFail("expected a Diagnostic, got \(error)", file: file, line: line)
            return nil
        }
    }
}

/// Asserts that a single cell prints exactly `expected`.
func assertOutput(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    do {
        let out = try Session().run(source)
        XCTAssertEqual(out, expected, "source:\n\(source)", file: file, line: line)
    } catch let d as Diagnostic {
        XCTFail("unexpected error: \(d.description)\nsource:\n\(source)", file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

/// Asserts that a cell fails with `message` at `line`:`column` (cell lines start at 1).
func assertError(_ source: String, line errorLine: Int, column: Int, _ message: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard let d = Session().failure(source, file: file, line: line) else { return }
    XCTAssertEqual(d.message, message, "source:\n\(source)", file: file, line: line)
    XCTAssertEqual(d.location.line, errorLine, "line of '\(d.message)'", file: file, line: line)
    XCTAssertEqual(d.location.column, column, "column of '\(d.message)'", file: file, line: line)
}

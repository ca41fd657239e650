import FolioTestSupport
import Notebook
import XCTest

final class CellOptionsTests: XCTestCase {
    func testReadsOptionsAndKeepsLineNumbers() throws {
        let document = try XCTUnwrap(parseNotebook("""
        Intro

        ```swift
        //| label: train
        //| echo: false
        //| output: no
        //| error: true
        //| timeout: 2.5
        let x = 1
        ```
        """))
        let cell = try XCTUnwrap(document.cells.first)
        XCTAssertEqual(cell.firstLine, 4)
        XCTAssertEqual(cell.options.label, "train")
        XCTAssertFalse(cell.options.echo)
        XCTAssertFalse(cell.options.output)
        XCTAssertTrue(cell.options.error)
        XCTAssertEqual(cell.options.timeout, 2.5)
        XCTAssertEqual(cell.displaySource, "let x = 1")
        XCTAssertTrue(cell.source.hasPrefix("//| label: train\n"), "option lines stay in the source so lines map 1:1")
    }

    func testDefaults() throws {
        let cell = try XCTUnwrap(parseNotebook("```swift\nprint(1)\n```\n")?.cells.first)
        XCTAssertEqual(cell.options, CellOptions())
        XCTAssertEqual(cell.displaySource, "print(1)")
    }

    func testLimitOptionsAreCheckedAgainstTheirRanges() throws {
        let cell = try XCTUnwrap(parseNotebook("```swift\n//| timeout: 2.5\n//| memory: 512M\n1\n```\n")?.cells.first)
        XCTAssertEqual(cell.options.timeout, 2.5)
        XCTAssertEqual(cell.options.memory, 512 << 20)
        let diagnostics = notebookDiagnostics("```swift\n//| timeout: 1e16\n//| memory: lots\n1\n```\n")
        assertDiagnostic(diagnostics, at: 2, contains: "'timeout' must be between 0.001 and 604800 seconds")
        assertDiagnostic(diagnostics, at: 3, contains: "'memory' must be a size such as 512M or 4G, not 'lots'")
    }

    func testEveryBadOptionIsReportedAtItsLine() {
        let diagnostics = notebookDiagnostics("""
        # Title

        ```swift
        //| lable: x
        //| echo: maybe
        //| timeout: -1
        //| nonsense
        ```
        """)
        XCTAssertEqual(diagnostics.count, 4)
        assertDiagnostic(diagnostics, at: 4, 1, contains: "unknown cell option 'lable'; did you mean 'label'?")
        assertDiagnostic(diagnostics, at: 5, contains: "'echo' must be true or false, not 'maybe'")
        assertDiagnostic(diagnostics, at: 6, contains: "positive number of seconds")
        assertDiagnostic(diagnostics, at: 7, contains: "must read '//| key: value'")
    }

    func testDuplicateLabels() {
        let diagnostics = notebookDiagnostics("```swift\n//| label: a\n```\n\n```swift\n//| label: a\n```\n")
        assertDiagnostic(diagnostics, at: 6, contains: "duplicate cell label 'a' (already used by the cell at line 2)")
    }
}

/// The options table in the API docs lists every option the parser declares, and no other.
final class CellOptionDocsTests: XCTestCase {
    func testTheDocsListExactlyTheDeclaredOptions() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/notebook-api.md").standardizedFileURL
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try XCTUnwrap(text.components(separatedBy: "## Cell options").dropFirst().first)
            .components(separatedBy: "\n## ")[0]
        let documented = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        XCTAssertEqual(documented, CellOptionSpec.all.map(\.name))
    }
}

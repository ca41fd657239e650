import FolioTestSupport
import Notebook
import XCTest

final class NotebookParserTests: XCTestCase {
    func testSwiftFencesAreCellsAndOtherCodeIsProse() throws {
        let document = try XCTUnwrap(parseNotebook("""
        ---
        title: T
        ---
        # Data

        Some *prose*.

        ```python
        print("shown, not run")
        ```

        ```swift
        let a = 1
        ```

            indented code is prose

        ~~~swift
        let b = 2
        ~~~
        """))
        XCTAssertEqual(document.cells.map(\.source), ["let a = 1", "let b = 2"])
        XCTAssertEqual(document.cells.map(\.firstLine), [13, 19])
        XCTAssertEqual(document.cells.map(\.number), [1, 2])
        guard case .prose(let first) = document.blocks[0] else { return XCTFail("expected prose first") }
        XCTAssertEqual(first.firstLine, 4)
        XCTAssertTrue(first.html.contains("<em>prose</em>"))
        XCTAssertTrue(first.html.contains("language-python"))
        XCTAssertEqual(document.blocks.count, 4)
    }

    func testHeadingsGetUniqueAnchors() throws {
        let document = try XCTUnwrap(parseNotebook("# Results\n\n## Results\n\n## CNN vs. RNN!\n"))
        XCTAssertEqual(document.headings.map(\.id), ["results", "results-2", "cnn-vs-rnn"])
        XCTAssertEqual(document.headings.map(\.level), [1, 2, 2])
        guard case .prose(let prose) = document.blocks[0] else { return XCTFail() }
        XCTAssertTrue(prose.html.contains("<h2 id=\"results-2\">Results</h2>"), prose.html)
    }

    func testRawHTMLIsOffUnlessAllowed() throws {
        let unsafe = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        guard case .prose(let safe)? = parseNotebook(unsafe)?.blocks.first else { return XCTFail() }
        XCTAssertFalse(safe.html.contains("<script>"))
        XCTAssertFalse(safe.html.contains("<b>"))
        guard case .prose(let raw)? = parseNotebook("---\nraw-html: true\n---\n" + unsafe)?.blocks.first else {
            return XCTFail()
        }
        XCTAssertTrue(raw.html.contains("<b>bold</b>"))
    }

    func testUnclosedFenceIsAnError() {
        let diagnostics = notebookDiagnostics("# A\n\n```swift\nlet x = 1\n")
        assertDiagnostic(diagnostics, at: 3, 1, contains: "code fence opened here is never closed")
    }

    func testWindowsLineEndings() throws {
        let document = try XCTUnwrap(parseNotebook("# A\r\n\r\n```swift\r\nlet x = 1\r\n```\r\n"))
        XCTAssertEqual(document.cells.first?.source, "let x = 1")
        XCTAssertEqual(document.cells.first?.firstLine, 4)
    }

    func testEmptyCell() throws {
        let document = try XCTUnwrap(parseNotebook("```swift\n```\n"))
        XCTAssertEqual(document.cells.first?.source, "")
    }
}

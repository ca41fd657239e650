import FolioTestSupport
import Notebook
import XCTest

/// Prose keeps its Markdown as written (for the `.ipynb` export), with a piece for each `{swift}` value.
final class ProseMarkdownTests: XCTestCase {
    private func prose(_ text: String) throws -> [Prose] {
        try XCTUnwrap(parseNotebook(text)).blocks.compactMap { block in
            if case .prose(let prose) = block { return prose } else { return nil }
        }
    }

    func testProseBetweenCellsKeepsItsLinesAndMarksEachValue() throws {
        let blocks = try prose("""
        # A

        Plain `code`, ``{swift} a + 1`` and `{swift} b`.

        ```swift
        let a = 1
        ```

        [r]: https://example.org
        After `` ` `` and `{swift} a`.
        """)
        XCTAssertEqual(blocks.count, 2)
        XCTAssertEqual(blocks[0].markdown, [.text("# A\n\nPlain `code`, "), .inlineValue(0), .text(" and "),
                                            .inlineValue(1), .text(".")])
        XCTAssertEqual(blocks[1].markdown, [.text("[r]: https://example.org\nAfter `` ` `` and "), .inlineValue(2),
                                            .text(".")], "link definitions kept; the cell's lines are not prose")
    }

    func testAValueTheScanCannotPlaceLeavesTheTextWhole() throws {
        // In an HTML block backticks are no code span to cmark, though the scan sees one: the counts
        // differ, so the text stays as written rather than a value landing in the wrong place.
        let blocks = try prose("<div>\n`{swift} 1`\n</div>\n\nText `{swift} 2`.\n")
        XCTAssertEqual(blocks.first?.markdown, [.text("<div>\n`{swift} 1`\n</div>\n\nText `{swift} 2`.")])
    }
}

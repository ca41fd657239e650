import FolioTestSupport
import Notebook
import XCTest

/// Markdown nested as deep as it is long must not overflow the stack (issue #10).
final class DeepMarkdownTests: XCTestCase {
    func testHeadingWithDeeplyNestedEmphasisGetsAnAnchor() throws {
        let markers = String(repeating: "*", count: 200_000)
        let document = try XCTUnwrap(parseNotebook("# " + markers + "deep" + markers + "\n"))
        XCTAssertEqual(document.headings.map(\.id), ["deep"])
    }
}

import CellOutput
import FolioTestSupport
import Notebook
import Report
import XCTest

/// A notebook that uses `<script>` everywhere user text can go must show those characters and run nothing.
final class EscapingTests: XCTestCase {
    let attack = "<script>alert(1)</script>"

    func testUserTextIsEscapedEverywhere() throws {
        let document = try XCTUnwrap(parseNotebook("""
        ---
        title: "\(attack)"
        author: "\(attack)"
        params:
          note: "\(attack)"
        ---
        # Heading \(attack)

        ```swift
        //| label: x"><script>
        print("\(attack)")
        ```
        """))
        let table = Table(title: attack, header: [attack], rows: [[attack]])
        let diagnostic = Diagnostic(at: SourceLocation(file: attack, line: 1, column: 1), attack, sourceLine: attack)
        let run = makeRun(document, [CellRun(status: .failedAsAllowed(diagnostic),
                                             outputs: [.text(attack), .table(table), .markdown(attack)])])
        let html = HTMLReport.render(run)
        XCTAssertFalse(html.contains("<script"), "an unescaped <script> reached the report")
        XCTAssertTrue(html.contains("x&quot;&gt;&lt;script&gt;"), "the label shows as text")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    func testPageForbidsScriptsUnlessRawHTMLIsAllowed() throws {
        let safe = HTMLReport.render(makeRun(try XCTUnwrap(parseNotebook("# A\n"))))
        XCTAssertTrue(safe.contains("Content-Security-Policy"))
        let raw = HTMLReport.render(makeRun(try XCTUnwrap(parseNotebook("---\nraw-html: true\n---\n# A\n"))))
        XCTAssertFalse(raw.contains("Content-Security-Policy"))
    }
}

import CellOutput
import XCTest

final class DiagnosticTests: XCTestCase {
    func testRendersLikeSwiftc() {
        let diagnostic = Diagnostic(at: SourceLocation(file: "notebooks/x.md", line: 42, column: 9),
                                    "cannot find 'Conv2d' in scope; did you mean 'Conv2D'?",
                                    sourceLine: "let m = Conv2d(32)", length: 6)
        XCTAssertEqual(diagnostic.description, """
        notebooks/x.md:42:9: error: cannot find 'Conv2d' in scope; did you mean 'Conv2D'?
        let m = Conv2d(32)
                ^~~~~~
        """)
    }

    func testCaretFollowsTabsAndNeedsNoSourceLine() {
        let tabbed = Diagnostic(at: SourceLocation(file: "t.md", line: 1, column: 2), "bad", sourceLine: "\tx")
        XCTAssertTrue(tabbed.description.hasSuffix("\tx\n\t^"))
        let bare = Diagnostic(.warning, at: SourceLocation(file: "t.md", line: 3, column: 1), "careful")
        XCTAssertEqual(bare.description, "t.md:3:1: warning: careful")
    }

    func testTablePlainTextAlignsNumbersRight() {
        let table = Table(title: "T", header: ["model", "acc"], rows: [["cnn", "0.99"], ["mlp-long", "0.8"]],
                          numericColumns: [1])
        XCTAssertEqual(table.plainText,
                       "T\nmodel      acc\n────────  ────\ncnn       0.99\nmlp-long   0.8")
    }
}

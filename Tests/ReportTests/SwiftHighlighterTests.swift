import CellOutput
@testable import Report
import XCTest

final class SwiftHighlighterTests: XCTestCase {
    func testMarksTokenKinds() {
        let html = SwiftHighlighter.html("let m = Dense(64, activation: .relu) // head\nprint(\"a<b\")")
        XCTAssertTrue(html.contains("<span class=\"k\">let</span>"))
        XCTAssertTrue(html.contains("<span class=\"t\">Dense</span>"))
        XCTAssertTrue(html.contains("<span class=\"n\">64</span>"))
        XCTAssertTrue(html.contains(".<span class=\"m\">relu</span>"))
        XCTAssertTrue(html.contains("<span class=\"c\">// head</span>"))
        XCTAssertTrue(html.contains("<span class=\"s\">&quot;a&lt;b&quot;</span>"))
    }

    func testUnterminatedTokensNeverFail() {
        for source in ["\"open", "/* open", "x.", "\\", ""] {
            XCTAssertFalse(SwiftHighlighter.html(source).contains("<span class=\"s\">\"") && source.isEmpty)
            XCTAssertEqual(SwiftHighlighter.html(source).replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression),
                           escapeMarkup(source))
        }
    }
}

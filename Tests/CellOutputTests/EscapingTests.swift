import CellOutput
import XCTest

final class EscapingTests: XCTestCase {
    func testEscapesMarkupCharactersAndBothQuotes() {
        XCTAssertEqual(escapeMarkup("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        XCTAssertEqual(escapeMarkup("naïve · ✓"), "naïve · ✓")
    }

    func testControlCharactersThatXMLForbidsBecomeSpaces() {
        XCTAssertEqual(escapeMarkup("bell\u{7}"), "bell ")
        XCTAssertEqual(escapeMarkup("tab\tline\nreturn\r"), "tab\tline\nreturn\r")
    }
}

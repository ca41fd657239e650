import CellOutput
import Foundation
@testable import Report
import XCTest

final class SwiftHighlighterTests: XCTestCase {
    func testMarksTokenKinds() {
        let html = SwiftHighlighter.html("let m = Dense(64, activation: .relu) // head\nprint(\"a<b\", m.count, 2.5)")
        XCTAssertTrue(html.contains("<span class=\"k\">let</span>"))
        XCTAssertTrue(html.contains("<span class=\"t\">Dense</span>"))
        XCTAssertTrue(html.contains("<span class=\"n\">64</span>"))
        XCTAssertTrue(html.contains("<span class=\"n\">2.5</span>"))
        XCTAssertTrue(html.contains(".<span class=\"m\">relu</span>"))
        XCTAssertTrue(html.contains("m.count"), "a member of a value is not an implicit member")
        XCTAssertTrue(html.contains("<span class=\"c\">// head</span>"))
        XCTAssertTrue(html.contains("<span class=\"s\">&quot;a&lt;b&quot;</span>"))
    }

    func testBrokenCodeStillShows() {
        XCTAssertEqual(SwiftHighlighter.html("let s = \"open\nx"),
                       "<span class=\"k\">let</span> s = <span class=\"s\">&quot;open</span>\nx")
        XCTAssertEqual(SwiftHighlighter.html("a § b"), "a § b")
        XCTAssertEqual(SwiftHighlighter.html("x /* open\nlet"), "x <span class=\"c\">/* open\nlet</span>")
    }

    /// The text of the highlighted HTML, tags stripped and entities unescaped.
    static func text(of html: String) -> String {
        html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every character of the source shows exactly once, whether or not the code lexes: over
    /// generated inputs (valid, unterminated, stray characters, non-ASCII) and whole notebooks.
    func testHighlightedTextIsTheSourceForAnyInput() throws {
        let pieces = [
            "let", "x", " ", "\n", "\t", "\"", "\"abc\"", "\"\\(x + 1)\"", "\\(", "\\", "/*", "*/", "//", ".relu",
            ".", "3.5e", "0x", "0xZZ", "12", "99999999999999999999999", "§", "é", "👍🏽", "<", "&", "'", "\r\n",
            "$", "$0", "#", "@", "Dense(", ")", "]", "\"\"\"", "as?", "ü_1", "{", "}", "?",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var sources = (0..<3000).map { _ in (0..<(1 + next(12))).map { _ in pieces[next(pieces.count)] }.joined() }
        let notebooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../notebooks").standardized
        for name in try FileManager.default.contentsOfDirectory(atPath: notebooks.path) where name.hasSuffix(".md") {
            sources.append(try String(contentsOf: notebooks.appendingPathComponent(name), encoding: .utf8))
        }
        for source in sources {
            let html = SwiftHighlighter.html(source)
            XCTAssertEqual(Self.text(of: html), source, "source: \(source.debugDescription)\nhtml: \(html)")
            XCTAssertFalse(html.contains("<span class=\"s\"></span>"), "empty span for \(source.debugDescription)")
        }
        XCTAssertEqual(SwiftHighlighter.html("a\u{01}b"), "a b", "control characters show as spaces, as everywhere")
    }
}

import XCTest
@testable import CellOutput

/// `joiningText`: each run of consecutive text outputs (a run of prints) becomes one, in order, and every
/// other output stays where it was, between the runs it separates.
final class JoiningTextTests: XCTestCase {
    func testRunsOfTextJoinAndOtherOutputsSeparateThem() {
        let outputs: [Output] = [.text("a\n"), .text("b\n"), .markdown("m"), .text("c"), .svg("<svg/>", title: "t"),
                                 .markdown("n"), .text("d"), .text("e"), .text("f")]
        XCTAssertEqual(outputs.joiningText, [.text("a\nb\n"), .markdown("m"), .text("c"), .svg("<svg/>", title: "t"),
                                             .markdown("n"), .text("def")])
        XCTAssertEqual([Output]().joiningText, [])
        XCTAssertEqual([Output.markdown("x")].joiningText, [.markdown("x")])
    }

    /// A flood of prints (the hostile notebook's 40,000 lines) joins into the one text it printed.
    func testAFloodOfPrintsJoinsIntoOneText() {
        let line = String(repeating: "x", count: 99) + "\n"
        let joined = [Output](repeating: .text(line), count: 40_000).joiningText
        XCTAssertEqual(joined.count, 1)
        guard case .text(let text)? = joined.first else { return XCTFail("not a text: \(joined)") }
        XCTAssertEqual(text.utf8.count, 4_000_000)
        XCTAssertTrue(text.hasPrefix(line) && text.hasSuffix(line))
    }
}

import XCTest
@testable import Script

final class OutputTests: XCTestCase {
    func testPrintSeparatorAndTerminator() throws {
        let s = Session()
        try s.run("print(1, \"a\", [\"b\"], separator: \", \", terminator: \"!\")")
        XCTAssertEqual(s.outputs, [.text("1, a, [\"b\"]!")])
    }

    func testTableFromRows() throws {
        let s = Session()
        try s.run("table([[\"cnn\", 0.91234567, 3], [\"rnn\", 0.5, 12]], header: [\"model\", \"acc\", \"epochs\"], "
                  + "title: \"Results\")")
        XCTAssertEqual(s.outputs, [.table(Table(title: "Results", header: ["model", "acc", "epochs"],
                                               rows: [["cnn", "0.9123", "3"], ["rnn", "0.5", "12"]],
                                               numericColumns: [1, 2]))])
    }

    func testTableFromDictionaryAndMarkdown() throws {
        let s = Session()
        try s.run("table([\"lr\": 0.001, \"batch\": 64])\nmarkdown(\"**bold** <b>\")")
        XCTAssertEqual(s.outputs, [
            .table(Table(header: ["key", "value"], rows: [["lr", "0.001"], ["batch", "64"]], numericColumns: [1])),
            .markdown("**bold** <b>"),
        ])
    }

    func testTableRowLengthMismatchIsAnError() {
        XCTAssertEqual(Session().failure("table([[1, 2]], header: [\"a\"])")?.message,
                       "table row 0 has 2 cells but the header has 1 columns")
    }

    func testDisplayAnywhereKeepsOrder() throws {
        let s = Session()
        try s.run("display([1, 2])\nprint(\"x\")\ndisplay(\"s\", 2.5)\n42")
        XCTAssertEqual(s.outputs, [.text("[1, 2]\n"), .text("x\n"), .text("s\n"), .text("2.5\n"), .text("42\n")])
    }

    /// `table` shows itself and returns `()`, which neither `display` nor a cell's last line shows.
    func testDisplayOfATableShowsOnlyTheTable() throws {
        let s = Session()
        let table = Output.table(Table(header: ["a"], rows: [["1"]], numericColumns: [0]))
        try s.run("display(table([[1]], header: [\"a\"]))")
        XCTAssertEqual(s.outputs, [table])
        try s.run("print(\"x\")\ntable([[1]], header: [\"a\"])")
        XCTAssertEqual(s.outputs, [.text("x\n"), table])
    }

    func testManySmallCellsAreFast() throws {
        // Not a timing assertion: 500 cells must simply run and keep their state.
        let s = Session()
        try s.run("var n = 0")
        for i in 0..<500 { try s.run("n += \(i % 3)\nlet v\(i) = n", firstLine: 10 + i * 4) }
        XCTAssertEqual(try s.run("n"), "\((0..<500).map { $0 % 3 }.reduce(0, +))\n")
    }
}

import CellOutput
import FolioTestSupport
import Notebook
import Report
import XCTest

final class HTMLReportTests: XCTestCase {
    let notebook = """
    ---
    title: Digits
    subtitle: CNN vs RNN
    author: Ada
    date: 2026-11-21
    params:
      epochs: 2
    ---
    # Data

    ```swift
    let x = 1
    ```

    ## Model

    ```swift
    //| echo: false
    print(x)
    ```

    ```swift
    //| output: false
    print("hidden")
    ```

    ```swift
    print("never")
    ```
    """

    func testStructureTitleTocCellsAndFooter() throws {
        let document = try XCTUnwrap(parseNotebook(notebook))
        let failure = Diagnostic(at: SourceLocation(file: "d.md", line: 27, column: 1), "boom",
                                 sourceLine: "print(\"hidden\")")
        let run = makeRun(document, [
            CellRun(status: .succeeded, outputs: [.text("a\n"), .text("b\n")], seconds: 0.002),
            CellRun(status: .succeeded, outputs: [.text("1\n")], seconds: 0.5),
            CellRun(status: .failed(failure), outputs: [.text("hidden\n")], seconds: 2.25),
            CellRun(status: .notRun),
        ], seed: 7)
        let html = HTMLReport.render(run)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>Digits</title>"))
        XCTAssertTrue(html.contains("<p class=\"subtitle\">CNN vs RNN</p>"))
        XCTAssertTrue(html.contains("<p class=\"byline\">Ada · 2026-11-21</p>"))
        XCTAssertTrue(html.contains("<a href=\"#data\">Data</a>") && html.contains("<a href=\"#model\">Model</a>"),
                      "table of contents")
        XCTAssertTrue(html.contains("<pre class=\"out\">a\nb</pre>"), "consecutive prints share one block")
        XCTAssertEqual(html.components(separatedBy: "<details class=\"code\"").count - 1, 3,
                       "echo: false hides one cell's code")
        XCTAssertFalse(html.contains("<pre class=\"out\">hidden</pre>"), "output: false hides outputs")
        XCTAssertTrue(html.contains("d.md:27:1: error: boom"), "the error shows even with output: false")
        XCTAssertTrue(html.contains("Cell 3 failed"), "the title block says which cell stopped the run")
        XCTAssertTrue(html.contains("Not run: an earlier cell failed."))
        XCTAssertTrue(html.contains("<dt>Seed</dt><dd>7</dd>"))
        XCTAssertTrue(html.contains("<dt>Parameters</dt><dd>epochs = 2</dd>"))
        XCTAssertTrue(html.contains("2.2 s") || html.contains("2.3 s"), "per-cell time")
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the page needs no network")
    }

    func testTablesAlignNumbers() throws {
        let document = try XCTUnwrap(parseNotebook("```swift\n1\n```\n"))
        let table = Table(header: ["model", "acc"], rows: [["cnn", "0.99"]], numericColumns: [1])
        let html = HTMLReport.render(makeRun(document, [CellRun(status: .succeeded, outputs: [.table(table)])]))
        XCTAssertTrue(html.contains("<th class=\"num\">acc</th>"))
        XCTAssertTrue(html.contains("<td>cnn</td><td class=\"num\">0.99</td>"))
    }

    func testNoSeedSaysFreshRandomness() throws {
        let html = HTMLReport.render(makeRun(try XCTUnwrap(parseNotebook("# A\n"))))
        XCTAssertTrue(html.contains("none (fresh randomness)"))
    }

    func testMarkdownOutputIsRenderedSafely() throws {
        let document = try XCTUnwrap(parseNotebook("```swift\n1\n```\n"))
        let html = HTMLReport.render(makeRun(document,
                                             [CellRun(status: .succeeded, outputs: [.markdown("**bold** <i>x</i>")])]))
        XCTAssertTrue(html.contains("<strong>bold</strong>"))
        XCTAssertFalse(html.contains("<i>x</i>"))
    }
}

import CellOutput
import FolioTestSupport
import Foundation
import Notebook
import Report
import XCTest

/// The `.ipynb` export read back as JSON: cells, outputs, counts, ids and metadata as nbformat 4.5 has them.
/// (`ExportTests` in RunnerTests checks a rendered file with Jupyter's own validator and nbconvert.)
final class IpynbWriterTests: XCTestCase {
    let notebook = """
    ---
    title: Digits
    author: [Ada, Grace]
    date: 2026-11-21
    params:
      epochs: 2
    ---
    # Data

    We have `{swift} count` rows, a [link][ref] and `{swift} price`.

    [ref]: https://example.org

    ```swift
    //| label: load
    let x = 1
    ```

    ```swift
    table(x)
    ```

    ```swift
    //| echo: false
    chart()
    ```

    ```swift
    //| error: true
    nope
    ```

    ```swift
    boom
    ```

    ```swift
    print("never")
    ```

    After: `{swift} later`.
    """

    let failure = Diagnostic(at: SourceLocation(file: "d.md", line: 30, column: 1), "boom", sourceLine: "boom")
    let allowed = Diagnostic(at: SourceLocation(file: "d.md", line: 26, column: 1), "no 'nope'", sourceLine: "nope")
    let table = Table(title: "Scores", header: ["model", "acc"], rows: [["cnn", "0.99"]], numericColumns: [1])

    private func exported() throws -> (text: String, json: [String: Any]) {
        let document = try XCTUnwrap(parseNotebook(notebook))
        var run = makeRun(document, [
            CellRun(status: .succeeded, outputs: [.text("a\n"), .text("b\n")]),
            CellRun(status: .succeeded, outputs: [.table(table), .markdown("**bold**")]),
            CellRun(status: .succeeded, outputs: [.svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", title: "Loss")]),
            CellRun(status: .failedAsAllowed(allowed)),
            CellRun(status: .failed(failure), outputs: [.text("partial\u{1}\n")]),
            CellRun(status: .notRun),
        ], seed: 7)
        run.inlineValues = [.shown("1,000"), .shown("$5 *net*"), .notRun]
        let text = IpynbWriter.render(run)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return (text, try XCTUnwrap(json, "the export is a JSON object"))
    }

    private func cells(_ json: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(json["cells"] as? [[String: Any]])
    }

    private func joined(_ value: Any?) -> String { (value as? [String])?.joined() ?? (value as? String ?? "") }

    func testCellsAlternateProseAndCodeWithUniqueIdsAndRunCounts() throws {
        let (_, json) = try exported()
        XCTAssertEqual(json["nbformat"] as? Int, 4)
        XCTAssertEqual(json["nbformat_minor"] as? Int, 5)
        let cells = try cells(json)
        XCTAssertEqual(cells.map { $0["cell_type"] as? String },
                       ["markdown", "code", "code", "code", "code", "code", "code", "markdown"])
        let ids = cells.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.count, cells.count, "every cell has an id (nbformat 4.5)")
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        for id in ids {
            XCTAssertNotNil(id.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression), id)
        }
        let counts = cells.filter { $0["cell_type"] as? String == "code" }.map { $0["execution_count"] }
        XCTAssertEqual(counts.prefix(5).map { $0 as? Int }, [1, 2, 3, 4, 5], "cells that ran count 1…n")
        XCTAssertTrue(counts.last is NSNull, "a cell that never ran has a null count")
        XCTAssertEqual(joined(cells[1]["source"]), "//| label: load\nlet x = 1", "the source, options included")
        let metadata = try XCTUnwrap(cells[1]["metadata"] as? [String: Any])
        XCTAssertEqual((metadata["folio"] as? [String: Any])?["label"] as? String, "load")
        let hidden = (cells[3]["metadata"] as? [String: Any])?["jupyter"] as? [String: Any]
        XCTAssertEqual(hidden?["source_hidden"] as? Bool, true, "echo: false hides the source")
    }

    func testProseIsItsMarkdownWithTheValuesFilledIn() throws {
        let cells = try cells(try exported().json)
        let first = joined(cells[0]["source"])
        XCTAssertEqual(first, "# Data\n\nWe have 1,000 rows, a [link][ref] and \\$5 \\*net\\*.\n\n"
                       + "[ref]: https://example.org", "values escaped for Markdown; link definitions kept")
        XCTAssertEqual(joined(cells[7]["source"]), "After: `{swift} later`.", "a value never reached shows its code")
    }

    func testOutputsUseJupyterMimeTypes() throws {
        let cells = try cells(try exported().json)
        func outputs(_ index: Int) -> [[String: Any]] { cells[index]["outputs"] as? [[String: Any]] ?? [] }

        XCTAssertEqual(outputs(1).count, 1, "consecutive prints share one stream")
        XCTAssertEqual(outputs(1).first?["output_type"] as? String, "stream")
        XCTAssertEqual(outputs(1).first?["name"] as? String, "stdout")
        XCTAssertEqual(joined(outputs(1).first?["text"]), "a\nb\n")

        let tableData = try XCTUnwrap(outputs(2).first?["data"] as? [String: Any])
        XCTAssertEqual(outputs(2).first?["output_type"] as? String, "display_data")
        XCTAssertTrue(joined(tableData["text/html"]).contains("<td>cnn</td><td class=\"num\">0.99</td>"))
        XCTAssertEqual(joined(tableData["text/plain"]), table.plainText)
        XCTAssertEqual(joined((outputs(2).last?["data"] as? [String: Any])?["text/markdown"]), "**bold**")

        let chart = try XCTUnwrap(outputs(3).first?["data"] as? [String: Any])
        XCTAssertEqual(joined(chart["image/svg+xml"]), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        XCTAssertEqual(joined(chart["text/plain"]), "Loss")

        let allowedError = try XCTUnwrap(outputs(4).first)
        XCTAssertEqual(allowedError["output_type"] as? String, "error")
        XCTAssertEqual(allowedError["evalue"] as? String, "no 'nope'")
        XCTAssertEqual((allowedError["traceback"] as? [String])?.first, "This cell is expected to fail (error: true).")

        XCTAssertEqual(outputs(5).map { $0["output_type"] as? String }, ["stream", "error"], "output, then the error")
        XCTAssertEqual(joined(outputs(5).first?["text"]), "partial\u{1}\n", "control characters survive as JSON")
        XCTAssertEqual(outputs(5).last?["traceback"] as? [String], failure.description.components(separatedBy: "\n"))
        XCTAssertTrue(outputs(6).isEmpty, "a cell that never ran has no outputs")
    }

    func testMetadataNamesFolioAndCarriesTheFrontMatter() throws {
        let metadata = try XCTUnwrap(try exported().json["metadata"] as? [String: Any])
        XCTAssertEqual(metadata["kernelspec"] as? [String: String],
                       ["name": "folio", "display_name": "Folio (Swift)", "language": "swift"])
        XCTAssertEqual(metadata["language_info"] as? [String: String], ["name": "swift"])
        XCTAssertEqual(metadata["title"] as? String, "Digits")
        XCTAssertEqual((metadata["authors"] as? [[String: String]])?.compactMap { $0["name"] }, ["Ada", "Grace"])
        let folio = try XCTUnwrap(metadata["folio"] as? [String: Any])
        XCTAssertEqual(folio["date"] as? String, "2026-11-21")
        XCTAssertEqual(folio["seed"] as? Int, 7)
        XCTAssertEqual((folio["params"] as? [String: Any])?["epochs"] as? Int, 2)
    }

    func testTheSameRunGivesTheSameBytesWithSortedKeys() throws {
        let first = try exported().text
        XCTAssertEqual(first, try exported().text)
        XCTAssertTrue(first.hasPrefix("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n"
                                      + "   \"id\": \"prose-1\","), "Jupyter's layout: one-space indent, keys in order")
        XCTAssertTrue(first.hasSuffix("\"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"))
        XCTAssertFalse(first.contains("\\/"), "slashes in SVG and HTML stay as they are")
    }

    func testOutputFalseHidesOutputsButNotTheError() throws {
        let document = try XCTUnwrap(parseNotebook("```swift\n//| output: false\nprint(1)\nboom\n```\n"))
        let run = makeRun(document, [CellRun(status: .failed(failure), outputs: [.text("1\n")])])
        let json = try JSONSerialization.jsonObject(with: Data(IpynbWriter.render(run).utf8)) as? [String: Any]
        let cell = try XCTUnwrap((json?["cells"] as? [[String: Any]])?.first)
        XCTAssertEqual((cell["outputs"] as? [[String: Any]])?.map { $0["output_type"] as? String }, ["error"])
    }
}

import CellOutput
import FolioTestSupport
import Notebook
import Report
import Runner
import XCTest

/// Values in prose: `` `{swift} expression` `` shows the expression's value where it is written,
/// computed after the cells above it; its errors point at the prose's line and column.
final class InlineValueTests: XCTestCase {
    private let notebook = """
    ---
    title: Values
    ---

    Before any cell: `{swift} 2 + 3`.

    ```swift
    var accuracy = 0.91234
    let name = "CNN"
    ```

    The `{swift} name` reaches `{swift} percent(accuracy)` (``{swift} percent(accuracy, digits: 2)``);
    plain code `x + 1` stays code.

    ```swift
    accuracy = 0.5
    ```

    Now `{swift} accuracy`, and `{swift} accuracy > 0.9`.
    """

    func testExpressionsAreFoundWithTheirPlaces() throws {
        let document = try NotebookParser.parse(notebook, file: "v.md")
        let found = document.inlineExpressions
        XCTAssertEqual(found.map(\.source), ["2 + 3", "name", "percent(accuracy)", "percent(accuracy, digits: 2)",
                                             "accuracy", "accuracy > 0.9"])
        XCTAssertEqual(found.map(\.index), Array(0..<6))
        XCTAssertEqual(found.map(\.line), [5, 12, 12, 12, 19, 19])
        // Columns of each expression's first character on its line.
        XCTAssertEqual(found[1].column, 14)
        XCTAssertEqual(found[2].column, 37)
        XCTAssertEqual(found[3].column, 67)
        XCTAssertEqual(found[1].lineText.prefix(14), "The `{swift} n")
    }

    func testValuesAreComputedAfterTheCellsAboveAndShownInPlace() throws {
        let run = try runNotebook(notebook, file: "v.md")
        XCTAssertEqual(run.inlineValues, [.shown("5"), .shown("CNN"), .shown("91.2%"), .shown("91.23%"),
                                          .shown("0.5"), .shown("false")])
        XCTAssertNil(run.failure)
        let html = HTMLReport.render(run)
        XCTAssertTrue(html.contains("The <span class=\"inline-value\">CNN</span> reaches "
                                    + "<span class=\"inline-value\">91.2%</span>"), html)
        XCTAssertTrue(html.contains("plain code <code>x + 1</code> stays code"))
        XCTAssertFalse(html.contains("folio-inline"), "no token or placeholder is left in the report")
    }

    func testAnErrorPointsAtTheProseAndFailsTheRun() throws {
        let text = notebook.replacingOccurrences(of: "`{swift} name`", with: "`{swift} nmae`")
            .replacingOccurrences(of: "Now `{swift} accuracy`", with: "Now `{swift} [accuracy]`")
        let run = try runNotebook(text, file: "v.md")
        guard case .failed(let missing) = run.inlineValues[1], case .failed(let array) = run.inlineValues[4] else {
            return XCTFail("expected two failures: \(run.inlineValues)")
        }
        XCTAssertEqual(missing.description, """
        v.md:12:14: error: cannot find 'nmae' in scope; did you mean 'name'?
        The `{swift} nmae` reaches `{swift} percent(accuracy)` (``{swift} percent(accuracy, digits: 2)``);
                     ^~~~
        """)
        XCTAssertTrue(array.message.contains("must be a number, text or Bool"), array.message)
        XCTAssertEqual(array.location.line, 19)
        XCTAssertEqual(run.failure, missing)
        XCTAssertTrue(HTMLReport.render(run).contains("<a href=\"#inline-1\">A value in the prose failed</a>"))
        XCTAssertEqual(run.inlineValues[2], .shown("91.2%"), "one failure does not stop the others")
    }

    func testAfterAFailedCellTheProseIsNotRun() throws {
        let text = notebook.replacingOccurrences(of: "accuracy = 0.5", with: "accuracy = 1 / 0")
        let run = try runNotebook(text, file: "v.md")
        XCTAssertEqual(run.inlineValues.suffix(2), [.notRun, .notRun])
        XCTAssertTrue(HTMLReport.render(run).contains("<code class=\"inline-not-run\""))
    }

    func testCheckFindsSyntaxErrorsInProse() throws {
        let text = notebook.replacingOccurrences(of: "`{swift} 2 + 3`", with: "`{swift} 2 + `")
        let document = try NotebookParser.parse(text, file: "v.md")
        let problems = NotebookRunner.check(document)
        XCTAssertEqual(problems.map(\.location.line), [5], "\(problems)")
    }

    func testLargeWholeNumbersAreGroupedAsInProse() throws {
        let run = try runNotebook("""
        ```swift
        let weights = 93322
        ```

        `{swift} weights`, `{swift} -1250000`, `{swift} 2026`, `{swift} 512`, `{swift} 10000`.
        """)
        XCTAssertEqual(run.inlineValues, [.shown("93,322"), .shown("-1,250,000"), .shown("2026"), .shown("512"),
                                          .shown("10,000")])
    }

    func testPercentFormatsFractions() throws {
        let run = try runNotebook("""
        ```swift
        print(percent(0.5), percent(0.12345, digits: 2), percent(1, digits: 0))
        ```
        """)
        XCTAssertEqual(run.allText, "50.0% 12.35% 100%\n")
    }
}

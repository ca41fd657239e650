import CellOutput
import Notebook
import XCTest

/// Cell options whose value is `params.name`: set from the front matter's defaults when the
/// notebook is read, set again after `-p` overrides, and refused at their own line.
final class ParameterOptionTests: XCTestCase {
    private let notebook = """
    ---
    params:
      fullOutput: false
      showCode: true
      seconds: 30
    ---

    ```swift
    //| echo: params.showCode
    //| output: params.fullOutput
    //| timeout: params.seconds
    print("details")
    ```
    """

    func testOptionsTakeTheDefaultsThenTheOverrides() throws {
        var document = try NotebookParser.parse(notebook, file: "p.md")
        var options = try XCTUnwrap(document.cells.first).options
        XCTAssertTrue(options.echo)
        XCTAssertFalse(options.output)
        XCTAssertEqual(options.timeout, 30)
        try document.applyOverrides([("fullOutput", "true"), ("showCode", "false"), ("seconds", "5")])
        options = try XCTUnwrap(document.cells.first).options
        XCTAssertFalse(options.echo)
        XCTAssertTrue(options.output)
        XCTAssertEqual(options.timeout, 5)
    }

    func testAnUnknownParameterIsRefusedAtItsLine() {
        let text = notebook.replacingOccurrences(of: "params.fullOutput", with: "params.fullOutpt")
        XCTAssertThrowsError(try NotebookParser.parse(text, file: "p.md")) { error in
            XCTAssertEqual((error as? DiagnosticList)?.diagnostics.map(\.location.line), [10])
            XCTAssertTrue("\(error)".contains("p.md:10:1: error: cell option 'output' names an unknown parameter "
                                              + "'fullOutpt'; did you mean 'fullOutput'?"), "\(error)")
        }
    }

    func testAParameterOfTheWrongTypeIsRefusedWithItsValue() {
        let text = notebook.replacingOccurrences(of: "//| echo: params.showCode", with: "//| echo: params.seconds")
        XCTAssertThrowsError(try NotebookParser.parse(text, file: "p.md")) { error in
            XCTAssertTrue("\(error)".contains("p.md:9:1: error: params.seconds is Int 30: cell option 'echo' "
                                              + "must be true or false, not '30'"), "\(error)")
        }
    }

    func testAnOverrideTheOptionRefusesIsAnErrorAtTheOptionsLine() throws {
        var document = try NotebookParser.parse(notebook, file: "p.md")
        XCTAssertThrowsError(try document.applyOverrides([("seconds", "0")])) { error in
            let diagnostics = (error as? DiagnosticList)?.diagnostics ?? []
            XCTAssertEqual(diagnostics.map(\.location.line), [11], "\(error)")
            XCTAssertTrue("\(error)".contains("params.seconds is Int 0: cell option 'timeout'"), "\(error)")
        }
    }

    func testPlainValuesAreNotParameters() throws {
        let document = try NotebookParser.parse("```swift\n//| label: params\n1\n```\n", file: "p.md")
        XCTAssertEqual(document.cells.first?.options.label, "params")
        XCTAssertEqual(document.cells.first?.options.fromParameters, [])
    }
}

import CellOutput
import Foundation
import Notebook
import Report
import Runner

/// A run as plain text, one section per cell, for golden tests:
///
///     [1] line 5
///     hello
///     [2] line 9 failed
///     t.md:10:3: error: …
///     [3] not run
public func transcript(_ run: NotebookRun) -> String {
    var text = ""
    for (cell, cellRun) in zip(run.document.cells, run.cells) {
        let state: String
        switch cellRun.status {
        case .succeeded: state = ""
        case .failed: state = " failed"
        case .failedAsAllowed: state = " failed (allowed)"
        case .notRun: state = " not run"
        }
        text += "[\(cell.number)] line \(cell.firstLine)\(state)\n"
        for output in cellRun.outputs { text += TextOutput.render(output) }
        if let diagnostic = cellRun.diagnostic { text += diagnostic.description + "\n" }
    }
    return text
}

/// Runs notebook text (named `file` in diagnostics) and returns its transcript, or the parse
/// diagnostics if the notebook itself is malformed.
public func runTranscript(_ text: String, file: String, allowErrors: Bool = false) -> String {
    do {
        let document = try NotebookParser.parse(text, file: file)
        return transcript(NotebookRunner(allowErrors: allowErrors).run(document))
    } catch {
        return "notebook rejected:\n\(error)\n"
    }
}

/// A readable account of where two texts first differ, with both texts in full.
public func lineDiff(expected: String, actual: String) -> String {
    let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
    let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    let wanted = first < e.count ? e[first] : "<end>"
    let got = first < a.count ? a[first] : "<end>"
    return "first difference at line \(first + 1):\n  expected: \(wanted)\n  actual:   \(got)\n"
        + "--- expected\n\(expected)--- actual\n\(actual)"
}

/// Runs notebook text that must parse, returning the whole run (outputs per cell, statuses).
public func runNotebook(_ text: String, file: String = "test.md", allowErrors: Bool = false) throws -> NotebookRun {
    let document = try NotebookParser.parse(text, file: file)
    return NotebookRunner(allowErrors: allowErrors).run(document)
}

extension NotebookRun {
    /// Every output's text, joined, for assertions (tables as plain text, charts as "[chart: title]").
    public var allText: String {
        cells.flatMap(\.outputs).map(TextOutput.render).joined()
    }

    /// The diagnostics of failed cells, as printed.
    public var errors: [String] {
        cells.compactMap { $0.diagnostic?.description }
    }
}

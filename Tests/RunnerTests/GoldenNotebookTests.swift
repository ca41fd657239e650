import CellOutput
import Foundation
import GoldenSupport
import Notebook
import Report
import Runner
import Testing

/// Each `Golden/name.md` is one test case: it runs, and every cell's output, error and status
/// must be what the cell's own `// expect` lines say (see `InlineExpectations`).
@Suite(.serialized) struct GoldenNotebookTests {
    static let notebooks = goldenFiles("Golden", ext: "md", besides: #filePath)

    @Test func theGoldenNotebooksAreFound() {
        #expect(Self.notebooks.count > 10, "golden notebooks not found beside \(#filePath)")
    }

    @Test(arguments: notebooks)
    func notebook(_ name: String) throws {
        let text = try goldenText("Golden", name, besides: #filePath)
        let document: Document
        do {
            document = try NotebookParser.parse(text, file: name)
        } catch {
            let rejection = InlineExpectations(text).rejection
            #expect(!rejection.isEmpty, "\(name) was refused: \(error)")
            let refusal = comparableLines("\(error)")
            if let difference = firstDifference(expected: rejection, actual: refusal) {
                Issue.record("\(name) was refused differently: \(difference)")
            }
            return
        }
        #expect(InlineExpectations(text).rejection.isEmpty, "\(name) ran but expects to be refused")
        let run = oneGoldenRunAtATime { NotebookRunner(allowErrors: name.contains("allow-errors")).run(document) }
        for (cell, cellRun) in zip(document.cells, run.cells) {
            let expected = InlineExpectations(cell.source)
            let place = "\(name):\(cell.firstLine) (cell \(cell.number))"
            #expect(Self.status(cellRun.status) == expected.status, "\(place): status")
            let output = comparableLines(cellRun.outputs.map(TextOutput.render).joined())
            if let difference = firstDifference(expected: expected.output, actual: output) {
                Issue.record("\(place): \(difference)")
            }
            let error = cellRun.diagnostic.map { comparableLines($0.description) } ?? []
            if let difference = firstDifference(expected: expected.error, actual: error) {
                Issue.record("\(place), its error: \(difference)")
            }
        }
    }

    /// The words an `// expect status:` line uses; nil for a cell that succeeded.
    private static func status(_ status: CellRun.Status) -> String? {
        switch status {
        case .succeeded: return nil
        case .failed: return "failed"
        case .failedAsAllowed: return "failed (allowed)"
        case .notRun: return "not run"
        }
    }
}

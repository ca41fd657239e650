import CellOutput
import Foundation
import Notebook
import Report

/// A NotebookRun built by hand, for testing the report without running cells.
public func makeRun(_ document: Document, _ cells: [CellRun]? = nil, seed: Int? = nil) -> NotebookRun {
    let runs = cells ?? document.cells.map { _ in CellRun(status: .succeeded, seconds: 0.01) }
    let facts = RunFacts(started: Date(timeIntervalSince1970: 1_800_000_000), seconds: 1.5, folioVersion: "test",
                         machine: "test machine", seed: seed, params: document.frontMatter.params)
    return NotebookRun(document: document, cells: runs, facts: facts)
}

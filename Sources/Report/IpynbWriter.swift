import CellOutput
import Foundation
import Notebook

/// The run as a Jupyter notebook (nbformat 4.5), for hand-ins that want an `.ipynb`: the prose as
/// Markdown cells with the `{swift}` values filled in, each cell as a code cell with its source and
/// what it showed in the report, and the front matter as the notebook's metadata.
///
/// Nothing in it depends on when or where the run happened, so the same run gives the same file.
public enum IpynbWriter {
    public static func render(_ run: NotebookRun) -> String {
        var cells: [JSONValue] = []
        var cellIndex = 0, executed = 0, proseCount = 0
        for block in run.document.blocks {
            switch block {
            case .prose(let prose):
                let markdown = ProseMarkdown.fill(prose, values: run.inlineValues)
                guard !markdown.allSatisfy(\.isWhitespace) else { continue }
                proseCount += 1
                // Ids: unique, stable across runs, and within nbformat's [A-Za-z0-9_-]{1,64}.
                cells.append(.object(["cell_type": .string("markdown"), "id": .string("prose-\(proseCount)"),
                                      "metadata": .object([:]), "source": JSONValue.lines(markdown)]))
            case .cell(let cell):
                let cellRun = cellIndex < run.cells.count ? run.cells[cellIndex] : CellRun(status: .notRun)
                cellIndex += 1
                // Jupyter numbers the cells that ran, in order; one that never ran has no number.
                var count: Int?
                if cellRun.status != .notRun {
                    executed += 1
                    count = executed
                }
                cells.append(codeCell(cell, run: cellRun, executionCount: count))
            }
        }
        let notebook: JSONValue = .object(["cells": .array(cells), "metadata": metadata(run),
                                           "nbformat": .int(4), "nbformat_minor": .int(5)])
        return notebook.text
    }

    /// The cell's whole source, option lines included (they are comments, as Quarto keeps `#|` lines).
    private static func codeCell(_ cell: Cell, run: CellRun, executionCount: Int?) -> JSONValue {
        var outputs = cell.options.output ? IpynbOutputs.outputs(run.outputs) : []
        // Errors show even with `output: false`, as in the report.
        if let diagnostic = run.diagnostic {
            outputs.append(IpynbOutputs.error(diagnostic, allowed: run.status == .failedAsAllowed(diagnostic)))
        }
        var folio: [String: JSONValue] = ["status": .string(RunFactsHTML.statusText(run.status))]
        if let label = cell.options.label { folio["label"] = .string(label) }
        var metadata: [String: JSONValue] = ["folio": .object(folio)]
        if !cell.options.echo { metadata["jupyter"] = .object(["source_hidden": .bool(true)]) }
        return .object(["cell_type": .string("code"), "id": .string("cell-\(cell.number)"),
                        "execution_count": executionCount.map(JSONValue.int) ?? .null,
                        "metadata": .object(metadata), "outputs": .array(outputs),
                        "source": JSONValue.lines(cell.source)])
    }

    /// The kernel Jupyter would name (Folio runs the cells, not a Jupyter kernel) and the front matter.
    private static func metadata(_ run: NotebookRun) -> JSONValue {
        let matter = run.document.frontMatter
        var folio: [String: JSONValue] = ["version": .string(run.facts.folioVersion)]
        if let subtitle = matter.subtitle { folio["subtitle"] = .string(subtitle) }
        if let date = matter.date { folio["date"] = .string(date) }
        if let seed = run.facts.seed { folio["seed"] = .int(seed) }
        if !run.facts.params.isEmpty {
            folio["params"] = .object(Dictionary(run.facts.params.map { ($0.name, json($0.value)) },
                                                 uniquingKeysWith: { _, last in last }))
        }
        var metadata: [String: JSONValue] = [
            "kernelspec": .object(["name": .string("folio"), "display_name": .string("Folio (Swift)"),
                                   "language": .string("swift")]),
            "language_info": .object(["name": .string("swift")]),
            "title": .string(run.title),
            "folio": .object(folio),
        ]
        if !matter.authors.isEmpty {
            metadata["authors"] = .array(matter.authors.map { .object(["name": .string($0)]) })
        }
        return .object(metadata)
    }

    private static func json(_ value: ParamValue) -> JSONValue {
        switch value {
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        }
    }
}

import CellOutput
import Foundation
import Notebook

/// The footer: when and how the report was made, so a grader can reproduce it.
enum RunFactsHTML {
    /// The run facts at the end of the page: when, how long, where, parameters, seed, and each cell.
    static func footer(_ run: NotebookRun) -> String {
        let facts = run.facts
        let date = ISO8601DateFormatter.string(from: facts.started, timeZone: .current,
                                               formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime,
                                                               .withSpaceBetweenDateAndTime, .withTimeZone])
        let params = facts.params.isEmpty ? "none"
            : facts.params.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        let rows: [(String, String)] = [
            ("Rendered", date),
            ("Duration", formatSeconds(facts.seconds)),
            ("Machine", facts.machine),
            ("Folio", facts.folioVersion),
            ("Seed", seedText(facts)),
            ("Parameters", params),
        ]
        var html = "<footer class=\"run-facts\">\n<h2>Run</h2>\n<dl>\n"
        for (name, value) in rows { html += "<dt>\(name)</dt><dd>\(escapeMarkup(value))</dd>\n" }
        html += "</dl>\n"
        let cells = run.document.cells
        if !cells.isEmpty {
            html += "<details class=\"cell-times\"><summary>Time per cell</summary><table class=\"data\">"
                + "<thead><tr><th>Cell</th><th>Line</th><th class=\"num\">Time</th><th>Status</th></tr></thead><tbody>"
            for (cell, cellRun) in zip(cells, run.cells) {
                let name = cell.options.label.map { "[\(cell.number)] \($0)" } ?? "[\(cell.number)]"
                html += "<tr><td><a href=\"#cell-\(cell.number)\">\(escapeMarkup(name))</a></td>"
                    + "<td>\(cell.firstLine)</td>"
                    + "<td class=\"num\">\(cellRun.status == .notRun ? "–" : formatSeconds(cellRun.seconds))</td>"
                    + "<td>\(statusText(cellRun.status))\(cellRun.cache == .restored ? " (cached)" : "")</td></tr>"
            }
            html += "</tbody></table></details>\n"
        }
        return html + "</footer>\n"
    }

    /// The seed, noting when the run drew it (and how to repeat it), or that there was none.
    private static func seedText(_ facts: RunFacts) -> String {
        guard let seed = facts.seed else { return "none (fresh randomness)" }
        return facts.seedWasDrawn ? "\(seed), drawn for this run (repeat it with --seed \(seed))" : String(seed)
    }

    /// A cell's status as the per-cell table (and the `.ipynb`'s cell metadata) words it.
    static func statusText(_ status: CellRun.Status) -> String {
        switch status {
        case .succeeded: return "ok"
        case .failed: return "failed"
        case .failedAsAllowed: return "failed (allowed)"
        case .notRun: return "not run"
        }
    }
}

import CellOutput
import Notebook

/// One cell in the report: its code (foldable), its outputs, and its error or "not run" note.
enum CellHTML {
    /// One cell's section: its highlighted code (unless `echo: false`), outputs and error.
    static func html(_ cell: Cell, run: CellRun, allowRawHTML: Bool) -> String {
        let state: String
        switch run.status {
        case .succeeded: state = "ok"
        case .failed: state = "failed"
        case .failedAsAllowed: state = "allowed-error"
        case .notRun: state = "not-run"
        }
        var html = "<section class=\"cell \(state)\" id=\"cell-\(cell.number)\">\n"
        if cell.options.echo {
            let label = cell.options.label.map { " <span class=\"label\">\(escapeMarkup($0))</span>" } ?? ""
            let time = run.status == .notRun ? "not run"
                : run.cache == .restored ? "cached (ran in \(formatSeconds(run.seconds)))" : formatSeconds(run.seconds)
            html += "<details class=\"code\" open><summary><span class=\"number\">[\(cell.number)]</span>\(label)"
                + "<span class=\"line\">line \(cell.firstLine)</span><span class=\"time\">\(time)</span></summary>"
                + "<pre><code>\(SwiftHighlighter.html(cell.displaySource))</code></pre></details>\n"
        }
        if cell.options.output, !run.outputs.isEmpty {
            html += "<div class=\"outputs\">\n\(OutputHTML.html(run.outputs, allowRawHTML: allowRawHTML))</div>\n"
        }
        // Errors show even with `output: false`: hiding why a run stopped would mislead the reader.
        if let diagnostic = run.diagnostic {
            let note = run.status == .failedAsAllowed(diagnostic)
                ? "<p class=\"note\">This cell is expected to fail (<code>error: true</code>).</p>" : ""
            html += "<div class=\"error\" role=\"alert\">\(note)"
                + "<pre>\(escapeMarkup(diagnostic.description))</pre></div>\n"
        }
        if case .notStored(let reason) = run.cache {
            html += "<p class=\"cache-note\">Not cached: \(escapeMarkup(reason)).</p>\n"
        }
        if run.status == .notRun {
            html += "<p class=\"not-run-note\">Not run: an earlier cell failed.</p>\n"
        }
        return html + "</section>\n"
    }
}

/// Seconds as people read them: "12 ms", "3.4 s", "2 min 05 s".
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    return String(format: "%d min %02d s", whole / 60, whole % 60)
}

import CellOutput
import Foundation
import Notebook

/// Renders a notebook run as one self-contained HTML page: inline CSS, no scripts, no network.
public enum HTMLReport {
    /// The whole page for a run: head and stylesheet, title, contents, cells, run facts.
    public static func render(_ run: NotebookRun) -> String {
        let matter = run.document.frontMatter
        let title = run.title
        // Without raw HTML the page carries no script at all; the policy makes sure none could run.
        let policy = matter.rawHTML ? "" :
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:\">\n"
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(policy)<meta name="generator" content="Folio \(escapeMarkup(run.facts.folioVersion))">
        <title>\(escapeMarkup(title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>

        """
        html += titleBlock(run, title: title)
        html += tableOfContents(run.document.headings)
        html += "<main>\n"
        var cellIndex = 0
        for block in run.document.blocks {
            switch block {
            case .prose(let prose):
                html += "<div class=\"prose\">\n\(InlineValueHTML.fill(prose, values: run.inlineValues))</div>\n"
            case .cell(let cell):
                let cellRun = cellIndex < run.cells.count ? run.cells[cellIndex] : CellRun(status: .notRun)
                html += CellHTML.html(cell, run: cellRun, allowRawHTML: matter.rawHTML)
                cellIndex += 1
            }
        }
        html += "</main>\n"
        html += RunFactsHTML.footer(run)
        html += "</body>\n</html>\n"
        return html
    }

    /// The title and the front matter shown under it.
    private static func titleBlock(_ run: NotebookRun, title: String) -> String {
        let matter = run.document.frontMatter
        var html = "<header class=\"title-block\">\n<h1 class=\"title\">\(escapeMarkup(title))</h1>\n"
        if let subtitle = matter.subtitle { html += "<p class=\"subtitle\">\(escapeMarkup(subtitle))</p>\n" }
        let byline = [matter.authors.joined(separator: ", "), matter.date ?? ""].filter { !$0.isEmpty }
        if !byline.isEmpty { html += "<p class=\"byline\">\(escapeMarkup(byline.joined(separator: " · ")))</p>\n" }
        if let failure = run.failure {
            if let number = run.cells.firstIndex(where: { $0.status == .failed(failure) }).map({ $0 + 1 }) {
                html += "<p class=\"run-status failed\"><a href=\"#cell-\(number)\">Cell \(number) failed</a>: "
                    + "\(escapeMarkup(failure.headline))</p>\n"
            } else {
                let index = run.inlineValues.firstIndex { $0 == .failed(failure) } ?? 0
                html += "<p class=\"run-status failed\"><a href=\"#\(InlineValueHTML.anchor(index))\">A value in "
                    + "the prose failed</a>: \(escapeMarkup(failure.headline))</p>\n"
            }
        }
        return html + "</header>\n"
    }

    /// Links to the notebook's headings, nested by level.
    private static func tableOfContents(_ headings: [Heading]) -> String {
        guard headings.count >= 2 else { return "" }
        let top = headings.map(\.level).min() ?? 1
        var html = "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ul>\n"
        for heading in headings where heading.level <= top + 2 {
            html += "<li class=\"toc-\(heading.level - top + 1)\"><a href=\"#\(escapeMarkup(heading.id))\">"
                + "\(escapeMarkup(heading.text))</a></li>\n"
        }
        return html + "</ul>\n</nav>\n"
    }
}

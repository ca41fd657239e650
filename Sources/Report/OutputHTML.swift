import CellOutput
import Foundation
import Notebook

/// HTML for a cell's outputs. Consecutive text outputs (a run of `print`s) share one block.
enum OutputHTML {
    /// A cell's outputs in order; consecutive text joins into one `<pre>`.
    static func html(_ outputs: [Output], allowRawHTML: Bool) -> String {
        var html = ""
        for output in outputs.joiningText {
            switch output {
            case .text(var text):
                guard !text.isEmpty else { continue }
                if text.hasSuffix("\n") { text.removeLast() }
                html += "<pre class=\"out\">\(escapeMarkup(text))</pre>\n"
            case .table(let table): html += self.table(table)
            case .markdown(let markdown):
                html += "<div class=\"md\">\(Markdown.html(markdown, allowRawHTML: allowRawHTML))</div>\n"
            case .svg(let svg, let title):
                html += "<figure class=\"chart\" role=\"img\" aria-label=\"\(escapeMarkup(title))\">\(svg)</figure>\n"
            }
        }
        return html
    }

    /// A table output as an HTML table (numeric columns right-aligned).
    static func table(_ table: Table) -> String {
        /// Right-aligns the columns that hold only numbers.
        func cellClass(_ column: Int) -> String { table.numericColumns.contains(column) ? " class=\"num\"" : "" }
        var html = "<div class=\"table-wrap\"><table class=\"data\">"
        if let title = table.title { html += "<caption>\(escapeMarkup(title))</caption>" }
        html += "<thead><tr>"
        for (column, name) in table.header.enumerated() { html += "<th\(cellClass(column))>\(escapeMarkup(name))</th>" }
        html += "</tr></thead><tbody>"
        for row in table.rows {
            html += "<tr>"
            for (column, cell) in row.enumerated() { html += "<td\(cellClass(column))>\(escapeMarkup(cell))</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table></div>\n"
    }
}

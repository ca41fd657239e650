import CellOutput
import Foundation

/// The grades folder's HTML: `index.html` (one row per submission) and each submission's
/// `diff.html`. Self-contained like a report; every piece of submission text is escaped.
enum GradePage {
    static func html(_ table: GradeTable, submissions: [SubmissionResult]) -> String {
        let completed = submissions.filter { $0.failedRuns == 0 }.count
        let plural = submissions.count == 1 ? "" : "s"
        var page = head("Grades") + "<h1>Grades</h1>\n<p>\(submissions.count) submission\(plural), "
            + "\(completed) with every run complete. Values are mean ± sd (min–max) over the runs; "
            + "\(Measured.parameters) is the largest model any run trained, counted by Folio.</p>\n"
        if let limits = table.rubric?.limits, !limits.isEmpty {
            page += "<p>Rubric: " + limits.map { limit in
                var bounds: [String] = []
                if let max = limit.max { bounds.append("at most \(Statistics.format(max))") }
                if let min = limit.min { bounds.append("at least \(Statistics.format(min))") }
                if let target = limit.target { bounds.append("target \(Statistics.format(target))") }
                return escapeMarkup("\(limit.name): " + bounds.joined(separator: ", "))
            }.joined(separator: "; ") + ".</p>\n"
        }
        page += "<div class=\"scroll\"><table>\n<thead><tr>"
            + table.header.map { "<th>\(escapeMarkup($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (row, submission) in zip(table.rows, submissions) {
            page += "<tr>"
            for (index, cell) in row.enumerated() {
                let classes = [cell.isNumeric ? "num" : nil, resultClass(cell.text)].compactMap { $0 }
                let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                page += "<td\(attribute)>" + (index == row.count - 1 ? runLinks(submission) : linked(cell)) + "</td>"
            }
            page += "</tr>\n"
        }
        return page + "</tbody>\n</table></div>\n</body>\n</html>\n"
    }

    static func diff(_ diff: CellDiff, submission: String) -> String {
        let size = diff.size
        var page = head("Changes in \(submission)") + "<h1>Changes in \(escapeMarkup(submission))</h1>\n"
            + "<p>Against the template: \(size.added) line\(size.added == 1 ? "" : "s") added, "
            + "\(size.removed) removed.</p>\n"
        for cell in diff.cells {
            let changed = cell.lines.contains { if case .same = $0 { return false } else { return true } }
            page += "<h2>\(escapeMarkup(cell.title))\(changed ? "" : " (unchanged)")</h2>\n<pre class=\"diff\">"
            for line in cell.lines {
                switch line {
                case .same(let text): page += "<span>  \(escapeMarkup(text))</span>\n"
                case .added(let text): page += "<ins>+ \(escapeMarkup(text))</ins>\n"
                case .removed(let text): page += "<del>- \(escapeMarkup(text))</del>\n"
                }
            }
            page += "</pre>\n"
        }
        return page + "</body>\n</html>\n"
    }

    private static func linked(_ cell: GradeTable.Cell) -> String {
        guard let link = cell.link else { return escapeMarkup(cell.text) }
        return "<a href=\"\(escapeMarkup(hrefEncoded(link)))\">\(escapeMarkup(cell.text))</a>"
    }

    private static func runLinks(_ submission: SubmissionResult) -> String {
        submission.runs.map { run in
            let title = escapeMarkup("seed \(run.seed.map(String.init) ?? "?"): \(run.summary)")
            return "<a href=\"\(escapeMarkup(hrefEncoded(run.report)))\" title=\"\(title)\""
                + (run.succeeded ? "" : " class=\"bad\"") + ">\(run.run)</a>"
        }.joined(separator: " ")
    }

    private static func resultClass(_ text: String) -> String? {
        switch text {
        case "fail", "missing": return "bad"
        case "target met": return "best"
        case "pass": return "good"
        default: return nil
        }
    }

    /// A relative link with each path component percent-encoded (names are the students').
    private static func hrefEncoded(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#"])) ?? ""
        }.joined(separator: "/")
    }

    private static func head(_ title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeMarkup(title))</title>
        <style>
        body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #222; }
        table { border-collapse: collapse; font-size: 14px; }
        .scroll { overflow-x: auto; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top;
                 white-space: nowrap; }
        td:nth-child(2) { white-space: normal; min-width: 14rem; max-width: 28rem; }
        th { background: #f4f4f4; position: sticky; top: 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .bad { color: #b00020; font-weight: 600; } .good { color: #1b5e20; } .best { color: #1b5e20; font-weight: 700; }
        a.bad { color: #b00020; }
        pre.diff { background: #fafafa; border: 1px solid #eee; padding: 0.5rem; white-space: pre-wrap; }
        ins { background: #e6ffec; text-decoration: none; display: block; }
        del { background: #ffebe9; text-decoration: none; display: block; }
        pre.diff span { display: block; color: #555; }
        </style>
        </head>
        <body>

        """
    }
}

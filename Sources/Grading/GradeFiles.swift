import CellOutput
import Foundation

/// Writes the grades folder: `index.html`, `grades.csv`, `grades.json` (for `--merge`), and each
/// submission's `diff.html`.
public enum GradeFiles {
    public static func write(_ submissions: [SubmissionResult], rubric: Rubric?, diffs: [String: CellDiff],
                             to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let table = GradeTable(submissions, rubric: rubric)
        let index = GradePage.html(table, submissions: submissions)
        try Data(index.utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data(csv(table).utf8).write(to: folder.appendingPathComponent("grades.csv"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(GradeRecord(submissions: submissions, rubric: rubric.map(RubricRecord.init)))
            .write(to: folder.appendingPathComponent("grades.json"))
        for submission in submissions {
            guard let diff = diffs[submission.path] else { continue }
            let page = folder.appendingPathComponent(submission.folder).appendingPathComponent("diff.html")
            try FileManager.default.createDirectory(at: page.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(GradePage.diff(diff, submission: submission.path).utf8).write(to: page)
        }
    }

    /// RFC 4180 CSV. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
    /// prefixed with `'`: submissions are untrusted, and a path or message is text.
    static func csv(_ table: GradeTable) -> String {
        let lines = ([table.csvHeader] + table.csvRows).map { $0.map(field).joined(separator: ",") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `grades.json`: everything needed to rebuild the table, for `folio grade --merge`.
struct GradeRecord: Codable {
    var submissions: [SubmissionResult]
    var rubric: RubricRecord?
}

/// A rubric as stored beside the results.
struct RubricRecord: Codable {
    struct Limit: Codable { var name: String; var max: Double?; var min: Double?; var target: Double? }
    var runs: Int?
    var limits: [Limit]

    init(_ rubric: Rubric) {
        runs = rubric.runs
        limits = rubric.limits.map { Limit(name: $0.name, max: $0.max, min: $0.min, target: $0.target) }
    }

    var rubric: Rubric {
        Rubric(runs: runs, limits: limits.map { .init(name: $0.name, max: $0.max, min: $0.min, target: $0.target) })
    }
}

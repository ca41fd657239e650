import Foundation

/// The grade table as rows of cells, shared by the HTML page and the CSV file so that both always
/// have the same columns: status, each recorded value, what Folio measured, rubric results, diff.
public struct GradeTable: Sendable {
    public struct Cell: Sendable, Equatable {
        public var text: String
        /// A link target relative to the grades folder, for the HTML page.
        public var link: String?
        /// The numbers behind the text, for the CSV (mean, sd, min, max), where there are some.
        public var numbers: [Double]?
        public var isNumeric: Bool { numbers != nil }
    }

    public var header: [String]
    /// Column headers split into numbers, for the CSV (`test error mean`, `test error sd`, …).
    public var csvHeader: [String]
    public var rows: [[Cell]]
    /// The same rows for the CSV, one value per column of `csvHeader`.
    public var csvRows: [[String]]
    public var rubric: Rubric?

    public init(_ submissions: [SubmissionResult], rubric: Rubric?) {
        self.rubric = rubric
        var names: [String] = [], textNames: [String] = []
        for submission in submissions {
            for (name, _) in submission.recordedNumbers where !names.contains(name) { names.append(name) }
            for (name, _) in submission.recordedTexts where !textNames.contains(name) { textNames.append(name) }
        }
        let measured = [Measured.cpuSeconds, Measured.wallSeconds, Measured.memory]
        let limits = rubric?.limits ?? []
        header = ["submission", "status"] + names + textNames + measured + [Measured.parameters]
            + limits.map { "rubric: \($0.name)" } + ["diff", "runs"]
        let split = { (name: String) in ["mean", "sd", "min", "max"].map { "\(name) \($0)" } }
        csvHeader = ["submission", "status", "runs ok", "runs"] + names.flatMap(split) + textNames
            + measured.flatMap(split)
            + [Measured.parameters]
            + limits.map { "rubric: \($0.name)" } + ["lines added", "lines removed", "report folder"]
        rows = []
        csvRows = []
        for submission in submissions {
            let ok = submission.runs.count - submission.failedRuns
            var row = [Cell(text: submission.path, link: "\(submission.folder)/run-1.html"),
                       Cell(text: Self.status(submission))]
            var csv = [submission.path, Self.status(submission), String(ok), String(submission.runs.count)]
            let recorded = names.map { name in submission.recordedNumbers.first { $0.name == name }?.values ?? [] }
            let measuredSeries = [submission.runs.map(\.cpuSeconds), submission.runs.map(\.wallSeconds),
                                  submission.runs.map { Double($0.peakMemoryBytes) / 1_048_576 }]
            for values in recorded {
                let cell = Self.statistics(values)
                row.append(cell)
                csv += cell.numbers.map { $0.map(Self.number) } ?? ["", "", "", ""]
            }
            for name in textNames {
                let text = Self.tally(submission.recordedTexts.first { $0.name == name }?.values ?? [])
                row.append(Cell(text: text))
                csv.append(text == "–" ? "" : text)
            }
            for values in measuredSeries {
                let cell = Self.statistics(values)
                row.append(cell)
                csv += cell.numbers.map { $0.map(Self.number) } ?? ["", "", "", ""]
            }
            let parameters = submission.parameters
            row.append(Cell(text: parameters.map(String.init) ?? "–", numbers: parameters.map { [Double($0)] }))
            csv.append(parameters.map(String.init) ?? "")
            for limit in limits {
                let result = LimitResult.check(limit, submission).rawValue
                row.append(Cell(text: result))
                csv.append(result)
            }
            let diff = submission.diff
            row.append(Cell(text: diff.map { "+\($0.added) −\($0.removed)" } ?? "–",
                            link: diff == nil ? nil : "\(submission.folder)/diff.html",
                            numbers: diff.map { [Double($0.added), Double($0.removed)] }))
            csv += [diff.map { String($0.added) } ?? "", diff.map { String($0.removed) } ?? "", submission.folder]
            row.append(Cell(text: submission.runs.map { "run-\($0.run)" }.joined(separator: " "),
                            link: submission.folder))
            rows.append(row)
            csvRows.append(csv)
        }
    }

    /// Recorded texts over the runs: the value when every run gave the same, else each with its count
    /// ("yes ×4, no ×1"), most frequent first.
    static func tally(_ values: [String]) -> String {
        guard let first = values.first else { return "–" }
        if values.allSatisfy({ $0 == first }) { return first }
        var counts: [(String, Int)] = []
        for value in values {
            if let i = counts.firstIndex(where: { $0.0 == value }) {
                counts[i].1 += 1
            } else {
                counts.append((value, 1))
            }
        }
        return counts.sorted { $0.1 > $1.1 }.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.6g", value)
    }

    /// "5 of 5 ok", or which runs failed and why.
    static func status(_ submission: SubmissionResult) -> String {
        let total = submission.runs.count, bad = submission.runs.filter { !$0.succeeded }
        guard let first = bad.first else { return "\(total) of \(total) ok" }
        return "\(total - bad.count) of \(total) ok; run \(first.run): \(first.summary)"
    }

    static func statistics(_ values: [Double]) -> Cell {
        guard let stats = Statistics(values) else { return Cell(text: "–") }
        return Cell(text: stats.text, numbers: [stats.mean, stats.sd, stats.min, stats.max])
    }
}

/// One cell of a summary table.
public enum TableValue: Equatable, Sendable, CustomStringConvertible {
    case text(String)
    case int(Int)
    case number(Double)

    /// The value as table text (numbers to 4 decimals, ∞ for infinity).
    public var description: String {
        switch self {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .number(let d):
            if d.isInfinite { return d > 0 ? "∞" : "-∞" }
            if d == d.rounded() && abs(d) < 1e9 { return String(Int(d)) }
            let scaled = (d * 10_000).rounded() / 10_000
            return String(scaled)
        }
    }
}

/// A small table of results (label counts, checks, split sizes) that a notebook shows as a table.
public struct SummaryTable: Equatable, Sendable, CustomStringConvertible {
    /// What the table shows.
    public let title: String
    /// Column headings.
    public let columns: [String]
    /// Rows, each with one value per column.
    public var rows: [[TableValue]]

    /// A table with the given title, headings and rows.
    public init(title: String, columns: [String], rows: [[TableValue]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Plain text with aligned columns (for logs and tests).
    public var description: String {
        let cells = [columns] + rows.map { $0.map(\.description) }
        let widths = columns.indices.map { c in cells.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        let lines = cells.map { row in
            row.enumerated().map { c, text in text.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return ([title] + lines).joined(separator: "\n")
    }

    /// The column named `name` (empty when absent).
    public func column(_ name: String) -> [TableValue] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }
}

extension String {
    func padding(toLength length: Int, withPad pad: String, startingAt: Int) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}

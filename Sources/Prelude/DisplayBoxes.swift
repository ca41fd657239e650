import CellOutput
import Datasets
import Foundation
import Script

/// A chart value: shown as SVG when displayed, so `history.plot()` as a cell's last line draws it.
final class ChartBox: Displayable {
    let title: String
    let svg: String

    init(title: String, svg: String) {
        self.title = title
        self.svg = svg
    }

    func display() -> [Output] { [.svg(svg, title: title)] }
}

/// A table-like result (label counts, checks, reports), optionally with a chart beside it.
final class ReportBox: Displayable {
    let table: Table
    let chart: ChartBox?

    init(_ table: Table, chart: ChartBox? = nil) {
        self.table = table
        self.chart = chart
    }

    func display() -> [Output] { [.table(table)] + (chart?.display() ?? []) }

    var textSummary: String { table.plainText }
}

extension Table {
    /// A dataset summary table as a report table, numbers right-aligned.
    init(_ summary: SummaryTable) {
        let numeric = Set(summary.columns.indices.filter { column in
            summary.rows.allSatisfy { row in
                guard column < row.count else { return true }
                if case .text = row[column] { return false }
                return true
            }
        })
        self.init(title: summary.title, header: summary.columns, rows: summary.rows.map { $0.map(\.description) },
                  numericColumns: numeric)
    }
}

/// Numbers as tables show them: up to 4 decimals, no float noise.
func formatNumber(_ value: Double, decimals: Int = 4) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "∞" : "-∞") }
    return String(format: "%.\(decimals)f", value)
}

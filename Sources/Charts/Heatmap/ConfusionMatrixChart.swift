/// A confusion matrix: true class down the rows, predicted class across the columns, the
/// count in each cell, the diagonal (correct predictions) outlined and in bold.
public struct ConfusionMatrixChart: Chart {
    /// counts[true class][predicted class].
    public var counts: [[Int]]
    /// Class names, in class-index order, shown on both axes.
    public var classNames: [String]
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// Colour and label each cell by its share of the row (recall per class) instead of the raw
    /// count; a row-normalised matrix shows the errors of rare classes that raw counts hide.
    public var normalized: Bool

    /// Creates the chart; the data is checked when `svg` is called.
    public init(counts: [[Int]], classNames: [String], title: String = "Confusion matrix", normalized: Bool = false) {
        self.counts = counts
        self.classNames = classNames
        self.title = title
        self.normalized = normalized
    }

    /// Overall accuracy: the diagonal over the total (0 for an empty matrix).
    public var accuracy: Double {
        let total = counts.joined().reduce(0, +)
        let correct = counts.indices.reduce(0) { $0 + ($1 < counts[$1].count ? counts[$1][$1] : 0) }
        return total > 0 ? Double(correct) / Double(total) : 0
    }

    /// The chart as SVG markup.
    /// `height` nil draws it 540 units high.
    /// - Throws: `ChartError` when the matrix is not square, a count is negative, or the class
    ///   names do not match the matrix.
    public func svg(width: Double = 560, height: Double? = nil) throws -> String {
        let height = height ?? 540
        let n = counts.count
        guard n > 0 else {
            throw ChartError("ConfusionMatrixChart", "the matrix is empty; evaluate on at least one example")
        }
        if let bad = counts.firstIndex(where: { $0.count != n }) {
            throw ChartError("ConfusionMatrixChart", "row \(bad) has \(counts[bad].count) entries but there are "
                             + "\(n) rows; a confusion matrix is square (classes × classes)")
        }
        guard classNames.count == n else {
            throw ChartError("ConfusionMatrixChart",
                             "\(classNames.count) class names for a \(n)×\(n) matrix; give one name per class")
        }
        if counts.joined().contains(where: { $0 < 0 }) {
            throw ChartError("ConfusionMatrixChart", "the matrix holds a negative count; counts must be ≥ 0")
        }
        let total = counts.joined().reduce(0, +)
        let values: [[Double]]
        let text: [[String]]
        if normalized {
            values = counts.map { row in
                let sum = row.reduce(0, +)
                return row.map { sum > 0 ? Double($0) / Double(sum) : .nan }
            }
            text = values.map { $0.map { $0.isFinite ? fixed($0, decimals: 2) : "–" } }
        } else {
            values = counts.map { $0.map(Double.init) }
            text = counts.map { $0.map(String.init) }
        }
        var chart = HeatmapChart(values: values, rowLabels: classNames, columnLabels: classNames,
                                 xLabel: "predicted", yLabel: "true", title: title,
                                 subtitle: "accuracy \(percent(accuracy)) on \(grouped(total)) examples"
                                     + (normalized ? " · rows normalised to 1" : ""))
        chart.cellText = text
        chart.emphasizeDiagonal = true
        chart.squareCells = true
        chart.colorRange = normalized ? 0...1 : 0...Double(max(1, counts.joined().max() ?? 1))
        chart.colorLabel = normalized ? "share of true class" : "count"
        return try chart.svg(width: width, height: height)
    }
}

import Foundation

/// One named line of a line chart: y against x, with an optional shaded band (for example
/// mean ± one standard deviation over several runs).
public struct Series: Sendable {
    /// The name shown in the legend.
    public var name: String
    /// x values, ascending (steps, epochs).
    public var x: [Double]
    /// y values; NaN leaves a gap.
    public var y: [Double]
    /// Lower and upper edges of a band drawn behind the line; same count as `x` when present.
    public var band: (lower: [Double], upper: [Double])?

    /// A series of (x, y) pairs. NaN or infinite y values leave a gap in the line.
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// A series over x = 1, 2, 3, … (epochs are counted from 1).
    public init(name: String, y: [Double]) {
        self.init(name: name, x: y.indices.map { Double($0 + 1) }, y: y)
    }

    /// The mean of several runs of one model with a band of ± one standard deviation.
    /// Runs may have different lengths (early stopping); each x uses the runs that reached it.
    /// - Throws: `ChartError` if `runs` is empty.
    public static func meanBand(name: String, runs: [[Double]]) throws -> Series {
        guard let longest = runs.map(\.count).max(), longest > 0 else {
            throw ChartError("Series.meanBand", "'\(name)' has no runs with values; pass at least one non-empty run")
        }
        var mean: [Double] = [], lower: [Double] = [], upper: [Double] = []
        for i in 0..<longest {
            let values = runs.compactMap { i < $0.count && $0[i].isFinite ? $0[i] : nil }
            guard !values.isEmpty else { mean.append(.nan); lower.append(.nan); upper.append(.nan); continue }
            let m = values.reduce(0, +) / Double(values.count)
            let sd = values.count > 1
                ? sqrt(values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)) : 0
            mean.append(m); lower.append(m - sd); upper.append(m + sd)
        }
        var series = Series(name: "\(name) (mean ± sd, \(runs.count) runs)", y: mean)
        series.band = (lower, upper)
        return series
    }

    /// Checks that the arrays line up.
    func validate(in chart: String) throws {
        guard x.count == y.count else {
            throw ChartError(chart,
                             "series '\(name)' has \(x.count) x values but \(y.count) y values; give one x per y")
        }
        if let band, band.lower.count != x.count || band.upper.count != x.count {
            throw ChartError(chart, "series '\(name)' has \(x.count) points but a band of "
                             + "\(band.lower.count)/\(band.upper.count); give one band value per point")
        }
    }
}

/// A vertical marker line across a panel, e.g. the best validation epoch.
public struct VerticalMark: Sendable {
    /// Where the line is drawn, in data units.
    public var x: Double
    /// Text beside the line.
    public var label: String

    /// A dashed vertical line at `x` labelled `label`.
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

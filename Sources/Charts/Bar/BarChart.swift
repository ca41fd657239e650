/// One bar per category: a label distribution, per-class accuracy, and the like.
public struct BarChart: Chart {
    /// One label per bar, under the bar.
    public var labels: [String]
    /// One value per bar.
    public var values: [Double]
    /// Title of the x axis.
    public var xLabel: String
    /// Title of the y axis.
    public var yLabel: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title.
    public var subtitle: String?
    /// Write each bar's value above it.
    public var showValues = true

    /// Creates the chart; the data is checked when `svg` is called.
    public init(labels: [String], values: [Double], xLabel: String = "", yLabel: String = "",
                title: String = "", subtitle: String? = nil) {
        self.labels = labels
        self.values = values
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.subtitle = subtitle
    }

    /// A label distribution: counts per class, with the imbalance ratio (largest class over
    /// smallest) in the subtitle.
    /// - Throws: `ChartError` when names and counts differ in number or a count is negative.
    public static func labelDistribution(counts: [Int], classNames: [String],
                                         title: String = "Label distribution") throws -> BarChart {
        guard counts.count == classNames.count else {
            throw ChartError("BarChart.labelDistribution",
                             "\(counts.count) counts but \(classNames.count) class names; give one name per class")
        }
        if let negative = counts.firstIndex(where: { $0 < 0 }) {
            throw ChartError("BarChart.labelDistribution", "class '\(classNames[negative])' has a negative count "
                             + "\(counts[negative]); counts must be ≥ 0")
        }
        var chart = BarChart(labels: classNames, values: counts.map(Double.init), xLabel: "class", yLabel: "examples",
                             title: title)
        chart.subtitle = imbalanceNote(counts: counts, names: classNames)
        return chart
    }

    /// "60,000 examples in 10 classes · imbalance 1.2 : 1 (largest 'x' 6,742, smallest 'y' 5,421)".
    static func imbalanceNote(counts: [Int], names: [String]) -> String {
        let total = counts.reduce(0, +)
        guard let maxI = counts.indices.max(by: { counts[$0] < counts[$1] }),
              let minI = counts.indices.min(by: { counts[$0] < counts[$1] }) else { return "no classes" }
        var note = "\(grouped(total)) examples in \(counts.count) classes · "
        if counts[minI] == 0 {
            note += "class '\(names[minI])' has no examples"
        } else if counts[maxI] == counts[minI] {
            note += "balanced (\(grouped(counts[maxI])) each)"
        } else {
            let ratio = Double(counts[maxI]) / Double(counts[minI])
            note += "imbalance \(fixed(ratio, decimals: ratio < 10 ? 2 : 1)) : 1 "
                + "(largest '\(names[maxI])' \(grouped(counts[maxI])), "
                + "smallest '\(names[minI])' \(grouped(counts[minI])))"
        }
        return note
    }

    /// The chart as SVG markup.
    /// `height` nil draws it 380 units high.
    /// - Throws: `ChartError` when labels and values differ in number.
    public func svg(width: Double = 640, height: Double? = nil) throws -> String {
        let height = height ?? 380
        guard labels.count == values.count else {
            throw ChartError("BarChart", "\(labels.count) labels but \(values.count) values; give one label per bar")
        }
        var chart = GroupedBarChart(categories: labels, groups: [(yLabel, values)], xLabel: xLabel,
                                    yLabel: yLabel, title: title, subtitle: subtitle)
        chart.showValues = showValues
        chart.showLegend = false
        return try chart.svg(width: width, height: height)
    }
}

/// 60000 → "60,000".
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(ch)
    }
    return (n < 0 ? "−" : "") + out
}

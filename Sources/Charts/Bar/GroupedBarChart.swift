/// Bars for several groups side by side within each category, e.g. test accuracy per class
/// for three models. Groups differ in colour and in hatching, so they survive a grey printout.
public struct GroupedBarChart: Chart {
    /// The categories along the x axis, one slot of bars each.
    public var categories: [String]
    /// (group name, one value per category).
    public var groups: [(name: String, values: [Double])]
    /// Title of the x axis.
    public var xLabel: String
    /// Title of the y axis.
    public var yLabel: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title.
    public var subtitle: String?
    /// Write each bar's value above it where it fits.
    public var showValues = true
    /// Show the group names above the plot.
    public var showLegend = true

    /// Creates the chart; the data is checked when `svg` is called.
    public init(categories: [String], groups: [(name: String, values: [Double])], xLabel: String = "",
                yLabel: String = "", title: String = "", subtitle: String? = nil) {
        self.categories = categories
        self.groups = groups
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.subtitle = subtitle
    }

    /// The chart as SVG markup.
    /// `height` nil draws it 380 units high.
    /// - Throws: `ChartError` when a group does not have one value per category.
    public func svg(width: Double = 640, height: Double? = nil) throws -> String {
        let height = height ?? 380
        try checkCanvas(width: width, height: height, chart: "GroupedBarChart")
        for g in groups where g.values.count != categories.count {
            throw ChartError("GroupedBarChart", "group '\(g.name)' has \(g.values.count) values for "
                             + "\(categories.count) categories; give one value per category")
        }
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? yLabel : title)
        for i in groups.indices where i > 0 { doc.defs += hatchPattern(index: i, id: doc.id("h\(i)")) }
        var top = doc.heading(title: title, subtitle: subtitle)
        if showLegend {
            let entries = groups.indices.map { 
                LegendEntry(label: groups[$0].name, style: .at($0), swatch: .box,
                            overlay: $0 > 0 ? "url(#\(doc.id("h\($0)")))" : nil)
            }
            top += drawLegend(&doc, entries: entries, top: top + 2, centerX: width / 2, maxWidth: width - 40)
        }
        // Long or many category names are turned 40° so they do not collide.
        let slotGuess = (width - 80) / Double(max(1, categories.count))
        let longest = categories.map { textWidth($0, fontSize: ChartStyle.tickFont) }.max() ?? 0
        let rotate = longest > slotGuess - 4
        let labelRoom = rotate ? min(120, longest * 0.65 + 12) : 18
        let region = Region(x: 4, y: top, width: width - 8, height: height - top - 2 - (labelRoom - 18))
        let allValues = groups.flatMap(\.values)
        let (frame, _, ys) = layoutAxes(in: region, xLabel: xLabel, yLabel: yLabel,
                                        makeY: { .linear(covering: allValues, pixels: $0, includeZero: true) },
                                        makeX: { .linear(covering: [0, 1], pixels: $0) })
        var grid = ""
        for tick in ys.ticks {
            if let py = ys.position(tick) { grid += "M\(coord(frame.left)) \(coord(py))H\(coord(frame.right))" }
        }
        doc.add("<path d=\"\(grid)\" stroke=\"\(ChartStyle.gridColor)\"/>")
        let slot = frame.width / Double(max(1, categories.count))
        let barWidth = slot * 0.8 / Double(max(1, groups.count))
        let zero = ys.position(0) ?? frame.bottom
        let valueFont = min(10.5, max(7, barWidth * 0.45))
        for (c, category) in categories.enumerated() {
            let slotLeft = frame.left + Double(c) * slot
            for (g, group) in groups.enumerated() {
                let value = group.values[c]
                guard let py = ys.position(value) else { continue }
                let x = slotLeft + slot * 0.1 + Double(g) * barWidth
                let style = SeriesStyle.at(g)
                doc.rect(x: x, y: min(py, zero), width: barWidth - 1, height: abs(zero - py), fill: style.color)
                if g > 0 {
                    doc.rect(x: x, y: min(py, zero), width: barWidth - 1, height: abs(zero - py),
                             fill: "url(#\(doc.id("h\(g)")))")
                }
                // Value labels only where they fit legibly above the bar.
                if showValues && barWidth >= 12 + textWidth(shortNumber(value), fontSize: 7.5) / 2 {
                    doc.text(shortNumber(value), x: x + barWidth / 2 - 0.5, y: value >= 0 ? py - 3 : py + 11,
                             size: valueFont, extra: "fill=\"#333\"")
                }
            }
            let cx = slotLeft + slot / 2
            if rotate {
                doc.text(category, x: cx, y: frame.bottom + 12, size: ChartStyle.tickFont, anchor: "end",
                         extra: "transform=\"rotate(-40 \(coord(cx)) \(coord(frame.bottom + 12)))\"")
            } else {
                doc.text(category, x: cx, y: frame.bottom + 15, size: ChartStyle.tickFont)
            }
        }
        drawYAxis(&doc, frame: frame, y: ys, yLabel: yLabel)
        doc.line(x1: frame.left, y1: zero, x2: frame.right, y2: zero, stroke: ChartStyle.axisColor)
        if !xLabel.isEmpty {
            doc.text(xLabel, x: (frame.left + frame.right) / 2, y: frame.bottom + labelRoom + 15,
                     size: ChartStyle.labelFont)
        }
        return doc.markup()
    }
}

/// A hatch pattern (white strokes over the bar colour) distinct for each group index ≥ 1.
func hatchPattern(index: Int, id: String) -> String {
    let angles = [45.0, -45.0, 0.0, 90.0]
    let angle = angles[(index - 1) % angles.count]
    let spacing = index <= 4 ? 5.0 : 3.5
    return "<pattern id=\"\(id)\" width=\"\(coord(spacing))\" height=\"\(coord(spacing))\" "
        + "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(\(coord(angle)))\">"
        + "<path d=\"M0 0V\(coord(spacing))\" stroke=\"#fff\" stroke-width=\"1.4\" stroke-opacity=\".75\"/></pattern>"
}

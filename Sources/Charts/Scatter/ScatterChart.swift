/// Points in the plane, optionally joined in order into trajectories (hidden-state paths
/// through a sequence, optimisation paths).
public struct ScatterChart: Chart {
    /// Horizontal coordinates; points with a non-finite coordinate are left out.
    public var x: [Double]
    /// Vertical coordinates, one per x.
    public var y: [Double]
    /// How points are coloured (and shaped).
    public var coloring: ScatterColoring
    /// Index ranges whose points are joined by a thin line in index order.
    public var trajectories: [Range<Int>]
    /// Title of the x axis.
    public var xLabel: String
    /// Title of the y axis.
    public var yLabel: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title.
    public var subtitle: String?

    /// Creates the chart; the data is checked when `svg` is called.
    public init(x: [Double], y: [Double], coloring: ScatterColoring = .single, trajectories: [Range<Int>] = [],
                xLabel: String = "", yLabel: String = "", title: String = "", subtitle: String? = nil) {
        self.x = x
        self.y = y
        self.coloring = coloring
        self.trajectories = trajectories
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.subtitle = subtitle
    }

    /// The chart as SVG markup.
    /// `height` nil draws it 460 units high.
    /// - Throws: `ChartError` when the arrays differ in length, a class index has no name, or a
    ///   trajectory reaches past the points.
    public func svg(width: Double = 560, height: Double? = nil) throws -> String {
        let height = height ?? 460
        try checkCanvas(width: width, height: height, chart: "ScatterChart")
        guard x.count == y.count else {
            throw ChartError("ScatterChart", "\(x.count) x values but \(y.count) y values; give one x per y")
        }
        for t in trajectories where t.lowerBound < 0 || t.upperBound > x.count {
            throw ChartError("ScatterChart",
                             "trajectory \(t.lowerBound)..<\(t.upperBound) reaches past the \(x.count) points")
        }
        try coloring.check(count: x.count, chart: "ScatterChart")
        var doc = SVGDocument(width: width, height: height, title: title)
        var top = doc.heading(title: title, subtitle: subtitle)
        let legend = coloring.legendEntries(compact: x.count > ScatterChart.compactThreshold)
        if !legend.isEmpty {
            top += drawLegend(&doc, entries: legend, top: top + 2, centerX: width / 2, maxWidth: width - 40)
        }
        var colorBarRoom = 0.0
        if case .values = coloring { colorBarRoom = 74 }
        let region = Region(x: 4, y: top, width: width - 8 - colorBarRoom, height: height - top - 2)
        let (frame, xs, ys) = layoutAxes(in: region, xLabel: xLabel, yLabel: yLabel,
                                         makeY: { .linear(covering: padded(y), pixels: $0) },
                                         makeX: { .linear(covering: padded(x), pixels: $0, tickCount: 6) })
        drawAxes(&doc, frame: frame, x: xs, y: ys, xLabel: xLabel, yLabel: yLabel)
        for t in trajectories where t.count > 1 {
            let path = polyline(Array(x[t]), Array(y[t]), xs, ys)
            doc.add("<path d=\"\(path)\" fill=\"none\" stroke=\"#8a94a6\" stroke-width=\"1\" stroke-opacity=\".8\"/>")
        }
        let range = coloring.valueRange
        doc.add(pointsMarkup(xs: xs, ys: ys, range: range))
        if case .values(_, let label) = coloring {
            var bar = HeatmapChart(values: [[0]])
            bar.colorLabel = label
            bar.drawColorBar(&doc, x: frame.right + 12, top: frame.top, height: frame.height, range: range)
        }
        return doc.markup()
    }
}

extension ScatterChart {
    /// Above this many points, markers are drawn compactly: one path per colour of round dots.
    static let compactThreshold = 300

    private func look(of i: Int, range: ClosedRange<Double>) -> (color: String, marker: Marker) {
        let (color, marker) = coloring.look(of: i, range: range, compact: x.count > ScatterChart.compactThreshold)
        return (color.hex, marker)
    }

    /// Few points: a shaped marker each (shapes tell classes apart in grey print). Many points:
    /// zero-length round-capped strokes, about 14 bytes a point, smaller so clusters stay apart.
    fileprivate func pointsMarkup(xs: Scale, ys: Scale, range: ClosedRange<Double>) -> String {
        if x.count <= ScatterChart.compactThreshold {
            var markup = ""
            for i in x.indices {
                guard let px = xs.position(x[i]), let py = ys.position(y[i]) else { continue }
                let (color, marker) = look(of: i, range: range)
                markup += marker.markup(x: px, y: py, r: 3.4, color: color)
            }
            return "<g stroke=\"#fff\" stroke-width=\".4\">\(markup)</g>"
        }
        var paths: [String: String] = [:], order: [String] = []
        for i in x.indices {
            guard let px = xs.position(x[i]), let py = ys.position(y[i]) else { continue }
            let color = look(of: i, range: range).color
            if paths[color] == nil { order.append(color) }
            paths[color, default: ""] += "M\(coord(px)) \(coord(py))h0"
        }
        let width = x.count > 2000 ? 3.2 : 4.6
        return order.map {
            "<path d=\"\(paths[$0, default: ""])\" stroke=\"\($0)\" stroke-width=\"\(coord(width))\" "
                + "stroke-linecap=\"round\" fill=\"none\"/>"
        }.joined()
    }
}

/// The data's range widened by 3% on each side, so markers never sit on an axis line.
func padded(_ values: [Double]) -> [Double] {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return [] }
    let pad = (high - low) * 0.03
    return [low - pad, high + pad]
}

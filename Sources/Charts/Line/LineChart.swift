/// Several series against a shared x axis, with legend, axes with nice ticks and a title.
///
/// ```swift
/// let chart = LineChart(series: [Series(name: "train", y: loss)], xLabel: "epoch", yLabel: "loss",
///                       title: "Training loss")
/// let svg = try chart.svg(width: 640, height: 400)
/// ```
public struct LineChart: Chart {
    /// The lines, drawn in palette order (colour, dash and marker per index).
    public var series: [Series]
    /// Title of the x axis.
    public var xLabel: String
    /// Title of the y axis.
    public var yLabel: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted line under the title (a note on the data, such as the number of runs).
    public var subtitle: String?
    /// A base-10 log y axis (for losses spanning decades); values ≤ 0 are left out.
    public var logY = false
    /// Whole-number x ticks only (epochs, steps).
    public var integerX = false
    /// Marker shapes at each point; nil draws them only for short series (≤ 40 points).
    public var markers: Bool?
    /// Vertical marker lines, such as the best epoch.
    public var marks: [VerticalMark] = []
    /// Points to ring, e.g. the best validation value: (series index, point index).
    public var highlights: [(series: Int, index: Int)] = []
    /// Which palette style each series uses; nil means series i uses style i. Lets panels that
    /// omit a series keep "validation" in the same style everywhere.
    public var styleIndices: [Int]?

    /// Creates the chart; the data is checked when `svg` is called.
    public init(series: [Series], xLabel: String = "", yLabel: String = "", title: String = "",
                subtitle: String? = nil, logY: Bool = false) {
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.subtitle = subtitle
        self.logY = logY
    }

    /// The chart as SVG markup, `width` × `height` user units (scales with the page).
    /// `height` nil draws it 400 units high.
    /// - Throws: `ChartError` when a series' arrays do not line up.
    public func svg(width: Double = 640, height: Double? = nil) throws -> String {
        let height = height ?? 400
        try checkCanvas(width: width, height: height, chart: "LineChart")
        for s in series { try s.validate(in: "LineChart") }
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? yLabel : title)
        var top = doc.heading(title: title, subtitle: subtitle)
        top += drawLegend(&doc, entries: legendEntries, top: top + 2, centerX: width / 2, maxWidth: width - 40)
        draw(into: &doc, region: Region(x: 4, y: top, width: width - 8, height: height - top - 2))
        return doc.markup()
    }

    /// Legend entries, one per series, in the series' styles.
    var legendEntries: [LegendEntry] {
        series.indices.map {
            LegendEntry(label: series[$0].name, style: style(of: $0), swatch: .line,
                        showsMarker: markers ?? (series.map(\.y.count).max() ?? 0 <= 40))
        }
    }

    /// Draws axes, bands, lines, markers and marks inside `region` (no title, no legend).
    func draw(into doc: inout SVGDocument, region: Region) {
        var allY: [Double] = [], allX: [Double] = []
        for s in series {
            allX += s.x
            allY += s.y
            if let band = s.band { allY += band.lower; allY += band.upper }
        }
        let (frame, xs, ys) = layoutAxes(
            in: region, xLabel: xLabel, yLabel: yLabel,
            makeY: { logY ? .log(covering: allY, pixels: $0) : .linear(covering: allY, pixels: $0) },
            makeX: { .linear(covering: allX, pixels: $0, tickCount: 6, integerTicks: integerX) })
        drawAxes(&doc, frame: frame, x: xs, y: ys, xLabel: xLabel, yLabel: yLabel)
        let buckets = max(200, Int(frame.width))
        for (i, s) in series.enumerated() {
            if let band = s.band {
                doc.add(bandMarkup(x: s.x, lower: band.lower, upper: band.upper, xs: xs, ys: ys,
                                   color: style(of: i).color, buckets: buckets))
            }
        }
        for mark in marks { drawMark(mark, into: &doc, frame: frame, xs: xs, ys: ys) }
        for (i, s) in series.enumerated() {
            let style = self.style(of: i)
            let (tx, ty) = thinForDrawing(x: s.x, y: s.y, buckets: buckets)
            let dash = style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\""
            doc.add("<path d=\"\(polyline(tx, ty, xs, ys))\" fill=\"none\" stroke=\"\(style.color)\" "
                    + "stroke-width=\"2\" stroke-linejoin=\"round\"\(dash)/>")
            if markers ?? (series.map(\.y.count).max() ?? 0 <= 40) {
                var dots = ""
                for (px, py) in zip(tx, ty) {
                    guard let cx = xs.position(px), let cy = ys.position(py) else { continue }
                    dots += style.marker.markup(x: cx, y: cy, r: 3.2, color: style.color)
                }
                doc.add(dots)
            }
        }
        for h in highlights where h.series < series.count && h.index < series[h.series].y.count {
            let s = series[h.series]
            guard let cx = xs.position(s.x[h.index]), let cy = ys.position(s.y[h.index]) else { continue }
            doc.add("<circle cx=\"\(coord(cx))\" cy=\"\(coord(cy))\" r=\"7\" fill=\"none\" stroke=\"#000\" "
                    + "stroke-width=\"1.5\"/>")
        }
    }

    /// The palette style of series `i`.
    func style(of i: Int) -> SeriesStyle {
        .at(styleIndices.flatMap { i < $0.count ? $0[i] : nil } ?? i)
    }

    private func drawMark(_ mark: VerticalMark, into doc: inout SVGDocument, frame: PlotFrame, xs: Scale, ys: Scale) {
        guard let px = xs.position(mark.x) else { return }
        // Label at the top unless a line passes there (accuracy curves end high); then at the bottom.
        let crowded = series.contains { s in
            zip(s.x, s.y).contains {
                abs($0.0 - mark.x) <= abs(mark.x) * 1e-9 && (ys.position($0.1) ?? .infinity) < frame.top + 26
            }
        }
        let labelY = crowded ? frame.bottom - 6 : frame.top + 12
        doc.line(x1: px, y1: frame.top, x2: px, y2: frame.bottom, stroke: "#666", extra: "stroke-dasharray=\"3 3\"")
        let anchor = px > frame.left + frame.width * 0.75 ? "end" : "start"
        let tx = anchor == "end" ? px - 4 : px + 4
        doc.text(mark.label, x: tx, y: labelY, size: 10.5, anchor: anchor,
                 extra: "fill=\"#333\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"")
    }
}

/// Path data through the points, starting a new subpath after every point that cannot be
/// placed (NaN, or ≤ 0 on a log axis).
func polyline(_ x: [Double], _ y: [Double], _ xs: Scale, _ ys: Scale) -> String {
    var d = ""
    d.reserveCapacity(x.count * 11)
    var penDown = false, afterMove = false
    for i in 0..<min(x.count, y.count) {
        guard let px = xs.position(x[i]), let py = ys.position(y[i]) else { penDown = false; continue }
        if !penDown {
            d += "M\(coord(px)) \(coord(py))"
            penDown = true
            afterMove = true
        } else {
            d += afterMove ? "L\(coord(px)) \(coord(py))" : " \(coord(px)) \(coord(py))"
            afterMove = false
        }
    }
    return d
}

/// A translucent polygon between `lower` and `upper`; long bands are reduced per bucket to the
/// lowest lower edge and highest upper edge, so the band never looks narrower than it is.
func bandMarkup(x: [Double], lower: [Double], upper: [Double], xs: Scale, ys: Scale, color: String,
                buckets: Int) -> String {
    var bx: [Double] = [], lo: [Double] = [], hi: [Double] = []
    let n = x.count, count = min(n, buckets)
    for b in 0..<count {
        let start = b * n / count, end = (b + 1) * n / count
        var l = Double.infinity, u = -Double.infinity
        for i in start..<end where lower[i].isFinite && upper[i].isFinite {
            l = min(l, lower[i]); u = max(u, upper[i])
        }
        guard l.isFinite else { continue }
        bx.append(x[(start + end - 1) / 2]); lo.append(l); hi.append(u)
    }
    var points: [String] = []
    for i in bx.indices {
        if let px = xs.position(bx[i]), let py = ys.clampedPosition(hi[i]) {
            points.append("\(coord(px)),\(coord(py))")
        }
    }
    for i in bx.indices.reversed() {
        if let px = xs.position(bx[i]), let py = ys.clampedPosition(lo[i]) {
            points.append("\(coord(px)),\(coord(py))")
        }
    }
    guard points.count >= 3 else { return "" }
    return "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\".18\" "
        + "stroke=\"none\"/>"
}

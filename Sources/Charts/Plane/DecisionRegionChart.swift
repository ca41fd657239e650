/// A 2-D classifier's decision regions as a tinted raster (one tint per class, paler where the
/// model is less sure) with the data points drawn on top, framed by x/y axes and a class legend.
///
/// Points alternate between circles and squares by class, so neighbouring classes stay apart
/// on a grey-scale printout.
public struct DecisionRegionChart: Chart {
    /// The plane the grid covers.
    public var plane: PlaneExtent
    /// Predicted class per grid point, top row first (`resolution²` values).
    public var classes: [Int]
    /// The probability of that class per grid point, 0…1.
    public var confidence: [Double]
    /// The data points' coordinates.
    public var x: [Double], y: [Double]
    /// The data points' true classes (0-based).
    public var labels: [Int]
    /// Class names for the legend; classes without one are called "class n".
    public var classNames: [String]
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title (the accuracy on these points).
    public var subtitle: String?

    /// Creates the chart; the data is checked when `svg` is called.
    public init(plane: PlaneExtent, classes: [Int], confidence: [Double], x: [Double], y: [Double], labels: [Int],
                classNames: [String], title: String = "Decision regions", subtitle: String? = nil) {
        self.plane = plane
        (self.classes, self.confidence) = (classes, confidence)
        (self.x, self.y, self.labels) = (x, y, labels)
        self.classNames = classNames
        (self.title, self.subtitle) = (title, subtitle)
    }

    /// The chart as SVG markup. The plot is square: when the width limits it, the chart is
    /// less high than `height` (nil: 500).
    /// - Throws: `ChartError` when the grid or the points' arrays do not line up.
    public func svg(width: Double = 480, height: Double? = nil) throws -> String {
        let height = height ?? 500, name = "DecisionRegionChart"
        try checkCanvas(width: width, height: height, chart: name)
        guard confidence.count == classes.count else {
            throw ChartError(name, "\(classes.count) classes but \(confidence.count) confidences; "
                             + "give one of each per grid point")
        }
        guard x.count == y.count, x.count == labels.count else {
            throw ChartError(name, "\(x.count) x, \(y.count) y and \(labels.count) labels; give one of each per point")
        }
        if let bad = (classes + labels).first(where: { $0 < 0 }) {
            throw ChartError(name, "class index \(bad) is negative; classes are numbered from 0")
        }
        let classCount = max(classNames.count, (classes.max() ?? 0) + 1, (labels.max() ?? 0) + 1)
        var doc = SVGDocument(width: width, height: height, title: title.isEmpty ? "decision regions" : title)
        var top = doc.heading(title: title, subtitle: subtitle)
        top += drawLegend(&doc, entries: (0..<classCount).map(legendEntry), top: top + 2, centerX: width / 2,
                          maxWidth: width - 40)
        let region = Region(x: 4, y: top, width: width - 8, height: height - top - 2)
        let (xRange, yRange) = (plane.x, plane.y)
        let room = layoutAxes(in: region, xLabel: "x", yLabel: "y", makeY: { .linear(spanning: yRange, pixels: $0) },
                              makeX: { .linear(spanning: xRange, pixels: $0) }).frame
        // The grid is square, so the plot is too: centred across, the chart ends below it.
        let side = max(60, min(room.width, room.height)), left = room.left + (room.width - side) / 2
        let frame = PlotFrame(left: left, top: room.top, right: left + side, bottom: room.top + side)
        let xs = Scale.linear(spanning: xRange, pixels: (frame.left, frame.right))
        let ys = Scale.linear(spanning: yRange, pixels: (frame.bottom, frame.top))
        drawAxes(&doc, frame: frame, x: xs, y: ys, xLabel: "x", yLabel: "y")
        doc.add(try raster(classCount: classCount).svgImage(x: frame.left, y: frame.top, width: side, height: side))
        var marks = ""
        for i in x.indices {
            guard let px = xs.position(x[i]), let py = ys.position(y[i]) else { continue }
            let style = legendEntry(labels[i]).style
            marks += style.marker.markup(x: px, y: py, r: style.marker == .circle ? 3.2 : 3.4, color: style.color)
        }
        doc.add("<g stroke=\"#fff\" stroke-width=\".8\">\(marks)</g>")
        doc.rect(x: frame.left, y: frame.top, width: side, height: side, fill: "none",
                 extra: "stroke=\"\(ChartStyle.axisColor)\"")
        doc.height = frame.bottom + (region.y + region.height - room.bottom) + 2
        return doc.markup()
    }

    /// Class c in the palette's colour c, round for even classes and square for odd ones.
    private func legendEntry(_ c: Int) -> LegendEntry {
        let style = SeriesStyle(color: SeriesStyle.at(c).color, dash: "", marker: c % 2 == 0 ? .circle : .square)
        return LegendEntry(label: c < classNames.count ? classNames[c] : "class \(c)", style: style, swatch: .marker)
    }

    /// Class c's tint at two strengths: anchors 2c (unsure, near white) and 2c + 1 (sure). A
    /// grid point's value 2c + s, with s its confidence rescaled from chance…1 to 0…1, lands
    /// between them.
    private func raster(classCount: Int) throws -> RasterImage {
        let anchors = (0..<classCount).flatMap { c -> [RGB] in
            let base = RGB(hex: SeriesStyle.at(c).color)
            return [base.tinted(0.9), base.tinted(0.62)]
        }
        let chance = 1 / Double(max(classCount, 2))
        let values = zip(classes, confidence).map { c, p in
            Double(2 * c) + min(1, max(0, (p - chance) / (1 - chance)))
        }
        return try RasterImage.colorMapped(values, width: plane.resolution, height: plane.resolution,
                                           colorMap: ColorMap(anchors: anchors), range: 0...Double(2 * classCount - 1))
    }
}

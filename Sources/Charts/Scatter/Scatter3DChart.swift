/// Points in space seen through an orthographic camera, optionally joined in order into
/// trajectories (the hidden state of a three-unit recurrent layer as it reads a sequence).
/// Looks and reads like `ScatterChart`: same colouring, legend, colour bar and trajectory line.
public struct Scatter3DChart: Chart {
    /// Coordinates along the box's width axis; points with a non-finite coordinate are left out.
    public var x: [Double]
    /// Coordinates along the depth axis, one per x.
    public var y: [Double]
    /// Coordinates along the vertical axis, one per x.
    public var z: [Double]
    /// How points are coloured (and shaped).
    public var coloring: ScatterColoring
    /// Index ranges whose points are joined by a thin line in index order.
    public var trajectories: [Range<Int>]
    /// Axis titles.
    public var xLabel: String, yLabel: String, zLabel: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title.
    public var subtitle: String
    /// Degrees the camera is turned about the vertical axis: 0 looks along +y (x runs left to
    /// right); positive turns the camera counter-clockwise seen from above. matplotlib's
    /// `view_init` shows the same view with azim = azimuth − 90.
    public var azimuth: Double
    /// Degrees the camera is raised above the x–y plane (negative looks from below).
    public var elevation: Double

    /// Creates the chart; the data is checked when `svg` is called.
    public init(x: [Double], y: [Double], z: [Double], coloring: ScatterColoring = .single,
                trajectories: [Range<Int>] = [], xLabel: String = "", yLabel: String = "", zLabel: String = "",
                title: String = "", subtitle: String = "", azimuth: Double = 35, elevation: Double = 25) {
        (self.x, self.y, self.z) = (x, y, z)
        self.coloring = coloring
        self.trajectories = trajectories
        (self.xLabel, self.yLabel, self.zLabel) = (xLabel, yLabel, zLabel)
        (self.title, self.subtitle) = (title, subtitle)
        (self.azimuth, self.elevation) = (azimuth, elevation)
    }

    /// The chart as SVG markup.
    /// `height` nil draws it 460 units high.
    /// - Throws: `ChartError` when the arrays differ in length, a class index has no name, a
    ///   trajectory reaches past the points, or the view angles are not finite.
    public func svg(width: Double = 560, height: Double? = nil) throws -> String {
        let height = height ?? 460
        let name = "Scatter3DChart"
        try checkCanvas(width: width, height: height, chart: name)
        guard x.count == y.count && x.count == z.count else {
            throw ChartError(name, "\(x.count) x, \(y.count) y and \(z.count) z values; give one of each per point")
        }
        guard azimuth.isFinite && elevation.isFinite else {
            throw ChartError(name, "view angles azimuth \(azimuth)°, elevation \(elevation)° must be finite numbers "
                             + "of degrees")
        }
        for t in trajectories where t.lowerBound < 0 || t.upperBound > x.count {
            throw ChartError(name, "trajectory \(t.lowerBound)..<\(t.upperBound) reaches past the \(x.count) points")
        }
        try coloring.check(count: x.count, chart: name)
        let compact = x.count > ScatterChart.compactThreshold
        var doc = SVGDocument(width: width, height: height, title: title)
        var top = doc.heading(title: title, subtitle: subtitle)
        let entries = coloring.legendEntries(compact: compact)
        top += drawLegend(&doc, entries: entries, top: top + 2, centerX: width / 2, maxWidth: width - 40)
        let colorBarRoom: Double = if case .values = coloring { 74 } else { 0 }
        let region = Region(x: 4, y: top, width: width - 8 - colorBarRoom, height: height - top - 2)
        var axes = Axes3D(camera: Camera3D(azimuth: azimuth, elevation: elevation), data: [x, y, z],
                          titles: [xLabel, yLabel, zLabel])
        axes.fit(in: region)
        axes.draw(&doc)
        // Project first, then reuse the 2-D line helper with identity scales: it lifts the pen
        // at points that cannot be placed.
        let identity = Scale(kind: .linear, domain: 0...1, pixels: (0, 1), ticks: [], labels: [])
        let screen = x.indices.map { i in axes.boxPoint(x[i], y[i], z[i]).map(axes.pixel) ?? SIMD2(.nan, .nan) }
        for t in trajectories where t.count > 1 {
            let path = polyline(screen[t].map(\.x), screen[t].map(\.y), identity, identity)
            doc.add("<path d=\"\(path)\" fill=\"none\" stroke=\"#8a94a6\" stroke-width=\"1\" stroke-opacity=\".8\"/>")
        }
        let range = coloring.valueRange
        doc.add(pointsMarkup(axes: axes, screen: screen, range: range, compact: compact))
        if case .values(_, let label) = coloring {
            var bar = HeatmapChart(values: [[0]])
            bar.colorLabel = label
            bar.drawColorBar(&doc, x: region.x + region.width + 12, top: region.y + 8, height: region.height - 30,
                             range: range)
        }
        return doc.markup()
    }

    /// Points from farthest to nearest, so nearer ones cover farther ones; farther points are
    /// smaller and paler (mixed toward the white page), which is what makes depth readable in
    /// a still picture. Many points are drawn as round dots grouped into six depth slabs and, in
    /// each slab, one path per colour: order is kept between slabs only, which small dots hide.
    private func pointsMarkup(axes: Axes3D, screen: [SIMD2<Double>], range: ClosedRange<Double>,
                              compact: Bool) -> String {
        let depths = axes.depthRange, span = max(1e-9, depths.upperBound - depths.lowerBound)
        let order = x.indices.compactMap { i -> (nearness: Double, i: Int)? in
            guard let p = axes.boxPoint(x[i], y[i], z[i]) else { return nil }
            return ((axes.camera.depth(p) - depths.lowerBound) / span, i)
        }.sorted { ($0.nearness, $0.i) < ($1.nearness, $1.i) }
        func faded(_ color: RGB, _ nearness: Double) -> String {
            color.tinted(0.45 * (1 - nearness)).hex
        }
        if !compact {
            let marks = order.map { nearness, i in
                let look = coloring.look(of: i, range: range, compact: false)
                return look.marker.markup(x: screen[i].x, y: screen[i].y, r: 3.4 * (0.75 + 0.3 * nearness),
                                          color: faded(look.color, nearness))
            }
            return "<g stroke=\"#fff\" stroke-width=\".4\">\(marks.joined())</g>"
        }
        let slabs = 6, dot = x.count > 2000 ? 3.2 : 4.6
        var paths: [String: String] = [:], keys: [String] = []
        for (nearness, i) in order {
            let slab = min(slabs - 1, Int(nearness * Double(slabs)))
            let level = (Double(slab) + 0.5) / Double(slabs)
            let color = faded(coloring.look(of: i, range: range, compact: true).color, level)
            let key = "stroke=\"\(color)\" stroke-width=\"\(coord(dot * (0.75 + 0.3 * level)))\""
            if paths[key] == nil { keys.append(key) }
            paths[key, default: ""] += "M" + point(screen[i]) + "h0"
        }
        return "<g stroke-linecap=\"round\" fill=\"none\">"
            + keys.map { "<path d=\"\(paths[$0]!)\" \($0)/>" }.joined() + "</g>"
    }
}

/// What the 2-D and 3-D scatter charts share about colouring: the per-point checks, the legend
/// and each point's colour and marker.

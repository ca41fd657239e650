/// A matrix of values as coloured cells with labelled rows and columns and a colour bar.
/// Small matrices are drawn as SVG cells with optional text; large ones (more than 2,500 cells,
/// such as hidden units × time steps) as one pixelated PNG image, to keep the report small.
public struct HeatmapChart: Chart {
    /// values[row][column]; NaN cells are drawn light grey.
    public var values: [[Double]]
    /// Labels down the left side, one per row (or none).
    public var rowLabels: [String]
    /// Labels under the matrix, one per column (or none).
    public var columnLabels: [String]
    /// Title of the x axis.
    public var xLabel: String
    /// Title of the y axis.
    public var yLabel: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title.
    public var subtitle: String?
    /// Text written in each cell (same shape as `values`), or nil for none.
    public var cellText: [[String]]?
    /// Cells whose text is bold and outlined (the diagonal of a confusion matrix).
    public var emphasizeDiagonal = false
    /// Value range mapped onto the colour scale; nil uses the data's min and max.
    public var colorRange: ClosedRange<Double>?
    /// The colour scale cells are painted with.
    public var colorMap: ColorMap = .viridis
    /// Title of the colour bar.
    public var colorLabel = ""
    /// Square cells (a confusion matrix); otherwise cells stretch to fill the chart.
    public var squareCells = false

    /// Creates the chart; the data is checked when `svg` is called.
    public init(values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [], xLabel: String = "",
                yLabel: String = "", title: String = "", subtitle: String? = nil) {
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.subtitle = subtitle
    }

    /// The chart as SVG markup.
    /// `height` nil draws it 520 units high.
    /// - Throws: `ChartError` when rows differ in length or labels do not match the matrix.
    public func svg(width: Double = 560, height: Double? = nil) throws -> String {
        let height = height ?? 520
        try checkCanvas(width: width, height: height, chart: "HeatmapChart")
        let rows = values.count, cols = values.first?.count ?? 0
        guard rows > 0, cols > 0 else {
            throw ChartError("HeatmapChart", "the matrix is empty; give at least one row with one value")
        }
        if let bad = values.firstIndex(where: { $0.count != cols }) {
            throw ChartError("HeatmapChart", "row \(bad) has \(values[bad].count) values but row 0 has \(cols); "
                             + "all rows must be equally long")
        }
        for (name, labels, count) in [("row", rowLabels, rows), ("column", columnLabels, cols)]
        where !labels.isEmpty && labels.count != count {
            throw ChartError("HeatmapChart",
                             "\(labels.count) \(name) labels for \(count) \(name)s; give one label per \(name) or none")
        }
        if let cellText, cellText.count != rows || cellText.contains(where: { $0.count != cols }) {
            throw ChartError("HeatmapChart", "cell text must have the matrix's shape \(rows)×\(cols)")
        }
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let range = colorRange ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
        var doc = SVGDocument(width: width, height: height, title: title)
        let top = doc.heading(title: title, subtitle: subtitle) + 6

        // Margins: row labels on the left, column labels below (turned if long), colour bar right.
        let labelFont = min(ChartStyle.tickFont, max(7, (height - top - 40) / Double(rows) * 0.7))
        let rowLabelWidth = (rowLabels.map { textWidth($0, fontSize: labelFont) }.max() ?? 0) + 8
        let colLabelWidth = columnLabels.map { textWidth($0, fontSize: labelFont) }.max() ?? 0
        let left = 4 + (yLabel.isEmpty ? 0 : 20) + rowLabelWidth
        let barRoom = colorLabel.isEmpty ? 66.0 : 84.0
        var cellWidth = (width - left - barRoom) / Double(cols)
        let rotate = colLabelWidth > cellWidth - 4 && cols <= 30 // many columns: label every k-th, upright
        let bottomRoom = (rotate ? colLabelWidth * 0.7 + 14 : 18) + (xLabel.isEmpty ? 4 : 20)
        var cellHeight = max(1, (height - top - bottomRoom) / Double(rows))
        if squareCells { (cellWidth, cellHeight) = (min(cellWidth, cellHeight), min(cellWidth, cellHeight)) }
        let cell = CellSize(width: cellWidth, height: cellHeight)
        let gridWidth = cell.width * Double(cols), gridHeight = cell.height * Double(rows)
        let frame = PlotFrame(left: left, top: top, right: left + gridWidth, bottom: top + gridHeight)

        if rows * cols > 2500 {
            drawRaster(&doc, frame: frame, range: range, rows: rows, cols: cols)
        } else {
            drawCells(&doc, frame: frame, cell: cell, range: range)
        }
        drawLabels(&doc, frame: frame, cell: cell, font: labelFont, rotate: rotate, bottomRoom: bottomRoom)
        drawColorBar(&doc, x: frame.right + 14, top: frame.top, height: gridHeight, range: range)
        return doc.markup()
    }

    private func fill(_ v: Double, _ range: ClosedRange<Double>) -> RGB {
        guard v.isFinite else { return RGB(r: 0.9, g: 0.9, b: 0.9) }
        let span = range.upperBound - range.lowerBound
        return colorMap.color(at: span > 0 ? (v - range.lowerBound) / span : 0.5)
    }

    private func drawCells(_ doc: inout SVGDocument, frame: PlotFrame, cell: CellSize, range: ClosedRange<Double>) {
        let (w, h) = (cell.width, cell.height)
        let font = min(12.5, min(w, h) * 0.3)
        for (r, row) in values.enumerated() {
            for (c, v) in row.enumerated() {
                let x = frame.left + Double(c) * w, y = frame.top + Double(r) * h
                let color = fill(v, range)
                doc.rect(x: x, y: y, width: w + 0.3, height: h + 0.3, fill: color.hex)
                guard let text = cellText?[r][c], !text.isEmpty, min(w, h) >= 12 else { continue }
                let diagonal = emphasizeDiagonal && r == c
                let size = min(font, (w - 3) / (Double(text.count) * 0.62))
                doc.text(text, x: x + w / 2, y: y + h / 2 + size * 0.36, size: size,
                         extra: "fill=\"\(color.contrastingText)\"" + (diagonal ? " font-weight=\"700\"" : ""))
            }
        }
        if emphasizeDiagonal {
            var outline = ""
            for i in 0..<min(values.count, values[0].count) {
                outline += "M\(coord(frame.left + Double(i) * w + 1)) \(coord(frame.top + Double(i) * h + 1))"
                    + "h\(coord(w - 2))v\(coord(h - 2))h\(coord(2 - w))z"
            }
            doc.add("<path d=\"\(outline)\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\" "
                    + "stroke-opacity=\".55\"/>")
        }
        doc.add("<rect x=\"\(coord(frame.left))\" y=\"\(coord(frame.top))\" width=\"\(coord(frame.width))\" "
                + "height=\"\(coord(frame.height))\" fill=\"none\" stroke=\"#444\"/>")
    }

    private func drawRaster(_ doc: inout SVGDocument, frame: PlotFrame, range: ClosedRange<Double>, rows: Int,
                            cols: Int) {
        var pixels = [UInt8]()
        pixels.reserveCapacity(rows * cols * 3)
        for row in values {
            for v in row { let (r, g, b) = fill(v, range).bytes; pixels += [r, g, b] }
        }
        let image = RasterImage(width: cols, height: rows, channels: 3, pixels: pixels)
        doc.add(image.svgImage(x: frame.left, y: frame.top, width: frame.width, height: frame.height))
    }

    private func drawLabels(_ doc: inout SVGDocument, frame: PlotFrame, cell: CellSize, font: Double, rotate: Bool,
                            bottomRoom: Double) {
        // Label every k-th row/column when cells are too small for every label.
        let everyRow = max(1, Int((font * 1.2 / cell.height).rounded(.up)))
        let widest = columnLabels.map { textWidth($0, fontSize: font) }.max() ?? 0
        let everyColumn = max(1, Int(((rotate ? font * 1.2 : widest + 6) / cell.width).rounded(.up)))
        for (r, label) in rowLabels.enumerated() where r % everyRow == 0 {
            doc.text(label, x: frame.left - 5, y: frame.top + (Double(r) + 0.5) * cell.height + font * 0.35, size: font,
                     anchor: "end")
        }
        for (c, label) in columnLabels.enumerated() where c % everyColumn == 0 {
            let cx = frame.left + (Double(c) + 0.5) * cell.width
            if rotate {
                doc.text(label, x: cx, y: frame.bottom + 10, size: font, anchor: "end",
                         extra: "transform=\"rotate(-45 \(coord(cx)) \(coord(frame.bottom + 10)))\"")
            } else {
                doc.text(label, x: cx, y: frame.bottom + 14, size: font)
            }
        }
        if !xLabel.isEmpty {
            doc.text(xLabel, x: (frame.left + frame.right) / 2, y: frame.bottom + bottomRoom - 2,
                     size: ChartStyle.labelFont, extra: "font-weight=\"600\"")
        }
        if !yLabel.isEmpty {
            let lx = 16.0, ly = (frame.top + frame.bottom) / 2
            doc.text(yLabel, x: lx, y: ly, size: ChartStyle.labelFont,
                     extra: "font-weight=\"600\" transform=\"rotate(-90 \(coord(lx)) \(coord(ly)))\"")
        }
    }

    func drawColorBar(_ doc: inout SVGDocument, x: Double, top: Double, height: Double, range: ClosedRange<Double>) {
        let steps = 32
        for i in 0..<steps {
            let t = 1 - (Double(i) + 0.5) / Double(steps)
            doc.rect(x: x, y: top + height * Double(i) / Double(steps), width: 12, height: height / Double(steps) + 0.4,
                     fill: colorMap.color(at: t).hex)
        }
        doc.add("<rect x=\"\(coord(x))\" y=\"\(coord(top))\" width=\"12\" height=\"\(coord(height))\" fill=\"none\" "
                + "stroke=\"#444\" stroke-width=\".6\"/>")
        let scale = Scale.linear(covering: [range.lowerBound, range.upperBound], pixels: (top + height, top),
                                 tickCount: 4)
        for (tick, label) in zip(scale.ticks, scale.labels) where range.contains(tick) {
            let span = range.upperBound - range.lowerBound
            let py = top + height - (span > 0 ? (tick - range.lowerBound) / span : 0.5) * height
            doc.line(x1: x + 12, y1: py, x2: x + 15, y2: py, stroke: "#444")
            doc.text(label, x: x + 17, y: py + 3.5, size: 10, anchor: "start")
        }
        if !colorLabel.isEmpty {
            let lx = x + 60, ly = top + height / 2
            doc.text(colorLabel, x: lx, y: ly, size: 10.5,
                     extra: "fill=\"#555\" transform=\"rotate(90 \(coord(lx)) \(coord(ly)))\"")
        }
    }
}

/// The size of one heatmap cell in user units.
struct CellSize {
    var width: Double
    var height: Double
}

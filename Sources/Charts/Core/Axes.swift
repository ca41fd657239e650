import CellOutput

/// Draws grid lines, both axes, their tick labels and their titles.
func drawAxes(_ doc: inout SVGDocument, frame: PlotFrame, x: Scale, y: Scale, xLabel: String, yLabel: String) {
    var grid = ""
    for tick in y.ticks {
        guard let py = y.position(tick) else { continue }
        grid += "M\(coord(frame.left)) \(coord(py))H\(coord(frame.right))"
    }
    for tick in x.ticks {
        guard let px = x.position(tick) else { continue }
        grid += "M\(coord(px)) \(coord(frame.top))V\(coord(frame.bottom))"
    }
    doc.add("<path d=\"\(grid)\" stroke=\"\(ChartStyle.gridColor)\" fill=\"none\"/>")
    drawYAxis(&doc, frame: frame, y: y, yLabel: yLabel)
    doc.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: ChartStyle.axisColor)
    var labels = "<g font-size=\"\(coord(ChartStyle.tickFont))\" text-anchor=\"middle\" "
        + "fill=\"\(ChartStyle.tickTextColor)\">"
    var ticks = ""
    for (tick, label) in zip(x.ticks, x.labels) {
        guard let px = x.position(tick) else { continue }
        ticks += "M\(coord(px)) \(coord(frame.bottom))v4"
        labels += "<text x=\"\(coord(px))\" y=\"\(coord(frame.bottom + 16))\">\(escapeMarkup(label))</text>"
    }
    doc.add("<path d=\"\(ticks)\" stroke=\"\(ChartStyle.axisColor)\"/>" + labels + "</g>")
    if !xLabel.isEmpty {
        doc.text(xLabel, x: (frame.left + frame.right) / 2, y: frame.bottom + 33, size: ChartStyle.labelFont)
    }
}

/// Draws the y axis line, its ticks, tick labels and rotated title.
func drawYAxis(_ doc: inout SVGDocument, frame: PlotFrame, y: Scale, yLabel: String) {
    doc.line(x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom, stroke: ChartStyle.axisColor)
    var labels = "<g font-size=\"\(coord(ChartStyle.tickFont))\" text-anchor=\"end\" "
        + "fill=\"\(ChartStyle.tickTextColor)\">"
    var ticks = ""
    var widest = 0.0
    for (tick, label) in zip(y.ticks, y.labels) {
        guard let py = y.position(tick) else { continue }
        ticks += "M\(coord(frame.left - 4)) \(coord(py))h4"
        labels += "<text x=\"\(coord(frame.left - 7))\" y=\"\(coord(py + 3.8))\">\(escapeMarkup(label))</text>"
        widest = max(widest, textWidth(label, fontSize: ChartStyle.tickFont))
    }
    doc.add("<path d=\"\(ticks)\" stroke=\"\(ChartStyle.axisColor)\"/>" + labels + "</g>")
    if !yLabel.isEmpty {
        let lx = frame.left - widest - 16, ly = (frame.top + frame.bottom) / 2
        doc.text(yLabel, x: lx, y: ly, size: ChartStyle.labelFont,
                 extra: "transform=\"rotate(-90 \(coord(lx)) \(coord(ly)))\"")
    }
}

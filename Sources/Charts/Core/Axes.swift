import CellOutput
/// The rectangle data is drawn in, in SVG user units.
struct PlotFrame {
    var left: Double, top: Double, right: Double, bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// A region of the SVG a panel may fill (its axes, labels and data included).
struct Region {
    var x: Double, y: Double, width: Double, height: Double
}

enum AxisStyle {
    static let tickFont = 11.0
    static let labelFont = 12.0
    static let axisColor = "#444"
    static let gridColor = "#e3e7ee"
}

/// Lays out a panel with numeric axes inside `region`: the y scale is made first (it only needs
/// the vertical extent), its widest label then decides the left margin, and the x scale fills
/// the rest.
func layoutAxes(in region: Region, xLabel: String, yLabel: String,
                makeY: ((Double, Double)) -> Scale, makeX: ((Double, Double)) -> Scale)
    -> (frame: PlotFrame, x: Scale, y: Scale) {
    let top = region.y + 8
    let bottom = region.y + region.height - (xLabel.isEmpty ? 22 : 40)
    let y = makeY((bottom, top))
    let widest = y.labels.map { textWidth($0, fontSize: AxisStyle.tickFont) }.max() ?? 0
    let left = region.x + widest + 10 + (yLabel.isEmpty ? 4 : 22)
    // The last x label is centred on the axis end; leave room for its right half.
    let guess = makeX((left, region.x + region.width - 14))
    let overhang = textWidth(guess.labels.last ?? "", fontSize: AxisStyle.tickFont) / 2 + 4
    let right = region.x + region.width - max(14, overhang)
    let x = makeX((left, right))
    return (PlotFrame(left: left, top: top, right: right, bottom: bottom), x, y)
}

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
    doc.add("<path d=\"\(grid)\" stroke=\"\(AxisStyle.gridColor)\" fill=\"none\"/>")
    drawYAxis(&doc, frame: frame, y: y, yLabel: yLabel)
    doc.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: AxisStyle.axisColor)
    var labels = "<g font-size=\"\(coord(AxisStyle.tickFont))\" text-anchor=\"middle\" fill=\"#333\">"
    var ticks = ""
    for (tick, label) in zip(x.ticks, x.labels) {
        guard let px = x.position(tick) else { continue }
        ticks += "M\(coord(px)) \(coord(frame.bottom))v4"
        labels += "<text x=\"\(coord(px))\" y=\"\(coord(frame.bottom + 16))\">\(escapeMarkup(label))</text>"
    }
    doc.add("<path d=\"\(ticks)\" stroke=\"\(AxisStyle.axisColor)\"/>" + labels + "</g>")
    if !xLabel.isEmpty {
        doc.text(xLabel, x: (frame.left + frame.right) / 2, y: frame.bottom + 33, size: AxisStyle.labelFont)
    }
}

/// Draws the y axis line, its ticks, tick labels and rotated title.
func drawYAxis(_ doc: inout SVGDocument, frame: PlotFrame, y: Scale, yLabel: String) {
    doc.line(x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom, stroke: AxisStyle.axisColor)
    var labels = "<g font-size=\"\(coord(AxisStyle.tickFont))\" text-anchor=\"end\" fill=\"#333\">"
    var ticks = ""
    var widest = 0.0
    for (tick, label) in zip(y.ticks, y.labels) {
        guard let py = y.position(tick) else { continue }
        ticks += "M\(coord(frame.left - 4)) \(coord(py))h4"
        labels += "<text x=\"\(coord(frame.left - 7))\" y=\"\(coord(py + 3.8))\">\(escapeMarkup(label))</text>"
        widest = max(widest, textWidth(label, fontSize: AxisStyle.tickFont))
    }
    doc.add("<path d=\"\(ticks)\" stroke=\"\(AxisStyle.axisColor)\"/>" + labels + "</g>")
    if !yLabel.isEmpty {
        let lx = frame.left - widest - 16, ly = (frame.top + frame.bottom) / 2
        doc.text(yLabel, x: lx, y: ly, size: AxisStyle.labelFont, extra: "transform=\"rotate(-90 \(coord(lx)) \(coord(ly)))\"")
    }
}

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

/// Lays out a panel with numeric axes inside `region`: the y scale is made first (it only needs
/// the vertical extent), its widest label then decides the left margin, and the x scale fills
/// the rest.
func layoutAxes(in region: Region, xLabel: String, yLabel: String,
                makeY: ((Double, Double)) -> Scale, makeX: ((Double, Double)) -> Scale)
    -> (frame: PlotFrame, x: Scale, y: Scale) {
    let top = region.y + 8
    let bottom = region.y + region.height - (xLabel.isEmpty ? 22 : 40)
    let y = makeY((bottom, top))
    let widest = y.labels.map { textWidth($0, fontSize: ChartStyle.tickFont) }.max() ?? 0
    let left = region.x + widest + 10 + (yLabel.isEmpty ? 4 : 22)
    // The last x label is centred on the axis end; leave room for its right half.
    let guess = makeX((left, region.x + region.width - 14))
    let overhang = textWidth(guess.labels.last ?? "", fontSize: ChartStyle.tickFont) / 2 + 4
    let right = region.x + region.width - max(14, overhang)
    let x = makeX((left, right))
    return (PlotFrame(left: left, top: top, right: right, bottom: bottom), x, y)
}
